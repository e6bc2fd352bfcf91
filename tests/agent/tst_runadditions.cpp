// What a run added since its branch forked from main (issue 15 §4): status and commit report it beside the
// branch's totals, and the heuristic planner's target counts it, so a third theme on a workspace whose main
// already holds 300 images still curates. And the aesthetics_rate grid and the run's grid tile size (§1).
#include "agenttesthelpers.h"

#include "agent/curationtools.h"
#include "agent/planners.h"
#include "agent/tools/runadditions.h"
#include "dataset/curationlog.h"
#include "models/imagesize.h"

#include <gtest/gtest.h>

#include <fstream>

namespace curator {
namespace {

using nlohmann::json;

constexpr size_t kDemoCount = 1500;

// Commits `count` demo images that carry none of `avoid` to main, as earlier themes would have.
void fillMain(const test::DemoWorkspace& demo, const std::set<std::string>& avoid, size_t count) {
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok()) << log.error();
    std::vector<CatalogImage> images;
    for (const auto& [key, attributes] : demo.labels) {
        bool clash = false;
        for (const auto& attribute : attributes) {
            clash = clash || avoid.count(attribute) > 0;
        }
        if (!clash && images.size() < count) {
            const size_t slash = key.find('/');
            images.push_back({key.substr(0, slash), key.substr(slash + 1), {}, {}, 0, 0, true});
        }
    }
    ASSERT_EQ(images.size(), count);
    // Two earlier themes, merged into main.
    const size_t half = count / 2;
    for (int part = 0; part < 2; ++part) {
        CommitRequest request;
        request.query = part == 0 ? "an earlier theme" : "another earlier theme";
        request.message = "curated before this run";
        request.branch = "main";
        request.images.assign(images.begin() + long(part == 0 ? 0 : half),
                              part == 0 ? images.begin() + long(half) : images.end());
        ASSERT_TRUE(log->commit(request).ok());
    }
}

TEST(RunAdditions, AThirdThemeOnAWorkspaceWhoseMainHolds300ImagesCommitsAndCountsItsOwnAdditions) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    fillMain(demo, {"motion_blur", "out_of_focus_blur"}, 320);
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto mainStatus = log->status("main");
    ASSERT_TRUE(mainStatus.ok());
    ASSERT_GE(mainStatus->distinctImages, 300u);

    auto backends = test::builtinBackends();
    test::EventLog events;
    AgentConfig config;
    config.theme = "motion blur and camera shake";
    config.runId = "third-theme";
    auto run =
        AgentRun::create(demo.workspace, config, std::make_unique<HeuristicPlanner>(*backends.embedder),
                         *backends.embedder, *backends.scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "final_answer");

    // It committed: main's 320 images did not use up the target.
    const auto commits = events.ofType("commit");
    ASSERT_FALSE(commits.empty());
    auto branchStatus = log->status("agent/third-theme");
    ASSERT_TRUE(branchStatus.ok());
    auto additions = runAdditions(*log, "agent/third-theme");
    ASSERT_TRUE(additions.ok()) << additions.error();
    EXPECT_EQ(additions->base, mainStatus->liveCommits.back().id);
    EXPECT_EQ(additions->commits, commits.size());
    EXPECT_EQ(additions->inheritedImages, mainStatus->distinctImages);
    EXPECT_EQ(additions->distinctImages, branchStatus->distinctImages - mainStatus->distinctImages);
    EXPECT_GE(additions->distinctImages, 50u); // the 1,500-image demo holds about a hundred blurred images
    EXPECT_LE(additions->distinctImages, 300u);
    size_t bySource = 0;
    for (const auto& [source, count] : additions->imagesBySource) {
        bySource += count;
    }
    EXPECT_EQ(bySource, additions->distinctImages);
    EXPECT_FALSE(additions->imagesByTag.empty());

    // The last status the run saw shows its own additions beside the branch's total.
    json lastStatus;
    for (const auto& event : events.ofType("tool_result")) {
        if (event.value("name", std::string()) == "status") {
            lastStatus = event;
        }
    }
    ASSERT_FALSE(lastStatus.is_null());
    const std::string text = lastStatus.value("text", std::string());
    EXPECT_NE(text.find("This run added " + std::to_string(additions->distinctImages) + " distinct images"),
              std::string::npos)
        << text;
    std::printf(
        "[ third theme ] main holds %zu images; the run committed %zu times and added %zu (branch %zu); "
        "by tag:",
        mainStatus->distinctImages, commits.size(), additions->distinctImages, branchStatus->distinctImages);
    for (const auto& [tag, count] : additions->imagesByTag) {
        std::printf(" %s %zu", tag.c_str(), count);
    }
    std::printf("\n");
}

