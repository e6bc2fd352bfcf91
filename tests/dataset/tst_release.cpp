#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::readText;
using datasettest::TemporaryDirectory;
namespace fs = std::filesystem;

namespace {

// Images that exist on disk, so the release can hash and copy them.
std::vector<CatalogImage> realImages(const TemporaryDirectory& directory, const std::string& source,
                                     size_t count) {
    fs::create_directories(directory.path() / "pictures" / source);
    std::vector<CatalogImage> images = makeImages(source, count);
    for (CatalogImage& image : images) {
        image.path = (directory.path() / "pictures" / source / image.name).string();
        datasettest::writeText(image.path, "pixels of " + image.name);
    }
    return images;
}

std::string listing(const fs::path& root) {
    std::string text;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        text += entry.path().string() +
                (entry.is_regular_file() ? " " + readText(entry.path().string()) : "") + "\n";
    }
    return text;
}

} // namespace

TEST(Release, WritesManifestWithHashesOfEveryFileAndRefusesTheSameTagTwice) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    CurationLog log = openLog(workspace);
    std::vector<CatalogImage> images = realImages(directory, "photos", 4);
    ASSERT_TRUE(log.addImageRoot(directory.filePath("pictures"), "user").ok());
    images.push_back({"photos", "gone.jpg", "/nonexistent/gone.jpg", "missing file", 0, 0});
    CommitRequest request = makeRequest("q", images, {"blur"});
    request.embeddingModel = "qwen3-vl-embedding-8b";
    Result<CommitOutcome> commit = log.commit(request);
    ASSERT_TRUE(commit.ok());

    ::setenv("CURATOR_TEST_SECRET_TOKEN", "sk-very-secret-value-123", 1);
    Result<ReleaseReport> release = log.exportRelease("v1.0", false);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->images, 5u);
    EXPECT_EQ(release->imagesHashed, 4u);
    EXPECT_EQ(release->imagesMissing, 1u);
    EXPECT_EQ(release->headCommit, commit->id);
    const fs::path root = fs::path(workspace) / "exports" / "v1.0";
    EXPECT_EQ(release->directory, root.string());
    for (const char* name : {"dataset.json", "manifest.json", "metadata.jsonl"}) {
        EXPECT_TRUE(fs::is_regular_file(root / name)) << name;
    }
    // No staging directory is left behind.
    size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(workspace) / "exports")) {
        (void)entry;
        ++entries;
    }
    EXPECT_EQ(entries, 1u);

    const nlohmann::json manifest = nlohmann::json::parse(readText((root / "manifest.json").string()));
    EXPECT_EQ(manifest["tag"], "v1.0");
    EXPECT_EQ(manifest["tool_version"], CURATOR_VERSION);
    EXPECT_EQ(manifest["head_commit"], commit->id);
    EXPECT_EQ(manifest["embedding_models"], nlohmann::json::array({"qwen3-vl-embedding-8b"}));
    EXPECT_TRUE(manifest["scorer"].is_null()); // no image has a cached score
    EXPECT_EQ(manifest["embedder"], "qwen3-vl-embedding-8b");
    EXPECT_EQ(manifest["counts"]["images"], 5);
    EXPECT_EQ(manifest["counts"]["by_source"]["photos"], 5);
    EXPECT_EQ(manifest["counts"]["by_tag"]["blur"], 5);
    EXPECT_FALSE(manifest["created_at"].get<std::string>().empty());
    // Every file of the release but the manifest itself is listed with its SHA-256.
    size_t listed = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().filename() == "manifest.json") {
            continue;
        }
        const std::string relative = fs::relative(entry.path(), root).string();
        ASSERT_TRUE(manifest["files"].contains(relative)) << relative;
        Result<std::string> hash = Sha256::hashFileHex(entry.path().string());
        ASSERT_TRUE(hash.ok());
        EXPECT_EQ(manifest["files"][relative], *hash) << relative;
        ++listed;
    }
    EXPECT_EQ(listed, 3u); // dataset.json, metadata.jsonl, README.md
    EXPECT_EQ(manifest["files"].size(), 3u);
    ASSERT_EQ(manifest["image_sha256"].size(), 4u);
    EXPECT_EQ(manifest["image_sha256"]["photos/img0.jpg"], Sha256::hashHex("pixels of img0.jpg"));

    // metadata.jsonl: one line per image with file_name.
    std::istringstream lines(readText((root / "metadata.jsonl").string()));
    std::string line;
    size_t count = 0;
    while (std::getline(lines, line)) {
        const nlohmann::json row = nlohmann::json::parse(line);
        EXPECT_EQ(row["file_name"].get<std::string>().rfind("images/photos/", 0), 0u);
        EXPECT_TRUE(row.contains("caption"));
        ++count;
    }
    EXPECT_EQ(count, 5u);

    // Nothing from the environment gets into a release.
    const std::string everything = listing(root);
    EXPECT_EQ(everything.find("sk-very-secret-value-123"), std::string::npos);
    EXPECT_EQ(everything.find("CURATOR_TEST_SECRET_TOKEN"), std::string::npos);
    ::unsetenv("CURATOR_TEST_SECRET_TOKEN");

    // Immutable: the same tag again is refused and the release is unchanged.
    ASSERT_TRUE(log.commit(makeRequest("more", makeImages("artwork", 2))).ok());
    Result<ReleaseReport> again = log.exportRelease("v1.0", false);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().find("'v1.0' already exists"), std::string::npos) << again.error();
    EXPECT_EQ(listing(root), everything);
    EXPECT_FALSE(log.exportRelease("../escape", false).ok());
}

