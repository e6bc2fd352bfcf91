// Issue 13: what ingest and releases must not do to the user's data. Releases read image files only under
// the folders ingest registered; writers of one source take turns; the catalog follows the matrix.
#include "dataset/curationlog.h"
#include "ingest/ingest.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "store/sourcelock.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sys/stat.h>
#include <thread>

namespace {

namespace fs = std::filesystem;
using namespace curator;

// The mean colour and size of an image: deterministic, thread-safe (no state).
class MeanColourEmbedder final : public Embedder {
public:
    std::string modelName() const override { return "test-mean-colour"; }
    size_t dimension() const override { return 4; }
    Result<TextEmbedding> embedText(const std::string&) override { return makeError("no text side"); }
    Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) override {
        std::vector<std::vector<float>> vectors;
        for (const auto& image : images) {
            std::vector<float> v(4, 0.05f);
            for (size_t i = 0; i < image.pixels.size(); ++i) {
                v[i % 3] += image.pixels[i] / 255.0f;
            }
            v[3] += static_cast<float>(image.width);
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
};

class DataSafetyTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-safety-" + std::to_string(std::random_device{}()));
        m_workspace = m_root / "ws";
        fs::create_directories(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }

    static void writeImage(const fs::path& path, int seed) {
        fs::create_directories(path.parent_path());
        cv::Mat image(24 + seed % 7, 32, CV_8UC3,
                      cv::Scalar(seed * 20 % 255, seed * 50 % 255, seed * 80 % 255));
        ASSERT_TRUE(cv::imwrite(path.string(), image));
    }

    IngestRequest request(const fs::path& images, const std::string& source = "photos") const {
        IngestRequest request;
        request.workspaceDirectory = m_workspace.string();
        request.source = source;
        request.imagesDirectory = images.string();
        request.batchSize = 4;
        request.checkpointRows = 5;
        request.threads = 1;
        request.thumbnails = false;
        return request;
    }

    // Commits every row of the source's matrix and writes a release with its images.
    Result<ReleaseReport> commitAllAndRelease(const std::string& tag) {
        auto store = EmbeddingStore::open(m_workspace.string());
        EXPECT_TRUE(store.ok());
        const EmbeddingMatrix* matrix = store->find("photos", "test-mean-colour");
        EXPECT_NE(matrix, nullptr);
        auto identities = readRowIdentities(*matrix);
        EXPECT_TRUE(identities.ok());
        CommitRequest commit;
        commit.query = "everything";
        commit.sources = {"photos"};
        for (const auto& identity : *identities) {
            commit.images.push_back({"photos", identity.id, identity.path, identity.caption, 0, 0});
        }
        auto log = CurationLog::open(m_workspace.string());
        EXPECT_TRUE(log.ok());
        EXPECT_TRUE(log->commit(commit).ok());
        return log->exportRelease(tag, true);
    }

    fs::path m_root, m_workspace;
};

// Issue 13.1: ingest registers its folder; a symlink in it that leads out is refused; what is copied is a
// copy (another inode), so editing the source later leaves the release as it was.
TEST_F(DataSafetyTest, AReleaseCopiesOnlyFilesUnderTheIngestedFolder) {
    const fs::path images = m_root / "images";
    writeImage(images / "a.png", 1);
    writeImage(images / "sub" / "b.png", 2);
    writeImage(m_root / "private" / "secret.png", 3);
    fs::create_symlink(m_root / "private" / "secret.png", images / "link.png");
    MeanColourEmbedder embedder;
    auto ingested = ingestImages(request(images), embedder);
    ASSERT_TRUE(ingested.ok()) << ingested.error();
    ASSERT_EQ(ingested->ingested, 3u);
    {
        auto log = CurationLog::open(m_workspace.string());
        ASSERT_TRUE(log.ok());
        auto roots = log->imageRoots();
        ASSERT_TRUE(roots.ok());
        ASSERT_EQ(roots->size(), 1u);
        EXPECT_EQ((*roots)[0].path, fs::canonical(images).string());
        EXPECT_EQ((*roots)[0].origin, "ingest:photos");
    }

    auto release = commitAllAndRelease("r1");
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->imagesCopied, 2u);
    EXPECT_EQ(release->imagesRefused, 1u);
    const fs::path copies = m_workspace / "exports" / "r1" / "images" / "photos";
    EXPECT_FALSE(fs::exists(copies / "link.png"));
    ASSERT_TRUE(fs::exists(copies / "a.png"));
    struct stat source {
    }, copy{};
    ASSERT_EQ(::stat((images / "a.png").c_str(), &source), 0);
    ASSERT_EQ(::stat((copies / "a.png").c_str(), &copy), 0);
    EXPECT_FALSE(source.st_dev == copy.st_dev && source.st_ino == copy.st_ino) << "a hard link";
    const auto before = fs::file_size(copies / "a.png");
    std::ofstream(images / "a.png", std::ios::trunc) << "edited";
    EXPECT_EQ(fs::file_size(copies / "a.png"), before);
}

