#include "dataset/curationlog.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <set>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::readText;
using datasettest::TemporaryDirectory;
using datasettest::writeText;
using ordered_json = nlohmann::ordered_json;

namespace {

// A small file in the original's shape: duplicates across commits, an empty commit, a non-ASCII message,
// numbers with and without fractions.
ordered_json smallOriginal() {
    ordered_json document;
    auto entry = [](const std::string& query, const std::string& dataset, double threshold,
                    std::vector<std::string> negatives, const std::string& message,
                    std::vector<std::string> images) {
        ordered_json value;
        value["query"] = query;
        value["dataset"] = dataset;
        value["threshold"] = threshold;
        value["negative_prompts"] = negatives;
        value["negative_threshold"] = 0.2;
        value["message"] = message;
        value["images"] = images;
        value["size"] = images.size();
        return value;
    };
    document["ef465bfc"] = entry("mandala", "artwork", 0.45, {"watermark", "text overlay"}, "high-aesthetic",
                                 {"/home/u/ds/train/lapis/a.jpg", "/home/u/ds/train/lapis/b.jpg"});
    document["9ffbb014"] =
        entry("neon swirls", "photos", 0.5, {}, "\xe4\xb8\xad\xe6\x96\x87 message",
              {"/home/u/ds/train/ava/1.jpg", "/home/u/ds/train/ava/2.jpg", "/home/u/ds/train/ava/3.jpg"});
    document["00c0ffee"] = entry("empty", "dreamcore", 0.6, {"blur"}, "nothing matched", {});
    document["1234abcd"] =
        entry("again", "photos", 0.33, {}, "overlaps",
              {"/home/u/ds/train/ava/2.jpg", "/other/place/ava/3.jpg", "/home/u/ds/train/ava/4.jpg"});
    return document;
}

std::string originalText(const ordered_json& document) {
    return document.dump(2, ' ', true);
}

std::vector<std::string> keysOf(const ordered_json& object) {
    std::vector<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) {
        keys.push_back(it.key());
    }
    return keys;
}

void expectSameOriginal(const ordered_json& expected, const ordered_json& actual) {
    EXPECT_EQ(actual, expected);
    ASSERT_EQ(keysOf(actual), keysOf(expected));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        EXPECT_EQ(keysOf(actual[it.key()]), keysOf(it.value())) << "key order of commit " << it.key();
    }
}

} // namespace

TEST(DatasetJson, OriginalImportReportsFiguresAndRoundTripsExactly) {
    TemporaryDirectory directory;
    const ordered_json document = smallOriginal();
    const std::string text = originalText(document);
    writeText(directory.filePath("dataset.json"), text);
    CurationLog log = openLog(directory.filePath("ws"));
    // One of the images is already in the catalog.
    ASSERT_TRUE(log.upsertImages({{"photos", "1.jpg", "/mnt/ava/1.jpg", "a photo", 0, 0}}).ok());

    Result<ImportReport> report = log.importDataset(directory.filePath("dataset.json"));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->format, "original");
    EXPECT_EQ(report->imported, 4u);
    EXPECT_EQ(report->entries, 8u);
    EXPECT_EQ(report->distinctImages, 6u); // (photos, 3.jpg) under two paths is one image
    EXPECT_EQ(report->unknownImages, 5u);
    const nlohmann::json reportJson = nlohmann::json::parse(importReportToJson(*report));
    EXPECT_EQ(reportJson["imported"], 4);
    EXPECT_EQ(reportJson["entries"], 8);
    EXPECT_EQ(reportJson["distinct_images"], 6);
    EXPECT_EQ(reportJson["unknown_images"], 5);

    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->liveCommits.size(), 4u);
    EXPECT_EQ(status->summedCommitSizes, 8u);
    EXPECT_EQ(status->distinctImages, 6u);
    EXPECT_EQ(status->imagesBySource.at("photos"), 4u);
    Result<CommitInfo> info = log.commitInfo("9ffbb014");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->message, "\xe4\xb8\xad\xe6\x96\x87 message");
    EXPECT_EQ(info->sources, std::vector<std::string>{"photos"});
    EXPECT_TRUE(info->imported);

    ASSERT_TRUE(log.exportOriginal(directory.filePath("out.json")).ok());
    const std::string exported = readText(directory.filePath("out.json"));
    EXPECT_EQ(exported, text);
    EXPECT_NE(exported.find("\\u4e2d\\u6587 message"), std::string::npos);
    expectSameOriginal(document, ordered_json::parse(exported));
}

