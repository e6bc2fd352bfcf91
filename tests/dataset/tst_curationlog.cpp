#include "dataset/curationlog.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <regex>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::TemporaryDirectory;

namespace {

std::vector<CatalogImage> concat(std::vector<CatalogImage> a, const std::vector<CatalogImage>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Runs one statement with text parameters through a second, raw connection with the CHECK constraints
// off: a value only a damaged or foreign database holds.
void writeRaw(const std::string& databasePath, const char* sql, const std::vector<std::string>& values) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(databasePath.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA ignore_check_constraints = ON", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, sql, -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    for (size_t i = 0; i < values.size(); ++i) {
        sqlite3_bind_text(statement, int(i + 1), values[i].c_str(), int(values[i].size()), SQLITE_TRANSIENT);
    }
    EXPECT_EQ(sqlite3_step(statement), SQLITE_DONE) << sqlite3_errmsg(raw);
    EXPECT_EQ(sqlite3_changes(raw), 1);
    sqlite3_finalize(statement);
    sqlite3_close(raw);
}

} // namespace

TEST(CurationLog, OpenCreatesWalDatabaseWithSchemaVersion) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    CurationLog log = openLog(workspace);
    EXPECT_TRUE(std::filesystem::exists(workspace + "/workspace.sqlite"));
    Result<std::string> mode = log.database().queryText("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    EXPECT_EQ(*mode, "wal");
    Result<int64_t> version = log.database().queryInt("PRAGMA user_version");
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(*version, kCurationSchemaVersion);
    Result<int64_t> foreignKeys = log.database().queryInt("PRAGMA foreign_keys");
    ASSERT_TRUE(foreignKeys.ok());
    EXPECT_EQ(*foreignKeys, 1);
    Result<std::string> branch = log.checkedOutBranch();
    ASSERT_TRUE(branch.ok());
    EXPECT_EQ(*branch, "main");
}

TEST(CurationLog, CommitRecordsProvenanceAndCountsSelectedAndAdded) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    CommitRequest request = makeRequest("vhs scanlines", makeImages("photos", 10), {"vhs_decay"});
    request.author = "agent:run-7";
    Result<CommitOutcome> first = log.commit(request);
    ASSERT_TRUE(first.ok()) << first.error();
    EXPECT_EQ(first->selected, 10u);
    EXPECT_EQ(first->added, 10u);
    EXPECT_EQ(first->branch, "main");
    EXPECT_TRUE(first->parent.empty());
    EXPECT_TRUE(std::regex_match(
        first->id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << first->id;

    // Overlap: 5 old + 5 new images, and one image twice in the selection.
    std::vector<CatalogImage> images = concat(makeImages("photos", 10, 5), makeImages("artwork", 1));
    images.push_back(images.back());
    Result<CommitOutcome> second = log.commit(makeRequest("blurry flash", images));
    ASSERT_TRUE(second.ok()) << second.error();
    EXPECT_EQ(second->selected, 12u);
    EXPECT_EQ(second->added, 6u);
    EXPECT_EQ(second->parent, first->id);

    Result<CommitInfo> info = log.commitInfo(first->id);
    ASSERT_TRUE(info.ok()) << info.error();
    EXPECT_EQ(info->kind, CommitKind::Commit);
    EXPECT_EQ(info->query, "vhs scanlines");
    EXPECT_EQ(info->queryVectorSha256, request.queryVectorSha256);
    EXPECT_EQ(info->embeddingModel, "test-model");
    EXPECT_DOUBLE_EQ(info->threshold, 0.42);
    EXPECT_EQ(info->negativePrompts, (std::vector<std::string>{"watermark", "text overlay"}));
    EXPECT_DOUBLE_EQ(info->negativeThreshold, 0.3);
    EXPECT_EQ(info->sources, std::vector<std::string>{"photos"});
    EXPECT_EQ(info->dataset, "photos");
    EXPECT_EQ(info->author, "agent:run-7");
    EXPECT_EQ(info->tags, std::vector<std::string>{"vhs_decay"});
    EXPECT_EQ(info->size, 10u);
    EXPECT_FALSE(info->createdAt.empty());
    Result<CommitInfo> secondInfo = log.commitInfo(second->id);
    ASSERT_TRUE(secondInfo.ok());
    EXPECT_EQ(secondInfo->sources, (std::vector<std::string>{"photos", "artwork"}));
    EXPECT_EQ(secondInfo->dataset, "photos,artwork");

    Result<std::vector<CatalogImage>> stored = log.commitImages(second->id);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 12u);
    EXPECT_EQ((*stored)[0].name, "img5.jpg");
    EXPECT_EQ((*stored)[0].path, "/data/photos/img5.jpg");
    EXPECT_EQ((*stored)[0].caption, "a caption of img5.jpg");
    EXPECT_EQ((*stored)[11].source, "artwork");
}

