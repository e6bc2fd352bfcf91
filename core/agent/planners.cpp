#include "agent/planners.h"

#include "resources/embeddedresources.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace curator {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------------------
// LlmPlanner

LlmPlanner::LlmPlanner(LlmClient::Endpoint endpoint, std::shared_ptr<HttpClient> http, Options options)
    : m_client(std::move(endpoint), std::move(http))
    , m_options(std::move(options)) {}

Result<ChatMessage> LlmPlanner::next(PlannerContext& context) {
    ChatRequest request;
    request.model = m_options.model;
    request.messages = *context.messages;
    request.tools = *context.tools;
    request.toolChoice = "auto";
    request.reasoningEffort = m_options.reasoningEffort;
    request.parallelToolCalls = m_options.parallelToolCalls;
    request.stream = true;
    request.temperature = m_options.temperature;
    ChatStreamCallbacks callbacks;
    callbacks.onReasoningDelta = context.reasoningDelta;
    callbacks.onContentDelta = context.contentDelta;
    callbacks.onRestart = context.restart;
    auto result = m_client.complete(request, callbacks, context.cancel);
    if (!result) {
        return result.takeError();
    }
    if (context.usage) {
        context.usage(result->usage);
    }
    return std::move(result->message);
}

// ---------------------------------------------------------------------------------------------------------
// HeuristicPlanner

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

double dot(const std::vector<float>& a, const std::vector<float>& b) {
    double sum = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        sum += double(a[i]) * b[i];
    }
    return sum;
}

std::string fixed(double value, int digits = 2) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

enum class Phase { Intro, Search, Band, SizeCheck, Rate, Commit, Status, Done };

struct Action {
    std::string reasoning;
    std::string tool; // empty: a final answer
    json arguments = json::object();
    std::string content;
};

} // namespace

struct HeuristicPlanner::State {
    bool started = false;
    std::vector<ThemeElement> elements;
    size_t current = 0;
    Phase pending = Phase::Intro;
    int calls = 0;
    // The sub-element in progress.
    std::vector<float> queryVector;
    double topSimilarity = 0;
    double bandHigh = 0;
    int bands = 0;
    int emptyBands = 0;
    double threshold = std::nan("");
    size_t taken = 0; // images of the accepted bands (an estimate of the selection)
    size_t selected = 0;
    double meanScore = std::nan("");
    size_t distinct = 0;
    std::vector<std::string> summary;
    std::map<std::string, std::string> captionNearest; // caption sentence -> nearest attribute
};

HeuristicPlanner::HeuristicPlanner(Embedder& embedder, std::string taxonomyJson, HeuristicOptions options)
    : m_state(std::make_unique<State>())
    , m_embedder(embedder)
    , m_taxonomyJson(std::move(taxonomyJson))
    , m_options(std::move(options)) {}

HeuristicPlanner::~HeuristicPlanner() = default;

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
        element.textSimilarity = themeVector.empty() ? 0.0 : dot(themeVector, embedded->vector);
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
                              fixed(element.textSimilarity) + ")");
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