TEST(Release, CopiesImagesBesideTheMetadata) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    CurationLog log = openLog(workspace);
    ASSERT_TRUE(log.commit(makeRequest("q", realImages(directory, "artwork", 3))).ok());
    ASSERT_TRUE(log.addImageRoot(directory.filePath("pictures"), "user").ok());
    Result<ReleaseReport> release = log.exportRelease("with-images", true);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->imagesCopied, 3u);
    const fs::path root = fs::path(workspace) / "exports" / "with-images";
    EXPECT_EQ(readText((root / "images/artwork/img1.jpg").string()), "pixels of img1.jpg");
    const nlohmann::json manifest = nlohmann::json::parse(readText((root / "manifest.json").string()));
    EXPECT_EQ(manifest["files"].size(), 6u);
    EXPECT_EQ(manifest["files"]["images/artwork/img2.jpg"], Sha256::hashHex("pixels of img2.jpg"));
}

// Issue 13.1: an imported path is data, not permission. An original-format entry naming a file outside
// every image root (standing in for /etc/shadow) is neither hashed nor copied, and the manifest says why.
TEST(Release, RefusesImportedPathsOutsideTheImageRoots) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    const std::string secret = directory.filePath("elsewhere/shadow");
    fs::create_directories(directory.path() / "elsewhere");
    datasettest::writeText(secret, "root:$6$secret-hash:19000:0:99999:7:::");
    const std::string imported = directory.filePath("imported.json");
    datasettest::writeText(imported, R"({"c9": {"query": "q", "dataset": "photos", "threshold": 0.3,
        "negative_prompts": [], "negative_threshold": 0.3, "message": "m", "images": [")" +
                                         secret + R"("], "size": 1}})");
    CurationLog log = openLog(workspace);
    ASSERT_TRUE(log.importDataset(imported).ok());
    // Even with a root registered, a file outside it stays out.
    fs::create_directories(directory.path() / "pictures");
    ASSERT_TRUE(log.addImageRoot(directory.filePath("pictures"), "user").ok());

    Result<ReleaseReport> release = log.exportRelease("r1", true);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->images, 1u);
    EXPECT_EQ(release->imagesRefused, 1u);
    EXPECT_EQ(release->imagesCopied, 0u);
    EXPECT_EQ(release->imagesHashed, 0u);
    ASSERT_EQ(release->refusedSample.size(), 1u);
    EXPECT_NE(release->refusedSample[0].find(secret), std::string::npos);
    const fs::path root = fs::path(workspace) / "exports" / "r1";
    EXPECT_FALSE(fs::exists(root / "images"));
    EXPECT_EQ(listing(root).find("secret-hash"), std::string::npos);
    const nlohmann::json manifest = nlohmann::json::parse(readText((root / "manifest.json").string()));
    EXPECT_EQ(manifest["counts"]["images_refused"], 1);
    EXPECT_TRUE(manifest["image_sha256"].empty());
    ASSERT_EQ(manifest["refused_images"].size(), 1u);
    // The release names the refused path by its hash only: it may hold a home folder.
    EXPECT_EQ(manifest["refused_images"][0]["path_sha256"], Sha256::hashHex(secret));
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            EXPECT_EQ(readText(entry.path().string()).find(directory.path().string()), std::string::npos)
                << entry.path();
        }
    }
    EXPECT_EQ(manifest["refused_images"][0]["reason"], kNotUnderImageRoot);
}

