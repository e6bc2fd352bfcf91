// The LLM planner through the same loop, against the scripted OpenAI-compatible server on loopback
// (tests/net/fake_server.py, scenario "agentturn": parallel tool calls search + status, then a final
// answer).
#include "agenttesthelpers.h"

#include "agent/planners.h"
#include "agent/transcript.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace curator {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "sk-llm-agent-secret-9876";

TEST(LlmPlanner, RunsToolTurnsAndAFinalAnswerAgainstAnOpenAiCompatibleServer) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    ::setenv("OPENAI_API_KEY", kSecret, 1);
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), 1500);
    auto backends = test::builtinBackends();
    RetryPolicy policy;
    policy.maxAttempts = 3;
    policy.baseDelayMs = 20;
    const std::string baseUrl = "http://127.0.0.1:" + std::to_string(server.port()) + "/s/agentturn/v1";
    LlmPlanner::Options options;
    options.model = "fake-model";
    options.reasoningEffort = "low";
    auto planner = std::make_unique<LlmPlanner>(LlmClient::Endpoint{baseUrl, std::getenv("OPENAI_API_KEY")},
                                                std::make_shared<HttpClient>(policy), options);
    test::EventLog events;
    AgentConfig config;
    config.theme = "motion blur";
    config.runId = "llm-run";
    config.extra = {{"base_url", baseUrl}, {"reasoning_effort", "low"}, {"api_key_env", "OPENAI_API_KEY"}};
    auto run = AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    // The server ends with "Done." and no tool call: a question, recorded, since nobody is attached.
    EXPECT_EQ((*run)->finishReason(), "question_unanswered");
    EXPECT_EQ((*run)->turns(), 2);

    const auto messages = (*run)->messages();
    // system, user, assistant (2 calls), tool call_1, tool call_2, user (the search's grid), assistant
    // "Done."
    ASSERT_EQ(messages.size(), 7u);
    EXPECT_EQ(messages[5].role, "user");
    EXPECT_EQ(messages[5].imageUrls.size(), 1u);
    ASSERT_EQ(messages[2].toolCalls.size(), 2u);
    EXPECT_EQ(messages[2].toolCalls[0].arguments, R"({"query": "motion blur"})");
    EXPECT_EQ(messages[2].reasoning, "Let me search.");
    EXPECT_EQ(messages[3].toolCallId, "call_1");
    EXPECT_NE(messages[3].content.find("search \"motion blur\""), std::string::npos) << messages[3].content;
    EXPECT_EQ(messages[4].toolCallId, "call_2");
    EXPECT_NE(messages[4].content.find("Branch 'agent/llm-run'"), std::string::npos) << messages[4].content;
    EXPECT_EQ(messages[6].content, "Done.");

    EXPECT_EQ(events.ofType("usage").size(), 2u);
    EXPECT_EQ(events.ofType("usage")[0]["total_tokens"], 70);
    EXPECT_FALSE(events.ofType("reasoning_delta").empty());
    EXPECT_FALSE(events.ofType("message_delta").empty());
    for (const auto& event : events.ofType("tool_result")) {
        EXPECT_EQ(event["model"], "fake-model");
        EXPECT_TRUE(event["ok"].get<bool>()) << event.dump();
    }
    const std::string transcript = test::readText((*run)->transcriptPath());
    EXPECT_EQ(transcript.find(kSecret), std::string::npos);
    EXPECT_NE(transcript.find("\"model\":\"fake-model\""), std::string::npos);
    ::unsetenv("OPENAI_API_KEY");
}

} // namespace
} // namespace curator
