// The curation log's dataset.json exports: ours (a superset of the original's fields, for a branch)
// and the original system's format, exactly.

#include "dataset/curationlog.h"

#include "common/fileutil.h"
#include "dataset/curationlog_internal.h"

#include <algorithm>
#include <utility>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

struct ImageEntry {
    std::string path; // original path string when kept, else the catalog path
    std::string source;
    std::string name;
    int64_t imageKey = 0;
};

// Reads the image entries of one commit at a time, in their order.
class EntryReader {
public:
    explicit EntryReader(SqliteDatabase& database)
        : m_database(database) {}
    Status prepare() {
        CURATOR_TRY(m_query, m_database.prepare(
                                 "SELECT coalesce(c.original_path, i.path), s.name, i.name, c.image_key "
                                 "FROM commit_images c JOIN images i ON i.image_key = c.image_key "
                                 "JOIN sources s ON s.source_key = c.source_key "
                                 "WHERE c.commit_seq = ?1 ORDER BY c.position"));
        return {};
    }
    Result<std::vector<ImageEntry>> read(int64_t seq) {
        std::vector<ImageEntry> entries;
        m_query.bindInt(1, seq);
        CURATOR_TRY_STATUS(m_query.forEachRow([&entries](const SqliteStatement& row) {
            entries.push_back({row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt(3)});
        }));
        return entries;
    }

private:
    SqliteDatabase& m_database;
    SqliteStatement m_query;
};

ordered_json idOrNull(const std::string& id) {
    return id.empty() ? ordered_json(nullptr) : ordered_json(id);
}

// One commit of our format.
// Without paths (a release), "images" holds "source/name" instead of the path strings.
ordered_json ourCommitJson(const HistoryCommit& commit, const std::vector<ImageEntry>& entries, bool undone,
                           bool withPaths) {
    const CommitInfo& info = commit.info;
    ordered_json paths = ordered_json::array();
    ordered_json ids = ordered_json::array();
    for (const ImageEntry& entry : entries) {
        paths.push_back(withPaths ? entry.path : entry.source + "/" + entry.name);
        ids.push_back({entry.source, entry.name});
    }
    const bool isCommit = info.kind == CommitKind::Commit;
    ordered_json value;
    value["id"] = info.id;
    value["kind"] = commitKindName(info.kind);
    value["query"] = info.query;
    value["dataset"] = info.dataset;
    value["threshold"] = isCommit ? ordered_json(info.threshold) : ordered_json(nullptr);
    value["negative_prompts"] = info.negativePrompts;
    value["negative_threshold"] = isCommit ? ordered_json(info.negativeThreshold) : ordered_json(nullptr);
    value["message"] = info.message;
    value["images"] = std::move(paths);
    value["size"] = info.size;
    value["image_ids"] = std::move(ids);
    value["author"] = info.author;
    value["created_at"] = info.createdAt;
    value["parent"] = idOrNull(info.parent);
    value["second_parent"] = idOrNull(info.secondParent);
    value["embedding_model"] = info.embeddingModel;
    value["query_vector_sha256"] = info.queryVectorSha256;
    value["tags"] = info.tags;
    value["reverts"] = idOrNull(info.target);
    value["branch"] = info.branch;
    value["sources"] = info.sources;
    value["undone"] = undone;
    if (!commit.originalJson.empty()) {
        value["original"] = ordered_json::parse(commit.originalJson, nullptr, false);
    }
    return value;
}

// One live commit in the original's format.
ordered_json originalCommitJson(const HistoryCommit& commit, const std::vector<ImageEntry>& entries) {
    ordered_json paths = ordered_json::array();
    for (const ImageEntry& entry : entries) {
        paths.push_back(entry.path.empty() ? entry.name : entry.path);
    }
    if (!commit.originalJson.empty()) {
        // Imported: the entry as read (key order, number forms, any extra fields), its images back in place
        // (fewer when some were removed from it since).
        ordered_json value = ordered_json::parse(commit.originalJson, nullptr, false);
        if (value.contains("size")) {
            value["size"] = paths.size();
        }
        value["images"] = std::move(paths);
        return value;
    }
    const CommitInfo& info = commit.info;
    // The original's key order, size last.
    ordered_json value;
    value["query"] = info.query;
    value["dataset"] = info.dataset;
    value["threshold"] = info.threshold;
    value["negative_prompts"] = info.negativePrompts;
    value["negative_threshold"] = info.negativeThreshold;
    value["message"] = info.message;
    value["size"] = paths.size();
    value["images"] = std::move(paths);
    ordered_json ordered;
    for (const char* key : {"query", "dataset", "threshold", "negative_prompts", "negative_threshold",
                            "message", "images", "size"}) {
        ordered[key] = std::move(value[key]);
    }
    return ordered;
}

} // namespace

