#pragma once

// JSON from outside (an imported dataset.json, settings.json, meta.json, a taxonomy, ids and sidecar lines)
// is parsed through here. nlohmann's parser itself keeps its own stack, but copying, comparing and dumping
// a value recurse once per level: a document nested 100,000 deep parses, then overflows the stack wherever
// it is copied. So the text's nesting is measured first, in one pass without recursion, and a document
// deeper than kMaxJsonDepth is refused before anything is built from it.

#include "common/fileutil.h"
#include "common/result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

// The deepest nesting of objects and arrays a document from outside may have ("[]" is 1 level). Our own
// files and the original system's need fewer than 10.
constexpr size_t kMaxJsonDepth = 64;

// One step from a container into the member or element holding the next one.
struct JsonPathStep {
    bool inObject = false;
    std::string key;  // inObject: the member's key as written (escapes not decoded; long keys are cut)
    size_t index = 0; // the member's (or element's) position in its container, from 0
};

// Where a document first goes deeper than its limit: the path of the container opened past the limit.
struct JsonNestingExcess {
    std::vector<JsonPathStep> path;
    size_t line = 1; // of the bracket that went past the limit
};

// The first place `text` nests deeper than `maxDepth`, or nothing. Brackets inside strings do not count.
// It does not validate: a text that is not JSON is the parser's to refuse.
std::optional<JsonNestingExcess> findNestingBeyond(std::string_view text, size_t maxDepth = kMaxJsonDepth);

// "commits[3].original.deep[0][0]...": the first steps of a path, for a message.
std::string describeJsonPath(const std::vector<JsonPathStep>& path);

// "WHERE: nested deeper than 64 levels at PATH (line N)" when `text` is too deep.
Status checkJsonDepth(std::string_view text, const std::string& where);

// The depth check, then the parser; a refusal names `where` (a file, or a file and line).
Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& where);
Result<nlohmann::ordered_json> parseOrderedJsonText(std::string_view text, const std::string& where);

// readWholeFile (regular files of at most `maxBytes`), then parseJsonText.
Result<nlohmann::json> readJsonFile(const std::string& path, uint64_t maxBytes = kMaxSmallFileBytes);

} // namespace curator
