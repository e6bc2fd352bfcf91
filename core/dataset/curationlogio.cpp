// CurationLog: dataset.json export (ours and the original system's), import of both, and releases.

#include "dataset/curationlog.h"

#include "common/fileutil.h"
#include "dataset/curationlog_internal.h"
#include "dataset/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <unistd.h>
#include <unordered_set>

namespace curator {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr const char* kOurFormat = "curator-dataset";
constexpr int kOurFormatVersion = 1;
// Imported original-format commits say who made them as far as we know: the original's agent.
constexpr const char* kOriginalAuthor = "agent:original-system";
constexpr size_t kUnknownSampleSize = 10;

struct ImageEntry {
    std::string path; // original path string when kept, else the catalog path
    std::string source;
    std::string name;
};

// The image entries of a commit, in order.
Result<std::vector<ImageEntry>> readEntries(SqliteStatement& statement, int64_t seq) {
    std::vector<ImageEntry> entries;
    statement.bindInt(1, seq);
    while (true) {
        Result<bool> row = statement.step();
        if (!row) {
            statement.reset();
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        entries.push_back({statement.columnText(0), statement.columnText(1), statement.columnText(2)});
    }
    statement.reset();
    return entries;
}

const char* kEntriesSql =
    "SELECT coalesce(c.original_path, i.path), s.name, i.name FROM commit_images c "
    "JOIN images i ON i.image_key = c.image_key JOIN sources s ON s.source_key = c.source_key "
    "WHERE c.commit_seq = ?1 ORDER BY c.position";

std::string fileNameOf(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dumpJson(const ordered_json& value, int indent, bool asciiOnly) {
    return value.dump(indent, ' ', asciiOnly, ordered_json::error_handler_t::replace);
}

Result<ordered_json> parseJsonFile(const std::string& file) {
    Result<std::string> text = readWholeFile(file);
    if (!text) {
        return text.takeError();
    }
    try {
        return ordered_json::parse(*text);
    } catch (const ordered_json::exception& error) {
        return makeError(file + ": not valid JSON (truncated or corrupt?): " + error.what());
    }
}

bool isStringArray(const ordered_json& value) {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const ordered_json& item) { return item.is_string(); });
}

// Checks one commit entry's fields; messages name the commit, its position and the field.
class EntryChecker {
public:
    EntryChecker(const std::string& file, const std::string& id, size_t position, const ordered_json& entry)
        : m_where(file + ": commit '" + id + "' (entry " + std::to_string(position + 1) + ")")
        , m_entry(entry) {}

    Status require(const char* field, const char* expected) {
        const auto it = m_entry.find(field);
        if (it == m_entry.end()) {
            return makeError(m_where + ": missing field '" + field + "'");
        }
        return check(field, *it, expected);
    }
    Status optional(const char* field, const char* expected) {
        const auto it = m_entry.find(field);
        if (it == m_entry.end() || it->is_null()) {
            return {};
        }
        return check(field, *it, expected);
    }
    Error fail(const std::string& what) const { return makeError(m_where + ": " + what); }

private:
    Status check(const char* field, const ordered_json& value, const std::string& expected) const {
        bool ok = false;
        if (expected == "a string") {
            ok = value.is_string();
        } else if (expected == "a number") {
            ok = value.is_number();
        } else if (expected == "a list of strings") {
            ok = isStringArray(value);
        } else if (expected == "a non-negative integer") {
            ok = value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0);
        } else if (expected == "an object") {
            ok = value.is_object();
        } else if (expected == "a list") {
            ok = value.is_array();
        } else if (expected == "a string or null") {
            ok = value.is_string() || value.is_null();
        }
        if (!ok) {
            return makeError(m_where + ": field '" + field + "' must be " + expected + ", found " +
                             std::string(value.type_name()));
        }
        return {};
    }

    std::string m_where;
    const ordered_json& m_entry;
};

