#include "dataset/curationlog.h"
#include "ingest/ingest.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

namespace fs = std::filesystem;

// A deterministic embedder for testing ingest mechanics: mean colour, size and a brightness histogram.
class ColourStatisticsEmbedder final : public curator::Embedder {
public:
    std::string modelName() const override { return "test-colour-stats"; }
    size_t dimension() const override { return 8; }
    curator::Result<curator::TextEmbedding> embedText(const std::string&) override {
        return curator::makeError("the test embedder has no text side");
    }
    curator::Result<std::vector<std::vector<float>>>
    embedImages(const std::vector<curator::RgbImage>& images) override {
        ++calls;
        std::vector<std::vector<float>> vectors;
        for (const auto& image : images) {
            std::vector<float> v(8, 0.01f);
            for (size_t i = 0; i < image.pixels.size(); ++i) {
                v[i % 3] += image.pixels[i] / 255.0f;
                v[3 + image.pixels[i] / 64] += 1.0f;
            }
            v[7] = static_cast<float>(image.width) / static_cast<float>(image.height);
            double norm = 0;
            for (float x : v) {
                norm += static_cast<double>(x) * x;
            }
            for (float& x : v) {
                x = static_cast<float>(x / std::sqrt(norm));
            }
            vectors.push_back(v);
        }
        return vectors;
    }
    int calls = 0;
};

class IngestTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-ingest-" + std::to_string(std::random_device{}()));
        m_images = m_root / "images";
        m_workspace = m_root / "ws";
        fs::create_directories(m_images / "sub");
    }
    void TearDown() override { fs::remove_all(m_root); }

    void writeImage(const std::string& relative, int width, int height, int seed) {
        cv::Mat image(height, width, CV_8UC3, cv::Scalar(seed * 20 % 255, seed * 50 % 255, seed * 80 % 255));
        cv::circle(image, {width / 2, height / 2}, std::min(width, height) / 4, cv::Scalar(255, 255, 255),
                   -1);
        ASSERT_TRUE(cv::imwrite((m_images / relative).string(), image));
    }

    curator::IngestRequest request() const {
        curator::IngestRequest request;
        request.workspaceDirectory = m_workspace.string();
        request.source = "photos";
        request.imagesDirectory = m_images.string();
        request.batchSize = 4;
        request.checkpointRows = 5;
        return request;
    }

    fs::path m_root, m_images, m_workspace;
};

TEST_F(IngestTest, IngestsImagesReportsCorruptOnesAndResumes) {
    for (int i = 0; i < 9; ++i) {
        writeImage((i % 2 ? "sub/" : "") + std::string("img") + std::to_string(i) + (i % 3 ? ".png" : ".jpg"),
                   64 + i, 48, i);
    }
    std::ofstream(m_images / "broken.jpg") << "this is not a jpeg";
    std::ofstream(m_images / "notes.txt") << "ignored";
    std::ofstream(m_images / "captions.jsonl")
        << R"({"file": "img0.jpg", "caption": "A grey square with a white disc."})"
        << "\n";

    ColourStatisticsEmbedder embedder;
    std::vector<curator::IngestProgress> updates;
    auto report = curator::ingestImages(request(), embedder, [&](const curator::IngestProgress& progress) {
        updates.push_back(progress);
        return true;
    });
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->found, 10u);
    EXPECT_EQ(report->ingested, 9u);
    ASSERT_EQ(report->failures.size(), 1u);
    EXPECT_NE(report->failures[0].path.find("broken.jpg"), std::string::npos);
    EXPECT_NE(report->failures[0].message.find("broken.jpg"), std::string::npos);
    ASSERT_FALSE(updates.empty());
    EXPECT_EQ(updates.back().done, updates.back().total);

    auto store = curator::EmbeddingStore::open(m_workspace.string());
    ASSERT_TRUE(store.ok()) << store.error();
    const curator::EmbeddingMatrix* matrix = store->find("photos", "test-colour-stats");
    ASSERT_NE(matrix, nullptr);
    EXPECT_EQ(matrix->rows(), 9u);
    EXPECT_TRUE(matrix->findRow("sub/img1.png").has_value());
    auto identities = curator::readRowIdentities(*matrix);
    ASSERT_TRUE(identities.ok());
    bool captioned = false;
    for (const auto& identity : *identities) {
        captioned = captioned ||
                    (identity.id == "img0.jpg" && identity.caption == "A grey square with a white disc.");
        EXPECT_GT(identity.fileSize, 0);
    }
    EXPECT_TRUE(captioned);
    EXPECT_TRUE(fs::exists(curator::thumbnailPath(m_workspace.string(), "photos", "sub/img1.png")));

    // The catalog knows the images with their sizes.
    auto log = curator::CurationLog::open(m_workspace.string());
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(*log->catalogSize(), 9u);

    // A second run skips everything it has; a new file is the only one embedded.
    auto again = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(again->alreadyIngested, 9u);
    EXPECT_EQ(again->ingested, 0u);
    writeImage("new.png", 32, 32, 42);
    auto third = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(third.ok()) << third.error();
    EXPECT_EQ(third->ingested, 1u);
    EXPECT_EQ(third->alreadyIngested, 9u);
}

