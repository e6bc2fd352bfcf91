#include "dataset/curationlog.h"
#include "models/builtinscorer.h"
#include "rating/aestheticsrate.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;
using curator::RateItem;

// Test doubles that count their calls, so the caches can be seen working.
class CountingCaptioner final : public curator::Captioner {
public:
    std::string modelName() const override { return "counting-captioner"; }
    curator::Result<std::string> caption(const curator::RgbImage& image, const std::string& path) override {
        ++calls;
        if (path.find("uncaptionable") != std::string::npos) {
            return curator::makeError(path + ": the captioner refused");
        }
        return "An image of " + std::to_string(image.width) + " by " + std::to_string(image.height) +
               " pixels.";
    }
    int calls = 0;
};

class CountingScorer final : public curator::Scorer {
public:
    std::string modelName() const override { return "counting-scorer"; }
    curator::ScoreRange range() const override { return {0, 10}; }
    curator::Result<std::vector<double>> score(const std::vector<curator::RgbImage>& images,
                                               const std::vector<std::string>& captions) override {
        ++calls;
        std::vector<double> scores;
        for (size_t i = 0; i < images.size(); ++i) {
            scores.push_back(static_cast<double>(captions[i].size() % 10) + images[i].width / 1000.0);
        }
        return scores;
    }
    int calls = 0;
};

class RateTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-rate-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }

    RateItem image(const std::string& name, int width, const std::string& caption = {}) {
        const fs::path path = m_root / name;
        cv::imwrite(path.string(), cv::Mat(32, width, CV_8UC3, cv::Scalar(40, 120, 200)));
        return {"photos", name, path.string(), caption};
    }

    fs::path m_root;
};

TEST(FixedBinHistogram, UsesTheScorersRangeWhateverTheBatch) {
    const auto low = curator::fixedBinHistogram({1.0, 1.2, 2.9}, {0, 15}, 5);
    const auto high = curator::fixedBinHistogram({12.0, 14.9, 15.0, 20.0, -3.0}, {0, 15}, 5);
    EXPECT_EQ(low.edges, high.edges);
    EXPECT_EQ(low.edges, (std::vector<double>{0, 3, 6, 9, 12, 15}));
    EXPECT_EQ(low.counts, (std::vector<size_t>{3, 0, 0, 0, 0}));
    EXPECT_EQ(high.counts, (std::vector<size_t>{1, 0, 0, 0, 4})); // out-of-range scores land in the end bins
    EXPECT_NEAR(low.mean, (1.0 + 1.2 + 2.9) / 3, 1e-12);
    EXPECT_DOUBLE_EQ(low.median, 1.2);
    EXPECT_DOUBLE_EQ(high.minimum, -3.0);
    EXPECT_NE(curator::formatHistogram(low).find("median=1.20"), std::string::npos);
}

TEST_F(RateTest, CaptionsThenScoresWithCachesAndReportsEveryScoreWithItsId) {
    auto log = curator::CurationLog::open((m_root / "ws").string());
    ASSERT_TRUE(log.ok()) << log.error();
    CountingCaptioner captioner;
    CountingScorer scorer;
    const std::vector<RateItem> items = {image("a.png", 40), image("b.png", 50, "A sidecar caption."),
                                         image("c.png", 60)};
    auto first = curator::aestheticsRate(*log, items, captioner, scorer);
    ASSERT_TRUE(first.ok()) << first.error();
    ASSERT_EQ(first->rated.size(), 3u);
    EXPECT_EQ(first->rated[1].id, "b.png");
    EXPECT_EQ(first->rated[1].caption, "A sidecar caption.");
    EXPECT_EQ(first->captionsFromSidecar, 1u);
    EXPECT_EQ(first->captionsFromCaptioner, 2u);
    EXPECT_EQ(captioner.calls, 2);
    EXPECT_EQ(scorer.calls, 3);
    EXPECT_EQ(first->histogram.count, 3u);
    EXPECT_EQ(first->histogram.edges.front(), 0.0);
    EXPECT_EQ(first->histogram.edges.back(), 10.0);

    // Everything comes from the caches the second time, in a fresh connection.
    auto reopened = curator::CurationLog::open((m_root / "ws").string());
    auto second = curator::aestheticsRate(*reopened, items, captioner, scorer);
    ASSERT_TRUE(second.ok()) << second.error();
    EXPECT_EQ(captioner.calls, 2);
    EXPECT_EQ(scorer.calls, 3);
    EXPECT_EQ(second->scoresFromCache, 3u);
    EXPECT_EQ(second->captionsFromCache, 2u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(second->rated[i].score, first->rated[i].score);
    }
}

TEST_F(RateTest, AFailedCaptionIsAnErrorForThatImageNeverAPlaceholder) {
    auto log = curator::CurationLog::open((m_root / "ws").string());
    CountingCaptioner captioner;
    CountingScorer scorer;
    std::ofstream(m_root / "corrupt.jpg") << "not an image";
    const std::vector<RateItem> items = {image("fine.png", 40),
                                         image("uncaptionable.png", 40),
                                         {"photos", "corrupt.jpg", (m_root / "corrupt.jpg").string(), ""}};
    auto report = curator::aestheticsRate(*log, items, captioner, scorer);
    ASSERT_TRUE(report.ok()) << report.error();
    ASSERT_EQ(report->rated.size(), 1u);
    EXPECT_EQ(report->rated[0].id, "fine.png");
    ASSERT_EQ(report->failures.size(), 2u);
    EXPECT_NE(report->failures[0].message.find("the captioner refused"), std::string::npos);
    EXPECT_NE(report->failures[1].message.find("corrupt.jpg"), std::string::npos);
    EXPECT_EQ(scorer.calls, 1) << "no image without a real caption is scored";
}

TEST_F(RateTest, TheBuiltinProxyRatesADegradedImageBelowAClearOne) {
    auto log = curator::CurationLog::open((m_root / "ws").string());
    cv::Mat clear(256, 256, CV_8UC3);
    cv::randu(clear, cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255));
    for (int y = 0; y < 256; y += 16) {
        cv::rectangle(clear, {0, y}, {255, y + 7}, cv::Scalar(30, 160, 230), -1);
    }
    cv::Mat dark = clear * 0.08;
    cv::imwrite((m_root / "clear.png").string(), clear);
    cv::imwrite((m_root / "dark.png").string(), dark);
    CountingCaptioner captioner;
    curator::BuiltinScorer scorer;
    auto report =
        curator::aestheticsRate(*log,
                                {{"photos", "clear.png", (m_root / "clear.png").string(), "stripes"},
                                 {"photos", "dark.png", (m_root / "dark.png").string(), "dark stripes"}},
                                captioner, scorer);
    ASSERT_TRUE(report.ok()) << report.error();
    ASSERT_EQ(report->rated.size(), 2u);
    EXPECT_GT(report->rated[0].score, report->rated[1].score);
    EXPECT_EQ(report->scorer, "builtin-proxy");
}

} // namespace