Status checkOriginalEntry(const std::string& file, const std::string& id, size_t position,
                          const ordered_json& entry) {
    EntryChecker checker(file, id, position, entry);
    if (!entry.is_object()) {
        return checker.fail(std::string("must be an object, found ") + entry.type_name());
    }
    const std::pair<const char*, const char*> fields[] = {
        {"query", "a string"},
        {"dataset", "a string"},
        {"threshold", "a number"},
        {"negative_prompts", "a list of strings"},
        {"negative_threshold", "a number"},
        {"message", "a string"},
        {"images", "a list of strings"},
        {"size", "a non-negative integer"},
    };
    for (const auto& [field, expected] : fields) {
        Status status = checker.require(field, expected);
        if (!status) {
            return status;
        }
    }
    if (entry["dataset"].get<std::string>().empty()) {
        return checker.fail("field 'dataset' must name a source, found an empty string");
    }
    if (entry["size"].get<uint64_t>() != entry["images"].size()) {
        return checker.fail("field 'size' is " + std::to_string(entry["size"].get<uint64_t>()) +
                            " but 'images' holds " + std::to_string(entry["images"].size()) + " entries");
    }
    size_t index = 0;
    for (const ordered_json& path : entry["images"]) {
        if (fileNameOf(path.get<std::string>()).empty()) {
            return checker.fail("field 'images' entry " + std::to_string(index) + " ('" +
                                path.get<std::string>() + "') has no file name");
        }
        ++index;
    }
    return {};
}

void bindNumberOrNull(SqliteStatement& statement, int index, const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    if (it == entry.end() || !it->is_number()) {
        statement.bindNull(index);
    } else {
        statement.bindDouble(index, it->get<double>());
    }
}

std::string stringField(const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string arrayField(const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    return it != entry.end() && it->is_array() ? it->dump() : std::string("[]");
}

const char* kInsertCommitSql =
    "INSERT INTO commits(id, kind, branch, parent, second_parent, target, query, query_vector_sha256, "
    "embedding_model, threshold, negative_prompts, negative_threshold, sources, dataset, message, author, "
    "created_at, tags, size, original_json) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

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

} // namespace

// ---- export ----

Result<std::string> CurationLog::buildOurJson(const std::string& branchName, std::string* headCommit) {
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* branch = graph->branch(branchName);
    if (!branch) {
        return makeError("export: unknown branch '" + branchName + "'");
    }
    const std::vector<char> reached = graph->reachable(branch->head);
    const std::vector<long> undone = graph->undoneBy(reached);
    Result<SqliteStatement> entriesQuery = m_database.prepare(kEntriesSql);
    if (!entriesQuery) {
        return entriesQuery.takeError();
    }
    ordered_json commits = ordered_json::array();
    for (size_t i = 0; i < graph->commits.size(); ++i) {
        if (!reached[i]) {
            continue;
        }
        const CommitInfo& info = graph->commits[i];
        Result<std::vector<ImageEntry>> entries = readEntries(*entriesQuery, info.seq);
        if (!entries) {
            return entries.takeError();
        }
        ordered_json paths = ordered_json::array();
        ordered_json ids = ordered_json::array();
        for (const ImageEntry& entry : *entries) {
            paths.push_back(entry.path);
            ids.push_back({entry.source, entry.name});
        }
        const bool isCommit = info.kind == "commit";
        ordered_json value;
        value["id"] = info.id;
        value["kind"] = info.kind;
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
        value["parent"] = info.parent.empty() ? ordered_json(nullptr) : ordered_json(info.parent);
        value["second_parent"] =
            info.secondParent.empty() ? ordered_json(nullptr) : ordered_json(info.secondParent);
        value["embedding_model"] = info.embeddingModel;
        value["query_vector_sha256"] = info.queryVectorSha256;
        value["tags"] = info.tags;
        value["reverts"] = info.target.empty() ? ordered_json(nullptr) : ordered_json(info.target);
        value["branch"] = info.branch;
        value["sources"] = info.sources;
        value["undone"] = undone[i] >= 0;
        if (!graph->originalJson[i].empty()) {
            value["original"] = ordered_json::parse(graph->originalJson[i], nullptr, false);
        }
        commits.push_back(std::move(value));
    }

    Result<std::vector<CatalogImage>> images = datasetImages(branchName);
    if (!images) {
        return images.takeError();
    }
    ordered_json imageList = ordered_json::array();
    for (const CatalogImage& image : *images) {
        imageList.push_back({{"source", image.source},
                             {"name", image.name},
                             {"path", image.path},
                             {"caption", image.caption},
                             {"width", image.width},
                             {"height", image.height},
                             {"resolved", image.inCatalog}});
    }
    ordered_json document;
    document["format"] = kOurFormat;
    document["format_version"] = kOurFormatVersion;
    document["tool_version"] = CURATOR_VERSION;
    document["branch"] = branchName;
    document["head"] = branch->head.empty() ? ordered_json(nullptr) : ordered_json(branch->head);
    document["exported_at"] = utcTimestamp();
    document["commits"] = std::move(commits);
    document["images"] = std::move(imageList);
    if (headCommit) {
        *headCommit = branch->head;
    }
    return dumpJson(document, 2, false);
}

