#include "models/cliptokenizer.h"

#include "common/fileutil.h"
#include "models/cliptext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <sstream>

namespace curator {

using namespace cliptext;

namespace {

// CLIP's bytes_to_unicode(): printable bytes map to themselves, the others to 256 + n in byte order.
struct ByteEncoder {
    std::string symbols[256];
    ByteEncoder() {
        int next = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable =
                (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + next++);
            appendUtf8(cp, symbols[b]);
        }
    }
};

const ByteEncoder& byteEncoder() {
    static const ByteEncoder encoder;
    return encoder;
}

bool startsWith(const std::u32string& text, size_t at, const char* literal) {
    const size_t length = std::strlen(literal);
    if (at + length > text.size()) {
        return false;
    }
    for (size_t k = 0; k < length; ++k) {
        if (text[at + k] != static_cast<unsigned char>(literal[k])) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string ClipTokenizer::cleanText(const std::string& text) {
    const std::u32string unescaped = unescapeHtml(unescapeHtml(decodeUtf8(text)));
    // Whitespace runs become one space; the ends are stripped.
    std::u32string collapsed;
    collapsed.reserve(unescaped.size());
    bool pendingSpace = false;
    for (char32_t cp : unescaped) {
        if (isSpace(cp)) {
            pendingSpace = !collapsed.empty();
            continue;
        }
        if (pendingSpace) {
            collapsed.push_back(U' ');
            pendingSpace = false;
        }
        collapsed.push_back(cp);
    }
    std::u32string lowered;
    lowered.reserve(collapsed.size());
    for (char32_t cp : collapsed) {
        appendLower(cp, lowered);
    }
    return encodeUtf8(lowered);
}

std::vector<std::string> ClipTokenizer::preTokenize(const std::string& cleanedText) {
    static constexpr const char* kLiterals[] = {kStartOfText, kEndOfText, "'s",  "'t", "'re",
                                                "'ve",        "'m",       "'ll", "'d"};
    const std::u32string text = decodeUtf8(cleanedText);
    std::vector<std::string> pieces;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = i;
        for (const char* literal : kLiterals) {
            if (startsWith(text, i, literal)) {
                end = i + std::strlen(literal);
                break;
            }
        }
        if (end == i) {
            if (isLetter(text[i])) {
                while (end < text.size() && isLetter(text[end])) {
                    ++end;
                }
            } else if (isNumber(text[i])) {
                end = i + 1;
            } else if (!isSpace(text[i])) {
                while (end < text.size() && !isSpace(text[end]) && !isLetter(text[end]) &&
                       !isNumber(text[end])) {
                    ++end;
                }
            }
        }
        if (end == i) { // whitespace: no alternative matches
            ++i;
            continue;
        }
        pieces.push_back(encodeUtf8(text.substr(i, end - i)));
        i = end;
    }
    return pieces;
}

Result<ClipTokenizer> ClipTokenizer::load(const std::string& vocabJsonPath, const std::string& mergesPath) {
    ClipTokenizer tokenizer;
    Result<std::string> vocabText = readWholeFile(vocabJsonPath);
    if (!vocabText) {
        return vocabText.takeError();
    }
    try {
        const nlohmann::json vocab = nlohmann::json::parse(*vocabText);
        if (!vocab.is_object()) {
            return makeError(vocabJsonPath + ": expected a JSON object mapping tokens to ids");
        }
        tokenizer.m_vocab.reserve(vocab.size());
        for (auto it = vocab.begin(); it != vocab.end(); ++it) {
            if (!it.value().is_number_integer()) {
                return makeError(vocabJsonPath + ": the id of token \"" + it.key() + "\" is not an integer");
            }
            tokenizer.m_vocab.emplace(it.key(), it.value().get<int64_t>());
        }
    } catch (const nlohmann::json::exception& error) {
        return makeError(vocabJsonPath + ": not valid JSON (" + error.what() + ")");
    }
    for (const char* special : {kStartOfText, kEndOfText}) {
        if (tokenizer.m_vocab.count(special) == 0) {
            return makeError(vocabJsonPath + ": the vocabulary has no " + special + " token");
        }
    }
    tokenizer.m_startToken = tokenizer.m_vocab.at(kStartOfText);
    tokenizer.m_endToken = tokenizer.m_vocab.at(kEndOfText);

    Result<std::string> mergesText = readWholeFile(mergesPath);
    if (!mergesText) {
        return mergesText.takeError();
    }
    std::istringstream lines(*mergesText);
    std::string line;
    size_t lineNumber = 0;
    int rank = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || (lineNumber == 1 && line.rfind("#version", 0) == 0)) {
            continue;
        }
        const size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 >= line.size() ||
            line.find(' ', space + 1) != std::string::npos) {
            return makeError(mergesPath + ": line " + std::to_string(lineNumber) + " is not a merge \"A B\"");
        }
        tokenizer.m_mergeRanks.emplace(line, rank++); // the first occurrence keeps its rank
    }
    return tokenizer;
}

