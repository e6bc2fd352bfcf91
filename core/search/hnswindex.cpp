// The only file that includes hnswlib: its header defines non-inline functions.
#include "search/hnswindex.h"

#include "search/simd.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

namespace curator {

namespace fs = std::filesystem;

namespace {

// hnswlib picks its SIMD at compile time, and this file is built for the baseline CPU (SSE only). This
// space computes the inner-product distance with the scan's kernels, chosen at run time instead.
class DispatchedInnerProductSpace final : public hnswlib::SpaceInterface<float> {
public:
    explicit DispatchedInnerProductSpace(size_t dimension)
        : m_dimension(dimension) {
        s_kernel = dotKernels(detectSimdLevel()).float32;
    }
    size_t get_data_size() override { return m_dimension * sizeof(float); }
    hnswlib::DISTFUNC<float> get_dist_func() override { return &distance; }
    void* get_dist_func_param() override { return &m_dimension; }

private:
    static float distance(const void* a, const void* b, const void* dimension) {
        float dot;
        s_kernel(static_cast<const float*>(a), 1, *static_cast<const size_t*>(dimension),
                 static_cast<const float*>(b), 1, &dot);
        return 1.0f - dot;
    }

    static inline DotKernelF32 s_kernel = nullptr;
    size_t m_dimension;
};

} // namespace

struct HnswIndex::Impl {
    explicit Impl(size_t dimensions)
        : space(dimensions)
        , dimension(dimensions) {}
    DispatchedInnerProductSpace space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
    size_t dimension = 0;
};

HnswIndex::HnswIndex(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
HnswIndex::~HnswIndex() = default;

std::string HnswIndex::pathFor(const EmbeddingMatrix& matrix) {
    return (fs::path(matrix.directory()) / matrixfiles::kHnswIndex).string();
}

size_t HnswIndex::size() const {
    return m_impl->graph->cur_element_count;
}

Result<std::unique_ptr<HnswIndex>> HnswIndex::build(const EmbeddingMatrix& matrix,
                                                    const HnswParameters& parameters,
                                                    const ProgressCallback& progress) {
    auto impl = std::make_unique<Impl>(matrix.dimension());
    const size_t rows = matrix.rows();
    try {
        impl->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(&impl->space, rows, parameters.m,
                                                                        parameters.efConstruction);
    } catch (const std::exception& e) {
        return makeError("hnsw index for source '" + matrix.source() + "': cannot allocate: " + e.what());
    }
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> stop{false};
    std::string failure;
    std::mutex failureMutex;
    auto work = [&] {
        std::vector<float> row(matrix.dimension());
        for (;;) {
            const size_t index = next.fetch_add(1);
            if (index >= rows || stop) {
                return;
            }
            matrix.readRow(index, row.data());
            try {
                impl->graph->addPoint(row.data(), index);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(failureMutex);
                failure = "hnsw index for source '" + matrix.source() + "': adding row " +
                          std::to_string(index) + " failed: " + e.what();
                stop = true;
                return;
            }
            ++done;
        }
    };
    unsigned threadCount =
        parameters.threads ? parameters.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < threadCount; ++t) {
        threads.emplace_back(work);
    }
    // The calling thread reports progress while the workers build.
    while (progress && done.load() < rows && !stop) {
        if (!progress(done.load(), rows)) {
            stop = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto& thread : threads) {
        thread.join();
    }
    if (!failure.empty()) {
        return makeError(failure);
    }
    if (stop) {
        return makeError("cancelled");
    }
    if (progress) {
        progress(rows, rows);
    }
    return std::unique_ptr<HnswIndex>(new HnswIndex(std::move(impl)));
}

Result<std::unique_ptr<HnswIndex>> HnswIndex::load(const EmbeddingMatrix& matrix) {
    const std::string path = pathFor(matrix);
    std::error_code error;
    if (!fs::exists(path, error)) {
        return makeError("source '" + matrix.source() +
                         "' has no hnsw index: build it with 'index build --source " + matrix.source() + "'");
    }
    auto impl = std::make_unique<Impl>(matrix.dimension());
    try {
        impl->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(&impl->space, path);
    } catch (const std::exception& e) {
        return makeError(path + ": cannot load the hnsw index: " + e.what() +
                         " (rebuild it with 'index build')");
    }
    if (impl->graph->cur_element_count != matrix.rows()) {
        return makeError(path + ": stale hnsw index (" + std::to_string(impl->graph->cur_element_count) +
                         " rows, the matrix has " + std::to_string(matrix.rows()) +
                         "): rebuild it with 'index build --source " + matrix.source() + "'");
    }
    return std::unique_ptr<HnswIndex>(new HnswIndex(std::move(impl)));
}

Status HnswIndex::save(const std::string& path) const {
    std::random_device random;
    const std::string temporary = path + ".tmp-" + std::to_string(random());
    try {
        m_impl->graph->saveIndex(temporary);
    } catch (const std::exception& e) {
        std::remove(temporary.c_str());
        return makeError(path + ": cannot save the hnsw index: " + e.what());
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return makeError(path + ": cannot rename the hnsw index into place");
    }
    return {};
}

std::vector<std::pair<size_t, float>> HnswIndex::search(const float* query, size_t k, size_t ef) const {
    // hnswlib keeps ef in the graph object: searches with different ef must not overlap.
    static std::mutex efMutex;
    std::priority_queue<std::pair<float, hnswlib::labeltype>> found;
    {
        std::lock_guard<std::mutex> lock(efMutex);
        m_impl->graph->setEf(std::max(ef, k));
        found = m_impl->graph->searchKnn(query, std::min(k, size()));
    }
    std::vector<std::pair<size_t, float>> hits;
    while (!found.empty()) { // hnswlib's distance is 1 - inner product; the queue pops the worst first
        hits.emplace_back(static_cast<size_t>(found.top().second), 1.0f - found.top().first);
        found.pop();
    }
    std::reverse(hits.begin(), hits.end());
    return hits;
}

Result<SearchResult> searchApproximate(const std::vector<const EmbeddingMatrix*>& segments,
                                       const std::vector<const HnswIndex*>& indexes, const QuerySet& querySet,
                                       size_t k, const HnswParameters& parameters) {
    if (segments.size() != indexes.size()) {
        return makeError("searchApproximate: one index per source is needed");
    }
    if (k == 0) {
        return makeError("top-k must be at least 1");
    }
    SearchResult result;
    result.approximate = true;
    std::vector<float> row(querySet.dimension);
    auto dot = [&](const float* vector) {
        double total = 0.0;
        for (size_t c = 0; c < querySet.dimension; ++c) {
            total += static_cast<double>(row[c]) * vector[c];
        }
        return static_cast<float>(total);
    };
    for (uint32_t s = 0; s < segments.size(); ++s) {
        const EmbeddingMatrix& matrix = *segments[s];
        if (matrix.dimension() != querySet.dimension) {
            return makeError("the query has dimension " + std::to_string(querySet.dimension) +
                             " but source '" + matrix.source() + "' (model '" + matrix.model() +
                             "') has dimension " + std::to_string(matrix.dimension()));
        }
        // Ask for more than k when negatives may mask some; widen until k survive.
        size_t request = querySet.negativeCount ? 2 * k : k;
        for (;;) {
            const auto candidates = indexes[s]->search(querySet.query(), request, parameters.efSearch);
            std::vector<SearchHit> kept;
            size_t masked = 0;
            for (const auto& [rowIndex, approximateSimilarity] : candidates) {
                matrix.readRow(rowIndex, row.data());
                bool isMasked = false;
                for (size_t n = 0; n < querySet.negativeCount && !isMasked; ++n) {
                    isMasked = dot(querySet.negative(n)) >= querySet.negativeThreshold;
                }
                if (isMasked) {
                    ++masked;
                    continue;
                }
                kept.push_back({{s, static_cast<uint32_t>(rowIndex)}, dot(querySet.query()), {}, {}});
            }
            const bool exhausted = candidates.size() < request || request >= matrix.rows();
            if (kept.size() >= k || exhausted) {
                result.scanned += candidates.size();
                result.masked += masked;
                result.hits.insert(result.hits.end(), kept.begin(), kept.end());
                break;
            }
            request = std::min(matrix.rows(), request * 4);
        }
    }
    sortHitsBestFirst(result.hits);
    if (result.hits.size() > k) {
        result.hits.resize(k);
    }
    describeHits(segments, result.hits);
    return result;
}

} // namespace curator
