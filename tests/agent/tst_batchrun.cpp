// A batch of runs over a list of themes (issue 15 §4): one run and branch per theme, a checkpoint in the
// workspace, and a batch stopped mid-way that resumes without redoing its finished themes.
#include "agenttesthelpers.h"

#include "agent/batchrun.h"
#include "agent/planners.h"
#include "agent/transcript.h"
#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "dataset/curationlog.h"

#include <gtest/gtest.h>

#include <fstream>

namespace curator {
namespace {

using nlohmann::json;

constexpr size_t kDemoCount = 1500;
constexpr int kTurnsPerTheme = 30;

// Makes heuristic runs and records which themes were created and which resumed.
struct RecordingFactory {
    explicit RecordingFactory(std::string directory)
        : workspace(std::move(directory)) {}
    const std::string workspace;
    test::Backends backends = test::builtinBackends();
    std::vector<std::string> created;
    std::vector<std::string> resumed;
    AgentEventListener listener;

    BatchRunFactory factory() {
        BatchRunFactory made;
        made.create = [this](const std::string& theme, const std::string& runId) {
            created.push_back(runId);
            AgentConfig config;
            config.theme = theme;
            config.runId = runId;
            config.maxTurns = kTurnsPerTheme;
            return AgentRun::create(workspace, config, std::make_unique<HeuristicPlanner>(*backends.embedder),
                                    *backends.embedder, *backends.scorer, *backends.captioner, listener);
        };
        made.resume = [this](const std::string& runId) {
            resumed.push_back(runId);
            return AgentRun::resume(workspace, runId, std::make_unique<HeuristicPlanner>(*backends.embedder),
                                    *backends.embedder, *backends.scorer, *backends.captioner, listener);
        };
        return made;
    }
};

size_t countOf(const std::vector<json>& events, const std::string& type) {
    size_t count = 0;
    for (const auto& event : events) {
        count += event.value("type", std::string()) == type;
    }
    return count;
}

TEST(BatchRun, AStoppedBatchResumesTheInterruptedThemeAndStartsTheRestWithoutRedoingTheFirst) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    const std::vector<std::string> themes = {"VHS decay", "motion blur", "harsh flash"};
    auto batch = BatchRun::create(demo.workspace, themes, "batch-test", {{"planner", "heuristic"}});
    ASSERT_TRUE(batch.ok()) << batch.error();
    const std::string first = "batch-test-t01";
    const std::string second = "batch-test-t02";
    const std::string third = "batch-test-t03";

    // The first theme runs to its end; the second is stopped after a few tool results (as a kill would
    // leave it: "running" in the checkpoint, its transcript part-way).
    RecordingFactory factory(demo.workspace);
    size_t secondResults = 0;
    BatchRun* running = batch->get();
    factory.listener = [&](const json& event) {
        if (event.value("type", std::string()) == "tool_result" &&
            event.value("run_id", std::string()) == second && ++secondResults == 3) {
            running->stop();
        }
    };
    ASSERT_TRUE((*batch)->run(factory.factory()).ok());
    EXPECT_TRUE((*batch)->stopped());
    EXPECT_EQ(factory.created, (std::vector<std::string>{first, second}));
    EXPECT_TRUE(factory.resumed.empty());
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto firstStatus = log->status(AgentRun::branchOf(first));
    ASSERT_TRUE(firstStatus.ok());
    ASSERT_FALSE(firstStatus->liveCommits.empty());
    const auto firstEvents = Transcript::read(Transcript::path(demo.workspace, first));
    ASSERT_TRUE(firstEvents.ok());

    // The checkpoint on disk says where the batch stands.
    auto checkpoint = readJsonFile(BatchRun::checkpointPath(demo.workspace, "batch-test"));
    ASSERT_TRUE(checkpoint.ok()) << checkpoint.error();
    const json& recorded = (*checkpoint)["themes"];
    ASSERT_EQ(recorded.size(), 3u);
    EXPECT_EQ(recorded[0]["state"], "finished");
    EXPECT_EQ(recorded[0]["run_id"], first);
    EXPECT_EQ(recorded[0]["branch"], "agent/" + first);
    EXPECT_EQ(recorded[1]["state"], "running");
    EXPECT_EQ(recorded[2]["state"], "pending");
    EXPECT_EQ((*checkpoint)["config"]["planner"], "heuristic");

