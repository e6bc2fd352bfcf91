#include "agent/llmclient.h"
#include "common/secrets.h"
#include "models/openaibackends.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace {

using curator::HttpClient;
using curator::HttpRequest;
using curator::RetryPolicy;

// Starts fake_server.py once for the whole suite; each test uses its own scenario paths and resets the
// per-path counters first.
class FakeServer : public ::testing::Environment {
public:
    static inline int port = 0;
    static inline pid_t pid = 0;

    void SetUp() override {
        const char* python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
        const std::string command = std::string(python) + " " + CURATOR_FAKE_SERVER;
        m_pipe = popen(command.c_str(), "r");
        ASSERT_NE(m_pipe, nullptr);
        int serverPid = 0;
        ASSERT_EQ(std::fscanf(m_pipe, "%d %d", &port, &serverPid), 2) << "the fake server did not start";
        pid = serverPid;
    }
    void TearDown() override {
        if (pid > 0) {
            kill(pid, SIGTERM);
        }
        if (m_pipe != nullptr) {
            pclose(m_pipe);
        }
    }

private:
    FILE* m_pipe = nullptr;
};

const auto* const g_server = ::testing::AddGlobalTestEnvironment(new FakeServer);

std::string url(const std::string& scenario, const std::string& endpoint) {
    return "http://127.0.0.1:" + std::to_string(FakeServer::port) + "/s/" + scenario + "/" + endpoint;
}

std::string baseUrl(const std::string& scenario) {
    return "http://127.0.0.1:" + std::to_string(FakeServer::port) + "/s/" + scenario + "/v1";
}

void resetServer() {
    HttpClient client;
    HttpRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(FakeServer::port) + "/reset";
    ASSERT_TRUE(client.send(request).ok());
}

RetryPolicy fastRetries(int attempts = 4) {
    RetryPolicy policy;
    policy.maxAttempts = attempts;
    policy.baseDelayMs = 20;
    policy.maxDelayMs = 500;
    return policy;
}

HttpRequest embeddingsRequest(const std::string& scenario) {
    HttpRequest request;
    request.url = url(scenario, "v1/embeddings");
    request.body = R"({"model":"m","input":["hello"]})";
    request.headers.emplace_back("Content-Type", "application/json");
    return request;
}

TEST(HttpClient, RetriesA429HonouringRetryAfterThenSucceeds) {
    resetServer();
    HttpClient client(fastRetries());
    const auto start = std::chrono::steady_clock::now();
    auto response = client.send(embeddingsRequest("429once"));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->attempts, 2);
    // Retry-After: 0.2 s was honoured rather than the 20 ms base delay.
    EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 180);
}

TEST(HttpClient, RetriesServerErrorsWithBackoff) {
    resetServer();
    HttpClient client(fastRetries());
    auto response = client.send(embeddingsRequest("500twice"));
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->attempts, 3);
}

TEST(HttpClient, GivesAClearErrorAfterTheLastTry) {
    resetServer();
    HttpClient client(fastRetries(3));
    auto response = client.send(embeddingsRequest("always500"));
    ASSERT_FALSE(response.ok());
    EXPECT_NE(response.error().find("failed after 3 attempts"), std::string::npos) << response.error();
    EXPECT_NE(response.error().find("HTTP 500"), std::string::npos) << response.error();
    EXPECT_NE(response.error().find("/s/always500/v1/embeddings"), std::string::npos) << response.error();
}

TEST(HttpClient, DoesNotRetryClientErrors) {
    resetServer();
    HttpClient client(fastRetries());
    auto response = client.send(embeddingsRequest("401"));
    ASSERT_FALSE(response.ok());
    EXPECT_NE(response.error().find("HTTP 401"), std::string::npos) << response.error();
    EXPECT_NE(response.error().find("invalid api key"), std::string::npos) << response.error();
}

TEST(HttpClient, RetriesATruncatedResponse) {
    resetServer();
    HttpClient client(fastRetries());
    auto response = client.send(embeddingsRequest("truncated-once"));
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response->attempts, 2);
    EXPECT_TRUE(nlohmann::json::accept(response->body)) << response->body;
}

