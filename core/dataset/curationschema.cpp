// The curation log's schema: the migration steps and opening a database (connection settings, the
// version check, migrating forward). The schema itself is described at the top of curationlog.h.

#include "dataset/curationlog_internal.h"

#include <chrono>
#include <string>
#include <thread>

namespace curator::curationdetail {

namespace {

// Step N migrates schema N to N + 1 and sets user_version to N + 1; kCurationSchemaVersion is the
// number of steps.
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
PRAGMA user_version = 1;
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
PRAGMA user_version = 2;
)sql",
    // 2 -> 3: the image roots, the directories a release may copy image files from.
    R"sql(
CREATE TABLE image_roots(
    path TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    created_at TEXT NOT NULL) WITHOUT ROWID;
PRAGMA user_version = 3;
)sql",
    // 3 -> 4: review marks, a person's accept / reject of an image on a branch (reviewmarks.h).
    R"sql(
CREATE TABLE review_marks(
    branch TEXT NOT NULL,
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK(verdict IN ('accept', 'reject')),
    author TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY(branch, source, name)) WITHOUT ROWID;
PRAGMA user_version = 4;
)sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kCurationSchemaVersion,
              "one migration step per schema version");

} // namespace

Status prepareSchema(SqliteDatabase& database) {
    // Readers wait for a writer's commit instead of failing with SQLITE_BUSY.
    CURATOR_TRY_STATUS(database.exec("PRAGMA busy_timeout = 5000"));
    // Read the version before anything writes: a newer database must be left exactly as it is.
    Result<int64_t> version = database.queryInt("PRAGMA user_version");
    if (!version) {
        return makeError(database.path() + ": not a readable curation database: " + version.error());
    }
    if (*version > kCurationSchemaVersion) {
        return makeError(database.path() + ": written by a newer version (schema " +
                         std::to_string(*version) + ", this program knows up to " +
                         std::to_string(kCurationSchemaVersion) + "); refusing to open it");
    }
    // The switch to WAL needs the database alone. Two processes opening a new workspace at once (two
    // ingests, an MCP server and the workstation) can meet here, and SQLite then answers "database is
    // locked" at once rather than through the busy timeout, to avoid a deadlock between them. So it is
    // tried again for up to about 5 s.
    Result<std::string> switched = database.queryText("PRAGMA journal_mode = WAL");
    for (int attempt = 0; attempt < 100 && !switched && switched.error().find("locked") != std::string::npos;
         ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        switched = database.queryText("PRAGMA journal_mode = WAL");
    }
    CURATOR_TRY(const std::string mode, std::move(switched));
    if (mode != "wal") {
        return makeError(database.path() + ": cannot switch to WAL mode (journal mode is '" + mode + "')");
    }
    CURATOR_TRY_STATUS(database.exec("PRAGMA foreign_keys = ON"));
    if (*version == kCurationSchemaVersion) {
        return {};
    }
    SqliteTransaction transaction(database);
    CURATOR_TRY_STATUS(transaction.began());
    // Another process may have migrated while this one waited for the lock.
    CURATOR_TRY(const int64_t current, database.queryInt("PRAGMA user_version"));
    for (int64_t step = current; step < kCurationSchemaVersion; ++step) {
        Status status = database.exec(kMigrations[step]);
        if (!status) {
            return makeError("migrating schema " + std::to_string(step) + " to " + std::to_string(step + 1) +
                             ": " + status.error());
        }
        if (step == 0) {
            CURATOR_TRY_STATUS(database.execute("UPDATE branches SET created_at = ?1", {utcTimestamp()}));
        }
    }
    return transaction.commit();
}

} // namespace curator::curationdetail
