#include "search/searchoperations.h"

#include <algorithm>
#include <random>
#include <unordered_map>

namespace curator {

namespace {

bool betterHit(float aSimilarity, RowRef a, float bSimilarity, RowRef b) {
    if (aSimilarity != bSimilarity) {
        return aSimilarity > bSimilarity;
    }
    return a.segment != b.segment ? a.segment < b.segment : a.row < b.row;
}

struct Candidate {
    float similarity;
    RowRef ref;
    bool masked = false;
    bool operator<(const Candidate& other) const {
        return betterHit(similarity, ref, other.similarity, other.ref);
    }
};

// Keeps the best k candidates of one chunk: candidates accumulate in a buffer; when it grows past
// 2k + 1024 an nth_element cut keeps the best k and raises the bar that new rows must pass.
class TopKVisitor final : public ScanVisitor {
public:
    TopKVisitor(size_t k, MaskedRows maskedRows)
        : m_k(k)
        , m_includeMasked(maskedRows == MaskedRows::Include) {}

    void prepare(size_t chunkCount) override { m_chunks.assign(chunkCount, {}); }

    void visit(const ScanBlock& block) override {
        ChunkState& state = m_chunks[block.chunk];
        for (size_t r = 0; r < block.rowCount; ++r) {
            const bool masked = block.masked[r] != 0;
            if (masked) {
                ++state.masked;
                if (!m_includeMasked) {
                    continue;
                }
            }
            const float similarity = block.similarity[r];
            if (state.full && similarity < state.bar) {
                continue;
            }
            state.candidates.push_back(
                {similarity, {block.segment, static_cast<uint32_t>(block.firstRow + r)}, masked});
            if (state.candidates.size() >= 2 * m_k + 1024) {
                cut(state);
            }
        }
        state.scanned += block.rowCount;
    }

    SearchResult finish() {
        SearchResult result;
        std::vector<Candidate> all;
        for (auto& state : m_chunks) {
            cut(state);
            all.insert(all.end(), state.candidates.begin(), state.candidates.end());
            result.masked += state.masked;
            result.scanned += state.scanned;
        }
        const size_t keep = std::min(m_k, all.size());
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end());
        for (size_t i = 0; i < keep; ++i) {
            result.hits.push_back({all[i].ref, all[i].similarity, {}, {}, all[i].masked});
        }
        return result;
    }

private:
    struct ChunkState {
        std::vector<Candidate> candidates;
        float bar = 0.0f;
        bool full = false;
        size_t masked = 0;
        size_t scanned = 0;
    };

    void cut(ChunkState& state) const {
        if (state.candidates.size() <= m_k) {
            return;
        }
        std::nth_element(state.candidates.begin(),
                         state.candidates.begin() + static_cast<std::ptrdiff_t>(m_k - 1),
                         state.candidates.end());
        state.candidates.resize(m_k);
        state.bar = state.candidates[m_k - 1].similarity;
        state.full = true;
    }

    size_t m_k;
    bool m_includeMasked;
    std::vector<ChunkState> m_chunks;
};

// Collects (or counts) unmasked rows whose similarity lies in [minimum, maximum].
class BandVisitor final : public ScanVisitor {
public:
    BandVisitor(float minimum, float maximum, bool collect)
        : m_minimum(minimum)
        , m_maximum(maximum)
        , m_collect(collect) {}

    void prepare(size_t chunkCount) override { m_chunks.assign(chunkCount, {}); }

    void visit(const ScanBlock& block) override {
        ChunkState& state = m_chunks[block.chunk];
        for (size_t r = 0; r < block.rowCount; ++r) {
            const float similarity = block.similarity[r];
            const bool inBand = similarity >= m_minimum && similarity <= m_maximum;
            if (block.masked[r]) {
                ++state.masked;
                state.maskedInBand += inBand ? 1 : 0;
                continue;
            }
            if (inBand) {
                ++state.count;
                if (m_collect) {
                    state.rows.push_back(
                        {{block.segment, static_cast<uint32_t>(block.firstRow + r)}, similarity});
                }
            }
        }
        state.scanned += block.rowCount;
    }

