#pragma once

// Shared by the files that implement CurationLog (see the list in docs/architecture.md, "The curation
// log"). Not part of the public API, except forEachLiveImageRow and loadHistory, which the taxonomy
// coverage also reads.

#include "dataset/curationlog.h"
#include "dataset/historygraph.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace curator {
namespace curationdetail {

// ---- schema (curationschema.cpp) ----

// Sets the connection up (busy timeout, WAL, foreign keys) and migrates the schema forward; a database
// of a newer schema is refused untouched.
Status prepareSchema(SqliteDatabase& database);

// ---- history (curationhistory.cpp): commit rows in, the graph out ----

std::string jsonStringArray(const std::vector<std::string>& values);
std::vector<std::string> parseStringArray(const std::string& json);
std::string joinSources(const std::vector<std::string>& sources);

// The whole commit graph, branches and the checked-out branch, as of now (inside the caller's
// transaction, if any).
Result<HistoryGraph> loadHistory(SqliteDatabase& database);
Result<std::string> checkedOutBranch(SqliteDatabase& database);
// `branch`, or the checked-out branch when it is empty.
Result<std::string> resolveBranch(SqliteDatabase& database, const std::string& branch);
// One row of the commits table as written (every kind, native or imported). Empty references bind NULL.
struct CommitRow {
    std::string id;
    CommitKind kind = CommitKind::Commit;
    std::string branch;
    std::string parent;
    std::string secondParent;
    std::string target;
    std::string query;
    std::string queryVectorSha256;
    std::string embeddingModel;
    std::optional<double> threshold;
    std::string negativePromptsJson = "[]";
    std::optional<double> negativeThreshold;
    std::string sourcesJson = "[]";
    std::string dataset;
    std::string message;
    std::string author;
    std::string createdAt;
    std::string tagsJson = "[]";
    size_t size = 0;
    std::string originalJson; // "" binds NULL: a native commit
};
// Inserts the row and returns its seq.
Result<int64_t> insertCommitRow(SqliteDatabase& database, const CommitRow& row);
// Moves a branch's head to a commit.
Status moveHead(SqliteDatabase& database, const std::string& branch, const std::string& commitId);

// ---- image roots (imageroots.cpp) ----

// True when `file` lies strictly inside `root` (both absolute and canonical), compared by components.
bool isWithin(const std::filesystem::path& file, const std::filesystem::path& root);
// The registered roots, each resolved again (symlinks followed); roots that are gone are left out.
Result<std::vector<std::filesystem::path>> resolvedImageRoots(SqliteDatabase& database);

// ---- catalog (curationcatalog.cpp) ----

// commits.packed_images: per image entry 8 bytes little-endian, image key | source key << 48.
constexpr unsigned kPackedSourceShift = 48;
std::string packImage(int64_t imageKey, int64_t sourceKey);
Status storePackedImages(SqliteDatabase& database, int64_t seq, const std::string& packed);

// Calls visit(commitSeq, imageKey, sourceKey) for every image row of the given commits.
Status forEachImageRow(SqliteDatabase& database, const std::vector<int64_t>& seqs,
                       const std::function<void(int64_t, int64_t, int64_t)>& visit);
// The one rule for a dataset's images: every image row of the live commits of the dataset whose head is
// `headId`, except the images a live partial revert removed from that commit. Rows arrive grouped by
// commit, in commit order: visit(commitSeq, imageKey, sourceKey).
Status forEachLiveImageRow(SqliteDatabase& database, const HistoryGraph& graph, const std::string& headId,
                           const std::function<void(int64_t, int64_t, int64_t)>& visit);
// Image keys removed from live commits by live partial reverts, by the commit's seq.
using RemovedImages = std::unordered_map<int64_t, std::vector<int64_t>>;
Result<RemovedImages> removedImages(SqliteDatabase& database, const HistoryGraph& graph,
                                    const std::string& headId);
bool isRemoved(const RemovedImages& removed, int64_t seq, int64_t imageKey);
// The distinct images of that dataset, as flags indexed by image key.
Result<std::vector<char>> liveMembership(SqliteDatabase& database, const HistoryGraph& graph,
                                         const std::string& headId);
// Appends one commit's image entries, in order, minus those `removed` names for it.
Status readCommitEntries(SqliteDatabase& database, int64_t seq, const RemovedImages& removed,
                         std::vector<CatalogImage>& images);
// Per live commit of that dataset (graph.liveCommits order): its image entries minus the removed ones.
Result<std::vector<std::vector<CatalogImage>>>
liveCommitEntries(SqliteDatabase& database, const HistoryGraph& graph, const std::string& headId);
// The largest image key (0 for an empty catalog): the size of flag vectors indexed by image key.
Result<int64_t> maxImageKey(SqliteDatabase& database);

// Writes the image entries of commits: one row per entry and, when a commit is done, its packed copy.
class CommitImageWriter {
public:
    explicit CommitImageWriter(SqliteDatabase& database)
        : m_database(database) {}
    Status prepare();
    void begin(int64_t seq);
    // originalPath: the exact path string of an imported original-format entry (nullopt: none kept).
    Status add(int64_t imageKey, int64_t sourceKey,
               std::optional<std::string_view> originalPath = std::nullopt);
    Status finish();

private:
    SqliteDatabase& m_database;
    SqliteStatement m_insert;
    int64_t m_seq = 0;
    size_t m_position = 0;
    std::string m_packed;
};

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
    struct Found {
        int64_t key = 0;
        bool inCatalog = false;
    };
    Result<std::optional<Found>> find(int64_t source, const std::string& name);
    Result<int64_t> insertImage(int64_t source, const CatalogImage& image);

    SqliteDatabase& m_database;
    std::unordered_map<std::string, int64_t> m_sourceKeys;
    SqliteStatement m_findSource, m_insertSource, m_find, m_insert, m_update;
};

// ---- export (curationexport.cpp) ----

constexpr const char* kOurDatasetFormat = "curator-dataset";
constexpr int kOurDatasetFormatVersion = 1;

// Never throws: invalid UTF-8 is replaced.
std::string dumpJson(const nlohmann::ordered_json& value, int indent, bool asciiOnly);
// Our dataset.json of a branch; `headCommit` receives the branch's head.
// withPaths false (a release): no path string of the curator's machine, images named "source/name".
Result<std::string> buildOurJson(CurationLog& log, const std::string& branch, std::string* headCommit,
                                 bool withPaths = true);

} // namespace curationdetail
} // namespace curator
