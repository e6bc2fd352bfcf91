// The exact scan: top-k, masking by negatives, counting and selecting, checked against a double-precision
// reference computed from the stored rows, at every SIMD level this CPU runs and with one and two threads.

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

using curator::RowRef;
using curator::SimdLevel;
using curator::StorageType;
using curatortest::contains;
using curatortest::ReferenceScan;
using curatortest::TemporaryDirectory;

namespace {

constexpr double kSimilarityTolerance = 1e-5;
constexpr double kTieTolerance = 1e-6;
// More than one scan chunk (8192 rows); the last 64-row block holds 45 rows, which no kernel's row
// group (8, 4 or 2 rows) divides, so the kernels' leftover-row paths run too.
constexpr size_t kRows = 9005;

std::pair<uint32_t, uint32_t> key(RowRef ref) {
    return {ref.segment, ref.row};
}

curator::ScanOptions scanOptions(SimdLevel level, unsigned threads) {
    curator::ScanOptions options;
    options.simd = level;
    options.threads = threads;
    return options;
}

std::string describe(SimdLevel level, unsigned threads) {
    return std::string(curator::simdLevelName(level)) + ", " + std::to_string(threads) + " thread(s)";
}

// A search result against the reference: similarities within 1e-5 position by position and row by row,
// best first, no masked rows, no repeats, and the reference's rows except for ties at the boundary.
void expectMatchesReference(const curator::SearchResult& result, const ReferenceScan& reference, size_t k,
                            const std::vector<const curator::EmbeddingMatrix*>& segments) {
    const std::vector<curatortest::ReferenceRow> expected = reference.topK(k);
    ASSERT_EQ(result.hits.size(), expected.size());
    if (expected.empty()) {
        return;
    }
    std::set<std::pair<uint32_t, uint32_t>> hitRows;
    for (size_t i = 0; i < result.hits.size(); ++i) {
        const curator::SearchHit& hit = result.hits[i];
        ASSERT_LT(hit.ref.segment, segments.size());
        ASSERT_LT(hit.ref.row, segments[hit.ref.segment]->rows());
        const curatortest::ReferenceRow& row = reference.at(hit.ref);
        EXPECT_NEAR(hit.similarity, expected[i].similarity, kSimilarityTolerance) << "position " << i;
        EXPECT_NEAR(hit.similarity, row.similarity, kSimilarityTolerance) << "row " << hit.ref.row;
        EXPECT_FALSE(reference.masked(row)) << "masked row " << hit.ref.row << " in the hits";
        EXPECT_TRUE(hitRows.insert(key(hit.ref)).second) << "row " << hit.ref.row << " twice";
        if (i > 0) {
            EXPECT_GE(result.hits[i - 1].similarity, hit.similarity) << "not best first at " << i;
        }
        EXPECT_EQ(hit.id, segments[hit.ref.segment]->id(hit.ref.row));
        EXPECT_EQ(hit.source, segments[hit.ref.segment]->source());
        if (::testing::Test::HasFailure()) {
            return; // one bad position is enough to report; thousands would drown it
        }
    }
    // Where the sets differ, both sides must tie with the k-th reference similarity.
    const double boundary = expected.back().similarity;
    std::set<std::pair<uint32_t, uint32_t>> expectedRows;
    for (const auto& row : expected) {
        expectedRows.insert(key(row.ref));
        if (!hitRows.count(key(row.ref))) {
            EXPECT_LE(row.similarity - boundary, kTieTolerance)
                << "reference row (" << row.ref.segment << ", " << row.ref.row << ") with similarity "
                << row.similarity << " is missing from the hits";
        }
    }
    for (const auto& hit : result.hits) {
        if (!expectedRows.count(key(hit.ref))) {
            EXPECT_LE(std::fabs(reference.at(hit.ref).similarity - boundary), kTieTolerance)
                << "row (" << hit.ref.segment << ", " << hit.ref.row << ") is not in the reference top-" << k;
        }
    }
}

// Two searches of the same query (different levels): same rows up to ties, similarities within 1e-5.
void expectEquivalent(const curator::SearchResult& a, const curator::SearchResult& b,
                      const ReferenceScan& reference) {
    ASSERT_EQ(a.hits.size(), b.hits.size());
    EXPECT_EQ(a.masked, b.masked);
    EXPECT_EQ(a.scanned, b.scanned);
    for (size_t i = 0; i < a.hits.size(); ++i) {
        EXPECT_NEAR(a.hits[i].similarity, b.hits[i].similarity, kSimilarityTolerance) << "position " << i;
        if (!(a.hits[i].ref == b.hits[i].ref)) {
            EXPECT_NEAR(reference.at(a.hits[i].ref).similarity, reference.at(b.hits[i].ref).similarity,
                        kTieTolerance)
                << "position " << i << " differs without a tie";
        }
    }
}

// The same level with another thread count must give bit-identical results.
void expectIdentical(const curator::SearchResult& a, const curator::SearchResult& b) {
    ASSERT_EQ(a.hits.size(), b.hits.size());
    EXPECT_EQ(a.masked, b.masked);
    EXPECT_EQ(a.scanned, b.scanned);
    for (size_t i = 0; i < a.hits.size(); ++i) {
        ASSERT_TRUE(a.hits[i].ref == b.hits[i].ref) << "position " << i;
        ASSERT_EQ(a.hits[i].similarity, b.hits[i].similarity) << "position " << i;
    }
}

// Records what a scan hands its visitor, row by row.
class RecordingVisitor final : public curator::ScanVisitor {
public:
    explicit RecordingVisitor(const std::vector<const curator::EmbeddingMatrix*>& segments) {
        for (const auto* matrix : segments) {
            m_similarity.emplace_back(matrix->rows(), std::nanf(""));
            m_masked.emplace_back(matrix->rows(), 2);
            m_visits.emplace_back(matrix->rows(), 0);
        }
    }
    void prepare(size_t chunkCount) override {
        ++m_prepareCalls;
        m_nextRowOfChunk.assign(chunkCount, {0, 0});
    }
    // Chunks are disjoint and each is visited by one thread, so plain writes do not race.
    void visit(const curator::ScanBlock& block) override {
        if (block.chunk >= m_nextRowOfChunk.size() || block.segment >= m_visits.size() ||
            block.firstRow + block.rowCount > m_visits[block.segment].size()) {
            m_outOfRange = true;
            return;
        }
        auto& [started, next] = m_nextRowOfChunk[block.chunk];
        if (started && block.firstRow != next) {
            m_outOfOrder = true;
        }
        started = 1;
        next = block.firstRow + block.rowCount;
        for (size_t r = 0; r < block.rowCount; ++r) {
            m_similarity[block.segment][block.firstRow + r] = block.similarity[r];
            m_masked[block.segment][block.firstRow + r] = block.masked[r];
            ++m_visits[block.segment][block.firstRow + r];
        }
    }

