// A run slowed for a person watching it (RunPacing: a delay per turn, a pause before each turn or each
// commit) and a planner that cannot read what the person writes saying so. No timed assertions: every wait
// is ended by a control, and the test checks the state the run waits in.
#include "agenttesthelpers.h"

#include "agent/agentevents.h"
#include "agent/agentrun.h"
#include "agent/planners.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;

constexpr const char* kCommit = R"({"query": "vhs decay", "threshold": 0.5, "message": "VHS"})";

// A scripted planner that, like the offline heuristic planner, cannot read messages.
class DeafPlanner : public test::ScriptedPlanner {
public:
    using test::ScriptedPlanner::ScriptedPlanner;
    bool readsMessages() const override { return false; }
};

class PacingTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), 1500);
        backends = test::builtinBackends();
    }

    Result<std::unique_ptr<AgentRun>> create(std::unique_ptr<Planner> planner, const std::string& runId,
                                             RunPacing pacing, bool approve = false) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        config.approveCommits = approve;
        config.pacing = pacing;
        return AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    }

    static bool waitFor(AgentRun& run, AgentRun::State state, int turns = -1) {
        for (int i = 0; i < 4000; ++i) {
            if (run.state() == state && (turns < 0 || run.turns() == turns)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    std::vector<json> waiting(const std::string& reason) const {
        std::vector<json> found;
        for (const auto& event : events.ofType("run_waiting")) {
            if (event.value("reason", "") == reason) {
                found.push_back(event);
            }
        }
        return found;
    }

    bool waitForEvent(const std::string& reason, size_t count) const {
        for (int i = 0; i < 4000 && waiting(reason).size() < count; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return waiting(reason).size() >= count;
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

TEST_F(PacingTest, PauseBeforeEachTurnWaitsForStepOneTurnAtATime) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"status", "{}"}}, "a"), test::toolTurn({{"status", "{}"}}, "b")});
    RunPacing pacing;
    pacing.pauseBeforeTurn = true;
    auto run = create(std::unique_ptr<Planner>(planner), "turn-pacing-run", pacing);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 0)); // before the first turn
    EXPECT_TRUE(planner->seen().empty());
    ASSERT_EQ(waiting("before_turn").size(), 1u);
    EXPECT_EQ(waiting("before_turn")[0]["turn"], 1);
    agent.step();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 1)); // one turn, then it waits again
    EXPECT_EQ(planner->seen().size(), 1u);
    ASSERT_TRUE(waitForEvent("before_turn", 2));
    EXPECT_EQ(waiting("before_turn")[1]["turn"], 2);
    agent.resume(); // releases one turn too while the pacing holds
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 2));
    EXPECT_EQ(planner->seen().size(), 2u);
    agent.setPacing({}); // the person unticks it: the run goes on to its end
    agent.resume();
    worker.join();
    EXPECT_EQ(agent.finishReason(), "final_answer");
    EXPECT_EQ(waiting("before_turn").size(), 3u);
}

TEST_F(PacingTest, PauseBeforeEachCommitShowsWhatItWouldTakeAndWaits) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"commit", kCommit}}, "c")});
    RunPacing pacing;
    pacing.pauseBeforeCommit = true;
    auto run = create(std::unique_ptr<Planner>(planner), "commit-pacing-run", pacing);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 1));
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    EXPECT_TRUE(log->status("agent/commit-pacing-run")->liveCommits.empty()); // nothing committed yet
    const auto held = waiting("before_commit");
    ASSERT_EQ(held.size(), 1u);
    EXPECT_EQ(held[0]["arguments"]["query"], "vhs decay");
    const size_t expected = countAboveFor("vhs decay", 0.5);
    ASSERT_GT(expected, 0u);
    EXPECT_EQ(held[0]["preview"]["count"].get<size_t>(), expected);
    const json& rows = held[0]["preview"]["rows"];
    ASSERT_EQ(rows.size(), std::min<size_t>(expected, 12));
    for (const auto& row : rows) {
        EXPECT_FALSE(row["id"].get<std::string>().empty());
        EXPECT_GE(row["similarity"].get<double>(), 0.5 - 1e-6);
    }
    agent.resume();
    worker.join();
    EXPECT_EQ(agent.finishReason(), "final_answer");
    const auto status = log->status("agent/commit-pacing-run");
    ASSERT_EQ(status->liveCommits.size(), 1u);
    EXPECT_EQ(planner->results()[1][0].data["selected"].get<size_t>(), expected);
}

TEST_F(PacingTest, StopWhileHeldBeforeACommitCommitsNothing) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"commit", kCommit}}, "c")});
    RunPacing pacing;
    pacing.pauseBeforeCommit = true;
    auto run = create(std::unique_ptr<Planner>(planner), "commit-stop-run", pacing);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 1));
    agent.stop();
    worker.join();
    EXPECT_EQ(agent.finishReason(), "stopped");
    auto log = CurationLog::open(demo.workspace);
    EXPECT_TRUE(log->status("agent/commit-stop-run")->liveCommits.empty());
    const auto results = events.ofType("tool_result");
    ASSERT_EQ(results.size(), 1u);
    EXPECT_FALSE(results[0]["ok"].get<bool>());
}

