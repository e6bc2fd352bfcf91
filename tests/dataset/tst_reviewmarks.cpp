// Issue 17 §6: review marks last. One mark per image and branch (the latest, with who and when), cleared
// on request, per branch, exported with a release, and refused clearly when malformed. A workspace of
// schema 3 gains the table on open.
#include "dataset/curationlog.h"
#include "dataset/reviewmarks.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

using namespace curator;
using datasettest::TemporaryDirectory;

namespace {

std::map<std::string, std::string> verdicts(const std::vector<ReviewRecord>& marks) {
    std::map<std::string, std::string> byImage;
    for (const ReviewRecord& mark : marks) {
        byImage[mark.source + "/" + mark.name] = reviewVerdictName(mark.verdict);
    }
    return byImage;
}

} // namespace

TEST(ReviewMarks, TheLatestMarkOfAnImageOnABranchIsKeptWithWhoAndWhen) {
    TemporaryDirectory directory;
    {
        CurationLog log = datasettest::openLog(directory.path().string());
        ASSERT_TRUE(
            setReviewMarks(log, {}, {{"photos", "a.jpg"}, {"photos", "b.jpg"}}, ReviewVerdict::Accept, "ana")
                .ok());
        ASSERT_TRUE(
            setReviewMarks(log, {}, {{"photos", "b.jpg"}, {"art", "c.png"}}, ReviewVerdict::Reject, "ben")
                .ok());
    }
    // Reopened: the marks are in the workspace, not in memory.
    CurationLog log = datasettest::openLog(directory.path().string());
    auto marks = reviewMarks(log);
    ASSERT_TRUE(marks.ok()) << marks.error();
    EXPECT_EQ(verdicts(*marks),
              (std::map<std::string, std::string>{
                  {"art/c.png", "reject"}, {"photos/a.jpg", "accept"}, {"photos/b.jpg", "reject"}}));
    for (const ReviewRecord& mark : *marks) {
        EXPECT_EQ(mark.author, mark.name == "a.jpg" ? "ana" : "ben");
        EXPECT_EQ(mark.markedAt.size(), 20u) << mark.markedAt; // 2026-12-04T19:00:00Z
    }

    // Looked up for a search's rows: in the rows' order, only the marked ones.
    auto found = reviewMarksOf(log, "main", {{"photos", "b.jpg"}, {"photos", "zzz"}, {"photos", "a.jpg"}});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 2u);
    EXPECT_EQ((*found)[0].name, "b.jpg");
    EXPECT_EQ((*found)[1].name, "a.jpg");

    // Clearing removes the mark; another branch has marks of its own.
    ASSERT_TRUE(setReviewMarks(log, {}, {{"photos", "a.jpg"}}, std::nullopt).ok());
    ASSERT_TRUE(log.createBranch("other").ok());
    ASSERT_TRUE(setReviewMarks(log, "other", {{"photos", "a.jpg"}}, ReviewVerdict::Reject).ok());
    EXPECT_EQ(verdicts(*reviewMarks(log, "main")).count("photos/a.jpg"), 0u);
    EXPECT_EQ(verdicts(*reviewMarks(log, "other")),
              (std::map<std::string, std::string>{{"photos/a.jpg", "reject"}}));

    const nlohmann::json json = nlohmann::json::parse(reviewMarksToJson("other", *reviewMarks(log, "other")));
    EXPECT_EQ(json.at("review_marks").at("marks")[0].at("verdict"), "reject");
    EXPECT_EQ(json.at("review_marks").at("marks")[0].at("author"), "human");
}

TEST(ReviewMarks, MalformedMarksAreRefusedAndChangeNothing) {
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.path().string());
    ASSERT_TRUE(setReviewMarks(log, {}, {{"photos", "a.jpg"}}, ReviewVerdict::Accept).ok());
    const Status unknownBranch = setReviewMarks(log, "nope", {{"photos", "a.jpg"}}, ReviewVerdict::Reject);
    ASSERT_FALSE(unknownBranch.ok());
    EXPECT_NE(unknownBranch.error().find("nope"), std::string::npos) << unknownBranch.error();
    // One bad image refuses the whole batch: the good one before it is not marked either.
    const Status emptyName =
        setReviewMarks(log, {}, {{"photos", "b.jpg"}, {"photos", ""}}, ReviewVerdict::Reject);
    ASSERT_FALSE(emptyName.ok());
    EXPECT_NE(emptyName.error().find("source and a name"), std::string::npos) << emptyName.error();
    EXPECT_FALSE(setReviewMarks(log, {}, {{"photos", "b.jpg"}}, ReviewVerdict::Reject, "").ok());
    EXPECT_EQ(verdicts(*reviewMarks(log)), (std::map<std::string, std::string>{{"photos/a.jpg", "accept"}}));
    EXPECT_FALSE(parseReviewVerdict("maybe").has_value());
    EXPECT_EQ(parseReviewVerdict("reject"), ReviewVerdict::Reject);
}

TEST(ReviewMarks, AReleaseCarriesEachImagesMark) {
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.path().string());
    ASSERT_TRUE(log.commit(datasettest::makeRequest("q", datasettest::makeImages("photos", 3))).ok());
    ASSERT_TRUE(setReviewMarks(log, {}, {{"photos", "img0.jpg"}}, ReviewVerdict::Accept, "ana").ok());
    ASSERT_TRUE(setReviewMarks(log, {}, {{"photos", "img2.jpg"}}, ReviewVerdict::Reject, "ben").ok());
    auto release = log.exportRelease("v1", false);
    ASSERT_TRUE(release.ok()) << release.error();
    std::ifstream metadata(std::filesystem::path(release->directory) / "metadata.jsonl");
    std::map<std::string, nlohmann::json> review;
    for (std::string line; std::getline(metadata, line);) {
        const nlohmann::json row = nlohmann::json::parse(line);
        review[row.at("id").get<std::string>()] = row.at("review");
    }
    ASSERT_EQ(review.size(), 3u);
    EXPECT_EQ(review["img0.jpg"].at("verdict"), "accept");
    EXPECT_EQ(review["img0.jpg"].at("author"), "ana");
    EXPECT_EQ(review["img2.jpg"].at("verdict"), "reject");
    EXPECT_TRUE(review["img1.jpg"].is_null());
}
