#pragma once

#include <string>
#include <string_view>

namespace curator {

std::string base64Encode(std::string_view bytes);

} // namespace curator
