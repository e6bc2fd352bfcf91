#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"
#include "search/searchoperations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

namespace curator {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Step N migrates schema N to N + 1; kCurationSchemaVersion is the number of steps.
const char* const kMigrations[] = {
    // 0 -> 1: the initial schema (see curationlog.h).
    R"sql(
CREATE TABLE sources(
    source_key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE);
CREATE TABLE images(
    image_key INTEGER PRIMARY KEY,
    source_key INTEGER NOT NULL REFERENCES sources(source_key),
    name TEXT NOT NULL,
    path TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    in_catalog INTEGER NOT NULL DEFAULT 1,
    UNIQUE(source_key, name));
CREATE INDEX images_unresolved ON images(image_key) WHERE in_catalog = 0;
CREATE TABLE commits(
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK(kind IN ('commit', 'revert', 'merge')),
    branch TEXT NOT NULL,
    parent TEXT REFERENCES commits(id),
    second_parent TEXT REFERENCES commits(id),
    target TEXT REFERENCES commits(id),
    query TEXT NOT NULL DEFAULT '',
    query_vector_sha256 TEXT NOT NULL DEFAULT '',
    embedding_model TEXT NOT NULL DEFAULT '',
    threshold REAL,
    negative_prompts TEXT NOT NULL DEFAULT '[]',
    negative_threshold REAL,
    sources TEXT NOT NULL DEFAULT '[]',
    dataset TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    size INTEGER NOT NULL DEFAULT 0,
    original_json TEXT,
    packed_images BLOB);
CREATE TABLE commit_images(
    commit_seq INTEGER NOT NULL REFERENCES commits(seq),
    position INTEGER NOT NULL,
    image_key INTEGER NOT NULL REFERENCES images(image_key),
    source_key INTEGER NOT NULL,
    original_path TEXT,
    PRIMARY KEY(commit_seq, position)) WITHOUT ROWID;
CREATE TABLE branches(
    name TEXT PRIMARY KEY,
    head TEXT REFERENCES commits(id),
    base TEXT REFERENCES commits(id),
    state TEXT NOT NULL CHECK(state IN ('open', 'merged', 'discarded')),
    created_at TEXT NOT NULL);
CREATE TABLE settings(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL);
INSERT INTO branches(name, head, base, state, created_at) VALUES('main', NULL, NULL, 'open', '');
INSERT INTO settings(key, value) VALUES('checked_out', 'main');
)sql",
    // 1 -> 2: caches of captions and aesthetics scores, keyed by image and model (core/rating).
    R"sql(
CREATE TABLE caption_cache(
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    model TEXT NOT NULL,
    caption TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY(source, name, model)) WITHOUT ROWID;
CREATE TABLE score_cache(
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    model TEXT NOT NULL,
    caption_sha256 TEXT NOT NULL,
    score REAL NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY(source, name, model, caption_sha256)) WITHOUT ROWID;
)sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kCurationSchemaVersion,
              "one migration step per schema version");

constexpr size_t kRecentCommits = 5;

bool isValidBranchName(const std::string& name) {
    if (name.empty() || name.size() > 100 || name[0] == '-' || name[0] == '.' || name[0] == '/') {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':';
    });
}

bool isValidAuthor(const std::string& author) {
    return author == "human" || (author.rfind("agent:", 0) == 0 && author.size() > 6);
}

CommitInfo readCommitRow(const SqliteStatement& row, std::string* originalJson) {
    CommitInfo info;
    info.seq = row.columnInt(0);
    info.id = row.columnText(1);
    info.kind = row.columnText(2);
    info.branch = row.columnText(3);
    info.parent = row.columnText(4);
    info.secondParent = row.columnText(5);
    info.target = row.columnText(6);
    info.query = row.columnText(7);
    info.queryVectorSha256 = row.columnText(8);
    info.embeddingModel = row.columnText(9);
    info.threshold = row.columnDouble(10);
    info.negativePrompts = curationdetail::parseStringArray(row.columnText(11));
    info.negativeThreshold = row.columnDouble(12);
    info.sources = curationdetail::parseStringArray(row.columnText(13));
    info.dataset = row.columnText(14);
    info.message = row.columnText(15);
    info.author = row.columnText(16);
    info.createdAt = row.columnText(17);
    info.tags = curationdetail::parseStringArray(row.columnText(18));
    info.size = size_t(row.columnInt(19));
    info.imported = !row.isNull(20);
    if (originalJson) {
        *originalJson = row.columnText(20);
    }
    return info;
}

StatusCommit toStatusCommit(const CommitInfo& info) {
    StatusCommit entry;
    entry.id = info.id;
    entry.kind = info.kind;
    entry.author = info.author;
    entry.message = info.message;
    entry.query = info.query;
    entry.sources = info.sources;
    entry.tags = info.tags;
    entry.createdAt = info.createdAt;
    entry.target = info.target;
    entry.images = info.size;
    return entry;
}

} // namespace

// ---- helpers shared with curationlogio.cpp ----

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

std::string packImage(int64_t imageKey, int64_t sourceKey) {
    const uint64_t packed = uint64_t(imageKey) | (uint64_t(sourceKey) << kPackedSourceShift);
    std::string bytes(8, '\0');
    for (size_t i = 0; i < 8; ++i) {
        bytes[i] = char(uint8_t(packed >> (8 * i)));
    }
    return bytes;
}

Status storePackedImages(SqliteDatabase& database, int64_t seq, const std::string& packed) {
    Result<SqliteStatement> update = database.prepare("UPDATE commits SET packed_images = ?2 WHERE seq = ?1");
    if (!update) {
        return update.takeError();
    }
    update->bindInt(1, seq);
    update->bindBlob(2, packed);
    return update->run();
}

