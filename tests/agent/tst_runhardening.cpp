// Issue 13, items 11, 12 and 16: what a run takes from outside (a run id, a transcript, a model's threshold,
// a base URL) cannot make it reach outside the workspace, write to another branch, commit the whole
// collection on its own, or write a key.
#include "agenttesthelpers.h"

#include "agent/agentrun.h"
#include "agent/planners.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"
#include "net/httpclient.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace curator {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RunHardeningTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), 1500);
        backends = test::builtinBackends();
    }

    Result<std::unique_ptr<AgentRun>> create(std::unique_ptr<Planner> planner, const std::string& runId,
                                             bool approve = false, json extra = json::object()) {
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        config.approveCommits = approve;
        config.extra = std::move(extra);
        return AgentRun::create(demo.workspace, config, std::move(planner), *backends.embedder,
                                *backends.scorer, *backends.captioner, events.listener());
    }

    Result<std::unique_ptr<AgentRun>> resume(const std::string& runId) {
        return AgentRun::resume(
            demo.workspace, runId,
            std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{test::finalTurn("done")}),
            *backends.embedder, *backends.scorer, *backends.captioner, events.listener());
    }

    size_t liveCommits(const std::string& branch) {
        auto log = CurationLog::open(demo.workspace);
        auto status = log->status(branch);
        return status ? status->liveCommits.size() : 0;
    }

    static bool waitForApproval(AgentRun& run) {
        for (int i = 0; i < 2000; ++i) {
            if (run.state() == AgentRun::State::AwaitingApproval) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    test::TempDir dir;
    test::DemoWorkspace demo;
    test::Backends backends;
    test::EventLog events;
};

TEST(RunId, GeneratedIdsPassTheRuleAndPathsDoNot) {
    for (int i = 0; i < 20; ++i) {
        const std::string id = AgentRun::newRunId();
        EXPECT_TRUE(isValidRunId(id)) << id;
    }
    for (const char* good : {"resume-run", "a", "20261203-151500-a1b2c3", "run_2"}) {
        EXPECT_TRUE(isValidRunId(good)) << good;
    }
    const std::string tooLong(kMaxRunIdBytes + 1, 'a');
    for (const std::string bad : {"", "../../../x/evil", "a/b", ".hidden", "a.b", "-x", "_x", "a b", "run\n",
                                  "..", tooLong.c_str()}) {
        EXPECT_FALSE(isValidRunId(bad)) << bad;
        EXPECT_FALSE(checkRunId(bad).ok());
    }
    EXPECT_NE(checkRunId("../x").error().find("'../x' is invalid"), std::string::npos);
}

TEST(TranscriptRead, RefusesADeeplyNestedLineAndAFileThatIsNotRegular) {
    test::TempDir dir;
    const std::string file = (fs::path(dir.path()) / "deep.jsonl").string();
    {
        std::ofstream out(file, std::ios::binary);
        out << R"({"type":"run_started","seq":0})" << '\n';
        out << R"({"type":"message","seq":1,"x":)" << std::string(100000, '[') << std::string(100000, ']')
            << "}\n";
    }
    auto deep = Transcript::read(file);
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(deep.error().find("deep.jsonl:2"), std::string::npos) << deep.error();
    EXPECT_NE(deep.error().find("deeper than"), std::string::npos) << deep.error();

    auto device = Transcript::read("/dev/zero");
    ASSERT_FALSE(device.ok());
    EXPECT_NE(device.error().find("/dev/zero"), std::string::npos) << device.error();

    auto missing = Transcript::read((fs::path(dir.path()) / "none.jsonl").string());
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("no such transcript"), std::string::npos) << missing.error();
}

TEST_F(RunHardeningTest, ResumeRefusesARunIdThatLeadsOutOfTheWorkspace) {
    // runs/../../x/evil.jsonl is dir/x/evil.jsonl, beside the workspace.
    const fs::path outside = fs::path(dir.path()) / "x" / "evil.jsonl";
    fs::create_directories(outside.parent_path());
    fs::create_directories(fs::path(demo.workspace) / "runs"); // as after any earlier run: the path resolves
    const std::string text = R"({"type": "run_started", "seq": 0, "theme": "t", "branch": "agent/evil"})"
                             "\n";
    std::ofstream(outside) << text;
    ASSERT_EQ(fs::relative(outside, fs::path(demo.workspace) / "runs"), fs::path("../../x/evil.jsonl"));

    auto resumed = resume("../../x/evil");
    ASSERT_FALSE(resumed.ok());
    EXPECT_NE(resumed.error().find("run id '../../x/evil' is invalid"), std::string::npos) << resumed.error();
    EXPECT_EQ(test::readText(outside.string()), text) << "the file outside was appended to";

    AgentConfig config;
    config.theme = "t";
    config.runId = "../../x/evil";
    auto created = AgentRun::create(demo.workspace, config,
                                    std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{}),
                                    *backends.embedder, *backends.scorer, *backends.captioner);
    ASSERT_FALSE(created.ok());
    EXPECT_NE(created.error().find("is invalid"), std::string::npos) << created.error();
    EXPECT_FALSE(Transcript::open(demo.workspace, "../../x/evil").ok());
}

