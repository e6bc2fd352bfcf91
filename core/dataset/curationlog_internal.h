#pragma once

// Shared by the two halves of CurationLog (curationlog.cpp: history and status; curationlogio.cpp:
// export, import and releases). Not part of the public API.

#include "dataset/curationlog.h"

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace curator {

// The whole commit graph in memory: thousands of small rows, loaded in milliseconds; image rows stay
// in the database.
struct CurationLog::Graph {
    std::vector<CommitInfo> commits; // by seq (commit order)
    std::unordered_map<std::string, size_t> indexById;
    std::vector<BranchInfo> branches;
    std::string checkedOut;
    std::vector<std::string> originalJson; // per commit, "" for native ones

    const BranchInfo* branch(const std::string& name) const;
    // Indices reachable from `headId` through parent links.
    std::vector<char> reachable(const std::string& headId) const;
    // Per commit: the index of the effective revert undoing it, or -1. Only `considered` commits
    // (reachable ones) take part; pass all-ones for the global view.
    std::vector<long> undoneBy(const std::vector<char>& considered) const;
    // Live 'commit' indices of a branch (reachable from its head, not undone), in commit order.
    std::vector<size_t> liveCommits(const std::string& headId) const;
};

namespace curationdetail {

std::string jsonStringArray(const std::vector<std::string>& values);
std::vector<std::string> parseStringArray(const std::string& json);
std::string joinSources(const std::vector<std::string>& sources);

// commits.packed_images: per image entry 8 bytes little-endian, image key | source key << 48.
constexpr unsigned kPackedSourceShift = 48;
std::string packImage(int64_t imageKey, int64_t sourceKey);
Status storePackedImages(SqliteDatabase& database, int64_t seq, const std::string& packed);

// Calls visit(commitSeq, imageKey, sourceKey) for every image row of the given commits.
Status forEachImageRow(SqliteDatabase& database, const std::vector<int64_t>& seqs,
                       const std::function<void(int64_t, int64_t, int64_t)>& visit);

// Finds or creates image rows by (source, name) inside the caller's transaction.
class ImageKeyWriter {
public:
    explicit ImageKeyWriter(SqliteDatabase& database)
        : m_database(database) {}
    Status prepare();
    Result<int64_t> sourceKey(const std::string& source);
    // A catalog image (from the store): inserted, or an unresolved row filled in. `overwrite` also
    // updates a known image's non-empty fields (catalog upserts do; commits keep what is there).
    Result<int64_t> keyForCatalogImage(int64_t source, const CatalogImage& image, bool overwrite);
    // An image a dataset.json names: found, or inserted as unresolved. `wasUnknown` tells whether the
    // catalog lacked it.
    Result<int64_t> keyForNamedImage(int64_t source, const std::string& name, const std::string& path,
                                     bool* wasUnknown);

private:
    SqliteDatabase& m_database;
    std::unordered_map<std::string, int64_t> m_sourceKeys;
    SqliteStatement m_findSource, m_insertSource, m_find, m_insert, m_update;
};

} // namespace curationdetail
} // namespace curator
