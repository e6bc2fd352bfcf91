#pragma once

#include "models/captioner.h"
#include "models/scorer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace curator {

// Which of several equivalent endpoints a call tries, in what order. The healthiest first (fewest
// failures in a row), ties taken round-robin so that concurrent calls spread over the endpoints; an
// endpoint that keeps failing is tried last until it answers again. Thread-safe.
class EndpointRotation {
public:
    explicit EndpointRotation(size_t endpoints);
    size_t size() const { return m_failuresInARow.size(); }
    std::vector<size_t> order();
    void succeeded(size_t endpoint);
    void failed(size_t endpoint);

private:
    std::mutex m_mutex;
    size_t m_next = 0;
    std::vector<unsigned> m_failuresInARow;
};

// Calls `attempt` on each endpoint in the rotation's order until one succeeds. The error, when every
// endpoint failed, names each failure; a cancellation stops the tries at once.
template <typename T>
Result<T> tryEndpoints(EndpointRotation& rotation, const std::atomic<bool>& cancel,
                       const std::function<Result<T>(size_t endpoint)>& attempt) {
    std::string errors;
    for (size_t endpoint : rotation.order()) {
        Result<T> result = attempt(endpoint);
        if (result) {
            rotation.succeeded(endpoint);
            return result;
        }
        if (cancel.load()) {
            return result;
        }
        rotation.failed(endpoint);
        errors += (errors.empty() ? "" : "; ") + std::string("endpoint ") + std::to_string(endpoint + 1) +
                  ": " + result.error();
    }
    return makeError("all " + std::to_string(rotation.size()) + " endpoints failed: " + errors);
}

// One scorer served at several endpoints (openai:URL1,URL2#MODEL): each call goes to one of them and a
// failed call is retried on the others before it is an error.
class PooledScorer final : public Scorer {
public:
    explicit PooledScorer(std::vector<std::unique_ptr<Scorer>> endpoints);
    std::string modelName() const override { return m_endpoints.front()->modelName(); }
    ScoreRange range() const override { return m_endpoints[m_lastAnswered.load()]->range(); }
    Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                      const std::vector<std::string>& captions) override;
    Result<std::vector<double>> scoreUnlessCancelled(const std::vector<RgbImage>& images,
                                                     const std::vector<std::string>& captions,
                                                     const std::atomic<bool>& cancel) override;
    bool allowsConcurrentCalls() const override;
    size_t preferredBatchSize() const override { return m_endpoints.front()->preferredBatchSize(); }

private:
    std::vector<std::unique_ptr<Scorer>> m_endpoints;
    EndpointRotation m_rotation;
    std::atomic<size_t> m_lastAnswered{0}; // whose range() is reported: the one that last told it
};

// One captioner served at several endpoints, like PooledScorer.
class PooledCaptioner final : public Captioner {
public:
    explicit PooledCaptioner(std::vector<std::unique_ptr<Captioner>> endpoints);
    std::string modelName() const override { return m_endpoints.front()->modelName(); }
    Result<std::string> caption(const RgbImage& image, const std::string& imagePath) override;
    Result<std::string> captionUnlessCancelled(const RgbImage& image, const std::string& imagePath,
                                               const std::atomic<bool>& cancel) override;
    bool allowsConcurrentCalls() const override;

private:
    std::vector<std::unique_ptr<Captioner>> m_endpoints;
    EndpointRotation m_rotation;
};

} // namespace curator
