// The commit paths of the GUI, the CLI and the agent: by threshold (commitQuery) and by hand-picked images
// (commitChosen), both recording the same query provenance.
#include "dataset/querycommit.h"

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <set>

namespace {

curator::QuerySet querySetOf(const std::vector<float>& query) {
    auto set = curator::makeQuerySet(query, {}, 0.3f);
    EXPECT_TRUE(set.ok());
    return std::move(*set);
}

} // namespace

TEST(CommitChosen, recordsExactlyThePickedImagesWithTheQueryProvenance) {
    auto fixture = curatortest::makeTwoSourceWorkspace(400, 300, 32, 6, 51);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    curatortest::TemporaryDirectory logDirectory;
    auto log = curator::CurationLog::open(logDirectory.path().string());
    CURATOR_ASSERT_OK(log);
    const curator::QuerySet querySet = querySetOf(
        curatortest::mixOfCentres((*fixture)->centres, (*fixture)->dimension, {{0, 1.0f}}, 0.02f, 2));
    auto top = curator::searchTopK(segments, querySet, 20);
    CURATOR_ASSERT_OK(top);

    // Pick every other hit of the top 20, as a reviewer accepting some and rejecting others would.
    std::vector<curator::ChosenImage> chosen;
    std::set<std::pair<std::string, std::string>> expected;
    for (size_t i = 0; i < top->hits.size(); i += 2) {
        chosen.push_back({top->hits[i].source, top->hits[i].id});
        expected.insert({top->hits[i].source, top->hits[i].id});
    }
    curator::QueryCommitProvenance provenance;
    provenance.query = "cluster zero";
    provenance.negativePrompts = {};
    provenance.threshold = top->hits[18].similarity;
    provenance.message = "hand-picked";
    auto outcome = curator::commitChosen(*log, segments, querySet, provenance, chosen);
    CURATOR_ASSERT_OK(outcome);
    EXPECT_EQ(outcome->commit.selected, chosen.size());
    EXPECT_EQ(outcome->commit.added, chosen.size());

    auto images = log->commitImages(outcome->commit.id);
    CURATOR_ASSERT_OK(images);
    std::set<std::pair<std::string, std::string>> committed;
    for (const auto& image : *images) {
        committed.insert({image.source, image.name});
    }
    EXPECT_EQ(committed, expected);

    // The same provenance as a commit by threshold: the query, its vector's hash, the model, the sources.
    auto byThreshold = curator::commitQuery(*log, segments, querySet, provenance);
    CURATOR_ASSERT_OK(byThreshold);
    auto chosenInfo = log->commitInfo(outcome->commit.id);
    auto thresholdInfo = log->commitInfo(byThreshold->commit.id);
    CURATOR_ASSERT_OK(chosenInfo);
    CURATOR_ASSERT_OK(thresholdInfo);
    EXPECT_EQ(chosenInfo->query, "cluster zero");
    EXPECT_EQ(chosenInfo->queryVectorSha256, thresholdInfo->queryVectorSha256);
    EXPECT_EQ(chosenInfo->embeddingModel, thresholdInfo->embeddingModel);
    EXPECT_EQ(chosenInfo->sources, thresholdInfo->sources);
    EXPECT_DOUBLE_EQ(chosenInfo->threshold, provenance.threshold);
}

TEST(CommitChosen, refusesAnEmptyChoiceAndUnknownImagesAndRecordsNothing) {
    auto fixture = curatortest::makeTwoSourceWorkspace(50, 40, 16, 3, 52);
    CURATOR_ASSERT_OK(fixture);
    const auto& segments = (*fixture)->segments;
    curatortest::TemporaryDirectory logDirectory;
    auto log = curator::CurationLog::open(logDirectory.path().string());
    CURATOR_ASSERT_OK(log);
    const curator::QuerySet querySet = querySetOf(
        curatortest::mixOfCentres((*fixture)->centres, (*fixture)->dimension, {{1, 1.0f}}, 0.02f, 3));
    curator::QueryCommitProvenance provenance;
    provenance.query = "cluster one";

    auto empty = curator::commitChosen(*log, segments, querySet, provenance, {});
    ASSERT_FALSE(empty.ok());
    EXPECT_TRUE(curatortest::contains(empty.error(), "no image was chosen")) << empty.error();

    const std::string knownSource = segments[0]->source();
    const std::string knownId(segments[0]->id(0));
    auto unknown = curator::commitChosen(*log, segments, querySet, provenance,
                                         {{knownSource, knownId}, {knownSource, "no-such-image"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(curatortest::contains(unknown.error(), knownSource + "/no-such-image")) << unknown.error();

    auto graph = log->log();
    CURATOR_ASSERT_OK(graph);
    EXPECT_TRUE(graph->commits.empty());
}