TEST_F(RunHardeningTest, AResumedRunWritesOnlyToItsOwnBranch) {
    {
        auto run =
            create(std::make_unique<test::ScriptedPlanner>(std::vector<ChatMessage>{test::finalTurn("ok")}),
                   "branch-run");
        ASSERT_TRUE(run.ok()) << run.error();
        ASSERT_TRUE((*run)->run().ok());
    }
    // The transcript edited to name main: a resumed run would commit straight to it.
    const std::string path = Transcript::path(demo.workspace, "branch-run");
    std::string text = test::readText(path);
    const std::string own = R"("branch":"agent/branch-run")";
    const size_t at = text.find(own);
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, own.size(), R"("branch":"main")");
    std::ofstream(path, std::ios::trunc) << text;
    const size_t mainCommits = liveCommits("main");

    auto resumed = resume("branch-run");
    ASSERT_FALSE(resumed.ok());
    EXPECT_NE(resumed.error().find("\"main\""), std::string::npos) << resumed.error();
    EXPECT_NE(resumed.error().find("'agent/branch-run'"), std::string::npos) << resumed.error();
    EXPECT_EQ(test::readText(path), text) << "a refused resume writes nothing";
    EXPECT_EQ(liveCommits("main"), mainCommits);

    // A field of the wrong type is an error naming the transcript, not an exception.
    text.replace(text.find(R"("branch":"main")"), 15, R"("branch":"agent/branch-run")");
    const std::string theme = R"("theme":"VHS decay")";
    ASSERT_NE(text.find(theme), std::string::npos) << text;
    text.replace(text.find(theme), theme.size(), R"("theme":5)");
    std::ofstream(path, std::ios::trunc) << text;
    auto wrongType = resume("branch-run");
    ASSERT_FALSE(wrongType.ok());
    EXPECT_NE(wrongType.error().find(path), std::string::npos) << wrongType.error();
}

TEST_F(RunHardeningTest, ACommitBelowTheThresholdFloorNeedsAPersonsApproval) {
    const std::string everything = R"({"query": "vhs decay", "threshold": -1, "message": "all of it"})";
    {
        auto* planner = new test::ScriptedPlanner({test::toolTurn({{"commit", everything}}, "c")});
        auto run = create(std::unique_ptr<Planner>(planner), "floor-run");
        ASSERT_TRUE(run.ok()) << run.error();
        ASSERT_TRUE((*run)->run().ok());
        const auto results = planner->results();
        ASSERT_GE(results.size(), 2u);
        ASSERT_FALSE(results[1][0].ok);
        EXPECT_NE(results[1][0].text.find("below the floor of " + std::string("0.00")), std::string::npos)
            << results[1][0].text;
        EXPECT_EQ(liveCommits("agent/floor-run"), 0u);
    }
    // In approval mode the person sees that it is below the floor and may allow it.
    auto* planner = new test::ScriptedPlanner({test::toolTurn({{"commit", everything}}, "c")});
    auto run = create(std::unique_ptr<Planner>(planner), "approved-floor-run", true);
    ASSERT_TRUE(run.ok()) << run.error();
    AgentRun& agent = **run;
    std::thread worker([&] { EXPECT_TRUE(agent.run().ok()); });
    ASSERT_TRUE(waitForApproval(agent));
    agent.approve();
    worker.join();
    const auto approvals = events.ofType("approval_needed");
    ASSERT_EQ(approvals.size(), 1u);
    EXPECT_EQ(approvals[0].value("threshold_floor", 1.0), kCommitThresholdFloor);
    ASSERT_TRUE(planner->results().at(1).at(0).ok) << planner->results()[1][0].text;
    EXPECT_EQ(liveCommits("agent/approved-floor-run"), 1u);
}

TEST_F(RunHardeningTest, AKeyInTheBaseUrlNeverReachesTheTranscriptOrTheError) {
    const std::string secret = "sk-in-the-url-7731";
    const std::string baseUrl = "http://curator:" + secret + "@127.0.0.1:1/v1"; // nothing listens on port 1
    RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelayMs = 10;
    LlmPlanner::Options options;
    options.model = "m";
    auto planner = std::make_unique<LlmPlanner>(LlmClient::Endpoint{baseUrl, {}},
                                                std::make_shared<HttpClient>(policy), options);
    auto run = create(std::move(planner), "url-run", false, {{"base_url", baseUrl}});
    ASSERT_TRUE(run.ok()) << run.error();
    const Status finished = (*run)->run();
    ASSERT_FALSE(finished.ok());
    EXPECT_EQ(finished.error().find(secret), std::string::npos) << finished.error();
    EXPECT_NE(finished.error().find("http://***@127.0.0.1:1/v1"), std::string::npos) << finished.error();
    const std::string transcript = test::readText((*run)->transcriptPath());
    EXPECT_EQ(transcript.find(secret), std::string::npos) << transcript;
    EXPECT_NE(transcript.find("http://***@127.0.0.1:1/v1"), std::string::npos);
    for (const auto& event : events.events()) {
        EXPECT_EQ(event.dump().find(secret), std::string::npos) << event.dump();
    }
}

} // namespace
} // namespace curator
