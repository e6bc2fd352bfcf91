// The seven tools: argument coercion and validation, error results, exact commits, grids, caching.
#include "agenttesthelpers.h"

#include "agent/curationtools.h"
#include "agent/tools/compositegrid.h"
#include "dataset/curationlog.h"
#include "models/imagesize.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>

#include <fstream>

namespace curator {
namespace {

using nlohmann::json;
using test::Backends;
using test::TempDir;

constexpr size_t kDemoCount = 1500;

class ToolsTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
        backends = test::builtinBackends();
        auto log = CurationLog::open(demo.workspace);
        ASSERT_TRUE(log.ok()) << log.error();
        ASSERT_TRUE(log->createBranch("agent/test-run").ok());
        tools = std::make_unique<CurationToolbox>(demo.workspace, *backends.embedder, *backends.scorer,
                                                  *backends.captioner, "agent:test-run", "agent/test-run");
    }

    // countAbove with the same query set the tools build.
    size_t countAboveFor(const std::string& query, const std::vector<std::string>& negatives,
                         double threshold, double negativeThreshold) {
        auto store = EmbeddingStore::open(demo.workspace);
        EXPECT_TRUE(store.ok());
        auto segments = store->select("", {});
        EXPECT_TRUE(segments.ok());
        std::vector<std::vector<float>> negativeVectors;
        for (const auto& text : negatives) {
            negativeVectors.push_back(backends.embedder->embedText(text)->vector);
        }
        auto querySet = makeQuerySet(backends.embedder->embedText(query)->vector, negativeVectors,
                                     static_cast<float>(negativeThreshold));
        EXPECT_TRUE(querySet.ok());
        auto count = countAbove(*segments, *querySet, static_cast<float>(threshold));
        EXPECT_TRUE(count.ok());
        return count->count;
    }

    TempDir dir;
    test::DemoWorkspace demo;
    Backends backends;
    std::unique_ptr<CurationToolbox> tools;
};

TEST_F(ToolsTest, SevenSchemasWithSourceEnums) {
    const auto schemas = tools->schemas();
    ASSERT_EQ(schemas.size(), 8u); // the seven curation tools and finish
    std::vector<std::string> names;
    for (const auto& schema : schemas) {
        names.push_back(schema.name);
        const json parameters = json::parse(schema.parametersJson);
        EXPECT_EQ(parameters["type"], "object");
    }
    EXPECT_EQ(names, (std::vector<std::string>{"search", "sample", "aesthetics_rate", "commit", "undo_commit",
                                               "status", "sample_from_committed", "finish"}));
    const json search = json::parse(schemas[0].parametersJson);
    EXPECT_EQ(search["required"], json::array({"query"}));
    const std::string sources = search["properties"]["source"].dump();
    EXPECT_NE(sources.find("dreamcore"), std::string::npos);
}

TEST_F(ToolsTest, StringArgumentsAreCoerced) {
    json arguments = {{"query", "vhs decay"},
                      {"threshold", "0.45"},
                      {"negative_prompts", "[\"watermark\", \"text overlay\"]"},
                      {"negative_threshold", " 0.25 "},
                      {"message", "m"},
                      {"tags", "vhs_decay"},
                      {"source", "[\"photos\"]"}};
    ASSERT_TRUE(tools->coerceAndValidate("commit", arguments).ok());
    EXPECT_TRUE(arguments["threshold"].is_number_float());
    EXPECT_DOUBLE_EQ(arguments["threshold"].get<double>(), 0.45);
    EXPECT_EQ(arguments["negative_prompts"], json::array({"watermark", "text overlay"}));
    EXPECT_DOUBLE_EQ(arguments["negative_threshold"].get<double>(), 0.25);
    EXPECT_EQ(arguments["tags"], json::array({"vhs_decay"}));
    EXPECT_EQ(arguments["source"], json::array({"photos"}));

    json sample = {{"query", "film grain"}, {"min_threshold", "0.2"}, {"count", "5"}, {"n", 7}};
    ASSERT_TRUE(tools->coerceAndValidate("sample", sample).ok());
    EXPECT_TRUE(sample["count"].is_number_integer());
    EXPECT_EQ(sample["count"].get<int>(), 5);

    // Through execute, with the raw text a model writes.
    const ToolResult result = tools->execute(
        "search",
        R"({"query": "vhs decay", "top_k": "5", "negative_threshold": "0.45", "negative_prompts": "[\"text overlay\"]"})");
    ASSERT_TRUE(result.ok) << result.text;
    EXPECT_EQ(result.data["results"].size(), 5u);
    EXPECT_DOUBLE_EQ(result.data["negative_threshold"].get<double>(), 0.45);
    EXPECT_EQ(result.data["negative_prompts"], json::array({"text overlay"}));
}