TEST(DatasetJson, OriginalExportLeavesOutUndoneCommitsAndAddsNativeOnes) {
    TemporaryDirectory directory;
    writeText(directory.filePath("dataset.json"), originalText(smallOriginal()));
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.importDataset(directory.filePath("dataset.json")).ok());
    ASSERT_TRUE(log.undoCommit("9ffbb").ok());
    CommitRequest request = makeRequest("native", makeImages("photos", 2));
    request.sources = {"photos", "artwork"};
    Result<CommitOutcome> native = log.commit(request);
    ASSERT_TRUE(native.ok());
    ASSERT_TRUE(log.exportOriginal(directory.filePath("out.json")).ok());
    const ordered_json out = ordered_json::parse(readText(directory.filePath("out.json")));
    EXPECT_EQ(keysOf(out), (std::vector<std::string>{"ef465bfc", "00c0ffee", "1234abcd", native->id}));
    const ordered_json& entry = out[native->id];
    EXPECT_EQ(keysOf(entry), (std::vector<std::string>{"query", "dataset", "threshold", "negative_prompts",
                                                       "negative_threshold", "message", "images", "size"}));
    EXPECT_EQ(entry["dataset"], "photos,artwork");
    EXPECT_EQ(entry["images"][0], "/data/photos/img0.jpg");
    EXPECT_EQ(entry["size"], 2);
    EXPECT_EQ(entry["threshold"], 0.42);
}

TEST(DatasetJson, OurExportReimportsToTheSameCommitsAndImages) {
    TemporaryDirectory directory;
    writeText(directory.filePath("original.json"), originalText(smallOriginal()));
    std::vector<CommitInfo> commitsBefore;
    std::vector<std::vector<CatalogImage>> imagesBefore;
    std::vector<CatalogImage> datasetBefore;
    {
        CurationLog log = openLog(directory.filePath("a"));
        ASSERT_TRUE(log.importDataset(directory.filePath("original.json")).ok());
        ASSERT_TRUE(log.commit(makeRequest("one", makeImages("photos", 6), {"blur"})).ok());
        Result<CommitOutcome> two = log.commit(makeRequest("two", makeImages("artwork", 4)));
        ASSERT_TRUE(two.ok());
        ASSERT_TRUE(log.undoCommit(two->id).ok());
        ASSERT_TRUE(log.createBranch("agent/r1").ok());
        CommitRequest agent = makeRequest("three", makeImages("dreamcore", 3));
        agent.branch = "agent/r1";
        agent.author = "agent:r1";
        ASSERT_TRUE(log.commit(agent).ok());
        ASSERT_TRUE(log.mergeBranch("agent/r1").ok());
        ASSERT_TRUE(log.exportDataset(directory.filePath("ours.json")).ok());
        ASSERT_TRUE(log.exportOriginal(directory.filePath("original-a.json")).ok());
        Result<CommitGraph> graph = log.log();
        ASSERT_TRUE(graph.ok());
        for (const GraphCommit& commit : graph->commits) {
            commitsBefore.push_back(commit.info);
            Result<std::vector<CatalogImage>> images = log.commitImages(commit.info.id);
            ASSERT_TRUE(images.ok());
            imagesBefore.push_back(*images);
        }
        Result<std::vector<CatalogImage>> dataset = log.datasetImages();
        ASSERT_TRUE(dataset.ok());
        datasetBefore = *dataset;
    }
    const nlohmann::json ours = nlohmann::json::parse(readText(directory.filePath("ours.json")));
    EXPECT_EQ(ours["format"], "curator-dataset");
    EXPECT_EQ(ours["commits"].size(), commitsBefore.size());
    for (const char* field :
         {"id", "query", "dataset", "threshold", "negative_prompts", "negative_threshold", "message",
          "images", "author", "created_at", "parent", "embedding_model", "tags", "reverts", "branch"}) {
        EXPECT_TRUE(ours["commits"][5].contains(field)) << field;
    }
    EXPECT_EQ(ours["images"].size(), datasetBefore.size());

    CurationLog copy = openLog(directory.filePath("b"));
    Result<ImportReport> report = copy.importDataset(directory.filePath("ours.json"));
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->format, "curator");
    EXPECT_EQ(report->imported, commitsBefore.size());
    Result<CommitGraph> graph = copy.log();
    ASSERT_TRUE(graph.ok());
    ASSERT_EQ(graph->commits.size(), commitsBefore.size());
    for (size_t i = 0; i < commitsBefore.size(); ++i) {
        const CommitInfo& a = commitsBefore[i];
        const CommitInfo& b = graph->commits[i].info;
        EXPECT_EQ(b.id, a.id);
        EXPECT_EQ(b.kind, a.kind);
        EXPECT_EQ(b.parent, a.parent);
        EXPECT_EQ(b.secondParent, a.secondParent);
        EXPECT_EQ(b.target, a.target);
        EXPECT_EQ(b.query, a.query);
        EXPECT_EQ(b.threshold, a.threshold);
        EXPECT_EQ(b.negativePrompts, a.negativePrompts);
        EXPECT_EQ(b.message, a.message);
        EXPECT_EQ(b.author, a.author);
        EXPECT_EQ(b.createdAt, a.createdAt);
        EXPECT_EQ(b.tags, a.tags);
        EXPECT_EQ(b.sources, a.sources);
        EXPECT_EQ(b.branch, a.branch);
        EXPECT_EQ(b.size, a.size);
        Result<std::vector<CatalogImage>> images = copy.commitImages(a.id);
        ASSERT_TRUE(images.ok());
        ASSERT_EQ(images->size(), imagesBefore[i].size()) << a.id;
        for (size_t j = 0; j < images->size(); ++j) {
            EXPECT_EQ((*images)[j].source, imagesBefore[i][j].source);
            EXPECT_EQ((*images)[j].name, imagesBefore[i][j].name);
            EXPECT_EQ((*images)[j].path, imagesBefore[i][j].path);
        }
    }
    Result<std::vector<CatalogImage>> dataset = copy.datasetImages();
    ASSERT_TRUE(dataset.ok());
    std::set<std::string> a, b;
    for (const CatalogImage& image : datasetBefore) {
        a.insert(image.source + "/" + image.name + "|" + image.path + "|" + image.caption + "|" +
                 std::to_string(image.inCatalog));
    }
    for (const CatalogImage& image : *dataset) {
        b.insert(image.source + "/" + image.name + "|" + image.path + "|" + image.caption + "|" +
                 std::to_string(image.inCatalog));
    }
    EXPECT_EQ(a, b);
    // The original-format view survives the trip through ours.
    ASSERT_TRUE(copy.exportOriginal(directory.filePath("original-b.json")).ok());
    EXPECT_EQ(readText(directory.filePath("original-b.json")),
              readText(directory.filePath("original-a.json")));
    // Importing the same file again clashes on every id.
    Result<ImportReport> again = copy.importDataset(directory.filePath("ours.json"));
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().find("already exist"), std::string::npos);
}