TEST(CurationLog, CommitRefusesBadAuthorAndLeavesNothing) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    CommitRequest request = makeRequest("q", makeImages("photos", 3));
    request.author = "somebody";
    Result<CommitOutcome> refused = log.commit(request);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().find("author"), std::string::npos);
    EXPECT_EQ(datasettest::fingerprint(log).commits, 0);
}

TEST(CurationLog, UndoRecordsRevertAndRedoRestores) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> a = log.commit(makeRequest("a", makeImages("photos", 10)));
    Result<CommitOutcome> b = log.commit(makeRequest("b", makeImages("photos", 10, 5)));
    ASSERT_TRUE(a.ok() && b.ok());

    Result<RevertOutcome> undo = log.undoCommit(b->id);
    ASSERT_TRUE(undo.ok()) << undo.error();
    EXPECT_FALSE(undo->redo);
    EXPECT_EQ(undo->target, b->id);
    EXPECT_EQ(undo->affected, 5u); // img5..img9 stay: commit a holds them
    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 10u);
    ASSERT_EQ(status->liveCommits.size(), 1u);
    EXPECT_EQ(status->liveCommits[0].id, a->id);

    // The undone commit stays in history, marked.
    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    ASSERT_EQ(graph->commits.size(), 3u);
    EXPECT_TRUE(graph->commits[1].undone);
    EXPECT_EQ(graph->commits[1].undoneBy, undo->id);
    EXPECT_EQ(graph->commits[2].info.kind, CommitKind::Revert);
    EXPECT_EQ(graph->commits[2].info.target, b->id);

    // Redo = revert the revert.
    Result<RevertOutcome> redo = log.undoCommit(undo->id);
    ASSERT_TRUE(redo.ok()) << redo.error();
    EXPECT_TRUE(redo->redo);
    EXPECT_EQ(redo->affected, 5u);
    status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 15u);
    EXPECT_EQ(status->liveCommits.size(), 2u);

    // Undo again after the redo works, and so does undoing the first commit.
    Result<RevertOutcome> again = log.undoCommit(b->id);
    ASSERT_TRUE(again.ok()) << again.error();
    Result<RevertOutcome> undoA = log.undoCommit(a->id);
    ASSERT_TRUE(undoA.ok()) << undoA.error();
    EXPECT_EQ(undoA->affected, 10u);
    status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 0u);
    EXPECT_TRUE(status->liveCommits.empty());
}

TEST(CurationLog, UndoErrorsAreClear) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> a = log.commit(makeRequest("a", makeImages("photos", 3)));
    ASSERT_TRUE(a.ok());
    Result<RevertOutcome> unknown = log.undoCommit("ffffffff-nope");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("unknown commit 'ffffffff-nope'"), std::string::npos) << unknown.error();

    ASSERT_TRUE(log.undoCommit(a->id).ok());
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(log);
    Result<RevertOutcome> twice = log.undoCommit(a->id.substr(0, 8));
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().find("already reverted"), std::string::npos) << twice.error();
    EXPECT_NE(twice.error().find(shortId(a->id)), std::string::npos);
    EXPECT_EQ(datasettest::fingerprint(log), before);
}

