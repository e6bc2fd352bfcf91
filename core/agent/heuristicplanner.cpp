// The offline heuristic planner's turns: per sub-element of the theme, a search, similarity bands sampled
// downwards until the samples stop showing it, a size check, a rating, a commit and a status check.
#include "agent/heuristicutil.h"
#include "agent/planners.h"
#include "agent/tools/tooldefaults.h"
#include "common/utf8text.h"

#include <algorithm>
#include <cmath>

namespace curator {

using nlohmann::json;

namespace {

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
    size_t distinct = 0;    // images this run added since its branch forked (what the target counts)
    size_t branchTotal = 0; // the branch's whole dataset, main's images included
    std::vector<std::string> summary;
    std::map<std::string, std::string> captionNearest; // caption sentence -> nearest attribute
};

// One turn's decision: the action that follows the previous turn's result.
class HeuristicPlanner::Turn {
public:
    Turn(HeuristicPlanner& planner, PlannerContext& context)
        : m_planner(planner)
        , m_state(*planner.m_state)
        , m_options(planner.m_options)
        , m_context(context)
        , m_last(context.lastResults && !context.lastResults->empty() ? &context.lastResults->front()
                                                                      : nullptr) {}

    Action decide();

private:
    const ThemeElement& element() const { return m_state.elements[m_state.current]; }
    std::string nearestAttribute(const std::string& sentence);
    bool captionMatches(const std::string& caption);
    size_t matchCount(const json& results, size_t& total);
    json negatives() const { return json(m_options.negativePrompts); }

    Action startElement();
    Action finalAnswer(const std::string& why);
    Action nextElement(const std::string& why);
    Action sizeCheck();
    Action bandAction();

    Action first();
    Action afterStatus();
    Action afterSearch();
    Action afterBand();
    Action afterSizeCheck();
    Action afterRate();
    Action afterCommit();