TEST_F(IngestTest, CancelKeepsWhatWasEmbeddedAndALaterRunResumes) {
    for (int i = 0; i < 12; ++i) {
        writeImage("img" + std::to_string(i) + ".png", 40, 40, i);
    }
    ColourStatisticsEmbedder embedder;
    auto first = curator::ingestImages(request(), embedder, [](const curator::IngestProgress& progress) {
        return progress.done < 4; // cancel after the first batch
    });
    ASSERT_TRUE(first.ok()) << first.error();
    EXPECT_TRUE(first->cancelled);
    EXPECT_EQ(first->ingested, 4u);
    auto second = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(second.ok()) << second.error();
    EXPECT_EQ(second->alreadyIngested, 4u);
    EXPECT_EQ(second->ingested, 8u);
}

TEST_F(IngestTest, AnInterruptedAppendLeavesTheMatrixAsCommitted) {
    for (int i = 0; i < 6; ++i) {
        writeImage("img" + std::to_string(i) + ".png", 40, 40, i);
    }
    ColourStatisticsEmbedder embedder;
    ASSERT_TRUE(curator::ingestImages(request(), embedder).ok());
    auto store = curator::EmbeddingStore::open(m_workspace.string());
    const std::string directory = store->find("photos", "test-colour-stats")->directory();
    // What a crash between writing rows and committing meta.json leaves: bytes past the committed rows.
    std::ofstream(fs::path(directory) / "matrix.f16", std::ios::app) << std::string(16 * 3, 'x');
    std::ofstream(fs::path(directory) / "ids.txt", std::ios::app) << "ghost\n";
    auto reopened = curator::EmbeddingStore::open(m_workspace.string());
    ASSERT_TRUE(reopened.ok()) << reopened.error();
    EXPECT_EQ(reopened->find("photos", "test-colour-stats")->rows(), 6u);

    writeImage("late.png", 40, 40, 99);
    auto more = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(more.ok()) << more.error();
    EXPECT_EQ(more->ingested, 1u);
    auto after = curator::EmbeddingStore::open(m_workspace.string());
    const curator::EmbeddingMatrix* matrix = after->find("photos", "test-colour-stats");
    ASSERT_EQ(matrix->rows(), 7u);
    EXPECT_EQ(matrix->id(6), "late.png");
    EXPECT_EQ(fs::file_size(fs::path(directory) / "matrix.f16"), 7u * 8u * 2u);
    std::vector<float> row(8);
    matrix->readRow(6, row.data());
    double norm = 0;
    for (float x : row) {
        norm += static_cast<double>(x) * x;
    }
    EXPECT_NEAR(norm, 1.0, 1e-2);
}

