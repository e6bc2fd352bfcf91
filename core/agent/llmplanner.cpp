// The LLM planner: one streamed request per turn (Chat Completions or Responses, as the endpoint says),
// its deltas forwarded as events.
#include "agent/planners.h"

namespace curator {

namespace {

LlmClient::Limits clientLimits(const LlmPlanner::Options& options) {
    LlmClient::Limits limits;
    limits.maxAnswerBytes = options.maxAnswerBytes;
    limits.idleTimeoutMs = options.idleTimeoutMs;
    limits.dialect = options.dialect;
    return limits;
}

} // namespace

LlmPlanner::LlmPlanner(LlmClient::Endpoint endpoint, std::shared_ptr<HttpClient> http, Options options)
    : m_client(std::move(endpoint), std::move(http), clientLimits(options))
    , m_options(std::move(options)) {}

Result<ChatMessage> LlmPlanner::next(PlannerContext& context) {
    ChatRequest request;
    request.model = m_options.model;
    request.messages = *context.messages;
    request.tools = *context.tools;
    request.toolChoice = context.toolChoice.empty() ? "auto" : context.toolChoice;
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

} // namespace curator
