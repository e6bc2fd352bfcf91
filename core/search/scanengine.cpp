#include "search/scanengine.h"

#include "common/parallel.h"

#include <algorithm>
#include <cmath>
#include <exception>

namespace curator {

Result<QuerySet> makeQuerySet(const std::vector<float>& query,
                              const std::vector<std::vector<float>>& negatives, float negativeThreshold) {
    if (query.empty()) {
        return makeError("the query vector is empty");
    }
    if (negatives.size() > kMaxNegatives) {
        return makeError(std::to_string(negatives.size()) + " negative prompts given: at most " +
                         std::to_string(kMaxNegatives) + " are scored in one scan");
    }
    if (!std::isfinite(negativeThreshold)) {
        return makeError("the negative threshold must be a finite number");
    }
    QuerySet set;
    set.dimension = query.size();
    set.negativeCount = negatives.size();
    set.negativeThreshold = negativeThreshold;
    set.vectors.reserve((1 + negatives.size()) * query.size());
    auto append = [&](const std::vector<float>& vector, const std::string& what) -> Status {
        if (vector.size() != set.dimension) {
            return makeError(what + " has dimension " + std::to_string(vector.size()) +
                             " but the query has " + std::to_string(set.dimension));
        }
        double squaredNorm = 0.0;
        for (float value : vector) {
            if (!std::isfinite(value)) {
                return makeError(what + " holds a NaN or infinite value");
            }
            squaredNorm += static_cast<double>(value) * value;
        }
        if (squaredNorm == 0.0) {
            return makeError(what + " is all zeros: it has no direction to compare");
        }
        const double inverseNorm = 1.0 / std::sqrt(squaredNorm);
        for (float value : vector) {
            set.vectors.push_back(static_cast<float>(value * inverseNorm));
        }
        return {};
    };
    if (auto status = append(query, "the query vector"); !status) {
        return status.takeError();
    }
    for (size_t i = 0; i < negatives.size(); ++i) {
        if (auto status = append(negatives[i], "negative vector " + std::to_string(i + 1)); !status) {
            return status.takeError();
        }
    }
    return set;
}

namespace {

// Rows per kernel call: small enough that scores and the rows being reused stay in L1/L2.
constexpr size_t kBlockRows = 64;
// Rows per unit of work handed to a thread.
constexpr size_t kChunkRows = 8192;

std::atomic<uint64_t> g_scanPasses{0};

struct Chunk {
    uint32_t segment;
    size_t firstRow;
    size_t rowCount;
};

ParallelOptions parallelOptions(const std::vector<const EmbeddingMatrix*>& segments,
                                const std::vector<Chunk>& chunks, const ScanOptions& options) {
    ParallelOptions parallel;
    parallel.threads = options.threads;
    parallel.cancel = options.cancel;
    parallel.describeItem = [&segments, &chunks](size_t index) {
        const Chunk& chunk = chunks[index];
        return "scanning rows " + std::to_string(chunk.firstRow) + "-" +
               std::to_string(chunk.firstRow + chunk.rowCount - 1) + " of source '" +
               segments[chunk.segment]->source() + "'";
    };
    return parallel;
}

// The visitors over scores computed elsewhere, block by block as a CPU pass hands them out.
Status visitRowScores(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                      const std::vector<Chunk>& chunks, ScanVisitor& visitor, const ScanOptions& options) {
    Result<std::vector<SegmentScores>> scores = options.rowScores(querySet);
    if (!scores) {
        return scores.takeError();
    }
    if (scores->size() != segments.size()) {
        return makeError("the row score source gave " + std::to_string(scores->size()) + " segments, " +
                         std::to_string(segments.size()) + " were scanned");
    }
    for (size_t s = 0; s < segments.size(); ++s) {
        const SegmentScores& segment = (*scores)[s];
        if (segment.similarity.size() != segments[s]->rows() ||
            segment.masked.size() != segments[s]->rows()) {
            return makeError("the row score source gave " + std::to_string(segment.similarity.size()) +
                             " scores for source '" + segments[s]->source() + "', which has " +
                             std::to_string(segments[s]->rows()) + " rows");
        }
    }
    return parallelFor(chunks.size(), parallelOptions(segments, chunks, options), [&](size_t index) {
        const Chunk& chunk = chunks[index];
        const SegmentScores& segment = (*scores)[chunk.segment];
        for (size_t offset = 0; offset < chunk.rowCount; offset += kBlockRows) {
            const size_t first = chunk.firstRow + offset;
            const size_t count = std::min(kBlockRows, chunk.rowCount - offset);
            visitor.visit({index, chunk.segment, first, count, segment.similarity.data() + first,
                           segment.masked.data() + first});
        }
    });
}

} // namespace

Status scanMatrices(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                    ScanVisitor& visitor, const ScanOptions& options) {
    for (const EmbeddingMatrix* matrix : segments) {
        if (matrix->dimension() != querySet.dimension) {
            return makeError("the query has dimension " + std::to_string(querySet.dimension) +
                             " but source '" + matrix->source() + "' (model '" + matrix->model() +
                             "') has dimension " + std::to_string(matrix->dimension()));
        }
    }
    g_scanPasses.fetch_add(1, std::memory_order_relaxed);
    std::vector<Chunk> chunks;
    for (uint32_t s = 0; s < segments.size(); ++s) {
        for (size_t first = 0; first < segments[s]->rows(); first += kChunkRows) {
            chunks.push_back({s, first, std::min(kChunkRows, segments[s]->rows() - first)});
        }
    }
    visitor.prepare(chunks.size());
    if (chunks.empty()) {
        return {};
    }
    if (options.rowScores) {
        return visitRowScores(segments, querySet, chunks, visitor, options);
    }
    for (const EmbeddingMatrix* matrix : segments) {
        matrix->adviseSequential();
    }
    SimdLevel level = options.simd.value_or(detectSimdLevel());
    if (!cpuSupports(level)) {
        level = SimdLevel::Scalar;
    }
    const DotKernels kernels = dotKernels(level);
    const size_t vectorCount = 1 + querySet.negativeCount;
    // Each worker keeps its own score buffers; a chunk is one item.
    return parallelForWorkers(
        chunks.size(), parallelOptions(segments, chunks, options), [&]() -> ParallelBody {
            return [&, scores = std::vector<float>(kBlockRows * vectorCount),
                    similarity = std::vector<float>(kBlockRows),
                    masked = std::vector<unsigned char>(kBlockRows)](size_t index) mutable -> Status {
                const Chunk& chunk = chunks[index];
                const EmbeddingMatrix& matrix = *segments[chunk.segment];
                const size_t dimension = matrix.dimension();
                for (size_t offset = 0; offset < chunk.rowCount; offset += kBlockRows) {
                    const size_t first = chunk.firstRow + offset;
                    const size_t count = std::min(kBlockRows, chunk.rowCount - offset);
                    if (matrix.storage() == StorageType::Float32) {
                        kernels.float32(matrix.float32Rows() + first * dimension, count, dimension,
                                        querySet.vectors.data(), vectorCount, scores.data());
                    } else {
                        kernels.float16(matrix.float16Rows() + first * dimension, count, dimension,
                                        querySet.vectors.data(), vectorCount, scores.data());
                    }
                    for (size_t r = 0; r < count; ++r) {
                        const float* rowScores = scores.data() + r * vectorCount;
                        similarity[r] = rowScores[0];
                        unsigned char isMasked = 0;
                        for (size_t n = 1; n < vectorCount; ++n) {
                            isMasked |= rowScores[n] >= querySet.negativeThreshold ? 1 : 0;
                        }
                        masked[r] = isMasked;
                    }
                    visitor.visit({index, chunk.segment, first, count, similarity.data(), masked.data()});
                }
                return {};
            };
        });
}

uint64_t scanPassCount() {
    return g_scanPasses.load(std::memory_order_relaxed);
}

} // namespace curator