TEST(RunAdditions, StatusAndCommitCountOnlyWhatTheRunAddedNotMainsImages) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    fillMain(demo, {}, 40);
    auto backends = test::builtinBackends();
    {
        auto log = CurationLog::open(demo.workspace);
        ASSERT_TRUE(log.ok());
        ASSERT_TRUE(log->createBranch("agent/counted").ok());
    }
    CurationToolbox tools(demo.workspace, *backends.embedder, *backends.scorer, *backends.captioner,
                          "agent:counted", "agent/counted");
    const ToolResult before = tools.execute("status", "{}");
    ASSERT_TRUE(before.ok) << before.text;
    EXPECT_EQ(before.data["distinct_images"], 40u);
    EXPECT_EQ(before.data["run_added"]["distinct_images"], 0u);
    EXPECT_EQ(before.data["run_added"]["inherited_images"], 40u);

    const ToolResult commit = tools.execute(
        "commit",
        R"({"query": "vhs decay", "threshold": 0.55, "message": "top of vhs", "tags": ["vhs_decay"]})");
    ASSERT_TRUE(commit.ok) << commit.text;
    const size_t added = commit.data["added"].get<size_t>();
    ASSERT_GT(added, 0u);
    // The commit's new images are the run's additions; images main held already are not.
    EXPECT_EQ(commit.data["run_added"]["distinct_images"], added);
    EXPECT_NE(commit.text.find("This run added " + std::to_string(added)), std::string::npos) << commit.text;
    const ToolResult after = tools.execute("status", "{}");
    EXPECT_EQ(after.data["distinct_images"], 40u + added);
    EXPECT_EQ(after.data["run_added"]["distinct_images"], added);
    EXPECT_EQ(after.data["run_added"]["images_by_tag"]["vhs_decay"], added);
    // An undone commit no longer counts.
    const ToolResult undo = tools.execute("undo_commit", json{{"commit_id", commit.data["id"]}}.dump());
    ASSERT_TRUE(undo.ok) << undo.text;
    const ToolResult undone = tools.execute("status", "{}");
    EXPECT_EQ(undone.data["run_added"]["distinct_images"], 0u);
    EXPECT_EQ(undone.data["distinct_images"], 40u);
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

TEST(RatingGrid, AestheticsRateShowsItsLowestAndHighestScoredImagesWithTheirScores) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    {
        auto log = CurationLog::open(demo.workspace);
        ASSERT_TRUE(log.ok());
        ASSERT_TRUE(log->createBranch("agent/rating").ok());
    }
    CurationToolbox tools(demo.workspace, *backends.embedder, *backends.scorer, *backends.captioner,
                          "agent:rating", "agent/rating");
    const ToolResult plain =
        tools.execute("aesthetics_rate", R"({"query": "harsh flash", "sample_size": 24})");
    ASSERT_TRUE(plain.ok) << plain.text;
    EXPECT_TRUE(plain.imageDataUrls.empty());

    tools.setGridTileSize(128);
    const ToolResult gridded =
        tools.execute("aesthetics_rate", R"({"query": "harsh flash", "sample_size": 24, "grid": "true"})");
    ASSERT_TRUE(gridded.ok) << gridded.text;
    ASSERT_EQ(gridded.imageDataUrls.size(), 1u);
    const json& tiles = gridded.data["grid"];
    ASSERT_EQ(tiles.size(), 2 * kRatingGridExtremes);
    // Lowest first, then highest; every tile is a rated image with its score.
    std::vector<double> all;
    for (const auto& rated : gridded.data["scores"]) {
        all.push_back(rated["score"].get<double>());
    }
    std::sort(all.begin(), all.end());
    EXPECT_DOUBLE_EQ(tiles.front()["score"].get<double>(), all.front());
    EXPECT_DOUBLE_EQ(tiles.back()["score"].get<double>(), all.back());
    for (size_t i = 1; i < tiles.size(); ++i) {
        EXPECT_LE(tiles[i - 1]["score"].get<double>(), tiles[i]["score"].get<double>());
    }
    EXPECT_NE(gridded.text.find("5 lowest scored (tiles 1-5) and the 5 highest scored (tiles 6-10)"),
              std::string::npos)
        << gridded.text;
    const ImageSize size = gridSize(gridded.imageDataUrls[0], demo.workspace + "/rating.jpg");
    EXPECT_EQ(size.width, 5u * 128u);
    EXPECT_EQ(size.height, 2u * 128u);
    // A wrong value for grid is an error the model can correct.
    const ToolResult wrong = tools.execute("aesthetics_rate", R"({"query": "harsh flash", "grid": "maybe"})");
    EXPECT_FALSE(wrong.ok);
    EXPECT_NE(wrong.text.find("'grid' must be true or false"), std::string::npos) << wrong.text;
}

TEST(GridTileSize, IsARunSettingCheckedRecordedAndKeptOnResume) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    for (int wrong : {64, 2000}) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.gridTileSize = wrong;
        auto run = AgentRun::create(demo.workspace, config,
                                    std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{}),
                                    *backends.embedder, *backends.scorer, *backends.captioner);
        ASSERT_FALSE(run.ok());
        EXPECT_NE(run.error().find("grid tile size " + std::to_string(wrong) + " px, expected 128 to 1024"),
                  std::string::npos)
            << run.error();
    }
    test::EventLog events;
    AgentConfig config;
    config.theme = "VHS decay";
    config.runId = "tiles-256";
    config.gridTileSize = 256;
    std::vector<ChatMessage> turns = {
        test::toolTurn({{"sample", R"({"query": "vhs decay", "min_threshold": -1, "count": 3})"}}, "a"),
        test::finalTurn("done")};
    auto run = AgentRun::create(demo.workspace, config, std::make_unique<test::ScriptedPlanner>(turns),
                                *backends.embedder, *backends.scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    const auto started = events.ofType("run_started");
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0]["config"]["grid_tile_size"], 256);
    auto resumed =
        AgentRun::resume(demo.workspace, "tiles-256", std::make_unique<test::ScriptedPlanner>(turns),
                         *backends.embedder, *backends.scorer, *backends.captioner);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    EXPECT_EQ((*resumed)->tools().gridTileSize(), 256);
    const ToolResult sample =
        (*resumed)->tools().execute("sample", R"({"query": "vhs decay", "min_threshold": -1, "count": 3})");
    ASSERT_EQ(sample.imageDataUrls.size(), 1u);
    const ImageSize size = gridSize(sample.imageDataUrls[0], demo.workspace + "/sample.jpg");
    EXPECT_EQ(size.width, 3u * 256u);
    EXPECT_EQ(size.height, 256u);
}

} // namespace
} // namespace curator
