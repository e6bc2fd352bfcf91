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

// A demo workspace, the builtin backends and the fake rating server, with an openai: scorer on one of the
// server's endpoints; each test runs one aesthetics_rate of 24 images.
class RatingStopTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_NE(m_server.port(), 0) << "the fake rating server did not start";
        ASSERT_TRUE(m_server.reset());
        m_demo = test::makeDemoWorkspace(m_dir.path(), 1500);
    }

    // The scorer at `endpoint` ("slow-c", "ok-a": fake_rating_server.py).
    std::unique_ptr<Scorer> scorer(const std::string& endpoint) {
        auto made = createScorer(*BackendSpec::parse("openai:" + m_server.baseUrl(endpoint) + "#fake-model"));
        EXPECT_TRUE(made.ok()) << made.error();
        return made.ok() ? std::move(*made) : nullptr;
    }

    static std::vector<ChatMessage> rateTurn() {
        return {test::toolTurn(
            {{"aesthetics_rate", R"({"query":"washed out faded colours","sample_size":24})"}}, "r")};
    }

    test::FakeRatingServer m_server{0.05};
    test::TempDir m_dir;
    test::DemoWorkspace m_demo;
    test::Backends m_backends = test::builtinBackends();
};

TEST_F(RatingStopTest, StopAbandonsTheRatingInFlight) {
    auto slowScorer = scorer("slow-c");
    ASSERT_TRUE(slowScorer);
    test::FakeRatingServer& server = m_server;

    auto* planner = new test::ScriptedPlanner(rateTurn(), true);
    test::EventLog events;
    AgentConfig config;
    config.theme = "washed-out colour";
    config.runId = "rating-stop";
    auto run = AgentRun::create(m_demo.workspace, config, std::unique_ptr<Planner>(planner),
                                *m_backends.embedder, *slowScorer, *m_backends.captioner, events.listener());
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

TEST_F(RatingStopTest, TheRunsRatingConcurrencyAndScoreBatchReachTheScorer) {
    auto okScorer = scorer("ok-a");
    ASSERT_TRUE(okScorer);
    test::FakeRatingServer& server = m_server;

    std::vector<ChatMessage> turns = rateTurn();
    turns.push_back(test::finalTurn("rated"));
    auto* planner = new test::ScriptedPlanner(turns);
    test::EventLog events;
    AgentConfig config;
    config.theme = "washed-out colour";
    config.runId = "rating-requests";
    config.ratingConcurrency = 2;
    config.ratingScoreBatchSize = 3;
    auto run = AgentRun::create(m_demo.workspace, config, std::unique_ptr<Planner>(planner),
                                *m_backends.embedder, *okScorer, *m_backends.captioner, events.listener());
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
