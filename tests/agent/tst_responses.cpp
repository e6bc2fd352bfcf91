// OpenAI's Responses API as the second LLM dialect: the request body, the stream parser (recorded event
// shapes, and hostile ones), and runs of the agent through it against tests/net/fake_server.py, whose
// "v1/responses" endpoint refuses a request that does not carry the earlier turns' reasoning items back.
#include "agenttesthelpers.h"

#include "agent/planners.h"
#include "agent/responsesrequest.h"
#include "agent/responsesstream.h"
#include "agent/transcript.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

namespace curator {
namespace {

using nlohmann::json;

// The assemblers keep a reference to their callbacks: these outlive them.
const ChatStreamCallbacks kNoCallbacks;

ChatRequest sampleRequest() {
    ChatRequest request;
    request.model = "gpt-5.2";
    request.reasoningEffort = "medium";
    request.messages.push_back({"system", "You curate images.", {}, {}, {}, {}, {}});
    request.messages.push_back({"user", "Theme: motion blur", {}, {}, {}, {}, {}});
    ChatMessage assistant{"assistant",
                          "Searching.",
                          "I should search.",
                          {{"call_a", "search", R"({"query":"blur"})"}},
                          {},
                          {},
                          R"([{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"}])"};
    request.messages.push_back(assistant);
    request.messages.push_back({"tool", "12 matches", {}, {}, "call_a", {}, {}});
    request.messages.push_back(
        {"user", "Grid of the search", {}, {}, {}, {"data:image/jpeg;base64,AAAA"}, {}});
    request.tools.push_back({"search", "Search the store", R"({"type":"object","properties":{}})"});
    return request;
}

TEST(ResponsesRequest, MapsMessagesToInputItemsAndAsksForEncryptedReasoning) {
    const json body = json::parse(responsesRequestBody(sampleRequest()));
    EXPECT_EQ(body["model"], "gpt-5.2");
    EXPECT_EQ(body["store"], false);
    EXPECT_EQ(body["include"], json::array({"reasoning.encrypted_content"}));
    EXPECT_EQ(body["instructions"], "You curate images.");
    EXPECT_EQ(body["reasoning"], json({{"effort", "medium"}, {"summary", "auto"}}));
    EXPECT_FALSE(body.contains("messages"));
    EXPECT_FALSE(body.contains("temperature"));
    const json& input = body["input"];
    ASSERT_EQ(input.size(), 6u) << input.dump();
    EXPECT_EQ(input[0]["role"], "user");
    EXPECT_EQ(input[0]["content"][0], json({{"type", "input_text"}, {"text", "Theme: motion blur"}}));
    // The assistant turn: its reasoning item verbatim, then its text, then its call.
    EXPECT_EQ(input[1],
              json::parse(R"({"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"})"));
    EXPECT_EQ(input[2], json({{"type", "message"}, {"role", "assistant"}, {"content", "Searching."}}));
    EXPECT_EQ(input[3], json({{"type", "function_call"},
                              {"call_id", "call_a"},
                              {"name", "search"},
                              {"arguments", R"({"query":"blur"})"}}));
    EXPECT_EQ(input[4],
              json({{"type", "function_call_output"}, {"call_id", "call_a"}, {"output", "12 matches"}}));
    EXPECT_EQ(
        input[5]["content"][1],
        json({{"type", "input_image"}, {"image_url", "data:image/jpeg;base64,AAAA"}, {"detail", "auto"}}));
    ASSERT_EQ(body["tools"].size(), 1u);
    EXPECT_EQ(body["tools"][0]["type"], "function");
    EXPECT_EQ(body["tools"][0]["name"], "search");
    EXPECT_EQ(body["tools"][0]["strict"], false);
    EXPECT_FALSE(body["tools"][0].contains("function"));
    EXPECT_EQ(body["tool_choice"], "auto");
}

TEST(ResponsesRequest, ImagesLeftOutAndSummariesNotAskedWhenTheDialectSaysSo) {
    ChatRequest request = sampleRequest();
    request.omitImages = true;
    request.reasoningSummary = false;
    request.toolChoice = "search";
    request.messages[2].reasoningItems = "not json"; // a hand-edited transcript: left out, not sent
    const json body = json::parse(responsesRequestBody(request));
    EXPECT_EQ(body["reasoning"], json({{"effort", "medium"}}));
    EXPECT_EQ(body["tool_choice"], json({{"type", "function"}, {"name", "search"}}));
    const json& input = body["input"];
    ASSERT_EQ(input.size(), 5u) << input.dump();
    EXPECT_EQ(input[1]["role"], "assistant");
    EXPECT_EQ(input[4]["content"].size(), 1u);
    EXPECT_NE(input[4]["content"][0]["text"].get<std::string>().find("not sent"), std::string::npos);
}

