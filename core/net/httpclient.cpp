#include "net/httpclient.h"

#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "media/medialoader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <random>
#include <thread>

namespace curator {

namespace {

bool isSuccess(long status) {
    return status >= 200 && status < 300;
}

// An error body is any bytes the server chose: cut whole characters only, invalid UTF-8 shown as U+FFFD.
std::string snippet(const std::string& body) {
    return snippetOf(body, 300);
}

// Sleeps in small steps so that cancellation is prompt. Returns false when cancelled.
bool waitCancellable(long milliseconds, const std::atomic<bool>* cancel) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
    while (std::chrono::steady_clock::now() < until) {
        if (cancel != nullptr && cancel->load()) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(
            50, std::max<long>(1, static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                        until - std::chrono::steady_clock::now())
                                                        .count())))));
    }
    return cancel == nullptr || !cancel->load();
}

} // namespace

HttpClient::HttpClient(RetryPolicy policy, int maxConcurrent)
    : m_policy(policy)
    , m_maxConcurrent(std::max(1, maxConcurrent)) {}

Result<HttpResponse> HttpClient::send(const HttpRequest& request, const std::atomic<bool>* cancel) {
    return perform(request, nullptr, cancel);
}

Result<HttpResponse> HttpClient::stream(const HttpRequest& request, const HttpDataCallback& onData,
                                        const std::atomic<bool>* cancel) {
    return perform(request, &onData, cancel);
}

Result<HttpResponse> HttpClient::perform(const HttpRequest& request, const HttpDataCallback* onData,
                                         const std::atomic<bool>* cancel) {
    const std::string what = request.method + " " + redactUrlUserInfo(request.url);
    // libcurl lives in the media module, loaded by the first request of the process.
    Result<MediaBackend*> media = loadMediaBackend();
    if (!media) {
        return makeError(what + ": " + media.error());
    }
    thread_local std::mt19937 random{std::random_device{}()};
    std::string lastError;
    for (int attempt = 1; attempt <= std::max(1, m_policy.maxAttempts); ++attempt) {
        if (cancel != nullptr && cancel->load()) {
            return makeError(what + ": cancelled");
        }
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_slotFreed.wait(lock, [this] { return m_inFlight < m_maxConcurrent; });
            ++m_inFlight;
        }
        HttpAttempt transfer = (*media)->transfer(request, onData, cancel);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            --m_inFlight;
        }
        m_slotFreed.notify_one();

        const long status = transfer.response.status;
        transfer.response.attempts = attempt;
        long retryAfterMs = -1;
        if (transfer.outcome == HttpAttempt::Outcome::StoppedByCaller) {
            return std::move(transfer.response);
        }
        if (transfer.outcome == HttpAttempt::Outcome::Cancelled) {
            return makeError(what + ": cancelled");
        }
        if (transfer.outcome == HttpAttempt::Outcome::TransportError ||
            transfer.outcome == HttpAttempt::Outcome::TimedOut) {
            lastError = transfer.error;
            if (transfer.delivered > 0) {
                return makeError(what + ": the stream broke after " + std::to_string(transfer.delivered) +
                                 " bytes: " + lastError);
            }
            if (transfer.outcome == HttpAttempt::Outcome::TimedOut && !m_policy.retryTimeouts) {
                return makeError(what + ": " + lastError + " (a timeout is not retried here)");
            }
        } else if (isSuccess(status)) {
            return std::move(transfer.response);
        } else if (status == 429 || status >= 500) {
            lastError = "HTTP " + std::to_string(status) + ": " + snippet(transfer.response.body);
            const auto header = transfer.response.headers.find("retry-after");
            if (header != transfer.response.headers.end()) {
                try {
                    retryAfterMs = static_cast<long>(std::stod(header->second) * 1000.0);
                } catch (const std::exception&) {
                    retryAfterMs = -1; // an HTTP date: fall back to our own backoff
                }
            }
        } else {
            return makeError(what + ": HTTP " + std::to_string(status) + ": " +
                             snippet(transfer.response.body));
        }
        if (attempt == m_policy.maxAttempts) {
            break;
        }
        long delayMs = retryAfterMs >= 0
                           ? retryAfterMs
                           : static_cast<long>(m_policy.baseDelayMs * std::pow(2.0, attempt - 1));
        delayMs = std::min(delayMs, m_policy.maxDelayMs);
        if (retryAfterMs < 0 && m_policy.jitter > 0) {
            std::uniform_real_distribution<double> spread(1.0 - m_policy.jitter, 1.0 + m_policy.jitter);
            delayMs = static_cast<long>(static_cast<double>(delayMs) * spread(random));
        }
        if (!waitCancellable(delayMs, cancel)) {
            return makeError(what + ": cancelled");
        }
    }
    return makeError(what + " failed after " + std::to_string(std::max(1, m_policy.maxAttempts)) +
                     " attempts: " + lastError);
}

void SseParser::feed(std::string_view bytes) {
    m_pending.append(bytes.data(), bytes.size());
    size_t start = 0;
    for (;;) {
        const size_t end = m_pending.find('\n', start);
        if (end == std::string::npos) {
            break;
        }
        std::string line = m_pending.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        processLine(line);
        start = end + 1;
    }
    m_pending.erase(0, start);
}

void SseParser::finish() {
    if (!m_pending.empty()) {
        processLine(m_pending);
        m_pending.clear();
    }
    processLine("");
}

void SseParser::processLine(const std::string& line) {
    if (line.empty()) {
        if (m_hasData) {
            m_onEvent(m_event, m_data);
        }
        m_event.clear();
        m_data.clear();
        m_hasData = false;
        return;
    }
    if (line[0] == ':') {
        return;
    }
    const size_t colon = line.find(':');
    const std::string field = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') {
        value.erase(0, 1);
    }
    if (field == "data") {
        m_data += (m_hasData ? "\n" : "") + value;
        m_hasData = true;
    } else if (field == "event") {
        m_event = value;
    }
}

} // namespace curator
