#pragma once

// Shared by the curation log tests: temporary workspaces, synthetic images and requests, raw database
// fingerprints for "nothing changed" checks.

#include "dataset/curationlog.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace datasettest {

// A fresh directory named after the running test and the process, removed on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string filePath(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

// Images source/<prefix><first + i>.jpg with path /data/<source>/... and a caption.
std::vector<curator::CatalogImage> makeImages(const std::string& source, size_t count, size_t first = 0,
                                              const std::string& prefix = "img");

curator::CommitRequest makeRequest(const std::string& query, std::vector<curator::CatalogImage> images,
                                   std::vector<std::string> tags = {});

curator::CurationLog openLog(const std::string& directory);

void writeText(const std::string& path, const std::string& text);
std::string readText(const std::string& path);

// Number of rows in `commits` and a SHA-256 over every row of commits, commit_images, images and
// branches: equal fingerprints mean the database content did not change.
struct DatabaseFingerprint {
    int64_t commits = 0;
    std::string digest;
    bool operator==(const DatabaseFingerprint& other) const {
        return commits == other.commits && digest == other.digest;
    }
};
DatabaseFingerprint fingerprint(curator::CurationLog& log);

std::string originalDataDirectory();

} // namespace datasettest
