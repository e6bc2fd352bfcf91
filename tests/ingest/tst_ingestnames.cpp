// Issue 13, item 8: ingest of files whose names are not clean text (valid UTF-8 without control
// characters). Such a file is skipped and reported by its escaped name; the rest of the folder is ingested,
// and a second run does the same (before, a name that was not UTF-8 aborted every run, and a newline in a
// name failed the whole folder).
#include "common/nametext.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"
#include "ingest/ingest.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <random>

namespace {

namespace fs = std::filesystem;
using namespace curator;

// The mean colour of an image.
class MeanColourEmbedder final : public Embedder {
public:
    std::string modelName() const override { return "test-mean-colour"; }
    size_t dimension() const override { return 3; }
    Result<TextEmbedding> embedText(const std::string&) override { return makeError("no text side"); }
    Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) override {
        std::vector<std::vector<float>> vectors;
        for (const auto& image : images) {
            std::vector<float> v(3, 0.05f);
            for (size_t i = 0; i < image.pixels.size(); ++i) {
                v[i % 3] += image.pixels[i] / 255.0f;
            }
            const float norm = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (float& x : v) {
                x /= norm;
            }
            vectors.push_back(v);
        }
        return vectors;
    }
};

class IngestNamesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-names-" + std::to_string(std::random_device{}()));
        m_images = m_root / "images";
        m_workspace = m_root / "ws";
        fs::create_directories(m_images);
    }
    void TearDown() override { fs::remove_all(m_root); }

    static void writeImage(const fs::path& path, int seed) {
        fs::create_directories(path.parent_path());
        const cv::Mat image(20, 30, CV_8UC3, cv::Scalar(seed * 40 % 255, seed * 70 % 255, 90));
        std::vector<uchar> bytes;
        ASSERT_TRUE(cv::imencode(".png", image, bytes));
        // Written by bytes: OpenCV's imwrite would have to accept the odd name too.
        std::FILE* file = std::fopen(path.c_str(), "wb");
        ASSERT_NE(file, nullptr) << path;
        ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), file), bytes.size());
        std::fclose(file);
    }

    IngestRequest request(const fs::path& images) const {
        IngestRequest request;
        request.workspaceDirectory = m_workspace.string();
        request.source = "photos";
        request.imagesDirectory = images.string();
        request.threads = 1;
        return request;
    }

    size_t storedRows() const {
        auto store = EmbeddingStore::open(m_workspace.string());
        EXPECT_TRUE(store.ok()) << store.error();
        const EmbeddingMatrix* matrix = store.ok() ? store->find("photos", "test-mean-colour") : nullptr;
        return matrix ? matrix->rows() : 0;
    }

    fs::path m_root, m_images, m_workspace;
};

// The failures of a report whose path holds `part`.
size_t failuresNaming(const IngestReport& report, const std::string& part) {
    size_t count = 0;
    for (const auto& failure : report.failures) {
        count += failure.path.find(part) != std::string::npos ? 1 : 0;
    }
    return count;
}

} // namespace

TEST_F(IngestNamesTest, aFileNameThatIsNotUtf8IsSkippedAndReportedEscapedOnEveryRun) {
    writeImage(m_images / "good.png", 1);
    writeImage(m_images / "bad\xFF\xFE.png", 2);
    writeImage(m_images / "odd\xC3" / "inside.png", 3); // a folder whose name is cut mid-character
    MeanColourEmbedder embedder;
    for (int run = 0; run < 2; ++run) {
        auto report = ingestImages(request(m_images), embedder);
        ASSERT_TRUE(report.ok()) << report.error();
        EXPECT_EQ(report->ingested + report->alreadyIngested, 1u) << "run " << run;
        ASSERT_EQ(report->failures.size(), 2u) << "run " << run;
        EXPECT_EQ(failuresNaming(*report, "bad\\xFF\\xFE.png"), 1u);
        EXPECT_EQ(failuresNaming(*report, "odd\\xC3/inside.png"), 1u);
        for (const auto& failure : report->failures) {
            EXPECT_TRUE(isCleanText(failure.path)) << failure.path;
            EXPECT_TRUE(isValidUtf8(failure.message)) << failure.message;
            EXPECT_NE(failure.message.find("not valid UTF-8"), std::string::npos) << failure.message;
        }
    }
    EXPECT_EQ(storedRows(), 1u);
    auto log = CurationLog::open(m_workspace.string());
    ASSERT_TRUE(log.ok()) << log.error();
    EXPECT_EQ(*log->catalogSize(), 1u);
}

TEST_F(IngestNamesTest, aNewlineInAFileNameSkipsThatFileOnly) {
    for (int i = 0; i < 5; ++i) {
        writeImage(m_images / ("img" + std::to_string(i) + ".png"), i);
    }
    writeImage(m_images / "two\nlines.png", 9);
    writeImage(m_images / "tab\there.png", 8);
    MeanColourEmbedder embedder;
    auto report = ingestImages(request(m_images), embedder);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->ingested, 5u);
    ASSERT_EQ(report->failures.size(), 2u);
    EXPECT_EQ(failuresNaming(*report, "two\\nlines.png"), 1u);
    EXPECT_EQ(failuresNaming(*report, "tab\\there.png"), 1u);
    EXPECT_NE(report->failures[0].message.find("control character"), std::string::npos);
    EXPECT_EQ(storedRows(), 5u);
}

// Every stored path starts with the folder's: a folder whose own path is not clean text is refused as a
// whole, by its escaped name.
TEST_F(IngestNamesTest, aFolderWhosePathIsNotCleanTextIsRefusedByName) {
    const fs::path folder = m_root / "pictures\xFF";
    writeImage(folder / "a.png", 1);
    MeanColourEmbedder embedder;
    auto report = ingestImages(request(folder), embedder);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("pictures\\xFF"), std::string::npos) << report.error();
    EXPECT_TRUE(isValidUtf8(report.error()));
    EXPECT_FALSE(fs::exists(m_workspace / "embeddings"));
}
