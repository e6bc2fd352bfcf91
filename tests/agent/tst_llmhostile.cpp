// An LLM endpoint that sends what it should not (issue 13, items 3, 10 and 12): malformed chunks, usage
// counts of the wrong type, error bodies that are not UTF-8, text cut inside a character, answers past the
// size cap, a thousand tool calls in one turn, repeated call ids. Nothing it sends may end the process:
// each is a clear error for the turn (recorded by the run) or is handled, against the scripted server of
// tests/net/fake_server.py on loopback.
#include "agenttesthelpers.h"

#include "agent/chatstream.h"
#include "agent/planners.h"
#include "agent/transcript.h"
#include "common/utf8text.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

#include <set>

namespace curator {
namespace {

using nlohmann::json;

constexpr const char* kReplacement = "\xEF\xBF\xBD"; // U+FFFD

RetryPolicy fastRetries() {
    RetryPolicy policy;
    policy.maxAttempts = 3;
    policy.baseDelayMs = 20;
    policy.maxDelayMs = 200;
    return policy;
}

ChatRequest simpleRequest() {
    ChatRequest request;
    request.model = "fake-model";
    request.messages.push_back({"system", "You curate images.", {}, {}, {}, {}, {}});
    request.messages.push_back({"user", "Theme: motion blur", {}, {}, {}, {}, {}});
    return request;
}

Result<ChatResult> completeAgainst(const test::FakeServerProcess& server, const std::string& scenario,
                                   LlmClient::Limits limits = {}) {
    LlmClient client({server.baseUrl(scenario), "sk-hostile"}, std::make_shared<HttpClient>(fastRetries()),
                     limits);
    return client.complete(simpleRequest());
}

// What a front end does with an error: put it in an event and dump it (this threw on invalid UTF-8).
void expectDumpable(const std::string& error) {
    EXPECT_TRUE(isValidUtf8(error)) << error;
    EXPECT_NO_THROW((void)json(error).dump()) << error;
}

TEST(Utf8Text, CutsWholeCharactersAndReplacesInvalidBytes) {
    const std::string e = "\xC3\xA9"; // é
    EXPECT_EQ(truncateUtf8("ab" + e + "cd", 3), "ab");
    EXPECT_EQ(truncateUtf8("ab" + e + "cd", 4), "ab" + e);
    EXPECT_EQ(truncateUtf8("abc", 10), "abc");
    EXPECT_EQ(truncateUtf8("\xF0\x9F\x98\x80!", 3), ""); // a 4-byte emoji does not fit in 3
    EXPECT_TRUE(isValidUtf8("plain " + e + " \xF0\x9F\x98\x80"));
    for (const char* text : {"\xff", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "a\x80"}) {
        const std::string bad = text;
        EXPECT_FALSE(isValidUtf8(bad)) << json(sanitizeUtf8(bad)).dump();
        EXPECT_TRUE(isValidUtf8(sanitizeUtf8(bad)));
        EXPECT_NE(sanitizeUtf8(bad).find(kReplacement), std::string::npos);
    }
    EXPECT_EQ(sanitizeUtf8("a\xff"
                           "b"),
              std::string("a") + kReplacement + "b");
    EXPECT_EQ(snippetOf(std::string(5, 'x') + e + "\nmore", 6), "xxxxx...");
    json event = {{"text", "bad \xff"}, {"list", {"\xfe"}}, {"nested", {{"k\xff", "ok"}}}};
    EXPECT_NO_THROW((void)dumpJsonSafely(event));
    sanitizeJsonStrings(event);
    EXPECT_NO_THROW((void)event.dump());
    EXPECT_EQ(event["text"], std::string("bad ") + kReplacement);
}

TEST(LlmHostile, NonIntegerToolCallIndexIsAClearError) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    const auto result = completeAgainst(server, "badindex");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("chunk 2: tool_calls[0].index is \"a\", expected an integer"),
              std::string::npos)
        << result.error();
    expectDumpable(result.error());
}

TEST(LlmHostile, ToolCallDeltaThatIsNotAnObjectIsAClearError) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"deltastring", "tool_calls[0] is \"x\", expected an object"},
        {"deltanumber", "tool_calls[0] is 5, expected an object"},
        {"deltaarray", "tool_calls[0] is [1,2], expected an object"}};
    for (const auto& [scenario, expected] : cases) {
        const auto result = completeAgainst(server, scenario);
        ASSERT_FALSE(result.ok()) << scenario;
        EXPECT_NE(result.error().find("chunk 2: " + expected), std::string::npos) << result.error();
    }
}

