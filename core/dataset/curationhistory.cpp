// The curation log's history as stored: commit and branch rows read into a HistoryGraph, commit ids
// resolved from prefixes, the log and branch views.

#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace curator {

using nlohmann::json;

namespace {

// The commit columns every commit reader selects, in the order of column::CommitColumn. A macro so that each
// query is one fixed string literal.
#define CURATION_COMMIT_COLUMNS                                                                              \
    "seq, id, kind, branch, parent, second_parent, target, query, query_vector_sha256, embedding_model, "    \
    "threshold, negative_prompts, negative_threshold, sources, dataset, message, author, created_at, tags, " \
    "size, original_json"

namespace column {
enum CommitColumn : int {
    Seq,
    Id,
    Kind,
    Branch,
    Parent,
    SecondParent,
    Target,
    Query,
    QueryVectorSha256,
    EmbeddingModel,
    Threshold,
    NegativePrompts,
    NegativeThreshold,
    Sources,
    Dataset,
    Message,
    Author,
    CreatedAt,
    Tags,
    Size,
    OriginalJson,
    CommitColumnCount
};
} // namespace column

constexpr size_t countColumns(const char* list) {
    size_t count = 1;
    for (; *list; ++list) {
        count += *list == ',' ? 1 : 0;
    }
    return count;
}
static_assert(countColumns(CURATION_COMMIT_COLUMNS) == size_t(column::CommitColumnCount),
              "one CommitColumn per column");

constexpr const char* kSelectAllCommits = "SELECT " CURATION_COMMIT_COLUMNS " FROM commits ORDER BY seq";
constexpr const char* kSelectCommitById = "SELECT " CURATION_COMMIT_COLUMNS " FROM commits WHERE id = ?1";
constexpr const char* kSelectBranches =
    "SELECT name, head, base, state, created_at FROM branches ORDER BY name <> 'main', created_at, name";
constexpr const char* kSelectCheckedOut = "SELECT value FROM settings WHERE key = 'checked_out'";

Result<HistoryCommit> readCommitRow(const SqliteStatement& row) {
    HistoryCommit commit;
    CommitInfo& info = commit.info;
    info.seq = row.columnInt(column::Seq);
    info.id = row.columnText(column::Id);
    const std::optional<CommitKind> kind = parseCommitKind(row.columnTextView(column::Kind));
    if (!kind) {
        return makeError("commit '" + info.id + "' has an unknown kind '" + row.columnText(column::Kind) +
                         "'");
    }
    info.kind = *kind;
    info.branch = row.columnText(column::Branch);
    info.parent = row.columnText(column::Parent);
    info.secondParent = row.columnText(column::SecondParent);
    info.target = row.columnText(column::Target);
    info.query = row.columnText(column::Query);
    info.queryVectorSha256 = row.columnText(column::QueryVectorSha256);
    info.embeddingModel = row.columnText(column::EmbeddingModel);
    info.threshold = row.columnDouble(column::Threshold);
    info.negativePrompts = curationdetail::parseStringArray(row.columnText(column::NegativePrompts));
    info.negativeThreshold = row.columnDouble(column::NegativeThreshold);
    info.sources = curationdetail::parseStringArray(row.columnText(column::Sources));
    info.dataset = row.columnText(column::Dataset);
    info.message = row.columnText(column::Message);
    info.author = row.columnText(column::Author);
    info.createdAt = row.columnText(column::CreatedAt);
    info.tags = curationdetail::parseStringArray(row.columnText(column::Tags));
    info.size = size_t(row.columnInt(column::Size));
    info.imported = !row.isNull(column::OriginalJson);
    commit.originalJson = row.columnText(column::OriginalJson);
    return commit;
}

Result<HistoryBranch> readBranchRow(const SqliteStatement& row) {
    HistoryBranch branch;
    branch.name = row.columnText(0);
    branch.head = row.columnText(1);
    branch.base = row.columnText(2);
    const std::optional<BranchState> state = parseBranchState(row.columnTextView(3));
    if (!state) {
        return makeError("branch '" + branch.name + "' has an unknown state '" + row.columnText(3) + "'");
    }
    branch.state = *state;
    branch.createdAt = row.columnText(4);
    return branch;
}

} // namespace

