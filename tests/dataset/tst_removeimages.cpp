// Issue 17 §6: one image removed from a commit, as a revert of that image only. Every reader of a
// dataset's images (status, dataset images, a commit's sample, the original's export, provenance, the
// release's rows) applies the same rule, and undoing the removal puts the image back.

#include "dataset/curationlog.h"
#include "dataset/imageprovenance.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::readText;
using datasettest::TemporaryDirectory;
using nlohmann::json;

namespace {

std::set<std::string> namesOf(const std::vector<CatalogImage>& images) {
    std::set<std::string> names;
    for (const CatalogImage& image : images) {
        names.insert(image.name);
    }
    return names;
}

const ProvenanceCommit* provenanceEntry(const ImageProvenance& provenance, const std::string& id) {
    for (const ProvenanceCommit& commit : provenance.commits) {
        if (commit.id == id) {
            return &commit;
        }
    }
    return nullptr;
}

// a: photos/img0..9 tagged blur; b: photos/img5..14 tagged neon (img5..9 in both).
struct TwoCommits {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    std::string a, b;

    TwoCommits() {
        Result<CommitOutcome> first = log.commit(makeRequest("a", makeImages("photos", 10), {"blur"}));
        Result<CommitOutcome> second = log.commit(makeRequest("b", makeImages("photos", 10, 5), {"neon"}));
        EXPECT_TRUE(first.ok() && second.ok());
        a = first->id;
        b = second->id;
    }
};

} // namespace

TEST(RemoveImages, OnlyTheNamedImagesLeaveTheCommitAndUndoPutsThemBack) {
    TwoCommits fixture;
    CurationLog& log = fixture.log;

    Result<RevertOutcome> removal =
        log.removeImages(fixture.a, {{"photos", "img0.jpg"}, {"photos", "img5.jpg"}, {"photos", "img0.jpg"}});
    ASSERT_TRUE(removal.ok()) << removal.error();
    EXPECT_EQ(removal->target, fixture.a);
    EXPECT_EQ(removal->removed, 2u);  // the repeated name counts once
    EXPECT_EQ(removal->affected, 1u); // img5 stays: b holds it
    EXPECT_FALSE(removal->redo);

    // The commit stays live, without the two images; the revert is in history and holds them.
    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    ASSERT_EQ(graph->commits.size(), 3u);
    EXPECT_FALSE(graph->commits[0].undone);
    EXPECT_EQ(graph->commits[2].info.kind, CommitKind::Revert);
    EXPECT_TRUE(isPartialRevert(graph->commits[2].info));
    EXPECT_EQ(graph->commits[2].info.message, "Remove 2 images from " + shortId(fixture.a) + ": commit a");
    Result<std::vector<CatalogImage>> held = log.commitImages(removal->id);
    ASSERT_TRUE(held.ok());
    EXPECT_EQ(namesOf(*held), (std::set<std::string>{"img0.jpg", "img5.jpg"}));

    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 14u);
    ASSERT_EQ(status->liveCommits.size(), 2u);
    EXPECT_EQ(status->liveCommits[0].images, 8u);
    EXPECT_EQ(status->liveCommits[1].images, 10u);
    EXPECT_EQ(status->summedCommitSizes, 18u);
    EXPECT_EQ(status->imagesByTag.at("blur"), 8u);
    EXPECT_EQ(status->imagesByTag.at("neon"), 10u);

    Result<std::vector<CatalogImage>> dataset = log.datasetImages();
    ASSERT_TRUE(dataset.ok());
    EXPECT_EQ(namesOf(*dataset).count("img0.jpg"), 0u);
    EXPECT_EQ(namesOf(*dataset).count("img5.jpg"), 1u);

    Result<std::vector<LiveCommitImages>> live = log.liveCommitImages();
    ASSERT_TRUE(live.ok());
    ASSERT_EQ(live->size(), 2u);
    EXPECT_EQ((*live)[0].commitId, fixture.a);
    EXPECT_EQ((*live)[0].images.size(), 8u);
    EXPECT_EQ(namesOf((*live)[0].images).count("img0.jpg") + namesOf((*live)[0].images).count("img5.jpg"),
              0u);

    // The commit's sample (the agent's sample_from_committed and the workstation's strip) leaves them out.
    Result<std::vector<SampledImage>> sample = log.sampleFromCommitted(fixture.a, 100, 7);
    ASSERT_TRUE(sample.ok());
    EXPECT_EQ(sample->size(), 8u);
    for (const SampledImage& image : *sample) {
        EXPECT_NE(image.name, "img0.jpg");
        EXPECT_NE(image.name, "img5.jpg");
    }

    // The original's format has no reverts: the commit is written with what it still holds.
    const std::string original = fixture.directory.filePath("original.json");
    ASSERT_TRUE(log.exportOriginal(original).ok());
    const json written = json::parse(readText(original));
    EXPECT_EQ(written.at(fixture.a).at("size"), 8);
    EXPECT_EQ(written.at(fixture.a).at("images").size(), 8u);

    // Provenance names the removal, on both sides.
    Result<ImageProvenance> img0 = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(img0.ok()) << img0.error();
    EXPECT_FALSE(img0->inDataset);
    const ProvenanceCommit* fromA = provenanceEntry(*img0, fixture.a);
    const ProvenanceCommit* revert = provenanceEntry(*img0, removal->id);
    ASSERT_TRUE(fromA && revert);
    EXPECT_FALSE(fromA->live);
    EXPECT_EQ(fromA->removedBy, removal->id);
    EXPECT_TRUE(revert->live);
    EXPECT_EQ(revert->target, fixture.a);
    Result<ImageProvenance> img5 = imageProvenance(log, "photos", "img5.jpg");
    ASSERT_TRUE(img5.ok());
    EXPECT_TRUE(img5->inDataset);
    EXPECT_TRUE(provenanceEntry(*img5, fixture.b)->live);
    EXPECT_FALSE(provenanceEntry(*img5, fixture.a)->live);

    // Undo it like any other revert: both images are back in the commit.
    Result<RevertOutcome> undo = log.undoCommit(removal->id);
    ASSERT_TRUE(undo.ok()) << undo.error();
    EXPECT_TRUE(undo->redo);
    EXPECT_EQ(undo->affected, 1u);
    EXPECT_EQ(undo->removed, 0u);
    status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 15u);
    EXPECT_EQ(status->liveCommits[0].images, 10u);
    img0 = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(img0.ok());
    EXPECT_TRUE(img0->inDataset);
    EXPECT_TRUE(provenanceEntry(*img0, fixture.a)->removedBy.empty());
}

