#pragma once

// Reading the JSON an LLM endpoint streams, shared by the Chat Completions and the Responses assemblers:
// absent and null members mean the same ("not sent"), a wrong type is a ChunkError naming the field, and
// token counts are read whatever their JSON type.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace curator::streamjson {

// What is wrong with a chunk, said relative to it ("tool_calls[0].index is \"a\", expected an integer").
class ChunkError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A value as it is shown in an error: its JSON, valid UTF-8, at most 60 bytes.
std::string describe(const nlohmann::json& value);

[[noreturn]] void wrongType(const std::string& path, const nlohmann::json& value, const char* expected);

// A member that is absent or null: both mean "not sent". `object` need not be an object.
const nlohmann::json* member(const nlohmann::json& object, const char* key);

// A member's text: a string, or nothing (null, absent or another type).
const std::string* textOf(const nlohmann::json& object, const char* key);

// A member that must be a string when it is sent: nullptr when absent or null, a ChunkError naming
// `path` when it is another type.
const std::string* stringOf(const nlohmann::json& object, const char* key, const std::string& path);

// A token count: missing, null, negative or not a number is 0; a number in a string ("12") is read.
long countOf(const nlohmann::json& usage, const char* key);

} // namespace curator::streamjson
