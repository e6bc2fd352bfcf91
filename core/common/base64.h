#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace curator {

std::string base64Encode(std::string_view bytes);
// The bytes of standard base64 text (padding optional); none when a character is outside the alphabet or
// the length cannot be base64.
std::optional<std::string> base64Decode(std::string_view text);

} // namespace curator