TEST(RemoveImages, AWholeRevertAndItsRedoKeepTheRemovalInPlace) {
    TwoCommits fixture;
    CurationLog& log = fixture.log;
    ASSERT_TRUE(log.removeImages(fixture.a, {{"photos", "img0.jpg"}}).ok());

    Result<RevertOutcome> whole = log.undoCommit(fixture.a);
    ASSERT_TRUE(whole.ok()) << whole.error();
    EXPECT_EQ(whole->affected, 4u); // img1..4: img0 had left already, img5..9 are b's too
    Result<RevertOutcome> redo = log.undoCommit(whole->id);
    ASSERT_TRUE(redo.ok()) << redo.error();
    EXPECT_EQ(redo->affected, 4u);
    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 14u); // a is live again, still without img0
}

TEST(RemoveImages, ARemovalOnOneBranchLeavesTheOthersAlone) {
    TwoCommits fixture;
    CurationLog& log = fixture.log;
    ASSERT_TRUE(log.createBranch("agent/x").ok());
    Result<RevertOutcome> removal = log.removeImages(fixture.a, {{"photos", "img1.jpg"}}, "human", "agent/x");
    ASSERT_TRUE(removal.ok()) << removal.error();
    EXPECT_EQ(removal->branch, "agent/x");

    Result<StatusReport> main = log.status();
    Result<StatusReport> branch = log.status("agent/x");
    ASSERT_TRUE(main.ok() && branch.ok());
    EXPECT_EQ(main->distinctImages, 15u);
    EXPECT_EQ(branch->distinctImages, 14u);
    Result<std::vector<CatalogImage>> onBranch = log.datasetImages("agent/x");
    ASSERT_TRUE(onBranch.ok());
    EXPECT_EQ(namesOf(*onBranch).count("img1.jpg"), 0u);
    // The checked-out branch (main) still samples it from the commit.
    Result<std::vector<SampledImage>> sample = log.sampleFromCommitted(fixture.a, 100, 1);
    ASSERT_TRUE(sample.ok());
    EXPECT_EQ(sample->size(), 10u);
}

