// The hnsw index: recall against the exact scan on clustered data, save and load, masking in the
// approximate search, and refusal of a missing or stale graph.

#include "testhelpers.h"

#include "search/hnswindex.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <random>
#include <set>

namespace fs = std::filesystem;
using curatortest::contains;
using curatortest::ReferenceScan;
using curatortest::TemporaryDirectory;

namespace {

constexpr size_t kRows = 6007;
constexpr size_t kDimension = 64;
constexpr size_t kClusters = 20;
constexpr size_t kTopK = 50;

std::set<std::pair<uint32_t, uint32_t>> refSet(const curator::SearchResult& result) {
    std::set<std::pair<uint32_t, uint32_t>> refs;
    for (const auto& hit : result.hits) {
        refs.emplace(hit.ref.segment, hit.ref.row);
    }
    return refs;
}

curator::HnswParameters buildParameters() {
    curator::HnswParameters parameters;
    parameters.threads = 2;
    return parameters;
}

// One clustered f16 source and its graph, in the test's own temporary workspace.
class Hnsw : public ::testing::Test {
protected:
    void SetUp() override {
        m_workspace = m_directory.filePath("workspace");
        const std::vector<float> values = curatortest::clusteredMatrix(
            kRows, kDimension, kClusters, 0.75f / std::sqrt(static_cast<float>(kDimension)), 81, &m_centres);
        auto imported = curatortest::importMatrix(m_workspace, m_directory.path().string(), "photos", values,
                                                  kRows, kDimension, curator::StorageType::Float16);
        ASSERT_TRUE(imported.ok()) << imported.error();
        auto store = curator::EmbeddingStore::open(m_workspace);
        ASSERT_TRUE(store.ok()) << store.error();
        m_store = std::move(*store);
        auto segments = m_store.select("", {});
        ASSERT_TRUE(segments.ok()) << segments.error();
        m_segments = *segments;

        auto index = curator::HnswIndex::build(*m_segments.front(), buildParameters(),
                                               [this](size_t done, size_t total) {
                                                   m_progressCalls.emplace_back(done, total);
                                                   return true;
                                               });
        ASSERT_TRUE(index.ok()) << index.error();
        m_index = std::move(*index);
    }

    const curator::EmbeddingMatrix& matrix() const { return *m_segments.front(); }

    // Near the centre of cluster `cluster`.
    curator::QuerySet queryNear(size_t cluster) const {
        auto querySet = curator::makeQuerySet(
            curatortest::mixOfCentres(m_centres, kDimension, {{cluster, 1.0f}}, 0.03f, 900 + cluster), {},
            0.3f);
        EXPECT_TRUE(querySet.ok()) << querySet.error();
        return *querySet;
    }

    TemporaryDirectory m_directory;
    std::string m_workspace;
    std::vector<float> m_centres;
    curator::EmbeddingStore m_store;
    std::vector<const curator::EmbeddingMatrix*> m_segments;
    std::unique_ptr<curator::HnswIndex> m_index;
    std::vector<std::pair<size_t, size_t>> m_progressCalls;
};

} // namespace

TEST_F(Hnsw, recallAt50AgainstTheExactScanIsHigh) {
    EXPECT_EQ(m_index->size(), kRows);
    ASSERT_FALSE(m_progressCalls.empty());
    EXPECT_EQ(m_progressCalls.back(), std::make_pair(kRows, kRows))
        << "the build should end by reporting completion";

    double recallSum = 0.0;
    for (size_t cluster = 0; cluster < kClusters; ++cluster) {
        SCOPED_TRACE("cluster " + std::to_string(cluster));
        const curator::QuerySet querySet = queryNear(cluster);
        auto exact = curator::searchTopK(m_segments, querySet, kTopK);
        ASSERT_TRUE(exact.ok()) << exact.error();
        auto approximate = curator::searchApproximate(m_segments, {m_index.get()}, querySet, kTopK);
        ASSERT_TRUE(approximate.ok()) << approximate.error();
        EXPECT_TRUE(approximate->approximate);
        ASSERT_EQ(approximate->hits.size(), kTopK);
        const ReferenceScan reference(m_segments, querySet);
        for (size_t i = 0; i < approximate->hits.size(); ++i) {
            const auto& hit = approximate->hits[i];
            // Candidates are rescored exactly from the matrix.
            EXPECT_NEAR(hit.similarity, reference.at(hit.ref).similarity, 1e-5);
            EXPECT_EQ(hit.id, std::to_string(hit.ref.row));
            EXPECT_EQ(hit.source, "photos");
            if (i > 0) {
                EXPECT_GE(approximate->hits[i - 1].similarity, hit.similarity);
            }
        }
        const auto exactRefs = refSet(*exact);
        size_t found = 0;
        for (const auto& ref : refSet(*approximate)) {
            found += exactRefs.count(ref);
        }
        recallSum += static_cast<double>(found) / kTopK;
    }
    const double recall = recallSum / kClusters;
    EXPECT_GE(recall, 0.95);
    RecordProperty("recallAt50", std::to_string(recall));
}

