#include "common/jsonguard.h"

#include "common/utf8text.h"

namespace curator {

namespace {

// Longer keys are cut in a path: the path is for a message.
constexpr size_t kMaxKeyBytesInPath = 64;
// The steps a message shows before "...".
constexpr size_t kStepsShown = 8;

struct OpenContainer {
    bool object = false;
    bool expectingKey = false; // an object, after '{' or ',': the next string is a key
    JsonPathStep step;         // the member or element being read
};

std::vector<JsonPathStep> pathOf(const std::vector<OpenContainer>& open) {
    std::vector<JsonPathStep> path;
    path.reserve(open.size());
    for (const OpenContainer& container : open) {
        path.push_back(container.step);
    }
    return path;
}

template <class Json>
Result<Json> parseChecked(std::string_view text, const std::string& where) {
    CURATOR_TRY_STATUS(checkJsonDepth(text, where));
    try {
        return Json::parse(text);
    } catch (const std::exception& error) {
        return makeError(where + ": not valid JSON (truncated or corrupt?): " + snippetOf(error.what(), 300));
    }
}

} // namespace

std::optional<JsonNestingExcess> findNestingBeyond(std::string_view text, size_t maxDepth) {
    std::vector<OpenContainer> open;
    size_t line = 1;
    bool inString = false;
    bool escaped = false;
    size_t stringStart = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                if (!open.empty() && open.back().expectingKey) {
                    open.back().step.key =
                        text.substr(stringStart, std::min(i - stringStart, kMaxKeyBytesInPath + 1));
                    open.back().expectingKey = false;
                }
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            stringStart = i + 1;
            break;
        case '{':
        case '[':
            if (open.size() >= maxDepth) {
                return JsonNestingExcess{pathOf(open), line};
            }
            open.push_back({c == '{', c == '{', {c == '{', {}, 0}});
            break;
        case '}':
        case ']':
            if (!open.empty()) {
                open.pop_back();
            }
            break;
        case ',':
            if (!open.empty()) {
                ++open.back().step.index;
                open.back().step.key.clear();
                open.back().expectingKey = open.back().object;
            }
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

std::string describeJsonPath(const std::vector<JsonPathStep>& path) {
    std::string text;
    for (size_t i = 0; i < path.size() && i < kStepsShown; ++i) {
        if (path[i].inObject) {
            text += (i ? "." : "") + snippetOf(path[i].key, kMaxKeyBytesInPath);
        } else {
            text += "[" + std::to_string(path[i].index) + "]";
        }
    }
    if (path.size() > kStepsShown) {
        text += "...";
    }
    return text.empty() ? std::string("the top level") : text;
}

Status checkJsonDepth(std::string_view text, const std::string& where) {
    const std::optional<JsonNestingExcess> excess = findNestingBeyond(text, kMaxJsonDepth);
    if (!excess) {
        return {};
    }
    return makeError(where + ": nested deeper than " + std::to_string(kMaxJsonDepth) + " levels at " +
                     describeJsonPath(excess->path) + " (line " + std::to_string(excess->line) + ")");
}

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& where) {
    return parseChecked<nlohmann::json>(text, where);
}

Result<nlohmann::ordered_json> parseOrderedJsonText(std::string_view text, const std::string& where) {
    return parseChecked<nlohmann::ordered_json>(text, where);
}

Result<nlohmann::json> readJsonFile(const std::string& path, uint64_t maxBytes) {
    CURATOR_TRY(const std::string text, readWholeFile(path, maxBytes));
    return parseJsonText(text, path);
}

} // namespace curator