TEST_F(ToolsTest, SchemaViolationsAreToolErrors) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"top_k": 5})", "missing required argument 'query'"},
        {R"({"query": "vhs", "top_k": "many"})", "'top_k' must be a number"},
        {R"({"query": "vhs", "top_k": 0})", "out of range"},
        {R"({"query": "vhs", "top_k": 2.5})", "whole number"},
        {R"({"query": "vhs", "negative_threshold": 2})", "out of range"},
        {R"({"query": "vhs", "source": "nowhere"})", "unknown source 'nowhere'"},
        {R"({"query": "vhs", "colour": "red"})", "unknown argument 'colour'"},
        {R"({"query": 42})", "'query' must be a string"},
        {R"({"query": "vhs", "negative_prompts": "[1, 2]"})", "must be a string"},
        {R"([1, 2])", "must be a JSON object"},
    };
    for (const auto& [arguments, expected] : cases) {
        const ToolResult result = tools->execute("search", arguments);
        EXPECT_FALSE(result.ok) << arguments;
        EXPECT_EQ(result.text.rfind("ERROR: ", 0), 0u) << result.text;
        EXPECT_NE(result.text.find(expected), std::string::npos) << arguments << " -> " << result.text;
    }
    const ToolResult band =
        tools->execute("sample", R"({"query": "vhs", "min_threshold": 0.8, "max_threshold": 0.2})");
    EXPECT_FALSE(band.ok);
    EXPECT_NE(band.text.find("min_threshold must not exceed max_threshold"), std::string::npos);
    const ToolResult message =
        tools->execute("commit", R"({"query": "vhs", "threshold": 0.5, "message": " "})");
    EXPECT_FALSE(message.ok);
    // A query the builtin embedder cannot place is an error the model can act on.
    const ToolResult unknown = tools->execute("search", R"({"query": "zebra xylophone"})");
    EXPECT_FALSE(unknown.ok);
    EXPECT_NE(unknown.text.find("does not know"), std::string::npos) << unknown.text;
}

TEST_F(ToolsTest, UnknownToolAndMalformedJsonAreErrors) {
    const ToolResult unknown = tools->execute("delete_everything", "{}");
    EXPECT_FALSE(unknown.ok);
    EXPECT_NE(unknown.text.find("unknown tool 'delete_everything'"), std::string::npos);
    EXPECT_NE(unknown.text.find("search"), std::string::npos);
    const ToolResult malformed = tools->execute("search", R"({"query": "motion bl)");
    EXPECT_FALSE(malformed.ok);
    EXPECT_NE(malformed.text.find("not valid JSON"), std::string::npos) << malformed.text;
    // The toolbox keeps working afterwards.
    EXPECT_TRUE(tools->execute("status", "").ok);
}

TEST_F(ToolsTest, SearchIsCompact) {
    const ToolResult result = tools->execute("search", R"({"query": "scanlines"})");
    ASSERT_TRUE(result.ok) << result.text;
    EXPECT_EQ(result.data["results"].size(), 20u);
    EXPECT_EQ(result.data["histogram"].size(), 10u);
    size_t histogramTotal = 0;
    for (const auto& bin : result.data["histogram"]) {
        histogramTotal += bin["count"].get<size_t>();
    }
    EXPECT_EQ(histogramTotal, result.data["unmasked"].get<size_t>());
    EXPECT_EQ(result.data["unmasked"].get<size_t>() + result.data["masked"].get<size_t>(), kDemoCount);
    EXPECT_NE(result.text.find("unmasked"), std::string::npos);
    EXPECT_NE(result.text.find("histogram"), std::string::npos);
    EXPECT_LT(result.text.size(), 4000u);
}

