#pragma once

// Numbers from JSON we did not write (a transcript, a model's reply, a sidecar, a server's answer) may be
// anything JSON allows where we expect a count or a position: 6.9e115, -3, 2.5, 18446744073709551615.
// nlohmann's get<int64_t>() turns a double into an integer with a plain cast, which is undefined when it
// does not fit, and value(key, 0) throws when the member is a string. These read a number only when it
// fits the type asked for, and give nothing (or the fallback) otherwise.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace curator {

// An integer, or a float that is a whole number, within int64_t's range; nothing for anything else.
std::optional<int64_t> jsonInteger(const nlohmann::json& value);

// As jsonInteger, and not negative.
std::optional<uint64_t> jsonCount(const nlohmann::json& value);

// A finite number; nothing for anything else.
std::optional<double> jsonNumber(const nlohmann::json& value);

// object[key] read as above when `object` is an object holding a fitting value there, else `fallback`.
int64_t integerOr(const nlohmann::json& object, std::string_view key, int64_t fallback);
size_t countOr(const nlohmann::json& object, std::string_view key, size_t fallback);
// integerOr, clamped into an int (for settings an edited file may set to anything).
int clampedIntOr(const nlohmann::json& object, std::string_view key, int fallback);
double numberOr(const nlohmann::json& object, std::string_view key, double fallback);

} // namespace curator
