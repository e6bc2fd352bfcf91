// The run loop: transcript, tool-call ids, images after tool results, no API key, controls on a worker
// thread (pause, step, inject, stop, approval, human undo), and resume from a transcript.
#include "agenttesthelpers.h"

#include "agent/agentrun.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "sk-agent-test-secret-4242";

class RunTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), 1500);
        backends = test::builtinBackends();
    }

    Result<std::unique_ptr<AgentRun>> create(std::unique_ptr<Planner> planner, const std::string& runId,
                                             int maxTurns = kDefaultMaxTurns, bool approve = false) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        config.maxTurns = maxTurns;
        config.approveCommits = approve;
        config.extra = {{"base_url", "http://127.0.0.1:1/v1"}, {"api_key_env", "OPENAI_API_KEY"}};
        return AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    }

    // Waits until the run reaches `state` (and, when given, `turns`).
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

TEST_F(RunTest, TranscriptHasEveryEventWithCallIdsAndNoApiKey) {
    ::setenv("OPENAI_API_KEY", kSecret, 1);
    std::vector<ChatMessage> turns = {
        test::toolTurn({{"search", R"({"query": "vhs decay", "top_k": "5"})"},
                        {"explode", "{}"},
                        {"search", R"({"query": "vhs de)"}},
                       "a"),
        test::toolTurn({{"sample", R"({"query": "vhs decay", "min_threshold": 0.5, "count": 6, "seed": 1})"},
                        {"commit", R"({"query": "vhs decay", "threshold": "0.6", "message": "top VHS"})"}},
                       "b"),
        test::finalTurn("All done.")};
    auto* planner = new test::ScriptedPlanner(turns);
    auto run = create(std::unique_ptr<Planner>(planner), "transcript-run");
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "final_answer");
    EXPECT_EQ((*run)->turns(), 3);

    // The errors went back to the model as tool results, and the run went on.
    const auto seen = planner->seen();
    ASSERT_EQ(seen.size(), 3u);
    const auto& second = seen[1];
    ASSERT_GE(second.size(), 7u);
    const ChatMessage& unknown = second[second.size() - 3];
    EXPECT_EQ(unknown.role, "tool");
    EXPECT_EQ(unknown.toolCallId, "a2_1");
    EXPECT_NE(unknown.content.find("unknown tool 'explode'"), std::string::npos);
    const ChatMessage& invalid = second[second.size() - 2];
    EXPECT_NE(invalid.content.find("not valid JSON"), std::string::npos);
    EXPECT_EQ(invalid.toolCallId, "a3_1");
    // The search that ran shows its matches as a grid, after the turn's tool results.
    EXPECT_EQ(second.back().role, "user");
    EXPECT_EQ(second.back().imageUrls.size(), 1u);
    // Images follow the tool results in one user message; tool messages carry none.
    const auto& third = seen[2];
    const ChatMessage& images = third.back();
    EXPECT_EQ(images.role, "user");
    ASSERT_EQ(images.imageUrls.size(), 1u);
    EXPECT_EQ(third[third.size() - 2].role, "tool");
    EXPECT_EQ(third[third.size() - 2].toolCallId, "b2_2");
    EXPECT_TRUE(third[third.size() - 2].imageUrls.empty());

    const std::string path = (*run)->transcriptPath();
    EXPECT_EQ(path, Transcript::path(demo.workspace, "transcript-run"));
    const std::string text = test::readText(path);
    EXPECT_EQ(text.find(kSecret), std::string::npos);
    EXPECT_EQ(text.find("data:image"), std::string::npos);
    auto read = Transcript::read(path);
    ASSERT_TRUE(read.ok());
    std::set<std::string> types;
    std::set<std::string> calls;
    int64_t seq = 0;
    for (const auto& event : *read) {
        types.insert(event["type"].get<std::string>());
        EXPECT_EQ(event["run_id"], "transcript-run");
        EXPECT_EQ(event["seq"].get<int64_t>(), seq++);
        EXPECT_TRUE(event.contains("time"));
        const std::string type = event["type"];
        if (type == "tool_call" || type == "tool_result" || type == "commit") {
            EXPECT_FALSE(event.value("call_id", std::string()).empty()) << event.dump();
            EXPECT_EQ(event["model"], "scripted-model");
        }
        if (type == "tool_call") {
            calls.insert(event["call_id"].get<std::string>());
        }
        if (type == "tool_result") {
            EXPECT_EQ(calls.count(event["call_id"].get<std::string>()), 1u);
        }
    }
    for (const char* expected : {"run_started", "reasoning_delta", "message", "tool_call", "tool_result",
                                 "commit", "run_finished"}) {
        EXPECT_EQ(types.count(expected), 1u) << expected;
    }
    EXPECT_EQ(calls.size(), 5u);
    const json started = read->front();
    EXPECT_EQ(started["branch"], "agent/transcript-run");
    EXPECT_EQ(started["planner"], "scripted");
    EXPECT_EQ(started["config"]["default_negative_threshold"], kDefaultNegativeThreshold);
    // The listener saw the same events.
    EXPECT_EQ(events.events().size(), read->size());

    auto log = CurationLog::open(demo.workspace);
    auto status = log->status("agent/transcript-run");
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(status->liveCommits.size(), 1u);
    EXPECT_EQ(status->liveCommits[0].author, "agent:transcript-run");
    EXPECT_EQ(status->distinctImages, countAboveFor("vhs decay", 0.6));
    ::unsetenv("OPENAI_API_KEY");
}