TEST(LlmHostile, NullAndStringUsageCountsAreHarmless) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    // {"completion_tokens": null, "prompt_tokens": "12", "total_tokens": null, details: null}
    const auto result = completeAgainst(server, "nullusage");
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->message.content, "Done.");
    EXPECT_EQ(result->usage.promptTokens, 12);
    EXPECT_EQ(result->usage.completionTokens, 0);
    EXPECT_EQ(result->usage.totalTokens, 0);
}

TEST(LlmHostile, ErrorBodyOfInvalidUtf8IsShownWithReplacements) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    for (const auto& [scenario, status] : std::vector<std::pair<std::string, std::string>>{
             {"badutf8-500", "HTTP 500"}, {"badutf8-400", "HTTP 400"}}) {
        const auto result = completeAgainst(server, scenario);
        ASSERT_FALSE(result.ok()) << scenario;
        EXPECT_NE(result.error().find(status), std::string::npos) << result.error();
        EXPECT_NE(result.error().find(kReplacement), std::string::npos) << result.error();
        expectDumpable(result.error());
    }
}

TEST(LlmHostile, LongErrorBodyIsCutOnACharacterBoundary) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    // 299 bytes of "x" then "é"s: the 300-byte cut falls inside the first one.
    const auto result = completeAgainst(server, "longerror-400");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("HTTP 400: " + std::string(299, 'x') + "..."), std::string::npos)
        << result.error();
    EXPECT_EQ(result.error().find(kReplacement), std::string::npos) << "nothing invalid was sent";
    expectDumpable(result.error());
}

TEST(LlmHostile, ChunkMessagesAreCutOnCharacterBoundaries) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    const auto notJson = completeAgainst(server, "notjson");
    ASSERT_FALSE(notJson.ok());
    EXPECT_NE(notJson.error().find("chunk 1 is not JSON: {not json"), std::string::npos) << notJson.error();
    expectDumpable(notJson.error());
    const auto midStream = completeAgainst(server, "errorchunk");
    ASSERT_FALSE(midStream.ok());
    EXPECT_NE(midStream.error().find("chunk 2: the server reported an error mid-stream: {\"message\":\"xxx"),
              std::string::npos)
        << midStream.error();
    expectDumpable(midStream.error());
}

TEST(LlmHostile, NonStreamedAnswerOfTheWrongShapeIsAClearError) {
    ChatResult result;
    ChatStreamCallbacks callbacks;
    LlmClient::Limits limits;
    ChatStreamAssembler answer(result, callbacks, limits.maxAnswerBytes);
    EXPECT_FALSE(answer.readAnswer(R"({"choices": [{"message": {"tool_calls": [{"function": 7}]}}]})"));
    EXPECT_NE(answer.error().find("choices[0].message.tool_calls[0].function is 7, expected an object"),
              std::string::npos)
        << answer.error();
    ChatStreamAssembler fine(result, callbacks, limits.maxAnswerBytes);
    EXPECT_TRUE(fine.readAnswer(R"({"choices": [{"message": {"content": "hi", "tool_calls": null},
                                    "finish_reason": null}], "usage": {"prompt_tokens": 3.0}})"))
        << fine.error();
    EXPECT_EQ(result.message.content, "hi");
    EXPECT_EQ(result.usage.promptTokens, 3);
}

TEST(LlmHostile, LaterZeroOrNullUsageNeverOverwritesTheRealFigures) {
    ChatResult result;
    ChatStreamCallbacks callbacks;
    LlmClient::Limits limits;
    ChatStreamAssembler stream(result, callbacks, limits.maxAnswerBytes);
    // A Claude gateway: null counts in every chunk but the last.
    EXPECT_TRUE(stream.feedChunk(R"({"choices":[{"delta":{"content":"Do"}}],)"
                                 R"("usage":{"prompt_tokens":null,"completion_tokens":null}})"));
    EXPECT_TRUE(
        stream.feedChunk(R"({"choices":[{"delta":{"content":"ne."},"finish_reason":"stop"}],)"
                         R"("usage":{"prompt_tokens":120,"completion_tokens":7,"total_tokens":127}})"));
    // Workers AI: the finish chunk again, with all-zero usage.
    EXPECT_TRUE(stream.feedChunk(R"({"choices":[{"delta":{},"finish_reason":"stop"}],)"
                                 R"("usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}})"));
    EXPECT_TRUE(stream.feedChunk("[DONE]"));
    EXPECT_EQ(result.message.content, "Done.");
    EXPECT_EQ(result.usage.promptTokens, 120);
    EXPECT_EQ(result.usage.completionTokens, 7);
    EXPECT_EQ(result.usage.totalTokens, 127);
}

