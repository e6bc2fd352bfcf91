// A stop of the run reaches a rating in flight: aesthetics_rate against a scorer that answers after 10 s
// (fake_rating_server.py's slow endpoint) gives up its requests and the run ends as stopped, instead of
// waiting for every score. And the run's rating settings (AgentConfig::ratingConcurrency and
// ratingScoreBatchSize: the CLI's --rating-concurrency and --score-batch, the workstation's Settings) are
// what the scorer sees. (The demo's images have sidecar captions, so the captioner is not asked.)
#include "agenttesthelpers.h"
#include "fakeratingserver.h"

#include "agent/agentrun.h"
#include "models/backendspec.h"
#include "models/scorer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;

TEST(RatingStopTest, StopAbandonsTheRatingInFlight) {
    test::FakeRatingServer server(0.05);
    ASSERT_NE(server.port(), 0) << "the fake rating server did not start";
    ASSERT_TRUE(server.reset());
    test::TempDir dir;
    const test::DemoWorkspace demo = test::makeDemoWorkspace(dir.path(), 1500);
    test::Backends backends = test::builtinBackends();
    auto slowScorer = createScorer(*BackendSpec::parse("openai:" + server.baseUrl("slow-c") + "#fake-model"));
    ASSERT_TRUE(slowScorer.ok()) << slowScorer.error();

    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"aesthetics_rate", R"({"query":"washed out faded colours","sample_size":24})"}},
                        "r")},
        true);
    test::EventLog events;
    AgentConfig config;
    config.theme = "washed-out colour";
    config.runId = "rating-stop";
    auto run = AgentRun::create(demo.workspace, config, std::unique_ptr<Planner>(planner), *backends.embedder,
                                **slowScorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    // Stop once the rating has asked for its first captions.
    json stats = server.stats();
    for (int wait = 0; wait < 1000 && stats["requests"].value("slow-c", 0) == 0; ++wait) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        stats = server.stats();
    }
    agent.stop();
    worker.join();
    ASSERT_GT(stats["requests"].value("slow-c", 0), 0) << stats.dump();

    EXPECT_EQ(agent.finishReason(), "stopped");
    stats = server.stats();
    EXPECT_EQ(stats["answered"], 0) << "the run ended before any slow score came: " << stats.dump();
    const auto results = events.ofType("tool_result");
    ASSERT_EQ(results.size(), 1u);
    EXPECT_FALSE(results[0]["ok"].get<bool>());
    EXPECT_NE(results[0]["text"].get<std::string>().find("rating cancelled"), std::string::npos)
        << results[0]["text"];
}

TEST(RatingStopTest, TheRunsRatingConcurrencyAndScoreBatchReachTheScorer) {
    test::FakeRatingServer server(0.05);
    ASSERT_NE(server.port(), 0) << "the fake rating server did not start";
    ASSERT_TRUE(server.reset());
    test::TempDir dir;
    const test::DemoWorkspace demo = test::makeDemoWorkspace(dir.path(), 1500);
    test::Backends backends = test::builtinBackends();
    auto scorer = createScorer(*BackendSpec::parse("openai:" + server.baseUrl("ok-a") + "#fake-model"));
    ASSERT_TRUE(scorer.ok()) << scorer.error();

    auto* planner = new test::ScriptedPlanner(
        {test::toolTurn({{"aesthetics_rate", R"({"query":"washed out faded colours","sample_size":24})"}},
                        "r"),
         test::finalTurn("rated")});
    test::EventLog events;
    AgentConfig config;
    config.theme = "washed-out colour";
    config.runId = "rating-requests";
    config.ratingConcurrency = 2;
    config.ratingScoreBatchSize = 3;
    auto run = AgentRun::create(demo.workspace, config, std::unique_ptr<Planner>(planner), *backends.embedder,
                                **scorer, *backends.captioner, events.listener());
    ASSERT_TRUE(run.ok()) << run.error();
    ASSERT_TRUE((*run)->run().ok());

    const auto results = events.ofType("tool_result");
    ASSERT_EQ(results.size(), 1u);
    ASSERT_TRUE(results[0]["ok"].get<bool>()) << results[0]["text"];
    const json stats = server.stats();
    EXPECT_EQ(stats["score_items"].value("ok-a", 0), 24) << stats.dump();
    EXPECT_EQ(stats["requests"].value("ok-a", 0), 8) << "24 images in batches of 3: " << stats.dump();
    EXPECT_LE(stats["max_in_flight"].get<int>(), 2) << stats.dump();
    // Recorded with the run, so that a resume rates as the run began.
    const auto started = events.ofType("run_started");
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0]["config"]["rating_concurrency"], 2);
    EXPECT_EQ(started[0]["config"]["rating_score_batch_size"], 3);
}

} // namespace
} // namespace curator
