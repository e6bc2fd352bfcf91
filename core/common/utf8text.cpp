#include "common/utf8text.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace curator {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD"; // U+FFFD

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence at text[at], or 0 when the bytes there are not one.
size_t sequenceLength(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        return 1;
    }
    size_t length = 0;
    unsigned char low = 0x80; // the bounds of the second byte (rules out overlong forms and surrogates)
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (at + length > text.size() || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (size_t i = 2; i < length; ++i) {
        if (!isContinuation(byte(i))) {
            return 0;
        }
    }
    return length;
}

bool keysAreValid(const nlohmann::json& object) {
    for (const auto& item : object.items()) {
        if (!isValidUtf8(item.key())) {
            return false;
        }
    }
    return true;
}

} // namespace

bool isValidUtf8(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        const size_t length = sequenceLength(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

std::string sanitizeUtf8(std::string_view text) {
    if (isValidUtf8(text)) {
        return std::string(text);
    }
    std::string clean;
    clean.reserve(text.size() + 16);
    for (size_t at = 0; at < text.size();) {
        const size_t length = sequenceLength(text, at);
        if (length == 0) {
            clean += kReplacement;
            ++at;
        } else {
            clean.append(text.substr(at, length));
            at += length;
        }
    }
    return clean;
}

std::string truncateUtf8(std::string_view text, size_t maxBytes) {
    if (text.size() <= maxBytes) {
        return std::string(text);
    }
    // Back off over at most three continuation bytes to the start of the sequence the cut falls in;
    // more than three cannot be one sequence, so the cut stays where it is.
    size_t cut = maxBytes;
    for (int i = 0; i < 3 && cut > 0 && isContinuation(static_cast<unsigned char>(text[cut])); ++i) {
        --cut;
    }
    if (isContinuation(static_cast<unsigned char>(text[cut]))) {
        cut = maxBytes;
    }
    return std::string(text.substr(0, cut));
}

std::string snippetOf(std::string_view text, size_t maxBytes) {
    std::string shown = sanitizeUtf8(truncateUtf8(text, maxBytes));
    std::replace(shown.begin(), shown.end(), '\n', ' ');
    std::replace(shown.begin(), shown.end(), '\r', ' ');
    return text.size() > maxBytes ? shown + "..." : shown;
}

std::string dumpJsonSafely(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

void sanitizeJsonStrings(nlohmann::json& value) {
    if (value.is_string()) {
        auto& text = value.get_ref<std::string&>();
        if (!isValidUtf8(text)) {
            text = sanitizeUtf8(text);
        }
    } else if (value.is_array()) {
        for (auto& item : value) {
            sanitizeJsonStrings(item);
        }
    } else if (value.is_object()) {
        if (!keysAreValid(value)) {
            nlohmann::json clean = nlohmann::json::object();
            for (auto& item : value.items()) {
                clean[sanitizeUtf8(item.key())] = std::move(item.value());
            }
            value = std::move(clean);
        }
        for (auto& item : value.items()) {
            sanitizeJsonStrings(item.value());
        }
    }
}

} // namespace curator