// A run of the LLM planner against one scenario of the fake server, on a copy of the demo workspace.
class HostileRun : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_GT(m_server.port(), 0) << "the fake server did not start";
        m_demo = test::makeDemoWorkspace(m_dir.path(), 1500);
    }

    std::unique_ptr<AgentRun> start(const std::string& scenario, LlmPlanner::Options options = {},
                                    AgentConfig config = {}) {
        options.model = "fake-model";
        auto planner = std::make_unique<LlmPlanner>(LlmClient::Endpoint{m_server.baseUrl(scenario), {}},
                                                    std::make_shared<HttpClient>(fastRetries()), options);
        config.theme = "motion blur";
        config.runId = "hostile-" + scenario;
        // Like the workstation's bridge, the listener dumps every event as it comes.
        auto listener = [this, log = m_events.listener()](const json& event) {
            log(event);
            m_dumped += event.dump().size();
        };
        auto run = AgentRun::create(m_demo.workspace, config, std::move(planner), *m_backends.embedder,
                                    *m_backends.scorer, *m_backends.captioner, listener);
        EXPECT_TRUE(run.ok()) << run.error();
        return run.ok() ? std::move(*run) : nullptr;
    }

    // Every line of the run's transcript is a JSON event of valid UTF-8.
    std::vector<json> transcriptEvents(const AgentRun& run) {
        const std::string text = test::readText(run.transcriptPath());
        EXPECT_TRUE(isValidUtf8(text));
        auto events = Transcript::read(run.transcriptPath());
        EXPECT_TRUE(events.ok()) << events.error();
        return events.ok() ? *events : std::vector<json>{};
    }

    test::FakeServerProcess m_server;
    test::TempDir m_dir;
    test::DemoWorkspace m_demo;
    test::Backends m_backends = test::builtinBackends();
    test::EventLog m_events;
    size_t m_dumped = 0;
};

TEST_F(HostileRun, MalformedChunkEndsTheRunWithARecordedError) {
    auto run = start("badindex");
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(run->finishReason(), "error");
    const auto errors = m_events.ofType("error");
    ASSERT_FALSE(errors.empty());
    EXPECT_NE(errors.back()["message"].get<std::string>().find("tool_calls[0].index is \"a\""),
              std::string::npos)
        << errors.back().dump();
    const auto events = transcriptEvents(*run);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back()["type"], "run_finished");
    EXPECT_EQ(events.back()["reason"], "error");
}

TEST_F(HostileRun, AnswerPastTheCapIsRefusedAndNotRetried) {
    LlmPlanner::Options options;
    options.maxAnswerBytes = 64 * 1024; // the server streams 2 MB
    auto run = start("huge", options);
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().find("larger than the cap of 65536 bytes"), std::string::npos) << status.error();
    EXPECT_EQ(run->finishReason(), "error");
    size_t streamed = 0;
    for (const auto& delta : m_events.ofType("message_delta")) {
        streamed += delta["delta"].get<std::string>().size();
    }
    EXPECT_LE(streamed, 64u * 1024u);
    // Refused once, never restarted.
    for (const auto& error : m_events.ofType("error")) {
        EXPECT_FALSE(error.value("recoverable", false)) << error.dump();
    }
    HttpClient http;
    HttpRequest counts;
    counts.method = "GET";
    counts.url = "http://127.0.0.1:" + std::to_string(m_server.port()) + "/counts";
    const auto answer = http.send(counts);
    ASSERT_TRUE(answer.ok()) << answer.error();
    EXPECT_EQ(json::parse(answer->body).value("/s/huge/v1/chat/completions", 0), 1) << answer->body;
    const auto events = transcriptEvents(*run);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back()["reason"], "error");
    EXPECT_NE(events.back()["error"].get<std::string>().find("cap"), std::string::npos);
}