TEST_F(ToolsTest, CommitSelectsExactlyWhatCountAboveCountsAndRecordsTheNegativeThreshold) {
    const ToolResult first = tools->execute(
        "commit", R"({"query": "vhs decay", "threshold": "0.5", "negative_prompts": ["text overlay"],
                      "message": "VHS look above 0.5", "tags": ["vhs_decay"]})");
    ASSERT_TRUE(first.ok) << first.text;
    const size_t expected = countAboveFor("vhs decay", {"text overlay"}, 0.5, kDefaultNegativeThreshold);
    EXPECT_GT(expected, 0u);
    EXPECT_EQ(first.data["selected"].get<size_t>(), expected);
    EXPECT_EQ(first.data["added"].get<size_t>(), expected);
    EXPECT_EQ(first.data["short_id"].get<std::string>().size(), 8u);
    EXPECT_NE(first.text.find("Committed " + first.data["short_id"].get<std::string>()), std::string::npos);

    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto info = log->commitInfo(first.data["id"].get<std::string>());
    ASSERT_TRUE(info.ok());
    EXPECT_DOUBLE_EQ(info->negativeThreshold, kDefaultNegativeThreshold);
    EXPECT_EQ(info->negativePrompts, std::vector<std::string>{"text overlay"});
    EXPECT_EQ(info->author, "agent:test-run");
    EXPECT_EQ(info->branch, "agent/test-run");
    EXPECT_EQ(info->tags, std::vector<std::string>{"vhs_decay"});

    const ToolResult second = tools->execute(
        "commit", R"({"query": "film grain", "threshold": 0.4, "negative_prompts": "text overlay",
                      "negative_threshold": "0.45", "message": "grain"})");
    ASSERT_TRUE(second.ok) << second.text;
    EXPECT_EQ(second.data["selected"].get<size_t>(),
              countAboveFor("film grain", {"text overlay"}, 0.4, 0.45));
    auto secondInfo = log->commitInfo(second.data["id"].get<std::string>());
    ASSERT_TRUE(secondInfo.ok());
    EXPECT_DOUBLE_EQ(secondInfo->negativeThreshold, 0.45);

    // The human's checked-out branch is untouched; the run's branch holds both commits.
    auto status = log->status("agent/test-run");
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->liveCommits.size(), 2u);
    auto mainStatus = log->status("main");
    ASSERT_TRUE(mainStatus.ok());
    EXPECT_EQ(mainStatus->distinctImages, 0u);
}

// Issue 17 §3: the commit tool's optional exclude_near_duplicates goes through the core's one rule.
TEST_F(ToolsTest, CommitCanExcludeNearDuplicatesOfTheDataset) {
    const ToolResult first =
        tools->execute("commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "top of vhs"})");
    ASSERT_TRUE(first.ok) << first.text;
    EXPECT_EQ(first.data["near_duplicates_excluded"].get<size_t>(), 0u);
    const ToolResult second =
        tools->execute("commit", R"({"query": "vhs decay", "threshold": 0.4, "message": "more vhs",
                      "exclude_near_duplicates": 0.97})");
    ASSERT_TRUE(second.ok) << second.text;
    const size_t excluded = second.data["near_duplicates_excluded"].get<size_t>();
    EXPECT_EQ(second.data["selected"].get<size_t>() + excluded,
              countAboveFor("vhs decay", {}, 0.4, kDefaultNegativeThreshold));
    EXPECT_NE(second.text.find("near-duplicates of the dataset left out"), std::string::npos) << second.text;
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto info = log->commitInfo(second.data["id"].get<std::string>());
    ASSERT_TRUE(info.ok());
    EXPECT_NE(info->message.find(std::to_string(excluded) + " near-duplicate"), std::string::npos)
        << info->message;

    const ToolResult refused = tools->execute(
        "commit",
        R"({"query": "vhs decay", "threshold": 0.4, "message": "m", "exclude_near_duplicates": 1.5})");
    EXPECT_FALSE(refused.ok);
    EXPECT_NE(refused.text.find("exclude_near_duplicates"), std::string::npos) << refused.text;
}

TEST_F(ToolsTest, SamplesReturnOneGridImagePerCall) {
    const ToolResult sample =
        tools->execute("sample", R"({"query": "vhs decay", "min_threshold": 0.3, "count": 12, "seed": 3})");
    ASSERT_TRUE(sample.ok) << sample.text;
    EXPECT_EQ(sample.text.rfind("Sampled 12 from ", 0), 0u) << sample.text;
    EXPECT_NE(sample.text.find(" candidates"), std::string::npos);
    ASSERT_EQ(sample.imageDataUrls.size(), 1u);
    EXPECT_EQ(sample.imageDataUrls[0].rfind("data:image/jpeg;base64,", 0), 0u);
    EXPECT_NE(sample.text.find("  12. "), std::string::npos);
    // Seeded: the same draw again.
    const ToolResult again =
        tools->execute("sample", R"({"query": "vhs decay", "min_threshold": 0.3, "count": 12, "seed": 3})");
    EXPECT_EQ(again.data["results"], sample.data["results"]);

    const ToolResult commit =
        tools->execute("commit", R"({"query": "vhs decay", "threshold": 0.45, "message": "top of vhs"})");
    ASSERT_TRUE(commit.ok) << commit.text;
    const ToolResult committed = tools->execute("sample_from_committed", R"({"commit_id": "all", "n": "7"})");
    ASSERT_TRUE(committed.ok) << committed.text;
    EXPECT_EQ(committed.data["results"].size(), 7u);
    EXPECT_EQ(committed.imageDataUrls.size(), 1u);
    const ToolResult byCommit = tools->execute("sample_from_committed",
                                               json{{"commit_id", commit.data["short_id"]}, {"n", 3}}.dump());
    ASSERT_TRUE(byCommit.ok) << byCommit.text;
    EXPECT_EQ(byCommit.data["results"].size(), 3u);
    EXPECT_EQ(byCommit.imageDataUrls.size(), 1u);
}

