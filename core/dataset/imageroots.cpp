// The image roots: the directories a release may read image files from (see exportRelease). Ingest
// registers the folder it ingests, the demo its images' folder, the user any other one (`roots add`).

#include "dataset/curationlog.h"
#include "dataset/curationlog_internal.h"

#include <filesystem>

namespace curator {

namespace fs = std::filesystem;

namespace curationdetail {

bool isWithin(const fs::path& file, const fs::path& root) {
    auto fileIt = file.begin();
    for (auto rootIt = root.begin(); rootIt != root.end(); ++rootIt, ++fileIt) {
        if (rootIt->empty()) {
            continue; // a trailing separator
        }
        if (fileIt == file.end() || *fileIt != *rootIt) {
            return false;
        }
    }
    return fileIt != file.end();
}

Result<std::vector<fs::path>> resolvedImageRoots(SqliteDatabase& database) {
    CURATOR_TRY(SqliteStatement query, database.prepare("SELECT path FROM image_roots ORDER BY path"));
    std::vector<fs::path> roots;
    CURATOR_TRY_STATUS(query.forEachRow([&roots](const SqliteStatement& row) {
        // Resolved again now: a root that became a symlink since is followed to where it points today,
        // and a root that is gone grants nothing.
        std::error_code error;
        const fs::path resolved = fs::canonical(row.columnText(0), error);
        if (!error && fs::is_directory(resolved, error)) {
            roots.push_back(resolved);
        }
    }));
    return roots;
}

} // namespace curationdetail

namespace {

Result<std::string> canonicalDirectory(const std::string& directory) {
    if (directory.empty()) {
        return makeError("image root: the directory is empty");
    }
    std::error_code error;
    const fs::path resolved = fs::canonical(directory, error);
    if (error) {
        return makeError(directory + ": cannot be an image root: " + error.message());
    }
    if (!fs::is_directory(resolved, error)) {
        return makeError(directory + ": cannot be an image root: not a directory");
    }
    return resolved.string();
}

} // namespace

Status CurationLog::addImageRoot(const std::string& directory, const std::string& origin) {
    CURATOR_TRY(const std::string path, canonicalDirectory(directory));
    return m_database.execute(
        "INSERT OR IGNORE INTO image_roots(path, origin, created_at) VALUES(?1, ?2, ?3)",
        {path, origin, utcTimestamp()});
}

Status CurationLog::removeImageRoot(const std::string& directory) {
    SqliteTransaction transaction(m_database);
    CURATOR_TRY_STATUS(transaction.began());
    std::string path = directory;
    if (auto resolved = canonicalDirectory(directory); resolved) {
        path = *resolved;
    }
    CURATOR_TRY_STATUS(
        m_database.execute("DELETE FROM image_roots WHERE path = ?1 OR path = ?2", {path, directory}));
    CURATOR_TRY(const int64_t removed, m_database.queryInt("SELECT changes()"));
    if (removed == 0) {
        return makeError("'" + directory + "' is not a registered image root (see `roots list`)");
    }
    return transaction.commit();
}

Result<std::vector<ImageRoot>> CurationLog::imageRoots() {
    CURATOR_TRY(SqliteStatement query,
                m_database.prepare("SELECT path, origin, created_at FROM image_roots ORDER BY path"));
    std::vector<ImageRoot> roots;
    CURATOR_TRY_STATUS(query.forEachRow([&roots](const SqliteStatement& row) {
        roots.push_back({row.columnText(0), row.columnText(1), row.columnText(2)});
    }));
    return roots;
}

} // namespace curator
