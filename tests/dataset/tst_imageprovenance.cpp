#include "dataset/imageprovenance.h"

#include "dataset/sha256.h"
#include "datasettesthelpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::TemporaryDirectory;

namespace {

std::vector<CatalogImage> firstOf(const std::vector<CatalogImage>& images, size_t count) {
    return {images.begin(), images.begin() + static_cast<std::ptrdiff_t>(count)};
}

void insertCaption(CurationLog& log, const std::string& name, const std::string& model,
                   const std::string& caption) {
    Result<SqliteStatement> insert = log.database().prepare(
        "INSERT INTO caption_cache(source, name, model, caption, created_at) VALUES('photos', ?1, ?2, ?3, "
        "'2024-01-01T00:00:00Z')");
    ASSERT_TRUE(insert.ok()) << insert.error();
    insert->bindText(1, name);
    insert->bindText(2, model);
    insert->bindText(3, caption);
    ASSERT_TRUE(insert->run().ok());
}

void insertScore(CurationLog& log, const std::string& name, const std::string& model,
                 const std::string& captionHash, double score, const std::string& createdAt) {
    Result<SqliteStatement> insert = log.database().prepare(
        "INSERT INTO score_cache(source, name, model, caption_sha256, score, created_at) "
        "VALUES('photos', ?1, ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(insert.ok()) << insert.error();
    insert->bindText(1, name);
    insert->bindText(2, model);
    insert->bindText(3, captionHash);
    insert->bindDouble(4, score);
    insert->bindText(5, createdAt);
    ASSERT_TRUE(insert->run().ok());
}

std::vector<std::string> statusLiveIds(CurationLog& log) {
    Result<StatusReport> status = log.status();
    EXPECT_TRUE(status.ok());
    std::vector<std::string> ids;
    for (const StatusCommit& commit : status->liveCommits) {
        ids.push_back(commit.id);
    }
    return ids;
}

} // namespace

TEST(ImageProvenance, ListsEveryCommitHoldingTheImageWithItsLiveness) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::vector<CatalogImage> images = makeImages("photos", 5);
    ASSERT_TRUE(log.upsertImages(images).ok());

    CommitRequest firstRequest = makeRequest("vhs scanlines", firstOf(images, 3), {"vhs_decay"});
    firstRequest.threshold = 0.42;
    firstRequest.message = "first pass";
    Result<CommitOutcome> first = log.commit(firstRequest);
    ASSERT_TRUE(first.ok()) << first.error();
    CommitRequest secondRequest = makeRequest("motion blur", firstOf(images, 2));
    secondRequest.author = "agent:run-1";
    Result<CommitOutcome> second = log.commit(secondRequest);
    ASSERT_TRUE(second.ok()) << second.error();
    Result<RevertOutcome> revert = log.undoCommit(second->id);
    ASSERT_TRUE(revert.ok()) << revert.error();

    ASSERT_TRUE(log.createBranch("exp").ok());
    ASSERT_TRUE(log.checkout("exp").ok());
    Result<CommitOutcome> onBranch = log.commit(makeRequest("film grain", firstOf(images, 1)));
    ASSERT_TRUE(onBranch.ok()) << onBranch.error();
    ASSERT_TRUE(log.checkout("main").ok());

