#pragma once

// The curation log: the workspace's image catalog and the git-like history of commits that make up the
// dataset, kept in SQLite (`workspace.sqlite` in the workspace directory).
//
// Schema (version 1, PRAGMA user_version; later versions migrate forward one step at a time):
//   sources(source_key INTEGER PK, name UNIQUE)
//   images(image_key INTEGER PK, source_key, name, path, caption, width, height, in_catalog,
//          UNIQUE(source_key, name))
//       An image is identified by (source, name). Rows with in_catalog = 0 come from an imported
//       dataset.json that named images the catalog did not know; upsertImages() resolves them.
//   commits(seq INTEGER PK = commit order, id UNIQUE, kind 'commit'|'revert'|'merge', branch, parent,
//           second_parent (merge), target (revert: the commit it reverts), query, query_vector_sha256,
//           embedding_model, threshold, negative_prompts (JSON), negative_threshold, sources (JSON),
//           dataset (the original's `dataset` string), message, author ('human' | 'agent:<run id>'),
//           created_at (UTC ISO 8601), tags (JSON), size (image entries), original_json (imported
//           original-format entries: the entry as read, minus its images, for an exact round trip),
//           packed_images (the commit's (image key, source key) pairs, 8 bytes each, written in the same
//           transaction as commit_images: status and membership read one blob per commit, not a row
//           per image))
//   commit_images(commit_seq, position, image_key, source_key, original_path, PK(commit_seq, position))
//       WITHOUT ROWID, so one commit's images are one contiguous range; original_path keeps the exact
//       path string of an imported entry.
//   branches(name PK, head, base, state 'open'|'merged'|'discarded', created_at)
//   settings(key PK, value): 'checked_out' = the branch human commits go to.
// Version 2 adds the rating caches (core/rating):
//   caption_cache(source, name, model, caption, created_at), PK(source, name, model)
//   score_cache(source, name, model, caption_sha256, score, created_at), PK(source, name, model,
//   caption_sha256)
// Version 3 adds the image roots (imageroots.cpp):
//   image_roots(path PK (canonical: absolute, symlinks resolved), origin 'ingest:<source>' | 'demo' |
//   'user', created_at)
// Version 4 adds review marks (reviewmarks.h):
//   review_marks(branch, source, name, verdict 'accept'|'reject', author, marked_at), PK(branch, source,
//   name)
//
// A branch's dataset is the set of commits reachable from its head through parent links (a merge has
// two), minus those undone: a commit is undone when a revert that is not itself undone targets it, so a
// revert of a revert is a redo. A revert that carries images (a partial revert, removeImages) undoes only
// those images of its target: the commit stays live without them. The dataset's images are the distinct
// images of its live commits, minus what live partial reverts removed from each (one rule, in
// curationcatalog.cpp: forEachLiveImageRow).
//
// Ids: native commits get a UUID v4, imported ones keep their id; any unique prefix names a commit.

#include "common/result.h"
#include "dataset/commitkind.h"
#include "dataset/sqlitedatabase.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace curator {

constexpr int kCurationSchemaVersion = 4;
constexpr const char* kCurationDatabaseFile = "workspace.sqlite";
constexpr const char* kMainBranch = "main";
constexpr size_t kShortIdLength = 8;

// An image as a commit or the catalog names it.
struct CatalogImage {
    std::string source;
    std::string name; // the id within the source (file name for images imported from the original)
    std::string path;
    std::string caption;
    int64_t width = 0; // 0: unknown
    int64_t height = 0;
    bool inCatalog = true; // false: named by an imported dataset.json, not ingested yet
};

// An image by its identity in the catalog.
struct ImageRef {
    std::string source;
    std::string name;
};
// "source/name" as the CLI and exports write it (the first '/' splits; a name may hold more); nullopt when
// a part is empty.
std::optional<ImageRef> parseImageRef(const std::string& text);

struct CommitRequest {
    std::string query;
    std::string queryVectorSha256;
    std::string embeddingModel;
    double threshold = 0.0;
    std::vector<std::string> negativePrompts;
    double negativeThreshold = 0.0;
    std::vector<std::string> sources;
    std::string message;
    std::string author = "human"; // or "agent:<run id>"
    std::vector<std::string> tags;
    std::vector<CatalogImage> images; // what the selection took (selectAbove), in its order
    std::string branch;               // empty: the checked-out branch
};

struct CommitOutcome {
    std::string id;
    std::string branch;
    std::string parent;
    size_t selected = 0; // image entries recorded
    size_t added = 0;    // images new to the branch's dataset
};