TEST(HttpClient, TimesOutSlowServers) {
    resetServer();
    HttpClient client(fastRetries(2));
    HttpRequest request = embeddingsRequest("slow");
    request.timeoutMs = 300;
    auto response = client.send(request);
    ASSERT_FALSE(response.ok());
    EXPECT_NE(response.error().find("failed after 2 attempts"), std::string::npos) << response.error();
    EXPECT_NE(response.error().find("imeout"), std::string::npos) << response.error();
}

TEST(HttpClient, CancelsDuringBackoff) {
    resetServer();
    RetryPolicy policy = fastRetries(10);
    policy.baseDelayMs = 5000;
    policy.maxDelayMs = 5000;
    policy.jitter = 0;
    HttpClient client(policy);
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    const auto start = std::chrono::steady_clock::now();
    HttpRequest request = embeddingsRequest("always500");
    auto response = client.send(request, &cancel);
    canceller.join();
    ASSERT_FALSE(response.ok());
    EXPECT_NE(response.error().find("cancelled"), std::string::npos) << response.error();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(HttpClient, StreamsServerSentEvents) {
    resetServer();
    HttpClient client(fastRetries());
    HttpRequest request;
    request.method = "GET";
    request.url = url("ok", "sse");
    std::vector<std::string> events;
    curator::SseParser parser([&](const std::string&, const std::string& data) { events.push_back(data); });
    auto response = client.stream(request, [&](std::string_view bytes) {
        parser.feed(bytes);
        return true;
    });
    parser.finish();
    ASSERT_TRUE(response.ok()) << response.error();
    ASSERT_EQ(events.size(), 6u);
    EXPECT_EQ(events.front(), R"({"i": 0})");
    EXPECT_EQ(events.back(), "[DONE]");
}

TEST(HttpClient, StreamThatEndsEarlyDeliversWhatArrived) {
    resetServer();
    HttpClient client(fastRetries());
    HttpRequest request;
    request.method = "GET";
    request.url = url("cut", "sse");
    std::vector<std::string> events;
    curator::SseParser parser([&](const std::string&, const std::string& data) { events.push_back(data); });
    auto response = client.stream(request, [&](std::string_view bytes) {
        parser.feed(bytes);
        return true;
    });
    parser.finish();
    // The server closed without [DONE]: the caller sees the events that arrived and no terminator.
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(events.size(), 2u);
    EXPECT_TRUE(std::find(events.begin(), events.end(), "[DONE]") == events.end());
}

// Issue 15: streams end on silence, not on a cap of the whole transfer.
TEST(HttpClient, AStreamSlowerThanTheIdleTimeoutInAllButNeverSilentCompletes) {
    resetServer();
    HttpClient client(fastRetries());
    HttpRequest request;
    request.method = "GET";
    request.url = url("trickle", "sse"); // an event every 0.3 s, 2.4 s in all
    request.timeoutMs = 0;
    request.idleTimeoutMs = 1500;
    std::vector<std::string> events;
    curator::SseParser parser([&](const std::string&, const std::string& data) { events.push_back(data); });
    auto response = client.stream(request, [&](std::string_view bytes) {
        parser.feed(bytes);
        return true;
    });
    parser.finish();
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(events.size(), 9u);
    EXPECT_EQ(events.back(), "[DONE]");
}

TEST(HttpClient, AStreamThatFallsSilentEndsWithTheIdleTimeout) {
    resetServer();
    HttpClient client(fastRetries());
    HttpRequest request;
    request.method = "GET";
    request.url = url("stall", "sse"); // two events, then 4 s of silence
    request.timeoutMs = 0;
    request.idleTimeoutMs = 1000;
    size_t events = 0;
    curator::SseParser parser([&](const std::string&, const std::string&) { ++events; });
    auto response = client.stream(request, [&](std::string_view bytes) {
        parser.feed(bytes);
        return true;
    });
    ASSERT_FALSE(response.ok());
    EXPECT_NE(response.error().find("no data for 1 s (the idle timeout)"), std::string::npos)
        << response.error();
    EXPECT_EQ(events, 2u); // what arrived before the silence was delivered
}

TEST(HttpClient, LimitsConcurrency) {
    resetServer();
    HttpClient client(fastRetries(), 2);
    std::atomic<int> done{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i) {
        threads.emplace_back([&] {
            if (client.send(embeddingsRequest("ok")).ok()) {
                ++done;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(done.load(), 6);
}

TEST(SseParser, JoinsDataLinesAndIgnoresComments) {
    std::vector<std::pair<std::string, std::string>> events;
    curator::SseParser parser(
        [&](const std::string& event, const std::string& data) { events.emplace_back(event, data); });
    parser.feed(": keep-alive\nevent: delta\ndata: a\nda");
    parser.feed("ta: b\r\n\r\ndata: c\n");
    parser.finish();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].first, "delta");
    EXPECT_EQ(events[0].second, "a\nb");
    EXPECT_EQ(events[1].second, "c");
}

curator::RgbImage testImage() {
    curator::RgbImage image;
    image.width = 16;
    image.height = 8;
    image.pixels.resize(16 * 8 * 3);
    for (size_t i = 0; i < image.pixels.size(); ++i) {
        image.pixels[i] = static_cast<uint8_t>(i * 7);
    }
    return image;
}

curator::OpenAiEndpoint endpointFor(const std::string& scenario, const std::string& apiKey = {}) {
    curator::OpenAiEndpoint endpoint;
    endpoint.baseUrl = baseUrl(scenario);
    endpoint.model = "fake-model";
    endpoint.apiKey = apiKey;
    return endpoint;
}

TEST(OpenAiBackends, SpecsParseAndKeysComeFromTheEnvironmentOnly) {
    auto spec = curator::BackendSpec::parse("openai:http://127.0.0.1:9/v1/#Qwen/Qwen3-VL-Embedding-8B");
    ASSERT_TRUE(spec.ok()) << spec.error();
    EXPECT_EQ(spec->location, "http://127.0.0.1:9/v1/");
    EXPECT_EQ(spec->model, "Qwen/Qwen3-VL-Embedding-8B");
    EXPECT_FALSE(curator::BackendSpec::parse("openai:http://host/v1").ok());
    EXPECT_FALSE(curator::BackendSpec::parse("openai:ftp://host#m").ok());
    EXPECT_FALSE(curator::BackendSpec::parse("torchscript:").ok());
    EXPECT_FALSE(curator::BackendSpec::parse("magic").ok());

    setenv("CURATOR_TEST_KEY", "sk-test-secret", 1);
    curator::BackendOptions options;
    options.apiKeyEnvironmentVariable = "CURATOR_TEST_KEY";
    auto endpoint = curator::OpenAiEndpoint::fromSpec(*spec, options);
    ASSERT_TRUE(endpoint.ok());
    EXPECT_EQ(endpoint->key(), "sk-test-secret");
    EXPECT_EQ(endpoint->baseUrl, "http://127.0.0.1:9/v1");
    unsetenv("CURATOR_TEST_KEY");
    // A key registered later (the workstation's keychain answers asynchronously) is used from then on.
    EXPECT_EQ(endpoint->key(), "");
    curator::registerSecret("CURATOR_TEST_KEY", "sk-from-keychain");
    EXPECT_EQ(endpoint->key(), "sk-from-keychain");
    curator::forgetSecret("CURATOR_TEST_KEY");
}

TEST(OpenAiBackends, EmbedderBatchesTextsAndEmbedsImages) {
    resetServer();
    auto client = std::make_shared<HttpClient>(fastRetries());
    curator::OpenAiEmbedder embedder(endpointFor("429once"), client, 2);
    auto vectors = embedder.embedTexts({"a", "b", "c"});
    ASSERT_TRUE(vectors.ok()) << vectors.error();
    ASSERT_EQ(vectors->size(), 3u);
    EXPECT_EQ(embedder.dimension(), 8u);
    double norm = 0;
    for (float value : vectors->at(0)) {
        norm += static_cast<double>(value) * value;
    }
    EXPECT_NEAR(norm, 1.0, 1e-5);
    EXPECT_NE(vectors->at(0), vectors->at(1));
    auto again = embedder.embedText("a");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->vector, vectors->at(0));

    auto images = embedder.embedImages({testImage()});
    ASSERT_TRUE(images.ok()) << images.error();
    EXPECT_EQ(images->front().size(), 8u);
}

TEST(OpenAiBackends, AQueryThatIsNotUtf8IsSentWithReplacementNotAnAbort) {
    // A query typed on a command line or read from a file may hold any bytes; the request body is JSON.
    resetServer();
    auto client = std::make_shared<HttpClient>(fastRetries());
    curator::OpenAiEmbedder embedder(endpointFor("ok"), client, 2);
    auto vector = embedder.embedText("motion blur \xff\xfe cut \xe2\x82");
    ASSERT_TRUE(vector.ok()) << vector.error();
    EXPECT_EQ(vector->vector.size(), 8u);
}

TEST(OpenAiBackends, CaptionerSendsTheImageAndReturnsTheText) {
    resetServer();
    curator::OpenAiCaptioner captioner(endpointFor("ok"), std::make_shared<HttpClient>(fastRetries()));
    auto caption = captioner.caption(testImage(), "/images/x.jpg");
    ASSERT_TRUE(caption.ok()) << caption.error();
    EXPECT_EQ(caption->rfind("A test image of", 0), 0u) << *caption;
}

TEST(OpenAiBackends, CaptionFailureIsAnErrorNamingTheImageNeverAPlaceholder) {
    resetServer();
    curator::OpenAiCaptioner captioner(endpointFor("always500"),
                                       std::make_shared<HttpClient>(fastRetries(2)));
    auto caption = captioner.caption(testImage(), "/images/broken.jpg");
    ASSERT_FALSE(caption.ok());
    EXPECT_NE(caption.error().find("/images/broken.jpg"), std::string::npos) << caption.error();
}

TEST(OpenAiBackends, ScorerFollowsTheProtocolAndLearnsTheRange) {
    resetServer();
    curator::HttpScorer scorer(endpointFor("500twice"), std::make_shared<HttpClient>(fastRetries()));
    auto scores = scorer.score({testImage(), testImage()}, {"abc", "a much longer caption"});
    ASSERT_TRUE(scores.ok()) << scores.error();
    ASSERT_EQ(scores->size(), 2u);
    EXPECT_EQ(scores->at(0), 3.0);
    EXPECT_EQ(scorer.range().minimum, -10);
    EXPECT_FALSE(scorer.score({testImage()}, {}).ok());
}

TEST(OpenAiBackends, ErrorsNeverCarryTheApiKey) {
    resetServer();
    curator::OpenAiEmbedder embedder(endpointFor("401", "sk-very-secret-key"),
                                     std::make_shared<HttpClient>(fastRetries()));
    auto vectors = embedder.embedText("x");
    ASSERT_FALSE(vectors.ok());
    EXPECT_EQ(vectors.error().find("sk-very-secret-key"), std::string::npos) << vectors.error();
}

} // namespace

namespace {

curator::LlmClient llmClient(const std::string& scenario) {
    return curator::LlmClient({baseUrl(scenario), "sk-llm-secret"},
                              std::make_shared<HttpClient>(fastRetries()));
}

curator::ChatRequest simpleRequest() {
    curator::ChatRequest request;
    request.model = "fake-llm";
    request.messages.push_back({"system", "You curate images.", {}, {}, {}, {}, {}});
    request.messages.push_back({"user", "Theme: motion blur", {}, {}, {}, {}, {}});
    request.tools.push_back(
        {"search", "Search images", R"({"type":"object","properties":{"query":{"type":"string"}}})"});
    request.tools.push_back({"status", "Dataset status", R"({"type":"object","properties":{}})"});
    request.reasoningEffort = "medium";
    return request;
}

TEST(LlmClient, StreamsReasoningAndAssemblesParallelToolCalls) {
    resetServer();
    auto client = llmClient("toolturn");
    std::string reasoning;
    curator::ChatStreamCallbacks callbacks;
    callbacks.onReasoningDelta = [&](std::string_view delta) { reasoning += delta; };
    auto result = client.complete(simpleRequest(), callbacks);
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(reasoning, "Let me search.");
    EXPECT_EQ(result->message.reasoning, "Let me search.");
    EXPECT_EQ(result->finishReason, "tool_calls");
    ASSERT_EQ(result->message.toolCalls.size(), 2u);
    EXPECT_EQ(result->message.toolCalls[0].id, "call_1");
    EXPECT_EQ(result->message.toolCalls[0].name, "search");
    EXPECT_EQ(result->message.toolCalls[0].arguments, R"({"query": "motion blur"})");
    EXPECT_EQ(result->message.toolCalls[1].name, "status");
    EXPECT_EQ(result->usage.totalTokens, 70);
    EXPECT_EQ(result->usage.reasoningTokens, 12);
}

TEST(LlmClient, ReadsTheReasoningFieldAndContent) {
    resetServer();
    auto client = llmClient("plain");
    std::string content;
    curator::ChatStreamCallbacks callbacks;
    callbacks.onContentDelta = [&](std::string_view delta) { content += delta; };
    auto result = client.complete(simpleRequest(), callbacks);
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(content, "Done.");
    EXPECT_EQ(result->message.reasoning, "Thinking about it.");
    EXPECT_EQ(result->finishReason, "stop");
}

// A conversation after one tool turn: the assistant's reasoning and calls, the tool's answer, a grid.
curator::ChatRequest requestAfterAToolTurn() {
    curator::ChatRequest request = simpleRequest();
    curator::ChatMessage assistant{"assistant", "", "I should search first.", {}, {}, {}, {}};
    assistant.toolCalls.push_back({"call_1", "search", R"({"query": "motion blur"})"});
    request.messages.push_back(assistant);
    request.messages.push_back({"tool", "search: 20 matches listed", {}, {}, "call_1", {}, {}});
    request.messages.push_back(
        {"user", "The grid of the search above.", {}, {}, {}, {"data:image/jpeg;base64,/9j/4AAQ"}, {}});
    return request;
}

// Real vendors refuse parts of a request with an HTTP 400 that names the part: the client adapts once,
// says so, and keeps the adaptation (the next request goes through at the first attempt).
TEST(LlmClient, AdaptsOnceToAVendorThatRefusesAPartOfTheRequest) {
    struct Case {
        const char* scenario;
        const char* notice;
        curator::EndpointSupport curator::LlmDialect::*setting;
        curator::EndpointSupport learnt;
    };
    const Case cases[] = {
        {"noimages", "grids are described in text", &curator::LlmDialect::images,
         curator::EndpointSupport::No},
        {"deepseek-thinking", "sent as reasoning_content", &curator::LlmDialect::echoReasoning,
         curator::EndpointSupport::Yes},
        {"notemperature", "temperature", &curator::LlmDialect::temperature, curator::EndpointSupport::No},
    };
    for (const Case& c : cases) {
        resetServer();
        auto client = llmClient(c.scenario);
        curator::ChatRequest request = requestAfterAToolTurn();
        request.temperature = 0.2;
        std::vector<std::string> restarts;
        curator::ChatStreamCallbacks callbacks;
        callbacks.onRestart = [&](int, const std::string& reason) { restarts.push_back(reason); };
        auto first = client.complete(request, callbacks);
        ASSERT_TRUE(first.ok()) << c.scenario << ": " << first.error();
        EXPECT_EQ(first->message.content, "Done.");
        EXPECT_EQ(first->attempts, 2) << c.scenario;
        ASSERT_EQ(restarts.size(), 1u) << c.scenario;
        EXPECT_NE(restarts[0].find(c.notice), std::string::npos) << restarts[0];
        EXPECT_NE(restarts[0].find("HTTP 400"), std::string::npos) << restarts[0]; // the vendor's words kept
        EXPECT_EQ(client.dialect().*c.setting, c.learnt) << c.scenario;
        auto second = client.complete(request, callbacks);
        ASSERT_TRUE(second.ok()) << second.error();
        EXPECT_EQ(second->attempts, 1) << c.scenario;
    }
}

TEST(LlmClient, AnExplicitDialectSettingIsNeverOverruled) {
    resetServer();
    curator::LlmClient::Limits limits;
    limits.dialect.images = curator::EndpointSupport::Yes;
    curator::LlmClient client({baseUrl("noimages"), {}}, std::make_shared<HttpClient>(fastRetries()), limits);
    auto result = client.complete(requestAfterAToolTurn());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("unknown variant `image_url`"), std::string::npos) << result.error();
    EXPECT_EQ(client.dialect().images, curator::EndpointSupport::Yes);
}

TEST(LlmClient, ARequestBodyFollowsTheDialect) {
    curator::ChatRequest request = requestAfterAToolTurn();
    request.omitImages = true;
    request.echoReasoning = true;
    const auto body = nlohmann::json::parse(curator::LlmClient::requestBody(request));
    const auto& messages = body["messages"];
    EXPECT_EQ(messages[2]["reasoning_content"], "I should search first.");
    EXPECT_FALSE(messages[1].contains("reasoning_content")); // a user message carries none
    ASSERT_TRUE(messages[4]["content"].is_string());         // no image part left
    EXPECT_NE(messages[4]["content"].get<std::string>().find("1 grid image(s) not sent"), std::string::npos);
}

TEST(LlmClient, RetriesA429ThenSucceeds) {
    resetServer();
    auto result = llmClient("429once").complete(simpleRequest());
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->message.content, "Done.");
}