// Issue 13.2: two writers of one source at once lost rows silently (both read meta.json's row count,
// both wrote their rows after it). Now they take turns and every row is kept.
TEST_F(DataSafetyTest, ConcurrentAppendsToOneSourceKeepEveryRow) {
    constexpr size_t kAppends = 40;
    constexpr size_t kRows = 3;
    std::vector<std::string> errors(2);
    auto writer = [&](int thread) {
        for (size_t append = 0; append < kAppends; ++append) {
            std::vector<RowIdentity> identities(kRows);
            std::vector<float> rows;
            for (size_t row = 0; row < kRows; ++row) {
                identities[row].id =
                    "t" + std::to_string(thread) + "-" + std::to_string(append * kRows + row);
                rows.insert(rows.end(), {0.5f, 0.5f, 0.5f, 0.5f});
            }
            auto appended = appendEmbeddings(m_workspace.string(), "photos", "m", 4, StorageType::Float32,
                                             identities, rows);
            if (!appended) {
                errors[thread] = appended.error();
                return;
            }
        }
    };
    std::thread first(writer, 0);
    std::thread second(writer, 1);
    first.join();
    second.join();
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    auto store = EmbeddingStore::open(m_workspace.string());
    ASSERT_TRUE(store.ok()) << store.error();
    ASSERT_EQ(store->matrices().size(), 1u) << "one matrix, not one per writer";
    const EmbeddingMatrix* matrix = store->find("photos", "m");
    ASSERT_NE(matrix, nullptr);
    ASSERT_EQ(matrix->rows(), 2 * kAppends * kRows);
    std::set<std::string> ids;
    for (size_t row = 0; row < matrix->rows(); ++row) {
        ids.insert(std::string(matrix->id(row)));
    }
    EXPECT_EQ(ids.size(), 2 * kAppends * kRows);
    auto identities = readRowIdentities(*matrix);
    ASSERT_TRUE(identities.ok()) << identities.error();
    for (size_t row = 0; row < matrix->rows(); ++row) {
        EXPECT_EQ((*identities)[row].id, matrix->id(row));
    }
}

// Two ingests of different folders into one source at once: every image ends up in the matrix and the
// catalog.
TEST_F(DataSafetyTest, ConcurrentIngestsIntoOneSourceKeepEveryImage) {
    constexpr int kImages = 30;
    for (int i = 0; i < kImages; ++i) {
        writeImage(m_root / "first" / ("a" + std::to_string(i) + ".png"), i);
        writeImage(m_root / "second" / ("b" + std::to_string(i) + ".png"), i + 100);
    }
    std::vector<std::string> errors(2);
    std::vector<size_t> ingested(2, 0);
    auto ingest = [&](int thread, const fs::path& folder) {
        MeanColourEmbedder embedder;
        auto report = ingestImages(request(folder), embedder);
        if (!report) {
            errors[thread] = report.error();
        } else {
            ingested[thread] = report->ingested;
        }
    };
    std::thread first(ingest, 0, m_root / "first");
    std::thread second(ingest, 1, m_root / "second");
    first.join();
    second.join();
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    EXPECT_EQ(ingested[0], size_t(kImages));
    EXPECT_EQ(ingested[1], size_t(kImages));
    auto store = EmbeddingStore::open(m_workspace.string());
    ASSERT_TRUE(store.ok()) << store.error();
    ASSERT_EQ(store->matrices().size(), 1u);
    EXPECT_EQ(store->matrices()[0]->rows(), size_t(2 * kImages));
    auto log = CurationLog::open(m_workspace.string());
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(*log->catalogSize(), size_t(2 * kImages));
}

