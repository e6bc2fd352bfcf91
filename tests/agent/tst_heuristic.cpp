// The offline heuristic planner: theme decomposition and the VHS curation on the image demo, with its
// precision against the demo's ground-truth labels.
#include "agenttesthelpers.h"

#include "agent/planners.h"
#include "dataset/curationlog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

namespace curator {
namespace {

using nlohmann::json;

TEST(HeuristicPlanner, DecomposesTheVhsThemeIntoTaxonomyAttributes) {
    auto backends = test::builtinBackends();
    HeuristicPlanner planner(*backends.embedder);
    const auto elements = planner.decompose("VHS decay and analog glitch");
    std::vector<std::string> names;
    for (const auto& element : elements) {
        names.push_back(element.attribute);
        EXPECT_FALSE(element.why.empty());
    }
    ASSERT_FALSE(names.empty());
    EXPECT_EQ(names.front(), "vhs_decay");
    for (const char* expected : {"scanline_texture", "film_grain", "jpeg_artifacts"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
    }
    for (const char* unrelated : {"motion_blur", "harsh_flash", "golden_hour"}) {
        EXPECT_EQ(std::find(names.begin(), names.end(), unrelated), names.end()) << unrelated;
    }
}

TEST(HeuristicPlanner, CuratesVhsDecayIntoAPreciseDatasetOfTheTargetSize) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), 1500);
    auto backends = test::builtinBackends();
    test::EventLog events;
    AgentConfig config;
    config.theme = "VHS decay and analog glitch";
    config.runId = "heuristic-vhs";
    auto run =
        AgentRun::create(demo.workspace, config, std::make_unique<HeuristicPlanner>(*backends.embedder),
                         *backends.embedder, *backends.scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "final_answer");

    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto images = log->datasetImages("agent/heuristic-vhs");
    ASSERT_TRUE(images.ok()) << images.error();
    const std::set<std::string> vhsLike = {"vhs_decay",      "scanline_texture", "film_grain",
                                           "jpeg_artifacts", "digital_noise",    "chromatic_aberration",
                                           "analog_decay",   "datamosh",         "pixelation"};
    size_t relevant = 0;
    for (const auto& image : *images) {
        const auto found = demo.labels.find(image.source + "/" + image.name);
        ASSERT_NE(found, demo.labels.end()) << image.name;
        relevant += std::any_of(found->second.begin(), found->second.end(),
                                [&](const std::string& attribute) { return vhsLike.count(attribute) > 0; });
    }
    const double precision = images->empty() ? 0.0 : double(relevant) / double(images->size());
    auto status = log->status("agent/heuristic-vhs");
    ASSERT_TRUE(status.ok());
    std::printf(
        "[ VHS ] \"VHS decay and analog glitch\" on the 1,500-image demo: %zu images in %zu commits, "
        "precision %.3f (%zu carry vhs_decay/scanline_texture/film_grain/jpeg_artifacts/...), %d turns\n",
        images->size(), status->liveCommits.size(), precision, relevant, (*run)->turns());
    for (const auto& commit : status->liveCommits) {
        std::printf("[ VHS ]   %s %zu images: %s\n", shortId(commit.id).c_str(), commit.images,
                    commit.message.c_str());
    }
    EXPECT_GE(images->size(), 200u);
    EXPECT_LE(images->size(), 300u);
    EXPECT_GE(precision, 0.8);
    for (const auto& commit : status->liveCommits) {
        EXPECT_EQ(commit.author, "agent:heuristic-vhs");
        EXPECT_FALSE(commit.message.empty());
    }
    // Readable reasoning streamed like a model's, and every tool event tied to its call.
    EXPECT_GT(events.ofType("reasoning_delta").size(), 10u);
    EXPECT_EQ(events.ofType("tool_call").size(), events.ofType("tool_result").size());
    EXPECT_EQ(events.ofType("commit").size(), status->liveCommits.size());
    for (const auto& event : events.ofType("tool_result")) {
        EXPECT_TRUE(event.contains("call_id"));
        EXPECT_EQ(event["model"], "heuristic-v1");
    }
}

} // namespace
} // namespace curator
