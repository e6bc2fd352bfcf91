// Issue 13: what ingest and releases must not do to the user's data. Releases read image files only under
// the folders ingest registered; writers of one source take turns; the catalog follows the matrix.
#include "dataset/curationlog.h"
#include "ingest/ingest.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/stat.h>

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

} // namespace
