#pragma once

// What a commit says about its images, for a labelled release: the taxonomy attributes it is about and
// its aesthetic direction. Commits made by this program carry taxonomy attributes as tags; commits
// imported from the original system only say so in free text ("subelement: ...; aesthetic_direction:
// high-aesthetic", "... anti-aesthetics", "子元素：... 反美学目标：..."), which parseCommitMessage reads.

#include "dataset/curationlog.h"

#include <string>
#include <vector>

namespace curator {

class Taxonomy;

enum class AestheticDirection { Unknown, Anti, Pro };

// "anti", "pro", "unknown".
const char* aestheticDirectionName(AestheticDirection direction);

// What a free-text commit message says, where it says it.
struct MessageLabels {
    AestheticDirection direction = AestheticDirection::Unknown;
    bool explicitDirection = false; // from an "aesthetic_direction:" field, not a keyword in the prose
    std::string subelement;         // the text after "subelement:" / "sub-element:" / "子元素："
    std::vector<std::string> tags;  // the comma-separated list after "tags:"
};

MessageLabels parseCommitMessage(const std::string& message);

// A commit's labels as a release records them.
struct CommitLabels {
    AestheticDirection direction = AestheticDirection::Unknown;
    // Where the direction came from: "message" (an aesthetic_direction field, or, without taxonomy
    // attributes, a keyword such as "anti-aesthetics"), "taxonomy" (the group of its attributes:
    // anti_aesthetics -> anti, pro_aesthetics -> pro), or "none".
    std::string directionFrom = "none";
    std::vector<std::string> attributes; // taxonomy attribute names, as the taxonomy spells them
    std::string subelement;
};

// The attributes: every tag of the commit, tag of its message and its subelement that names a taxonomy
// attribute (Taxonomy::findAttribute); with none of those labels, the query when it names one (the rule
// of taxonomy coverage). The direction, in this order: the message's aesthetic_direction field, the
// taxonomy groups of the attributes when they agree, a keyword of the message, else unknown.
CommitLabels labelCommit(const CommitInfo& commit, const Taxonomy& taxonomy);

// The direction of an attribute's taxonomy group: a name containing "anti" is anti, "pro" pro.
AestheticDirection groupDirection(const std::string& groupName);

} // namespace curator
