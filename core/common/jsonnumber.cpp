#include "common/jsonnumber.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace curator {

using nlohmann::json;

std::optional<int64_t> jsonInteger(const json& value) {
    if (value.is_number_unsigned()) {
        const uint64_t number = value.get<uint64_t>();
        if (number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<int64_t>(number);
    }
    if (value.is_number_integer()) {
        return value.get<int64_t>();
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        // -2^63 is exact as a double; 2^63 is the first double past the range.
        constexpr double kLimit = 9223372036854775808.0;
        if (!std::isfinite(number) || std::floor(number) != number || number < -kLimit || number >= kLimit) {
            return std::nullopt;
        }
        return static_cast<int64_t>(number);
    }
    return std::nullopt;
}

std::optional<uint64_t> jsonCount(const json& value) {
    if (value.is_number_unsigned()) {
        return value.get<uint64_t>();
    }
    const std::optional<int64_t> number = jsonInteger(value);
    if (!number || *number < 0) {
        return std::nullopt;
    }
    return static_cast<uint64_t>(*number);
}

std::optional<double> jsonNumber(const json& value) {
    if (!value.is_number()) {
        return std::nullopt;
    }
    const double number = value.get<double>();
    if (!std::isfinite(number)) {
        return std::nullopt;
    }
    return number;
}

namespace {

const json* memberOf(const json& object, std::string_view key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(std::string(key));
    return found == object.end() ? nullptr : &*found;
}

} // namespace

int64_t integerOr(const json& object, std::string_view key, int64_t fallback) {
    const json* member = memberOf(object, key);
    return member ? jsonInteger(*member).value_or(fallback) : fallback;
}

int clampedIntOr(const json& object, std::string_view key, int fallback) {
    return static_cast<int>(std::clamp<int64_t>(
        integerOr(object, key, fallback), std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

size_t countOr(const json& object, std::string_view key, size_t fallback) {
    const json* member = memberOf(object, key);
    if (!member) {
        return fallback;
    }
    const std::optional<uint64_t> count = jsonCount(*member);
    if (!count || *count > std::numeric_limits<size_t>::max()) {
        return fallback;
    }
    return static_cast<size_t>(*count);
}

double numberOr(const json& object, std::string_view key, double fallback) {
    const json* member = memberOf(object, key);
    return member ? jsonNumber(*member).value_or(fallback) : fallback;
}

} // namespace curator