TEST_F(RunTest, SystemPromptCarriesTheStrategyAndTheTaxonomy) {
    auto prompt = AgentRun::systemPrompt();
    ASSERT_TRUE(prompt.ok()) << prompt.error();
    EXPECT_EQ(prompt->find("{{TAXONOMY}}"), std::string::npos);
    for (const char* expected :
         {"vhs_decay", "anti_aesthetics", "200-300", "negative prompt", "LOW aesthetics"}) {
        EXPECT_NE(prompt->find(expected), std::string::npos) << expected;
    }
}

TEST_F(RunTest, PauseStepInjectAndStopFromAnotherThread) {
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"status", "{}"}}, "s")}, true);
    planner->setDelayMs(20);
    auto run = create(std::unique_ptr<Planner>(planner), "controls-run");
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    agent.pause(); // before the first turn
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 0));
    agent.step();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(agent.turns(), 1); // one step, one turn
    agent.inject("Focus on film grain next.");
    agent.step();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 2));
    const auto seen = planner->seen();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].back().role, "user");
    EXPECT_NE(seen[1].back().content.find("Focus on film grain next."), std::string::npos);
    agent.resume();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    agent.stop();
    worker.join();
    EXPECT_EQ(agent.finishReason(), "stopped");
    EXPECT_GT(agent.turns(), 2);
    std::vector<std::string> actions;
    for (const auto& event : events.ofType("human_action")) {
        actions.push_back(event["action"]);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"pause", "step", "inject", "step", "resume", "stop"}));
    EXPECT_EQ(events.ofType("run_finished").back()["reason"], "stopped");
}

TEST_F(RunTest, ApprovalModeApprovesRejectsAndEditsTheThreshold) {
    const std::string commit = R"({"query": "vhs decay", "threshold": 0.5, "message": "VHS"})";
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", commit}}, "c"), test::toolTurn({{"commit", commit}}, "d"),
         test::toolTurn({{"commit", R"({"query": "film grain", "threshold": 0.45, "message": "grain"})"}},
                        "e"),
         test::toolTurn({{"commit", R"({"query": "vhs", "threshold": "x", "message": "bad"})"}}, "f")});
    auto run = create(std::unique_ptr<Planner>(planner), "approval-run", kDefaultMaxTurns, true);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval));
    agent.reject("too broad, raise the threshold");
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 2));
    agent.approveWithThreshold(0.6);
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingApproval, 3));
    agent.approve();
    worker.join(); // the malformed fourth commit is answered at once, never held for approval
    EXPECT_EQ(agent.finishReason(), "final_answer");

    const auto results = planner->results();
    ASSERT_EQ(results.size(), 5u);
    EXPECT_FALSE(results[1][0].ok);
    EXPECT_NE(results[1][0].text.find("too broad, raise the threshold"), std::string::npos);
    ASSERT_TRUE(results[2][0].ok) << results[2][0].text;
    EXPECT_EQ(results[2][0].data["selected"].get<size_t>(), countAboveFor("vhs decay", 0.6));
    EXPECT_NE(results[2][0].text.find("threshold changed from 0.500 to 0.600"), std::string::npos);
    EXPECT_TRUE(results[3][0].ok);
    EXPECT_FALSE(results[4][0].ok);
    EXPECT_EQ(events.ofType("approval_needed").size(), 3u);
    for (const auto& event : events.ofType("approval_needed")) {
        EXPECT_FALSE(event["call_id"].get<std::string>().empty());
    }
    auto log = CurationLog::open(demo.workspace);
    auto status = log->status("agent/approval-run");
    ASSERT_EQ(status->liveCommits.size(), 2u);
    auto info = log->commitInfo(status->liveCommits[0].id);
    EXPECT_DOUBLE_EQ(info->threshold, 0.6);
}

