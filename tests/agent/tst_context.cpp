// A run's context budget (issue 15 §2): what a request costs, how older turns give way, compaction, and a
// 200-turn run against the fake server's model with a finite context (tests/net/fake_server.py, scenario
// longrun-TURNS-LIMIT), stopped mid-way and resumed.
#include "agenttesthelpers.h"

#include "agent/contextwindow.h"
#include "agent/planners.h"
#include "common/base64.h"
#include "models/image.h"
#include "models/openaibackends.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

#include <atomic>

namespace curator {
namespace {

using nlohmann::json;

// A grid-sized JPEG data URL with some structure in it (a flat image would compress to nothing).
std::string gridDataUrl(int width, int height) {
    RgbImage image;
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * height * 3);
    for (size_t i = 0; i < image.pixels.size(); ++i) {
        image.pixels[i] = static_cast<uint8_t>((i * 7) ^ (i / 3 / width));
    }
    auto url = imageDataUrl(image);
    EXPECT_TRUE(url.ok());
    return url ? *url : std::string();
}

// system, theme, then `turns` turns of: an assistant call, its multi-line result, a user message with a grid.
ChatMessage textMessage(const std::string& role, const std::string& content) {
    ChatMessage message;
    message.role = role;
    message.content = content;
    return message;
}

std::vector<ChatMessage> conversation(int turns, const std::string& grid) {
    std::vector<ChatMessage> messages{textMessage("system", std::string(3000, 's')),
                                      textMessage("user", "Theme: motion blur")};
    for (int turn = 1; turn <= turns; ++turn) {
        ChatMessage assistant;
        assistant.role = "assistant";
        assistant.toolCalls = {{"call_" + std::to_string(turn), "sample", R"({"query":"motion blur"})"}};
        ChatMessage tool;
        tool.role = "tool";
        tool.toolCallId = "call_" + std::to_string(turn);
        tool.content =
            "Sampled 20 of 900 images for turn " + std::to_string(turn) + "\n" + std::string(3000, 'r');
        ChatMessage images;
        images.role = "user";
        images.content = "Images of the tool results above. image 1: the grid of sample call call_" +
                         std::to_string(turn) + ".";
        images.imageUrls = {grid};
        messages.push_back(assistant);
        messages.push_back(tool);
        messages.push_back(images);
    }
    return messages;
}

TEST(ContextWindow, CountsImagesAsTheVendorsDo) {
    // 1920 x 1536 (a 5 x 4 grid of 384-px tiles): OpenAI counts 765 (4 tiles at 960 x 768), the per-pixel
    // rule 3,933: the larger is charged.
    EXPECT_EQ(estimateImageTokens(1920, 1536), 3933);
    // 512 x 512: one OpenAI tile (255) against 350 by pixels.
    EXPECT_EQ(estimateImageTokens(512, 512), 350);
    // A thin strip: OpenAI's 85 + 170 per tile wins over its few pixels.
    EXPECT_EQ(estimateImageTokens(4000, 40), 85 + 170 * 4);
    EXPECT_EQ(estimateImageTokens(0, 100), 0);
    EXPECT_EQ(estimateTextTokens("abcdefg"), 3);

    ContextWindow window(100000);
    const auto messages = conversation(2, gridDataUrl(1920, 1536));
    const ContextCost cost = window.cost(messages, {});
    EXPECT_EQ(cost.images, 2);
    EXPECT_EQ(cost.imageTokens, 2 * 3933);
    EXPECT_GT(cost.textTokens, 2 * 1000 + 1000);
}

TEST(ContextWindow, Base64DecodesWhatItEncodes) {
    for (const std::string text : {"", "a", "ab", "abc", "abcd", "\xff\x00\x10 binary"}) {
        EXPECT_EQ(base64Decode(base64Encode(text)), text);
    }
    EXPECT_FALSE(base64Decode("ab$c").has_value());
    EXPECT_FALSE(base64Decode("abcde").has_value());
}

TEST(ContextWindow, OlderGridsShrinkThenGoThenResultsShortenAndTheNewestTurnsStayWhole) {
    const std::string grid = gridDataUrl(1920, 1536);
    auto messages = conversation(8, grid);
    ContextWindow window(30000); // 8 grids (31k) and 8 results (8k) do not fit
    const ContextTrim trim = window.fit(messages, {});
    EXPECT_GT(trim.before.total(), 30000);
    EXPECT_FALSE(trim.overBudget);
    EXPECT_LE(trim.after.total(), 30000 * 3 / 4) << "trimmed to three quarters, for a stable prefix";
    EXPECT_GT(trim.downscaled, 0);
    // The two newest turns (messages from the 7th assistant turn on) are untouched.
    const size_t protectedFrom = 2 + 6 * 3;
    for (size_t i = protectedFrom; i < messages.size(); ++i) {
        if (messages[i].role == "user") {
            ASSERT_EQ(messages[i].imageUrls.size(), 1u);
            EXPECT_EQ(messages[i].imageUrls[0], grid) << "message " << i;
        }
        if (messages[i].role == "tool") {
            EXPECT_EQ(messages[i].content.size(), conversation(8, grid)[i].content.size());
        }
    }
    // Older grids went oldest first: the first turn's is gone or halved before a later one is touched.
    const ChatMessage& oldest = messages[4];
    if (oldest.imageUrls.empty()) {
        EXPECT_NE(oldest.content.find("removed from this message to stay within the context budget"),
                  std::string::npos);
        EXPECT_NE(oldest.content.find("call_1"), std::string::npos) << "the note names the call";
    } else {
        EXPECT_LT(window.cost({oldest}, {}).imageTokens, 3933);
    }

    // Fitting again changes nothing: the prefix a vendor caches stays the same.
    const auto again = messages;
    const ContextTrim second = window.fit(messages, {});
    EXPECT_FALSE(second.changed());
    EXPECT_EQ(messages.size(), again.size());
}

TEST(ContextWindow, ShortensResultsToTheirSummaryLineWhenGridsAreNotEnough) {
    auto messages = conversation(30, gridDataUrl(640, 480)); // small grids, long results
    ContextWindow window(20000);
    const ContextTrim trim = window.fit(messages, {});
    EXPECT_FALSE(trim.overBudget);
    EXPECT_GT(trim.removed, 0);
    EXPECT_GT(trim.shortened, 0);
    EXPECT_EQ(
        messages[3].content.rfind("Sampled 20 of 900 images for turn 1 [the rest of this result was cut", 0),
        0u)
        << messages[3].content;
}

TEST(ContextWindow, SaysWhenTheNewestTurnsAloneAreOverBudget) {
    auto messages = conversation(1, gridDataUrl(3000, 3000));
    messages.back().imageUrls.resize(4, messages.back().imageUrls.front()); // the newest turn: 4 x 12k tokens
    ContextWindow window(kMinContextBudgetTokens);
    const ContextTrim trim = window.fit(messages, {});
    EXPECT_TRUE(trim.overBudget);
    EXPECT_EQ(trim.downscaled, 4) << "the newest grids are halved before the run has to compact";
    const auto stripped = ContextWindow::withoutImages(messages);
    EXPECT_EQ(window.cost(stripped, {}).images, 0);
    EXPECT_LT(window.cost(stripped, {}).total(), kMinContextBudgetTokens);
}

TEST(ContextWindow, ATooSmallBudgetIsRaisedToTheMinimum) {
    EXPECT_EQ(ContextWindow(10).budget(), kMinContextBudgetTokens);
}

// A scripted run whose budget forces a compaction: the planner is asked for notes (tool choice "none"),
// the conversation restarts from them, and a resumed run starts from the compacted state.
TEST(ContextBudget, ARunCompactsAndAResumedRunStartsFromTheCompactedState) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), 300);
    auto backends = test::builtinBackends();
    ChatMessage sampleTurn = test::toolTurn(
        {{"sample", R"({"query":"motion blur","min_threshold":0.1,"max_threshold":0.4,"count":20})"}}, "s");
    sampleTurn.reasoning = std::string(6000, 'r'); // 2,000 tokens a turn that no trimming removes
    std::vector<ChatMessage> script(12, sampleTurn);
    auto planner = std::make_unique<test::ScriptedPlanner>(script);
    auto* scripted = planner.get();
    test::EventLog events;
    AgentConfig config;
    config.theme = "motion blur";
    config.runId = "budget-run";
    config.contextBudgetTokens = 16000;
    config.maxTurns = 10;
    auto run = AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "max_turns");

    const auto contexts = events.ofType("context");
    ASSERT_EQ(contexts.size(), 10u) << "one estimate per turn";
    for (const auto& context : contexts) {
        EXPECT_EQ(context["budget"], 16000);
        EXPECT_LE(context["estimated_tokens"].get<long>(), 16000) << context.dump();
    }
    const auto compacted = events.ofType("context_compacted");
    ASSERT_FALSE(compacted.empty());
    ASSERT_FALSE(scripted->compactions().empty());
    const auto asked = scripted->compactions().front();
    EXPECT_EQ(asked.back().role, "user");
    EXPECT_NE(asked.back().content.find("progress notes"), std::string::npos);
    for (const auto& message : asked) {
        EXPECT_TRUE(message.imageUrls.empty()) << "the compaction turn is sent without grids";
    }
    EXPECT_EQ(compacted.front()["notes"], "Notes: scripted progress so far.");
    EXPECT_LE(compacted.front()["tokens_after"].get<long>(), 16000);

    // The turn after the compaction saw: system prompt, theme, the notes with status; then its own turns.
    const auto seen = scripted->seen();
    const int compactedBeforeTurn = compacted.back()["turn"].get<int>();
    ASSERT_GE(compactedBeforeTurn, 1);
    ASSERT_LE(static_cast<size_t>(compactedBeforeTurn), seen.size());
    const auto& after = seen[static_cast<size_t>(compactedBeforeTurn) - 1];
    ASSERT_GE(after.size(), 3u);
    EXPECT_EQ(after[0].role, "system");
    EXPECT_EQ(after[1].content.rfind("Theme: motion blur", 0), 0u);
    EXPECT_NE(after[2].content.find("Notes: scripted progress so far."), std::string::npos);
    EXPECT_NE(after[2].content.find("Status now:"), std::string::npos);
    EXPECT_NE(after[2].content.find("Branch 'agent/budget-run'"), std::string::npos) << after[2].content;

    // Resumed: the conversation starts from the last compaction, not from the whole transcript.
    auto resumedPlanner = std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{sampleTurn});
    auto* resumedScript = resumedPlanner.get();
    auto resumed = AgentRun::resume(demo.workspace, "budget-run", std::move(resumedPlanner),
                                    *backends.embedder, *backends.scorer, *backends.captioner, {}, 12);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    const auto messages = (*resumed)->messages();
    ASSERT_GE(messages.size(), 3u);
    EXPECT_NE(messages[2].content.find("Notes: scripted progress so far."), std::string::npos);
    const size_t turnsSinceCompaction = static_cast<size_t>(10 - compactedBeforeTurn + 1);
    EXPECT_EQ(std::count_if(messages.begin(), messages.end(),
                            [](const ChatMessage& m) { return m.role == "assistant"; }),
              static_cast<long>(turnsSinceCompaction));
    ASSERT_TRUE((*resumed)->run().ok());
    EXPECT_EQ((*resumed)->turns(), 12);
    EXPECT_FALSE(resumedScript->seen().empty());
}

