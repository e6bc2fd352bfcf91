#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

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
    EXPECT_EQ(manifest["scorer"], "");
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
    EXPECT_EQ(listed, 2u);
    EXPECT_EQ(manifest["files"].size(), 2u);
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
    Result<ReleaseReport> release = log.exportRelease("with-images", true);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->imagesCopied, 3u);
    const fs::path root = fs::path(workspace) / "exports" / "with-images";
    EXPECT_EQ(readText((root / "images/artwork/img1.jpg").string()), "pixels of img1.jpg");
    const nlohmann::json manifest = nlohmann::json::parse(readText((root / "manifest.json").string()));
    EXPECT_EQ(manifest["files"].size(), 5u);
    EXPECT_EQ(manifest["files"]["images/artwork/img2.jpg"], Sha256::hashHex("pixels of img2.jpg"));
}
