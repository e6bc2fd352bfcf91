// Stepping in (issue 16 §2): what a pending commit would take at another threshold, approval per tool,
// messages typed during a turn delivered at the next one, and the runs list.
#include "agenttesthelpers.h"

#include "agent/agentrun.h"
#include "agent/runcontrol.h"
#include "agent/runlist.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;

class SteppingTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), 1500);
        backends = test::builtinBackends();
    }

    Result<std::unique_ptr<AgentRun>> create(std::unique_ptr<Planner> planner, const std::string& runId,
                                             std::vector<std::string> approveTools = {}) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        config.approveTools = std::move(approveTools);
        return AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    }

    static bool waitFor(AgentRun& run, AgentRun::State state, int turns = -1) {
        for (int i = 0; i < 2000; ++i) {
            if (run.state() == state && (turns < 0 || run.turns() == turns)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    size_t countAboveFor(const std::string& query, double threshold) {
        auto store = EmbeddingStore::open(demo.workspace);
        auto segments = store->select("", {});
        auto querySet = makeQuerySet(backends.embedder->embedText(query)->vector, {}, 0.3f);
        return countAbove(*segments, *querySet, static_cast<float>(threshold))->count;
    }

    test::TempDir dir;
    test::DemoWorkspace demo;
    test::Backends backends;
    test::EventLog events;
};

TEST_F(SteppingTest, WhatIfCountsAreWhatACommitAtThatThresholdTakes) {
    // The first commit puts the best images in the branch, so the second one's "new" differs from its size.
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "best"})"}}, "a"),
         test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.5, "message": "wider"})"}},
                        "b")});
    auto run = create(std::unique_ptr<Planner>(planner), "whatif-run", {"commit"});
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 1));
    agent.approve();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 2));
    auto whatIf = agent.pendingCommitWhatIf();
    ASSERT_NE(whatIf, nullptr);
    const ThresholdAdmission proposed = whatIf->at(0.5);
    const ThresholdAdmission edited = whatIf->at(0.55);
    EXPECT_EQ(proposed.admitted, countAboveFor("vhs decay", 0.5));
    EXPECT_EQ(edited.admitted, countAboveFor("vhs decay", 0.55));
    const ToolResult first = planner->results()[1][0];
    if (!first.ok) {
        agent.stop();
        worker.join();
        FAIL() << first.text;
    }
    // The first commit's images are not new.
    EXPECT_EQ(edited.fresh, edited.admitted - first.data["selected"].get<size_t>());
    EXPECT_GT(edited.fresh, 0u);
    EXPECT_EQ(whatIf->at(0.6).fresh, 0u);
    // The event follows the state by a moment (the state changes first, under the run's lock).
    for (int i = 0; i < 2000 && events.ofType("approval_needed").size() < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const json needed = events.ofType("approval_needed").back();
    ASSERT_TRUE(needed["preview"].contains("new")) << needed.dump();
    EXPECT_EQ(needed["preview"]["new"].get<size_t>(), proposed.fresh);
    EXPECT_EQ(needed["preview"]["count"].get<size_t>(), proposed.admitted);
    EXPECT_EQ(needed["preview"]["distribution"]["counts"].size(), 200u);

    agent.approveWithThreshold(0.55);
    worker.join();
    EXPECT_EQ(agent.pendingCommitWhatIf(), nullptr);
    const ToolResult committed = planner->results()[2][0];
    ASSERT_TRUE(committed.ok) << committed.text;
    EXPECT_EQ(committed.data["selected"].get<size_t>(), edited.admitted);
    EXPECT_EQ(committed.data["added"].get<size_t>(), edited.fresh);
}

TEST_F(SteppingTest, RejectRecordsTheReason) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.5, "message": "m"})"}}, "a")});
    auto run = create(std::unique_ptr<Planner>(planner), "reject-run", {"commit"});
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 1));
    agent.reject("too many indoor scenes");
    worker.join();
    const auto transcript = Transcript::read(agent.transcriptPath());
    ASSERT_TRUE(transcript.ok());
    bool recorded = false;
    for (const json& event : *transcript) {
        recorded |=
            event.value("action", "") == "reject" && event.value("reason", "") == "too many indoor scenes";
    }
    EXPECT_TRUE(recorded);
    EXPECT_EQ(CurationLog::open(demo.workspace)->status("agent/reject-run")->distinctImages, 0u);
}

TEST_F(SteppingTest, ApprovalPerToolStopsOnlyTheChosenTools) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "m"})"}}, "a"),
         test::toolTurn({{"search", R"({"query": "film grain"})"}}, "b"),
         test::toolTurn({{"undo_commit", R"({"commit_id": "PLACEHOLDER"})"}}, "c")});
    auto run = create(std::unique_ptr<Planner>(planner), "pertool-run", {"undo_commit"});
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    EXPECT_EQ(agent.approvalTools(), std::vector<std::string>{"undo_commit"});
    EXPECT_FALSE(agent.approvalMode());
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 3)); // commit and search ran unasked
    const auto needed = events.ofType("approval_needed");
    ASSERT_EQ(needed.size(), 1u);
    EXPECT_EQ(needed[0]["name"], "undo_commit");
    EXPECT_FALSE(needed[0].contains("preview"));
    agent.setApprovalRequired("all", true);
    EXPECT_EQ(agent.approvalTools(), AgentRun::approvableTools());
    agent.setApprovalRequired("search", true); // not approvable: nothing changes, nothing recorded
    agent.reject("keep it");
    worker.join();
    EXPECT_FALSE(planner->results()[3][0].ok);
    EXPECT_NE(planner->results()[3][0].text.find("keep it"), std::string::npos);
    bool recordedAll = false;
    for (const json& event : events.ofType("human_action")) {
        recordedAll |= event["action"] == "approval_mode_on" && event["tool"] == "all";
    }
    EXPECT_TRUE(recordedAll);
    EXPECT_EQ(events.ofType("run_started")[0]["config"]["approve_tools"], json::array({"undo_commit"}));
}