    // A new process: the batch read back from its checkpoint and resumed.
    batch->reset();
    auto reopened = BatchRun::open(demo.workspace, "batch-test");
    ASSERT_TRUE(reopened.ok()) << reopened.error();
    RecordingFactory again(demo.workspace);
    ASSERT_TRUE((*reopened)->run(again.factory()).ok());
    EXPECT_FALSE((*reopened)->stopped());
    EXPECT_EQ(again.resumed, std::vector<std::string>{second});
    EXPECT_EQ(again.created, std::vector<std::string>{third});
    for (const auto& theme : (*reopened)->themes()) {
        EXPECT_EQ(theme.state, BatchThemeState::Finished) << theme.runId;
        EXPECT_FALSE(theme.finishReason.empty());
    }
    // The first theme was not touched again: same commits, same transcript.
    auto firstAfter = log->status(AgentRun::branchOf(first));
    ASSERT_TRUE(firstAfter.ok());
    EXPECT_EQ(firstAfter->liveCommits.size(), firstStatus->liveCommits.size());
    const auto firstEventsAfter = Transcript::read(Transcript::path(demo.workspace, first));
    ASSERT_TRUE(firstEventsAfter.ok());
    EXPECT_EQ(firstEventsAfter->size(), firstEvents->size());
    // The second continued its own transcript; the third started on its own branch.
    const auto secondEvents = Transcript::read(Transcript::path(demo.workspace, second));
    ASSERT_TRUE(secondEvents.ok());
    EXPECT_EQ(countOf(*secondEvents, "run_started"), 1u);
    EXPECT_EQ(countOf(*secondEvents, "run_resumed"), 1u);
    auto thirdStatus = log->status(AgentRun::branchOf(third));
    ASSERT_TRUE(thirdStatus.ok()) << thirdStatus.error();
    std::printf("[ batch ] %s: %zu commits; %s resumed; %s: %zu commits\n", first.c_str(),
                firstAfter->liveCommits.size(), second.c_str(), third.c_str(),
                thirdStatus->liveCommits.size());
    EXPECT_EQ(BatchRun::listBatches(demo.workspace), std::vector<std::string>{"batch-test"});
}

TEST(BatchRun, ThemesComeFromAFileOrATaxonomyCategoryAndBadInputIsNamed) {
    test::TempDir dir;
    const std::string file = dir.path() + "/themes.txt";
    std::ofstream(file) << "# three themes\nVHS decay\n\n  motion blur  \r\nharsh flash\n";
    auto themes = BatchRun::readThemesFile(file);
    ASSERT_TRUE(themes.ok()) << themes.error();
    EXPECT_EQ(*themes, (std::vector<std::string>{"VHS decay", "motion blur", "harsh flash"}));
    std::ofstream(dir.path() + "/empty.txt") << "# nothing\n\n";
    auto empty = BatchRun::readThemesFile(dir.path() + "/empty.txt");
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().find("empty.txt: no themes"), std::string::npos) << empty.error();

    auto category = BatchRun::themesOfCategory("clarity_and_focus");
    ASSERT_TRUE(category.ok()) << category.error();
    EXPECT_GE(category->size(), 3u);
    EXPECT_EQ(category->front().rfind("motion_blur: ", 0) == 0 ||
                  std::any_of(category->begin(), category->end(),
                              [](const std::string& theme) { return theme.rfind("motion_blur: ", 0) == 0; }),
              true);
    auto unknown = BatchRun::themesOfCategory("no_such_category");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("clarity_and_focus"), std::string::npos) << unknown.error();

    EXPECT_FALSE(BatchRun::create(dir.path(), {"a", "a"}, "dup").ok());
    EXPECT_FALSE(BatchRun::create(dir.path(), {"a", " "}, "blank").ok());
    EXPECT_FALSE(BatchRun::create(dir.path(), {"a"}, "../escape").ok());
    ASSERT_TRUE(BatchRun::create(dir.path(), {"a", "b"}, "once").ok());
    auto twice = BatchRun::create(dir.path(), {"a"}, "once");
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().find("exists already"), std::string::npos) << twice.error();

    // An edited checkpoint is refused naming the file and the field.
    const std::string path = BatchRun::checkpointPath(dir.path(), "once");
    auto document = readJsonFile(path);
    ASSERT_TRUE(document.ok());
    (*document)["themes"][1]["state"] = "half-done";
    ASSERT_TRUE(writeFileAtomically(path, document->dump()).ok());
    auto edited = BatchRun::open(dir.path(), "once");
    ASSERT_FALSE(edited.ok());
    EXPECT_NE(edited.error().find("themes[1].state: unknown state 'half-done'"), std::string::npos)
        << edited.error();
    (*document)["themes"] = 7;
    ASSERT_TRUE(writeFileAtomically(path, document->dump()).ok());
    EXPECT_FALSE(BatchRun::open(dir.path(), "once").ok());
}

} // namespace
} // namespace curator