    HeuristicPlanner& m_planner;
    State& m_state;
    const HeuristicOptions& m_options;
    PlannerContext& m_context;
    const ToolResult* m_last;
    std::string m_reasoning; // put before the action's own reasoning
};

// An image "shows" the sub-element when a sentence of its caption, placed by the embedder's text side, is
// nearest to the sub-element's attribute among all the attributes the embedder knows (a sentence about
// flat grey tones is nearest to low contrast, not to analog decay, though the directions are close).
std::string HeuristicPlanner::Turn::nearestAttribute(const std::string& sentence) {
    auto found = m_state.captionNearest.find(sentence);
    if (found == m_state.captionNearest.end()) {
        std::string nearest;
        if (auto embedded = m_planner.m_embedder.embedText(sentence)) {
            double best = -2;
            for (const auto& [attribute, vector] : m_planner.m_attributeVectors) {
                const double similarity = dotProduct(embedded->vector, vector);
                if (similarity > best) {
                    best = similarity;
                    nearest = attribute;
                }
            }
        }
        found = m_state.captionNearest.emplace(sentence, nearest).first;
    }
    return found->second;
}

bool HeuristicPlanner::Turn::captionMatches(const std::string& caption) {
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
}

size_t HeuristicPlanner::Turn::matchCount(const json& results, size_t& total) {
    size_t matches = 0;
    total = 0;
    for (const auto& image : results) {
        ++total;
        if (captionMatches(image.value("caption", std::string()))) {
            ++matches;
        }
    }
    return matches;
}

Action HeuristicPlanner::Turn::startElement() {
    Action action;
    const ThemeElement& e = element();
    m_state.queryVector.clear();
    if (auto embedded = m_planner.m_embedder.embedText(e.query)) {
        m_state.queryVector = embedded->vector;
    }
    m_state.bands = 0;
    m_state.emptyBands = 0;
    m_state.threshold = std::nan("");
    m_state.taken = 0;
    m_state.meanScore = std::nan("");
    action.reasoning = "Sub-element " + std::to_string(m_state.current + 1) + " of " +
                       std::to_string(m_state.elements.size()) + ": " + e.attribute + " (" + e.why +
                       "). A broad search first, with \"" + m_options.negativePrompts.front() +
                       "\" as a negative prompt so overlays do not slip in.";
    action.tool = "search";
    action.arguments = {{"query", e.query}, {"negative_prompts", negatives()}, {"top_k", kDefaultTopK}};
    m_state.pending = Phase::Search;
    return action;
}

Action HeuristicPlanner::Turn::finalAnswer(const std::string& why) {
    Action action;
    action.reasoning = why;
    std::string text = "Curation of \"" + m_context.theme + "\" finished: this run added " +
                       std::to_string(m_state.distinct) + " distinct images (the branch holds " +
                       std::to_string(m_state.branchTotal) + " with main's).";
    for (const auto& line : m_state.summary) {
        text += "\n- " + line;
    }
    action.tool = "finish"; // the explicit end: a text answer would be a question to the person
    action.arguments = {{"summary", text}};
    m_state.pending = Phase::Done;
    return action;
}

Action HeuristicPlanner::Turn::nextElement(const std::string& why) {
    ++m_state.current;
    if (m_state.current >= m_state.elements.size()) {
        return finalAnswer(why + " No sub-elements are left.");
    }
    Action action = startElement();
    action.reasoning = why + "\n" + action.reasoning;
    return action;
}

Action HeuristicPlanner::Turn::sizeCheck() {
    Action action;
    action.tool = "sample";
    action.arguments = {{"query", element().query},
                        {"min_threshold", m_state.threshold},
                        {"max_threshold", 1.0},
                        {"count", m_options.bandSample},
                        {"negative_prompts", negatives()},
                        {"seed", m_options.seed + 977}};
    m_state.pending = Phase::SizeCheck;
    return action;
}

Action HeuristicPlanner::Turn::bandAction() {
    Action action;
    const double low = m_state.bandHigh - m_options.bandWidth;
    action.tool = "sample";
    action.arguments = {{"query", element().query},
                        {"min_threshold", std::round(low * 1000) / 1000},
                        {"max_threshold", std::round(m_state.bandHigh * 1000) / 1000},
                        {"count", m_options.bandSample},
                        {"negative_prompts", negatives()},
                        {"seed", m_options.seed + uint64_t(m_state.bands)}};
    m_state.pending = Phase::Band;
    return action;
}

Action HeuristicPlanner::Turn::first() {
    m_state.started = true;
    m_state.elements = m_planner.decompose(m_context.theme);
    if (m_state.elements.empty()) {
        return finalAnswer("The embedder's text side places none of the taxonomy's attributes near \"" +
                           m_context.theme + "\", so there is nothing I can search for reliably.");
    }
    m_reasoning = "The theme \"" + m_context.theme + "\" decomposes into these visual sub-elements:";
    for (const auto& e : m_state.elements) {
        m_reasoning += "\n- " + e.attribute + ": " + e.why + ".";
    }
    m_reasoning += "\nFor each: search, sample similarity bands of " + fixedText(m_options.bandWidth) +
                   " downwards from the top matches until the samples stop showing it, rate, commit at "
                   "the lowest good band, and check the balance with status. The aim is " +
                   std::to_string(m_options.targetMin) + "-" + std::to_string(m_options.targetMax) +
                   " images. First, the starting point:";
    Action action;
    action.tool = "status";
    m_state.pending = Phase::Intro;
    return action;
}

Action HeuristicPlanner::Turn::afterStatus() {
    // The target counts what this run added, not what the branch inherited from main.
    m_state.branchTotal = m_last->data.value("distinct_images", size_t(0));
    const json added = m_last->data.value("run_added", json::object());
    m_state.distinct = added.value("distinct_images", size_t(0));
    if (m_state.pending == Phase::Intro) {
        m_reasoning = "The branch starts with " + std::to_string(m_state.branchTotal) +
                      " images from main; the target counts only what this run adds.";
        return startElement();
    }
    if (m_state.distinct >= m_options.targetAim) {
        return finalAnswer("This run has added " + std::to_string(m_state.distinct) +
                           " distinct images, within the target of " + std::to_string(m_options.targetMin) +
                           "-" + std::to_string(m_options.targetMax) + ": I stop here.");
    }
    return nextElement("Status: this run has added " + std::to_string(m_state.distinct) +
                       " distinct images so far (aim " + std::to_string(m_options.targetAim) + ").");
}

Action HeuristicPlanner::Turn::afterSearch() {
    const json& results = m_last->data.value("results", json::array());
    size_t total = 0;
    const size_t matches = matchCount(results, total);
    if (total == 0) {
        return nextElement("The search for " + element().attribute + " found nothing unmasked.");
    }
    m_state.topSimilarity = results.front().value("similarity", 0.0);
    const double lowestTop = results.back().value("similarity", 0.0);
    if (double(matches) < 0.5 * double(total)) {
        return nextElement("Only " + std::to_string(matches) + " of the top " + std::to_string(total) +
                           " matches of \"" + element().query +
                           "\" actually show it (by their captions): the collection has too little of "
                           "it to commit reliably. Skipping.");
    }
    m_state.threshold = lowestTop;
    m_state.taken = total;
    m_state.bandHigh = lowestTop;
    m_reasoning = std::to_string(matches) + " of the top " + std::to_string(total) + " show " +
                  element().attribute + " (similarity " + fixedText(m_state.topSimilarity, 3) + " down to " +
                  fixedText(lowestTop, 3) + "). Now the bands below, " + fixedText(m_options.bandWidth) +
                  " wide, to find where matches stop.";
    return bandAction();
}

Action HeuristicPlanner::Turn::afterBand() {
    const size_t eligible = m_last->data.value("eligible", size_t(0));
    const json& results = m_last->data.value("results", json::array());
    size_t total = 0;
    const size_t matches = matchCount(results, total);
    const double low = m_state.bandHigh - m_options.bandWidth;
    ++m_state.bands;
    bool stopHere = false;
    if (total == 0) {
        ++m_state.emptyBands;
        m_reasoning = "The band [" + fixedText(low) + ", " + fixedText(m_state.bandHigh) + "] is empty.";
        stopHere = m_state.emptyBands >= 3;
    } else if (double(matches) >= m_options.matchRate * double(total)) {
        m_state.emptyBands = 0;
        m_state.threshold = low;
        m_state.taken += eligible;
        m_reasoning = "Band [" + fixedText(low) + ", " + fixedText(m_state.bandHigh) +
                      "]: " + std::to_string(matches) + " of " + std::to_string(total) + " sampled (of " +
                      std::to_string(eligible) + ") show it; the threshold can go down to " + fixedText(low) +
                      ".";
    } else {
        m_reasoning = "Band [" + fixedText(low) + ", " + fixedText(m_state.bandHigh) + "]: only " +
                      std::to_string(matches) + " of " + std::to_string(total) +
                      " sampled show it: matches stop here.";
        stopHere = true;
    }
    m_state.bandHigh = low;
    if (!stopHere && m_state.taken > m_options.targetMax) {
        m_reasoning += " The bands taken already hold about " + std::to_string(m_state.taken) +
                       " images, more than the whole target: no need to go lower.";
        stopHere = true;
    }
    if (!stopHere && (m_state.bands >= m_options.maxBands || m_state.bandHigh - m_options.bandWidth < -1.0)) {
        m_reasoning += " That is enough bands for this sub-element.";
        stopHere = true;
    }
    if (!stopHere) {
        return bandAction();
    }
    m_reasoning += " Threshold " + fixedText(m_state.threshold, 3) + "; checking how many images it selects.";
    return sizeCheck();
}

Action HeuristicPlanner::Turn::afterSizeCheck() {
    m_state.selected = m_last->data.value("eligible", size_t(0));
    const size_t room = m_options.targetMax > m_state.distinct ? m_options.targetMax - m_state.distinct : 0;
    if (m_state.selected > room && m_state.threshold + m_options.bandWidth < m_state.topSimilarity) {
        m_state.threshold += m_options.bandWidth;
        m_reasoning = "At this threshold " + std::to_string(m_state.selected) +
                      " images would be selected, but only about " + std::to_string(room) +
                      " fit under the target of " + std::to_string(m_options.targetMax) + ": raising it to " +
                      fixedText(m_state.threshold, 3) + ".";
        return sizeCheck();
    }
    if (m_state.selected == 0 || m_state.selected > room) {
        return nextElement(m_state.selected == 0 ? "Nothing above the threshold: skipping."
                                                 : "Even the top band does not fit the remaining room.");
    }
    m_reasoning = std::to_string(m_state.selected) + " images are at or above " +
                  fixedText(m_state.threshold, 3) + ". Rating the sample to see how they score.";
    Action action;
    action.tool = "aesthetics_rate";
    action.arguments = {{"query", "last"}, {"sample_size", m_options.bandSample}};
    m_state.pending = Phase::Rate;
    return action;
}

Action HeuristicPlanner::Turn::afterRate() {
    m_state.meanScore = m_last->data.value("mean", std::nan(""));
    const ThemeElement& e = element();
    m_reasoning = "Mean aesthetics score " + fixedText(m_state.meanScore) +
                  (m_state.meanScore < 7.5 ? ": low, which for a deliberately degraded look is what we want."
                                           : ": not low, but the look is what the theme asks for.");
    m_reasoning += " Committing.";
    Action action;
    action.tool = "commit";
    action.arguments = {{"query", e.query},
                        {"threshold", std::round(m_state.threshold * 1000) / 1000},
                        {"negative_prompts", negatives()},
                        {"message", e.attribute + " for \"" + m_context.theme + "\": " + e.why +
                                        ". Samples of the similarity bands kept showing it down to " +
                                        fixedText(m_state.threshold, 3) + " and stopped below; about " +
                                        std::to_string(m_state.selected) + " images, mean score " +
                                        fixedText(m_state.meanScore) + "; \"" +
                                        m_options.negativePrompts.front() + "\" masked."},
                        {"tags", json::array({e.attribute})}};
    m_state.pending = Phase::Commit;
    return action;
}

Action HeuristicPlanner::Turn::afterCommit() {
    const ThemeElement& e = element();
    m_state.summary.push_back(e.attribute + ": commit " + m_last->data.value("short_id", std::string()) +
                              ", " + std::to_string(m_last->data.value("selected", size_t(0))) +
                              " images at similarity >= " + fixedText(m_state.threshold, 3) + " (" +
                              std::to_string(m_last->data.value("added", size_t(0))) + " new)");
    m_reasoning = "Committed " + std::to_string(m_last->data.value("added", size_t(0))) +
                  " new images. Checking the balance.";
    Action action;
    action.tool = "status";
    m_state.pending = Phase::Status;
    return action;
}

Action HeuristicPlanner::Turn::decide() {
    Action action;
    if (!m_state.started) {
        action = first();
    } else if (!m_last) {
        // Resumed: the structured results are gone; start the current sub-element over (commits are
        // idempotent in effect: images already in the dataset are not added twice).
        action = m_state.current < m_state.elements.size() ? startElement()
                                                           : finalAnswer("Nothing is left to do.");
    } else if (!m_last->ok && m_state.pending != Phase::Intro && m_state.pending != Phase::Status) {
        action = nextElement("The " + std::string(m_state.pending == Phase::Commit ? "commit" : "tool") +
                             " failed (" + truncateUtf8(m_last->text, 200) + "); I move on.");
    } else {
        switch (m_state.pending) {
        case Phase::Intro:
        case Phase::Status:
            action = afterStatus();
            break;
        case Phase::Search:
            action = afterSearch();
            break;
        case Phase::Band:
            action = afterBand();
            break;
        case Phase::SizeCheck:
            action = afterSizeCheck();
            break;
        case Phase::Rate:
            action = afterRate();
            break;
        case Phase::Commit:
            action = afterCommit();
            break;
        case Phase::Done:
            action = finalAnswer("The run is complete.");
            break;
        }
    }
    if (!m_reasoning.empty()) {
        action.reasoning = m_reasoning + (action.reasoning.empty() ? "" : "\n" + action.reasoning);
    }
    return action;
}

HeuristicPlanner::HeuristicPlanner(Embedder& embedder, std::string taxonomyJson, HeuristicOptions options)
    : m_state(std::make_unique<State>())
    , m_embedder(embedder)
    , m_taxonomyJson(std::move(taxonomyJson))
    , m_options(std::move(options)) {}

HeuristicPlanner::~HeuristicPlanner() = default;

Result<ChatMessage> HeuristicPlanner::next(PlannerContext& context) {
    const Action action = Turn(*this, context).decide();
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
    ++m_state->calls;
    message.toolCalls.push_back(
        {"heuristic_" + std::to_string(m_state->calls), action.tool, action.arguments.dump()});
    return message;
}

} // namespace curator
