#pragma once

#include "search/scanengine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace curator {

struct SearchHit {
    RowRef ref;
    float similarity = 0.0f;
    std::string id;
    std::string source;
    bool masked = false; // a negative reached the threshold (only with MaskedRows::Include)
};

struct SearchResult {
    std::vector<SearchHit> hits; // best first; ties by (segment, row)
    size_t scanned = 0;          // rows scored (candidates examined, for an approximate search)
    size_t masked = 0;           // rows a negative excluded
    bool approximate = false;
};

struct CountResult {
    size_t count = 0;                // unmasked rows with similarity >= threshold
    size_t masked = 0;               // rows a negative excluded
    size_t maskedAboveThreshold = 0; // excluded rows that would otherwise have counted
    size_t scanned = 0;
};

struct SampleResult {
    std::vector<SearchHit> hits; // sorted by similarity, best first
    size_t eligible = 0;         // unmasked rows with min <= similarity <= max
    size_t masked = 0;
    size_t scanned = 0;
    uint64_t seed = 0;
};

struct SelectionResult {
    std::vector<RowRef> rows;        // in (segment, row) order
    std::vector<float> similarities; // of each row, as the scan compared them with the threshold
    size_t masked = 0;
    size_t scanned = 0;
};

// Exclude: masked rows never appear (what every tool uses). Include: they compete for the top k as
// well, flagged `masked`, so a person can see what the negatives took out.
enum class MaskedRows { Exclude, Include };

// Exact top-k of unmasked rows by similarity to the query, by partial selection per chunk.
Result<SearchResult> searchTopK(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                size_t k, const ScanOptions& options = {},
                                MaskedRows maskedRows = MaskedRows::Exclude);

// Exactly what `selectAbove` selects, counted.
Result<CountResult> countAbove(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                               float threshold, const ScanOptions& options = {});

// Every unmasked row with similarity >= threshold (what a commit takes).
Result<SelectionResult> selectAbove(const std::vector<const EmbeddingMatrix*>& segments,
                                    const QuerySet& querySet, float threshold,
                                    const ScanOptions& options = {});

// `count` rows drawn uniformly without repeats among unmasked rows with minimum <= similarity <= maximum.
// The same seed gives the same sample whatever the thread count.
Result<SampleResult> sampleBand(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                float minimum, float maximum, size_t count, uint64_t seed,
                                const ScanOptions& options = {});

// Best first; equal similarities in (segment, row) order, so results never depend on thread timing.
void sortHitsBestFirst(std::vector<SearchHit>& hits);

struct SimilarityDistribution {
    double minimum = -1.0; // the edges: bins of equal width over [minimum, maximum]
    double maximum = 1.0;
    std::vector<size_t> counts; // unmasked rows per bin
    size_t masked = 0;
    size_t scanned = 0;
};

// How the similarities of unmasked rows spread, in one scan: what a threshold would cut.
Result<SimilarityDistribution> similarityDistribution(const std::vector<const EmbeddingMatrix*>& segments,
                                                      const QuerySet& querySet, size_t bins = 200,
                                                      const ScanOptions& options = {});

// What one pass over the matrices should produce: a workstation search wants the top-k and the
// distribution, an agent search the top-k and every similarity, a slider the count. Asking for several
// costs one read of the matrices, not one per answer.
struct ScanWants {
    size_t topK = 0; // 0: no top-k
    MaskedRows maskedRows = MaskedRows::Exclude;
    size_t distributionBins = 0;         // 0: no distribution
    std::optional<float> countThreshold; // also count what a commit at this threshold would take
    bool collectSimilarities = false;    // every unmasked similarity, in row order
};

struct CombinedScan {
    SearchResult top; // hits described (id, source); `scanned` and `masked` are always filled
    std::optional<SimilarityDistribution> distribution;
    std::optional<CountResult> count;
    std::vector<float> similarities; // with collectSimilarities
};

// One scan, every answer of `wants`.
Result<CombinedScan> scanOnce(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                              const ScanWants& wants, const ScanOptions& options = {});

// The distribution `similarityDistribution` would give for these unmasked similarities (same bins).
SimilarityDistribution distributionOf(const std::vector<float>& similarities, size_t bins, size_t masked);

// Fills id and source of hits from their matrices.
void describeHits(const std::vector<const EmbeddingMatrix*>& segments, std::vector<SearchHit>& hits);

// A seed from the system's entropy source, for callers that were given none (it is reported back).
uint64_t randomSeed();

// Draws `count` distinct indices in [0, population) with a SplitMix64 stream: portable and stable across
// standard libraries, unlike std::uniform_int_distribution.
std::vector<size_t> drawWithoutReplacement(size_t population, size_t count, uint64_t seed);

} // namespace curator