    std::vector<std::vector<float>> m_similarity;
    std::vector<std::vector<unsigned char>> m_masked;
    std::vector<std::vector<int>> m_visits;
    std::vector<std::pair<size_t, size_t>> m_nextRowOfChunk;
    int m_prepareCalls = 0;
    bool m_outOfRange = false;
    bool m_outOfOrder = false;
};

// Every row scored once, with the reference's similarity and mask.
void expectScanMatchesReference(const std::vector<const curator::EmbeddingMatrix*>& segments,
                                const curator::QuerySet& querySet, const ReferenceScan& reference,
                                const curator::ScanOptions& options) {
    RecordingVisitor visitor(segments);
    CURATOR_ASSERT_OK(curator::scanMatrices(segments, querySet, visitor, options));
    EXPECT_EQ(visitor.m_prepareCalls, 1);
    EXPECT_FALSE(visitor.m_outOfRange);
    EXPECT_FALSE(visitor.m_outOfOrder) << "blocks of a chunk arrived out of row order";
    size_t wrongMasks = 0;
    for (const auto& row : reference.rows()) {
        const uint32_t s = row.ref.segment;
        const uint32_t r = row.ref.row;
        ASSERT_EQ(visitor.m_visits[s][r], 1)
            << "row (" << s << ", " << r << ") scored " << visitor.m_visits[s][r] << " times";
        ASSERT_NEAR(visitor.m_similarity[s][r], row.similarity, kSimilarityTolerance)
            << "row (" << s << ", " << r << ")";
        if ((visitor.m_masked[s][r] != 0) != reference.masked(row)) {
            ++wrongMasks;
            ADD_FAILURE() << "row (" << s << ", " << r << ") masked=" << int(visitor.m_masked[s][r])
                          << " but its largest negative similarity is " << row.maxNegative
                          << " against threshold " << querySet.negativeThreshold;
            if (wrongMasks > 10) {
                return;
            }
        }
    }
}

curator::QuerySet querySetOf(const std::vector<float>& query,
                             const std::vector<std::vector<float>>& negatives = {}, float threshold = 0.3f) {
    auto querySet = curator::makeQuerySet(query, negatives, threshold);
    EXPECT_TRUE(querySet.ok()) << querySet.error();
    return querySet.ok() ? *querySet : curator::QuerySet{};
}

// ---- Exactness of top-k

struct ExactnessParameters {
    StorageType storage;
    size_t dimension;
    bool clustered;
};

void PrintTo(const ExactnessParameters& parameters, std::ostream* out) {
    *out << curator::storageTypeName(parameters.storage) << ", dimension " << parameters.dimension
         << (parameters.clustered ? ", clustered" : ", gaussian");
}

std::string exactnessName(const ::testing::TestParamInfo<ExactnessParameters>& info) {
    return std::string(curator::storageTypeName(info.param.storage)) + "_d" +
           std::to_string(info.param.dimension) + (info.param.clustered ? "_clustered" : "_gaussian");
}

class ScanExactness : public ::testing::TestWithParam<ExactnessParameters> {};

} // namespace