namespace {

struct MalformedCase {
    const char* name;
    std::string text;
    std::vector<std::string> expected; // substrings of the error
};

std::vector<MalformedCase> malformedCases() {
    const std::string valid = originalText(smallOriginal());
    ordered_json missingImages = smallOriginal();
    missingImages["9ffbb014"].erase("images");
    ordered_json stringThreshold = smallOriginal();
    stringThreshold["1234abcd"]["threshold"] = "0.45";
    ordered_json badImage = smallOriginal();
    badImage["ef465bfc"]["images"][1] = 7;
    ordered_json badSize = smallOriginal();
    badSize["ef465bfc"]["size"] = 3;
    ordered_json notObject = smallOriginal();
    notObject["00c0ffee"] = "oops";
    return {
        {"truncated", valid.substr(0, valid.size() / 2), {"dataset.json", "not valid JSON", "line"}},
        {"top-level array", "[" + valid + "]", {"top level must be a JSON object", "array"}},
        {"missing images",
         originalText(missingImages),
         {"commit '9ffbb014'", "entry 2", "missing field 'images'"}},
        {"threshold as string",
         originalText(stringThreshold),
         {"commit '1234abcd'", "'threshold'", "number", "string"}},
        {"image not a string", originalText(badImage), {"commit 'ef465bfc'", "'images'", "list of strings"}},
        {"size disagrees", originalText(badSize), {"commit 'ef465bfc'", "'size'"}},
        {"entry not an object",
         originalText(notObject),
         {"commit '00c0ffee'", "must be an object", "string"}},
        {"empty file", "", {"not valid JSON"}},
    };
}

} // namespace

TEST(DatasetJson, MalformedFilesAreRefusedAndChangeNothing) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("existing", makeImages("photos", 3))).ok());
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(log);
    for (const MalformedCase& malformed : malformedCases()) {
        writeText(directory.filePath("dataset.json"), malformed.text);
        Result<ImportReport> report = log.importDataset(directory.filePath("dataset.json"));
        ASSERT_FALSE(report.ok()) << malformed.name;
        for (const std::string& expected : malformed.expected) {
            EXPECT_NE(report.error().find(expected), std::string::npos)
                << malformed.name << ": '" << expected << "' not in: " << report.error();
        }
        EXPECT_EQ(datasettest::fingerprint(log), before) << malformed.name;
    }
    EXPECT_FALSE(log.importDataset(directory.filePath("absent.json")).ok());
}

