#include "common/nametext.h"

#include "common/utf8text.h"

#include <cstdio>

namespace curator {

namespace {

// The length a UTF-8 sequence starting with `lead` would have (1 for ASCII and for stray bytes).
size_t leadLength(unsigned char lead) {
    if (lead >= 0xF0) {
        return 4;
    }
    if (lead >= 0xE0) {
        return 3;
    }
    if (lead >= 0xC0) {
        return 2;
    }
    return 1;
}

// The well-formed sequence at text[at], or an empty view when the bytes there are not one.
std::string_view sequenceAt(std::string_view text, size_t at) {
    const size_t length = leadLength(static_cast<unsigned char>(text[at]));
    if (at + length > text.size()) {
        return {};
    }
    const std::string_view sequence = text.substr(at, length);
    return isValidUtf8(sequence) ? sequence : std::string_view();
}

// U+0080-U+009F, the C1 controls, are encoded C2 80 - C2 9F.
bool isControl(std::string_view sequence) {
    const auto lead = static_cast<unsigned char>(sequence[0]);
    if (sequence.size() == 1) {
        return lead < 0x20 || lead == 0x7F;
    }
    return sequence.size() == 2 && lead == 0xC2 && static_cast<unsigned char>(sequence[1]) <= 0x9F;
}

std::string hexEscape(const char* format, unsigned value) {
    char text[8];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

} // namespace

bool isCleanText(std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        const std::string_view sequence = sequenceAt(text, at);
        if (sequence.empty() || isControl(sequence)) {
            return false;
        }
        at += sequence.size();
    }
    return true;
}

std::string uncleanReason(std::string_view text) {
    if (!isValidUtf8(text)) {
        return "is not valid UTF-8";
    }
    return isCleanText(text) ? std::string() : std::string("holds a control character");
}

std::string escapedText(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        const std::string_view sequence = sequenceAt(text, at);
        const auto lead = static_cast<unsigned char>(text[at]);
        if (sequence.empty()) {
            escaped += hexEscape("\\x%02X", lead);
            ++at;
            continue;
        }
        at += sequence.size();
        if (!isControl(sequence)) {
            escaped += lead == '\\' ? std::string_view("\\\\") : sequence;
        } else if (lead == '\n') {
            escaped += "\\n";
        } else if (lead == '\r') {
            escaped += "\\r";
        } else if (lead == '\t') {
            escaped += "\\t";
        } else if (sequence.size() == 1) {
            escaped += hexEscape("\\x%02X", lead);
        } else {
            escaped += hexEscape("\\u%04X", static_cast<unsigned char>(sequence[1]));
        }
    }
    return escaped;
}

} // namespace curator