TEST_P(ScanExactness, topKMatchesDoubleReferenceAtEveryLevelAndThreadCount) {
    const ExactnessParameters parameters = GetParam();
    const size_t dimension = parameters.dimension;
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    std::vector<float> centres;
    const uint64_t seed = 1000 + dimension * 2 + (parameters.clustered ? 1 : 0);
    const std::vector<float> values =
        parameters.clustered
            ? curatortest::clusteredMatrix(kRows, dimension, 30,
                                           0.75f / std::sqrt(static_cast<float>(dimension)), seed, &centres)
            : curatortest::gaussianMatrix(kRows, dimension, seed);
    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, directory.path().string(), "photos", values, kRows,
                                                dimension, parameters.storage));
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    auto segments = store->select("", {});
    CURATOR_ASSERT_OK(segments);

    // A random direction (scaled: makeQuerySet must normalise it), one next to a stored row, and a third
    // that is a cluster centre or another random direction.
    std::vector<std::vector<float>> queries;
    queries.push_back(curatortest::gaussianVector(dimension, seed + 1));
    for (float& value : queries.back()) {
        value *= 4.0f;
    }
    queries.push_back(curatortest::gaussianVector(dimension, seed + 2));
    for (size_t d = 0; d < dimension; ++d) {
        queries.back()[d] = values[4321 * dimension + d] + 0.05f * queries.back()[d];
    }
    queries.push_back(parameters.clustered ? std::vector<float>(centres.begin(), centres.begin() + dimension)
                                           : curatortest::gaussianVector(dimension, seed + 3));

    const std::vector<SimdLevel> levels = curatortest::supportedSimdLevels();
    for (size_t q = 0; q < queries.size(); ++q) {
        const curator::QuerySet querySet = querySetOf(queries[q]);
        const ReferenceScan reference(*segments, querySet);
        for (size_t k : {size_t(1), size_t(10), size_t(100), kRows + 5}) {
            std::optional<curator::SearchResult> scalarResult;
            for (SimdLevel level : levels) {
                std::optional<curator::SearchResult> oneThread;
                for (unsigned threads : {1u, 2u}) {
                    SCOPED_TRACE("query " + std::to_string(q) + ", k " + std::to_string(k) + ", " +
                                 describe(level, threads));
                    auto result = curator::searchTopK(*segments, querySet, k, scanOptions(level, threads));
                    CURATOR_ASSERT_OK(result);
                    EXPECT_EQ(result->scanned, kRows);
                    EXPECT_EQ(result->masked, 0u);
                    EXPECT_FALSE(result->approximate);
                    expectMatchesReference(*result, reference, k, *segments);
                    if (q == 1 && k == 1 && dimension >= 64) {
                        EXPECT_EQ(result->hits[0].ref.row, 4321u); // the query sits next to it
                    }
                    if (!oneThread) {
                        oneThread = *result;
                    } else {
                        expectIdentical(*oneThread, *result);
                    }
                }
                if (!scalarResult) {
                    scalarResult = *oneThread;
                } else {
                    SCOPED_TRACE(std::string(curator::simdLevelName(level)) + " against scalar");
                    expectEquivalent(*scalarResult, *oneThread, reference);
                }
            }
        }
        for (SimdLevel level : levels) {
            SCOPED_TRACE("query " + std::to_string(q) + ", " + describe(level, 2));
            expectScanMatchesReference(*segments, querySet, reference, scanOptions(level, 2));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Scan, ScanExactness,
                         ::testing::Values(ExactnessParameters{StorageType::Float32, 64, false},
                                           ExactnessParameters{StorageType::Float32, 100, true},
                                           ExactnessParameters{StorageType::Float32, 256, false},
                                           ExactnessParameters{StorageType::Float32, 257, true},
                                           ExactnessParameters{StorageType::Float16, 64, true},
                                           ExactnessParameters{StorageType::Float16, 100, false},
                                           ExactnessParameters{StorageType::Float16, 256, true},
                                           ExactnessParameters{StorageType::Float16, 257, false},
                                           ExactnessParameters{StorageType::Float16, 7, false},
                                           ExactnessParameters{StorageType::Float32, 17, true}),
                         exactnessName);

// ---- Masking by negatives

namespace {

struct MaskingParameters {
    StorageType storage;
    size_t negativeCount;
};

void PrintTo(const MaskingParameters& parameters, std::ostream* out) {
    *out << curator::storageTypeName(parameters.storage) << ", " << parameters.negativeCount
         << " negative(s)";
}

class ScanMasking : public ::testing::TestWithParam<MaskingParameters> {};

} // namespace

TEST_P(ScanMasking, masksExactlyTheRowsNearAnyNegative) {
    const MaskingParameters parameters = GetParam();
    const size_t dimension = 100;
    const size_t clusters = 12;
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    std::vector<float> centres;
    const std::vector<float> values = curatortest::clusteredMatrix(kRows, dimension, clusters, 0.075f,
                                                                   500 + parameters.negativeCount, &centres);
    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, directory.path().string(), "photos", values, kRows,
                                                dimension, parameters.storage));
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    auto segments = store->select("", {});
    CURATOR_ASSERT_OK(segments);

    // The query leans to clusters 0 and 1; the first negative is cluster 1, so the best rows are masked
    // and the hits must come from cluster 0. Further negatives are other centres, then random directions.
    const std::vector<float> query =
        curatortest::mixOfCentres(centres, dimension, {{0, 1.0f}, {1, 1.2f}}, 0.01f, 1);
    std::vector<std::vector<float>> negatives;
    for (size_t n = 0; n < parameters.negativeCount; ++n) {
        negatives.push_back(
            n < 4 ? curatortest::mixOfCentres(centres, dimension, {{1 + 3 * n, 1.0f}}, 0.02f, 10 + n)
                  : curatortest::gaussianVector(dimension, 20 + n));
    }
    // The threshold goes in a gap of the rows' largest negative similarities, near the 75% quantile.
    const curator::QuerySet probe = querySetOf(query, negatives, 0.0f);
    const double threshold =
        curatortest::thresholdInGap(ReferenceScan(*segments, probe).maxNegatives(), 0.75);
    ASSERT_FALSE(std::isnan(threshold));
    const curator::QuerySet querySet = querySetOf(query, negatives, static_cast<float>(threshold));
    const ReferenceScan reference(*segments, querySet);
    const size_t masked = reference.maskedCount();
    ASSERT_GT(masked, kRows / 20) << "the test needs masked rows";
    ASSERT_LT(masked, kRows - kRows / 20) << "the test needs unmasked rows";
    // The query's best row overall lies in cluster 1 and must be masked for the test to mean something.
    const auto best =
        std::max_element(reference.rows().begin(), reference.rows().end(),
                         [](const auto& a, const auto& b) { return a.similarity < b.similarity; });
    ASSERT_TRUE(reference.masked(*best)) << "the best row is not masked";

    std::optional<curator::SearchResult> first;
    for (SimdLevel level : curatortest::supportedSimdLevels()) {
        for (unsigned threads : {1u, 2u}) {
            SCOPED_TRACE(describe(level, threads) + ", threshold " + std::to_string(threshold));
            const curator::ScanOptions options = scanOptions(level, threads);
            expectScanMatchesReference(*segments, querySet, reference, options);
            auto top = curator::searchTopK(*segments, querySet, 50, options);
            CURATOR_ASSERT_OK(top);
            EXPECT_EQ(top->masked, masked);
            EXPECT_EQ(top->scanned, kRows);
            expectMatchesReference(*top, reference, 50, *segments);
            auto everything = curator::searchTopK(*segments, querySet, kRows, options);
            CURATOR_ASSERT_OK(everything);
            EXPECT_EQ(everything->hits.size(), kRows - masked);
            EXPECT_EQ(everything->masked, masked);
            if (!first) {
                first = *top;
            } else {
                expectEquivalent(*first, *top, reference);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Scan, ScanMasking,
    ::testing::Values(MaskingParameters{StorageType::Float16, 1}, MaskingParameters{StorageType::Float16, 2},
                      MaskingParameters{StorageType::Float16, 3}, MaskingParameters{StorageType::Float16, 16},
                      MaskingParameters{StorageType::Float32, 1}, MaskingParameters{StorageType::Float32, 5},
                      MaskingParameters{StorageType::Float32, 16}),
    [](const ::testing::TestParamInfo<MaskingParameters>& parameter) {
        return std::string(curator::storageTypeName(parameter.param.storage)) + "_" +
               std::to_string(parameter.param.negativeCount) + "negatives";
    });

TEST(QuerySet, normalisesAndLimitsNegatives) {
    const size_t dimension = 24;
    std::vector<float> query = curatortest::gaussianVector(dimension, 1);
    for (float& value : query) {
        value *= 7.0f;
    }
    std::vector<std::vector<float>> negatives;
    for (size_t n = 0; n < curator::kMaxNegatives; ++n) {
        negatives.push_back(curatortest::gaussianVector(dimension, 100 + n));
    }
    auto sixteen = curator::makeQuerySet(query, negatives, 0.25f);
    CURATOR_ASSERT_OK(sixteen);
    EXPECT_EQ(sixteen->negativeCount, 16u);
    EXPECT_EQ(sixteen->dimension, dimension);
    EXPECT_EQ(sixteen->negativeThreshold, 0.25f);
    ASSERT_EQ(sixteen->vectors.size(), 17 * dimension);
    for (size_t v = 0; v < 17; ++v) {
        double squared = 0.0;
        for (size_t d = 0; d < dimension; ++d) {
            squared += static_cast<double>(sixteen->vectors[v * dimension + d]) *
                       sixteen->vectors[v * dimension + d];
        }
        EXPECT_NEAR(std::sqrt(squared), 1.0, 1e-6) << "vector " << v;
    }
    double queryNorm = 0.0;
    for (float value : query) {
        queryNorm += static_cast<double>(value) * value;
    }
    queryNorm = std::sqrt(queryNorm);
    for (size_t d = 0; d < dimension; ++d) {
        EXPECT_NEAR(sixteen->query()[d], query[d] / queryNorm, 1e-7) << "coordinate " << d;
    }

    negatives.push_back(curatortest::gaussianVector(dimension, 200));
    auto seventeen = curator::makeQuerySet(query, negatives, 0.25f);
    ASSERT_FALSE(seventeen.ok());
    EXPECT_TRUE(contains(seventeen.error(), "17") && contains(seventeen.error(), "16")) << seventeen.error();

    auto wrongNegative = curator::makeQuerySet(query, {curatortest::gaussianVector(dimension + 1, 3)}, 0.25f);
    ASSERT_FALSE(wrongNegative.ok());
    EXPECT_TRUE(contains(wrongNegative.error(), "25") && contains(wrongNegative.error(), "24"))
        << wrongNegative.error();
    EXPECT_FALSE(curator::makeQuerySet(std::vector<float>(dimension, 0.0f), {}, 0.3f).ok());
    EXPECT_FALSE(curator::makeQuerySet({}, {}, 0.3f).ok());
    EXPECT_FALSE(curator::makeQuerySet({1.0f, std::nanf("")}, {}, 0.3f).ok());
    EXPECT_FALSE(curator::makeQuerySet(query, {}, std::nanf("")).ok());
}

// ---- Exact boundaries: rows whose similarity equals a threshold bit for bit

namespace {

// Rows e_0..e_19 then (e_j + e_j+1)/sqrt(2): products with a normalised (e_a + e_b) are exact in float
// (1 x t plus zeros), so a similarity can equal a threshold exactly at every SIMD level.
constexpr size_t kBoundaryDimension = 20; // not a multiple of 8 or 16: the kernels' tail loops run
constexpr size_t kBoundaryPairRow = kBoundaryDimension; // row of (e_0 + e_1)

std::vector<float> boundaryRows() {
    std::vector<float> values(2 * kBoundaryDimension * kBoundaryDimension, 0.0f);
    for (size_t i = 0; i < kBoundaryDimension; ++i) {
        values[i * kBoundaryDimension + i] = 1.0f;
        float* pair = values.data() + (kBoundaryPairRow + i) * kBoundaryDimension;
        pair[i] = 1.0f;
        pair[(i + 1) % kBoundaryDimension] = 1.0f;
    }
    return values;
}

std::vector<float> unitSum(size_t a, size_t b) {
    std::vector<float> vector(kBoundaryDimension, 0.0f);
    vector[a] = 1.0f;
    vector[b] = 1.0f;
    return vector;
}

} // namespace

TEST(ScanBoundaries, similarityEqualToAThresholdReachesIt) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const size_t rows = 2 * kBoundaryDimension;
    for (const auto& [source, storage] :
         {std::pair{"exact16", StorageType::Float16}, std::pair{"exact32", StorageType::Float32}}) {
        CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, directory.path().string(), source,
                                                    boundaryRows(), rows, kBoundaryDimension, storage));
    }
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    auto segments = store->select("", {"exact16", "exact32"});
    CURATOR_ASSERT_OK(segments);

    // Query e3 + e4, negative e1 + e2: rows e3 and e4 score t = 1/sqrt(2) as a float exactly, rows e1 and
    // e2 score exactly t against the negative.
    const curator::QuerySet probe = querySetOf(unitSum(3, 4), {unitSum(1, 2)}, 0.5f);
    const float t = probe.query()[3];
    ASSERT_EQ(t, probe.negative(0)[1]);
    const float aboveT = std::nextafter(t, 2.0f);
    const uint32_t pair34 = static_cast<uint32_t>(kBoundaryPairRow + 3);

    for (SimdLevel level : curatortest::supportedSimdLevels()) {
        for (unsigned threads : {1u, 2u}) {
            SCOPED_TRACE(describe(level, threads));
            const curator::ScanOptions options = scanOptions(level, threads);

            // Masking: a negative similarity equal to the threshold masks the row.
            const curator::QuerySet atT = querySetOf(unitSum(3, 4), {unitSum(1, 2)}, t);
            RecordingVisitor visitor(*segments);
            CURATOR_ASSERT_OK(curator::scanMatrices(*segments, atT, visitor, options));
            for (uint32_t s = 0; s < 2; ++s) {
                for (uint32_t r = 0; r < rows; ++r) {
                    const bool expected = r == 1 || r == 2 || r == kBoundaryPairRow + 1;
                    EXPECT_EQ(visitor.m_masked[s][r] != 0, expected) << "segment " << s << " row " << r;
                }
                EXPECT_EQ(visitor.m_similarity[s][3], t) << "segment " << s;
            }
            auto maskedAtT = curator::countAbove(*segments, atT, -1.0f, options);
            CURATOR_ASSERT_OK(maskedAtT);
            EXPECT_EQ(maskedAtT->masked, 6u) << "rows e1, e2 and (e1+e2) of both sources";
            const curator::QuerySet aboveThreshold = querySetOf(unitSum(3, 4), {unitSum(1, 2)}, aboveT);
            auto maskedAbove = curator::countAbove(*segments, aboveThreshold, -1.0f, options);
            CURATOR_ASSERT_OK(maskedAbove);
            EXPECT_EQ(maskedAbove->masked, 2u) << "only the (e1+e2) rows lie above the raised threshold";

            // Ties: e3 and e4 of both sources score exactly t and come in (segment, row) order.
            auto top = curator::searchTopK(*segments, atT, 6, options);
            CURATOR_ASSERT_OK(top);
            ASSERT_EQ(top->hits.size(), 6u);
            EXPECT_TRUE(top->hits[0].ref == (RowRef{1, pair34})) << "the f32 (e3+e4) row scores highest";
            EXPECT_TRUE(top->hits[1].ref == (RowRef{0, pair34}));
            const RowRef ties[] = {{0, 3}, {0, 4}, {1, 3}, {1, 4}};
            for (size_t i = 0; i < 4; ++i) {
                EXPECT_TRUE(top->hits[2 + i].ref == ties[i])
                    << "position " << 2 + i << " holds (" << top->hits[2 + i].ref.segment << ", "
                    << top->hits[2 + i].ref.row << ")";
                EXPECT_EQ(top->hits[2 + i].similarity, t);
            }
            auto topFive = curator::searchTopK(*segments, atT, 5, options);
            CURATOR_ASSERT_OK(topFive);
            ASSERT_EQ(topFive->hits.size(), 5u);
            EXPECT_TRUE(topFive->hits[4].ref == (RowRef{1, 3}))
                << "a tie at the boundary goes to the lower (segment, row)";

            // count and select: a similarity equal to the threshold counts.
            auto count = curator::countAbove(*segments, atT, t, options);
            CURATOR_ASSERT_OK(count);
            EXPECT_EQ(count->count, 6u);
            auto selection = curator::selectAbove(*segments, atT, t, options);
            CURATOR_ASSERT_OK(selection);
            const std::vector<RowRef> expectedSelection = {{0, 3}, {0, 4}, {0, pair34},
                                                           {1, 3}, {1, 4}, {1, pair34}};
            ASSERT_EQ(selection->rows.size(), expectedSelection.size());
            for (size_t i = 0; i < expectedSelection.size(); ++i) {
                EXPECT_TRUE(selection->rows[i] == expectedSelection[i]) << "selection " << i;
            }
            auto countAboveT = curator::countAbove(*segments, atT, aboveT, options);
            CURATOR_ASSERT_OK(countAboveT);
            EXPECT_EQ(countAboveT->count, 2u);

            // A band [t, t] holds exactly the four rows that score t.
            auto band = curator::sampleBand(*segments, atT, t, t, 10, 3, options);
            CURATOR_ASSERT_OK(band);
            EXPECT_EQ(band->eligible, 4u);
            EXPECT_EQ(band->hits.size(), 4u);
        }
    }
}

