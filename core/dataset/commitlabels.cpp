#include "dataset/commitlabels.h"

#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cctype>

namespace curator {

namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text) {
    const char* space = " \t\r\n.,:";
    const size_t first = text.find_first_not_of(space);
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

bool containsAny(const std::string& text, std::initializer_list<const char*> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](const char* needle) { return text.find(needle) != std::string::npos; });
}

// The value of a "key: value" field: after the first key found (ASCII or full-width colon) up to the
// next ';', '；', '。' or line end; empty when no key is present. `lower` is the lowercased message, the
// value is cut from `message` at the same offsets.
std::string fieldValue(const std::string& message, const std::string& lower,
                       std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        size_t at = lower.find(key);
        while (at != std::string::npos) {
            size_t value = at + std::char_traits<char>::length(key);
            while (value < lower.size() && lower[value] == ' ') {
                ++value;
            }
            const std::string fullWidthColon = "\xEF\xBC\x9A"; // ：
            if (value < lower.size() && lower[value] == ':') {
                ++value;
            } else if (lower.compare(value, fullWidthColon.size(), fullWidthColon) == 0) {
                value += fullWidthColon.size();
            } else {
                at = lower.find(key, at + 1);
                continue;
            }
            size_t end = lower.size();
            for (const char* stop : {";", "\n", "\xEF\xBC\x9B" /* ； */, "\xE3\x80\x82" /* 。 */}) {
                end = std::min(end, lower.find(stop, value));
            }
            return trimmed(message.substr(value, end - value));
        }
    }
    return {};
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = trimmed(text.substr(start, comma - start));
        if (!item.empty()) {
            items.push_back(item);
        }
        start = comma + 1;
    }
    return items;
}

AestheticDirection directionOfWords(const std::string& lower) {
    // "反美学" is Chinese for anti-aesthetics; "low-aesthetic" is how some messages say it.
    const bool anti =
        containsAny(lower, {"anti-aesthetic", "anti aesthetic", "anti_aesthetic", "antiaesthetic",
                            "low-aesthetic", "low aesthetic", "\xE5\x8F\x8D\xE7\xBE\x8E\xE5\xAD\xA6"});
    const bool pro = containsAny(
        lower, {"high-aesthetic", "high aesthetic", "pro-aesthetic", "pro_aesthetic", "pro aesthetic"});
    if (anti == pro) {
        return AestheticDirection::Unknown; // neither, or both ("mixed")
    }
    return anti ? AestheticDirection::Anti : AestheticDirection::Pro;
}

} // namespace

const char* aestheticDirectionName(AestheticDirection direction) {
    switch (direction) {
    case AestheticDirection::Anti:
        return "anti";
    case AestheticDirection::Pro:
        return "pro";
    case AestheticDirection::Unknown:
        break;
    }
    return "unknown";
}

AestheticDirection groupDirection(const std::string& groupName) {
    const std::string lower = lowercase(groupName);
    if (lower.find("anti") != std::string::npos) {
        return AestheticDirection::Anti;
    }
    if (lower.find("pro") != std::string::npos) {
        return AestheticDirection::Pro;
    }
    return AestheticDirection::Unknown;
}

MessageLabels parseCommitMessage(const std::string& message) {
    MessageLabels labels;
    const std::string lower = lowercase(message);
    const std::string direction =
        lowercase(fieldValue(message, lower, {"aesthetic_direction", "aesthetic direction"}));
    if (!direction.empty()) {
        labels.explicitDirection = true;
        labels.direction = directionOfWords(direction);
        if (labels.direction == AestheticDirection::Unknown) { // "high", "anti", "low" alone
            const bool anti = containsAny(direction, {"anti", "low"});
            const bool pro = containsAny(direction, {"high", "pro"});
            labels.direction = anti == pro ? AestheticDirection::Unknown
                                           : (anti ? AestheticDirection::Anti : AestheticDirection::Pro);
        }
    } else {
        labels.direction = directionOfWords(lower);
    }
    labels.subelement = fieldValue(message, lower,
                                   {"subelement", "sub-element", "sub element", "sub_element",
                                    "\xE5\xAD\x90\xE5\x85\x83\xE7\xB4\xA0" /* 子元素 */});
    // A Chinese subelement runs on after a full-width comma; its first clause names it.
    const size_t clause = labels.subelement.find("\xEF\xBC\x8C"); // ，
    if (clause != std::string::npos) {
        labels.subelement = trimmed(labels.subelement.substr(0, clause));
    }
    labels.tags = splitList(fieldValue(message, lower, {"tags"}));
    // Without a subelement field, a message that opens with one word and a colon names its subject there:
    // "clashing_disharmony: neon color chaos ..." or, after a group, "pro_aesthetics: cinematic - ...".
    const size_t colon = message.find(':');
    const std::string heading = colon == std::string::npos ? std::string() : message.substr(0, colon);
    if (labels.subelement.empty() && !heading.empty() && heading.size() <= 64 &&
        heading.find_first_of(" \t\n") == std::string::npos) {
        if (groupDirection(heading) != AestheticDirection::Unknown &&
            lowercase(heading).find("aesthetic") != std::string::npos) {
            const std::string rest = message.substr(colon + 1);
            size_t end = rest.size();
            for (const char* stop : {" - ", ",", ";", "\n"}) {
                end = std::min(end, rest.find(stop));
            }
            labels.subelement = trimmed(rest.substr(0, end));
            if (!labels.explicitDirection) {
                labels.direction = groupDirection(heading);
            }
        } else {
            labels.subelement = trimmed(heading);
        }
    }
    return labels;
}

CommitLabels labelCommit(const CommitInfo& commit, const Taxonomy& taxonomy) {
    CommitLabels labels;
    const MessageLabels said = parseCommitMessage(commit.message);
    labels.subelement = said.subelement;

    std::vector<std::string> names = commit.tags;
    names.insert(names.end(), said.tags.begin(), said.tags.end());
    if (!said.subelement.empty()) {
        names.push_back(said.subelement);
    }
    if (names.empty() && !commit.query.empty()) {
        names.push_back(commit.query);
    }
    AestheticDirection fromTaxonomy = AestheticDirection::Unknown;
    bool groupsDisagree = false;
    for (const std::string& name : names) {
        const TaxonomyAttribute* attribute = taxonomy.findAttribute(name);
        if (!attribute || std::find(labels.attributes.begin(), labels.attributes.end(), attribute->name) !=
                              labels.attributes.end()) {
            continue;
        }
        labels.attributes.push_back(attribute->name);
        const AestheticDirection direction = groupDirection(attribute->group);
        if (fromTaxonomy == AestheticDirection::Unknown && !groupsDisagree) {
            fromTaxonomy = direction;
        } else if (direction != fromTaxonomy) {
            groupsDisagree = true;
            fromTaxonomy = AestheticDirection::Unknown;
        }
    }

    if (said.explicitDirection && said.direction != AestheticDirection::Unknown) {
        labels.direction = said.direction;
        labels.directionFrom = "message";
    } else if (fromTaxonomy != AestheticDirection::Unknown) {
        labels.direction = fromTaxonomy;
        labels.directionFrom = "taxonomy";
    } else if (!groupsDisagree && said.direction != AestheticDirection::Unknown) {
        labels.direction = said.direction;
        labels.directionFrom = "message";
    }
    return labels;
}

} // namespace curator