// Events as OpenAI streams them (the shapes of openai-python's src/openai/types/responses/*_event.py).
std::vector<std::string> recordedTurn() {
    return {
        R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","output":[],"usage":null}})",
        R"({"type":"response.output_item.added","output_index":0,"sequence_number":1,"item":{"id":"rs_1","type":"reasoning","summary":[]}})",
        R"({"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""},"sequence_number":2})",
        R"({"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Search ","sequence_number":3})",
        R"({"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"first.","sequence_number":4})",
        R"({"type":"response.output_item.done","output_index":0,"sequence_number":5,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Search first."}],"content":[{"type":"reasoning_text","text":"raw"}],"encrypted_content":"gAAAAB","status":null}})",
        R"({"type":"response.output_item.added","output_index":1,"sequence_number":6,"item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_X","name":"search"}})",
        R"({"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"{\"query\":","sequence_number":7})",
        R"({"type":"response.output_item.added","output_index":2,"sequence_number":8,"item":{"id":"fc_2","type":"function_call","arguments":"","call_id":"call_Y","name":"status"}})",
        R"({"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":1,"delta":"\"blur\"}","sequence_number":9})",
        R"({"type":"response.function_call_arguments.done","item_id":"fc_1","output_index":1,"arguments":"{\"query\":\"blur\"}","sequence_number":10})",
        R"({"type":"response.function_call_arguments.delta","item_id":"fc_2","delta":"{}","sequence_number":11})",
        R"({"type":"response.output_item.done","output_index":1,"sequence_number":12,"item":{"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"query\":\"blur\"}","call_id":"call_X","name":"search"}})",
        R"({"type":"response.completed","sequence_number":13,"response":{"id":"resp_1","status":"completed","usage":{"input_tokens":1200,"input_tokens_details":{"cached_tokens":1024},"output_tokens":300,"output_tokens_details":{"reasoning_tokens":256},"total_tokens":1500}}})",
    };
}

TEST(ResponsesStream, AssemblesReasoningCallsAndUsageFromRecordedEvents) {
    ChatResult result;
    std::string shownReasoning;
    ChatStreamCallbacks callbacks;
    callbacks.onReasoningDelta = [&](std::string_view delta) { shownReasoning += delta; };
    ResponsesStreamAssembler stream(result, callbacks, 1 << 20);
    for (const auto& event : recordedTurn()) {
        ASSERT_TRUE(stream.feedChunk(event)) << stream.error();
    }
    stream.finishToolCalls();
    EXPECT_TRUE(stream.done());
    EXPECT_EQ(result.finishReason, "tool_calls");
    EXPECT_EQ(result.message.reasoning, "Search first.");
    EXPECT_EQ(shownReasoning, "Search first.");
    ASSERT_EQ(result.message.toolCalls.size(), 2u);
    EXPECT_EQ(result.message.toolCalls[0].id, "call_X");
    EXPECT_EQ(result.message.toolCalls[0].name, "search");
    EXPECT_EQ(result.message.toolCalls[0].arguments, R"({"query":"blur"})");
    EXPECT_EQ(result.message.toolCalls[1].id, "call_Y");
    EXPECT_EQ(result.message.toolCalls[1].arguments, "{}"); // found by item_id alone
    // Kept for the next turn as returned, less the plaintext content and status an input item may not carry.
    EXPECT_EQ(
        json::parse(result.message.reasoningItems),
        json::parse(
            R"([{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Search first."}],"encrypted_content":"gAAAAB"}])"));
    EXPECT_EQ(result.usage.promptTokens, 1200);
    EXPECT_EQ(result.usage.completionTokens, 300);
    EXPECT_EQ(result.usage.totalTokens, 1500);
    EXPECT_EQ(result.usage.reasoningTokens, 256);
}

TEST(ResponsesStream, FailuresAndErrorEventsQuoteTheServer) {
    {
        ChatResult result;
        ResponsesStreamAssembler stream(result, kNoCallbacks, 1 << 20);
        EXPECT_FALSE(stream.feedChunk(
            R"({"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"The model failed."}}})"));
        EXPECT_EQ(stream.error(), "chunk 1: the response failed: server_error: The model failed.");
    }
    {
        ChatResult result;
        ResponsesStreamAssembler stream(result, kNoCallbacks, 1 << 20);
        EXPECT_FALSE(stream.feedChunk(
            R"({"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null})"));
        EXPECT_EQ(stream.error(),
                  "chunk 1: the server reported an error mid-stream: rate_limit_exceeded: Slow down.");
    }
    {
        ChatResult result;
        ResponsesStreamAssembler stream(result, kNoCallbacks, 1 << 20);
        EXPECT_TRUE(stream.feedChunk(
            R"({"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"}}})"));
        EXPECT_TRUE(stream.done());
        EXPECT_EQ(result.finishReason, "length");
    }
}