Status forEachImageRow(SqliteDatabase& database, const std::vector<int64_t>& seqs,
                       const std::function<void(int64_t, int64_t, int64_t)>& visit) {
    // The packed copy: one blob per commit instead of a row per image (status reads a million in ms).
    Result<SqliteStatement> statement = database.prepare("SELECT packed_images FROM commits WHERE seq = ?1");
    if (!statement) {
        return statement.takeError();
    }
    constexpr uint64_t keyMask = (uint64_t(1) << kPackedSourceShift) - 1;
    for (int64_t seq : seqs) {
        statement->bindInt(1, seq);
        Result<bool> row = statement->step();
        if (!row) {
            return row.takeError();
        }
        if (*row) {
            const std::string_view bytes = statement->columnBlobView(0);
            const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
            for (size_t offset = 0; offset + 8 <= bytes.size(); offset += 8) {
                uint64_t packed = 0;
                for (size_t i = 0; i < 8; ++i) {
                    packed |= uint64_t(data[offset + i]) << (8 * i);
                }
                visit(seq, int64_t(packed & keyMask), int64_t(packed >> kPackedSourceShift));
            }
        }
        statement->reset();
    }
    return {};
}

Status ImageKeyWriter::prepare() {
    const std::pair<SqliteStatement*, const char*> statements[] = {
        {&m_findSource, "SELECT source_key FROM sources WHERE name = ?1"},
        {&m_insertSource, "INSERT INTO sources(name) VALUES(?1)"},
        {&m_find, "SELECT image_key, in_catalog FROM images WHERE source_key = ?1 AND name = ?2"},
        {&m_insert, "INSERT INTO images(source_key, name, path, caption, width, height, in_catalog) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&m_update, "UPDATE images SET path = CASE WHEN ?2 <> '' THEN ?2 ELSE path END, "
                    "caption = CASE WHEN ?3 <> '' THEN ?3 ELSE caption END, "
                    "width = CASE WHEN ?4 > 0 THEN ?4 ELSE width END, "
                    "height = CASE WHEN ?5 > 0 THEN ?5 ELSE height END, in_catalog = 1 WHERE image_key = ?1"},
    };
    for (const auto& [target, sql] : statements) {
        Result<SqliteStatement> statement = m_database.prepare(sql);
        if (!statement) {
            return statement.takeError();
        }
        *target = std::move(*statement);
    }
    return {};
}

Result<int64_t> ImageKeyWriter::sourceKey(const std::string& source) {
    const auto cached = m_sourceKeys.find(source);
    if (cached != m_sourceKeys.end()) {
        return cached->second;
    }
    m_findSource.bindText(1, source);
    Result<bool> row = m_findSource.step();
    if (!row) {
        return row.takeError();
    }
    int64_t key = 0;
    if (*row) {
        key = m_findSource.columnInt(0);
        m_findSource.reset();
    } else {
        m_findSource.reset();
        m_insertSource.bindText(1, source);
        Status inserted = m_insertSource.run();
        m_insertSource.reset();
        if (!inserted) {
            return inserted.takeError();
        }
        key = m_database.lastInsertRowId();
    }
    m_sourceKeys.emplace(source, key);
    return key;
}

Result<int64_t> ImageKeyWriter::keyForCatalogImage(int64_t source, const CatalogImage& image,
                                                   bool overwrite) {
    m_find.bindInt(1, source);
    m_find.bindText(2, image.name);
    Result<bool> row = m_find.step();
    if (!row) {
        return row.takeError();
    }
    if (*row) {
        const int64_t key = m_find.columnInt(0);
        const bool known = m_find.columnInt(1) != 0;
        m_find.reset();
        if (!known || overwrite) {
            m_update.bindInt(1, key);
            m_update.bindText(2, image.path);
            m_update.bindText(3, image.caption);
            m_update.bindInt(4, image.width);
            m_update.bindInt(5, image.height);
            Status updated = m_update.run();
            m_update.reset();
            if (!updated) {
                return updated.takeError();
            }
        }
        return key;
    }
    m_find.reset();
    m_insert.bindInt(1, source);
    m_insert.bindText(2, image.name);
    m_insert.bindText(3, image.path);
    m_insert.bindText(4, image.caption);
    m_insert.bindInt(5, image.width);
    m_insert.bindInt(6, image.height);
    m_insert.bindInt(7, 1);
    Status inserted = m_insert.run();
    m_insert.reset();
    if (!inserted) {
        return inserted.takeError();
    }
    return m_database.lastInsertRowId();
}

Result<int64_t> ImageKeyWriter::keyForNamedImage(int64_t source, const std::string& name,
                                                 const std::string& path, bool* wasUnknown) {
    m_find.bindInt(1, source);
    m_find.bindText(2, name);
    Result<bool> row = m_find.step();
    if (!row) {
        return row.takeError();
    }
    if (*row) {
        const int64_t key = m_find.columnInt(0);
        *wasUnknown = m_find.columnInt(1) == 0;
        m_find.reset();
        return key;
    }
    m_find.reset();
    *wasUnknown = true;
    m_insert.bindInt(1, source);
    m_insert.bindText(2, name);
    m_insert.bindText(3, path);
    m_insert.bindText(4, "");
    m_insert.bindInt(5, 0);
    m_insert.bindInt(6, 0);
    m_insert.bindInt(7, 0);
    Status inserted = m_insert.run();
    m_insert.reset();
    if (!inserted) {
        return inserted.takeError();
    }
    return m_database.lastInsertRowId();
}

} // namespace curationdetail

// ---- free functions ----

std::string shortId(const std::string& id) {
    return id.substr(0, kShortIdLength);
}