Status CurationLog::exportDataset(const std::string& outFile) {
    Result<std::string> branch = checkedOutBranch();
    if (!branch) {
        return branch.takeError();
    }
    Result<std::string> text = buildOurJson(*branch, nullptr);
    if (!text) {
        return text.takeError();
    }
    return writeFileAtomically(outFile, *text + "\n");
}

Status CurationLog::exportOriginal(const std::string& outFile) {
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* branch = graph->branch(graph->checkedOut);
    if (!branch) {
        return makeError("export: the checked-out branch '" + graph->checkedOut + "' does not exist");
    }
    Result<SqliteStatement> entriesQuery = m_database.prepare(kEntriesSql);
    if (!entriesQuery) {
        return entriesQuery.takeError();
    }
    ordered_json document = ordered_json::object();
    for (size_t index : graph->liveCommits(branch->head)) {
        const CommitInfo& info = graph->commits[index];
        Result<std::vector<ImageEntry>> entries = readEntries(*entriesQuery, info.seq);
        if (!entries) {
            return entries.takeError();
        }
        ordered_json paths = ordered_json::array();
        for (const ImageEntry& entry : *entries) {
            paths.push_back(entry.path.empty() ? entry.name : entry.path);
        }
        ordered_json value;
        if (!graph->originalJson[index].empty()) {
            // Imported: the entry as read (key order, number forms, any extra fields), its images back in
            // place.
            value = ordered_json::parse(graph->originalJson[index], nullptr, false);
            value["images"] = std::move(paths);
        } else {
            value["query"] = info.query;
            value["dataset"] = info.dataset;
            value["threshold"] = info.threshold;
            value["negative_prompts"] = info.negativePrompts;
            value["negative_threshold"] = info.negativeThreshold;
            value["message"] = info.message;
            value["size"] = paths.size();
            value["images"] = std::move(paths);
            // The original's order puts size last.
            ordered_json ordered;
            for (const char* key : {"query", "dataset", "threshold", "negative_prompts", "negative_threshold",
                                    "message", "images", "size"}) {
                ordered[key] = std::move(value[key]);
            }
            value = std::move(ordered);
        }
        document[info.id] = std::move(value);
    }
    // The original wrote json.dump(indent=2) with ASCII escapes and no final newline.
    return writeFileAtomically(outFile, dumpJson(document, 2, true));
}

// ---- import ----