TEST(ResponsesStream, NullMissingAndWrongTypedFieldsNeverCrash) {
    // Harmless oddities: ignored.
    const std::vector<std::string> ignored = {
        R"({})",
        R"({"type":null})",
        R"({"type":"response.output_text.delta","delta":null})",
        R"({"type":"response.output_text.delta"})",
        R"({"type":"response.function_call_arguments.delta","delta":"x"})",
        R"({"type":"response.function_call_arguments.delta","item_id":"nope","delta":"x"})",
        R"({"type":"response.function_call_arguments.delta","output_index":0,"delta":"x"})",
        R"({"type":"response.output_item.added","output_index":3,"item":{"type":null}})",
        R"({"type":"response.output_item.done","item":{"type":"reasoning"}})",
        R"({"type":"response.completed","response":{"usage":{"input_tokens":null,"output_tokens":"7","output_tokens_details":null}}})",
        R"({"type":"response.completed","response":{"usage":{"input_tokens":0,"output_tokens":0}}})",
        R"({"type":"something.new","payload":[1,2,3]})",
    };
    ChatResult result;
    ResponsesStreamAssembler stream(result, kNoCallbacks, 1 << 20);
    for (const auto& event : ignored) {
        EXPECT_TRUE(stream.feedChunk(event)) << event << ": " << stream.error();
    }
    EXPECT_EQ(result.usage.completionTokens, 7); // the zero usage that came later did not overwrite it
    stream.finishToolCalls();
    EXPECT_TRUE(result.message.toolCalls.empty()); // arguments for no opened call make no call
    // Malformed: an error naming the field.
    const std::vector<std::pair<std::string, std::string>> malformed = {
        {R"([1])", "the event is [1], expected a JSON object"},
        {R"({"type":7})", "type is 7, expected a string"},
        {R"({"type":"response.output_text.delta","delta":{"a":1}})", "delta is {\"a\":1}, expected a string"},
        {R"({"type":"response.output_item.added","output_index":-1,"item":{}})",
         "output_index is -1, expected an integer >= 0"},
        {R"({"type":"response.output_item.added","output_index":"a","item":{}})",
         "output_index is \"a\", expected an integer"},
        {R"({"type":"response.output_item.added","output_index":0})", "item is missing"},
        {R"({"type":"response.output_item.added","output_index":0,"item":"x"})",
         "item is \"x\", expected an object"},
        {R"({"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","name":5}})",
         "item.name is 5, expected a string"},
        {R"({"type":"response.function_call_arguments.done","output_index":0,"arguments":[]})",
         "arguments is [], expected a string"},
        {R"({"type":"response.completed","response":null})", "response is missing"},
        {R"({"type":"response.failed","response":{}})", "the response failed: no reason given"},
    };
    for (const auto& [event, expected] : malformed) {
        ChatResult bad;
        ResponsesStreamAssembler badStream(bad, kNoCallbacks, 1 << 20);
        EXPECT_FALSE(badStream.feedChunk(event)) << event;
        EXPECT_EQ(badStream.error(), "chunk 1: " + expected) << event;
    }
}

TEST(ResponsesStream, ANonStreamedResponseIsReadFromItsOutput) {
    ChatResult result;
    ResponsesStreamAssembler stream(result, kNoCallbacks, 1 << 20);
    ASSERT_TRUE(stream.readAnswer(
        R"({"id":"resp_1","status":"completed","output":[)"
        R"({"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Think."}],"encrypted_content":"e1"},)"
        R"({"id":"msg_1","type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello."}]}],)"
        R"("usage":{"input_tokens":5,"output_tokens":2,"total_tokens":7}})"))
        << stream.error();
    EXPECT_EQ(result.message.content, "Hello.");
    EXPECT_EQ(result.message.reasoning, "Think.");
    EXPECT_NE(result.message.reasoningItems.find("\"e1\""), std::string::npos);
    EXPECT_EQ(result.finishReason, "stop");
    EXPECT_EQ(result.usage.totalTokens, 7);
}

TEST(ResponsesStream, ReasoningItemsCountAgainstTheAnswerCap) {
    ChatResult result;
    ResponsesStreamAssembler stream(result, kNoCallbacks, 64);
    const std::string big(100, 'x');
    EXPECT_FALSE(stream.feedChunk(
        R"({"type":"response.output_item.done","output_index":0,"item":{"type":"reasoning","encrypted_content":")" +
        big + R"("}})"));
    EXPECT_TRUE(stream.capExceeded());
}