std::string newUuidV4() {
    std::random_device random;
    uint8_t bytes[16];
    for (size_t i = 0; i < 16; i += 4) {
        const uint32_t value = random();
        for (size_t j = 0; j < 4; ++j) {
            bytes[i + j] = uint8_t(value >> (8 * j));
        }
    }
    bytes[6] = uint8_t((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = uint8_t((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    static const char* digits = "0123456789abcdef";
    std::string text;
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 0xf];
    }
    return text;
}

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

// ---- Graph ----

const BranchInfo* CurationLog::Graph::branch(const std::string& name) const {
    for (const BranchInfo& info : branches) {
        if (info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

std::vector<char> CurationLog::Graph::reachable(const std::string& headId) const {
    std::vector<char> reached(commits.size(), 0);
    std::vector<std::string> pending;
    if (!headId.empty()) {
        pending.push_back(headId);
    }
    while (!pending.empty()) {
        const std::string id = std::move(pending.back());
        pending.pop_back();
        const auto it = indexById.find(id);
        if (it == indexById.end() || reached[it->second]) {
            continue;
        }
        reached[it->second] = 1;
        const CommitInfo& info = commits[it->second];
        if (!info.parent.empty()) {
            pending.push_back(info.parent);
        }
        if (!info.secondParent.empty()) {
            pending.push_back(info.secondParent);
        }
    }
    return reached;
}

std::vector<long> CurationLog::Graph::undoneBy(const std::vector<char>& considered) const {
    std::vector<long> undone(commits.size(), -1);
    // Newest first: whether a revert is itself undone is settled before it acts on its (older) target.
    for (size_t i = commits.size(); i-- > 0;) {
        if (!considered[i] || commits[i].kind != "revert" || undone[i] >= 0) {
            continue;
        }
        const auto target = indexById.find(commits[i].target);
        if (target != indexById.end() && undone[target->second] < 0) {
            undone[target->second] = long(i);
        }
    }
    return undone;
}

std::vector<size_t> CurationLog::Graph::liveCommits(const std::string& headId) const {
    const std::vector<char> reached = reachable(headId);
    const std::vector<long> undone = undoneBy(reached);
    std::vector<size_t> live;
    for (size_t i = 0; i < commits.size(); ++i) {
        if (reached[i] && undone[i] < 0 && commits[i].kind == "commit") {
            live.push_back(i);
        }
    }
    return live;
}

// ---- CurationLog ----

CurationLog::CurationLog() = default;
CurationLog::~CurationLog() = default;
CurationLog::CurationLog(CurationLog&&) noexcept = default;
CurationLog& CurationLog::operator=(CurationLog&&) noexcept = default;

Result<CurationLog> CurationLog::open(const std::string& workspaceDirectory) {
    std::error_code error;
    fs::create_directories(workspaceDirectory, error);
    if (error) {
        return makeError(workspaceDirectory + ": cannot create the workspace directory: " + error.message());
    }
    const std::string path = (fs::path(workspaceDirectory) / kCurationDatabaseFile).string();
    Result<SqliteDatabase> database = SqliteDatabase::open(path);
    if (!database) {
        return database.takeError();
    }
    CurationLog log;
    log.m_database = std::move(*database);
    log.m_workspaceDirectory = workspaceDirectory;
    Status status = log.initialize();
    if (!status) {
        return status.takeError();
    }
    return log;
}

Status CurationLog::initialize() {
    // Readers wait for a writer's commit instead of failing with SQLITE_BUSY.
    Status status = m_database.exec("PRAGMA busy_timeout = 5000");
    if (!status) {
        return status;
    }
    // Read the version before anything writes: a newer database must be left exactly as it is.
    Result<int64_t> version = m_database.queryInt("PRAGMA user_version");
    if (!version) {
        return makeError(m_database.path() + ": not a readable curation database: " + version.error());
    }
    if (*version > kCurationSchemaVersion) {
        return makeError(m_database.path() + ": written by a newer version (schema " +
                         std::to_string(*version) + ", this program knows up to " +
                         std::to_string(kCurationSchemaVersion) + "); refusing to open it");
    }
    Result<std::string> mode = m_database.queryText("PRAGMA journal_mode = WAL");
    if (!mode) {
        return mode.takeError();
    }
    if (*mode != "wal") {
        return makeError(m_database.path() + ": cannot switch to WAL mode (journal mode is '" + *mode + "')");
    }
    status = m_database.exec("PRAGMA foreign_keys = ON");
    if (!status) {
        return status;
    }
    if (*version == kCurationSchemaVersion) {
        return {};
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return transaction.began();
    }
    // Another process may have migrated while this one waited for the lock.
    version = m_database.queryInt("PRAGMA user_version");
    if (!version) {
        return version.takeError();
    }
    for (int64_t step = *version; step < kCurationSchemaVersion; ++step) {
        status = m_database.exec(kMigrations[step]);
        if (!status) {
            return makeError("migrating schema " + std::to_string(step) + " to " + std::to_string(step + 1) +
                             ": " + status.error());
        }
        if (step == 0) {
            status = m_database.exec("UPDATE branches SET created_at = '" + utcTimestamp() + "'");
            if (!status) {
                return status;
            }
        }
    }
    status = m_database.exec("PRAGMA user_version = " + std::to_string(kCurationSchemaVersion));
    if (!status) {
        return status;
    }
    return transaction.commit();
}

Result<CurationLog::Graph> CurationLog::loadGraph() {
    Graph graph;
    Result<SqliteStatement> rows = m_database.prepare(
        "SELECT seq, id, kind, branch, parent, second_parent, target, query, query_vector_sha256, "
        "embedding_model, threshold, negative_prompts, negative_threshold, sources, dataset, message, "
        "author, "
        "created_at, tags, size, original_json FROM commits ORDER BY seq");
    if (!rows) {
        return rows.takeError();
    }
    while (true) {
        Result<bool> row = rows->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        std::string original;
        graph.commits.push_back(readCommitRow(*rows, &original));
        graph.originalJson.push_back(std::move(original));
        graph.indexById.emplace(graph.commits.back().id, graph.commits.size() - 1);
    }
    Result<SqliteStatement> branches = m_database.prepare(
        "SELECT name, head, base, state, created_at FROM branches ORDER BY name <> 'main', created_at, name");
    if (!branches) {
        return branches.takeError();
    }
    Result<std::string> checkedOut =
        m_database.queryText("SELECT value FROM settings WHERE key = 'checked_out'");
    if (!checkedOut) {
        return checkedOut.takeError();
    }
    graph.checkedOut = checkedOut->empty() ? kMainBranch : *checkedOut;
    while (true) {
        Result<bool> row = branches->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        BranchInfo info;
        info.name = branches->columnText(0);
        info.head = branches->columnText(1);
        info.base = branches->columnText(2);
        info.state = branches->columnText(3);
        info.createdAt = branches->columnText(4);
        info.checkedOut = info.name == graph.checkedOut;
        info.liveCommits = graph.liveCommits(info.head).size();
        graph.branches.push_back(std::move(info));
    }
    return graph;
}

Result<std::string> CurationLog::resolveBranch(const std::string& branch) {
    if (!branch.empty()) {
        return branch;
    }
    return checkedOutBranch();
}

Result<std::string> CurationLog::checkedOutBranch() {
    Result<std::string> value = m_database.queryText("SELECT value FROM settings WHERE key = 'checked_out'");
    if (!value) {
        return value.takeError();
    }
    return value->empty() ? std::string(kMainBranch) : *value;
}

Result<std::vector<char>> CurationLog::membership(const std::vector<int64_t>& seqs) {
    Result<int64_t> maxKey = m_database.queryInt("SELECT coalesce(max(image_key), 0) FROM images");
    if (!maxKey) {
        return maxKey.takeError();
    }
    std::vector<char> members(size_t(*maxKey) + 1, 0);
    Status status = curationdetail::forEachImageRow(
        m_database, seqs, [&members](int64_t, int64_t key, int64_t) { members[size_t(key)] = 1; });
    if (!status) {
        return status.takeError();
    }
    return members;
}

Result<std::vector<int64_t>> CurationLog::liveCommitSeqs(const Graph& graph, const std::string& branch) {
    const BranchInfo* info = graph.branch(branch);
    if (!info) {
        return makeError("unknown branch '" + branch + "'");
    }
    std::vector<int64_t> seqs;
    for (size_t index : graph.liveCommits(info->head)) {
        seqs.push_back(graph.commits[index].seq);
    }
    return seqs;
}

Status CurationLog::upsertImages(const std::vector<CatalogImage>& images) {
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return transaction.began();
    }
    curationdetail::ImageKeyWriter writer(m_database);
    Status status = writer.prepare();
    if (!status) {
        return status;
    }
    for (size_t i = 0; i < images.size(); ++i) {
        const CatalogImage& image = images[i];
        if (image.source.empty() || image.name.empty()) {
            return makeError("catalog image " + std::to_string(i) + ": source and name must not be empty");
        }
        Result<int64_t> source = writer.sourceKey(image.source);
        if (!source) {
            return source.takeError();
        }
        Result<int64_t> key = writer.keyForCatalogImage(*source, image, true);
        if (!key) {
            return key.takeError();
        }
    }
    return transaction.commit();
}

Result<size_t> CurationLog::catalogSize() {
    Result<int64_t> count = m_database.queryInt("SELECT count(*) FROM images WHERE in_catalog = 1");
    if (!count) {
        return count.takeError();
    }
    return size_t(*count);
}

Result<CommitOutcome> CurationLog::commit(const CommitRequest& request) {
    if (!isValidAuthor(request.author)) {
        return makeError("commit: author '" + request.author + "' must be 'human' or 'agent:<run id>'");
    }
    std::vector<std::string> sources = request.sources;
    for (size_t i = 0; i < request.images.size(); ++i) {
        const CatalogImage& image = request.images[i];
        if (image.source.empty() || image.name.empty()) {
            return makeError("commit: image " + std::to_string(i) + " has an empty source or name");
        }
        if (request.sources.empty() &&
            std::find(sources.begin(), sources.end(), image.source) == sources.end()) {
            sources.push_back(image.source);
        }
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return makeError(transaction.began().error());
    }
    Result<std::string> branch = resolveBranch(request.branch);
    if (!branch) {
        return branch.takeError();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = graph->branch(*branch);
    if (!info) {
        return makeError("commit: unknown branch '" + *branch + "'");
    }
    if (info->state != "open") {
        return makeError("commit: branch '" + *branch + "' is " + info->state + "; commit to an open branch");
    }
    Result<std::vector<int64_t>> live = liveCommitSeqs(*graph, *branch);
    if (!live) {
        return live.takeError();
    }
    Result<std::vector<char>> members = membership(*live);
    if (!members) {
        return members.takeError();
    }

    CommitOutcome outcome;
    outcome.id = newUuidV4();
    outcome.branch = *branch;
    outcome.parent = info->head;
    outcome.selected = request.images.size();

    Result<SqliteStatement> insertCommit = m_database.prepare(
        "INSERT INTO commits(id, kind, branch, parent, query, query_vector_sha256, embedding_model, "
        "threshold, "
        "negative_prompts, negative_threshold, sources, dataset, message, author, created_at, tags, size) "
        "VALUES(?1, 'commit', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (!insertCommit) {
        return insertCommit.takeError();
    }
    insertCommit->bindText(1, outcome.id);
    insertCommit->bindText(2, *branch);
    insertCommit->bindTextOrNull(3, info->head);
    insertCommit->bindText(4, request.query);
    insertCommit->bindText(5, request.queryVectorSha256);
    insertCommit->bindText(6, request.embeddingModel);
    insertCommit->bindDouble(7, request.threshold);
    insertCommit->bindText(8, curationdetail::jsonStringArray(request.negativePrompts));
    insertCommit->bindDouble(9, request.negativeThreshold);
    insertCommit->bindText(10, curationdetail::jsonStringArray(sources));
    insertCommit->bindText(11, curationdetail::joinSources(sources));
    insertCommit->bindText(12, request.message);
    insertCommit->bindText(13, request.author);
    insertCommit->bindText(14, utcTimestamp());
    insertCommit->bindText(15, curationdetail::jsonStringArray(request.tags));
    insertCommit->bindInt(16, int64_t(request.images.size()));
    Status status = insertCommit->run();
    if (!status) {
        return status.takeError();
    }
    const int64_t seq = m_database.lastInsertRowId();

    curationdetail::ImageKeyWriter writer(m_database);
    status = writer.prepare();
    if (!status) {
        return status.takeError();
    }
    Result<SqliteStatement> insertRow = m_database.prepare(
        "INSERT INTO commit_images(commit_seq, position, image_key, source_key) VALUES(?1, ?2, ?3, ?4)");
    if (!insertRow) {
        return insertRow.takeError();
    }
    std::vector<char>& seen = *members;
    std::string packed;
    packed.reserve(request.images.size() * 8);
    for (size_t position = 0; position < request.images.size(); ++position) {
        const CatalogImage& image = request.images[position];
        Result<int64_t> source = writer.sourceKey(image.source);
        if (!source) {
            return source.takeError();
        }
        Result<int64_t> key = writer.keyForCatalogImage(*source, image, false);
        if (!key) {
            return key.takeError();
        }
        if (size_t(*key) >= seen.size()) {
            seen.resize(size_t(*key) + 1, 0);
        }
        if (!seen[size_t(*key)]) {
            seen[size_t(*key)] = 1;
            ++outcome.added;
        }
        insertRow->bindInt(1, seq);
        insertRow->bindInt(2, int64_t(position));
        insertRow->bindInt(3, *key);
        insertRow->bindInt(4, *source);
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
    Result<SqliteStatement> moveHead = m_database.prepare("UPDATE branches SET head = ?1 WHERE name = ?2");
    if (!moveHead) {
        return moveHead.takeError();
    }
    moveHead->bindText(1, outcome.id);
    moveHead->bindText(2, *branch);
    status = moveHead->run();
    if (!status) {
        return status.takeError();
    }
    status = transaction.commit();
    if (!status) {
        return status.takeError();
    }
    return outcome;
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
    Result<SqliteStatement> query = m_database.prepare(
        "SELECT id FROM commits WHERE id = ?2 OR (id >= ?1 AND id < ?1 || char(127)) ORDER BY seq LIMIT 6");
    if (!query) {
        return query.takeError();
    }
    query->bindText(1, prefix);
    query->bindText(2, idOrPrefix);
    std::vector<std::string> matches;
    while (true) {
        Result<bool> row = query->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        matches.push_back(query->columnText(0));
    }
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
    Result<std::string> id = resolveId(idOrPrefix);
    if (!id) {
        return id.takeError();
    }
    Result<SqliteStatement> query = m_database.prepare(
        "SELECT seq, id, kind, branch, parent, second_parent, target, query, query_vector_sha256, "
        "embedding_model, threshold, negative_prompts, negative_threshold, sources, dataset, message, "
        "author, "
        "created_at, tags, size, original_json FROM commits WHERE id = ?1");
    if (!query) {
        return query.takeError();
    }
    query->bindText(1, *id);
    Result<bool> row = query->step();
    if (!row) {
        return row.takeError();
    }
    if (!*row) {
        return makeError("unknown commit '" + idOrPrefix + "'");
    }
    return readCommitRow(*query, nullptr);
}

Result<std::vector<CatalogImage>> CurationLog::commitImages(const std::string& idOrPrefix) {
    Result<CommitInfo> info = commitInfo(idOrPrefix);
    if (!info) {
        return info.takeError();
    }
    Result<SqliteStatement> query = m_database.prepare(
        "SELECT s.name, i.name, coalesce(c.original_path, i.path), i.caption, i.width, i.height, "
        "i.in_catalog "
        "FROM commit_images c JOIN images i ON i.image_key = c.image_key "
        "JOIN sources s ON s.source_key = i.source_key WHERE c.commit_seq = ?1 ORDER BY c.position");
    if (!query) {
        return query.takeError();
    }
    query->bindInt(1, info->seq);
    std::vector<CatalogImage> images;
    while (true) {
        Result<bool> row = query->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        images.push_back({query->columnText(0), query->columnText(1), query->columnText(2),
                          query->columnText(3), query->columnInt(4), query->columnInt(5),
                          query->columnInt(6) != 0});
    }
    return images;
}

Result<std::vector<CatalogImage>> CurationLog::datasetImages(const std::string& branchName) {
    Result<std::string> branch = resolveBranch(branchName);
    if (!branch) {
        return branch.takeError();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    Result<std::vector<int64_t>> live = liveCommitSeqs(*graph, *branch);
    if (!live) {
        return live.takeError();
    }
    Result<std::vector<char>> members = membership(*live);
    if (!members) {
        return members.takeError();
    }
    Result<SqliteStatement> query = m_database.prepare(
        "SELECT i.image_key, s.name, i.name, i.path, i.caption, i.width, i.height, i.in_catalog "
        "FROM images i JOIN sources s ON s.source_key = i.source_key ORDER BY i.image_key");
    if (!query) {
        return query.takeError();
    }
    std::vector<CatalogImage> images;
    while (true) {
        Result<bool> row = query->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        const size_t key = size_t(query->columnInt(0));
        if (key < members->size() && (*members)[key]) {
            images.push_back({query->columnText(1), query->columnText(2), query->columnText(3),
                              query->columnText(4), query->columnInt(5), query->columnInt(6),
                              query->columnInt(7) != 0});
        }
    }
    return images;
}

Result<RevertOutcome> CurationLog::undoCommit(const std::string& idOrPrefix, const std::string& author,
                                              const std::string& onBranch) {
    if (!isValidAuthor(author)) {
        return makeError("undo: author '" + author + "' must be 'human' or 'agent:<run id>'");
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return makeError(transaction.began().error());
    }
    Result<std::string> id = resolveId(idOrPrefix);
    if (!id) {
        return id.takeError();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const std::string branch = onBranch.empty() ? graph->checkedOut : onBranch;
    const BranchInfo* info = graph->branch(branch);
    if (!info) {
        return makeError("undo: there is no branch '" + branch + "'");
    }
    if (info->state != "open") {
        return makeError("undo: the branch '" + branch + "' is " + info->state + ", not open");
    }
    const size_t index = graph->indexById.at(*id);
    const CommitInfo& target = graph->commits[index];
    if (target.kind == "merge") {
        return makeError("undo: " + shortId(*id) + " is a merge; undo the commits it brought instead");
    }
    const std::vector<char> reached = graph->reachable(info->head);
    if (!reached[index]) {
        return makeError("undo: commit " + shortId(*id) + " is not in the history of branch '" + branch +
                         "'");
    }
    const std::vector<long> undone = graph->undoneBy(reached);
    if (undone[index] >= 0) {
        return makeError("undo: commit " + shortId(*id) + " is already reverted (by " +
                         shortId(graph->commits[size_t(undone[index])].id) + ")");
    }
    Result<std::vector<int64_t>> before = liveCommitSeqs(*graph, branch);
    if (!before) {
        return before.takeError();
    }

    RevertOutcome outcome;
    outcome.id = newUuidV4();
    outcome.target = *id;
    outcome.branch = branch;
    outcome.redo = target.kind == "revert";
    std::string message = (outcome.redo ? "Redo " : "Revert ") + shortId(*id);
    if (!target.message.empty()) {
        message += ": " + target.message;
    }
    Result<SqliteStatement> insert = m_database.prepare(
        "INSERT INTO commits(id, kind, branch, parent, target, message, author, created_at, size) "
        "VALUES(?1, 'revert', ?2, ?3, ?4, ?5, ?6, ?7, 0)");
    if (!insert) {
        return insert.takeError();
    }
    insert->bindText(1, outcome.id);
    insert->bindText(2, branch);
    insert->bindTextOrNull(3, info->head);
    insert->bindText(4, *id);
    insert->bindText(5, message);
    insert->bindText(6, author);
    insert->bindText(7, utcTimestamp());
    Status status = insert->run();
    if (!status) {
        return status.takeError();
    }
    Result<SqliteStatement> moveHead = m_database.prepare("UPDATE branches SET head = ?1 WHERE name = ?2");
    if (!moveHead) {
        return moveHead.takeError();
    }
    moveHead->bindText(1, outcome.id);
    moveHead->bindText(2, branch);
    status = moveHead->run();
    if (!status) {
        return status.takeError();
    }
    Result<Graph> after = loadGraph();
    if (!after) {
        return after.takeError();
    }
    Result<std::vector<int64_t>> liveAfter = liveCommitSeqs(*after, branch);
    if (!liveAfter) {
        return liveAfter.takeError();
    }
    Result<std::vector<char>> membersBefore = membership(*before);
    Result<std::vector<char>> membersAfter = membership(*liveAfter);
    if (!membersBefore || !membersAfter) {
        return makeError(!membersBefore ? membersBefore.error() : membersAfter.error());
    }
    for (size_t key = 0; key < membersBefore->size(); ++key) {
        outcome.affected += (*membersBefore)[key] != (*membersAfter)[key] ? 1 : 0;
    }
    status = transaction.commit();
    if (!status) {
        return status.takeError();
    }
    return outcome;
}

Result<StatusReport> CurationLog::status(const std::string& branchName) {
    Result<std::string> branch = resolveBranch(branchName);
    if (!branch) {
        return branch.takeError();
    }
    // One read snapshot: consistent figures while another process commits.
    SqliteReadTransaction snapshot(m_database);
    if (!snapshot.began()) {
        return makeError(snapshot.began().error());
    }
    Status status;

    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = graph->branch(*branch);
    if (!info) {
        return makeError("status: unknown branch '" + *branch + "'");
    }
    StatusReport report;
    report.branch = *branch;
    report.checkedOut = graph->checkedOut;
    report.branches = graph->branches;

    const std::vector<size_t> live = graph->liveCommits(info->head);
    std::vector<int64_t> seqs;
    std::map<int64_t, size_t> tagged; // seq -> commit index, for commits with tags
    for (size_t index : live) {
        const CommitInfo& commit = graph->commits[index];
        seqs.push_back(commit.seq);
        report.liveCommits.push_back(toStatusCommit(commit));
        report.summedCommitSizes += commit.size;
        if (!commit.tags.empty()) {
            tagged.emplace(commit.seq, index);
        }
    }
    const std::vector<char> reached = graph->reachable(info->head);
    for (size_t i = graph->commits.size(); i-- > 0 && report.recentCommits.size() < kRecentCommits;) {
        if (reached[i]) {
            report.recentCommits.push_back(toStatusCommit(graph->commits[i]));
        }
    }

    Result<int64_t> maxKey = m_database.queryInt("SELECT coalesce(max(image_key), 0) FROM images");
    if (!maxKey) {
        return maxKey.takeError();
    }
    // Flags indexed by image key instead of sets: a million rows are counted in one pass.
    const size_t keyCount = size_t(*maxKey) + 1;
    std::vector<char> seen(keyCount, 0);
    std::vector<size_t> bySourceKey;
    std::vector<std::string> tagNames;
    std::map<int64_t, std::vector<size_t>> tagsOfCommit; // seq -> tag indices
    for (const auto& [seq, index] : tagged) {
        for (const std::string& tag : graph->commits[index].tags) {
            const size_t tagIndex =
                size_t(std::find(tagNames.begin(), tagNames.end(), tag) - tagNames.begin());
            if (tagIndex == tagNames.size()) {
                tagNames.push_back(tag);
            }
            tagsOfCommit[seq].push_back(tagIndex);
        }
    }
    std::vector<std::vector<char>> tagSeen(tagNames.size(), std::vector<char>(keyCount, 0));
    std::vector<size_t> tagCounts(tagNames.size(), 0);
    int64_t currentSeq = -1;
    const std::vector<size_t>* currentTags = nullptr;
    status = curationdetail::forEachImageRow(m_database, seqs, [&](int64_t seq, int64_t key, int64_t source) {
        if (!seen[size_t(key)]) {
            seen[size_t(key)] = 1;
            ++report.distinctImages;
            if (size_t(source) >= bySourceKey.size()) {
                bySourceKey.resize(size_t(source) + 1, 0);
            }
            ++bySourceKey[size_t(source)];
        }
        if (seq != currentSeq) { // rows arrive grouped by commit
            currentSeq = seq;
            const auto it = tagsOfCommit.find(seq);
            currentTags = it == tagsOfCommit.end() ? nullptr : &it->second;
        }
        if (currentTags) {
            for (size_t tag : *currentTags) {
                if (!tagSeen[tag][size_t(key)]) {
                    tagSeen[tag][size_t(key)] = 1;
                    ++tagCounts[tag];
                }
            }
        }
    });
    if (!status) {
        return status.takeError();
    }
    for (size_t tag = 0; tag < tagNames.size(); ++tag) {
        report.imagesByTag[tagNames[tag]] = tagCounts[tag];
    }
    Result<SqliteStatement> names = m_database.prepare("SELECT source_key, name FROM sources");
    if (!names) {
        return names.takeError();
    }
    while (true) {
        Result<bool> row = names->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        const size_t source = size_t(names->columnInt(0));
        if (source < bySourceKey.size() && bySourceKey[source] > 0) {
            report.imagesBySource[names->columnText(1)] = bySourceKey[source];
        }
    }
    Result<int64_t> unresolved = m_database.queryInt("SELECT count(*) FROM images WHERE in_catalog = 0");
    if (!unresolved) {
        return unresolved.takeError();
    }
    report.unresolvedImages = size_t(*unresolved);
    return report;
}

Result<CommitGraph> CurationLog::log() {
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    CommitGraph result;
    result.branches = graph->branches;
    result.checkedOut = graph->checkedOut;
    const std::vector<long> undone = graph->undoneBy(std::vector<char>(graph->commits.size(), 1));
    for (size_t i = 0; i < graph->commits.size(); ++i) {
        GraphCommit entry;
        entry.info = graph->commits[i];
        if (!entry.info.parent.empty()) {
            entry.parents.push_back(entry.info.parent);
        }
        if (!entry.info.secondParent.empty()) {
            entry.parents.push_back(entry.info.secondParent);
        }
        entry.undone = undone[i] >= 0;
        if (entry.undone) {
            entry.undoneBy = graph->commits[size_t(undone[i])].id;
        }
        result.commits.push_back(std::move(entry));
    }
    return result;
}

Result<std::vector<SampledImage>> CurationLog::sampleFromCommitted(const std::string& commitIdOrPrefix,
                                                                   size_t count, uint64_t seed) {
    std::vector<CatalogImage> population;
    if (commitIdOrPrefix.empty()) {
        Result<std::vector<CatalogImage>> images = datasetImages();
        if (!images) {
            return images.takeError();
        }
        population = std::move(*images);
    } else {
        Result<std::vector<CatalogImage>> images = commitImages(commitIdOrPrefix);
        if (!images) {
            return images.takeError();
        }
        // A commit may list an image twice; sample distinct images.
        std::set<std::pair<std::string, std::string>> seen;
        for (CatalogImage& image : *images) {
            if (seen.emplace(image.source, image.name).second) {
                population.push_back(std::move(image));
            }
        }
    }
    std::vector<SampledImage> sample;
    for (size_t index : drawWithoutReplacement(population.size(), count, seed)) {
        const CatalogImage& image = population[index];
        sample.push_back({image.source, image.name, image.path, image.caption});
    }
    return sample;
}

Result<std::vector<BranchInfo>> CurationLog::listBranches() {
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    return graph->branches;
}

Status CurationLog::createBranch(const std::string& name) {
    if (!isValidBranchName(name)) {
        return makeError("branch name '" + name +
                         "' is invalid: use letters, digits, '_', '-', '.', '/' or ':' (e.g. agent/run-42)");
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return transaction.began();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    if (const BranchInfo* existing = graph->branch(name)) {
        return makeError("branch '" + name + "' already exists (" + existing->state + ")");
    }
    const std::string mainHead = graph->branch(kMainBranch)->head;
    Result<SqliteStatement> insert = m_database.prepare(
        "INSERT INTO branches(name, head, base, state, created_at) VALUES(?1, ?2, ?2, 'open', ?3)");
    if (!insert) {
        return insert.takeError();
    }
    insert->bindText(1, name);
    insert->bindTextOrNull(2, mainHead);
    insert->bindText(3, utcTimestamp());
    Status status = insert->run();
    if (!status) {
        return status;
    }
    return transaction.commit();
}

Status CurationLog::checkout(const std::string& name) {
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return transaction.began();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = graph->branch(name);
    if (!info) {
        return makeError("checkout: unknown branch '" + name + "'");
    }
    if (info->state != "open") {
        return makeError("checkout: branch '" + name + "' is " + info->state);
    }
    Result<SqliteStatement> update =
        m_database.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES('checked_out', ?1)");
    if (!update) {
        return update.takeError();
    }
    update->bindText(1, name);
    Status status = update->run();
    if (!status) {
        return status;
    }
    return transaction.commit();
}

Result<CommitOutcome> CurationLog::mergeBranch(const std::string& name, const std::string& author,
                                               const std::string& message) {
    if (!isValidAuthor(author)) {
        return makeError("merge: author '" + author + "' must be 'human' or 'agent:<run id>'");
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return makeError(transaction.began().error());
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = graph->branch(name);
    if (!info) {
        return makeError("merge: unknown branch '" + name + "'");
    }
    if (name == kMainBranch) {
        return makeError("merge: cannot merge 'main' into itself");
    }
    if (info->state != "open") {
        return makeError("merge: branch '" + name + "' is already " + info->state);
    }
    if (info->head.empty() || info->head == info->base) {
        return makeError("merge: branch '" + name + "' has no commits of its own to merge");
    }
    const BranchInfo* main = graph->branch(kMainBranch);
    Result<std::vector<int64_t>> before = liveCommitSeqs(*graph, kMainBranch);
    if (!before) {
        return before.takeError();
    }
    CommitOutcome outcome;
    outcome.id = newUuidV4();
    outcome.branch = kMainBranch;
    outcome.parent = main->head;
    Result<SqliteStatement> insert = m_database.prepare(
        "INSERT INTO commits(id, kind, branch, parent, second_parent, message, author, created_at, size) "
        "VALUES(?1, 'merge', 'main', ?2, ?3, ?4, ?5, ?6, 0)");
    if (!insert) {
        return insert.takeError();
    }
    insert->bindText(1, outcome.id);
    insert->bindTextOrNull(2, main->head);
    insert->bindText(3, info->head);
    insert->bindText(4, message.empty() ? "Merge branch '" + name + "' into main" : message);
    insert->bindText(5, author);
    insert->bindText(6, utcTimestamp());
    Status status = insert->run();
    if (!status) {
        return status.takeError();
    }
    status = m_database.exec("UPDATE branches SET head = '" + outcome.id + "' WHERE name = 'main'");
    if (!status) {
        return status.takeError();
    }
    Result<SqliteStatement> markMerged =
        m_database.prepare("UPDATE branches SET state = 'merged' WHERE name = ?1");
    if (!markMerged) {
        return markMerged.takeError();
    }
    markMerged->bindText(1, name);
    status = markMerged->run();
    if (!status) {
        return status.takeError();
    }
    if (graph->checkedOut == name) {
        status = m_database.exec("UPDATE settings SET value = 'main' WHERE key = 'checked_out'");
        if (!status) {
            return status.takeError();
        }
    }
    Result<Graph> after = loadGraph();
    if (!after) {
        return after.takeError();
    }
    Result<std::vector<int64_t>> liveAfter = liveCommitSeqs(*after, kMainBranch);
    if (!liveAfter) {
        return liveAfter.takeError();
    }
    Result<std::vector<char>> membersBefore = membership(*before);
    Result<std::vector<char>> membersAfter = membership(*liveAfter);
    if (!membersBefore || !membersAfter) {
        return makeError(!membersBefore ? membersBefore.error() : membersAfter.error());
    }
    for (size_t key = 0; key < membersAfter->size(); ++key) {
        if ((*membersAfter)[key]) {
            ++outcome.selected;
            outcome.added += (*membersBefore)[key] ? 0 : 1;
        }
    }
    status = transaction.commit();
    if (!status) {
        return status.takeError();
    }
    return outcome;
}

Status CurationLog::discardBranch(const std::string& name) {
    if (name == kMainBranch) {
        return makeError("discard: 'main' cannot be discarded");
    }
    SqliteTransaction transaction(m_database);
    if (!transaction.began()) {
        return transaction.began();
    }
    Result<Graph> graph = loadGraph();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = graph->branch(name);
    if (!info) {
        return makeError("discard: unknown branch '" + name + "'");
    }
    if (info->state != "open") {
        return makeError("discard: branch '" + name + "' is already " + info->state);
    }
    Result<SqliteStatement> update =
        m_database.prepare("UPDATE branches SET state = 'discarded' WHERE name = ?1");
    if (!update) {
        return update.takeError();
    }
    update->bindText(1, name);
    Status status = update->run();
    if (!status) {
        return status;
    }
    if (graph->checkedOut == name) {
        status = m_database.exec("UPDATE settings SET value = 'main' WHERE key = 'checked_out'");
        if (!status) {
            return status;
        }
    }
    return transaction.commit();
}

// ---- text and JSON views ----

namespace {

json statusCommitJson(const StatusCommit& commit) {
    json value = {{"id", commit.id},           {"short_id", shortId(commit.id)},
                  {"kind", commit.kind},       {"author", commit.author},
                  {"message", commit.message}, {"created_at", commit.createdAt},
                  {"images", commit.images}};
    if (commit.kind == "commit") {
        value["query"] = commit.query;
        value["sources"] = commit.sources;
        value["tags"] = commit.tags;
    }
    if (!commit.target.empty()) {
        value["target"] = commit.target;
    }
    return value;
}

json branchJson(const BranchInfo& branch) {
    return {{"name", branch.name},
            {"head", branch.head.empty() ? json(nullptr) : json(branch.head)},
            {"base", branch.base.empty() ? json(nullptr) : json(branch.base)},
            {"state", branch.state},
            {"created_at", branch.createdAt},
            {"live_commits", branch.liveCommits},
            {"checked_out", branch.checkedOut}};
}

} // namespace

std::string statusToJson(const StatusReport& report) {
    json value;
    value["branch"] = report.branch;
    value["checked_out"] = report.checkedOut;
    value["distinct_images"] = report.distinctImages;
    value["summed_commit_sizes"] = report.summedCommitSizes;
    value["unresolved_images"] = report.unresolvedImages;
    value["images_by_source"] = report.imagesBySource;
    value["images_by_tag"] = report.imagesByTag;
    value["live_commits"] = json::array();
    for (const StatusCommit& commit : report.liveCommits) {
        value["live_commits"].push_back(statusCommitJson(commit));
    }
    value["recent_commits"] = json::array();
    for (const StatusCommit& commit : report.recentCommits) {
        value["recent_commits"].push_back(statusCommitJson(commit));
    }
    value["branches"] = json::array();
    for (const BranchInfo& branch : report.branches) {
        value["branches"].push_back(branchJson(branch));
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string formatStatus(const StatusReport& report) {
    std::ostringstream out;
    out << "On branch " << report.branch << (report.branch == report.checkedOut ? " (checked out)" : "")
        << "\n";
    out << "Dataset: " << report.distinctImages << " distinct images in " << report.liveCommits.size()
        << " live commits (summed commit sizes: " << report.summedCommitSizes << ")\n";
    for (const auto& [source, count] : report.imagesBySource) {
        out << "  source " << source << ": " << count << "\n";
    }
    for (const auto& [tag, count] : report.imagesByTag) {
        out << "  tag " << tag << ": " << count << "\n";
    }
    if (report.unresolvedImages > 0) {
        out << "Images named by imports but not yet ingested: " << report.unresolvedImages << "\n";
    }
    out << "Live commits:\n";
    for (const StatusCommit& commit : report.liveCommits) {
        out << "  " << shortId(commit.id) << "  " << commit.images << " images  " << commit.author << "  "
            << commit.message << "\n";
    }
    out << "Recent:\n";
    for (const StatusCommit& commit : report.recentCommits) {
        out << "  " << shortId(commit.id) << "  " << commit.kind << "  " << commit.createdAt << "  "
            << commit.message << "\n";
    }
    out << "Branches:\n";
    for (const BranchInfo& branch : report.branches) {
        out << (branch.checkedOut ? "* " : "  ") << branch.name << "  " << branch.state << "  "
            << branch.liveCommits << " live commits  head "
            << (branch.head.empty() ? "-" : shortId(branch.head)) << "\n";
    }
    return out.str();
}

std::string graphToJson(const CommitGraph& graph) {
    json value;
    value["checked_out"] = graph.checkedOut;
    value["branches"] = json::array();
    for (const BranchInfo& branch : graph.branches) {
        value["branches"].push_back(branchJson(branch));
    }
    value["commits"] = json::array();
    for (const GraphCommit& commit : graph.commits) {
        const CommitInfo& info = commit.info;
        json entry = {{"id", info.id},           {"short_id", shortId(info.id)}, {"kind", info.kind},
                      {"branch", info.branch},   {"parents", commit.parents},    {"author", info.author},
                      {"message", info.message}, {"created_at", info.createdAt}, {"size", info.size},
                      {"undone", commit.undone}};
        if (commit.undone) {
            entry["undone_by"] = commit.undoneBy;
        }
        if (!info.target.empty()) {
            entry["target"] = info.target;
        }
        if (info.kind == "commit") {
            entry["query"] = info.query;
            entry["sources"] = info.sources;
            entry["tags"] = info.tags;
        }
        value["commits"].push_back(std::move(entry));
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string importReportToJson(const ImportReport& report) {
    json value = {{"imported", report.imported},
                  {"entries", report.entries},
                  {"distinct_images", report.distinctImages},
                  {"unknown_images", report.unknownImages},
                  {"unknown_sample", report.unknownSample},
                  {"format", report.format}};
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace curator