    struct Entry {
        RowRef ref;
        float similarity;
    };
    struct ChunkState {
        std::vector<Entry> rows;
        size_t count = 0;
        size_t masked = 0;
        size_t maskedInBand = 0;
        size_t scanned = 0;
    };
    const std::vector<ChunkState>& chunks() const { return m_chunks; }

private:
    float m_minimum;
    float m_maximum;
    bool m_collect;
    std::vector<ChunkState> m_chunks;
};

constexpr float kAboveEverything = 3.0f; // cosine similarity never exceeds 1

size_t distributionBin(float similarity, size_t bins) {
    const double position = (static_cast<double>(similarity) + 1.0) / 2.0 * static_cast<double>(bins);
    return position <= 0 ? 0 : std::min(bins - 1, static_cast<size_t>(position));
}

class DistributionVisitor final : public ScanVisitor {
public:
    explicit DistributionVisitor(size_t bins)
        : m_bins(bins) {}
    void prepare(size_t chunkCount) override {
        m_chunks.assign(chunkCount, {std::vector<size_t>(m_bins, 0), 0, 0});
    }
    void visit(const ScanBlock& block) override {
        ChunkState& state = m_chunks[block.chunk];
        for (size_t r = 0; r < block.rowCount; ++r) {
            if (block.masked[r]) {
                ++state.masked;
                continue;
            }
            ++state.counts[distributionBin(block.similarity[r], m_bins)];
        }
        state.scanned += block.rowCount;
    }
    SimilarityDistribution finish() const {
        SimilarityDistribution result;
        result.counts.assign(m_bins, 0);
        for (const auto& state : m_chunks) {
            for (size_t b = 0; b < m_bins; ++b) {
                result.counts[b] += state.counts[b];
            }
            result.masked += state.masked;
            result.scanned += state.scanned;
        }
        return result;
    }

private:
    struct ChunkState {
        std::vector<size_t> counts;
        size_t masked;
        size_t scanned;
    };
    size_t m_bins;
    std::vector<ChunkState> m_chunks;
};

// Unmasked similarities of every row, collected per chunk (merged in chunk order: deterministic).
class SimilarityCollector final : public ScanVisitor {
public:
    void prepare(size_t chunkCount) override { m_chunks.assign(chunkCount, {}); }
    void visit(const ScanBlock& block) override {
        auto& out = m_chunks[block.chunk];
        for (size_t i = 0; i < block.rowCount; ++i) {
            if (!block.masked[i]) {
                out.push_back(block.similarity[i]);
            }
        }
    }
    std::vector<float> all() const {
        std::vector<float> values;
        for (const auto& chunk : m_chunks) {
            values.insert(values.end(), chunk.begin(), chunk.end());
        }
        return values;
    }

private:
    std::vector<std::vector<float>> m_chunks;
};

// Hands every block to several visitors: several answers from one read of the matrices.
class FanOutVisitor final : public ScanVisitor {
public:
    void add(ScanVisitor* visitor) { m_visitors.push_back(visitor); }
    void prepare(size_t chunkCount) override {
        for (auto* visitor : m_visitors) {
            visitor->prepare(chunkCount);
        }
    }
    void visit(const ScanBlock& block) override {
        for (auto* visitor : m_visitors) {
            visitor->visit(block);
        }
    }

private:
    std::vector<ScanVisitor*> m_visitors;
};

CountResult countOf(const BandVisitor& visitor) {
    CountResult result;
    for (const auto& chunk : visitor.chunks()) {
        result.count += chunk.count;
        result.masked += chunk.masked;
        result.maskedAboveThreshold += chunk.maskedInBand;
        result.scanned += chunk.scanned;
    }
    return result;
}

} // namespace

uint64_t randomSeed() {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
}

std::vector<size_t> drawWithoutReplacement(size_t population, size_t count, uint64_t seed) {
    count = std::min(count, population);
    uint64_t state = seed;
    auto next = [&state] {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    };
    // Partial Fisher-Yates over a sparse permutation: O(count) memory whatever the population.
    std::unordered_map<size_t, size_t> swapped;
    auto valueAt = [&swapped](size_t i) {
        const auto it = swapped.find(i);
        return it == swapped.end() ? i : it->second;
    };
    std::vector<size_t> drawn;
    drawn.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        const uint64_t range = population - i;
        // Rejection sampling removes modulo bias.
        const uint64_t limit = UINT64_MAX - UINT64_MAX % range;
        uint64_t value;
        do {
            value = next();
        } while (value >= limit);
        const size_t j = i + static_cast<size_t>(value % range);
        const size_t atJ = valueAt(j);
        swapped[j] = valueAt(i);
        drawn.push_back(atJ);
    }
    return drawn;
}

Result<SimilarityDistribution> similarityDistribution(const std::vector<const EmbeddingMatrix*>& segments,
                                                      const QuerySet& querySet, size_t bins,
                                                      const ScanOptions& options) {
    DistributionVisitor visitor(std::max<size_t>(1, bins));
    if (auto status = scanMatrices(segments, querySet, visitor, options); !status) {
        return status.takeError();
    }
    return visitor.finish();
}

void sortHitsBestFirst(std::vector<SearchHit>& hits) {
    std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        return betterHit(a.similarity, a.ref, b.similarity, b.ref);
    });
}

