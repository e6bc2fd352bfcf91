#pragma once

// Files added to a release after it was made (the reward-model report of `evaluate-scorer --release`),
// so that its manifest still names everything the release holds: each file is written, then listed in the
// manifest's "files" with its SHA-256 and in "additions" with its kind and when it came; the card
// (README.md) gains the addition's section, and its hash in "files" follows. Adding the same kind and
// name again replaces the files and the section.

#include "common/result.h"

#include <string>
#include <utility>
#include <vector>

namespace curator {

struct ReleaseAddition {
    std::string kind; // e.g. "scorer_report"
    std::string name; // what it is about (the scorer); kind + name identify the addition
    std::vector<std::pair<std::string, std::string>> files; // path relative to the release, contents
    std::string cardSection; // Markdown for README.md; empty: the card is left as it is
};

// The releases of a workspace: the folders of exports/ that hold a manifest.json, by tag.
std::vector<std::string> releaseTags(const std::string& workspaceDirectory);
// exports/TAG of the workspace; an error names the tag when it is no release (a tag with '/' or a leading
// '.' is none).
Result<std::string> releaseDirectory(const std::string& workspaceDirectory, const std::string& tag);

// `releaseDirectory`: exports/TAG, holding manifest.json. Errors name the file and what was wrong: no
// manifest, one that is not a release's, a path that leaves the release.
Status addToRelease(const std::string& releaseDirectory, const ReleaseAddition& addition);

} // namespace curator