TEST(CurationLog, AnyUniquePrefixNamesACommit) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    // Original-format ids chosen to share prefixes.
    datasettest::writeText(directory.filePath("ids.json"), R"({
  "abc12345": {"query": "q", "dataset": "photos", "threshold": 0.4, "negative_prompts": [], "negative_threshold": 0.2,
               "message": "m", "images": ["/x/ava/1.jpg"], "size": 1},
  "abc19999": {"query": "q", "dataset": "photos", "threshold": 0.4, "negative_prompts": [], "negative_threshold": 0.2,
               "message": "m", "images": ["/x/ava/2.jpg"], "size": 1}
})");
    CurationLog log = openLog(workspace);
    Result<ImportReport> imported = log.importDataset(directory.filePath("ids.json"));
    ASSERT_TRUE(imported.ok()) << imported.error();
    Result<CommitOutcome> native = log.commit(makeRequest("n", makeImages("photos", 1)));
    ASSERT_TRUE(native.ok());

    Result<std::string> unique = log.resolveId("abc123");
    ASSERT_TRUE(unique.ok()) << unique.error();
    EXPECT_EQ(*unique, "abc12345");
    Result<std::string> upper = log.resolveId("ABC199");
    ASSERT_TRUE(upper.ok()) << upper.error();
    EXPECT_EQ(*upper, "abc19999");
    Result<std::string> nativeShort = log.resolveId(shortId(native->id));
    ASSERT_TRUE(nativeShort.ok()) << nativeShort.error();
    EXPECT_EQ(*nativeShort, native->id);
    Result<std::string> whole = log.resolveId(native->id);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(*whole, native->id);

    Result<std::string> ambiguous = log.resolveId("abc1");
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_NE(ambiguous.error().find("ambiguous"), std::string::npos) << ambiguous.error();
    EXPECT_NE(ambiguous.error().find("abc12345"), std::string::npos);
    EXPECT_NE(ambiguous.error().find("abc19999"), std::string::npos);
    Result<RevertOutcome> ambiguousUndo = log.undoCommit("abc");
    ASSERT_FALSE(ambiguousUndo.ok());
    EXPECT_NE(ambiguousUndo.error().find("ambiguous"), std::string::npos);

    Result<std::string> unknown = log.resolveId("0123x");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("unknown commit '0123x'"), std::string::npos);
    EXPECT_FALSE(log.resolveId("").ok());

    Result<RevertOutcome> undoByPrefix = log.undoCommit("abc199");
    ASSERT_TRUE(undoByPrefix.ok()) << undoByPrefix.error();
    EXPECT_EQ(undoByPrefix->target, "abc19999");
}

TEST(CurationLog, StatusSeparatesDistinctImagesFromSummedSizes) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("a", makeImages("photos", 10), {"blur"})).ok());
    ASSERT_TRUE(log.commit(makeRequest("b", concat(makeImages("photos", 10, 5), makeImages("artwork", 4)),
                                       {"blur", "flash"}))
                    .ok());
    Result<CommitOutcome> c = log.commit(makeRequest("c", makeImages("dreamcore", 3)));
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(log.undoCommit(c->id).ok());

    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(status->branch, "main");
    EXPECT_EQ(status->liveCommits.size(), 2u);
    EXPECT_EQ(status->summedCommitSizes, 24u);
    EXPECT_EQ(status->distinctImages, 19u);
    EXPECT_EQ(status->imagesBySource.at("photos"), 15u);
    EXPECT_EQ(status->imagesBySource.at("artwork"), 4u);
    EXPECT_EQ(status->imagesBySource.count("dreamcore"), 0u);
    EXPECT_EQ(status->imagesByTag.at("blur"), 19u);
    EXPECT_EQ(status->imagesByTag.at("flash"), 14u);
    EXPECT_EQ(status->liveCommits[1].images, 14u);
    ASSERT_EQ(status->recentCommits.size(), 4u);
    EXPECT_EQ(status->recentCommits[0].kind, CommitKind::Revert);

    const nlohmann::json json = nlohmann::json::parse(statusToJson(*status));
    EXPECT_EQ(json["distinct_images"], 19);
    EXPECT_EQ(json["summed_commit_sizes"], 24);
    EXPECT_EQ(json["images_by_source"]["artwork"], 4);
    EXPECT_EQ(json["live_commits"].size(), 2u);
    EXPECT_EQ(json["live_commits"][0]["short_id"].get<std::string>().size(), 8u);
    const std::string text = formatStatus(*status);
    EXPECT_NE(text.find("19 distinct images"), std::string::npos) << text;
    EXPECT_NE(text.find("summed commit sizes: 24"), std::string::npos) << text;
}