Result<ImportReport> CurationLog::importDataset(const std::string& file) {
    Result<ordered_json> parsed = parseJsonFile(file);
    if (!parsed) {
        return parsed.takeError();
    }
    const ordered_json& document = *parsed;
    if (!document.is_object()) {
        return makeError(
            file + ": the top level must be a JSON object (commit id -> commit, or our format), found " +
            std::string(document.type_name()));
    }
    const bool ours = document.contains("format") && document["format"].is_string();
    ImportReport report;
    report.format = ours ? "curator" : "original";

    // Validate everything before touching the database.
    std::vector<std::pair<std::string, const ordered_json*>> commits;
    if (ours) {
        if (document["format"] != kOurFormat) {
            return makeError(file + ": field 'format' is '" + document["format"].get<std::string>() +
                             "', expected '" + kOurFormat + "'");
        }
        const auto version = document.find("format_version");
        if (version == document.end() || !version->is_number_integer() || version->get<int64_t>() < 1) {
            return makeError(file + ": field 'format_version' must be a positive integer");
        }
        if (version->get<int64_t>() > kOurFormatVersion) {
            return makeError(file + ": written by a newer version (format_version " +
                             std::to_string(version->get<int64_t>()) + ", this program reads up to " +
                             std::to_string(kOurFormatVersion) + ")");
        }
        const auto list = document.find("commits");
        if (list == document.end() || !list->is_array()) {
            return makeError(file + ": field 'commits' must be a list");
        }
        const auto images = document.find("images");
        if (images == document.end() || !images->is_array()) {
            return makeError(file + ": field 'images' must be a list");
        }
        std::set<std::string> seen;
        for (size_t position = 0; position < list->size(); ++position) {
            const ordered_json& entry = (*list)[position];
            const std::string id = entry.is_object() ? stringField(entry, "id") : std::string();
            EntryChecker checker(file, id, position, entry);
            if (!entry.is_object()) {
                return checker.fail(std::string("must be an object, found ") + entry.type_name());
            }
            if (id.empty()) {
                return checker.fail("field 'id' must be a non-empty string");
            }
            if (!seen.insert(id).second) {
                return checker.fail("the id appears twice in the file");
            }
            const std::string kind = stringField(entry, "kind");
            if (kind != "commit" && kind != "revert" && kind != "merge") {
                return checker.fail("field 'kind' must be 'commit', 'revert' or 'merge'");
            }
            const std::pair<const char*, const char*> required[] = {
                {"images", "a list of strings"}, {"size", "a non-negative integer"}, {"image_ids", "a list"},
                {"author", "a string"},          {"created_at", "a string"},         {"message", "a string"}};
            for (const auto& [field, expected] : required) {
                Status status = checker.require(field, expected);
                if (!status) {
                    return status.takeError();
                }
            }
            const std::pair<const char*, const char*> optional[] = {{"query", "a string"},
                                                                    {"dataset", "a string"},
                                                                    {"negative_prompts", "a list of strings"},
                                                                    {"threshold", "a number"},
                                                                    {"negative_threshold", "a number"},
                                                                    {"parent", "a string or null"},
                                                                    {"second_parent", "a string or null"},
                                                                    {"reverts", "a string or null"},
                                                                    {"tags", "a list of strings"},
                                                                    {"sources", "a list of strings"},
                                                                    {"embedding_model", "a string"},
                                                                    {"query_vector_sha256", "a string"},
                                                                    {"branch", "a string"},
                                                                    {"original", "an object"}};
            for (const auto& [field, expected] : optional) {
                Status status = checker.optional(field, expected);
                if (!status) {
                    return status.takeError();
                }
            }
            const ordered_json& ids = entry["image_ids"];
            if (ids.size() != entry["images"].size() || entry["size"].get<uint64_t>() != ids.size()) {
                return checker.fail(
                    "fields 'images', 'image_ids' and 'size' disagree on the number of images");
            }
            for (size_t i = 0; i < ids.size(); ++i) {
                if (!isStringArray(ids[i]) || ids[i].size() != 2 || ids[i][0].get<std::string>().empty() ||
                    ids[i][1].get<std::string>().empty()) {
                    return checker.fail("field 'image_ids' entry " + std::to_string(i) +
                                        " must be [source, name] with two non-empty strings");
                }
            }
            if (kind == "revert" && stringField(entry, "reverts").empty()) {
                return checker.fail("a revert needs field 'reverts' (the commit it reverts)");
            }
            commits.emplace_back(id, &entry);
        }
        for (size_t i = 0; i < images->size(); ++i) {
            const ordered_json& image = (*images)[i];
            if (!image.is_object() || stringField(image, "source").empty() ||
                stringField(image, "name").empty()) {
                return makeError(file + ": field 'images' entry " + std::to_string(i) +
                                 " must be an object with non-empty 'source' and 'name'");
            }
        }
    } else {
        size_t position = 0;
        for (auto it = document.begin(); it != document.end(); ++it, ++position) {
            if (it.key().empty()) {
                return makeError(file + ": entry " + std::to_string(position + 1) +
                                 " has an empty commit id");
            }
            Status status = checkOriginalEntry(file, it.key(), position, it.value());
            if (!status) {
                return status.takeError();
            }
            commits.emplace_back(it.key(), &it.value());
        }
    }

    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return makeError(transaction.began().error());
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* branch = graph->branch(graph->checkedOut);
    if (!branch || branch->state != "open") {
        return makeError("import: the checked-out branch '" + graph->checkedOut + "' is not open");
    }
    std::vector<std::string> clashes;
    for (const auto& commit : commits) {
        if (graph->indexById.count(commit.first)) {
            clashes.push_back(commit.first);
        }
    }
    if (!clashes.empty()) {
        std::string list;
        for (size_t i = 0; i < clashes.size() && i < 5; ++i) {
            list += (i ? ", " : "") + clashes[i];
        }
        return makeError(file + ": " + std::to_string(clashes.size()) +
                         " commit id(s) already exist in this workspace (" + list +
                         (clashes.size() > 5 ? ", ..." : "") + "); nothing was imported");
    }
    std::set<std::string> inFile;
    for (const auto& commit : commits) {
        inFile.insert(commit.first);
    }

    curationdetail::ImageKeyWriter writer(m_database);
    Status status = writer.prepare();
    if (!status) {
        return status.takeError();
    }
    if (ours) {
        // The final image list carries catalog facts (path, caption, size) of the exporting workspace.
        for (const ordered_json& image : document["images"]) {
            const auto resolved = image.find("resolved");
            if (resolved != image.end() && resolved->is_boolean() && !resolved->get<bool>()) {
                continue; // unresolved there: stays unresolved here (the commits name it)
            }
            CatalogImage catalogImage{stringField(image, "source"),
                                      stringField(image, "name"),
                                      stringField(image, "path"),
                                      stringField(image, "caption"),
                                      0,
                                      0,
                                      true};
            const auto width = image.find("width");
            const auto height = image.find("height");
            if (width != image.end() && width->is_number_integer()) {
                catalogImage.width = width->get<int64_t>();
            }
            if (height != image.end() && height->is_number_integer()) {
                catalogImage.height = height->get<int64_t>();
            }
            Result<int64_t> source = writer.sourceKey(catalogImage.source);
            if (!source) {
                return source.takeError();
            }
            Result<int64_t> key = writer.keyForCatalogImage(*source, catalogImage, false);
            if (!key) {
                return key.takeError();
            }
        }
    }

    Result<SqliteStatement> insertCommit = m_database.prepare(kInsertCommitSql);
    Result<SqliteStatement> insertRow = m_database.prepare(
        "INSERT INTO commit_images(commit_seq, position, image_key, source_key, original_path) "
        "VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!insertCommit || !insertRow) {
        return makeError(!insertCommit ? insertCommit.error() : insertRow.error());
    }
    std::unordered_set<int64_t> distinct;
    std::unordered_set<int64_t> unknown;
    std::string previous = branch->head;
    const std::string importedAt = utcTimestamp();
    for (size_t position = 0; position < commits.size(); ++position) {
        const std::string& id = commits[position].first;
        const ordered_json& entry = *commits[position].second;
        SqliteStatement& insert = *insertCommit;
        insert.bindText(1, id);
        insert.bindText(3, graph->checkedOut);
        std::vector<std::pair<std::string, std::string>> images; // (source, name)
        const ordered_json& paths = entry["images"];
        std::string originalJson;
        if (ours) {
            const std::string kind = stringField(entry, "kind");
            insert.bindText(2, kind);
            const std::string recordedBranch = stringField(entry, "branch");
            insert.bindText(3, recordedBranch.empty() ? graph->checkedOut : recordedBranch);
            // Parents outside the file (the root) attach to the branch being imported onto.
            const std::string parent = stringField(entry, "parent");
            insert.bindTextOrNull(4, inFile.count(parent) ? parent : branch->head);
            const std::string secondParent = stringField(entry, "second_parent");
            insert.bindTextOrNull(5, inFile.count(secondParent) ? secondParent : std::string());
            const std::string target = stringField(entry, "reverts");
            if (!target.empty() && !inFile.count(target) && !graph->indexById.count(target)) {
                return makeError(file + ": commit '" + id + "' (entry " + std::to_string(position + 1) +
                                 "): field 'reverts' names commit '" + target +
                                 "', which is neither in the file nor in the workspace");
            }
            insert.bindTextOrNull(6, target);
            insert.bindText(7, stringField(entry, "query"));
            insert.bindText(8, stringField(entry, "query_vector_sha256"));
            insert.bindText(9, stringField(entry, "embedding_model"));
            bindNumberOrNull(insert, 10, entry, "threshold");
            insert.bindText(11, arrayField(entry, "negative_prompts"));
            bindNumberOrNull(insert, 12, entry, "negative_threshold");
            insert.bindText(13, arrayField(entry, "sources"));
            insert.bindText(14, stringField(entry, "dataset"));
            insert.bindText(15, stringField(entry, "message"));
            insert.bindText(16, stringField(entry, "author"));
            insert.bindText(17, stringField(entry, "created_at"));
            insert.bindText(18, arrayField(entry, "tags"));
            const auto original = entry.find("original");
            if (original != entry.end() && original->is_object()) {
                originalJson = dumpJson(*original, -1, false);
            }
            for (const ordered_json& pair : entry["image_ids"]) {
                images.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
            }
        } else {
            const std::string dataset = entry["dataset"].get<std::string>();
            insert.bindText(2, "commit");
            insert.bindTextOrNull(4, previous);
            insert.bindNull(5);
            insert.bindNull(6);
            insert.bindText(7, entry["query"].get<std::string>());
            insert.bindText(8, "");
            insert.bindText(9, "");
            insert.bindDouble(10, entry["threshold"].get<double>());
            insert.bindText(11, entry["negative_prompts"].dump());
            insert.bindDouble(12, entry["negative_threshold"].get<double>());
            insert.bindText(13, ordered_json::array({dataset}).dump());
            insert.bindText(14, dataset);
            insert.bindText(15, entry["message"].get<std::string>());
            insert.bindText(16, kOriginalAuthor);
            insert.bindText(17, importedAt);
            insert.bindText(18, "[]");
            // Kept as read, minus the (large) image list, which lives in commit_images.
            ordered_json kept = entry;
            kept["images"] = ordered_json::array();
            originalJson = dumpJson(kept, -1, false);
            for (const ordered_json& path : paths) {
                images.emplace_back(dataset, fileNameOf(path.get<std::string>()));
            }
        }
        insert.bindInt(19, int64_t(images.size()));
        if (originalJson.empty()) {
            insert.bindNull(20);
        } else {
            insert.bindText(20, originalJson);
        }
        status = insert.run();
        insert.reset();
        if (!status) {
            return makeError(file + ": commit '" + id + "': " + status.error());
        }
        const int64_t seq = m_database.lastInsertRowId();
        std::string packed;
        packed.reserve(images.size() * 8);
        for (size_t i = 0; i < images.size(); ++i) {
            const std::string path = paths[i].get<std::string>();
            Result<int64_t> source = writer.sourceKey(images[i].first);
            if (!source) {
                return source.takeError();
            }
            bool wasUnknown = false;
            Result<int64_t> key = writer.keyForNamedImage(*source, images[i].second, path, &wasUnknown);
            if (!key) {
                return key.takeError();
            }
            distinct.insert(*key);
            if (wasUnknown && unknown.insert(*key).second &&
                report.unknownSample.size() < kUnknownSampleSize) {
                report.unknownSample.push_back(images[i].first + "/" + images[i].second);
            }
            insertRow->bindInt(1, seq);
            insertRow->bindInt(2, int64_t(i));
            insertRow->bindInt(3, *key);
            insertRow->bindInt(4, *source);
            // Original path strings are kept exactly for commits that came from the original's format.
            if (!originalJson.empty()) {
                insertRow->bindText(5, path);
            } else {
                insertRow->bindNull(5);
            }
            status = insertRow->run();
            if (!status) {
                return status.takeError();
            }
            packed += curationdetail::packImage(*key, *source);
        }
        status = curationdetail::storePackedImages(m_database, seq, packed);
        if (!status) {
            return status.takeError();
        }
        report.entries += images.size();
        ++report.imported;
        previous = id;
    }
    if (!commits.empty()) {
        Result<SqliteStatement> moveHead =
            m_database.prepare("UPDATE branches SET head = ?1 WHERE name = ?2");
        if (!moveHead) {
            return moveHead.takeError();
        }
        moveHead->bindText(1, previous);
        moveHead->bindText(2, graph->checkedOut);
        status = moveHead->run();
        if (!status) {
            return status.takeError();
        }
    }
    status = transaction.commit();
    if (!status) {
        return status.takeError();
    }
    report.distinctImages = distinct.size();
    report.unknownImages = unknown.size();
    return report;
}

