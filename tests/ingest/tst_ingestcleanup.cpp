// Issue 13.18: an ingest that fails leaves no thumbnail of an image it did not store.
#include "ingest/ingest.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <random>

namespace {

namespace fs = std::filesystem;

// Embeds `goodCalls` batches (a constant direction per image), then fails like an endpoint gone away.
class FailingEmbedder final : public curator::Embedder {
public:
    explicit FailingEmbedder(int goodCalls)
        : m_goodCalls(goodCalls) {}
    std::string modelName() const override { return "test-failing"; }
    size_t dimension() const override { return 4; }
    curator::Result<curator::TextEmbedding> embedText(const std::string&) override {
        return curator::makeError("no text side");
    }
    curator::Result<std::vector<std::vector<float>>>
    embedImages(const std::vector<curator::RgbImage>& images) override {
        if (m_calls++ >= m_goodCalls) {
            return curator::makeError("the endpoint went away");
        }
        return std::vector<std::vector<float>>(images.size(), {0.5f, 0.5f, 0.5f, 0.5f});
    }

private:
    int m_goodCalls;
    int m_calls = 0;
};

size_t filesUnder(const fs::path& directory) {
    size_t files = 0;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(directory, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
        files += it->is_regular_file() ? 1 : 0;
    }
    return files;
}

class IngestCleanupTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root =
            fs::temp_directory_path() / ("curator-ingest-cleanup-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_root / "images");
        for (int i = 0; i < 8; ++i) {
            const cv::Mat image(24, 32, CV_8UC3, cv::Scalar(i * 30, 255 - i * 30, 90));
            ASSERT_TRUE(
                cv::imwrite((m_root / "images" / ("image" + std::to_string(i) + ".png")).string(), image));
        }
    }
    void TearDown() override { fs::remove_all(m_root); }

    curator::IngestRequest request() const {
        curator::IngestRequest request;
        request.workspaceDirectory = (m_root / "ws").string();
        request.source = "photos";
        request.imagesDirectory = (m_root / "images").string();
        request.batchSize = 4;
        request.checkpointRows = 100;
        return request;
    }

    fs::path thumbnails() const { return m_root / "ws" / "thumbs" / "photos"; }

    fs::path m_root;
};

TEST_F(IngestCleanupTest, AFailedEmbeddingLeavesNoThumbnailOfWhatWasNotStored) {
    FailingEmbedder failing(0);
    auto report = curator::ingestImages(request(), failing);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(filesUnder(thumbnails()), 0u) << "thumbnails of images that were never stored";
}

TEST_F(IngestCleanupTest, TheThumbnailsOfStoredRowsStayAndOnlyThose) {
    // The first batch is embedded (kept, and stored when the second one fails); the second is not.
    FailingEmbedder failing(1);
    auto report = curator::ingestImages(request(), failing);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("4 images were stored"), std::string::npos) << report.error();
    EXPECT_EQ(filesUnder(thumbnails()), 4u);
    auto store = curator::EmbeddingStore::open((m_root / "ws").string());
    ASSERT_TRUE(store.ok()) << store.error();
    const auto* matrix = store->find("photos", "test-failing");
    ASSERT_NE(matrix, nullptr);
    for (size_t row = 0; row < matrix->rows(); ++row) {
        EXPECT_TRUE(fs::exists(
            curator::thumbnailPath((m_root / "ws").string(), "photos", std::string(matrix->id(row)))))
            << matrix->id(row);
    }
}

} // namespace
