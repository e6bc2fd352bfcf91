#include "agent/plannerfactory.h"

#include "agent/planners.h"
#include "common/secrets.h"
#include "net/httpclient.h"

namespace curator {

std::string plannerKind(const PlannerOptions& options) {
    if (!options.kind.empty()) {
        return options.kind;
    }
    return options.baseUrl.empty() ? "heuristic" : "llm";
}

Result<std::unique_ptr<Planner>> createPlanner(const PlannerOptions& options, Embedder& embedder) {
    const std::string kind = plannerKind(options);
    if (kind == "heuristic") {
        return std::unique_ptr<Planner>(std::make_unique<HeuristicPlanner>(embedder));
    }
    if (kind != "llm") {
        return makeError("unknown planner '" + kind + "': llm or heuristic");
    }
    if (options.baseUrl.empty() || (options.requireModel && options.model.empty())) {
        return makeError("the llm planner needs --base-url URL and --model NAME (see docs/llm-endpoints.md)");
    }
    LlmClient::Endpoint endpoint{options.baseUrl, {}, options.api};
    endpoint.apiKey = secretFor(options.apiKeyEnvironmentVariable);
    LlmPlanner::Options plannerOptions;
    plannerOptions.model = options.model;
    plannerOptions.reasoningEffort = options.reasoningEffort;
    plannerOptions.maxAnswerBytes = options.maxAnswerBytes;
    plannerOptions.idleTimeoutMs = options.idleTimeoutMs;
    plannerOptions.dialect = options.dialect;
    return std::unique_ptr<Planner>(
        std::make_unique<LlmPlanner>(endpoint, std::make_shared<HttpClient>(), plannerOptions));
}

} // namespace curator