TEST_F(PacingTest, TurnDelayWaitsOnTheConditionAndStepEndsIt) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"status", "{}"}}, "a"), test::toolTurn({{"status", "{}"}}, "b")});
    RunPacing pacing;
    pacing.turnDelaySeconds = 3600; // a test that finished by the clock would take an hour
    auto run = create(std::unique_ptr<Planner>(planner), "delay-run", pacing);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitForEvent("delay", 1)); // none before the first turn: the first delay is before turn 2
    EXPECT_EQ(waiting("delay")[0]["turn"], 2);
    EXPECT_EQ(waiting("delay")[0]["seconds"].get<double>(), 3600.0);
    EXPECT_EQ(agent.turns(), 1);
    EXPECT_EQ(agent.state(), AgentRun::State::Running); // waiting, not paused
    agent.step();                                       // ends the delay: turn 2 runs, then the run pauses
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 2));
    agent.stop();
    worker.join();
    EXPECT_EQ(agent.finishReason(), "stopped");
    EXPECT_EQ(planner->seen().size(), 2u);
}

TEST_F(PacingTest, NoPacingMeansNoWaits) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"status", "{}"}}, "a")});
    auto run = create(std::unique_ptr<Planner>(planner), "unpaced-run", {});
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_TRUE(events.ofType("run_waiting").empty());
}

TEST_F(PacingTest, ApprovalShowsWhatTheCommitWouldTake) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"commit", kCommit}}, "c")});
    auto run = create(std::unique_ptr<Planner>(planner), "preview-run", {}, true);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval));
    for (int i = 0; i < 4000 && events.ofType("approval_needed").empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5)); // the event follows the state
    }
    const auto asked = events.ofType("approval_needed");
    ASSERT_EQ(asked.size(), 1u);
    const size_t expected = countAboveFor("vhs decay", 0.5);
    EXPECT_EQ(asked[0]["preview"]["count"].get<size_t>(), expected);
    EXPECT_DOUBLE_EQ(asked[0]["preview"]["threshold"].get<double>(), 0.5);
    EXPECT_FALSE(asked[0]["preview"]["rows"].empty());
    agent.approve();
    worker.join();
    EXPECT_EQ(planner->results()[1][0].data["selected"].get<size_t>(), expected);
}

TEST(PlannerCapability, TheHeuristicPlannerDoesNotReadMessagesAndTheLlmPlannerDoes) {
    auto backends = test::builtinBackends();
    EXPECT_FALSE(HeuristicPlanner(*backends.embedder).readsMessages());
    EXPECT_TRUE(test::ScriptedPlanner({}).readsMessages()); // the interface's default
    LlmPlanner llm({"http://127.0.0.1:1/v1", ""}, nullptr, {});
    EXPECT_TRUE(llm.readsMessages());
}

TEST_F(PacingTest, AMessageOrReasonToAPlannerThatCannotReadItIsAnsweredSo) {
    auto* planner = new DeafPlanner({test::toolTurn({{"commit", kCommit}}, "c")});
    auto run = create(std::unique_ptr<Planner>(planner), "deaf-run", {}, true);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    EXPECT_FALSE(agent.plannerReadsMessages());
    agent.pause();
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 0));
    agent.inject("prefer scanlines over blur");
    agent.resume();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval));
    agent.reject("too broad");
    worker.join();
    std::map<std::string, json> actions;
    for (const auto& event : events.ofType("human_action")) {
        actions[event["action"]] = event;
    }
    for (const char* action : {"inject", "reject"}) {
        ASSERT_TRUE(actions.count(action)) << action;
        EXPECT_FALSE(actions[action]["read_by_planner"].get<bool>()) << action;
        EXPECT_NE(actions[action]["note"].get<std::string>().find("cannot read messages"), std::string::npos);
    }
    // The message is still in the conversation (and so in the transcript).
    bool kept = false;
    for (const auto& message : agent.messages()) {
        kept |= message.content.find("prefer scanlines over blur") != std::string::npos;
    }
    EXPECT_TRUE(kept);
}

TEST_F(PacingTest, AMessageToAPlannerThatReadsItCarriesNoNote) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"status", "{}"}}, "a")});
    auto run = create(std::unique_ptr<Planner>(planner), "reader-run", {});
    ASSERT_TRUE(run.ok()) << run.error();
    (*run)->inject("hello");
    ASSERT_TRUE((*run)->run().ok());
    const auto actions = events.ofType("human_action");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_FALSE(actions[0].contains("read_by_planner"));
    EXPECT_FALSE(actions[0].contains("note"));
}

} // namespace
} // namespace curator
