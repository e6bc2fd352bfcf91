#pragma once

#include "common/result.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers; // never logged: may carry an API key
    std::string body;
    long timeoutMs = 120000; // whole transfer; 0: no cap (a stream then relies on idleTimeoutMs)
    long connectTimeoutMs = 10000;
    // No byte for this long ends the transfer as a timeout (0: no such limit): a stream that is slow but
    // alive goes on, one that went silent does not hang. Checked about once a second.
    long idleTimeoutMs = 0;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // lowercase names
    int attempts = 0;
};

// Exponential backoff with jitter: attempt n waits min(maxDelay, baseDelay * 2^(n-1)) * (1 +- jitter),
// or what the server's Retry-After asks for when it says (capped at maxDelay).
struct RetryPolicy {
    int maxAttempts = 5;
    long baseDelayMs = 500;
    long maxDelayMs = 30000;
    double jitter = 0.25;
    // Whether a request that timed out is tried again. Off where another endpoint can answer instead (a
    // pooled scorer or captioner): a server that hangs then costs one timeout, not one per attempt.
    bool retryTimeouts = true;
};

// Called with each piece of a streamed body as it arrives; answering false stops the transfer.
using HttpDataCallback = std::function<bool(std::string_view)>;

// A blocking HTTP client over libcurl for the model backends and the LLM client. Thread-safe: at most
// `maxConcurrent` requests are in flight at once, the rest wait. Retries 429, 5xx, timeouts and dropped
// connections (timeouts unless the policy says not); other statuses fail at once. Error messages name the
// method, URL and what happened, never the request headers (an API key travels there).
class HttpClient {
public:
    explicit HttpClient(RetryPolicy policy = {}, int maxConcurrent = 4);

    // Cancelling (`*cancel` becoming true) aborts the transfer or the backoff wait within ~50 ms.
    Result<HttpResponse> send(const HttpRequest& request, const std::atomic<bool>* cancel = nullptr);

    // Streams the body to `onData` (server-sent events, for instance). A stream that fails before any
    // byte arrived is retried like send(); one that breaks mid-way is an error (the caller decides
    // whether to start over), since the bytes already delivered cannot be taken back.
    Result<HttpResponse> stream(const HttpRequest& request, const HttpDataCallback& onData,
                                const std::atomic<bool>* cancel = nullptr);

    const RetryPolicy& policy() const { return m_policy; }

private:
    Result<HttpResponse> perform(const HttpRequest& request, const HttpDataCallback* onData,
                                 const std::atomic<bool>* cancel);

    RetryPolicy m_policy;
    int m_maxConcurrent;
    int m_inFlight = 0;
    std::mutex m_mutex;
    std::condition_variable m_slotFreed;
};

// Splits a server-sent-events byte stream into events. Feed bytes as they arrive; each complete event
// (ended by a blank line) is delivered with its `event:` name (empty when absent) and its `data:` lines
// joined by '\n'. Comment lines (":") are ignored.
class SseParser {
public:
    using EventCallback = std::function<void(const std::string& event, const std::string& data)>;
    explicit SseParser(EventCallback onEvent)
        : m_onEvent(std::move(onEvent)) {}
    void feed(std::string_view bytes);
    // Delivers a last event that was not followed by a blank line.
    void finish();

private:
    void processLine(const std::string& line);

    EventCallback m_onEvent;
    std::string m_pending;
    std::string m_event;
    std::string m_data;
    bool m_hasData = false;
};

} // namespace curator
