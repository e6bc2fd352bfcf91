// The curation layer shared by the CLI, the workstation and the agent: one pass for several answers,
// one query preparation with the model and dimension checks, one empty-selection policy.
#include "curation/curationsession.h"
#include "curation/querybatch.h"
#include "dataset/curationlog.h"

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

curator::QuerySet clusterQuery(const curatortest::TwoSourceWorkspace& fixture,
                               float negativeThreshold = 0.3f) {
    auto set = curator::makeQuerySet(
        curatortest::mixOfCentres(fixture.centres, fixture.dimension, {{0, 1.0f}}, 0.02f, 3),
        {curatortest::mixOfCentres(fixture.centres, fixture.dimension, {{1, 1.0f}}, 0.02f, 4)},
        negativeThreshold);
    EXPECT_TRUE(set.ok());
    return std::move(*set);
}

// A query vector file near the first cluster's centre, of `dimension` (a wrong one to test refusals).
std::string writeQuery(const curatortest::TwoSourceWorkspace& fixture, size_t dimension,
                       const std::string& name) {
    std::vector<float> query =
        curatortest::mixOfCentres(fixture.centres, fixture.dimension, {{0, 1.0f}}, 0.02f, 5);
    query.resize(dimension, 0.1f);
    const std::string path = fixture.directory.filePath(name);
    curatortest::writeFloat32Npy(path, query, 1, dimension);
    return path;
}

} // namespace

TEST(CurationScan, onePassGivesWhatSeparateScansGive) {
    auto fixture = curatortest::makeTwoSourceWorkspace(3000, 2000, 48, 6, 71);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    const curator::QuerySet querySet = clusterQuery(**fixture);
    auto top = curator::searchTopK(segments, querySet, 15);
    auto distribution = curator::similarityDistribution(segments, querySet, 200);
    CURATOR_ASSERT_OK(top);
    CURATOR_ASSERT_OK(distribution);
    const float threshold = top->hits.back().similarity;
    auto count = curator::countAbove(segments, querySet, threshold);
    CURATOR_ASSERT_OK(count);

    curator::ScanWants wants;
    wants.topK = 15;
    wants.distributionBins = 200;
    wants.countThreshold = threshold;
    wants.collectSimilarities = true;
    const uint64_t before = curator::scanPassCount();
    auto once = curator::scanOnce(segments, querySet, wants);
    CURATOR_ASSERT_OK(once);
    EXPECT_EQ(curator::scanPassCount() - before, 1u);

    ASSERT_EQ(once->top.hits.size(), top->hits.size());
    for (size_t i = 0; i < top->hits.size(); ++i) {
        EXPECT_EQ(once->top.hits[i].id, top->hits[i].id);
        EXPECT_EQ(once->top.hits[i].source, top->hits[i].source);
        EXPECT_EQ(once->top.hits[i].similarity, top->hits[i].similarity);
    }
    EXPECT_EQ(once->top.masked, top->masked);
    EXPECT_GT(once->top.masked, 0u); // the negative masks something: the test would see a wrong mask
    EXPECT_EQ(once->distribution->counts, distribution->counts);
    EXPECT_EQ(once->count->count, count->count);
    EXPECT_EQ(once->count->maskedAboveThreshold, count->maskedAboveThreshold);
    EXPECT_EQ(once->similarities.size(), (*fixture)->totalRows() - top->masked);
    EXPECT_EQ(curator::distributionOf(once->similarities, 200, once->top.masked).counts,
              distribution->counts);
}

namespace {

// Every row's similarity and mask flag, as the device scan hands them back, computed by a CPU pass.
class RowScoreRecorder final : public curator::ScanVisitor {
public:
    explicit RowScoreRecorder(const std::vector<const curator::EmbeddingMatrix*>& segments) {
        for (const curator::EmbeddingMatrix* matrix : segments) {
            scores.push_back(
                {std::vector<float>(matrix->rows()), std::vector<unsigned char>(matrix->rows())});
        }
    }
    void prepare(size_t) override {}
    void visit(const curator::ScanBlock& block) override {
        auto& segment = scores[block.segment];
        std::copy(block.similarity, block.similarity + block.rowCount,
                  segment.similarity.begin() + block.firstRow);
        std::copy(block.masked, block.masked + block.rowCount, segment.masked.begin() + block.firstRow);
    }
    std::vector<curator::SegmentScores> scores;
};

} // namespace