// ---- countAbove and selectAbove

TEST(CountAndSelect, matchTheReferenceOverTwoSources) {
    auto fixture = curatortest::makeTwoSourceWorkspace(6003, 4501, 257, 16, 31);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    const auto& centres = (*fixture)->centres;
    const size_t dimension = (*fixture)->dimension;
    const size_t total = (*fixture)->totalRows();

    const std::vector<float> query =
        curatortest::mixOfCentres(centres, dimension, {{0, 1.0f}, {2, 0.6f}}, 0.02f, 2);
    const std::vector<std::vector<float>> negatives = {
        curatortest::mixOfCentres(centres, dimension, {{2, 1.0f}}, 0.02f, 3),
        curatortest::mixOfCentres(centres, dimension, {{5, 1.0f}}, 0.02f, 4),
        curatortest::gaussianVector(dimension, 5),
    };
    const curator::QuerySet probe = querySetOf(query, negatives, 0.0f);
    const double negativeThreshold =
        curatortest::thresholdInGap(ReferenceScan(segments, probe).maxNegatives(), 0.8);
    ASSERT_FALSE(std::isnan(negativeThreshold));
    const curator::QuerySet querySet = querySetOf(query, negatives, static_cast<float>(negativeThreshold));
    const ReferenceScan reference(segments, querySet);
    const std::vector<double> similarities = reference.similarities();

    std::vector<float> thresholds = {-1.5f, 1.5f};
    for (double quantile : {0.05, 0.5, 0.9, 0.99, 0.999}) {
        const double threshold = curatortest::thresholdInGap(similarities, quantile);
        ASSERT_FALSE(std::isnan(threshold));
        thresholds.push_back(static_cast<float>(threshold));
    }
    size_t largestMaskedAbove = 0;
    for (float threshold : thresholds) {
        size_t expectedCount = 0;
        size_t expectedMaskedAbove = 0;
        std::vector<RowRef> expectedRows;
        for (const auto& row : reference.rows()) {
            if (row.similarity >= threshold) {
                if (reference.masked(row)) {
                    ++expectedMaskedAbove;
                } else {
                    ++expectedCount;
                    expectedRows.push_back(row.ref); // reference rows are in (segment, row) order
                }
            }
        }
        largestMaskedAbove = std::max(largestMaskedAbove, expectedMaskedAbove);
        for (SimdLevel level : curatortest::supportedSimdLevels()) {
            for (unsigned threads : {1u, 2u}) {
                SCOPED_TRACE("threshold " + std::to_string(threshold) + ", " + describe(level, threads));
                const curator::ScanOptions options = scanOptions(level, threads);
                auto count = curator::countAbove(segments, querySet, threshold, options);
                CURATOR_ASSERT_OK(count);
                EXPECT_EQ(count->count, expectedCount);
                EXPECT_EQ(count->masked, reference.maskedCount());
                EXPECT_EQ(count->maskedAboveThreshold, expectedMaskedAbove);
                EXPECT_EQ(count->scanned, total);
                auto selection = curator::selectAbove(segments, querySet, threshold, options);
                CURATOR_ASSERT_OK(selection);
                EXPECT_EQ(selection->rows.size(), count->count);
                EXPECT_EQ(selection->masked, reference.maskedCount());
                EXPECT_EQ(selection->scanned, total);
                ASSERT_EQ(selection->rows.size(), expectedRows.size());
                for (size_t i = 0; i < expectedRows.size(); ++i) {
                    ASSERT_TRUE(selection->rows[i] == expectedRows[i])
                        << "selection " << i << " is (" << selection->rows[i].segment << ", "
                        << selection->rows[i].row << "), expected (" << expectedRows[i].segment << ", "
                        << expectedRows[i].row << ")";
                }
            }
        }
    }
    EXPECT_GT(largestMaskedAbove, 0u) << "the test needs masked rows above a threshold";
    EXPECT_GT(reference.maskedCount(), 0u);
}

