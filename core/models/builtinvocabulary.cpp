#include "models/builtinembedder.h"

#include "common/jsonguard.h"
#include "models/builtinfeatures.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

// The builtin embedder's text side: the vocabulary's attributes as directions, and texts as sums of them.

namespace curator {

using builtin::kAxes;

namespace {

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            current += char(std::tolower(u));
        } else if (!current.empty()) {
            words.push_back(current);
            current.clear();
        }
    }
    if (!current.empty())
        words.push_back(current);
    return words;
}

bool wordMatches(const std::string& vocabularyWord, const std::string& word) {
    if (vocabularyWord == word)
        return true;
    // Plurals: "scanlines" matches "scanline", "glitches" matches "glitch".
    for (const char* suffix : {"s", "es"}) {
        const std::string s(suffix);
        if (word.size() > s.size() && word.compare(word.size() - s.size(), s.size(), s) == 0 &&
            word.substr(0, word.size() - s.size()) == vocabularyWord)
            return true;
    }
    return false;
}

const std::set<std::string>& stopWords() {
    static const std::set<std::string> words = {
        "a",       "an",      "the",      "of",     "with",  "and",     "or",      "in",
        "on",      "at",      "by",       "to",     "from",  "image",   "images",  "photo",
        "photos",  "picture", "pictures", "very",   "heavy", "heavily", "strong",  "strongly",
        "lots",    "lot",     "style",    "styled", "look",  "looks",   "looking", "effect",
        "effects", "like",    "some",     "much",   "many",  "kind",    "full",    "is",
        "are",     "that",    "this",     "has",    "have",  "showing", "shot",    "frame"};
    return words;
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
    for (size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

} // namespace

Result<std::unique_ptr<BuiltinEmbedder>>
BuiltinEmbedder::fromVocabularyJson(std::string_view json, const std::string& label, unsigned threads) {
    CURATOR_TRY_STATUS(checkJsonDepth(json, label));
    nlohmann::ordered_json root;
    try {
        root = nlohmann::ordered_json::parse(json.begin(), json.end());
    } catch (const std::exception& error) {
        return makeError(label + ": not valid JSON: " + error.what());
    }
    if (!root.is_object() || !root.contains("attributes") || !root["attributes"].is_object())
        return makeError(
            label +
            ": expected an object with \"attributes\": {attribute: {phrases, raises, lowers, avoids}}");
    std::unique_ptr<BuiltinEmbedder> embedder(new BuiltinEmbedder());
    embedder->m_threads = std::max(1u, threads);
    const auto& names = featureNames();
    auto featureIndex = [&](const std::string& name) -> long {
        const auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? -1 : long(it - names.begin());
    };
    for (auto it = root["attributes"].begin(); it != root["attributes"].end(); ++it) {
        const std::string& attribute = it.key();
        const auto& entry = it.value();
        const std::string path = label + ": attributes." + attribute;
        if (!entry.is_object())
            return makeError(path + ": expected an object with phrases, raises, lowers, avoids");
        std::vector<float> direction(kDimension, 0.0f);
        for (const char* key : {"raises", "lowers", "avoids", "avoids_low"}) {
            if (!entry.contains(key))
                continue;
            const std::string k(key);
            const auto& weights = entry[key];
            if (!weights.is_object())
                return makeError(path + "." + k + ": expected an object of feature -> weight");
            for (auto w = weights.begin(); w != weights.end(); ++w) {
                const long index = featureIndex(w.key());
                if (index < 0)
                    return makeError(path + "." + k + "." + w.key() + ": not a builtin feature");
                if (!w.value().is_number())
                    return makeError(path + "." + k + "." + w.key() + ": expected a number");
                const float weight = w.value().get<float>();
                const bool low = k == "lowers" || k == "avoids_low";
                if (low && kAxes.low[index] < 0)
                    return makeError(path + "." + k + "." + w.key() +
                                     ": a one-sided feature can only be raised or avoided");
                const size_t axis = low ? size_t(kAxes.low[index]) : kAxes.high[index];
                direction[axis] += (k == "raises" || k == "lowers") ? weight : -weight;
            }
        }
        double norm = 0;
        for (float x : direction)
            norm += double(x) * x;
        if (norm <= 0)
            return makeError(path + ": raises, lowers or avoids must name at least one feature");
        for (float& x : direction)
            x = float(x / std::sqrt(norm));
        embedder->m_directions[attribute] = direction;
        embedder->m_attributeOrder.push_back(attribute);

        // The attribute's own name is always a phrase ("motion_blur" -> "motion blur").
        std::vector<std::vector<std::string>> phrases = {splitWords(attribute)};
        if (entry.contains("phrases")) {
            if (!entry["phrases"].is_array())
                return makeError(path + ".phrases: expected an array of strings");
            for (const auto& phrase : entry["phrases"]) {
                if (!phrase.is_string())
                    return makeError(path + ".phrases: expected an array of strings");
                auto words = splitWords(phrase.get<std::string>());
                if (!words.empty())
                    phrases.push_back(std::move(words));
            }
        }
        for (auto& words : phrases)
            embedder->m_phrases.push_back({std::move(words), attribute});
    }
    if (embedder->m_attributeOrder.empty())
        return makeError(label + ": no attributes");
    std::stable_sort(embedder->m_phrases.begin(), embedder->m_phrases.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
    return embedder;
}

std::vector<std::string> BuiltinEmbedder::knownAttributes() const {
    return m_attributeOrder;
}

std::vector<std::string> BuiltinEmbedder::knownPhrases() const {
    std::set<std::string> phrases;
    for (const Phrase& phrase : m_phrases) {
        std::string text;
        for (const std::string& word : phrase.words) {
            text += (text.empty() ? "" : " ") + word;
        }
        phrases.insert(text);
    }
    return {phrases.begin(), phrases.end()};
}

std::vector<std::string> BuiltinEmbedder::nearbyKnownWords(const std::string& word, size_t limit) const {
    std::set<std::string> known;
    for (const Phrase& phrase : m_phrases) {
        known.insert(phrase.words.begin(), phrase.words.end());
    }
    // A typo is a small edit: a word of up to five letters allows one, a longer one two (two edits of a
    // five-letter word make another word: "clean" is not a typo of "leak"). A word the user is still typing
    // is the start of a known word.
    const size_t allowed = word.size() <= 5 ? 1 : 2;
    std::vector<std::pair<size_t, std::string>> scored;
    for (const std::string& candidate : known) {
        size_t distance = editDistance(word, candidate);
        if (word.size() >= 3 && candidate.size() > word.size() &&
            candidate.compare(0, word.size(), word) == 0) {
            distance = std::min<size_t>(distance, 1);
        }
        if (distance <= allowed && candidate != word) {
            scored.emplace_back(distance, candidate);
        }
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> nearby;
    for (size_t i = 0; i < scored.size() && i < limit; ++i) {
        nearby.push_back(scored[i].second);
    }
    return nearby;
}

Result<TextEmbedding> BuiltinEmbedder::embedText(const std::string& text) {
    const std::vector<std::string> words = splitWords(text);
    if (words.empty())
        return makeError("the builtin embedder cannot embed an empty text");
    std::vector<std::string> matched, unknown;
    for (size_t i = 0; i < words.size();) {
        const Phrase* best = nullptr;
        for (const auto& phrase : m_phrases) { // longest first
            if (phrase.words.size() > words.size() - i)
                continue;
            bool all = true;
            for (size_t k = 0; k < phrase.words.size() && all; ++k)
                all = wordMatches(phrase.words[k], words[i + k]);
            if (all) {
                best = &phrase;
                break;
            }
        }
        if (best) {
            if (std::find(matched.begin(), matched.end(), best->attribute) == matched.end())
                matched.push_back(best->attribute);
            i += best->words.size();
        } else {
            if (!stopWords().count(words[i]))
                unknown.push_back(words[i]);
            ++i;
        }
    }
    // "blurr (did you mean blur?)": what a word it does not know is near.
    const auto withNearby = [this](const std::vector<std::string>& unknownWords) {
        std::string list;
        for (const auto& word : unknownWords) {
            list += (list.empty() ? "" : ", ") + word;
            const std::vector<std::string> nearby = nearbyKnownWords(word);
            for (size_t k = 0; k < nearby.size(); ++k) {
                list += (k == 0 ? " (did you mean " : k + 1 == nearby.size() ? " or " : ", ") + nearby[k];
            }
            list += nearby.empty() ? "" : "?)";
        }
        return list;
    };
    if (matched.empty()) {
        std::string examples;
        for (size_t i = 0; i < m_attributeOrder.size() && i < 8; ++i)
            examples += (i ? ", " : "") + m_attributeOrder[i];
        const std::string unknownWords = withNearby(unknown);
        return makeError("the builtin embedder does not know any word of '" + text + "'" +
                         (unknownWords.find("did you mean") != std::string::npos ? ": " + unknownWords : "") +
                         "; it knows taxonomy attributes such as " + examples +
                         " (pixel statistics only; use a vision-language model for other queries)");
    }
    TextEmbedding result;
    result.vector.assign(dimension(), 0.0f);
    for (const auto& attribute : matched) {
        const auto& direction = m_directions.at(attribute);
        for (size_t i = 0; i < direction.size(); ++i)
            result.vector[i] += direction[i];
    }
    double norm = 0;
    for (float x : result.vector)
        norm += double(x) * x;
    norm = std::sqrt(norm);
    if (norm <= 1e-9)
        return makeError("the builtin embedder: the attributes in '" + text + "' cancel each other out");
    for (float& x : result.vector)
        x = float(x / norm);
    if (!unknown.empty()) {
        result.warnings.push_back("the builtin embedder ignored words it does not know: " +
                                  withNearby(unknown));
    }
    return result;
}

std::string defaultBuiltinVocabularyPath(const std::string& resourcesDirectory) {
    if (resourcesDirectory.empty())
        return "builtin_vocabulary.json";
    return resourcesDirectory + (resourcesDirectory.back() == '/' ? "" : "/") + "builtin_vocabulary.json";
}

} // namespace curator
