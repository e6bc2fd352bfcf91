#pragma once

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "search/simd.h"
#include "store/embeddingmatrix.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace curator {

// At most this many negative prompts ride along with one query in a scan.
constexpr size_t kMaxNegatives = 16;

// A query and its negative prompts, L2-normalised, scored together in one pass over the matrix.
struct QuerySet {
    size_t dimension = 0;
    std::vector<float> vectors; // (1 + negativeCount) x dimension; row 0 is the query
    size_t negativeCount = 0;
    float negativeThreshold = static_cast<float>(defaults::kNegativeThreshold);

    const float* query() const { return vectors.data(); }
    const float* negative(size_t index) const { return vectors.data() + (1 + index) * dimension; }
};

// Checks dimensions (each against `dimension` when it is not zero), finiteness and norms, then
// normalises. Messages name what was given and what was expected.
Result<QuerySet> makeQuerySet(const std::vector<float>& query,
                              const std::vector<std::vector<float>>& negatives, float negativeThreshold);

// Rows of the concatenated matrices are addressed by (segment, row).
struct RowRef {
    uint32_t segment = 0;
    uint32_t row = 0;
    bool operator==(const RowRef& other) const { return segment == other.segment && row == other.row; }
};

// One block of scored rows handed to a visitor: similarity to the query and whether any negative
// reached the threshold. Blocks of one chunk arrive in row order on one thread; chunks are numbered in
// row order, so a visitor that keeps per-chunk state and merges by chunk index is deterministic
// whatever the thread count.
struct ScanBlock {
    size_t chunk = 0;
    uint32_t segment = 0;
    size_t firstRow = 0;
    size_t rowCount = 0;
    const float* similarity = nullptr;
    const unsigned char* masked = nullptr; // 1 where a negative reached the threshold
};

class ScanVisitor {
public:
    virtual ~ScanVisitor() = default;
    // Called once, before any block, with the number of chunks the scan is cut into.
    virtual void prepare(size_t chunkCount) = 0;
    // Called concurrently for different chunks.
    virtual void visit(const ScanBlock& block) = 0;
};

// Every row's score of one segment, computed elsewhere (the device scan): similarity to the query, and
// 1 where a negative reached the threshold.
struct SegmentScores {
    std::vector<float> similarity;
    std::vector<unsigned char> masked;
};
using RowScoreSource = std::function<Result<std::vector<SegmentScores>>(const QuerySet& querySet)>;

struct ScanOptions {
    unsigned threads = 0;          // 0: one per hardware thread
    std::optional<SimdLevel> simd; // default: detectSimdLevel()
    const std::atomic<bool>* cancel = nullptr;
    // When set, the rows are not scored here: the source scores every row (one segment each, in order)
    // and the visitors see its scores in the same blocks and chunks as a CPU pass. This is how the GPU
    // serves every operation while what is made of the scores (top-k, counts, bands) stays in one place.
    RowScoreSource rowScores;
};

// Scores every row of `segments` against the query and all negatives in one pass over memory,
// multi-threaded with the best SIMD kernels (or takes the scores from options.rowScores). All segments
// must have the query's dimension. Fails on a dimension mismatch, cancellation, or a failed or
// mis-sized row score source.
Status scanMatrices(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                    ScanVisitor& visitor, const ScanOptions& options = {});

// Passes scanMatrices has made over the matrices in this process: tests check that an action costs one.
uint64_t scanPassCount();

} // namespace curator
