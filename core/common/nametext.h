#pragma once

// Names that come from outside (file names, ids of an imported ids file) end up in JSON, in one-line
// messages and in files of one name per line. The rule: a name is stored only when it is clean text, valid
// UTF-8 without control characters; anything else is refused or skipped and reported escaped.

#include <string>
#include <string_view>

namespace curator {

// Valid UTF-8 (see isValidUtf8) holding no control character (U+0000-U+001F, U+007F-U+009F).
bool isCleanText(std::string_view text);

// `text` made printable on one line and valid UTF-8, and still telling its bytes apart: clean characters
// as they are, control characters as \n, \r, \t or \xHH (\u0080-\u009F for the C1 ones), bytes that are
// not UTF-8 as \xHH, and the backslash itself as "\\".
std::string escapedText(std::string_view text);

// Why `text` is not clean ("is not valid UTF-8", "holds a control character"), for messages.
std::string uncleanReason(std::string_view text);

} // namespace curator
