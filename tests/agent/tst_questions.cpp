// How a run ends and how the agent asks (issue 15 §3): a text answer without a tool call is a question the
// person answers (the answer reaches the next turn), or, with nobody attached, a recorded question that ends
// the run; the finish tool and a marked final message end it with a summary; endless questions stay
// bounded; stop ends the wait; a resumed run asks its unanswered question again.
#include "agenttesthelpers.h"

#include "agent/agentquestions.h"
#include "agent/agentrun.h"
#include "agent/transcript.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;

ChatMessage textTurn(const std::string& text) {
    ChatMessage message;
    message.role = "assistant";
    message.content = text;
    return message;
}

class QuestionTest : public ::testing::Test {
protected:
    void SetUp() override { backends = test::builtinBackends(); }

    // An empty workspace: the status and finish tools need no images.
    Result<std::unique_ptr<AgentRun>> create(std::unique_ptr<Planner> planner, const std::string& runId,
                                             int maxTurns = kDefaultMaxTurns,
                                             AgentEventListener listener = {}) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        config.maxTurns = maxTurns;
        return AgentRun::create(dir.path(), config, std::move(planner), *backends.embedder, *backends.scorer,
                                *backends.captioner, listener ? listener : events.listener());
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

    std::vector<std::string> actions() const {
        std::vector<std::string> list;
        for (const auto& event : events.ofType("human_action")) {
            list.push_back(event["action"]);
        }
        return list;
    }

    test::TempDir dir;
    test::Backends backends;
    test::EventLog events;
};

TEST(FinalSummary, OnlyATextThatStartsWithTheMarkerIsFinal) {
    EXPECT_EQ(markedFinalSummary("FINAL SUMMARY: 3 commits, 240 images"), "3 commits, 240 images");
    EXPECT_EQ(markedFinalSummary("\n  final summary:\n240 images  \n"), "240 images");
    EXPECT_FALSE(markedFinalSummary("Shall I write the FINAL SUMMARY: now?").has_value());
    EXPECT_FALSE(markedFinalSummary("Final summary").has_value());
    EXPECT_FALSE(markedFinalSummary("").has_value());
}

TEST_F(QuestionTest, AnAnsweredQuestionReachesTheNextTurnAndFinishEndsWithTheSummary) {
    auto* planner = new test::ScriptedPlanner(
        {textTurn("Should I favour scanlines or film grain?"),
         test::toolTurn({{"finish", R"({"summary": "   "})"}}, "f"), // blank: a tool error, the run goes on
         test::toolTurn({{"status", "{}"}, {"finish", R"({"summary": "Scanlines first: 0 images so far."})"}},
                        "g")});
    auto run = create(std::unique_ptr<Planner>(planner), "asked-run");
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    agent.setHumanAttached(true);
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingAnswer, 1));
    EXPECT_EQ(planner->seen().size(), 1u); // the run waits: no second turn yet
    agent.answer("Scanlines first.");
    worker.join();

    EXPECT_EQ(agent.finishReason(), "final_answer");
    EXPECT_EQ(agent.turns(), 3);
    const auto questions = events.ofType("question");
    ASSERT_EQ(questions.size(), 1u);
    EXPECT_EQ(questions[0]["text"], "Should I favour scanlines or film grain?");
    EXPECT_EQ(questions[0]["turn"], 1);
    EXPECT_EQ(questions[0]["human_attached"], true);
    EXPECT_EQ(actions(), std::vector<std::string>{"answer"});
    // The answer is the last message of the next turn's conversation.
    const auto seen = planner->seen();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[1].back().role, "user");
    EXPECT_EQ(seen[1].back().content, "[human answer] Scanlines first.");
    // A blank summary is an error the model reads; the status call beside the good finish still ran.
    EXPECT_FALSE(planner->results()[2][0].ok);
    const auto finished = events.ofType("run_finished");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0]["summary"], "Scanlines first: 0 images so far.");
    EXPECT_EQ(events.ofType("tool_result").size(), 3u);
}

TEST_F(QuestionTest, WithNobodyAttachedTheQuestionIsRecordedAndTheRunEnds) {
    auto* planner = new test::ScriptedPlanner({textTurn("Which source should I start with?")}, true);
    auto run = create(std::unique_ptr<Planner>(planner), "unattended-run");
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "question_unanswered");
    EXPECT_EQ((*run)->turns(), 1);
    const auto questions = events.ofType("question");
    ASSERT_EQ(questions.size(), 1u);
    EXPECT_EQ(questions[0]["human_attached"], false);
    const auto finished = events.ofType("run_finished");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0]["question"], "Which source should I start with?");
    EXPECT_FALSE(finished[0].contains("error"));
    // In the transcript, in order: the assistant's text, the question, the end.
    auto read = Transcript::read((*run)->transcriptPath());
    ASSERT_TRUE(read.ok()) << read.error();
    ASSERT_GE(read->size(), 3u);
    EXPECT_EQ((*read)[read->size() - 3]["type"], "message");
    EXPECT_EQ((*read)[read->size() - 2]["type"], "question");
    EXPECT_EQ(read->back()["type"], "run_finished");
}

