#include "dataset/curationlog.h"
#include "rating/aestheticsrate.h"
#include "rating/datasetscores.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

namespace {

namespace fs = std::filesystem;

class FixedCaptioner final : public curator::Captioner {
public:
    explicit FixedCaptioner(std::string model)
        : m_model(std::move(model)) {}
    std::string modelName() const override { return m_model; }
    curator::Result<std::string> caption(const curator::RgbImage& image, const std::string&) override {
        return m_model + " sees " + std::to_string(image.width) + " pixels across.";
    }

private:
    std::string m_model;
};

class WidthScorer final : public curator::Scorer {
public:
    std::string modelName() const override { return "width-scorer"; }
    curator::ScoreRange range() const override { return {0, 10}; }
    curator::Result<std::vector<double>> score(const std::vector<curator::RgbImage>& images,
                                               const std::vector<std::string>& captions) override {
        std::vector<double> scores;
        for (size_t i = 0; i < images.size(); ++i) {
            scores.push_back(images[i].width / 10.0 + static_cast<double>(captions[i].size() % 3));
        }
        ++calls;
        return scores;
    }
    int calls = 0;
};

class DatasetScoresTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-dsscores-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_root);
        auto log = curator::CurationLog::open((m_root / "ws").string());
        ASSERT_TRUE(log.ok()) << log.error();
        m_log = std::make_unique<curator::CurationLog>(std::move(*log));
        // Six catalog images a..f of widths 10..60, with sidecar captions except f.
        std::vector<curator::CatalogImage> catalog;
        for (int i = 0; i < 6; ++i) {
            const std::string name = std::string(1, char('a' + i)) + ".png";
            const fs::path path = m_root / name;
            cv::imwrite(path.string(), cv::Mat(8, 10 * (i + 1), CV_8UC3, cv::Scalar(20, 80, 160)));
            catalog.push_back(
                {"photos", name, path.string(), i == 5 ? "" : "sidecar of " + name, 0, 0, true});
        }
        ASSERT_TRUE(m_log->upsertImages(catalog).ok());
        m_catalog = catalog;
    }
    void TearDown() override {
        m_log.reset();
        fs::remove_all(m_root);
    }

    curator::RateItem item(size_t index) const {
        const auto& image = m_catalog[index];
        return {image.source, image.name, image.path, image.caption};
    }

    std::string commit(const std::vector<size_t>& indices, const std::string& branch = {}) {
        curator::CommitRequest request;
        request.query = "test";
        request.message = "test commit";
        request.branch = branch;
        for (size_t index : indices) {
            request.images.push_back(m_catalog[index]);
        }
        auto outcome = m_log->commit(request);
        EXPECT_TRUE(outcome.ok()) << outcome.error();
        return outcome ? outcome->id : std::string();
    }

    static std::vector<std::string> ids(const curator::DatasetScores& scores, bool scored) {
        std::vector<std::string> result;
        if (scored) {
            for (const auto& entry : scores.scored) {
                result.push_back(entry.id);
            }
        } else {
            for (const auto& entry : scores.unscored) {
                result.push_back(entry.id);
            }
        }
        return result;
    }

    fs::path m_root;
    std::unique_ptr<curator::CurationLog> m_log;
    std::vector<curator::CatalogImage> m_catalog;
};