TEST_F(IngestTest, RefusesAMissingDirectory) {
    ColourStatisticsEmbedder embedder;
    auto r = request();
    r.imagesDirectory = (m_root / "absent").string();
    auto report = curator::ingestImages(r, embedder);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("absent"), std::string::npos);
}

TEST_F(IngestTest, AThumbnailThatCannotBeWrittenFailsItsFileWhichALaterRunIngests) {
    for (int i = 0; i < 5; ++i) {
        writeImage((i % 2 ? "sub/" : "") + std::string("img") + std::to_string(i) + ".png", 40, 40, i);
    }
    // A file where the thumbnails' directory should be: no thumbnail can be written, whoever runs this.
    fs::create_directories(m_workspace);
    std::ofstream(m_workspace / "thumbs") << "in the way";
    ColourStatisticsEmbedder embedder;
    auto report = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->ingested, 0u);
    ASSERT_EQ(report->failures.size(), 5u);
    for (const auto& failure : report->failures) {
        EXPECT_NE(failure.message.find("thumbnail " + (m_workspace / "thumbs").string()), std::string::npos)
            << failure.message;
        EXPECT_NE(failure.message.find("cannot create its directory"), std::string::npos) << failure.message;
    }

    // Nothing was stored for them, so once the thumbnails can be written they are ingested.
    fs::remove(m_workspace / "thumbs");
    auto again = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(again->ingested, 5u);
    EXPECT_TRUE(again->failures.empty());
    EXPECT_TRUE(fs::exists(curator::thumbnailPath(m_workspace.string(), "photos", "sub/img1.png")));
}

TEST_F(IngestTest, AReadOnlyThumbnailDirectoryIsReportedPerFile) {
    writeImage("top.png", 40, 40, 1);
    writeImage("sub/nested.png", 40, 40, 2);
    const fs::path thumbs = m_workspace / "thumbs" / "photos";
    fs::create_directories(thumbs);
    fs::permissions(thumbs, fs::perms::owner_read | fs::perms::owner_exec);
    if (std::ofstream(thumbs / "probe")) {
        fs::remove(thumbs / "probe");
        fs::permissions(thumbs, fs::perms::owner_all);
        GTEST_SKIP() << "permissions do not apply to this user (root)";
    }
    ColourStatisticsEmbedder embedder;
    auto report = curator::ingestImages(request(), embedder);
    fs::permissions(thumbs, fs::perms::owner_all);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->ingested, 0u);
    ASSERT_EQ(report->failures.size(), 2u);
    std::sort(report->failures.begin(), report->failures.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    EXPECT_NE(report->failures[0].message.find("cannot create its directory"), std::string::npos)
        << report->failures[0].message; // sub/nested.png
    EXPECT_NE(report->failures[1].message.find("top.png.jpg: cannot write it"), std::string::npos)
        << report->failures[1].message;
}

TEST_F(IngestTest, AOnePixelStripGetsAThumbnail) {
    // OpenCV's resize threw on it (it scaled to zero pixels), which ended the process from a worker.
    cv::Mat strip(3000, 1, CV_8UC3, cv::Scalar(10, 200, 30));
    ASSERT_TRUE(cv::imwrite((m_images / "strip.png").string(), strip));
    writeImage("square.png", 40, 40, 3);
    ColourStatisticsEmbedder embedder;
    auto report = curator::ingestImages(request(), embedder);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->ingested, 2u);
    EXPECT_TRUE(report->failures.empty());
    const cv::Mat thumbnail =
        cv::imread(curator::thumbnailPath(m_workspace.string(), "photos", "strip.png"), cv::IMREAD_COLOR);
    ASSERT_FALSE(thumbnail.empty());
    EXPECT_EQ(thumbnail.cols, 1);
    EXPECT_EQ(thumbnail.rows, 256);
}

} // namespace
