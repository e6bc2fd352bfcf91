#include "agent/llmclient.h"

#include "agent/chatstream.h"
#include "agent/responsesrequest.h"
#include "agent/responsesstream.h"
#include "common/urlredaction.h"
#include "common/utf8text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace curator {

using nlohmann::json;

std::optional<LlmApi> llmApiFromName(std::string_view name) {
    if (name == "chat") {
        return LlmApi::ChatCompletions;
    }
    if (name == "responses") {
        return LlmApi::Responses;
    }
    return std::nullopt;
}

const char* llmApiName(LlmApi api) {
    return api == LlmApi::Responses ? "responses" : "chat";
}

LlmClient::LlmClient(Endpoint endpoint, std::shared_ptr<HttpClient> http, Limits limits)
    : m_endpoint(std::move(endpoint))
    , m_http(std::move(http))
    , m_limits(limits) {
    while (!m_endpoint.baseUrl.empty() && m_endpoint.baseUrl.back() == '/') {
        m_endpoint.baseUrl.pop_back();
    }
}

std::string LlmClient::requestBody(const ChatRequest& request) {
    json messages = json::array();
    for (const auto& message : request.messages) {
        json item = {{"role", message.role}};
        if (!message.imageUrls.empty() && request.omitImages) {
            // The tool's text already lists what the grid shows (ids, captions, similarities).
            item["content"] = message.content + "\n[" + std::to_string(message.imageUrls.size()) +
                              " grid image(s) not sent: this endpoint takes no images; judge from the list]";
        } else if (!message.imageUrls.empty()) {
            json parts = json::array();
            if (!message.content.empty()) {
                parts.push_back({{"type", "text"}, {"text", message.content}});
            }
            for (const auto& url : message.imageUrls) {
                parts.push_back({{"type", "image_url"}, {"image_url", {{"url", url}}}});
            }
            item["content"] = parts;
        } else {
            item["content"] = message.content;
        }
        if (!message.toolCalls.empty()) {
            json calls = json::array();
            for (const auto& call : message.toolCalls) {
                calls.push_back({{"id", call.id},
                                 {"type", "function"},
                                 {"function", {{"name", call.name}, {"arguments", call.arguments}}}});
            }
            item["tool_calls"] = calls;
        }
        if (!message.toolCallId.empty()) {
            item["tool_call_id"] = message.toolCallId;
        }
        if (request.echoReasoning && message.role == "assistant") {
            item["reasoning_content"] = message.reasoning;
        }
        messages.push_back(std::move(item));
    }
    json body = {{"model", request.model}, {"messages", messages}, {"stream", request.stream}};
    if (request.stream) {
        body["stream_options"] = {{"include_usage", true}};
    }
    if (!request.tools.empty()) {
        json tools = json::array();
        for (const auto& tool : request.tools) {
            const json parameters = toolParameters(tool);
            tools.push_back(
                {{"type", "function"},
                 {"function",
                  {{"name", tool.name}, {"description", tool.description}, {"parameters", parameters}}}});
        }
        body["tools"] = tools;
        if (request.toolChoice == "auto" || request.toolChoice == "none" ||
            request.toolChoice == "required") {
            body["tool_choice"] = request.toolChoice;
        } else if (!request.toolChoice.empty()) {
            body["tool_choice"] = {{"type", "function"}, {"function", {{"name", request.toolChoice}}}};
        }
        body["parallel_tool_calls"] = request.parallelToolCalls;
    }
    if (!request.reasoningEffort.empty()) {
        body["reasoning_effort"] = request.reasoningEffort;
    }
    if (request.temperature) {
        body["temperature"] = *request.temperature;
    }
    return dumpJsonSafely(body); // text the run echoes back (tool results) may hold invalid UTF-8
}

std::string LlmClient::requestBody(const ChatRequest& request, LlmApi api) {
    return api == LlmApi::Responses ? responsesRequestBody(request) : requestBody(request);
}