// The device scan hands back every row's score; the same visitors make every answer of them.
TEST(CurationScan, scoresFromARowScoreSourceGiveWhatTheCpuPassGives) {
    auto fixture = curatortest::makeTwoSourceWorkspace(3000, 2000, 48, 6, 73);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    const curator::QuerySet querySet = clusterQuery(**fixture);
    RowScoreRecorder recorder(segments);
    CURATOR_ASSERT_OK(curator::scanMatrices(segments, querySet, recorder));
    curator::ScanOptions fromSource;
    size_t calls = 0;
    fromSource.rowScores =
        [&](const curator::QuerySet&) -> curator::Result<std::vector<curator::SegmentScores>> {
        ++calls;
        return recorder.scores;
    };

    curator::ScanWants wants;
    wants.topK = 15;
    wants.distributionBins = 200;
    wants.countThreshold = 0.5f;
    auto cpu = curator::scanOnce(segments, querySet, wants);
    auto scored = curator::scanOnce(segments, querySet, wants, fromSource);
    CURATOR_ASSERT_OK(cpu);
    CURATOR_ASSERT_OK(scored);
    ASSERT_EQ(scored->top.hits.size(), cpu->top.hits.size());
    for (size_t i = 0; i < cpu->top.hits.size(); ++i) {
        EXPECT_EQ(scored->top.hits[i].id, cpu->top.hits[i].id);
        EXPECT_EQ(scored->top.hits[i].similarity, cpu->top.hits[i].similarity);
    }
    EXPECT_GT(scored->top.masked, 0u);
    EXPECT_EQ(scored->top.masked, cpu->top.masked);
    EXPECT_EQ(scored->distribution->counts, cpu->distribution->counts);
    EXPECT_EQ(scored->count->count, cpu->count->count);
    auto band = curator::sampleBand(segments, querySet, 0.2f, 0.9f, 12, 99);
    auto scoredBand = curator::sampleBand(segments, querySet, 0.2f, 0.9f, 12, 99, fromSource);
    CURATOR_ASSERT_OK(band);
    CURATOR_ASSERT_OK(scoredBand);
    EXPECT_EQ(scoredBand->eligible, band->eligible);
    ASSERT_EQ(scoredBand->hits.size(), band->hits.size());
    for (size_t i = 0; i < band->hits.size(); ++i) {
        EXPECT_EQ(scoredBand->hits[i].id, band->hits[i].id);
    }
    auto selection = curator::selectAbove(segments, querySet, 0.5f);
    auto scoredSelection = curator::selectAbove(segments, querySet, 0.5f, fromSource);
    CURATOR_ASSERT_OK(selection);
    CURATOR_ASSERT_OK(scoredSelection);
    EXPECT_EQ(scoredSelection->rows, selection->rows);
    EXPECT_EQ(calls, 3u); // once per operation: the source is the pass

    // A source that fails, or answers for the wrong rows, is an error naming what is wrong.
    curator::ScanOptions failing;
    failing.rowScores = [](const curator::QuerySet&) -> curator::Result<std::vector<curator::SegmentScores>> {
        return curator::makeError("GPU scan: out of memory");
    };
    auto failed = curator::scanOnce(segments, querySet, wants, failing);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error(), "GPU scan: out of memory");
    curator::ScanOptions short_;
    short_.rowScores = [&](const curator::QuerySet&) -> curator::Result<std::vector<curator::SegmentScores>> {
        auto scores = recorder.scores;
        scores[1].similarity.pop_back();
        return scores;
    };
    auto misSized = curator::countAbove(segments, querySet, 0.5f, short_);
    ASSERT_FALSE(misSized.ok());
    EXPECT_TRUE(contains(misSized.error(), "source '" + segments[1]->source() + "'")) << misSized.error();
}