Result<ClipTokenizer> ClipTokenizer::loadDirectory(const std::string& directory) {
    return load(directory + "/vocab.json", directory + "/merges.txt");
}

std::vector<std::string> ClipTokenizer::bpe(const std::string& piece) const {
    const ByteEncoder& encoder = byteEncoder();
    std::vector<std::string> word;
    word.reserve(piece.size());
    for (unsigned char byte : piece) {
        word.push_back(encoder.symbols[byte]);
    }
    if (word.empty()) {
        return word;
    }
    word.back() += "</w>";
    std::string key;
    while (word.size() > 1) {
        int bestRank = std::numeric_limits<int>::max();
        size_t bestIndex = 0;
        for (size_t k = 0; k + 1 < word.size(); ++k) {
            key.assign(word[k]).append(" ").append(word[k + 1]);
            const auto found = m_mergeRanks.find(key);
            if (found != m_mergeRanks.end() && found->second < bestRank) {
                bestRank = found->second;
                bestIndex = k;
            }
        }
        if (bestRank == std::numeric_limits<int>::max()) {
            break;
        }
        // Merge every occurrence of the pair, left to right, without overlaps.
        const std::string first = word[bestIndex];
        const std::string second = word[bestIndex + 1];
        std::vector<std::string> merged;
        merged.reserve(word.size());
        for (size_t k = 0; k < word.size();) {
            if (k + 1 < word.size() && word[k] == first && word[k + 1] == second) {
                merged.push_back(first + second);
                k += 2;
            } else {
                merged.push_back(std::move(word[k]));
                ++k;
            }
        }
        word = std::move(merged);
    }
    return word;
}

Result<std::vector<int64_t>> ClipTokenizer::encode(const std::string& text) const {
    std::vector<int64_t> ids;
    for (const std::string& piece : preTokenize(cleanText(text))) {
        if (piece == kStartOfText || piece == kEndOfText) {
            ids.push_back(m_vocab.at(piece));
            continue;
        }
        for (const std::string& symbol : bpe(piece)) {
            const auto found = m_vocab.find(symbol);
            if (found == m_vocab.end()) {
                return makeError("the tokenizer vocabulary has no token \"" + symbol +
                                 "\" (vocab.json and merges.txt " + "do not belong together)");
            }
            ids.push_back(found->second);
        }
    }
    return ids;
}

Result<std::vector<int64_t>> ClipTokenizer::encodeForModel(const std::string& text,
                                                           size_t contextLength) const {
    if (contextLength < 2) {
        return makeError("a context length of " + std::to_string(contextLength) +
                         " cannot hold start and end tokens");
    }
    Result<std::vector<int64_t>> body = encode(text);
    if (!body) {
        return body;
    }
    std::vector<int64_t> tokens;
    tokens.reserve(contextLength);
    tokens.push_back(m_startToken);
    tokens.insert(tokens.end(), body->begin(), body->end());
    tokens.push_back(m_endToken);
    if (tokens.size() > contextLength) {
        tokens.resize(contextLength);
        tokens.back() = m_endToken;
    }
    tokens.resize(contextLength, 0);
    return tokens;
}

} // namespace curator
