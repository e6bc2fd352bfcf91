#pragma once

// The one place that makes the agent's planner from what a front end was told (the CLI's flags, the
// workstation's Settings): the offline heuristic planner, or the LLM planner at an OpenAI-compatible
// endpoint.

#include "agent/agentrun.h"
#include "agent/llmclient.h"
#include "common/result.h"
#include "models/embedder.h"

#include <memory>
#include <string>

namespace curator {

struct PlannerOptions {
    std::string kind; // "heuristic" or "llm"; empty: "llm" when baseUrl is set, else "heuristic"
    std::string baseUrl;
    std::string model;
    std::string reasoningEffort; // low | medium | high, or empty
    // Chat Completions (every OpenAI-compatible server) or OpenAI's Responses API (keeps a reasoning
    // model's reasoning between tool calls); --llm-api chat|responses.
    LlmApi api = LlmApi::ChatCompletions;
    // The most text one answer may hold (content, reasoning and tool calls); a larger one is refused.
    size_t maxAnswerBytes = kDefaultMaxAnswerBytes;
    long idleTimeoutMs = kDefaultLlmIdleTimeoutMs; // no byte from the endpoint for this long: retried
    LlmDialect dialect;                            // images, reasoning echo, temperature: auto by default
    // The environment variable (or in-memory secret) that holds the endpoint's API key; the key itself is
    // looked up here and stays inside the planner's client.
    std::string apiKeyEnvironmentVariable = "OPENAI_API_KEY";
    // The CLI refuses an LLM planner without --model; the workstation starts one with the model left empty
    // in Settings (the request then names no model, which some single-model servers accept).
    bool requireModel = true;
};

// The planner's kind after the default: "heuristic" or "llm".
std::string plannerKind(const PlannerOptions& options);

// The heuristic planner over `embedder` (the one the tools use), or the LLM planner, which needs a base URL
// (and a model name when requireModel). An unknown kind is an error.
Result<std::unique_ptr<Planner>> createPlanner(const PlannerOptions& options, Embedder& embedder);

} // namespace curator