TEST(TopKIncludingMasked, ranksMaskedRowsWithTheRestAndFlagsExactlyThem) {
    auto fixture = curatortest::makeTwoSourceWorkspace(3001, 2502, 64, 10, 43);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    const auto& centres = (*fixture)->centres;
    const size_t dimension = (*fixture)->dimension;
    const std::vector<float> query =
        curatortest::mixOfCentres(centres, dimension, {{0, 1.0f}, {1, 0.8f}}, 0.02f, 6);
    const std::vector<std::vector<float>> negatives = {
        curatortest::mixOfCentres(centres, dimension, {{1, 1.0f}}, 0.02f, 7)};
    const curator::QuerySet probe = querySetOf(query, negatives, 0.0f);
    const double negativeThreshold =
        curatortest::thresholdInGap(ReferenceScan(segments, probe).maxNegatives(), 0.7);
    ASSERT_FALSE(std::isnan(negativeThreshold));
    const curator::QuerySet querySet = querySetOf(query, negatives, static_cast<float>(negativeThreshold));
    const ReferenceScan reference(segments, querySet);
    const size_t k = 300;

    // Without negatives the same rows come back in the same order: masking only flags.
    const curator::QuerySet plain = querySetOf(query, {}, 0.3f);
    auto unmaskedOrder = curator::searchTopK(segments, plain, k);
    CURATOR_ASSERT_OK(unmaskedOrder);
    auto included = curator::searchTopK(segments, querySet, k, {}, curator::MaskedRows::Include);
    CURATOR_ASSERT_OK(included);
    ASSERT_EQ(included->hits.size(), unmaskedOrder->hits.size());
    size_t flagged = 0;
    for (size_t i = 0; i < included->hits.size(); ++i) {
        const auto& hit = included->hits[i];
        ASSERT_TRUE(hit.ref == unmaskedOrder->hits[i].ref) << "rank " << i;
        EXPECT_EQ(hit.masked, reference.masked(reference.at(hit.ref))) << "rank " << i;
        flagged += hit.masked ? 1 : 0;
    }
    EXPECT_GT(flagged, 0u) << "the test needs masked rows among the best";
    EXPECT_LT(flagged, included->hits.size());
    EXPECT_EQ(included->masked, reference.maskedCount());

    // The default leaves masked rows out entirely.
    auto excluded = curator::searchTopK(segments, querySet, k);
    CURATOR_ASSERT_OK(excluded);
    for (const auto& hit : excluded->hits) {
        EXPECT_FALSE(hit.masked);
        EXPECT_FALSE(reference.masked(reference.at(hit.ref)));
    }
}

