#pragma once

#include "common/result.h"
#include "search/searchoperations.h"
#include "store/embeddingmatrix.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace curator {

struct HnswParameters {
    size_t m = 16;               // links per node
    size_t efConstruction = 200; // candidate list while building
    // Candidate list while searching (raised to k when smaller); 0: the index's calibrated ef.
    size_t efSearch = 0;
    unsigned threads = 0; // build threads; 0: one per hardware thread
    // The build chooses the smallest ef whose recall@kCalibrationTopK, on queries near rows of the matrix
    // and against the exact scan, reaches this (HnswIndex::calibration).
    double targetRecall = 0.95;
};

// What the build measured to choose the search's ef; saved beside the graph (hnsw.json).
struct HnswCalibration {
    size_t efSearch = 128; // an index saved before calibration existed searches with the old fixed ef
    double recall = 0;     // recall@kCalibrationTopK at efSearch on the calibration queries (0: unknown)
    double targetRecall = 0;
    size_t queries = 0;
};
constexpr size_t kCalibrationTopK = 50;

// Called with (done, total); answering false cancels the build.
using ProgressCallback = std::function<bool(size_t done, size_t total)>;

// An hnswlib graph over one source's matrix, for approximate top-k by inner product (= cosine on the
// normalised rows). Saved as hnsw.bin beside the matrix; a graph whose row count differs from the
// matrix is stale and refused. Searching is thread-safe.
class HnswIndex {
public:
    ~HnswIndex();
    HnswIndex(const HnswIndex&) = delete;
    HnswIndex& operator=(const HnswIndex&) = delete;

    static Result<std::unique_ptr<HnswIndex>> build(const EmbeddingMatrix& matrix,
                                                    const HnswParameters& parameters,
                                                    const ProgressCallback& progress = {});
    // Loads the saved graph of `matrix`; an error when there is none or it is stale.
    static Result<std::unique_ptr<HnswIndex>> load(const EmbeddingMatrix& matrix);
    static std::string pathFor(const EmbeddingMatrix& matrix);

    // Writes to a temporary and renames into place.
    Status save(const std::string& path) const;

    // The k rows most similar to the normalised `query`, best first, as (row, similarity); ef 0 is the
    // calibrated ef.
    std::vector<std::pair<size_t, float>> search(const float* query, size_t k, size_t ef) const;

    size_t size() const;
    const HnswCalibration& calibration() const;
    static std::string calibrationPathFor(const std::string& indexPath); // hnsw.bin -> hnsw.json

private:
    struct Impl;
    explicit HnswIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Approximate top-k over several sources: each source's graph proposes candidates, whose similarities
// to the query and the negatives are then computed exactly from the matrix; masked ones are dropped and
// the request widened until k survive or the graph is exhausted.
Result<SearchResult> searchApproximate(const std::vector<const EmbeddingMatrix*>& segments,
                                       const std::vector<const HnswIndex*>& indexes, const QuerySet& querySet,
                                       size_t k, const HnswParameters& parameters = {});

} // namespace curator