TEST_F(SteppingTest, AMessageTypedDuringATurnIsDeliveredAtTheNext) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"status", "{}"}}, "a"), test::toolTurn({{"status", "{}"}}, "b")});
    auto run = create(std::unique_ptr<Planner>(planner), "message-run");
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    agent.pause();
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 0));
    agent.inject("look for grain too");
    const auto injected = events.ofType("human_action").back();
    EXPECT_EQ(injected["action"], "inject");
    EXPECT_EQ(injected["message_id"], 1);
    EXPECT_TRUE(events.ofType("message_delivered").empty()); // queued while the run waits
    agent.resume();
    worker.join();
    const auto delivered = events.ofType("message_delivered");
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(delivered[0]["message_id"], 1);
    EXPECT_EQ(delivered[0]["message"], "look for grain too");
    EXPECT_EQ(delivered[0]["turn"], 1);
}

TEST_F(SteppingTest, RunsAreListedWithStateBranchAndAdditions) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "m"})"}}, "a")});
    auto run = create(std::unique_ptr<Planner>(planner), "20260101-000000-aaaaaa");
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    const size_t selected = planner->results()[1][0].data["selected"].get<size_t>();
    auto second =
        create(std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{}), "20260102-000000-bbbbbb");
    ASSERT_TRUE(second.ok()) << second.error(); // created, never run: interrupted

    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    auto runs = listRunSummaries(demo.workspace, &*log);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].runId, "20260102-000000-bbbbbb"); // newest first
    EXPECT_EQ(runs[0].state, "interrupted");
    EXPECT_EQ(runs[1].state, "finished");
    EXPECT_EQ(runs[1].theme, "VHS decay");
    EXPECT_EQ(runs[1].branch, "agent/20260101-000000-aaaaaa");
    EXPECT_EQ(runs[1].branchState, "open");
    EXPECT_EQ(runs[1].addedImages, static_cast<long>(selected));

    // Issue 19: an unfinished run whose lock a process holds runs there ("live"); a finished one stays
    // finished whoever holds its lock, and a released lock makes the run interrupted again.
    second->reset();
    {
        auto owner = RunOwnerLock::acquire(demo.workspace, "20260102-000000-bbbbbb");
        ASSERT_TRUE(owner.ok()) << owner.error();
        auto finishedOwner = RunOwnerLock::acquire(demo.workspace, "20260101-000000-aaaaaa");
        ASSERT_TRUE(finishedOwner.ok()) << finishedOwner.error();
        runs = listRunSummaries(demo.workspace, &*log);
        EXPECT_EQ(runs[0].state, "live");
        EXPECT_EQ(runs[1].state, "finished");
    }
    runs = listRunSummaries(demo.workspace, &*log);
    EXPECT_EQ(runs[0].state, "interrupted");

    // With a cache, only a transcript that changed is read again; the live state is looked up each time.
    RunSummaryCache cache;
    ASSERT_EQ(listRunSummaries(demo.workspace, &*log, &cache).size(), 2u);
    EXPECT_EQ(cache.reads(), 2u);
    {
        auto owner = RunOwnerLock::acquire(demo.workspace, "20260102-000000-bbbbbb");
        ASSERT_TRUE(owner.ok());
        EXPECT_EQ(listRunSummaries(demo.workspace, &*log, &cache)[0].state, "live");
        EXPECT_EQ(cache.reads(), 2u);
    }
    {
        std::ofstream grow(Transcript::path(demo.workspace, "20260102-000000-bbbbbb"), std::ios::app);
        grow << nlohmann::json{{"type", "usage"}, {"turn", 9}, {"total_tokens", 1000}}.dump() << '\n';
    }
    runs = listRunSummaries(demo.workspace, &*log, &cache);
    EXPECT_EQ(cache.reads(), 3u);
    EXPECT_EQ(runs[0].state, "interrupted");
    EXPECT_EQ(runs[0].turns, 9);

    const size_t mainBefore = log->status("main")->distinctImages;
    ASSERT_TRUE(log->mergeBranch(runs[1].branch).ok());
    ASSERT_TRUE(log->discardBranch(runs[0].branch).ok());
    runs = listRunSummaries(demo.workspace, &*log);
    EXPECT_EQ(runs[1].branchState, "merged");
    EXPECT_EQ(runs[0].branchState, "discarded");
    EXPECT_EQ(log->status("main")->distinctImages, mainBefore + selected);
}

} // namespace
} // namespace curator