TEST_F(QuestionTest, AMarkedFinalMessageEndsTheRunWithItsSummary) {
    auto run = create(std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{
                          textTurn("FINAL SUMMARY: nothing to curate in an empty workspace")}),
                      "marked-run");
    ASSERT_TRUE(run.ok()) << run.error();
    (*run)->setHumanAttached(true); // no question: nothing waits
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "final_answer");
    EXPECT_TRUE(events.ofType("question").empty());
    EXPECT_EQ(events.ofType("run_finished")[0]["summary"], "nothing to curate in an empty workspace");
}

TEST_F(QuestionTest, EndlessTextAnswersStopAtTheTurnLimit) {
    // A person who answers every question at once, from the listener (on the run's thread).
    AgentRun* agent = nullptr;
    AgentEventListener record = events.listener();
    auto listener = [&](const json& event) {
        record(event);
        if (event["type"] == "question" && event["human_attached"] == true) {
            agent->answer("go on");
        }
    };
    auto* planner = new test::ScriptedPlanner({textTurn("Shall I go on?")}, true);
    auto run = create(std::unique_ptr<Planner>(planner), "endless-run", 5, listener);
    ASSERT_TRUE(run.ok()) << run.error();
    agent = run->get();
    agent->setHumanAttached(true);
    ASSERT_TRUE(agent->run().ok());
    EXPECT_EQ(agent->finishReason(), "max_turns");
    EXPECT_EQ(agent->turns(), 5);
    const auto questions = events.ofType("question");
    ASSERT_EQ(questions.size(), 5u);
    // The last turn's question cannot be answered: nothing could follow the answer.
    EXPECT_EQ(questions.back()["human_attached"], false);
    EXPECT_EQ(actions().size(), 4u);
    EXPECT_EQ(events.ofType("run_finished")[0]["question"], "Shall I go on?");
}

TEST_F(QuestionTest, StopAndDetachingEndTheWait) {
    {
        auto run = create(std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{textTurn("Why?")}),
                          "stopped-question-run");
        ASSERT_TRUE(run.ok()) << run.error();
        AgentRun& agent = **run;
        agent.setHumanAttached(true);
        std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
        ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingAnswer, 1));
        agent.stop();
        worker.join();
        EXPECT_EQ(agent.finishReason(), "stopped");
        EXPECT_EQ(events.ofType("run_finished").back()["question"], "Why?");
    }
    // The CLI detaches the person when stdin closes: the waiting question is recorded, the run ends.
    auto run = create(std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{textTurn("How?")}),
                      "detached-run");
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    agent.setHumanAttached(true);
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingAnswer, 1));
    agent.setHumanAttached(false);
    worker.join();
    EXPECT_EQ(agent.finishReason(), "question_unanswered");
    // An answer with no question open is a message for the next turn.
    agent.answer("too late");
    EXPECT_EQ(events.ofType("human_action").back()["action"], "inject");
}

TEST_F(QuestionTest, AResumedRunAsksItsUnansweredQuestionAgain) {
    {
        auto run = create(std::make_unique<test::ScriptedPlanner>(
                              std::vector<ChatMessage>{textTurn("Which threshold for grain?")}),
                          "resumed-question-run");
        ASSERT_TRUE(run.ok()) << run.error();
        ASSERT_TRUE((*run)->run().ok());
        ASSERT_EQ((*run)->finishReason(), "question_unanswered");
    }
    auto* planner = new test::ScriptedPlanner({test::finalTurn("Grain at 0.4.")});
    test::EventLog resumedEvents;
    auto resumed =
        AgentRun::resume(dir.path(), "resumed-question-run", std::unique_ptr<Planner>(planner),
                         *backends.embedder, *backends.scorer, *backends.captioner, resumedEvents.listener());
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    AgentRun& agent = **resumed;
    agent.setHumanAttached(true);
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitFor(agent, AgentRun::State::AwaitingAnswer, 1)); // before any new turn
    EXPECT_TRUE(planner->seen().empty());
    const auto asked = resumedEvents.ofType("question");
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(asked[0]["text"], "Which threshold for grain?");
    agent.answer("0.4");
    worker.join();
    EXPECT_EQ(agent.finishReason(), "final_answer");
    const auto seen = planner->seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].back().content, "[human answer] 0.4");

    // Answered, the question is not asked a third time.
    auto written = Transcript::read(agent.transcriptPath());
    ASSERT_TRUE(written.ok()) << written.error();
    auto state = rebuildFromTranscript(*written);
    ASSERT_TRUE(state.ok()) << state.error();
    EXPECT_TRUE(state->openQuestion.empty());
}

} // namespace
} // namespace curator
