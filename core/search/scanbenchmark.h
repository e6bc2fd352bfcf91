#pragma once

#include "common/result.h"
#include "store/embeddingmatrix.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace curator {

// Writes a matrix of `rows` random unit vectors straight into the store layout (meta.json, matrix,
// ids) under `directory`: synthetic data for benchmarks, faster than a round trip through .npy.
// With `clusters` > 0 each row lies near one of that many centres (syntheticCentre), as the embeddings of
// a real collection do; approximate search is measured on such data (on uniform random rows in high
// dimension no graph index finds neighbours cheaply).
Status writeSyntheticMatrix(const std::string& directory, const std::string& source, const std::string& model,
                            size_t rows, size_t dimension, StorageType storage, uint64_t seed,
                            size_t clusters = 0);

// Centre `index` of the matrix writeSyntheticMatrix writes with these arguments (not normalised).
std::vector<float> syntheticCentre(size_t dimension, size_t clusters, size_t index, uint64_t seed);

// A plain multi-threaded read of `bytes` bytes (sums every 64-bit word): the floor a memory-bound scan
// is compared with. Returns the sum so the compiler cannot drop the read.
uint64_t plainRead(const void* data, size_t bytes, unsigned threads);

struct ScanBenchmarkRequest {
    size_t rows = 255000;
    size_t dimension = 1024;
    StorageType storage = StorageType::Float32;
    size_t negatives = 3;
    unsigned threads = 0;
    unsigned repeats = 5;
    std::string scratchDirectory; // where the synthetic matrix is written; empty: a temporary directory
};

struct ScanBenchmarkFigures {
    size_t rows = 0;
    size_t dimension = 0;
    StorageType storage = StorageType::Float32;
    size_t bytes = 0;
    unsigned threads = 0;
    std::string simd;
    double plainReadMs = 0;     // best of the repeats
    double queryOnlyMs = 0;     // search top-50, query alone
    double withNegativesMs = 0; // search top-50, query + negatives in one pass
    // With the negatives, one pass each (scanOnce): what a workstation search asks (top 200 and the
    // 200-bin distribution) and what an agent search asks (top 20, every similarity, the distribution).
    double workstationSearchMs = 0;
    double agentSearchMs = 0;
    size_t negatives = 0;
};

// Builds the synthetic store, warms the page cache, and times the plain read and both scans, taking
// the best of `repeats` runs each, interleaved so that all figures share the machine's state.
Result<ScanBenchmarkFigures> runScanBenchmark(const ScanBenchmarkRequest& request);

} // namespace curator
