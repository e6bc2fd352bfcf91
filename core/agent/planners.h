#pragma once

// The agent's planners: an LLM behind an OpenAI-compatible endpoint, and the offline heuristic planner
// (issue 5 §6) that works through the same tools and the same loop, deterministically, with no network.

#include "agent/agentrun.h"
#include "agent/llmclient.h"
#include "models/embedder.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace curator {

class LlmPlanner : public Planner {
public:
    struct Options {
        std::string model;
        std::string reasoningEffort; // low | medium | high, or empty
        std::optional<double> temperature;
        bool parallelToolCalls = true;
        size_t maxAnswerBytes = kDefaultMaxAnswerBytes; // a larger answer ends the turn with an error
        long idleTimeoutMs = kDefaultLlmIdleTimeoutMs;  // silence that ends (and retries) a request
        LlmDialect dialect; // what the endpoint takes (images, reasoning echo, temperature)
    };
    // The endpoint's API key stays inside the client: never in an event, a transcript or a log.
    LlmPlanner(LlmClient::Endpoint endpoint, std::shared_ptr<HttpClient> http, Options options);

    std::string name() const override { return "llm"; }
    std::string model() const override { return m_options.model; }
    Result<ChatMessage> next(PlannerContext& context) override;

private:
    LlmClient m_client;
    Options m_options;
};

struct HeuristicOptions {
    size_t targetMin = 200;  // the dataset size the run aims at ...
    size_t targetAim = 250;  // ... stops adding sub-elements once reached ...
    size_t targetMax = 300;  // ... and never plans a commit past this
    double bandWidth = 0.05; // similarity bands sampled downwards from the top matches
    int maxBands = 8;        // per sub-element
    size_t bandSample = 10;  // images looked at per band
    double matchRate = 0.7;  // share of a band's sample that must match for the band to be taken
    size_t maxElements = 8;
    std::vector<std::string> negativePrompts = {"text overlay"};
    uint64_t seed = 1;
};

// A sub-element of a theme: one taxonomy attribute and why it was chosen.
struct ThemeElement {
    std::string attribute;
    std::string query;
    double score = 0;
    double textSimilarity = 0;
    std::string why;
};

class HeuristicPlanner : public Planner {
public:
    // `taxonomyJson` empty: the built-in taxonomy. The embedder must be the one the tools use.
    HeuristicPlanner(Embedder& embedder, std::string taxonomyJson = {}, HeuristicOptions options = {});
    ~HeuristicPlanner() override;

    std::string name() const override { return "heuristic"; }
    std::string model() const override { return "heuristic-v1"; }
    bool readsMessages() const override { return false; } // it plans from tool results alone
    Result<ChatMessage> next(PlannerContext& context) override;

    // The theme's sub-elements, best first: attributes whose text vector (the embedder's text side) is
    // close to the theme's, whose name shares a word with the theme, or that a small lexicon of visual
    // words names (e.g. "glitch" -> jpeg_artifacts, digital_noise, ...). Attributes the embedder cannot
    // place are left out.
    std::vector<ThemeElement> decompose(const std::string& theme);

private:
    struct State;
    class Turn; // one turn's decision, on the state
    std::unique_ptr<State> m_state;
    Embedder& m_embedder;
    std::string m_taxonomyJson;
    HeuristicOptions m_options;
    std::map<std::string, std::vector<float>> m_attributeVectors; // every attribute the embedder places
};

} // namespace curator
