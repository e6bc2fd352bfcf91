#pragma once

// Text from outside (an HTTP endpoint, a model's answer) may hold any bytes. These helpers cut and echo it
// without ever splitting a UTF-8 sequence or handing invalid UTF-8 to nlohmann::json's dump(), which throws
// on it.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace curator {

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool isValidUtf8(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string sanitizeUtf8(std::string_view text);

// At most `maxBytes` of `text`, cut before a UTF-8 sequence that would not fit whole (the bytes are kept
// as they are: sanitizeUtf8 them when they came from outside).
std::string truncateUtf8(std::string_view text, size_t maxBytes);

// Text from outside made fit for a message: valid UTF-8, newlines as spaces, at most `maxBytes` (before
// the replacement characters) followed by "..." when it was cut.
std::string snippetOf(std::string_view text, size_t maxBytes);

// dump() that never throws on invalid UTF-8 in a string: such bytes become U+FFFD.
std::string dumpJsonSafely(const nlohmann::json& value, int indent = -1);

// Replaces invalid UTF-8 in every string (and object key) of `value` by U+FFFD, in place.
void sanitizeJsonStrings(nlohmann::json& value);

} // namespace curator