namespace curationdetail {

std::string dumpJson(const ordered_json& value, int indent, bool asciiOnly) {
    return value.dump(indent, ' ', asciiOnly, ordered_json::error_handler_t::replace);
}

Result<std::string> buildOurJson(CurationLog& log, const std::string& branchName, std::string* headCommit,
                                 bool withPaths) {
    SqliteDatabase& database = log.database();
    CURATOR_TRY(const HistoryGraph graph, loadHistory(database));
    const HistoryBranch* branch = graph.branch(branchName);
    if (!branch) {
        return makeError("export: unknown branch '" + branchName + "'");
    }
    const std::vector<char> reached = graph.reachable(branch->head);
    const std::vector<long> undone = graph.undoneBy(reached);
    EntryReader reader(database);
    CURATOR_TRY_STATUS(reader.prepare());
    ordered_json commits = ordered_json::array();
    for (size_t i = 0; i < graph.commits().size(); ++i) {
        if (reached[i]) {
            CURATOR_TRY(const std::vector<ImageEntry> entries, reader.read(graph.commits()[i].info.seq));
            commits.push_back(ourCommitJson(graph.commits()[i], entries, undone[i] >= 0, withPaths));
        }
    }
    CURATOR_TRY(const std::vector<CatalogImage> images, log.datasetImages(branchName));
    ordered_json imageList = ordered_json::array();
    for (const CatalogImage& image : images) {
        ordered_json entry = {{"source", image.source}, {"name", image.name}};
        if (withPaths) {
            entry["path"] = image.path;
        }
        entry["caption"] = image.caption;
        entry["width"] = image.width;
        entry["height"] = image.height;
        entry["resolved"] = image.inCatalog;
        imageList.push_back(std::move(entry));
    }
    ordered_json document;
    document["format"] = kOurDatasetFormat;
    document["format_version"] = kOurDatasetFormatVersion;
    document["tool_version"] = CURATOR_VERSION;
    document["branch"] = branchName;
    document["head"] = idOrNull(branch->head);
    document["exported_at"] = utcTimestamp();
    document["commits"] = std::move(commits);
    document["images"] = std::move(imageList);
    if (headCommit) {
        *headCommit = branch->head;
    }
    return dumpJson(document, 2, false);
}

} // namespace curationdetail

Status CurationLog::exportDataset(const std::string& outFile) {
    CURATOR_TRY(const std::string branch, checkedOutBranch());
    CURATOR_TRY(const std::string text, curationdetail::buildOurJson(*this, branch, nullptr));
    return writeFileAtomically(outFile, text + "\n");
}

Status CurationLog::exportOriginal(const std::string& outFile) {
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    const HistoryBranch* branch = graph.branch(graph.checkedOut());
    if (!branch) {
        return makeError("export: the checked-out branch '" + graph.checkedOut() + "' does not exist");
    }
    EntryReader reader(m_database);
    CURATOR_TRY_STATUS(reader.prepare());
    ordered_json document = ordered_json::object();
    // The original format has no reverts: a live commit is written with the images the dataset holds from it.
    CURATOR_TRY(const curationdetail::RemovedImages removed,
                curationdetail::removedImages(m_database, graph, branch->head));
    for (size_t index : graph.liveCommits(branch->head)) {
        const HistoryCommit& commit = graph.commits()[index];
        CURATOR_TRY(std::vector<ImageEntry> entries, reader.read(commit.info.seq));
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [&](const ImageEntry& entry) {
                                         return curationdetail::isRemoved(removed, commit.info.seq,
                                                                          entry.imageKey);
                                     }),
                      entries.end());
        document[commit.info.id] = originalCommitJson(commit, entries);
    }
    // The original wrote json.dump(indent=2) with ASCII escapes and no final newline.
    return writeFileAtomically(outFile, curationdetail::dumpJson(document, 2, true));
}

} // namespace curator