// ---- releases ----

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
    std::random_device random;
    const fs::path staging = exportsDirectory / (".staging-" + tag + "-" + std::to_string(random()));
    fs::create_directory(staging, error);
    if (error) {
        return makeError(staging.string() + ": cannot create: " + error.message());
    }
    // Whatever fails below, the staging directory goes.
    struct Cleanup {
        fs::path path;
        bool keep = false;
        ~Cleanup() {
            if (!keep) {
                std::error_code ignored;
                fs::remove_all(path, ignored);
            }
        }
    } cleanup{staging};

    // One read snapshot: consistent figures while another process commits.
    SqliteReadTransaction snapshot(m_database);
    if (!snapshot.began()) {
        return makeError(snapshot.began().error());
    }
    Status status;

    Result<std::string> branch = checkedOutBranch();
    if (!branch) {
        return branch.takeError();
    }
    ReleaseReport report;
    Result<std::string> datasetJson = buildOurJson(*branch, &report.headCommit);
    if (!datasetJson) {
        return datasetJson.takeError();
    }
    Result<StatusReport> figures = this->status(*branch);
    if (!figures) {
        return figures.takeError();
    }
    Result<std::vector<CatalogImage>> images = datasetImages(*branch);
    if (!images) {
        return images.takeError();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    std::set<std::string> models;
    for (size_t index : graph->liveCommits(graph->branch(*branch)->head)) {
        if (!graph->commits[index].embeddingModel.empty()) {
            models.insert(graph->commits[index].embeddingModel);
        }
    }

    ordered_json fileHashes = ordered_json::object();
    ordered_json imageHashes = ordered_json::object();
    auto writeReleaseFile = [&](const std::string& name, const std::string& contents) -> Status {
        Status written = writeFileAtomically((staging / name).string(), contents);
        if (written) {
            fileHashes[name] = Sha256::hashHex(contents);
        }
        return written;
    };
    status = writeReleaseFile("dataset.json", *datasetJson + "\n");
    if (!status) {
        return status.takeError();
    }

    std::string metadata;
    report.images = images->size();
    for (const CatalogImage& image : *images) {
        const std::string relative = "images/" + safeFileName(image.source) + "/" + safeFileName(image.name);
        const bool exists = !image.path.empty() && fs::is_regular_file(image.path, error);
        if (exists) {
            Result<std::string> hash = Sha256::hashFileHex(image.path);
            if (!hash) {
                return hash.takeError();
            }
            imageHashes[image.source + "/" + image.name] = *hash;
            ++report.imagesHashed;
            if (copyImages) {
                const fs::path target = staging / relative;
                fs::create_directories(target.parent_path(), error);
                // A hard link costs no space; across file systems, copy.
                if (::link(image.path.c_str(), target.c_str()) != 0) {
                    fs::copy_file(image.path, target, error);
                    if (error) {
                        return makeError(image.path + ": cannot copy into the release: " + error.message());
                    }
                }
                fileHashes[relative] = *hash;
                ++report.imagesCopied;
            }
        } else {
            ++report.imagesMissing;
        }
        ordered_json line = {
            {"file_name", relative},    {"source", image.source},      {"id", image.name},
            {"caption", image.caption}, {"original_path", image.path}, {"width", image.width},
            {"height", image.height}};
        metadata += dumpJson(line, -1, false);
        metadata += '\n';
    }
    status = writeReleaseFile("metadata.jsonl", metadata);
    if (!status) {
        return status.takeError();
    }

    // The manifest lists every other file's hash; it cannot hold its own.
    ordered_json manifest;
    manifest["format"] = "curator-release";
    manifest["format_version"] = 1;
    manifest["tag"] = tag;
    manifest["tool_version"] = CURATOR_VERSION;
    manifest["created_at"] = utcTimestamp();
    manifest["branch"] = *branch;
    manifest["head_commit"] =
        report.headCommit.empty() ? ordered_json(nullptr) : ordered_json(report.headCommit);
    manifest["embedding_models"] = models;
    manifest["scorer"] = "";
    manifest["counts"] = {{"images", figures->distinctImages},
                          {"live_commits", figures->liveCommits.size()},
                          {"summed_commit_sizes", figures->summedCommitSizes},
                          {"by_source", figures->imagesBySource},
                          {"by_tag", figures->imagesByTag},
                          {"images_hashed", report.imagesHashed},
                          {"images_missing", report.imagesMissing},
                          {"images_copied", report.imagesCopied}};
    manifest["files"] = fileHashes;
    manifest["image_sha256"] = imageHashes;
    status = writeFileAtomically((staging / "manifest.json").string(), dumpJson(manifest, 2, false) + "\n");
    if (!status) {
        return status.takeError();
    }
    // rename() refuses a non-empty target, so a release written meanwhile by another process is kept.
    if (std::rename(staging.c_str(), finalDirectory.c_str()) != 0) {
        return makeError(finalDirectory.string() +
                         ": cannot move the release into place: " + std::strerror(errno));
    }
    cleanup.keep = true;
    syncDirectory(exportsDirectory.string());
    report.directory = finalDirectory.string();
    return report;
}

} // namespace curator
