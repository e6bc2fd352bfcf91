#include "common/urlredaction.h"

#include <algorithm>
#include <cctype>

namespace curator {

namespace {

bool endsAuthority(char c) {
    return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool isSchemeCharacter(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
}

} // namespace

std::string redactUrlUserInfo(std::string_view text) {
    constexpr std::string_view kSeparator = "://";
    constexpr std::string_view kMask = "***";
    std::string result;
    result.reserve(text.size());
    size_t copied = 0;
    for (size_t at = text.find(kSeparator); at != std::string_view::npos; at = text.find(kSeparator, at)) {
        // Only a scheme of at least one letter makes it a URL ("://" alone in prose is left as it is).
        const bool hasScheme = at > 0 && isSchemeCharacter(text[at - 1]);
        const size_t authority = at + kSeparator.size();
        size_t end = authority;
        while (end < text.size() && !endsAuthority(text[end])) {
            ++end;
        }
        const size_t userInfoEnd = text.rfind('@', end == 0 ? 0 : end - 1);
        if (hasScheme && userInfoEnd != std::string_view::npos && userInfoEnd >= authority &&
            end > authority) {
            result.append(text.substr(copied, authority - copied));
            result.append(kMask);
            copied = userInfoEnd; // keeps the '@'
        }
        at = std::max(authority, end);
    }
    result.append(text.substr(copied));
    return result;
}

} // namespace curator