TEST_F(RunTest, HumanUndoIsDoneAndToldToTheAgent) {
    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "VHS"})"}}, "c"),
         test::toolTurn({{"status", "{}"}}, "s")});
    auto run = create(std::unique_ptr<Planner>(planner), "undo-run");
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    agent.pause();
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 0));
    agent.step();
    ASSERT_TRUE(waitFor(agent, AgentRun::State::Paused, 1));
    auto log = CurationLog::open(demo.workspace);
    auto status = log->status("agent/undo-run");
    ASSERT_EQ(status->liveCommits.size(), 1u);
    agent.humanUndo(status->liveCommits[0].id.substr(0, 8));
    agent.resume();
    worker.join();
    EXPECT_EQ(log->status("agent/undo-run")->distinctImages, 0u);
    const auto seen = planner->seen();
    ASSERT_GE(seen.size(), 2u);
    bool told = false;
    for (const auto& message : seen[1]) {
        told |= message.role == "user" && message.content.find("[human action]") != std::string::npos;
    }
    EXPECT_TRUE(told);
    auto undo = events.ofType("human_action");
    ASSERT_FALSE(undo.empty());
    bool recorded = false;
    for (const auto& event : undo) {
        recorded |= event["action"] == "undo" && event["ok"] == true;
    }
    EXPECT_TRUE(recorded);
    // The planner's status after the undo shows the empty dataset.
    EXPECT_EQ(planner->results()[2][0].data["distinct_images"].get<size_t>(), 0u);
}

TEST_F(RunTest, ResumesFromTheTranscriptOfAStoppedRun) {
    auto* first = new test::ScriptedPlanner(
        {test::toolTurn({{"search", R"({"query": "film grain", "top_k": 3})"}}, "r"),
         test::toolTurn({{"commit", R"({"query": "film grain", "threshold": 0.35, "message": "grain"})"}},
                        "q"),
         test::toolTurn({{"status", "{}"}}, "s")},
        true);
    {
        auto run = create(std::unique_ptr<Planner>(first), "resume-run", 2);
        ASSERT_TRUE(run.ok()) << run.error();
        ASSERT_TRUE((*run)->run().ok());
        EXPECT_EQ((*run)->finishReason(), "max_turns");
    }
    // A crash mid-write leaves a partial line.
    {
        std::ofstream out(Transcript::path(demo.workspace, "resume-run"), std::ios::app);
        out << R"({"type": "message", "run_id": "resume-r)";
    }
    auto* second = new test::ScriptedPlanner({test::finalTurn("Resumed and done.")});
    test::EventLog resumedEvents;
    auto resumed =
        AgentRun::resume(demo.workspace, "resume-run", std::unique_ptr<Planner>(second), *backends.embedder,
                         *backends.scorer, *backends.captioner, resumedEvents.listener(), 10);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    EXPECT_EQ((*resumed)->branch(), "agent/resume-run");
    EXPECT_EQ((*resumed)->turns(), 2);
    ASSERT_TRUE((*resumed)->run().ok());
    EXPECT_EQ((*resumed)->finishReason(), "final_answer");
    const auto seen = second->seen();
    ASSERT_EQ(seen.size(), 1u);
    const auto& messages = seen[0];
    // system, user theme, assistant r1, tool r1, user grid of r1's search, assistant q1, tool q1, user
    // resume note
    ASSERT_EQ(messages.size(), 8u);
    EXPECT_EQ(messages[0].role, "system");
    EXPECT_NE(messages[1].content.find("VHS decay"), std::string::npos);
    EXPECT_EQ(messages[2].toolCalls.at(0).id, "r1_1");
    EXPECT_EQ(messages[3].toolCallId, "r1_1");
    EXPECT_EQ(messages[4].role, "user");
    EXPECT_EQ(messages[5].toolCalls.at(0).name, "commit");
    EXPECT_NE(messages[6].content.find("Committed"), std::string::npos);
    EXPECT_EQ(messages[7].role, "user");
    // The transcript continues the sequence.
    auto read = Transcript::read(Transcript::path(demo.workspace, "resume-run"));
    ASSERT_TRUE(read.ok()) << read.error();
    int64_t seq = 0;
    for (const auto& event : *read) {
        EXPECT_EQ(event["seq"].get<int64_t>(), seq++);
    }
    EXPECT_EQ(read->back()["type"], "run_finished");
    EXPECT_EQ(resumedEvents.ofType("run_resumed").size(), 1u);
    EXPECT_EQ(Transcript::listRuns(demo.workspace), std::vector<std::string>{"resume-run"});
}

} // namespace
} // namespace curator