    Result<ImageProvenance> provenance = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(provenance.ok()) << provenance.error();
    EXPECT_EQ(provenance->image.path, "/data/photos/img0.jpg");
    EXPECT_EQ(provenance->image.caption, "a caption of img0.jpg");
    EXPECT_EQ(provenance->image.width, 640);
    EXPECT_EQ(provenance->image.height, 480);
    EXPECT_TRUE(provenance->image.inCatalog);
    EXPECT_EQ(provenance->checkedOutBranch, "main");
    ASSERT_EQ(provenance->commits.size(), 3u); // the revert holds no image entries
    const ProvenanceCommit& a = provenance->commits[0];
    EXPECT_EQ(a.id, first->id);
    EXPECT_EQ(a.kind, CommitKind::Commit);
    EXPECT_EQ(a.branch, "main");
    EXPECT_EQ(a.author, "human");
    EXPECT_EQ(a.query, "vhs scanlines");
    EXPECT_DOUBLE_EQ(a.threshold, 0.42);
    EXPECT_EQ(a.message, "first pass");
    EXPECT_EQ(a.tags, std::vector<std::string>{"vhs_decay"});
    EXPECT_FALSE(a.createdAt.empty());
    EXPECT_TRUE(a.live);
    EXPECT_TRUE(a.undoneBy.empty());
    const ProvenanceCommit& b = provenance->commits[1];
    EXPECT_EQ(b.id, second->id);
    EXPECT_EQ(b.author, "agent:run-1");
    EXPECT_FALSE(b.live);
    EXPECT_EQ(b.undoneBy, revert->id);
    const ProvenanceCommit& c = provenance->commits[2];
    EXPECT_EQ(c.id, onBranch->id);
    EXPECT_EQ(c.branch, "exp");
    EXPECT_FALSE(c.live); // not reachable from main's head
    EXPECT_TRUE(provenance->inDataset);

    // img2 is held by the first commit only; img1 by the first and the undone second.
    Result<ImageProvenance> third = imageProvenance(log, "photos", "img2.jpg");
    ASSERT_TRUE(third.ok()) << third.error();
    ASSERT_EQ(third->commits.size(), 1u);
    EXPECT_EQ(third->commits[0].id, first->id);

    // Merging the branch makes its commit live on main.
    ASSERT_TRUE(log.mergeBranch("exp").ok());
    Result<ImageProvenance> merged = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(merged.ok()) << merged.error();
    ASSERT_EQ(merged->commits.size(), 3u);
    EXPECT_TRUE(merged->commits[2].live);
    EXPECT_FALSE(merged->commits[1].live);

    // Redoing the reverted commit (undoing the revert) makes it live again.
    ASSERT_TRUE(log.undoCommit(revert->id).ok());
    Result<ImageProvenance> redone = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(redone.ok()) << redone.error();
    EXPECT_TRUE(redone->commits[1].live);
    EXPECT_TRUE(redone->commits[1].undoneBy.empty());
}

TEST(ImageProvenance, LiveCommitIdsAgreeWithStatus) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::vector<CatalogImage> images = makeImages("photos", 6);
    std::vector<std::string> ids;
    for (size_t i = 0; i < 4; ++i) {
        Result<CommitOutcome> outcome =
            log.commit(makeRequest("q" + std::to_string(i), firstOf(images, i + 1)));
        ASSERT_TRUE(outcome.ok()) << outcome.error();
        ids.push_back(outcome->id);
    }
    Result<RevertOutcome> revert = log.undoCommit(ids[1]);
    ASSERT_TRUE(revert.ok());
    ASSERT_TRUE(log.undoCommit(ids[3]).ok());
    ASSERT_TRUE(log.undoCommit(revert->id).ok()); // redo of ids[1]
    ASSERT_TRUE(log.createBranch("side").ok());
    ASSERT_TRUE(log.checkout("side").ok());
    ASSERT_TRUE(log.commit(makeRequest("side", firstOf(images, 6))).ok());
    ASSERT_TRUE(log.undoCommit(ids[0]).ok()); // undone on the branch only

    for (const std::string& branch : {std::string("side"), std::string(kMainBranch)}) {
        ASSERT_TRUE(log.checkout(branch).ok());
        Result<CommitGraph> graph = log.log();
        ASSERT_TRUE(graph.ok());
        Result<std::vector<std::string>> live = liveCommitIds(*graph, branch);
        ASSERT_TRUE(live.ok()) << live.error();
        EXPECT_EQ(*live, statusLiveIds(log)) << branch;
    }
    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    Result<std::vector<std::string>> unknown = liveCommitIds(*graph, "nope");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("unknown branch 'nope'"), std::string::npos) << unknown.error();
}