struct CommitInfo {
    std::string id;
    CommitKind kind = CommitKind::Commit;
    std::string branch;
    std::string parent;
    std::string secondParent;
    std::string target;
    std::string query;
    std::string queryVectorSha256;
    std::string embeddingModel;
    double threshold = 0.0;
    std::vector<std::string> negativePrompts;
    double negativeThreshold = 0.0;
    std::vector<std::string> sources;
    std::string dataset;
    std::string message;
    std::string author;
    std::string createdAt;
    std::vector<std::string> tags;
    size_t size = 0;
    int64_t seq = 0;
    bool imported = false;
};

// A revert that carries images removes only those from its target (CurationLog::removeImages).
inline bool isPartialRevert(const CommitInfo& info) {
    return info.kind == CommitKind::Revert && info.size > 0;
}

struct RevertOutcome {
    std::string id;     // the revert commit
    std::string target; // the commit (or revert) it undid
    std::string branch;
    bool redo = false;   // the target was itself a revert
    size_t affected = 0; // images that left (or, for a redo, re-entered) the dataset
    size_t removed = 0;  // a partial revert: the images it took out of its target (0: the whole commit)
};

// One live commit's images as its branch's dataset holds them.
struct LiveCommitImages {
    std::string commitId;
    std::vector<CatalogImage> images; // its entries in order, minus those live partial reverts removed
};

struct BranchInfo {
    std::string name;
    std::string head;
    std::string base;
    BranchState state = BranchState::Open;
    std::string createdAt;
    size_t liveCommits = 0;
    bool checkedOut = false;
};

struct StatusCommit {
    std::string id;
    CommitKind kind = CommitKind::Commit;
    std::string author;
    std::string message;
    std::string query;
    std::vector<std::string> sources;
    std::vector<std::string> tags;
    std::string createdAt;
    std::string target;
    size_t images = 0;
};

struct StatusReport {
    std::string branch;
    std::string checkedOut;
    std::vector<StatusCommit> liveCommits; // in commit order
    size_t distinctImages = 0;             // the dataset's size
    size_t summedCommitSizes = 0;          // what the original called "Total images" (duplicates counted)
    size_t unresolvedImages = 0;           // catalog-wide: images named by imports but not yet ingested
    std::map<std::string, size_t> imagesBySource; // distinct
    std::map<std::string, size_t> imagesByTag;    // distinct images of live commits carrying the tag
    std::vector<StatusCommit> recentCommits;      // newest first, any kind
    std::vector<BranchInfo> branches;
};

struct GraphCommit {
    CommitInfo info;
    std::vector<std::string> parents; // first parent, then the merged branch's head
    bool undone = false;
    std::string undoneBy;
};

struct CommitGraph {
    std::vector<GraphCommit> commits; // commit order (oldest first)
    std::vector<BranchInfo> branches;
    std::string checkedOut;
};

struct SampledImage {
    std::string source;
    std::string name;
    std::string path;
    std::string caption;
};

struct ImportReport {
    size_t imported = 0;       // commits
    size_t entries = 0;        // image entries over all commits
    size_t distinctImages = 0; // distinct (source, name) in the file
    size_t unknownImages = 0;  // distinct images the catalog did not know (kept, resolved on ingest)
    std::vector<std::string> unknownSample; // a few of them, "source/name"
    std::string format;                     // "original" | "curator"
};

struct ReleaseReport {
    std::string directory;
    std::string headCommit;
    size_t images = 0;
    size_t imagesHashed = 0;
    size_t imagesMissing = 0;
    size_t imagesCopied = 0;
    // Files that exist but lie outside every image root (or reach outside through a symlink): neither read
    // nor copied, listed in the manifest's "refused_images".
    size_t imagesRefused = 0;
    std::vector<std::string> refusedSample;          // a few of them, "source/name: path"
    std::map<std::string, size_t> imagesByDirection; // "anti", "pro", "mixed", "unknown"
    size_t imagesScored = 0;                         // images with at least one cached score
    size_t imagesExcluded = 0;                       // near-duplicates left out (ReleaseExclusions)
    std::string card;                                // the dataset card, README.md
};

// Images of the dataset a release leaves out: the near-duplicates of an image it keeps
// (nearDuplicateExclusions in nearduplicates.h). Recorded in the manifest and the card.
struct ReleaseExclusions {
    double threshold = 0;       // the cosine they reach; 0: nothing is left out
    std::set<std::string> keys; // releaseImageKey(source, name)
};

// A directory a release may read image files from: an ingested folder, the demo's, or one the user
// registered. Imported paths (dataset.json, ids files) are data, not permission.
struct ImageRoot {
    std::string path;   // canonical: absolute, symlinks resolved
    std::string origin; // "ingest:<source>", "demo" or "user"
    std::string createdAt;
};

constexpr const char* kNotUnderImageRoot = "not under a registered image root";

class CurationLog {
public:
    CurationLog();
    ~CurationLog();
    CurationLog(CurationLog&&) noexcept;
    CurationLog& operator=(CurationLog&&) noexcept;