TEST(ContextBudget, ABudgetTooSmallForTheCompactedConversationEndsTheRunWithAClearError) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), 300);
    auto backends = test::builtinBackends();
    auto planner = std::make_unique<test::ScriptedPlanner>(
        std::vector<ChatMessage>{test::toolTurn({{"status", "{}"}}, "s")}, true);
    AgentConfig config;
    config.theme = "motion blur";
    config.systemPrompt = std::string(60000, 'x'); // 20k tokens: over the minimum budget on its own
    config.contextBudgetTokens = kMinContextBudgetTokens;
    auto run = AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner);
    ASSERT_TRUE(run.ok()) << run.error();
    const Status status = (*run)->run();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().find("raise the budget (--context-budget)"), std::string::npos)
        << status.error();
    EXPECT_EQ((*run)->finishReason(), "error");
}

// 200 turns against a model with a 40,000-token context, every result with a grid: no request is refused,
// the run compacts as it goes, a stop at turn 100 and a resume carry it to its final answer.
TEST(ContextBudget, ATwoHundredTurnRunStaysWithinAFiniteContextAcrossAStopAndAResume) {
    test::FakeServerProcess server;
    ASSERT_GT(server.port(), 0) << "the fake server did not start";
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), 300);
    auto backends = test::builtinBackends();
    const std::string baseUrl = server.baseUrl("longrun-200-40000");
    auto makePlanner = [&] {
        LlmPlanner::Options options;
        options.model = "fake-model";
        RetryPolicy policy;
        policy.maxAttempts = 2;
        policy.baseDelayMs = 10;
        return std::make_unique<LlmPlanner>(LlmClient::Endpoint{baseUrl, ""},
                                            std::make_shared<HttpClient>(policy), options);
    };
    std::atomic<AgentRun*> live{nullptr};
    test::EventLog firstEvents;
    auto firstListener = firstEvents.listener();
    AgentConfig config;
    config.theme = "motion blur";
    config.runId = "long-run";
    config.contextBudgetTokens = 30000;
    auto run = AgentRun::create(
        demo.workspace, config, makePlanner(), *backends.embedder, *backends.scorer, *backends.captioner,
        [&](const json& event) {
            firstListener(event);
            if (event["type"] == "tool_result" && event.value("turn", 0) == 100 && live.load()) {
                live.load()->stop(); // a kill between turns: the transcript is all that is left
            }
        });
    ASSERT_TRUE(run.ok()) << run.error();
    live = run->get();
    ASSERT_TRUE((*run)->run().ok());
    EXPECT_EQ((*run)->finishReason(), "stopped");
    EXPECT_EQ((*run)->turns(), 100);
    live = nullptr;

    test::EventLog secondEvents;
    auto resumed = AgentRun::resume(demo.workspace, "long-run", makePlanner(), *backends.embedder,
                                    *backends.scorer, *backends.captioner, secondEvents.listener(), 250);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    const Status finished = (*resumed)->run();
    ASSERT_TRUE(finished.ok()) << finished.error();
    EXPECT_EQ((*resumed)->finishReason(), "final_answer");
    EXPECT_EQ((*resumed)->turns(), 201) << "200 tool turns and the final answer";

    for (const auto* log : {&firstEvents, &secondEvents}) {
        for (const auto& error : log->ofType("error")) {
            ADD_FAILURE() << "no request may be refused or fail: " << error.dump();
        }
        for (const auto& context : log->ofType("context")) {
            EXPECT_LE(context["estimated_tokens"].get<long>(), 30000) << context.dump();
        }
        EXPECT_FALSE(log->ofType("context_compacted").empty()) << "each half compacts at least once";
        for (const auto& result : log->ofType("tool_result")) {
            EXPECT_TRUE(result["ok"].get<bool>()) << result.dump();
        }
    }
    size_t grids = 0;
    for (const auto* log : {&firstEvents, &secondEvents}) {
        for (const auto& result : log->ofType("tool_result")) {
            grids += result["images"].get<size_t>();
        }
    }
    EXPECT_GE(grids, 190u) << "images in (nearly) every result";
    EXPECT_EQ(firstEvents.ofType("commit").size() + secondEvents.ofType("commit").size(), 8u);
}

} // namespace
} // namespace curator
