#pragma once

// Internals of ClipTokenizer (not a public header): the Unicode it needs, without ICU.

#include <cstdint>
#include <string>

namespace curator::cliptext {

// Unicode 14 classes as CLIP's pattern uses them: \p{L}, \p{N} and \s.
bool isLetter(char32_t cp);
bool isNumber(char32_t cp);
bool isSpace(char32_t cp);
// Appends the full lower-case mapping of cp (one or more code points), as Python's str.lower().
void appendLower(char32_t cp, std::u32string& out);

// UTF-8 -> code points; an invalid byte becomes U+FFFD.
std::u32string decodeUtf8(const std::string& text);
void appendUtf8(char32_t cp, std::string& out);
std::string encodeUtf8(const std::u32string& text);

// Python 3.11's html.unescape: numeric references fully, named ones from a common subset.
std::u32string unescapeHtml(const std::u32string& text);

} // namespace curator::cliptext