TEST(RemoveImages, ErrorsNameTheImageOrTheCommitAndChangeNothing) {
    TwoCommits fixture;
    CurationLog& log = fixture.log;
    ASSERT_TRUE(log.removeImages(fixture.a, {{"photos", "img2.jpg"}}).ok());
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(log);
    auto expectError = [&](const Result<RevertOutcome>& outcome, const std::string& words) {
        ASSERT_FALSE(outcome.ok());
        EXPECT_NE(outcome.error().find(words), std::string::npos) << outcome.error();
        EXPECT_EQ(datasettest::fingerprint(log), before);
    };
    expectError(log.removeImages(fixture.a, {{"photos", "img14.jpg"}}),
                "commit " + shortId(fixture.a) + " does not hold image 'photos/img14.jpg'");
    expectError(log.removeImages(fixture.a, {{"photos", "img2.jpg"}}),
                "image 'photos/img2.jpg' was already removed from commit " + shortId(fixture.a));
    expectError(log.removeImages(fixture.a, {}), "name at least one image");
    expectError(log.removeImages(fixture.a, {{"photos", "img3.jpg"}}, "robot"), "author 'robot'");
    expectError(log.removeImages("ffffffff-nope", {{"photos", "img3.jpg"}}), "unknown commit");
    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    const std::string revertId = graph->commits.back().info.id;
    expectError(log.removeImages(revertId, {{"photos", "img2.jpg"}}), "is a revert");

    Result<RevertOutcome> whole = log.undoCommit(fixture.b);
    ASSERT_TRUE(whole.ok());
    const datasettest::DatabaseFingerprint afterUndo = datasettest::fingerprint(log);
    Result<RevertOutcome> undone = log.removeImages(fixture.b, {{"photos", "img12.jpg"}});
    ASSERT_FALSE(undone.ok());
    EXPECT_NE(undone.error().find("is not live on branch 'main'"), std::string::npos) << undone.error();
    EXPECT_EQ(datasettest::fingerprint(log), afterUndo);
}

TEST(RemoveImages, OurDatasetJsonCarriesTheRemovalAndAnImportKeepsIt) {
    TwoCommits fixture;
    ASSERT_TRUE(fixture.log.removeImages(fixture.a, {{"photos", "img0.jpg"}}).ok());
    const std::string file = fixture.directory.filePath("dataset.json");
    ASSERT_TRUE(fixture.log.exportDataset(file).ok());

    CurationLog copy = openLog(fixture.directory.filePath("copy"));
    Result<ImportReport> imported = copy.importDataset(file);
    ASSERT_TRUE(imported.ok()) << imported.error();
    Result<StatusReport> status = copy.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 14u);
    Result<std::vector<CatalogImage>> dataset = copy.datasetImages();
    ASSERT_TRUE(dataset.ok());
    EXPECT_EQ(namesOf(*dataset).count("img0.jpg"), 0u);
}

TEST(RemoveImages, AReleaseLeavesTheImageOutAndItsCommitOffTheOthers) {
    TwoCommits fixture;
    CurationLog& log = fixture.log;
    ASSERT_TRUE(log.removeImages(fixture.a, {{"photos", "img0.jpg"}, {"photos", "img6.jpg"}}).ok());
    Result<ReleaseReport> release = log.exportRelease("v1", false);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->images, 14u);
    std::istringstream lines(readText(release->directory + "/metadata.jsonl"));
    std::string line;
    size_t rows = 0;
    while (std::getline(lines, line)) {
        const json row = json::parse(line);
        ++rows;
        EXPECT_NE(row["id"], "img0.jpg");
        const auto ids = row["commit_ids"].get<std::set<std::string>>();
        if (row["id"] == "img6.jpg") {
            EXPECT_EQ(ids, std::set<std::string>{fixture.b});
        }
        if (row["id"] == "img7.jpg") {
            EXPECT_EQ(ids, (std::set<std::string>{fixture.a, fixture.b}));
        }
    }
    EXPECT_EQ(rows, 14u);
}
