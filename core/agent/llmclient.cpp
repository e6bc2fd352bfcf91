#include "agent/llmclient.h"

#include <nlohmann/json.hpp>

#include <map>

namespace curator {

using nlohmann::json;

LlmClient::LlmClient(Endpoint endpoint, std::shared_ptr<HttpClient> http, int maxStreamRestarts)
    : m_endpoint(std::move(endpoint))
    , m_http(std::move(http))
    , m_maxStreamRestarts(maxStreamRestarts) {
    while (!m_endpoint.baseUrl.empty() && m_endpoint.baseUrl.back() == '/') {
        m_endpoint.baseUrl.pop_back();
    }
}

std::string LlmClient::requestBody(const ChatRequest& request) {
    json messages = json::array();
    for (const auto& message : request.messages) {
        json item = {{"role", message.role}};
        if (!message.imageUrls.empty()) {
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
        messages.push_back(std::move(item));
    }
    json body = {{"model", request.model}, {"messages", messages}, {"stream", request.stream}};
    if (request.stream) {
        body["stream_options"] = {{"include_usage", true}};
    }
    if (!request.tools.empty()) {
        json tools = json::array();
        for (const auto& tool : request.tools) {
            json parameters = json::parse(tool.parametersJson, nullptr, false);
            if (parameters.is_discarded()) {
                parameters = json::object();
            }
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
    return body.dump();
}

namespace {

void readUsage(const json& usage, ChatUsage& out) {
    out.promptTokens = usage.value("prompt_tokens", 0L);
    out.completionTokens = usage.value("completion_tokens", 0L);
    out.totalTokens = usage.value("total_tokens", 0L);
    if (usage.contains("completion_tokens_details") && usage["completion_tokens_details"].is_object()) {
        out.reasoningTokens = usage["completion_tokens_details"].value("reasoning_tokens", 0L);
    }
}

// The text of a delta field that servers send as a string (or null).
std::string textOf(const json& object, const char* key) {
    if (object.contains(key) && object[key].is_string()) {
        return object[key].get<std::string>();
    }
    return {};
}

} // namespace

Result<ChatResult> LlmClient::completeOnce(const ChatRequest& request, const ChatStreamCallbacks& callbacks,
                                           const std::atomic<bool>* cancel, bool& retryable) {
    retryable = false;
    HttpRequest http;
    http.url = m_endpoint.baseUrl + "/chat/completions";
    http.body = requestBody(request);
    http.headers.emplace_back("Content-Type", "application/json");
    if (!m_endpoint.apiKey.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + m_endpoint.apiKey);
    }
    ChatResult result;
    result.message.role = "assistant";

    if (!request.stream) {
        auto response = m_http->send(http, cancel);
        if (!response) {
            return response.takeError();
        }
        try {
            const json answer = json::parse(response->body);
            const json& choice = answer.at("choices").at(0);
            const json& message = choice.at("message");
            result.message.content = textOf(message, "content");
            result.message.reasoning = textOf(message, "reasoning_content");
            if (result.message.reasoning.empty()) {
                result.message.reasoning = textOf(message, "reasoning");
            }
            if (message.contains("tool_calls") && message["tool_calls"].is_array()) {
                for (const auto& call : message["tool_calls"]) {
                    result.message.toolCalls.push_back({call.value("id", ""),
                                                        call.at("function").value("name", ""),
                                                        call.at("function").value("arguments", "")});
                }
            }
            result.finishReason = choice.value("finish_reason", "");
            if (answer.contains("usage") && answer["usage"].is_object()) {
                readUsage(answer["usage"], result.usage);
            }
        } catch (const std::exception& e) {
            return makeError(http.url + ": unexpected answer: " + e.what());
        }
        return result;
    }

    std::map<size_t, ChatToolCall> calls; // by the index the server gives each call
    bool done = false;
    std::string parseError;
    SseParser parser([&](const std::string&, const std::string& data) {
        if (data == "[DONE]") {
            done = true;
            return;
        }
        const json chunk = json::parse(data, nullptr, false);
        if (chunk.is_discarded()) {
            parseError = "a streamed chunk is not JSON: " + data.substr(0, 120);
            return;
        }
        if (chunk.contains("error")) {
            parseError = "the server reported an error mid-stream: " + chunk["error"].dump().substr(0, 300);
            return;
        }
        if (chunk.contains("usage") && chunk["usage"].is_object()) {
            readUsage(chunk["usage"], result.usage);
        }
        if (!chunk.contains("choices") || !chunk["choices"].is_array() || chunk["choices"].empty()) {
            return;
        }
        const json& choice = chunk["choices"][0];
        if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
            result.finishReason = choice["finish_reason"].get<std::string>();
        }
        if (!choice.contains("delta") || !choice["delta"].is_object()) {
            return;
        }
        const json& delta = choice["delta"];
        std::string reasoning = textOf(delta, "reasoning_content");
        if (reasoning.empty()) {
            reasoning = textOf(delta, "reasoning");
        }
        if (!reasoning.empty()) {
            result.message.reasoning += reasoning;
            if (callbacks.onReasoningDelta) {
                callbacks.onReasoningDelta(reasoning);
            }
        }
        const std::string content = textOf(delta, "content");
        if (!content.empty()) {
            result.message.content += content;
            if (callbacks.onContentDelta) {
                callbacks.onContentDelta(content);
            }
        }
        if (delta.contains("tool_calls") && delta["tool_calls"].is_array()) {
            for (const auto& part : delta["tool_calls"]) {
                const size_t index = part.value("index", calls.size());
                ChatToolCall& call = calls[index];
                call.id += textOf(part, "id");
                if (part.contains("function") && part["function"].is_object()) {
                    call.name += textOf(part["function"], "name");
                    call.arguments += textOf(part["function"], "arguments");
                }
            }
        }
    });
    auto response = m_http->stream(
        http,
        [&](std::string_view bytes) {
            parser.feed(bytes);
            return parseError.empty();
        },
        cancel);
    parser.finish();
    if (!response) {
        // HttpClient already retried what failed before any byte; a stream that broke mid-way is ours to
        // retry.
        retryable = response.error().find("the stream broke") != std::string::npos;
        return response.takeError();
    }
    if (!parseError.empty()) {
        return makeError(http.url + ": " + parseError);
    }
    if (!done && result.finishReason.empty()) {
        retryable = true;
        return makeError(http.url + ": the stream ended before the answer was complete");
    }
    for (auto& [index, call] : calls) {
        result.message.toolCalls.push_back(std::move(call));
    }
    return result;
}

Result<ChatResult> LlmClient::complete(const ChatRequest& request, const ChatStreamCallbacks& callbacks,
                                       const std::atomic<bool>* cancel) {
    std::string lastError;
    for (int attempt = 1; attempt <= 1 + m_maxStreamRestarts; ++attempt) {
        if (attempt > 1 && callbacks.onRestart) {
            callbacks.onRestart(attempt, lastError);
        }
        bool retryable = false;
        auto result = completeOnce(request, callbacks, cancel, retryable);
        if (result) {
            result->attempts = attempt;
            return result;
        }
        lastError = result.error();
        if (!retryable || (cancel != nullptr && cancel->load())) {
            return result;
        }
    }
    return makeError(lastError + " (gave up after " + std::to_string(1 + m_maxStreamRestarts) + " attempts)");
}

} // namespace curator