TEST(ImageProvenance, CachedCaptionsAndScoresNameTheCaptionTheyRead) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::vector<CatalogImage> images = makeImages("photos", 2);
    ASSERT_TRUE(log.upsertImages(images).ok());
    insertCaption(log, "img0.jpg", "vlm-a", "a lake at dusk");
    insertCaption(log, "img1.jpg", "vlm-a", "someone else's caption");
    insertScore(log, "img0.jpg", "proxy", Sha256::hashHex("a lake at dusk"), 7.5, "2024-01-02T00:00:00Z");
    insertScore(log, "img0.jpg", "proxy", Sha256::hashHex("a caption of img0.jpg"), 6.0,
                "2024-01-03T00:00:00Z");
    insertScore(log, "img0.jpg", "aesthetic-v2", Sha256::hashHex("a caption since replaced"), 3.25,
                "2024-01-01T00:00:00Z");

    Result<ImageProvenance> provenance = imageProvenance(log, "photos", "img0.jpg");
    ASSERT_TRUE(provenance.ok()) << provenance.error();
    EXPECT_TRUE(provenance->commits.empty());
    EXPECT_FALSE(provenance->inDataset);
    EXPECT_EQ(provenance->checkedOutBranch, "main");
    ASSERT_EQ(provenance->captions.size(), 1u);
    EXPECT_EQ(provenance->captions[0].model, "vlm-a");
    EXPECT_EQ(provenance->captions[0].caption, "a lake at dusk");
    ASSERT_EQ(provenance->scores.size(), 3u);
    // By model, newest first within one.
    EXPECT_EQ(provenance->scores[0].model, "aesthetic-v2");
    EXPECT_DOUBLE_EQ(provenance->scores[0].score, 3.25);
    EXPECT_EQ(provenance->scores[0].captionSource, "");
    EXPECT_EQ(provenance->scores[1].model, "proxy");
    EXPECT_DOUBLE_EQ(provenance->scores[1].score, 6.0);
    EXPECT_EQ(provenance->scores[1].captionSource, "catalog");
    EXPECT_DOUBLE_EQ(provenance->scores[2].score, 7.5);
    EXPECT_EQ(provenance->scores[2].captionSource, "vlm-a");
}

TEST(ImageProvenance, UnknownImageIsAnErrorNamingIt) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.upsertImages(makeImages("photos", 1)).ok());
    Result<ImageProvenance> missing = imageProvenance(log, "photos", "nope.jpg");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("image 'photos/nope.jpg' is not in the workspace's catalog"),
              std::string::npos)
        << missing.error();
    Result<ImageProvenance> otherSource = imageProvenance(log, "artwork", "img0.jpg");
    ASSERT_FALSE(otherSource.ok());
    EXPECT_NE(otherSource.error().find("artwork/img0.jpg"), std::string::npos) << otherSource.error();
}

TEST(ImageProvenance, ManyCommitsAreReadWithoutAQueryPerCommit) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::vector<CatalogImage> images = makeImages("photos", 3);
    // A large commit first, so the scan of commit_images has something to scan.
    ASSERT_TRUE(log.commit(makeRequest("bulk", makeImages("artwork", 100000))).ok());
    for (size_t i = 0; i < 300; ++i) {
        ASSERT_TRUE(log.commit(makeRequest("q" + std::to_string(i), {images[i % 3]})).ok());
    }
    const auto started = std::chrono::steady_clock::now();
    Result<ImageProvenance> provenance = imageProvenance(log, "photos", "img1.jpg");
    const double elapsedMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(provenance.ok()) << provenance.error();
    std::printf("[ figures  ] provenance of one image among 301 commits and 100,300 entries: %.1f ms\n",
                elapsedMs);
    ASSERT_EQ(provenance->commits.size(), 100u);
    for (size_t i = 0; i < provenance->commits.size(); ++i) {
        EXPECT_EQ(provenance->commits[i].query, "q" + std::to_string(3 * i + 1));
        EXPECT_TRUE(provenance->commits[i].live);
    }
}