// The pixel size of a "data:image/jpeg;base64,..." grid, read from its header.
ImageSize gridSize(const std::string& dataUrl, const std::string& scratchFile) {
    const std::string payload = dataUrl.substr(dataUrl.find(',') + 1);
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string bytes;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : payload) {
        const size_t value = alphabet.find(c);
        if (value == std::string::npos) {
            continue; // padding
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    std::ofstream(scratchFile, std::ios::binary) << bytes;
    auto size = readImageSize(scratchFile);
    return size ? *size : ImageSize{};
}

TEST_F(ToolsTest, SearchShowsItsBestMatchesAsAGridOfLargeTiles) {
    const ToolResult few = tools->execute("search", R"({"query": "vhs decay", "top_k": 7})");
    ASSERT_TRUE(few.ok) << few.text;
    ASSERT_EQ(few.imageDataUrls.size(), 1u);
    EXPECT_NE(few.text.find("the grid image shows matches 1-7 as numbered"), std::string::npos) << few.text;
    const ImageSize small = gridSize(few.imageDataUrls[0], demo.workspace + "/grid7.jpg");
    EXPECT_EQ(small.width, 5u * kGridTileSize);
    EXPECT_EQ(small.height, 2u * kGridTileSize);
    // Many matches: the grid holds the first kSearchGridImages, the text lists them all.
    const ToolResult many = tools->execute("search", R"({"query": "vhs decay", "top_k": 60})");
    ASSERT_TRUE(many.ok) << many.text;
    ASSERT_EQ(many.imageDataUrls.size(), 1u);
    const ImageSize large = gridSize(many.imageDataUrls[0], demo.workspace + "/grid60.jpg");
    EXPECT_EQ(large.height, static_cast<uint32_t>(kSearchGridImages / kGridColumns * kGridTileSize));
    EXPECT_NE(many.text.find("  60. "), std::string::npos);
    EXPECT_GE(kGridTileSize, 384); // grain, blocking and scanlines stay visible
}

TEST(CompositeGrid, RefusesATileSizeOutOfRange) {
    const std::vector<ToolImage> images(1);
    EXPECT_FALSE(compositeGridDataUrl(images, 8).ok());
    EXPECT_TRUE(compositeGridDataUrl(images, 64).ok()); // an unreadable image becomes a marked tile
}

TEST_F(ToolsTest, QueryAndNegativeTextsAreEmbeddedOncePerRun) {
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(
            tools->execute("search", R"({"query": "vhs decay", "negative_prompts": ["text overlay"]})").ok);
    }
    ASSERT_TRUE(
        tools
            ->execute("sample",
                      R"({"query": "vhs decay", "min_threshold": 0.5, "negative_prompts": ["text overlay"]})")
            .ok);
    EXPECT_EQ(tools->embeddedTextCount(), 2u);
}

TEST_F(ToolsTest, RateUndoAndStatus) {
    ASSERT_TRUE(tools->execute("search", R"({"query": "film grain", "top_k": 8})").ok);
    const ToolResult rated = tools->execute("aesthetics_rate", R"({"query": "last"})");
    ASSERT_TRUE(rated.ok) << rated.text;
    EXPECT_EQ(rated.data["rated"].get<size_t>(), 8u);
    EXPECT_NE(rated.text.find("Rated 8 of 8"), std::string::npos) << rated.text;
    const ToolResult band = tools->execute(
        "aesthetics_rate",
        R"({"query": "film grain", "min_threshold": 0.2, "max_threshold": 0.6, "sample_size": 5})");
    ASSERT_TRUE(band.ok) << band.text;

    const ToolResult commit = tools->execute(
        "commit",
        R"({"query": "film grain", "threshold": 0.45, "message": "grain", "tags": ["film_grain"]})");
    ASSERT_TRUE(commit.ok) << commit.text;
    const ToolResult status = tools->execute("status", "{}");
    ASSERT_TRUE(status.ok);
    EXPECT_EQ(status.data["distinct_images"].get<size_t>(), commit.data["selected"].get<size_t>());
    EXPECT_NE(status.text.find("film_grain"), std::string::npos);
    const std::string prefix = commit.data["id"].get<std::string>().substr(0, 6);
    const ToolResult undo = tools->execute("undo_commit", json{{"commit_id", prefix}}.dump());
    ASSERT_TRUE(undo.ok) << undo.text;
    EXPECT_NE(undo.text.find("Reverted"), std::string::npos);
    EXPECT_EQ(tools->execute("status", "{}").data["distinct_images"].get<size_t>(), 0u);
    EXPECT_FALSE(tools->execute("undo_commit", R"({"commit_id": "zzzz"})").ok);
    // The checked-out branch stayed main.
    auto log = CurationLog::open(demo.workspace);
    EXPECT_EQ(*log->checkedOutBranch(), "main");
}

} // namespace
} // namespace curator