TEST_F(Hnsw, savedAndLoadedIndexGivesTheSameResults) {
    const std::string path = curator::HnswIndex::pathFor(matrix());
    EXPECT_EQ(fs::path(path).parent_path(), fs::path(matrix().directory()));
    ASSERT_TRUE(m_index->save(path).ok());
    ASSERT_TRUE(fs::exists(path));
    auto loaded = curator::HnswIndex::load(matrix());
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    EXPECT_EQ((*loaded)->size(), kRows);
    for (size_t cluster = 0; cluster < kClusters; cluster += 3) {
        SCOPED_TRACE("cluster " + std::to_string(cluster));
        const curator::QuerySet querySet = queryNear(cluster);
        EXPECT_EQ((*loaded)->search(querySet.query(), kTopK, 128),
                  m_index->search(querySet.query(), kTopK, 128));
        auto before = curator::searchApproximate(m_segments, {m_index.get()}, querySet, kTopK);
        auto after = curator::searchApproximate(m_segments, {loaded->get()}, querySet, kTopK);
        ASSERT_TRUE(before.ok() && after.ok());
        ASSERT_EQ(before->hits.size(), after->hits.size());
        for (size_t i = 0; i < before->hits.size(); ++i) {
            EXPECT_TRUE(before->hits[i].ref == after->hits[i].ref) << "position " << i;
            EXPECT_EQ(before->hits[i].similarity, after->hits[i].similarity) << "position " << i;
        }
    }
    fs::remove(path);
}

// A recall measured on a sample of queries: its mean and the mean's standard error.
struct RecallEstimate {
    double mean = 0;
    double standardError = 0;
    // Whether `target` is within two standard errors below the mean or under it: what a sample of 40
    // queries can show of a recall the build calibrated on 64 others (the graph is built by parallel
    // threads, so it and the recall differ a little from run to run).
    bool reaches(double target) const { return mean + 2.0 * standardError >= target; }
};

// Recall@50 of `index` against the exact scan, on queries near random rows (a row plus noise): inside
// the clusters, where the nearest 50 are hardest to tell apart. ef 0: the calibrated ef.
RecallEstimate recallNearRows(const std::vector<const curator::EmbeddingMatrix*>& segments,
                              const curator::HnswIndex& index, size_t ef, unsigned seed) {
    const curator::EmbeddingMatrix& matrix = *segments.front();
    std::mt19937 random(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f / std::sqrt(static_cast<float>(kDimension)));
    constexpr size_t kQueries = 40;
    double recallSum = 0.0;
    double squaresSum = 0.0;
    std::vector<float> query(kDimension);
    for (size_t q = 0; q < kQueries; ++q) {
        matrix.readRow(random() % kRows, query.data());
        for (float& value : query) {
            value += noise(random);
        }
        auto querySet = curator::makeQuerySet(query, {}, 0.3f);
        EXPECT_TRUE(querySet.ok()) << querySet.error();
        auto exact = curator::searchTopK(segments, *querySet, kTopK);
        EXPECT_TRUE(exact.ok()) << exact.error();
        const auto exactRefs = refSet(*exact);
        size_t found = 0;
        for (const auto& [row, similarity] : index.search(querySet->query(), kTopK, ef)) {
            found += exactRefs.count({0u, static_cast<uint32_t>(row)});
        }
        const double recall = static_cast<double>(found) / kTopK;
        recallSum += recall;
        squaresSum += recall * recall;
    }
    RecallEstimate estimate;
    estimate.mean = recallSum / kQueries;
    const double variance = std::max(0.0, squaresSum / kQueries - estimate.mean * estimate.mean);
    estimate.standardError = std::sqrt(variance / kQueries);
    return estimate;
}