TEST(ResponsesTranscript, ReasoningItemsSurviveTheTranscript) {
    ChatMessage message{"assistant",
                        "",
                        "",
                        {{"c", "status", "{}"}},
                        {},
                        {},
                        R"([{"type":"reasoning","encrypted_content":"e"}])"};
    EXPECT_EQ(messageFromJson(messageToJson(message)).reasoningItems, message.reasoningItems);
    EXPECT_FALSE(messageToJson(ChatMessage{}).contains("reasoning_items"));
}

// The agent through the Responses dialect against the fake server (three turns: two with tool calls).
class ResponsesRun : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_GT(m_server.port(), 0) << "the fake server did not start";
        m_demo = test::makeDemoWorkspace(m_dir.path(), 1500);
    }

    std::unique_ptr<Planner> planner() {
        LlmPlanner::Options options;
        options.model = "gpt-5.2";
        options.reasoningEffort = "medium";
        RetryPolicy policy;
        policy.maxAttempts = 2;
        policy.baseDelayMs = 10;
        LlmClient::Endpoint endpoint{m_server.baseUrl("responses"), {}, LlmApi::Responses};
        return std::make_unique<LlmPlanner>(endpoint, std::make_shared<HttpClient>(policy), options);
    }

    // The last request body the server received.
    json lastRequest() {
        HttpRequest request;
        request.method = "GET";
        request.url =
            "http://127.0.0.1:" + std::to_string(m_server.port()) + "/last/s/responses/v1/responses";
        auto response = HttpClient().send(request);
        EXPECT_TRUE(response.ok()) << response.error();
        return response.ok() ? json::parse(response->body) : json();
    }

    static std::vector<std::string> carriedBack(const json& body) {
        std::vector<std::string> encrypted;
        for (const auto& item : body["input"]) {
            if (item.value("type", "") == "reasoning") {
                encrypted.push_back(item.value("encrypted_content", ""));
            }
        }
        return encrypted;
    }

    test::FakeServerProcess m_server;
    test::TempDir m_dir;
    test::DemoWorkspace m_demo;
    test::Backends m_backends = test::builtinBackends();
};

TEST_F(ResponsesRun, ReasoningIsCarriedBetweenToolCallsAndTheRunCompletes) {
    test::EventLog events;
    AgentConfig config;
    config.theme = "motion blur";
    config.runId = "responses-run";
    auto run = AgentRun::create(m_demo.workspace, config, planner(), *m_backends.embedder, *m_backends.scorer,
                                *m_backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_TRUE(events.ofType("error").empty()) << events.ofType("error").front().dump();
    EXPECT_EQ((*run)->finishReason(), "final_answer");
    EXPECT_EQ((*run)->turns(), 3);
    const auto messages = (*run)->messages();
    ASSERT_GE(messages.size(), 3u);
    EXPECT_EQ(messages[2].reasoning, "Turn 1: planning the next step.");
    EXPECT_NE(messages[2].reasoningItems.find("enc-1"), std::string::npos);
    ASSERT_EQ(messages[2].toolCalls.size(), 2u);
    EXPECT_EQ(messages[2].toolCalls[0].id, "call_1_1");
    EXPECT_EQ(messages.back().content, "FINAL SUMMARY: Done.");
    // The server refuses a request without the earlier reasoning; the third one carried both turns'.
    EXPECT_EQ(carriedBack(lastRequest()), (std::vector<std::string>{"enc-1", "enc-2"}));
    const auto usage = events.ofType("usage");
    ASSERT_EQ(usage.size(), 3u);
    EXPECT_EQ(usage[0]["total_tokens"], 960);
    EXPECT_EQ(usage[0]["reasoning_tokens"], 40);
    EXPECT_FALSE(events.ofType("reasoning_delta").empty());
}

TEST_F(ResponsesRun, AResumedRunSendsTheReasoningItemsItsTranscriptKept) {
    {
        AgentConfig config;
        config.theme = "motion blur";
        config.runId = "responses-resume";
        config.maxTurns = 1;
        test::EventLog events;
        auto run = AgentRun::create(m_demo.workspace, config, planner(), *m_backends.embedder,
                                    *m_backends.scorer, *m_backends.captioner, events.listener());
        ASSERT_TRUE(run.ok()) << run.error();
        ASSERT_TRUE((*run)->run().ok());
        EXPECT_EQ((*run)->finishReason(), "max_turns");
    }
    test::EventLog events;
    auto resumed = AgentRun::resume(m_demo.workspace, "responses-resume", planner(), *m_backends.embedder,
                                    *m_backends.scorer, *m_backends.captioner, events.listener(), 5);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    ASSERT_TRUE((*resumed)->run().ok());
    EXPECT_TRUE(events.ofType("error").empty()) << events.ofType("error").front().dump();
    EXPECT_EQ((*resumed)->finishReason(), "final_answer");
    EXPECT_EQ(carriedBack(lastRequest()), (std::vector<std::string>{"enc-1", "enc-2"}));
}

} // namespace
} // namespace curator