TEST_F(HostileRun, InvalidUtf8InToolArgumentsIsReplacedAndEchoedSafely) {
    auto run = start("rawbytes"); // arguments "{\"x\": \xff\xfe" inside the chunk's JSON
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(run->finishReason(), "question_unanswered");
    const auto calls = m_events.ofType("tool_call");
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0]["arguments"], std::string("{\"x\": ") + kReplacement + kReplacement);
    const auto results = m_events.ofType("tool_result");
    ASSERT_EQ(results.size(), 1u);
    EXPECT_NE(results[0]["text"].get<std::string>().find("not valid JSON"), std::string::npos);
    transcriptEvents(*run);
    EXPECT_GT(m_dumped, 0u);
}

TEST_F(HostileRun, ArgumentsEchoCutInsideACharacterDoesNotBreakTheNextRequest) {
    auto run = start("cutargs"); // 199 bytes of "a", then "é": the 200-byte echo cuts inside it
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(run->finishReason(), "question_unanswered");
    const auto messages = run->messages();
    ASSERT_GE(messages.size(), 5u);
    EXPECT_EQ(messages[3].role, "tool");
    EXPECT_TRUE(isValidUtf8(messages[3].content));
    EXPECT_NE(messages[3].content.find(std::string(199, 'a') + "..."), std::string::npos)
        << messages[3].content;
    transcriptEvents(*run);
}

TEST_F(HostileRun, OnlyTheCapOfAThousandToolCallsRuns) {
    auto run = start("manycalls"); // the default cap: kDefaultMaxToolCallsPerTurn
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(run->finishReason(), "question_unanswered");
    const auto results = m_events.ofType("tool_result");
    ASSERT_EQ(results.size(), 1000u);
    size_t executed = 0;
    for (size_t i = 0; i < results.size(); ++i) {
        const bool refused = results[i]["data"].value("not_executed", false);
        EXPECT_EQ(refused, i >= static_cast<size_t>(kDefaultMaxToolCallsPerTurn)) << i;
        executed += refused ? 0 : 1;
        if (refused) {
            EXPECT_NE(results[i]["text"].get<std::string>().find("at most 32 run per turn"),
                      std::string::npos);
        }
    }
    EXPECT_EQ(executed, 32u);
    // Every call has its answer, in order, for the next request.
    const auto messages = run->messages();
    ASSERT_EQ(messages[2].toolCalls.size(), 1000u);
    for (size_t i = 0; i < 1000; ++i) {
        ASSERT_EQ(messages[3 + i].role, "tool");
        EXPECT_EQ(messages[3 + i].toolCallId, messages[2].toolCalls[i].id);
    }
    bool recorded = false;
    for (const auto& error : m_events.ofType("error")) {
        recorded = recorded ||
                   error["message"].get<std::string>().find("asked for 1000 tool calls") != std::string::npos;
    }
    EXPECT_TRUE(recorded);
}

TEST_F(HostileRun, RepeatedToolCallIdsAreMadeUniqueAndStayPaired) {
    auto run = start("dupids"); // turn 1: three calls "dup"; turn 2: one more "dup"
    ASSERT_TRUE(run);
    const Status status = run->run();
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(run->finishReason(), "question_unanswered");
    const auto messages = run->messages();
    std::set<std::string> ids;
    size_t callCount = 0;
    for (size_t m = 0; m < messages.size(); ++m) {
        const auto& calls = messages[m].toolCalls;
        for (size_t i = 0; i < calls.size(); ++i) {
            ids.insert(calls[i].id);
            ++callCount;
            ASSERT_LT(m + 1 + i, messages.size());
            EXPECT_EQ(messages[m + 1 + i].toolCallId, calls[i].id);
        }
    }
    EXPECT_EQ(callCount, 4u);
    EXPECT_EQ(ids.size(), 4u);
    EXPECT_EQ(ids.count("dup"), 1u); // the first keeps its id
    // The transcript pairs them the same way: a resume finds no call without its result.
    auto state = rebuildFromTranscript(transcriptEvents(*run));
    ASSERT_TRUE(state.ok()) << state.error();
    EXPECT_TRUE(state->unansweredCalls.empty());
    std::set<std::string> resultIds;
    for (const auto& result : m_events.ofType("tool_result")) {
        resultIds.insert(result["call_id"].get<std::string>());
    }
    EXPECT_EQ(resultIds, ids);
}

} // namespace
} // namespace curator