// ---- Several sources, dimension errors, cancellation

TEST(MultiSourceSearch, searchesSourcesTogetherAndFiltersBySource) {
    auto fixture = curatortest::makeTwoSourceWorkspace(3001, 2502, 64, 10, 41);
    CURATOR_ASSERT_OK(fixture);
    const auto& store = (*fixture)->store;
    const auto& centres = (*fixture)->centres;
    const size_t dimension = (*fixture)->dimension;
    const curator::QuerySet querySet =
        querySetOf(curatortest::mixOfCentres(centres, dimension, {{3, 1.0f}}, 0.02f, 7));

    auto both = store.select("test-model", {});
    CURATOR_ASSERT_OK(both);
    ASSERT_EQ(both->size(), 2u);
    const ReferenceScan bothReference(*both, querySet);
    auto together = curator::searchTopK(*both, querySet, 200);
    CURATOR_ASSERT_OK(together);
    EXPECT_EQ(together->scanned, 5503u);
    expectMatchesReference(*together, bothReference, 200, *both);
    std::set<std::string> sources;
    for (const auto& hit : together->hits) {
        sources.insert(hit.source);
        const std::string expectedId = hit.source + "-" + std::to_string(hit.ref.row); // the ids file's ids
        EXPECT_EQ(hit.id, expectedId);
        EXPECT_EQ(hit.source, (*both)[hit.ref.segment]->source());
    }
    EXPECT_EQ(sources, (std::set<std::string>{"alpha", "beta"}));

    auto betaOnly = store.select("test-model", {"beta"});
    CURATOR_ASSERT_OK(betaOnly);
    ASSERT_EQ(betaOnly->size(), 1u);
    const ReferenceScan betaReference(*betaOnly, querySet);
    auto filtered = curator::searchTopK(*betaOnly, querySet, 50);
    CURATOR_ASSERT_OK(filtered);
    EXPECT_EQ(filtered->scanned, 2502u);
    expectMatchesReference(*filtered, betaReference, 50, *betaOnly);
    for (const auto& hit : filtered->hits) {
        EXPECT_EQ(hit.source, "beta");
        EXPECT_EQ(hit.ref.segment, 0u);
        EXPECT_TRUE(contains(hit.id, "beta-")) << hit.id;
    }
}