void describeHits(const std::vector<const EmbeddingMatrix*>& segments, std::vector<SearchHit>& hits) {
    for (auto& hit : hits) {
        const EmbeddingMatrix& matrix = *segments[hit.ref.segment];
        hit.id = std::string(matrix.id(hit.ref.row));
        hit.source = matrix.source();
    }
}

Result<SearchResult> searchTopK(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                size_t k, const ScanOptions& options, MaskedRows maskedRows) {
    if (k == 0) {
        return makeError("top-k must be at least 1");
    }
    TopKVisitor visitor(k, maskedRows);
    if (auto status = scanMatrices(segments, querySet, visitor, options); !status) {
        return status.takeError();
    }
    SearchResult result = visitor.finish();
    describeHits(segments, result.hits);
    return result;
}

Result<CountResult> countAbove(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                               float threshold, const ScanOptions& options) {
    BandVisitor visitor(threshold, kAboveEverything, false);
    if (auto status = scanMatrices(segments, querySet, visitor, options); !status) {
        return status.takeError();
    }
    return countOf(visitor);
}

Result<CombinedScan> scanOnce(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                              const ScanWants& wants, const ScanOptions& options) {
    // The top-k visitor always rides along: it is what counts scanned and masked rows.
    TopKVisitor top(std::max<size_t>(1, wants.topK), wants.maskedRows);
    std::optional<DistributionVisitor> distribution;
    std::optional<BandVisitor> counter;
    SimilarityCollector collector;
    FanOutVisitor fanOut;
    fanOut.add(&top);
    if (wants.distributionBins > 0) {
        fanOut.add(&distribution.emplace(wants.distributionBins));
    }
    if (wants.countThreshold) {
        fanOut.add(&counter.emplace(*wants.countThreshold, kAboveEverything, false));
    }
    if (wants.collectSimilarities) {
        fanOut.add(&collector);
    }
    if (auto status = scanMatrices(segments, querySet, fanOut, options); !status) {
        return status.takeError();
    }
    CombinedScan result;
    result.top = top.finish();
    if (wants.topK == 0) {
        result.top.hits.clear();
    }
    describeHits(segments, result.top.hits);
    if (distribution) {
        result.distribution = distribution->finish();
    }
    if (counter) {
        result.count = countOf(*counter);
    }
    if (wants.collectSimilarities) {
        result.similarities = collector.all();
    }
    return result;
}

SimilarityDistribution distributionOf(const std::vector<float>& similarities, size_t bins, size_t masked) {
    SimilarityDistribution result;
    bins = std::max<size_t>(1, bins);
    result.counts.assign(bins, 0);
    for (float similarity : similarities) {
        ++result.counts[distributionBin(similarity, bins)];
    }
    result.masked = masked;
    result.scanned = similarities.size() + masked;
    return result;
}

Result<SelectionResult> selectAbove(const std::vector<const EmbeddingMatrix*>& segments,
                                    const QuerySet& querySet, float threshold, const ScanOptions& options) {
    BandVisitor visitor(threshold, kAboveEverything, true);
    if (auto status = scanMatrices(segments, querySet, visitor, options); !status) {
        return status.takeError();
    }
    SelectionResult result;
    for (const auto& chunk : visitor.chunks()) {
        for (const auto& entry : chunk.rows) {
            result.rows.push_back(entry.ref);
            result.similarities.push_back(entry.similarity);
        }
        result.masked += chunk.masked;
        result.scanned += chunk.scanned;
    }
    return result;
}

Result<SampleResult> sampleBand(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                float minimum, float maximum, size_t count, uint64_t seed,
                                const ScanOptions& options) {
    if (!(minimum <= maximum)) {
        return makeError("the similarity band is empty: minimum " + std::to_string(minimum) + " > maximum " +
                         std::to_string(maximum));
    }
    BandVisitor visitor(minimum, maximum, true);
    if (auto status = scanMatrices(segments, querySet, visitor, options); !status) {
        return status.takeError();
    }
    std::vector<BandVisitor::Entry> eligible;
    SampleResult result;
    result.seed = seed;
    for (const auto& chunk : visitor.chunks()) {
        eligible.insert(eligible.end(), chunk.rows.begin(), chunk.rows.end());
        result.masked += chunk.masked;
        result.scanned += chunk.scanned;
    }
    result.eligible = eligible.size();
    for (size_t index : drawWithoutReplacement(eligible.size(), count, seed)) {
        result.hits.push_back({eligible[index].ref, eligible[index].similarity, {}, {}});
    }
    sortHitsBestFirst(result.hits);
    describeHits(segments, result.hits);
    return result;
}

} // namespace curator