TEST(LlmClient, RestartsADroppedStream) {
    resetServer();
    auto client = llmClient("cut-once");
    int restarts = 0;
    curator::ChatStreamCallbacks callbacks;
    callbacks.onRestart = [&](int, const std::string& reason) {
        ++restarts;
        EXPECT_NE(reason.find("before the answer was complete"), std::string::npos) << reason;
    };
    auto result = client.complete(simpleRequest(), callbacks);
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(restarts, 1);
    EXPECT_EQ(result->attempts, 2);
    EXPECT_EQ(result->message.reasoning, "Thinking about it.");
}

TEST(LlmClient, ClearErrorAfterTheLastTryWithoutTheKey) {
    resetServer();
    auto result = llmClient("always500").complete(simpleRequest());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("failed after"), std::string::npos) << result.error();
    EXPECT_EQ(result.error().find("sk-llm-secret"), std::string::npos);
}

TEST(LlmClient, RequestBodyCarriesToolsChoiceEffortAndImages) {
    curator::ChatRequest request = simpleRequest();
    request.toolChoice = "search";
    request.messages.push_back({"user", "Here is the grid", {}, {}, {}, {"data:image/jpeg;base64,AAAA"}, {}});
    curator::ChatMessage assistant{"assistant", "", "", {{"call_9", "status", "{}"}}, {}, {}, {}};
    request.messages.push_back(assistant);
    request.messages.push_back({"tool", "ok", {}, {}, "call_9", {}, {}});
    const auto body = nlohmann::json::parse(curator::LlmClient::requestBody(request));
    EXPECT_EQ(body.at("tools").size(), 2u);
    EXPECT_EQ(body.at("tool_choice").at("function").at("name"), "search");
    EXPECT_EQ(body.at("reasoning_effort"), "medium");
    EXPECT_TRUE(body.at("stream_options").at("include_usage").get<bool>());
    EXPECT_EQ(body.at("messages")[2].at("content")[1].at("image_url").at("url"),
              "data:image/jpeg;base64,AAAA");
    EXPECT_EQ(body.at("messages")[3].at("tool_calls")[0].at("id"), "call_9");
    EXPECT_EQ(body.at("messages")[4].at("tool_call_id"), "call_9");
    EXPECT_EQ(curator::LlmClient::requestBody(request).find("sk-"), std::string::npos);
}

} // namespace