namespace curationdetail {

std::string jsonStringArray(const std::vector<std::string>& values) {
    return json(values).dump();
}

std::vector<std::string> parseStringArray(const std::string& text) {
    std::vector<std::string> values;
    const json parsed = json::parse(text, nullptr, false);
    if (parsed.is_array()) {
        for (const json& value : parsed) {
            if (value.is_string()) {
                values.push_back(value.get<std::string>());
            }
        }
    }
    return values;
}

std::string joinSources(const std::vector<std::string>& sources) {
    std::string joined;
    for (const std::string& source : sources) {
        joined += (joined.empty() ? "" : ",") + source;
    }
    return joined;
}

Result<HistoryGraph> loadHistory(SqliteDatabase& database) {
    HistoryGraph graph;
    CURATOR_TRY(SqliteStatement commits, database.prepare(kSelectAllCommits));
    Status rowError;
    CURATOR_TRY_STATUS(commits.forEachRow([&](const SqliteStatement& row) {
        Result<HistoryCommit> commit = readCommitRow(row);
        if (!commit) {
            rowError = commit.takeError();
        } else if (rowError) {
            graph.addCommit(std::move(*commit));
        }
    }));
    CURATOR_TRY_STATUS(rowError);
    CURATOR_TRY(const std::string checkedOut, checkedOutBranch(database));
    graph.setCheckedOut(checkedOut);
    CURATOR_TRY(SqliteStatement branches, database.prepare(kSelectBranches));
    CURATOR_TRY_STATUS(branches.forEachRow([&](const SqliteStatement& row) {
        Result<HistoryBranch> branch = readBranchRow(row);
        if (!branch) {
            rowError = branch.takeError();
        } else if (rowError) {
            graph.addBranch(std::move(*branch));
        }
    }));
    CURATOR_TRY_STATUS(rowError);
    return graph;
}

Result<std::string> checkedOutBranch(SqliteDatabase& database) {
    CURATOR_TRY(const std::string value, database.queryText(kSelectCheckedOut));
    return value.empty() ? std::string(kMainBranch) : value;
}

Result<std::string> resolveBranch(SqliteDatabase& database, const std::string& branch) {
    if (!branch.empty()) {
        return branch;
    }
    return checkedOutBranch(database);
}

Result<int64_t> insertCommitRow(SqliteDatabase& database, const CommitRow& row) {
    const auto realOrNull = [](const std::optional<double>& value) {
        return value ? SqlValue(*value) : SqlValue(nullptr);
    };
    CURATOR_TRY_STATUS(database.execute(
        "INSERT INTO commits(id, kind, branch, parent, second_parent, target, query, query_vector_sha256, "
        "embedding_model, threshold, negative_prompts, negative_threshold, sources, dataset, message, "
        "author, "
        "created_at, tags, size, original_json) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        {row.id,
         commitKindName(row.kind),
         row.branch,
         SqlValue::textOrNull(row.parent),
         SqlValue::textOrNull(row.secondParent),
         SqlValue::textOrNull(row.target),
         row.query,
         row.queryVectorSha256,
         row.embeddingModel,
         realOrNull(row.threshold),
         row.negativePromptsJson,
         realOrNull(row.negativeThreshold),
         row.sourcesJson,
         row.dataset,
         row.message,
         row.author,
         row.createdAt,
         row.tagsJson,
         row.size,
         SqlValue::textOrNull(row.originalJson)}));
    return database.lastInsertRowId();
}

Status moveHead(SqliteDatabase& database, const std::string& branch, const std::string& commitId) {
    return database.execute("UPDATE branches SET head = ?1 WHERE name = ?2", {commitId, branch});
}

} // namespace curationdetail

Result<std::string> CurationLog::checkedOutBranch() {
    return curationdetail::checkedOutBranch(m_database);
}

Result<std::string> CurationLog::resolveId(const std::string& idOrPrefix) {
    std::string prefix;
    for (unsigned char c : idOrPrefix) {
        prefix += char(std::tolower(c));
    }
    if (prefix.empty()) {
        return makeError("empty commit id");
    }
    // Ids are lowercase hex and '-': a range scan on the unique index finds every id with the prefix.
    CURATOR_TRY(
        SqliteStatement query,
        m_database.prepare("SELECT id FROM commits WHERE id = ?2 OR (id >= ?1 AND id < ?1 || char(127)) "
                           "ORDER BY seq LIMIT 6",
                           {prefix, idOrPrefix}));
    std::vector<std::string> matches;
    CURATOR_TRY_STATUS(
        query.forEachRow([&](const SqliteStatement& row) { matches.push_back(row.columnText(0)); }));
    if (matches.empty()) {
        return makeError("unknown commit '" + idOrPrefix + "'");
    }
    if (std::find(matches.begin(), matches.end(), idOrPrefix) != matches.end()) {
        return idOrPrefix; // a whole id is never ambiguous
    }
    if (matches.size() > 1) {
        std::string list;
        for (size_t i = 0; i < matches.size() && i < 5; ++i) {
            list += (i ? ", " : "") + matches[i];
        }
        return makeError("commit id prefix '" + idOrPrefix + "' is ambiguous: it matches " + list +
                         (matches.size() > 5 ? ", ..." : "") + "; give more characters");
    }
    return matches.front();
}

Result<CommitInfo> CurationLog::commitInfo(const std::string& idOrPrefix) {
    CURATOR_TRY(const std::string id, resolveId(idOrPrefix));
    CURATOR_TRY(SqliteStatement query, m_database.prepare(kSelectCommitById, {id}));
    CURATOR_TRY(const bool found, query.step());
    if (!found) {
        return makeError("unknown commit '" + idOrPrefix + "'");
    }
    CURATOR_TRY(HistoryCommit commit, readCommitRow(query));
    return std::move(commit.info);
}

Result<CommitGraph> CurationLog::log() {
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    return graph.toCommitGraph();
}

Result<std::vector<BranchInfo>> CurationLog::listBranches() {
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    return graph.branchInfos();
}

} // namespace curator