Result<ChatResult> LlmClient::completeOnce(const ChatRequest& request, const ChatStreamCallbacks& callbacks,
                                           const std::atomic<bool>* cancel, bool& retryable) {
    retryable = false;
    HttpRequest http;
    const bool responses = m_endpoint.api == LlmApi::Responses;
    http.url = m_endpoint.baseUrl + (responses ? "/responses" : "/chat/completions");
    http.timeoutMs = 0; // no cap on the whole answer: silence is what ends a request
    http.idleTimeoutMs = m_limits.idleTimeoutMs;
    http.body = requestBody(request, m_endpoint.api);
    http.headers.emplace_back("Content-Type", "application/json");
    if (!m_endpoint.apiKey.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + m_endpoint.apiKey);
    }
    const std::string shownUrl = redactUrlUserInfo(http.url); // what errors name: never a key
    ChatResult result;
    result.message.role = "assistant";
    std::unique_ptr<AnswerAssembler> dialectAssembler;
    if (responses) {
        dialectAssembler =
            std::make_unique<ResponsesStreamAssembler>(result, callbacks, m_limits.maxAnswerBytes);
    } else {
        dialectAssembler = std::make_unique<ChatStreamAssembler>(result, callbacks, m_limits.maxAnswerBytes);
    }
    AnswerAssembler& assembler = *dialectAssembler;

    if (!request.stream) {
        auto response = m_http->send(http, cancel);
        if (!response) {
            return response.takeError();
        }
        if (!assembler.readAnswer(response->body)) {
            return makeError(shownUrl + ": " + assembler.error());
        }
        assembler.finishToolCalls();
        return result;
    }

    SseParser parser([&](const std::string&, const std::string& data) {
        if (assembler.error().empty()) {
            assembler.feedChunk(data);
        }
    });
    const size_t maxStreamBytes =
        m_limits.maxAnswerBytes > std::numeric_limits<size_t>::max() / kStreamBytesPerAnswerByte
            ? std::numeric_limits<size_t>::max()
            : m_limits.maxAnswerBytes * kStreamBytesPerAnswerByte;
    size_t streamed = 0;
    std::string streamError;
    // Runs inside libcurl's write callback: nothing may escape it.
    auto onData = [&](std::string_view bytes) noexcept {
        try {
            streamed += bytes.size();
            if (streamed > maxStreamBytes) {
                streamError = "the stream is larger than " + std::to_string(maxStreamBytes) + " bytes (" +
                              std::to_string(kStreamBytesPerAnswerByte) +
                              " times the max answer bytes setting): refused, not retried";
                return false;
            }
            parser.feed(bytes);
        } catch (const std::exception& error) {
            streamError = std::string("the stream could not be read: ") + error.what();
        } catch (...) {
            streamError = "the stream could not be read";
        }
        return streamError.empty() && assembler.error().empty();
    };
    auto response = m_http->stream(http, onData, cancel);
    if (streamError.empty() && assembler.error().empty()) {
        parser.finish();
    }
    if (!response) {
        // HttpClient already retried what failed before any byte; a stream that broke mid-way is ours to
        // retry.
        retryable = response.error().find("the stream broke") != std::string::npos;
        return response.takeError();
    }
    if (!streamError.empty()) {
        return makeError(shownUrl + ": " + streamError);
    }
    if (!assembler.error().empty()) {
        return makeError(shownUrl + ": " + assembler.error());
    }
    if (!assembler.done() && result.finishReason.empty()) {
        retryable = true;
        return makeError(shownUrl + ": the stream ended before the answer was complete");
    }
    assembler.finishToolCalls();
    return result;
}

ChatRequest LlmClient::adapted(const ChatRequest& request) const {
    ChatRequest sent = request;
    const LlmDialect& dialect = m_limits.dialect;
    sent.omitImages = dialect.images == EndpointSupport::No;
    sent.echoReasoning = dialect.echoReasoning == EndpointSupport::Yes;
    sent.reasoningSummary = dialect.reasoningSummary != EndpointSupport::No;
    if (dialect.temperature == EndpointSupport::No) {
        sent.temperature.reset();
    }
    return sent;
}

namespace {

bool hasImages(const ChatRequest& request) {
    return std::any_of(request.messages.begin(), request.messages.end(),
                       [](const ChatMessage& message) { return !message.imageUrls.empty(); });
}

bool hasAssistantTurns(const ChatRequest& request) {
    return std::any_of(request.messages.begin(), request.messages.end(),
                       [](const ChatMessage& message) { return message.role == "assistant"; });
}

} // namespace

bool LlmClient::adaptTo(const std::string& error, const ChatRequest& request, std::string& notice) {
    if (error.find("HTTP 400") == std::string::npos) {
        return false;
    }
    LlmDialect& dialect = m_limits.dialect;
    const auto names = [&error](const char* part) { return error.find(part) != std::string::npos; };
    if (dialect.images == EndpointSupport::Auto && hasImages(request) &&
        (names("image_url") || names("input_image"))) {
        dialect.images = EndpointSupport::No;
        notice = "the endpoint refused image parts: grids are described in text from now on (images: auto)";
        return true;
    }
    if (dialect.echoReasoning == EndpointSupport::Auto && hasAssistantTurns(request) &&
        names("reasoning_content")) {
        dialect.echoReasoning = EndpointSupport::Yes;
        notice = "the endpoint wants each assistant turn's reasoning back: it is sent as reasoning_content "
                 "from now on";
        return true;
    }
    if (dialect.reasoningSummary == EndpointSupport::Auto && m_endpoint.api == LlmApi::Responses &&
        !request.reasoningEffort.empty() && names("summar")) {
        dialect.reasoningSummary = EndpointSupport::No;
        notice =
            "the endpoint refused reasoning summaries: they are not asked for from now on (the reasoning "
            "itself is still kept between turns)";
        return true;
    }
    if (dialect.temperature == EndpointSupport::Auto && request.temperature && names("temperature")) {
        dialect.temperature = EndpointSupport::No;
        notice = "the model refused a temperature: it is left out from now on";
        return true;
    }
    return false;
}

Result<ChatResult> LlmClient::complete(const ChatRequest& request, const ChatStreamCallbacks& callbacks,
                                       const std::atomic<bool>* cancel) {
    std::string lastError;
    const int maxRestarts = std::max(0, m_limits.maxStreamRestarts);
    int adaptations = 0; // each dialect setting changes once at most: this ends
    for (int attempt = 1; attempt <= 1 + maxRestarts + adaptations; ++attempt) {
        if (attempt > 1 && callbacks.onRestart) {
            callbacks.onRestart(attempt, lastError);
        }
        bool retryable = false;
        auto result = completeOnce(adapted(request), callbacks, cancel, retryable);
        if (result) {
            result->attempts = attempt;
            return result;
        }
        // What the endpoint sent may be quoted in the error: it leaves here as valid UTF-8.
        lastError = sanitizeUtf8(result.error());
        if (cancel != nullptr && cancel->load()) {
            return makeError(lastError);
        }
        std::string notice;
        if (!retryable && adaptTo(lastError, request, notice)) {
            ++adaptations;
            lastError = notice + " (" + snippetOf(lastError, 200) + ")";
            continue;
        }
        if (!retryable) {
            return makeError(lastError);
        }
    }
    return makeError(lastError + " (gave up after " + std::to_string(1 + maxRestarts) + " attempts)");
}

} // namespace curator