// The build chooses ef for a recall of 0.95 at top-50 and saves it beside the graph; searches then reach
// that recall on queries the calibration never saw.
TEST_F(Hnsw, calibratedEfReachesTheStatedRecallOnQueriesNearRows) {
    const curator::HnswCalibration& calibration = m_index->calibration();
    EXPECT_EQ(calibration.targetRecall, 0.95);
    EXPECT_EQ(calibration.queries, 64u);
    EXPECT_GE(calibration.recall, 0.95);
    EXPECT_GE(calibration.efSearch, kTopK);
    const RecallEstimate recall = recallNearRows(m_segments, *m_index, 0, 2024);
    EXPECT_TRUE(recall.reaches(0.95)) << recall.mean << " +- " << recall.standardError;
    RecordProperty("recallAt50NearRows", std::to_string(recall.mean));
    RecordProperty("calibratedEf", std::to_string(calibration.efSearch));

    const std::string path = curator::HnswIndex::pathFor(matrix());
    ASSERT_TRUE(m_index->save(path).ok());
    auto loaded = curator::HnswIndex::load(matrix());
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    EXPECT_EQ((*loaded)->calibration().efSearch, calibration.efSearch);
    EXPECT_EQ((*loaded)->calibration().recall, calibration.recall);

    // A malformed calibration file is refused with its name; a graph without one keeps the former ef.
    const std::string calibrationPath = curator::HnswIndex::calibrationPathFor(path);
    curatortest::writeBytes(calibrationPath, "{\"ef_search\": \"many\"}");
    auto malformed = curator::HnswIndex::load(matrix());
    ASSERT_FALSE(malformed.ok());
    EXPECT_NE(malformed.error().find(calibrationPath), std::string::npos) << malformed.error();
    fs::remove(calibrationPath);
    auto uncalibrated = curator::HnswIndex::load(matrix());
    ASSERT_TRUE(uncalibrated.ok()) << uncalibrated.error();
    EXPECT_EQ((*uncalibrated)->calibration().efSearch, 128u);
    fs::remove(path);
}

// A sparse graph (few links, a short build list) needs a wider search for the same recall: the former
// fixed ef of 128 falls short of 0.95 there, the calibrated ef reaches it.
TEST_F(Hnsw, aSparserGraphIsCalibratedToAWiderSearch) {
    curator::HnswParameters sparse = buildParameters();
    sparse.m = 6;
    sparse.efConstruction = 16;
    // One build thread: hnswlib's parallel inserts make a different graph each run, and this graph sits
    // near the boundary between two calibration steps (once calibrated to exactly 128 in CI).
    sparse.threads = 1;
    auto index = curator::HnswIndex::build(matrix(), sparse);
    ASSERT_TRUE(index.ok()) << index.error();
    const curator::HnswCalibration& calibration = (*index)->calibration();
    const RecallEstimate fixed = recallNearRows(m_segments, **index, 128, 7);
    const RecallEstimate calibrated = recallNearRows(m_segments, **index, 0, 7);
    RecordProperty("sparseCalibratedEf", std::to_string(calibration.efSearch));
    RecordProperty("sparseRecallAtEf128", std::to_string(fixed.mean));
    RecordProperty("sparseRecallCalibrated", std::to_string(calibrated.mean));
    EXPECT_LT(fixed.mean, 0.95);
    EXPECT_GT(calibration.efSearch, 128u);
    EXPECT_TRUE(calibrated.reaches(0.95)) << calibrated.mean << " +- " << calibrated.standardError;
}

TEST_F(Hnsw, approximateSearchDropsMaskedRows) {
    // The query sits between clusters 4 and 5; cluster 5 is a negative.
    const std::vector<float> query =
        curatortest::mixOfCentres(m_centres, kDimension, {{4, 1.0f}, {5, 1.0f}}, 0.02f, 5);
    const std::vector<std::vector<float>> negatives = {
        curatortest::mixOfCentres(m_centres, kDimension, {{5, 1.0f}}, 0.02f, 6)};
    auto probe = curator::makeQuerySet(query, negatives, 0.0f);
    ASSERT_TRUE(probe.ok());
    const double threshold =
        curatortest::thresholdInGap(ReferenceScan(m_segments, *probe).maxNegatives(), 0.9);
    ASSERT_FALSE(std::isnan(threshold));
    auto querySet = curator::makeQuerySet(query, negatives, static_cast<float>(threshold));
    ASSERT_TRUE(querySet.ok());
    const ReferenceScan reference(m_segments, *querySet);

    auto approximate = curator::searchApproximate(m_segments, {m_index.get()}, *querySet, kTopK);
    ASSERT_TRUE(approximate.ok()) << approximate.error();
    EXPECT_GT(approximate->masked, 0u) << "the negative should have masked some candidates";
    ASSERT_EQ(approximate->hits.size(), kTopK);
    for (const auto& hit : approximate->hits) {
        EXPECT_FALSE(reference.masked(reference.at(hit.ref))) << "masked row " << hit.ref.row << " returned";
    }
    auto exact = curator::searchTopK(m_segments, *querySet, kTopK);
    ASSERT_TRUE(exact.ok());
    const auto exactRefs = refSet(*exact);
    size_t found = 0;
    for (const auto& ref : refSet(*approximate)) {
        found += exactRefs.count(ref);
    }
    EXPECT_GE(found, kTopK * 9 / 10);
}