TEST_F(DatasetScoresTest, CachedScoresOfCommittedImagesOnlyAndTheRestReadyToRate) {
    commit({0, 1, 2, 3});
    FixedCaptioner captioner("captioner-a");
    WidthScorer scorer;
    // b and c of the dataset, and e, which is not in it.
    auto batch = curator::aestheticsRate(*m_log, {item(1), item(2), item(4)}, captioner, scorer);
    ASSERT_TRUE(batch.ok()) << batch.error();

    auto scores = curator::datasetScores(*m_log, {}, "width-scorer", "captioner-a");
    ASSERT_TRUE(scores.ok()) << scores.error();
    EXPECT_EQ(scores->branch, "main");
    EXPECT_EQ(scores->datasetImages, 4u);
    EXPECT_EQ(ids(*scores, true), (std::vector<std::string>{"b.png", "c.png"}));
    EXPECT_EQ(scores->scored[0].score, batch->rated[0].score);
    EXPECT_EQ(scores->scored[1].score, batch->rated[1].score);
    EXPECT_EQ(ids(*scores, false), (std::vector<std::string>{"a.png", "d.png"}));
    EXPECT_EQ(scores->unscored[0].path, m_catalog[0].path);
    EXPECT_EQ(scores->unscored[0].knownCaption, "sidecar of a.png");

    // Rating what was missing completes the dataset; the histogram equals rating it all at once.
    const int callsBefore = scorer.calls;
    auto filled = curator::aestheticsRate(*m_log, scores->unscored, captioner, scorer);
    ASSERT_TRUE(filled.ok()) << filled.error();
    EXPECT_EQ(scorer.calls - callsBefore, 2);
    auto complete = curator::datasetScores(*m_log, "main", "width-scorer", "captioner-a");
    ASSERT_TRUE(complete.ok()) << complete.error();
    EXPECT_TRUE(complete->unscored.empty());
    auto all = curator::aestheticsRate(*m_log, {item(0), item(1), item(2), item(3)}, captioner, scorer);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->scoresFromCache, 4u);
    const auto fromCache = curator::fixedBinHistogram(complete->values(), scorer.range(), 10);
    EXPECT_EQ(fromCache.counts, all->histogram.counts);
    EXPECT_DOUBLE_EQ(fromCache.mean, all->histogram.mean);
    EXPECT_DOUBLE_EQ(fromCache.median, all->histogram.median);
}

TEST_F(DatasetScoresTest, AScoreCountsOnlyForTheCaptionRatingWouldUse) {
    commit({4, 5});
    FixedCaptioner captionerA("captioner-a");
    WidthScorer scorer;
    // f has no sidecar caption: captioner-a writes one and its score is keyed by that caption's hash.
    ASSERT_TRUE(curator::aestheticsRate(*m_log, {item(4), item(5)}, captionerA, scorer).ok());

    auto withA = curator::datasetScores(*m_log, {}, "width-scorer", "captioner-a");
    ASSERT_TRUE(withA.ok()) << withA.error();
    EXPECT_EQ(withA->scored.size(), 2u);
    // Another captioner has no caption for f, so rating would caption and score f anew; e's sidecar
    // caption is the same for any captioner.
    auto withB = curator::datasetScores(*m_log, {}, "width-scorer", "captioner-b");
    ASSERT_TRUE(withB.ok()) << withB.error();
    EXPECT_EQ(ids(*withB, true), (std::vector<std::string>{"e.png"}));
    EXPECT_EQ(ids(*withB, false), (std::vector<std::string>{"f.png"}));
    // No captioner named: any cached score of the scorer.
    auto any = curator::datasetScores(*m_log, {}, "width-scorer", "");
    ASSERT_TRUE(any.ok());
    EXPECT_EQ(any->scored.size(), 2u);
    // Another scorer knows nothing.
    auto other = curator::datasetScores(*m_log, {}, "other-scorer", "captioner-a");
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(other->scored.empty());
    EXPECT_EQ(other->unscored.size(), 2u);
}

TEST_F(DatasetScoresTest, FollowsTheBranchAndUndoneCommits) {
    FixedCaptioner captioner("captioner-a");
    WidthScorer scorer;
    const std::string first = commit({0, 1});
    commit({2});
    ASSERT_TRUE(m_log->createBranch("side").ok());
    commit({3}, "side");
    ASSERT_TRUE(
        curator::aestheticsRate(*m_log, {item(0), item(1), item(2), item(3)}, captioner, scorer).ok());

    auto side = curator::datasetScores(*m_log, "side", "width-scorer", "captioner-a");
    ASSERT_TRUE(side.ok()) << side.error();
    EXPECT_EQ(ids(*side, true), (std::vector<std::string>{"a.png", "b.png", "c.png", "d.png"}));

    ASSERT_TRUE(m_log->undoCommit(first).ok());
    auto main = curator::datasetScores(*m_log, "main", "width-scorer", "captioner-a");
    ASSERT_TRUE(main.ok()) << main.error();
    EXPECT_EQ(ids(*main, true), (std::vector<std::string>{"c.png"}));
    EXPECT_EQ(main->datasetImages, 1u);

    auto unknown = curator::datasetScores(*m_log, "nowhere", "width-scorer", "captioner-a");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("nowhere"), std::string::npos) << unknown.error();
    auto noScorer = curator::datasetScores(*m_log, "main", "", "captioner-a");
    ASSERT_FALSE(noScorer.ok());
}

} // namespace