    // Opens `workspaceDir/workspace.sqlite`, creating the directory and database when absent and
    // migrating an older schema forward. A database of a newer schema is refused untouched.
    static Result<CurationLog> open(const std::string& workspaceDirectory);

    const std::string& workspaceDirectory() const { return m_workspaceDirectory; }
    const std::string& databasePath() const { return m_database.path(); }
    SqliteDatabase& database() { return m_database; }

    // Catalog: inserts or updates images by (source, name); resolves images imports named.
    Status upsertImages(const std::vector<CatalogImage>& images);
    Result<size_t> catalogSize();

    // One transaction: the commit, its images, the branch head.
    Result<CommitOutcome> commit(const CommitRequest& request);
    // Records a revert of the commit (or, for a revert, a redo) on `branch` (empty: the checked-out one),
    // in one transaction; the checked-out branch does not change.
    Result<RevertOutcome> undoCommit(const std::string& idOrPrefix, const std::string& author = "human",
                                     const std::string& branch = {});

    // Removes `images` from one live commit of `branch` (empty: the checked-out one): a revert that carries
    // them, so only they leave (the commit's other images stay, and another live commit holding one keeps
    // it in the dataset). Undoing that revert (undoCommit) puts them back. Each image must be among the
    // commit's entries and not removed from it already.
    Result<RevertOutcome> removeImages(const std::string& commitIdOrPrefix,
                                       const std::vector<ImageRef>& images,
                                       const std::string& author = "human", const std::string& branch = {});

    // A full id from any unique prefix (case-insensitive).
    Result<std::string> resolveId(const std::string& idOrPrefix);
    Result<CommitInfo> commitInfo(const std::string& idOrPrefix);
    // The image entries of one commit in their order (duplicates kept).
    Result<std::vector<CatalogImage>> commitImages(const std::string& idOrPrefix);
    // The distinct images of a branch's dataset, in catalog order.
    Result<std::vector<CatalogImage>> datasetImages(const std::string& branch = {});
    // The live commits of a branch's dataset in commit order, each with the images the dataset holds from it.
    Result<std::vector<LiveCommitImages>> liveCommitImages(const std::string& branch = {});

    // branch empty: the checked-out branch.
    Result<StatusReport> status(const std::string& branch = {});
    Result<CommitGraph> log();

    // A seeded sample of a commit's images (less those removed from it on the checked-out branch), or of
    // the checked-out dataset when commitId is empty.
    Result<std::vector<SampledImage>> sampleFromCommitted(const std::string& commitIdOrPrefix, size_t count,
                                                          uint64_t seed);

    Result<std::vector<BranchInfo>> listBranches();
    Result<std::string> checkedOutBranch();
    Status createBranch(const std::string& name); // from the current head of main
    // A branch whose head (and base) is the commit `commitIdOrPrefix` of any branch: a fork of the dataset
    // as it was at that commit. Empty: a branch without commits (an empty dataset).
    Status createBranchAt(const std::string& name, const std::string& commitIdOrPrefix);
    Status checkout(const std::string& name);
    Result<CommitOutcome> mergeBranch(const std::string& name, const std::string& author = "human",
                                      const std::string& message = {});
    Status discardBranch(const std::string& name);

    // Our dataset.json (a superset of the original's fields) for the checked-out branch.
    Status exportDataset(const std::string& outFile);
    // The original system's format, exactly: live commits of the checked-out branch.
    Status exportOriginal(const std::string& outFile);
    // exports/TAG/ with dataset.json, manifest.json, metadata.jsonl (labelled rows, docs/releases.md), the
    // card README.md and its pictures (.card/), and images/ when copyImages. Only
    // image files whose real path (symlinks resolved) lies under an image root are hashed and copied (a
    // copy, or a reflink where the file system offers one; never a hard link); the others are refused.
    // With `exclusions`, those images are left out of metadata.jsonl and images/ (dataset.json keeps the
    // commits whole: it is their provenance).
    Result<ReleaseReport> exportRelease(const std::string& tag, bool copyImages,
                                        const ReleaseExclusions& exclusions = {});

    // Registers a directory (which must exist) as an image root, stored canonical; again is a no-op.
    Status addImageRoot(const std::string& directory, const std::string& origin);
    // Removes a root, named as given to addImageRoot or as listed; an unknown one is an error.
    Status removeImageRoot(const std::string& directory);
    Result<std::vector<ImageRoot>> imageRoots();
    // Ours or the original's format onto the checked-out branch, in one transaction.
    Result<ImportReport> importDataset(const std::string& file);

private:
    SqliteDatabase m_database;
    std::string m_workspaceDirectory;
};

std::string shortId(const std::string& id);
std::string newUuidV4();
std::string utcTimestamp();

std::string formatStatus(const StatusReport& report);
std::string statusToJson(const StatusReport& report);
std::string graphToJson(const CommitGraph& graph);
std::string importReportToJson(const ImportReport& report);

} // namespace curator
