#pragma once

// A base URL may carry credentials in its user info (http://user:KEY@host/v1). Every place that logs,
// prints or writes a URL, or a message holding one, passes it through here, so a key never reaches a
// transcript, a terminal or a file.

#include <string>
#include <string_view>

namespace curator {

// `text` with the user info of every URL in it replaced by "***" ("http://***@host/v1"); the rest is
// unchanged. A URL is "scheme://authority..." and its authority ends at '/', '?', '#', whitespace, a quote
// or the end of the text.
std::string redactUrlUserInfo(std::string_view text);

} // namespace curator