// A symlink inside a root that leads out of it is refused; one that stays inside is followed.
TEST(Release, RefusesSymlinksThatLeaveTheImageRoots) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    fs::create_directories(directory.path() / "pictures");
    fs::create_directories(directory.path() / "elsewhere");
    datasettest::writeText(directory.filePath("elsewhere/secret.jpg"), "outside bytes");
    datasettest::writeText(directory.filePath("pictures/real.jpg"), "inside bytes");
    fs::create_symlink(directory.path() / "elsewhere" / "secret.jpg",
                       directory.path() / "pictures" / "out.jpg");
    fs::create_symlink("real.jpg", directory.path() / "pictures" / "in.jpg");
    // A root reached through a symlinked directory resolves to the real one.
    fs::create_directory_symlink(directory.path() / "pictures", directory.path() / "alias");
    CurationLog log = openLog(workspace);
    ASSERT_TRUE(log.addImageRoot(directory.filePath("alias"), "user").ok());
    Result<std::vector<ImageRoot>> roots = log.imageRoots();
    ASSERT_TRUE(roots.ok());
    ASSERT_EQ(roots->size(), 1u);
    EXPECT_EQ((*roots)[0].path, fs::canonical(directory.path() / "pictures").string());
    EXPECT_FALSE(log.addImageRoot(directory.filePath("absent"), "user").ok());

    std::vector<CatalogImage> images = {
        {"photos", "out.jpg", directory.filePath("pictures/out.jpg"), "", 0, 0},
        {"photos", "in.jpg", directory.filePath("alias/in.jpg"), "", 0, 0}};
    ASSERT_TRUE(log.commit(makeRequest("q", images)).ok());
    Result<ReleaseReport> release = log.exportRelease("r1", true);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->imagesRefused, 1u);
    EXPECT_EQ(release->imagesCopied, 1u);
    const fs::path root = fs::path(workspace) / "exports" / "r1";
    EXPECT_FALSE(fs::exists(root / "images/photos/out.jpg"));
    EXPECT_EQ(readText((root / "images/photos/in.jpg").string()), "inside bytes");
    EXPECT_EQ(listing(root).find("outside bytes"), std::string::npos);

    // Without the root, nothing is read.
    ASSERT_TRUE(log.removeImageRoot(directory.filePath("pictures")).ok());
    EXPECT_FALSE(log.removeImageRoot(directory.filePath("pictures")).ok());
    Result<ReleaseReport> unrooted = log.exportRelease("r2", true);
    ASSERT_TRUE(unrooted.ok()) << unrooted.error();
    EXPECT_EQ(unrooted->imagesRefused, 2u);
    EXPECT_EQ(unrooted->imagesCopied, 0u);
}

// A release holds copies: a later edit of the source changes neither the file nor its manifest hash.
TEST(Release, CopiedImagesDoNotChangeWithTheirSource) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    CurationLog log = openLog(workspace);
    std::vector<CatalogImage> images = realImages(directory, "photos", 2);
    ASSERT_TRUE(log.addImageRoot(directory.filePath("pictures"), "ingest:photos").ok());
    ASSERT_TRUE(log.commit(makeRequest("q", images)).ok());
    Result<ReleaseReport> release = log.exportRelease("r1", true);
    ASSERT_TRUE(release.ok()) << release.error();
    ASSERT_EQ(release->imagesCopied, 2u);
    const fs::path copy = fs::path(workspace) / "exports" / "r1" / "images" / "photos" / "img0.jpg";
    struct stat source {
    }, copied{};
    ASSERT_EQ(::stat(images[0].path.c_str(), &source), 0);
    ASSERT_EQ(::stat(copy.c_str(), &copied), 0);
    EXPECT_FALSE(source.st_dev == copied.st_dev && source.st_ino == copied.st_ino) << "a hard link";
    EXPECT_EQ(copied.st_nlink, 1u);

    {
        std::ofstream edit(images[0].path, std::ios::binary | std::ios::trunc);
        edit << "edited later";
    }
    EXPECT_EQ(readText(copy.string()), "pixels of img0.jpg");
    const nlohmann::json manifest =
        nlohmann::json::parse(readText((fs::path(workspace) / "exports" / "r1" / "manifest.json").string()));
    Result<std::string> hash = Sha256::hashFileHex(copy.string());
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(manifest["files"]["images/photos/img0.jpg"], *hash);
    EXPECT_EQ(manifest["image_sha256"]["photos/img0.jpg"], *hash);
}
