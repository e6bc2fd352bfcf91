// The curation log's releases: exports/TAG/ with dataset.json, metadata.jsonl, manifest.json (and the
// images when asked), written into a staging directory and renamed into place, so a release is whole or
// absent.

#include "dataset/curationlog.h"

#include "common/fileutil.h"
#include "dataset/curationlog_internal.h"
#include "dataset/sha256.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;
using curationdetail::dumpJson;

namespace {

bool isValidTag(const std::string& tag) {
    if (tag.empty() || tag.size() > 100 || tag[0] == '.' || tag[0] == '-') {
        return false;
    }
    return std::all_of(tag.begin(), tag.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '+';
    });
}

std::string safeFileName(const std::string& name) {
    std::string safe;
    for (char c : name) {
        safe += (c == '/' || c == '\\' || c == '\0') ? '_' : c;
    }
    if (safe == "." || safe == ".." || safe.empty()) {
        safe = "_" + safe;
    }
    return safe;
}

// A staging directory beside the final one, removed unless the release was moved into place.
class StagingDirectory {
public:
    StagingDirectory() = default;
    StagingDirectory(const StagingDirectory&) = delete;
    StagingDirectory& operator=(const StagingDirectory&) = delete;
    ~StagingDirectory() {
        if (!m_path.empty() && !m_kept) {
            std::error_code ignored;
            fs::remove_all(m_path, ignored);
        }
    }

    Status create(const fs::path& exportsDirectory, const std::string& tag) {
        std::random_device random;
        const fs::path path = exportsDirectory / (".staging-" + tag + "-" + std::to_string(random()));
        std::error_code error;
        fs::create_directory(path, error);
        if (error) {
            return makeError(path.string() + ": cannot create: " + error.message());
        }
        m_path = path;
        return {};
    }
    const fs::path& path() const { return m_path; }
    void keep() { m_kept = true; }

private:
    fs::path m_path;
    bool m_kept = false;
};

// The files of a release as they are written, with their hashes for the manifest.
class ReleaseFiles {
public:
    ReleaseFiles(const fs::path& staging, ReleaseReport& report)
        : m_staging(staging)
        , m_report(report) {}

    Status write(const std::string& name, const std::string& contents) {
        CURATOR_TRY_STATUS(writeFileAtomically((m_staging / name).string(), contents));
        m_fileHashes[name] = Sha256::hashHex(contents);
        return {};
    }

    // Hashes each image that exists (and links or copies it in when asked); returns metadata.jsonl.
    Result<std::string> addImages(const std::vector<CatalogImage>& images, bool copyImages) {
        std::string metadata;
        m_report.images = images.size();
        for (const CatalogImage& image : images) {
            const std::string relative =
                "images/" + safeFileName(image.source) + "/" + safeFileName(image.name);
            std::error_code error;
            if (!image.path.empty() && fs::is_regular_file(image.path, error)) {
                CURATOR_TRY_STATUS(addImage(image, relative, copyImages));
            } else {
                ++m_report.imagesMissing;
            }
            ordered_json line = {
                {"file_name", relative},    {"source", image.source},      {"id", image.name},
                {"caption", image.caption}, {"original_path", image.path}, {"width", image.width},
                {"height", image.height}};
            metadata += dumpJson(line, -1, false);
            metadata += '\n';
        }
        return metadata;
    }

    const ordered_json& fileHashes() const { return m_fileHashes; }
    const ordered_json& imageHashes() const { return m_imageHashes; }

private:
    Status addImage(const CatalogImage& image, const std::string& relative, bool copyImages) {
        CURATOR_TRY(const std::string hash, Sha256::hashFileHex(image.path));
        m_imageHashes[image.source + "/" + image.name] = hash;
        ++m_report.imagesHashed;
        if (!copyImages) {
            return {};
        }
        const fs::path target = m_staging / relative;
        std::error_code error;
        fs::create_directories(target.parent_path(), error);
        // A hard link costs no space; across file systems, copy.
        if (::link(image.path.c_str(), target.c_str()) != 0) {
            fs::copy_file(image.path, target, error);
            if (error) {
                return makeError(image.path + ": cannot copy into the release: " + error.message());
            }
        }
        m_fileHashes[relative] = hash;
        ++m_report.imagesCopied;
        return {};
    }