TEST(CurationSession, preparesVectorFilesOverEverySourceAndNamesAWrongDimension) {
    auto fixture = curatortest::makeTwoSourceWorkspace(300, 200, 32, 4, 72);
    CURATOR_ASSERT_OK(fixture);
    curator::CurationSession session((*fixture)->directory.filePath("workspace"), curator::ScanPlace::Cpu);

    curator::QueryRequest request;
    request.vectorFile = writeQuery(**fixture, 32, "query.npy");
    request.sources = {"alpha", "all"}; // "all" means every source, as the agent's tools say it
    auto prepared = session.prepare(request);
    CURATOR_ASSERT_OK(prepared);
    EXPECT_EQ(prepared->sources, (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_EQ(prepared->query, request.vectorFile);
    EXPECT_EQ(prepared->negativeThreshold, curator::defaults::kNegativeThreshold);

    request.vectorFile = writeQuery(**fixture, 31, "short.npy");
    auto wrong = session.prepare(request);
    ASSERT_FALSE(wrong.ok());
    EXPECT_TRUE(contains(wrong.error(), "short.npy")) << wrong.error();
    EXPECT_TRUE(contains(wrong.error(), "31")) << wrong.error();
    EXPECT_TRUE(contains(wrong.error(), "32")) << wrong.error();

    // A text through the workspace's embedder (the builtin one), which did not embed this store.
    curator::QueryRequest text;
    text.text = "motion blur";
    auto mismatch = session.prepare(text);
    ASSERT_FALSE(mismatch.ok());
    EXPECT_TRUE(contains(mismatch.error(), (*fixture)->segments[0]->model())) << mismatch.error();
    EXPECT_TRUE(contains(mismatch.error(), "builtin-pixel-v4")) << mismatch.error();
}

TEST(CurationSession, refusesAnEmptySelectionAndRecordsNothing) {
    auto fixture = curatortest::makeTwoSourceWorkspace(300, 200, 32, 4, 73);
    CURATOR_ASSERT_OK(fixture);
    const std::string workspace = (*fixture)->directory.filePath("workspace");
    curator::CurationSession session(workspace, curator::ScanPlace::Cpu);
    curator::QueryRequest request;
    request.vectorFile = writeQuery(**fixture, 32, "query.npy");
    auto prepared = session.prepare(request);
    CURATOR_ASSERT_OK(prepared);
    auto log = curator::CurationLog::open(workspace);
    CURATOR_ASSERT_OK(log);

    curator::CommitDetails details;
    details.threshold = 1.01; // above every cosine similarity
    details.message = "nothing";
    auto refused = session.commit(*log, *prepared, details);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(contains(refused.error(), "nothing was committed")) << refused.error();
    auto graph = log->log();
    CURATOR_ASSERT_OK(graph);
    EXPECT_TRUE(graph->commits.empty());

    details.threshold = -1.0;
    auto taken = session.commit(*log, *prepared, details);
    CURATOR_ASSERT_OK(taken);
    EXPECT_EQ(taken->commit.selected, (*fixture)->totalRows() - taken->masked);
}

// Review: a commit of a threshold leaves out the images the researcher rejected, and says how many;
// a rejected image below the threshold changes nothing, and the CLI's empty list changes nothing.
TEST(CurationSession, aCommitOfAThresholdLeavesOutTheExcludedImagesAndCountsThem) {
    auto fixture = curatortest::makeTwoSourceWorkspace(300, 200, 32, 4, 75);
    CURATOR_ASSERT_OK(fixture);
    const std::string workspace = (*fixture)->directory.filePath("workspace");
    curator::CurationSession session(workspace, curator::ScanPlace::Cpu);
    curator::QueryRequest request;
    request.vectorFile = writeQuery(**fixture, 32, "query.npy");
    auto prepared = session.prepare(request);
    CURATOR_ASSERT_OK(prepared);
    curator::ScanWants wants;
    wants.topK = 12;
    auto found = session.scan(*prepared, wants);
    CURATOR_ASSERT_OK(found);
    const auto& hits = found->top.hits;
    ASSERT_EQ(hits.size(), 12u);
    const double threshold = hits[9].similarity;
    ASSERT_LT(hits[11].similarity, threshold); // the last hit lies below the threshold
    auto counted = session.count(*prepared, static_cast<float>(threshold));
    CURATOR_ASSERT_OK(counted);
    const size_t above = counted->count;
    auto log = curator::CurationLog::open(workspace);
    CURATOR_ASSERT_OK(log);

    curator::CommitDetails details;
    details.threshold = threshold;
    details.message = "cluster zero";
    details.excluded = {
        {hits[0].source, hits[0].id}, {hits[3].source, hits[3].id}, {hits[11].source, hits[11].id}};
    auto outcome = session.commit(*log, *prepared, details);
    CURATOR_ASSERT_OK(outcome);
    EXPECT_EQ(outcome->excluded, 2u);
    EXPECT_EQ(outcome->commit.selected, above - 2);
    auto images = log->commitImages(outcome->commit.id);
    CURATOR_ASSERT_OK(images);
    EXPECT_EQ(images->size(), above - 2);
    for (const auto& image : *images) {
        EXPECT_FALSE(image.source == hits[0].source && image.name == hits[0].id);
        EXPECT_FALSE(image.source == hits[3].source && image.name == hits[3].id);
    }
    auto info = log->commitInfo(outcome->commit.id);
    CURATOR_ASSERT_OK(info);
    EXPECT_EQ(info->message, "cluster zero (2 rejected images left out)");

    // Only an image below the threshold excluded: the same commit as with none.
    details.excluded = {{hits[11].source, hits[11].id}};
    auto unchanged = session.commit(*log, *prepared, details);
    CURATOR_ASSERT_OK(unchanged);
    EXPECT_EQ(unchanged->excluded, 0u);
    EXPECT_EQ(unchanged->commit.selected, above);
    auto unchangedInfo = log->commitInfo(unchanged->commit.id);
    CURATOR_ASSERT_OK(unchangedInfo);
    EXPECT_EQ(unchangedInfo->message, "cluster zero");
    details.excluded.clear();
    auto none = session.commit(*log, *prepared, details);
    CURATOR_ASSERT_OK(none);
    EXPECT_EQ(none->excluded, 0u);
    EXPECT_EQ(none->commit.selected, above);

    // Everything above the threshold rejected: refused like an empty selection, nothing recorded.
    auto graphBefore = log->log();
    CURATOR_ASSERT_OK(graphBefore);
    details.threshold = hits[0].similarity;
    details.excluded = {{hits[0].source, hits[0].id}};
    auto refused = session.commit(*log, *prepared, details);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(contains(refused.error(), "nothing was committed")) << refused.error();
    auto graphAfter = log->log();
    CURATOR_ASSERT_OK(graphAfter);
    EXPECT_EQ(graphAfter->commits.size(), graphBefore->commits.size());
}

TEST(CurationSession, ratingBatchesAreTheTopOrASeededBandSampleAndUnknownRowsAreNamed) {
    auto fixture = curatortest::makeTwoSourceWorkspace(300, 200, 32, 4, 74);
    CURATOR_ASSERT_OK(fixture);
    curator::CurationSession session((*fixture)->directory.filePath("workspace"), curator::ScanPlace::Cpu);
    curator::QueryRequest request;
    request.vectorFile = writeQuery(**fixture, 32, "query.npy");
    auto prepared = session.prepare(request);
    CURATOR_ASSERT_OK(prepared);

    curator::BatchChoice top;
    top.size = 12;
    auto topBatch = curator::queryBatch(session, *prepared, top);
    CURATOR_ASSERT_OK(topBatch);
    ASSERT_EQ(topBatch->images.size(), 12u);
    for (size_t i = 1; i < topBatch->images.size(); ++i) {
        EXPECT_GE(topBatch->images[i - 1].similarity, topBatch->images[i].similarity);
    }

    curator::BatchChoice band;
    band.size = 8;
    band.minimum = -0.2f;
    band.maximum = 0.2f;
    band.seed = 9;
    auto first = curator::queryBatch(session, *prepared, band);
    auto again = curator::queryBatch(session, *prepared, band);
    CURATOR_ASSERT_OK(first);
    CURATOR_ASSERT_OK(again);
    ASSERT_FALSE(first->images.empty());
    EXPECT_GE(first->eligible, first->images.size());
    for (size_t i = 0; i < first->images.size(); ++i) {
        EXPECT_EQ(first->images[i].id, again->images[i].id); // the same seed, the same batch
        EXPECT_GE(first->images[i].similarity, -0.2);
        EXPECT_LE(first->images[i].similarity, 0.2);
    }
    EXPECT_EQ(curator::rateItems(first->images).size(), first->images.size());

    auto unknown = session.find("alpha", "no-such-image");
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(contains(unknown.error(), "no-such-image")) << unknown.error();
    auto known = session.find("beta", topBatch->images.front().source == "beta"
                                          ? topBatch->images.front().id
                                          : std::string((*fixture)->segments[1]->id(0)));
    CURATOR_ASSERT_OK(known);
    EXPECT_EQ(known->source, "beta");
}
