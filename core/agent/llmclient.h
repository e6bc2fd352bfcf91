#pragma once

#include "common/result.h"
#include "net/httpclient.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

struct ChatToolCall {
    std::string id;
    std::string name;
    std::string arguments; // raw JSON text, as the model wrote it (may be malformed: the caller validates)
};

struct ChatMessage {
    std::string role; // system | user | assistant | tool
    std::string content;
    std::string reasoning;               // assistant: the reasoning the server streamed, if any
    std::vector<ChatToolCall> toolCalls; // assistant
    std::string toolCallId;              // tool: the call this answers
    std::vector<std::string> imageUrls;  // user: image parts (data URLs)
    // assistant, Responses dialect: the reasoning items the server returned (a JSON array, their
    // encrypted_content opaque to us), sent back verbatim before this message's calls on later turns so the
    // model keeps its reasoning between tool calls. The transcript keeps it, so a resumed run sends it too.
    std::string reasoningItems;
};

struct ToolSchema {
    std::string name;
    std::string description;
    std::string parametersJson; // a JSON Schema object
};

struct ChatRequest {
    std::string model;
    std::vector<ChatMessage> messages;
    std::vector<ToolSchema> tools;
    std::string toolChoice = "auto"; // auto | none | required | a tool name
    std::string reasoningEffort;     // low | medium | high, or empty to leave it out
    bool parallelToolCalls = true;
    bool stream = true;
    std::optional<double> temperature;
    // Set by LlmClient from its dialect (below), not by callers: image parts become a note in the text;
    // an assistant message's reasoning goes back as `reasoning_content`.
    bool omitImages = false;
    bool echoReasoning = false;
    bool reasoningSummary = true; // Responses: ask for reasoning summaries (with a reasoning effort)
};

// The wire format an endpoint speaks. Chat Completions (`/chat/completions`) is what every
// OpenAI-compatible server takes; the Responses API (`/responses`, OpenAI) keeps a reasoning model's
// reasoning between tool calls (docs/llm-endpoints.md).
enum class LlmApi { ChatCompletions, Responses };

// "chat" | "responses" (what --llm-api takes), and back; nullopt for another name.
std::optional<LlmApi> llmApiFromName(std::string_view name);
const char* llmApiName(LlmApi api);

// Whether an endpoint takes a part of the request that some vendors refuse. Auto: sent (or, for the
// reasoning echo, left out) until the endpoint refuses the request with an HTTP 400 naming it; the client
// then adapts, says so through ChatStreamCallbacks::onRestart, sends the request again and keeps the
// adaptation for the rest of its life.
enum class EndpointSupport { Auto, Yes, No };

struct LlmDialect {
    EndpointSupport images = EndpointSupport::Auto;        // image parts (DeepSeek's chat models refuse them)
    EndpointSupport echoReasoning = EndpointSupport::Auto; // DeepSeek's thinking mode with tools needs it
    EndpointSupport temperature = EndpointSupport::Auto;   // OpenAI's reasoning models refuse it
    // Responses: reasoning summaries (an organisation OpenAI has not verified is refused them).
    EndpointSupport reasoningSummary = EndpointSupport::Auto;
};

struct ChatUsage {
    long promptTokens = 0;
    long completionTokens = 0;
    long totalTokens = 0;
    long reasoningTokens = 0;
};

struct ChatResult {
    ChatMessage message; // the assistant's answer: content, reasoning, tool calls
    std::string finishReason;
    ChatUsage usage;
    int attempts = 0; // 1 + restarts after 429/5xx/timeouts/dropped streams
};

// Streamed pieces as they arrive. Called on the calling thread. After onRestart the answer starts over
// (a dropped stream is retried whole): a listener discards what it showed of the aborted attempt.
struct ChatStreamCallbacks {
    std::function<void(std::string_view)> onReasoningDelta;
    std::function<void(std::string_view)> onContentDelta;
    std::function<void(int attempt, const std::string& reason)> onRestart;
};

// The most text one answer may hold (content, reasoning and tool calls together) unless set otherwise.
constexpr size_t kDefaultMaxAnswerBytes = size_t(8) << 20;
// Silence that ends an LLM request unless set otherwise: a reasoning model may think for minutes before
// its first byte (no reasoning is streamed by some vendors).
constexpr long kDefaultLlmIdleTimeoutMs = 300000;

struct LlmClientLimits {
    int maxStreamRestarts = 3; // a dropped or unfinished stream is started over this many times
    // An answer larger than this (content, reasoning and tool calls) is refused: an error, not retried.
    size_t maxAnswerBytes = kDefaultMaxAnswerBytes;
    // No byte for this long ends an attempt (then retried like a dropped stream). There is no cap on the
    // whole answer: a reasoning model may stream for many minutes, and cutting it would pay for it again.
    long idleTimeoutMs = kDefaultLlmIdleTimeoutMs;
    LlmDialect dialect;
};

// OpenAI-compatible Chat Completions with tools, over HttpClient: works with OpenAI, OpenRouter, vLLM,
// llama.cpp's server and Ollama (docs/llm-endpoints.md); or OpenAI's Responses API when the endpoint says
// so (Endpoint::api). Streaming collects content, reasoning
// (`reasoning_content` or `reasoning` deltas) and tool calls (assembled by index, so parallel calls
// interleave safely), and usage (asked for with stream_options.include_usage). Nothing the endpoint sends
// ends the process: a malformed chunk is an error for that answer naming what was wrong (chatstream.h).
class LlmClient {
public:
    struct Endpoint {
        std::string baseUrl; // .../v1
        std::string apiKey;  // from the environment; sent as a Bearer token, never logged
        LlmApi api = LlmApi::ChatCompletions;
    };
    using Limits = LlmClientLimits;
    // The raw stream, with its JSON framing, may be this many times maxAnswerBytes before it is cut too.
    static constexpr size_t kStreamBytesPerAnswerByte = 16;

    LlmClient(Endpoint endpoint, std::shared_ptr<HttpClient> http, Limits limits = {});

    Result<ChatResult> complete(const ChatRequest& request, const ChatStreamCallbacks& callbacks = {},
                                const std::atomic<bool>* cancel = nullptr);

    // The JSON body for a Chat Completions request (exposed for tests and transcripts; holds no key). The
    // Responses body is responsesRequestBody (responsesrequest.h).
    static std::string requestBody(const ChatRequest& request);
    // The body in the endpoint's dialect.
    static std::string requestBody(const ChatRequest& request, LlmApi api);

    // What the client learnt about its endpoint so far (Auto settings resolved by a refusal).
    const LlmDialect& dialect() const { return m_limits.dialect; }

private:
    // The request as this endpoint takes it.
    ChatRequest adapted(const ChatRequest& request) const;
    // Whether `error` is the endpoint refusing a part the dialect left on Auto; if so the dialect is changed
    // and `notice` says how.
    bool adaptTo(const std::string& error, const ChatRequest& request, std::string& notice);
    Result<ChatResult> completeOnce(const ChatRequest& request, const ChatStreamCallbacks& callbacks,
                                    const std::atomic<bool>* cancel, bool& retryable);

    Endpoint m_endpoint;
    std::shared_ptr<HttpClient> m_http;
    Limits m_limits;
};

} // namespace curator
