// `curator-cli agent run|resume` and the agent's questions (issue 15 §3), against the scripted server of
// tests/net (it answers "Done." with no tool call, a question): with stdin closed the question is recorded
// and the run ends normally; an answer on stdin reaches the agent; a resumed run asks again.
#include "clidemocache.h"
#include "clifakeserver.h"

#include <string>
#include <vector>

namespace {

using curator::test::CliOutcome;
using nlohmann::json;

class CliQuestionTest : public curator::test::CliWithFakeServerTest {
protected:
    void SetUp() override {
        CliWithFakeServerTest::SetUp();
        ASSERT_EQ(curator::test::copyCachedCliDemo(directory() / "ws", 60), "");
    }

    std::string endpoint() const { return "--base-url " + baseUrl("default") + " --model fake-model"; }

    static std::vector<json> ofType(const CliOutcome& run, const std::string& type) {
        std::vector<json> found;
        for (const auto& event : run.jsonLines()) {
            if (event.value("type", "") == type) {
                found.push_back(event);
            }
        }
        return found;
    }
};

TEST_F(CliQuestionTest, ClosedStdinRecordsTheQuestionAndAnAnswerOnStdinReachesTheAgent) {
    const CliOutcome alone = run("agent run --theme 'VHS decay' " + endpoint() + " --events -");
    ASSERT_EQ(alone.exitCode, 0);
    // Asked before or after the reader met the end of stdin: either way nobody answers it.
    ASSERT_EQ(ofType(alone, "question").size(), 1u);
    const json finished = ofType(alone, "run_finished").at(0);
    EXPECT_EQ(finished["reason"], "question_unanswered");
    EXPECT_EQ(finished["question"], "Done.");
    EXPECT_EQ(finished["turns"], 1);

    const CliOutcome answered =
        run("agent run --theme 'VHS decay' " + endpoint() + " --events -", "answer Scanlines first.\n");
    ASSERT_EQ(answered.exitCode, 0);
    const auto actions = ofType(answered, "human_action");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0]["action"], "answer");
    bool reached = false;
    for (const auto& message : ofType(answered, "message")) {
        reached = reached || message["message"]["content"] == "[human answer] Scanlines first.";
    }
    EXPECT_TRUE(reached);
    // The next "Done." is a second question, which nobody answers once stdin is closed.
    ASSERT_EQ(ofType(answered, "question").size(), 2u);
    EXPECT_EQ(ofType(answered, "run_finished").at(0)["reason"], "question_unanswered");
    EXPECT_EQ(ofType(answered, "run_finished").at(0)["turns"], 2);

    // Resumed, the first run asks its question again before any new turn.
    const std::string runId = ofType(alone, "run_started").at(0)["run_id"];
    const CliOutcome resumed =
        run("agent resume " + runId + " " + endpoint() + " --events -", "answer 0.4\n");
    ASSERT_EQ(resumed.exitCode, 0);
    const auto asked = ofType(resumed, "question");
    ASSERT_EQ(asked.size(), 2u);
    EXPECT_EQ(asked[0]["turn"], 1);
    EXPECT_EQ(asked[0]["human_attached"], true);
    EXPECT_EQ(ofType(resumed, "human_action").at(0)["action"], "answer");
    EXPECT_EQ(ofType(resumed, "run_finished").at(0)["turns"], 2);
}

} // namespace
