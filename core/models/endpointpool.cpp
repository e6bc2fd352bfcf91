#include "models/endpointpool.h"

#include <algorithm>
#include <numeric>

namespace curator {

EndpointRotation::EndpointRotation(size_t endpoints)
    : m_failuresInARow(std::max<size_t>(1, endpoints), 0) {}

std::vector<size_t> EndpointRotation::order() {
    std::lock_guard<std::mutex> lock(m_mutex);
    const size_t count = m_failuresInARow.size();
    const size_t first = m_next++ % count;
    std::vector<size_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(first), order.end());
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return m_failuresInARow[a] < m_failuresInARow[b]; });
    return order;
}

void EndpointRotation::succeeded(size_t endpoint) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_failuresInARow[endpoint] = 0;
}

void EndpointRotation::failed(size_t endpoint) {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_failuresInARow[endpoint];
}

PooledScorer::PooledScorer(std::vector<std::unique_ptr<Scorer>> endpoints)
    : m_endpoints(std::move(endpoints))
    , m_rotation(m_endpoints.size()) {}

Result<std::vector<double>> PooledScorer::score(const std::vector<RgbImage>& images,
                                                const std::vector<std::string>& captions) {
    const std::atomic<bool> never{false};
    return scoreUnlessCancelled(images, captions, never);
}

Result<std::vector<double>> PooledScorer::scoreUnlessCancelled(const std::vector<RgbImage>& images,
                                                               const std::vector<std::string>& captions,
                                                               const std::atomic<bool>& cancel) {
    return tryEndpoints<std::vector<double>>(
        m_rotation, cancel, [&](size_t endpoint) -> Result<std::vector<double>> {
            auto scores = m_endpoints[endpoint]->scoreUnlessCancelled(images, captions, cancel);
            if (scores) {
                m_lastAnswered = endpoint;
            }
            return scores;
        });
}

bool PooledScorer::allowsConcurrentCalls() const {
    return std::all_of(m_endpoints.begin(), m_endpoints.end(),
                       [](const auto& endpoint) { return endpoint->allowsConcurrentCalls(); });
}

PooledCaptioner::PooledCaptioner(std::vector<std::unique_ptr<Captioner>> endpoints)
    : m_endpoints(std::move(endpoints))
    , m_rotation(m_endpoints.size()) {}

Result<std::string> PooledCaptioner::caption(const RgbImage& image, const std::string& imagePath) {
    const std::atomic<bool> never{false};
    return captionUnlessCancelled(image, imagePath, never);
}

Result<std::string> PooledCaptioner::captionUnlessCancelled(const RgbImage& image,
                                                            const std::string& imagePath,
                                                            const std::atomic<bool>& cancel) {
    return tryEndpoints<std::string>(m_rotation, cancel, [&](size_t endpoint) {
        return m_endpoints[endpoint]->captionUnlessCancelled(image, imagePath, cancel);
    });
}

bool PooledCaptioner::allowsConcurrentCalls() const {
    return std::all_of(m_endpoints.begin(), m_endpoints.end(),
                       [](const auto& endpoint) { return endpoint->allowsConcurrentCalls(); });
}

} // namespace curator
