// The heuristic planner's first step: a theme's visual sub-elements, chosen among the taxonomy's attributes
// by the embedder's text side, shared words and a small lexicon of visual words.
#include "agent/planners.h"

#include "agent/heuristicutil.h"
#include "resources/embeddedresources.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace curator {

namespace {

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!current.empty()) {
            out.push_back(current);
            current.clear();
        }
    }
    if (!current.empty()) {
        out.push_back(current);
    }
    return out;
}

bool sameWord(const std::string& a, const std::string& b) {
    if (a == b) {
        return true;
    }
    auto stem = [](const std::string& w) {
        for (const char* suffix : {"es", "s", "ed", "ing"}) {
            const std::string s(suffix);
            if (w.size() > s.size() + 2 && w.compare(w.size() - s.size(), s.size(), s) == 0) {
                return w.substr(0, w.size() - s.size());
            }
        }
        return w;
    };
    return stem(a) == stem(b);
}

const std::set<std::string>& stopWords() {
    static const std::set<std::string> list = {
        "a",  "an",    "and",  "the",    "of",  "in",    "with",   "or",    "for",  "on",       "to",
        "by", "style", "look", "images", "art", "photo", "photos", "image", "like", "aesthetic"};
    return list;
}

// Visual words a theme may use that name no attribute directly: what a person would decompose them into.
const std::map<std::string, std::vector<std::string>>& lexicon() {
    static const std::map<std::string, std::vector<std::string>> map = {
        {"glitch", {"jpeg_artifacts", "digital_noise", "chromatic_aberration", "datamosh", "pixelation"}},
        {"glitchy", {"jpeg_artifacts", "digital_noise", "chromatic_aberration", "datamosh", "pixelation"}},
        {"analog", {"film_grain", "analog_decay", "scanline_texture"}},
        {"analogue", {"film_grain", "analog_decay", "scanline_texture"}},
        {"retro", {"film_grain", "analog_decay", "light_leak"}},
        {"lofi", {"jpeg_artifacts", "film_grain", "pixelation"}},
        {"degraded", {"jpeg_artifacts", "film_grain", "analog_decay"}},
        {"backrooms", {"backrooms_infinite_interior", "fluorescent_flatness", "sickly_color_cast"}},
        {"liminal", {"liminal_public_space", "eerie_emptiness", "endless_corridor_depth"}},
        {"dreamy", {"out_of_focus_blur", "pastel_softness", "light_leak"}},
        {"psychedelic", {"psychedelic_art", "toxic_neon_palette", "oversaturated_garishness"}},
        {"snapshot", {"harsh_flash", "tilted_snapshot_angle", "amateur_snapshot_energy"}},
    };
    return map;
}

std::string spaced(const std::string& name) {
    std::string text = name;
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

} // namespace

std::vector<ThemeElement> HeuristicPlanner::decompose(const std::string& theme) {
    std::vector<ThemeElement> elements;
    auto taxonomy = Taxonomy::parse(
        m_taxonomyJson.empty() ? std::string(resources::classesJson()) : m_taxonomyJson, "taxonomy");
    if (!taxonomy) {
        return elements;
    }
    m_attributeVectors.clear();
    std::vector<float> themeVector;
    if (auto embedded = m_embedder.embedText(theme)) {
        themeVector = embedded->vector;
    }
    std::vector<std::string> themeWords;
    for (const auto& word : words(theme)) {
        if (!stopWords().count(word)) {
            themeWords.push_back(word);
        }
    }
    std::map<std::string, std::vector<std::string>> lexiconHits; // attribute -> theme words naming it
    for (const auto& word : themeWords) {
        auto found = lexicon().find(word);
        if (found != lexicon().end()) {
            for (const auto& attribute : found->second) {
                lexiconHits[attribute].push_back(word);
            }
        }
    }
    for (const TaxonomyAttribute* attribute : taxonomy->attributes()) {
        ThemeElement element;
        element.attribute = attribute->name;
        element.query = spaced(Taxonomy::normalizedName(attribute->name));
        auto embedded = m_embedder.embedText(element.query);
        if (!embedded || !embedded->warnings.empty()) {
            continue; // the embedder cannot place this attribute: it could not be searched for
        }
        m_attributeVectors[attribute->name] = embedded->vector;
        element.textSimilarity = themeVector.empty() ? 0.0 : dotProduct(themeVector, embedded->vector);
        std::vector<std::string> shared;
        for (const auto& nameWord : words(element.query)) {
            for (const auto& themeWord : themeWords) {
                if (sameWord(nameWord, themeWord)) {
                    shared.push_back(themeWord);
                }
            }
        }
        const auto lexical = lexiconHits.find(attribute->name);
        const bool close = element.textSimilarity >= 0.3;
        if (!close && shared.empty() && lexical == lexiconHits.end()) {
            continue;
        }
        element.score =
            element.textSimilarity + 0.3 * double(shared.size()) + (lexical != lexiconHits.end() ? 0.2 : 0.0);
        std::vector<std::string> reasons;
        if (close) {
            reasons.push_back("its text vector is close to the theme's (similarity " +
                              fixedText(element.textSimilarity) + ")");
        }
        if (!shared.empty()) {
            std::string list;
            for (const auto& w : shared) {
                list += (list.empty() ? "'" : ", '") + w + "'";
            }
            reasons.push_back(
                std::string(shared.size() > 1 ? "it shares the words " : "it shares the word ") + list +
                " with the theme");
        }
        if (lexical != lexiconHits.end()) {
            reasons.push_back("'" + lexical->second.front() + "' is commonly made of it");
        }
        for (size_t i = 0; i < reasons.size(); ++i) {
            element.why += (i ? (i + 1 == reasons.size() ? " and " : ", ") : "") + reasons[i];
        }
        elements.push_back(std::move(element));
    }
    std::stable_sort(elements.begin(), elements.end(),
                     [](const ThemeElement& a, const ThemeElement& b) { return a.score > b.score; });
    if (elements.size() > m_options.maxElements) {
        elements.resize(m_options.maxElements);
    }
    return elements;
}

} // namespace curator