TEST(CurationLog, SampleFromCommittedIsSeededAndReproducible) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> a = log.commit(makeRequest("a", makeImages("photos", 50)));
    ASSERT_TRUE(log.commit(makeRequest("b", makeImages("artwork", 50))).ok());
    ASSERT_TRUE(a.ok());
    Result<std::vector<SampledImage>> first = log.sampleFromCommitted(a->id.substr(0, 6), 10, 42);
    Result<std::vector<SampledImage>> again = log.sampleFromCommitted(a->id, 10, 42);
    Result<std::vector<SampledImage>> other = log.sampleFromCommitted(a->id, 10, 43);
    ASSERT_TRUE(first.ok() && again.ok() && other.ok());
    ASSERT_EQ(first->size(), 10u);
    std::set<std::string> names;
    bool differs = false;
    for (size_t i = 0; i < first->size(); ++i) {
        EXPECT_EQ((*first)[i].name, (*again)[i].name);
        EXPECT_EQ((*first)[i].source, "photos");
        EXPECT_EQ((*first)[i].path, "/data/photos/" + (*first)[i].name);
        EXPECT_FALSE((*first)[i].caption.empty());
        names.insert((*first)[i].name);
        differs = differs || (*first)[i].name != (*other)[i].name;
    }
    EXPECT_EQ(names.size(), 10u);
    EXPECT_TRUE(differs);

    Result<std::vector<SampledImage>> whole = log.sampleFromCommitted("", 1000, 7);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(whole->size(), 100u); // capped at the dataset's size
    EXPECT_FALSE(log.sampleFromCommitted("nope", 3, 1).ok());
}

TEST(CurationLog, ReopenedLogKeepsEverything) {
    TemporaryDirectory directory;
    std::string id;
    {
        CurationLog log = openLog(directory.filePath("ws"));
        Result<CommitOutcome> a = log.commit(makeRequest("a", makeImages("photos", 4)));
        ASSERT_TRUE(a.ok());
        id = a->id;
    }
    CurationLog log = openLog(directory.filePath("ws"));
    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(status->liveCommits.size(), 1u);
    EXPECT_EQ(status->liveCommits[0].id, id);
    EXPECT_EQ(status->distinctImages, 4u);
}

TEST(CurationLog, NewerSchemaIsRefusedAndLeftUntouched) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    std::filesystem::create_directories(workspace);
    const std::string path = workspace + "/workspace.sqlite";
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw,
                           "CREATE TABLE future(x); INSERT INTO future VALUES(1); PRAGMA user_version = 99;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    const std::string before = datasettest::readText(path);

    Result<CurationLog> log = CurationLog::open(workspace);
    ASSERT_FALSE(log.ok());
    EXPECT_NE(log.error().find("written by a newer version (schema 99, this program knows up to " +
                               std::to_string(kCurationSchemaVersion) + ")"),
              std::string::npos)
        << log.error();
    EXPECT_NE(log.error().find("workspace.sqlite"), std::string::npos);
    EXPECT_EQ(datasettest::readText(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(CurationLog, AnUnknownKindOrStateInTheDatabaseIsAnErrorNamingTheCommitAndTheValue) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> commit = log.commit(makeRequest("a", makeImages("photos", 3)));
    ASSERT_TRUE(commit.ok()) << commit.error();
    const std::string& id = commit->id;
    writeRaw(log.databasePath(), "UPDATE commits SET kind = ?1 WHERE id = ?2", {"squash", id});

    const std::string unknownKind = "commit '" + id + "' has an unknown kind 'squash'";
    Result<CommitGraph> graph = log.log();
    ASSERT_FALSE(graph.ok());
    EXPECT_NE(graph.error().find(unknownKind), std::string::npos) << graph.error();
    Result<CommitInfo> info = log.commitInfo(id);
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.error().find(unknownKind), std::string::npos) << info.error();
    Result<StatusReport> status = log.status();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().find(unknownKind), std::string::npos) << status.error();

    writeRaw(log.databasePath(), "UPDATE commits SET kind = ?1 WHERE id = ?2", {"commit", id});
    ASSERT_TRUE(log.log().ok());
    writeRaw(log.databasePath(), "UPDATE branches SET state = ?1 WHERE name = ?2", {"closed", kMainBranch});
    Result<std::vector<BranchInfo>> branches = log.listBranches();
    ASSERT_FALSE(branches.ok());
    EXPECT_NE(branches.error().find("branch 'main' has an unknown state 'closed'"), std::string::npos)
        << branches.error();
}