TEST(DatasetJson, AnUnknownKindInOurFormatIsRefusedNamingTheCommitAndTheValue) {
    TemporaryDirectory directory;
    {
        CurationLog log = openLog(directory.filePath("a"));
        ASSERT_TRUE(log.commit(makeRequest("one", makeImages("photos", 3))).ok());
        ASSERT_TRUE(log.exportDataset(directory.filePath("ours.json")).ok());
    }
    ordered_json ours = ordered_json::parse(readText(directory.filePath("ours.json")));
    ASSERT_EQ(ours["commits"].size(), 1u);
    const std::string id = ours["commits"][0]["id"];
    ours["commits"][0]["kind"] = "squash";
    writeText(directory.filePath("ours.json"), ours.dump(2));

    CurationLog copy = openLog(directory.filePath("b"));
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(copy);
    Result<ImportReport> report = copy.importDataset(directory.filePath("ours.json"));
    ASSERT_FALSE(report.ok());
    for (const std::string& expected :
         {"commit '" + id + "'", std::string("field 'kind'"), std::string("squash")}) {
        EXPECT_NE(report.error().find(expected), std::string::npos)
            << expected << " not in: " << report.error();
    }
    EXPECT_EQ(datasettest::fingerprint(copy), before);
}

TEST(DatasetJson, ExistingIdsRefuseTheWholeFile) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ordered_json first;
    first["1234abcd"] = smallOriginal()["1234abcd"];
    writeText(directory.filePath("first.json"), originalText(first));
    ASSERT_TRUE(log.importDataset(directory.filePath("first.json")).ok());
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(log);
    writeText(directory.filePath("dataset.json"), originalText(smallOriginal()));
    Result<ImportReport> report = log.importDataset(directory.filePath("dataset.json"));
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("1234abcd"), std::string::npos) << report.error();
    EXPECT_NE(report.error().find("already exist"), std::string::npos);
    EXPECT_NE(report.error().find("nothing was imported"), std::string::npos);
    EXPECT_EQ(datasettest::fingerprint(log), before);
}

TEST(DatasetJson, ImportAttachesToTheCheckedOutBranchHead) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> native = log.commit(makeRequest("first", makeImages("photos", 2)));
    ASSERT_TRUE(native.ok());
    writeText(directory.filePath("dataset.json"), originalText(smallOriginal()));
    ASSERT_TRUE(log.importDataset(directory.filePath("dataset.json")).ok());
    Result<CommitInfo> first = log.commitInfo("ef465bfc");
    Result<CommitInfo> second = log.commitInfo("9ffbb014");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->parent, native->id);
    EXPECT_EQ(second->parent, "ef465bfc");
    Result<std::vector<BranchInfo>> branches = log.listBranches();
    ASSERT_TRUE(branches.ok());
    EXPECT_EQ((*branches)[0].head, "1234abcd");
}

namespace {

void checkRealFile(const std::string& name, size_t commits, size_t entries, size_t distinct) {
    const std::string path = datasettest::originalDataDirectory() + "/" + name;
    if (!std::filesystem::exists(path)) {
        GTEST_SKIP() << path << " is absent (../shared is not beside the repository)";
    }
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const auto start = std::chrono::steady_clock::now();
    Result<ImportReport> report = log.importDataset(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(report.ok()) << report.error();
    std::printf("[ figures  ] import of %s: %zu commits, %zu entries, %zu distinct in %.3f s\n", name.c_str(),
                report->imported, report->entries, report->distinctImages, seconds);
    EXPECT_EQ(report->imported, commits);
    EXPECT_EQ(report->entries, entries);
    EXPECT_EQ(report->distinctImages, distinct);
    EXPECT_EQ(report->unknownImages, distinct);
    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, distinct);
    EXPECT_EQ(status->summedCommitSizes, entries);

    const std::string out = directory.filePath("out.json");
    ASSERT_TRUE(log.exportOriginal(out).ok());
    const std::string original = readText(path);
    const std::string exported = readText(out);
    expectSameOriginal(ordered_json::parse(original), ordered_json::parse(exported));
    EXPECT_EQ(exported, original) << "not byte-identical";
}

} // namespace

TEST(DatasetJson, RealAav2DatasetRoundTrips) {
    checkRealFile("aav2_dataset.json", 301, 53087, 28974);
}

TEST(DatasetJson, RealAntiAestheticsAgentDatasetRoundTrips) {
    checkRealFile("anti_aesthetics_agent_dataset.json", 58, 11165, 6272);
}