    fs::path m_staging;
    ReleaseReport& m_report;
    ordered_json m_fileHashes = ordered_json::object();
    ordered_json m_imageHashes = ordered_json::object();
};

ordered_json releaseManifest(const std::string& tag, const std::string& branch, const ReleaseReport& report,
                             const std::set<std::string>& models, const StatusReport& figures,
                             const ReleaseFiles& files) {
    ordered_json manifest;
    manifest["format"] = "curator-release";
    manifest["format_version"] = 1;
    manifest["tag"] = tag;
    manifest["tool_version"] = CURATOR_VERSION;
    manifest["created_at"] = utcTimestamp();
    manifest["branch"] = branch;
    manifest["head_commit"] =
        report.headCommit.empty() ? ordered_json(nullptr) : ordered_json(report.headCommit);
    manifest["embedding_models"] = models;
    manifest["scorer"] = "";
    manifest["counts"] = {{"images", figures.distinctImages},
                          {"live_commits", figures.liveCommits.size()},
                          {"summed_commit_sizes", figures.summedCommitSizes},
                          {"by_source", figures.imagesBySource},
                          {"by_tag", figures.imagesByTag},
                          {"images_hashed", report.imagesHashed},
                          {"images_missing", report.imagesMissing},
                          {"images_copied", report.imagesCopied}};
    // The manifest lists every other file's hash; it cannot hold its own.
    manifest["files"] = files.fileHashes();
    manifest["image_sha256"] = files.imageHashes();
    return manifest;
}

} // namespace

Result<ReleaseReport> CurationLog::exportRelease(const std::string& tag, bool copyImages) {
    if (!isValidTag(tag)) {
        return makeError("release tag '" + tag +
                         "' is invalid: use letters, digits, '_', '-', '.' or '+' (e.g. v1.0)");
    }
    const fs::path exportsDirectory = fs::path(m_workspaceDirectory) / "exports";
    const fs::path finalDirectory = exportsDirectory / tag;
    std::error_code error;
    if (fs::exists(finalDirectory, error)) {
        return makeError("release '" + tag + "' already exists (" + finalDirectory.string() +
                         "); releases are immutable, choose another tag");
    }
    fs::create_directories(exportsDirectory, error);
    if (error) {
        return makeError(exportsDirectory.string() + ": cannot create: " + error.message());
    }
    StagingDirectory staging; // whatever fails below, the staging directory goes
    CURATOR_TRY_STATUS(staging.create(exportsDirectory, tag));

    // One read snapshot: consistent figures while another process commits.
    SqliteReadTransaction snapshot(m_database);
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(const std::string branch, checkedOutBranch());
    ReleaseReport report;
    CURATOR_TRY(const std::string datasetJson,
                curationdetail::buildOurJson(*this, branch, &report.headCommit));
    CURATOR_TRY(const StatusReport figures, status(branch));
    CURATOR_TRY(const std::vector<CatalogImage> images, datasetImages(branch));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    std::set<std::string> models;
    for (size_t index : graph.liveCommits(graph.branch(branch)->head)) {
        if (!graph.commits()[index].info.embeddingModel.empty()) {
            models.insert(graph.commits()[index].info.embeddingModel);
        }
    }

    ReleaseFiles files(staging.path(), report);
    CURATOR_TRY_STATUS(files.write("dataset.json", datasetJson + "\n"));
    CURATOR_TRY(const std::string metadata, files.addImages(images, copyImages));
    CURATOR_TRY_STATUS(files.write("metadata.jsonl", metadata));
    const ordered_json manifest = releaseManifest(tag, branch, report, models, figures, files);
    CURATOR_TRY_STATUS(writeFileAtomically((staging.path() / "manifest.json").string(),
                                           dumpJson(manifest, 2, false) + "\n"));
    // rename() refuses a non-empty target, so a release written meanwhile by another process is kept.
    if (std::rename(staging.path().c_str(), finalDirectory.c_str()) != 0) {
        return makeError(finalDirectory.string() +
                         ": cannot move the release into place: " + std::strerror(errno));
    }
    staging.keep();
    syncDirectory(exportsDirectory.string());
    report.directory = finalDirectory.string();
    return report;
}

} // namespace curator