TEST(ScanErrors, dimensionMismatchNamesBothDimensions) {
    auto fixture = curatortest::makeTwoSourceWorkspace(100, 100, 64, 4, 51);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    const curator::QuerySet querySet = querySetOf(curatortest::gaussianVector(48, 1));
    auto expectNamesBoth = [](const std::string& message) {
        EXPECT_TRUE(contains(message, "48") && contains(message, "64")) << message;
    };
    RecordingVisitor visitor(segments);
    auto scanned = curator::scanMatrices(segments, querySet, visitor);
    ASSERT_FALSE(scanned.ok());
    expectNamesBoth(scanned.error());
    auto top = curator::searchTopK(segments, querySet, 10);
    ASSERT_FALSE(top.ok());
    expectNamesBoth(top.error());
    auto count = curator::countAbove(segments, querySet, 0.1f);
    ASSERT_FALSE(count.ok());
    expectNamesBoth(count.error());
    auto sample = curator::sampleBand(segments, querySet, 0.1f, 0.5f, 10, 1);
    ASSERT_FALSE(sample.ok());
    expectNamesBoth(sample.error());
    auto zero = curator::searchTopK(segments, querySetOf(curatortest::gaussianVector(64, 1)), 0);
    EXPECT_FALSE(zero.ok());
}

