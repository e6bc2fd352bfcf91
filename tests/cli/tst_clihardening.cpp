// Issue 13, items 11, 16 and 18, through curator-cli as users run it: a run id or a transcript cannot lead
// the agent out of the workspace or onto another branch, a key in a base URL is never printed or written,
// and the smaller exit-code and output contracts.
#include "clirun.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

using Ran = curator::test::CliOutcome;
using curator::test::readFile;

class CliHardeningTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-hardening-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        m_workspace = m_directory / "ws";
    }
    void TearDown() override { fs::remove_all(m_directory); }

    Ran cli(const std::string& arguments, const fs::path& workspace = {}) const {
        return curator::test::runCli(workspace.empty() ? m_workspace : workspace, arguments, m_directory);
    }

    // Every file under the workspace, as one text.
    std::string workspaceFiles() const {
        std::string all;
        for (const auto& entry : fs::recursive_directory_iterator(m_workspace)) {
            if (entry.is_regular_file() && entry.path().extension() != ".f16" &&
                entry.path().extension() != ".f32") {
                all += readFile(entry.path());
            }
        }
        return all;
    }

    fs::path m_directory;
    fs::path m_workspace;
};

// Item 11.
TEST_F(CliHardeningTest, AgentResumeRefusesARunIdThatLeadsOutOfTheWorkspace) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const fs::path evil = m_directory / "x" / "evil.jsonl"; // WORKSPACE/runs/../../x/evil.jsonl
    fs::create_directories(evil.parent_path());
    fs::create_directories(m_workspace / "runs"); // as after any earlier run: the path then resolves
    const std::string text = R"({"type":"run_started","seq":0,"theme":"t","branch":"agent/evil"})"
                             "\n";
    std::ofstream(evil) << text;
    const Ran resumed = cli("agent resume ../../x/evil < /dev/null");
    EXPECT_EQ(resumed.exitCode, 1);
    EXPECT_NE(resumed.err.find("run id '../../x/evil' is invalid"), std::string::npos) << resumed.err;
    EXPECT_EQ(readFile(evil), text) << "a file outside the workspace was appended to";
}

TEST_F(CliHardeningTest, AgentResumeRefusesATranscriptThatNamesAnotherBranch) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string id = "20261203-120000-abcdef";
    const fs::path transcript = m_workspace / "runs" / (id + ".jsonl");
    fs::create_directories(transcript.parent_path());
    const std::string text = R"({"type":"run_started","run_id":")" + id +
                             R"(","seq":0,"theme":"t","branch":"main","config":{}})"
                             "\n";
    std::ofstream(transcript) << text;
    const Ran resumed = cli("agent resume " + id + " < /dev/null");
    EXPECT_EQ(resumed.exitCode, 1);
    EXPECT_NE(resumed.err.find("'agent/" + id + "'"), std::string::npos) << resumed.err;
    EXPECT_EQ(readFile(transcript), text) << "a refused resume writes nothing";
}

// Item 16.
TEST_F(CliHardeningTest, AKeyInTheBaseUrlIsNeverPrintedOrWritten) {
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string secret = "sk-url-userinfo-5150";
    // Nothing listens on port 1: the run fails, and its error names the URL.
    const Ran run = cli("agent run --theme t --model m --base-url 'http://curator:" + secret +
                        "@127.0.0.1:1/v1' --events - < /dev/null");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.err.find("http://***@127.0.0.1:1/v1"), std::string::npos) << run.err;
    EXPECT_EQ(run.out.find(secret), std::string::npos) << run.out;
    EXPECT_EQ(run.err.find(secret), std::string::npos) << run.err;
    EXPECT_NE(run.out.find("run_started"), std::string::npos);
    EXPECT_EQ(workspaceFiles().find(secret), std::string::npos) << "in a transcript";

    const Ran settings = cli("settings 'scorer=openai:http://curator:" + secret + "@127.0.0.1:9/v1#hps'");
    EXPECT_EQ(settings.exitCode, 0) << settings.err;
    EXPECT_NE(settings.out.find("openai:http://***@127.0.0.1:9/v1#hps"), std::string::npos) << settings.out;
    EXPECT_EQ(settings.out.find(secret), std::string::npos) << settings.out;
    const Ran refused = cli("settings 'scorer=openai:ftp://curator:" + secret + "@127.0.0.1:9/v1#hps'");
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_EQ(refused.err.find(secret), std::string::npos) << refused.err;
}

// Item 18.
TEST_F(CliHardeningTest, TheSyntheticDemoCreatesTheFoldersAboveItsWorkspace) {
    const fs::path deep = m_directory / "not" / "yet" / "there" / "ws";
    const Ran demo = cli("demo --synthetic", deep);
    EXPECT_EQ(demo.exitCode, 0) << demo.err;
    EXPECT_TRUE(fs::exists(deep / "embeddings"));
}

TEST_F(CliHardeningTest, VersionEndsWithANewline) {
    const Ran version = cli("--version");
    EXPECT_EQ(version.exitCode, 0);
    ASSERT_FALSE(version.out.empty());
    EXPECT_EQ(version.out.back(), '\n');
}

TEST_F(CliHardeningTest, RateFailsWhenEveryImageFailed) {
    // The synthetic demo has embeddings but no image files: nothing can be scored.
    ASSERT_EQ(cli("demo --synthetic").exitCode, 0);
    const std::string query = (m_workspace / "queries" / "vhs_scanlines.npy").string();
    const Ran rated = cli("rate --count 3 --query-vector " + query);
    EXPECT_EQ(rated.exitCode, 1);
    EXPECT_NE(rated.err.find("all 3 images failed"), std::string::npos) << rated.err;
    EXPECT_NE(rated.out.find("failed"), std::string::npos) << "each failure is still listed";
    const Ran json = cli("--json rate --count 3 --query-vector " + query);
    EXPECT_EQ(json.exitCode, 1);
    EXPECT_NE(json.out.find("\"failures\""), std::string::npos);
}

} // namespace