TEST(CurationLog, GarbageDatabaseFileIsRefused) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    std::filesystem::create_directories(workspace);
    const std::string garbage(4096, 'x');
    datasettest::writeText(workspace + "/workspace.sqlite", garbage);
    Result<CurationLog> log = CurationLog::open(workspace);
    ASSERT_FALSE(log.ok());
    EXPECT_NE(log.error().find("workspace.sqlite"), std::string::npos) << log.error();
    EXPECT_EQ(datasettest::readText(workspace + "/workspace.sqlite"), garbage);
}

TEST(CurationLog, CatalogUpsertResolvesImagesAnImportNamed) {
    TemporaryDirectory directory;
    datasettest::writeText(directory.filePath("d.json"), R"({
  "0000aaaa": {"query": "q", "dataset": "photos", "threshold": 0.4, "negative_prompts": [], "negative_threshold": 0.2,
               "message": "m", "images": ["/home/u/ava/1.jpg", "/home/u/ava/2.jpg"], "size": 2}
})");
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.upsertImages({{"photos", "2.jpg", "/new/2.jpg", "known", 10, 20}}).ok());
    Result<ImportReport> report = log.importDataset(directory.filePath("d.json"));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->unknownImages, 1u);
    ASSERT_EQ(report->unknownSample.size(), 1u);
    EXPECT_EQ(report->unknownSample[0], "photos/1.jpg");
    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->unresolvedImages, 1u);

    ASSERT_TRUE(log.upsertImages({{"photos", "1.jpg", "/new/1.jpg", "ingested", 0, 0}}).ok());
    status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->unresolvedImages, 0u);
    Result<std::vector<CatalogImage>> images = log.datasetImages();
    ASSERT_TRUE(images.ok());
    ASSERT_EQ(images->size(), 2u);
    for (const CatalogImage& image : *images) {
        EXPECT_EQ(image.path, "/new/" + image.name);
    }
    Result<size_t> catalog = log.catalogSize();
    ASSERT_TRUE(catalog.ok());
    EXPECT_EQ(*catalog, 2u);
}

TEST(CurationLog, ReaderKeepsWorkingWhileAnotherConnectionWrites) {
    TemporaryDirectory directory;
    CurationLog writer = openLog(directory.filePath("ws"));
    CurationLog reader = openLog(directory.filePath("ws"));
    ASSERT_TRUE(writer.commit(makeRequest("a", makeImages("photos", 5))).ok());
    // The writer holds an open write transaction; the reader still sees the last committed state.
    ASSERT_TRUE(writer.database().exec("BEGIN IMMEDIATE").ok());
    ASSERT_TRUE(writer.database().exec("UPDATE commits SET message = 'pending'").ok());
    Result<StatusReport> status = reader.status();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(status->distinctImages, 5u);
    EXPECT_EQ(status->liveCommits[0].message, "commit a");
    ASSERT_TRUE(writer.database().exec("ROLLBACK").ok());
}