TEST_F(Hnsw, buildCanBeCancelled) {
    bool calledBeforeTheEnd = false;
    auto cancelled = curator::HnswIndex::build(matrix(), buildParameters(), [&](size_t done, size_t total) {
        calledBeforeTheEnd = calledBeforeTheEnd || done < total;
        return false;
    });
    if (!calledBeforeTheEnd) {
        GTEST_SKIP() << "the build finished before the first progress report";
    }
    ASSERT_FALSE(cancelled.ok());
    EXPECT_TRUE(contains(cancelled.error(), "cancelled")) << cancelled.error();
}

TEST(HnswIndexFile, missingAndStaleIndexesAreRefused) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const std::string inputs = directory.path().string();
    const size_t dimension = 32;
    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, inputs, "photos",
                                                curatortest::gaussianMatrix(1500, dimension, 1), 1500,
                                                dimension, curator::StorageType::Float32));
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    const curator::EmbeddingMatrix& original = *store->matrices().front();

    auto missing = curator::HnswIndex::load(original);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(contains(missing.error(), "no hnsw index")) << missing.error();

    auto index = curator::HnswIndex::build(original, buildParameters());
    CURATOR_ASSERT_OK(index);
    CURATOR_ASSERT_OK((*index)->save(curator::HnswIndex::pathFor(original)));
    CURATOR_ASSERT_OK(curator::HnswIndex::load(original));

    // Re-import the source with another row count: the old graph must not be used with the new matrix.
    CURATOR_ASSERT_OK(curatortest::importMatrix(
        workspace, inputs, "photos", curatortest::gaussianMatrix(1700, dimension, 2), 1700, dimension,
        curator::StorageType::Float32, "test-model", true));
    auto reopened = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(reopened);
    const curator::EmbeddingMatrix& replaced = *reopened->matrices().front();
    ASSERT_EQ(replaced.rows(), 1700u);
    const std::string path = curator::HnswIndex::pathFor(replaced);
    auto afterReimport = curator::HnswIndex::load(replaced);
    ASSERT_FALSE(afterReimport.ok()) << "a graph of 1500 rows was accepted for a matrix of 1700";
    if (fs::exists(path)) { // the old graph survived the re-import: it must be called stale
        EXPECT_TRUE(contains(afterReimport.error(), "stale")) << afterReimport.error();
    }

    // An index build of the old matrix that finishes after the re-import writes its graph beside the new
    // matrix: load must call it stale.
    CURATOR_ASSERT_OK((*index)->save(path));
    auto stale = curator::HnswIndex::load(replaced);
    ASSERT_FALSE(stale.ok());
    EXPECT_TRUE(contains(stale.error(), "stale")) << stale.error();
    EXPECT_TRUE(contains(stale.error(), path)) << stale.error();
    EXPECT_TRUE(contains(stale.error(), "1500") && contains(stale.error(), "1700")) << stale.error();

    // Garbage where the graph should be is refused, not loaded.
    curatortest::writeBytes(path, "not an hnsw graph");
    auto garbage = curator::HnswIndex::load(replaced);
    EXPECT_FALSE(garbage.ok());

    // The graph is opened in place: a graph cut short or with bytes after it is refused, naming the file.
    auto current = curator::HnswIndex::build(replaced, buildParameters());
    CURATOR_ASSERT_OK(current);
    CURATOR_ASSERT_OK((*current)->save(path));
    CURATOR_ASSERT_OK(curator::HnswIndex::load(replaced));
    const std::string whole = curatortest::readBytes(path);
    for (size_t cut : {size_t{50}, whole.size() / 2, whole.size() - 3}) {
        curatortest::writeBytes(path, whole.substr(0, cut));
        auto truncated = curator::HnswIndex::load(replaced);
        ASSERT_FALSE(truncated.ok()) << "cut at " << cut;
        EXPECT_TRUE(contains(truncated.error(), path)) << truncated.error();
        EXPECT_TRUE(contains(truncated.error(), "rebuild")) << truncated.error();
    }
    curatortest::writeBytes(path, whole + "extra");
    auto extended = curator::HnswIndex::load(replaced);
    ASSERT_FALSE(extended.ok());
    EXPECT_TRUE(contains(extended.error(), "unexpected bytes")) << extended.error();
}