TEST(ScanErrors, cancelledScanReportsCancellation) {
    auto fixture = curatortest::makeTwoSourceWorkspace(100, 100, 32, 4, 61);
    CURATOR_ASSERT_OK(fixture);
    const std::atomic<bool> cancel{true};
    curator::ScanOptions options;
    options.cancel = &cancel;
    auto top =
        curator::searchTopK((*fixture)->segments, querySetOf(curatortest::gaussianVector(32, 1)), 5, options);
    ASSERT_FALSE(top.ok());
    EXPECT_TRUE(contains(top.error(), "cancelled")) << top.error();
}

TEST(Simd, detectionHonoursTheEnvironmentCap) {
    const SimdLevel best = curator::detectSimdLevel();
    EXPECT_TRUE(curator::cpuSupports(best));
    EXPECT_TRUE(curator::cpuSupports(SimdLevel::Scalar));
    const char* previous = std::getenv("CURATOR_SIMD");
    const std::string saved = previous ? previous : "";
    ::setenv("CURATOR_SIMD", "scalar", 1);
    EXPECT_EQ(curator::detectSimdLevel(), SimdLevel::Scalar);
    if (previous) {
        ::setenv("CURATOR_SIMD", saved.c_str(), 1);
    } else {
        ::unsetenv("CURATOR_SIMD");
    }
    for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Avx2, SimdLevel::Avx512}) {
        EXPECT_EQ(curator::parseSimdLevel(curator::simdLevelName(level)), level);
    }
}