// A second writer waits for the first, says so once, and then appends.
TEST_F(DataSafetyTest, ASecondWriterWaitsForTheLockAndSaysWhy) {
    auto held = SourceWriteLock::acquire(m_workspace.string(), "photos");
    ASSERT_TRUE(held.ok()) << held.error();
    std::atomic<bool> done{false};
    std::vector<std::string> notices;
    std::string error;
    std::thread writer([&] {
        std::vector<RowIdentity> identities(1);
        identities[0].id = "x";
        auto appended =
            appendEmbeddings(m_workspace.string(), "photos", "m", 2, StorageType::Float32, identities,
                             {1.0f, 0.0f}, [&](const std::string& message) { notices.push_back(message); });
        error = appended ? "" : appended.error();
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(done) << "appended while another writer held the source";
    { auto released = std::move(*held); }
    writer.join();
    EXPECT_EQ(error, "");
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("waiting for another writer of source 'photos'"), std::string::npos)
        << notices[0];
    auto store = EmbeddingStore::open(m_workspace.string());
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->find("photos", "m")->rows(), 1u);
}

// Issue 13.4: a run killed right after the matrix's meta.json was renamed, before the catalog step, left
// a matrix the catalog knew nothing of, for good: resume said "already there". Simulated by removing the
// catalog rows after a full ingest; resuming puts them back and a release finds the images.
TEST_F(DataSafetyTest, ResumeRepairsTheCatalogFromTheMatrix) {
    const fs::path images = m_root / "images";
    for (int i = 0; i < 6; ++i) {
        writeImage(images / ("img" + std::to_string(i) + ".png"), i);
    }
    std::ofstream(images / "captions.jsonl") << R"({"file": "img0.png", "caption": "a dark square"})"
                                             << "\n";
    MeanColourEmbedder embedder;
    ASSERT_TRUE(ingestImages(request(images), embedder).ok());
    {
        auto log = CurationLog::open(m_workspace.string());
        ASSERT_TRUE(log.ok());
        ASSERT_TRUE(log->database().execute("DELETE FROM images").ok());
        ASSERT_EQ(*log->catalogSize(), 0u);
    }

    auto resumed = ingestImages(request(images), embedder);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    EXPECT_EQ(resumed->alreadyIngested, 6u);
    EXPECT_EQ(resumed->ingested, 0u);
    EXPECT_EQ(resumed->catalogRepaired, 6u);
    auto log = CurationLog::open(m_workspace.string());
    ASSERT_TRUE(log.ok());
    EXPECT_EQ(*log->catalogSize(), 6u);

    // The repaired rows carry their paths and captions: a release finds every image.
    auto release = commitAllAndRelease("r1");
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->images, 6u);
    EXPECT_EQ(release->imagesMissing, 0u);
    EXPECT_EQ(release->imagesCopied, 6u);
    auto dataset = log->datasetImages();
    ASSERT_TRUE(dataset.ok());
    bool captioned = false;
    for (const auto& image : *dataset) {
        EXPECT_FALSE(image.path.empty()) << image.name;
        captioned = captioned || (image.name == "img0.png" && image.caption == "a dark square");
    }
    EXPECT_TRUE(captioned);

    // A complete catalog is not touched again.
    auto again = ingestImages(request(images), embedder);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->catalogRepaired, 0u);
}

} // namespace