Result<ChatMessage> HeuristicPlanner::next(PlannerContext& context) {
    State& s = *m_state;
    const ToolResult* last =
        context.lastResults && !context.lastResults->empty() ? &context.lastResults->front() : nullptr;
    const HeuristicOptions& o = m_options;
    std::string reasoning;

    auto element = [&]() -> const ThemeElement& { return s.elements[s.current]; };
    // An image "shows" the sub-element when a sentence of its caption, placed by the embedder's text side,
    // is nearest to the sub-element's attribute among all the attributes the embedder knows (a sentence
    // about flat grey tones is nearest to low contrast, not to analog decay, though the directions are
    // close).
    auto nearestAttribute = [&](const std::string& sentence) {
        auto found = s.captionNearest.find(sentence);
        if (found == s.captionNearest.end()) {
            std::string nearest;
            if (auto embedded = m_embedder.embedText(sentence)) {
                double best = -2;
                for (const auto& [attribute, vector] : m_attributeVectors) {
                    const double similarity = dot(embedded->vector, vector);
                    if (similarity > best) {
                        best = similarity;
                        nearest = attribute;
                    }
                }
            }
            found = s.captionNearest.emplace(sentence, nearest).first;
        }
        return found->second;
    };
    auto captionMatches = [&](const std::string& caption) {
        size_t start = 0;
        while (start < caption.size()) {
            size_t end = caption.find_first_of(".!?;", start);
            if (end == std::string::npos) {
                end = caption.size();
            }
            const std::string sentence = caption.substr(start, end - start);
            if (sentence.find_first_not_of(" \t\n") != std::string::npos &&
                nearestAttribute(sentence) == element().attribute) {
                return true;
            }
            start = end + 1;
        }
        return false;
    };
    auto matchCount = [&](const json& results, size_t& total) {
        size_t matches = 0;
        total = 0;
        for (const auto& image : results) {
            ++total;
            if (captionMatches(image.value("caption", std::string()))) {
                ++matches;
            }
        }
        return matches;
    };
    auto negatives = [&] { return json(o.negativePrompts); };
    auto startElement = [&]() -> Action {
        Action action;
        const ThemeElement& e = element();
        s.queryVector.clear();
        if (auto embedded = m_embedder.embedText(e.query)) {
            s.queryVector = embedded->vector;
        }
        s.bands = 0;
        s.emptyBands = 0;
        s.threshold = std::nan("");
        s.taken = 0;
        s.meanScore = std::nan("");
        action.reasoning = "Sub-element " + std::to_string(s.current + 1) + " of " +
                           std::to_string(s.elements.size()) + ": " + e.attribute + " (" + e.why +
                           "). A broad search first, with \"" + o.negativePrompts.front() +
                           "\" as a negative prompt so overlays do not slip in.";
        action.tool = "search";
        action.arguments = {{"query", e.query}, {"negative_prompts", negatives()}, {"top_k", 20}};
        s.pending = Phase::Search;
        return action;
    };
    auto finalAnswer = [&](const std::string& why) -> Action {
        Action action;
        action.reasoning = why;
        std::string text = "Curation of \"" + context.theme + "\" finished with " +
                           std::to_string(s.distinct) + " distinct images on this branch.";
        for (const auto& line : s.summary) {
            text += "\n- " + line;
        }
        action.content = text;
        s.pending = Phase::Done;
        return action;
    };
    auto nextElement = [&](const std::string& why) -> Action {
        ++s.current;
        if (s.current >= s.elements.size()) {
            return finalAnswer(why + " No sub-elements are left.");
        }
        Action action = startElement();
        action.reasoning = why + "\n" + action.reasoning;
        return action;
    };
    auto sizeCheck = [&]() -> Action {
        Action action;
        action.tool = "sample";
        action.arguments = {
            {"query", element().query}, {"min_threshold", s.threshold},    {"max_threshold", 1.0},
            {"count", o.bandSample},    {"negative_prompts", negatives()}, {"seed", o.seed + 977}};
        s.pending = Phase::SizeCheck;
        return action;
    };
    auto bandAction = [&]() -> Action {
        Action action;
        const double low = s.bandHigh - o.bandWidth;
        action.tool = "sample";
        action.arguments = {{"query", element().query},
                            {"min_threshold", std::round(low * 1000) / 1000},
                            {"max_threshold", std::round(s.bandHigh * 1000) / 1000},
                            {"count", o.bandSample},
                            {"negative_prompts", negatives()},
                            {"seed", o.seed + uint64_t(s.bands)}};
        s.pending = Phase::Band;
        return action;
    };

    Action action;
    if (!s.started) {
        s.started = true;
        s.elements = decompose(context.theme);
        if (s.elements.empty()) {
            action = finalAnswer("The embedder's text side places none of the taxonomy's attributes near \"" +
                                 context.theme + "\", so there is nothing I can search for reliably.");
        } else {
            reasoning = "The theme \"" + context.theme + "\" decomposes into these visual sub-elements:";
            for (const auto& e : s.elements) {
                reasoning += "\n- " + e.attribute + ": " + e.why + ".";
            }
            reasoning += "\nFor each: search, sample similarity bands of " + fixed(o.bandWidth) +
                         " downwards from the top matches until the samples stop showing it, rate, commit at "
                         "the lowest good band, and check the balance with status. The aim is " +
                         std::to_string(o.targetMin) + "-" + std::to_string(o.targetMax) +
                         " images. First, the starting point:";
            action.tool = "status";
            s.pending = Phase::Intro;
        }
    } else if (!last) {
        // Resumed: the structured results are gone; start the current sub-element over (commits are
        // idempotent in effect: images already in the dataset are not added twice).
        action = s.current < s.elements.size() ? startElement() : finalAnswer("Nothing is left to do.");
    } else if (!last->ok && s.pending != Phase::Intro && s.pending != Phase::Status) {
        action = nextElement("The " + std::string(s.pending == Phase::Commit ? "commit" : "tool") +
                             " failed (" + last->text.substr(0, 200) + "); I move on.");
    } else {
        switch (s.pending) {
        case Phase::Intro:
        case Phase::Status: {
            s.distinct = last->data.value("distinct_images", size_t(0));
            if (s.pending == Phase::Intro) {
                reasoning = "The branch starts with " + std::to_string(s.distinct) + " images.";
                action = startElement();
            } else if (s.distinct >= o.targetAim) {
                action = finalAnswer("The branch now holds " + std::to_string(s.distinct) +
                                     " distinct images, within the target of " + std::to_string(o.targetMin) +
                                     "-" + std::to_string(o.targetMax) + ": I stop here.");
            } else {
                action = nextElement("Status: " + std::to_string(s.distinct) +
                                     " distinct images so far (aim " + std::to_string(o.targetAim) + ").");
            }
            break;
        }
        case Phase::Search: {
            const json& results = last->data.value("results", json::array());
            size_t total = 0;
            const size_t matches = matchCount(results, total);
            if (total == 0) {
                action = nextElement("The search for " + element().attribute + " found nothing unmasked.");
                break;
            }
            s.topSimilarity = results.front().value("similarity", 0.0);
            const double lowestTop = results.back().value("similarity", 0.0);
            if (double(matches) < 0.5 * double(total)) {
                action =
                    nextElement("Only " + std::to_string(matches) + " of the top " + std::to_string(total) +
                                " matches of \"" + element().query +
                                "\" actually show it (by their captions): the collection has too little of "
                                "it to commit reliably. Skipping.");
                break;
            }
            s.threshold = lowestTop;
            s.taken = total;
            s.bandHigh = lowestTop;
            reasoning = std::to_string(matches) + " of the top " + std::to_string(total) + " show " +
                        element().attribute + " (similarity " + fixed(s.topSimilarity, 3) + " down to " +
                        fixed(lowestTop, 3) + "). Now the bands below, " + fixed(o.bandWidth) +
                        " wide, to find where matches stop.";
            action = bandAction();
            break;
        }
        case Phase::Band: {
            const size_t eligible = last->data.value("eligible", size_t(0));
            const json& results = last->data.value("results", json::array());
            size_t total = 0;
            const size_t matches = matchCount(results, total);
            const double low = s.bandHigh - o.bandWidth;
            ++s.bands;
            bool stopHere = false;
            if (total == 0) {
                ++s.emptyBands;
                reasoning = "The band [" + fixed(low) + ", " + fixed(s.bandHigh) + "] is empty.";
                stopHere = s.emptyBands >= 3;
            } else if (double(matches) >= o.matchRate * double(total)) {
                s.emptyBands = 0;
                s.threshold = low;
                s.taken += eligible;
                reasoning = "Band [" + fixed(low) + ", " + fixed(s.bandHigh) +
                            "]: " + std::to_string(matches) + " of " + std::to_string(total) +
                            " sampled (of " + std::to_string(eligible) +
                            ") show it; the threshold can go down to " + fixed(low) + ".";
            } else {
                reasoning = "Band [" + fixed(low) + ", " + fixed(s.bandHigh) + "]: only " +
                            std::to_string(matches) + " of " + std::to_string(total) +
                            " sampled show it: matches stop here.";
                stopHere = true;
            }
            s.bandHigh = low;
            if (!stopHere && s.taken > o.targetMax) {
                reasoning += " The bands taken already hold about " + std::to_string(s.taken) +
                             " images, more than the whole target: no need to go lower.";
                stopHere = true;
            }
            if (!stopHere && (s.bands >= o.maxBands || s.bandHigh - o.bandWidth < -1.0)) {
                reasoning += " That is enough bands for this sub-element.";
                stopHere = true;
            }
            if (!stopHere) {
                action = bandAction();
                break;
            }
            reasoning += " Threshold " + fixed(s.threshold, 3) + "; checking how many images it selects.";
            action = sizeCheck();
            break;
        }
        case Phase::SizeCheck: {
            s.selected = last->data.value("eligible", size_t(0));
            const size_t room = o.targetMax > s.distinct ? o.targetMax - s.distinct : 0;
            if (s.selected > room && s.threshold + o.bandWidth < s.topSimilarity) {
                s.threshold += o.bandWidth;
                reasoning = "At this threshold " + std::to_string(s.selected) +
                            " images would be selected, but only about " + std::to_string(room) +
                            " fit under the target of " + std::to_string(o.targetMax) + ": raising it to " +
                            fixed(s.threshold, 3) + ".";
                action = sizeCheck();
                break;
            }
            if (s.selected == 0 || s.selected > room) {
                action = nextElement(s.selected == 0 ? "Nothing above the threshold: skipping."
                                                     : "Even the top band does not fit the remaining room.");
                break;
            }
            reasoning = std::to_string(s.selected) + " images are at or above " + fixed(s.threshold, 3) +
                        ". Rating the sample to see how they score.";
            action.tool = "aesthetics_rate";
            action.arguments = {{"query", "last"}, {"sample_size", o.bandSample}};
            s.pending = Phase::Rate;
            break;
        }
        case Phase::Rate: {
            s.meanScore = last->data.value("mean", std::nan(""));
            const ThemeElement& e = element();
            reasoning = "Mean aesthetics score " + fixed(s.meanScore) +
                        (s.meanScore < 7.5 ? ": low, which for a deliberately degraded look is what we want."
                                           : ": not low, but the look is what the theme asks for.");
            reasoning += " Committing.";
            action.tool = "commit";
            action.arguments = {{"query", e.query},
                                {"threshold", std::round(s.threshold * 1000) / 1000},
                                {"negative_prompts", negatives()},
                                {"message", e.attribute + " for \"" + context.theme + "\": " + e.why +
                                                ". Samples of the similarity bands kept showing it down to " +
                                                fixed(s.threshold, 3) + " and stopped below; about " +
                                                std::to_string(s.selected) + " images, mean score " +
                                                fixed(s.meanScore) + "; \"" + o.negativePrompts.front() +
                                                "\" masked."},
                                {"tags", json::array({e.attribute})}};
            s.pending = Phase::Commit;
            break;
        }
        case Phase::Commit: {
            const ThemeElement& e = element();
            s.summary.push_back(e.attribute + ": commit " + last->data.value("short_id", std::string()) +
                                ", " + std::to_string(last->data.value("selected", size_t(0))) +
                                " images at similarity >= " + fixed(s.threshold, 3) + " (" +
                                std::to_string(last->data.value("added", size_t(0))) + " new)");
            reasoning = "Committed " + std::to_string(last->data.value("added", size_t(0))) +
                        " new images. Checking the balance.";
            action.tool = "status";
            s.pending = Phase::Status;
            break;
        }
        case Phase::Done:
            action = finalAnswer("The run is complete.");
            break;
        }
    }
    if (!reasoning.empty()) {
        action.reasoning = reasoning + (action.reasoning.empty() ? "" : "\n" + action.reasoning);
    }
    // Streamed in pieces like a model's reasoning.
    if (context.reasoningDelta && !action.reasoning.empty()) {
        const std::string text = action.reasoning + "\n";
        size_t start = 0;
        while (start < text.size()) {
            size_t end = std::min(text.size(), start + 48);
            while (end < text.size() && text[end] != ' ' && text[end] != '\n' && end - start < 80) {
                ++end;
            }
            context.reasoningDelta(std::string_view(text).substr(start, end - start));
            start = end;
        }
    }
    ChatMessage message;
    message.role = "assistant";
    message.reasoning = action.reasoning;
    if (action.tool.empty()) {
        message.content = action.content;
        if (context.contentDelta) {
            context.contentDelta(message.content);
        }
        return message;
    }
    ++s.calls;
    message.toolCalls.push_back(
        {"heuristic_" + std::to_string(s.calls), action.tool, action.arguments.dump()});
    return message;
}

} // namespace curator
