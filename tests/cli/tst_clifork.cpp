// curator-cli agent fork: a new run and branch from a turn of a finished run, listed with its origin and
// resumed to its end (issue 16 §3).
#include "clidemocache.h"
#include "clirun.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using CliRun = curator::test::CliOutcome;
using curator::test::readFile;

class CliForkTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-fork-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        m_workspace = m_directory / "ws";
    }
    void TearDown() override { fs::remove_all(m_directory); }

    CliRun cli(const std::string& arguments) const {
        return curator::test::runCli(m_workspace, arguments, m_directory);
    }

    fs::path m_directory;
    fs::path m_workspace;
};

TEST_F(CliForkTest, AForkFromATurnIsListedWithItsOriginAndResumesToItsEnd) {
    ASSERT_EQ(curator::test::copyCachedCliDemo(m_workspace, 300), "");
    const CliRun run = cli("agent run --theme 'VHS decay' --events - < /dev/null");
    ASSERT_EQ(run.exitCode, 0) << run.err;
    std::string runId;
    int commitTurn = 0;
    std::string commitId;
    int gridFiles = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        const json event = json::parse(line);
        runId = event.value("run_id", runId);
        if (event["type"] == "tool_result" && event["name"] == "commit" && event.value("ok", false) &&
            commitTurn == 0) {
            commitTurn = event["turn"];
        }
        if (event["type"] == "commit" && commitId.empty()) {
            commitId = event["commit"]["id"];
        }
        if (event["type"] == "tool_result" && event.contains("grid_files")) {
            for (const auto& file : event["grid_files"]) {
                EXPECT_TRUE(fs::is_regular_file(m_workspace / "runs" / file.get<std::string>())) << file;
                ++gridFiles;
            }
        }
    }
    ASSERT_FALSE(runId.empty());
    ASSERT_GT(commitTurn, 0) << "the heuristic run made no commit";
    EXPECT_GT(gridFiles, 0);

    const CliRun fork = cli("--json agent fork " + runId + " --turn " + std::to_string(commitTurn) +
                            " --message 'Look for film grain next.'");
    ASSERT_EQ(fork.exitCode, 0) << fork.err;
    const json forked = json::parse(fork.out);
    const std::string forkId = forked["run_id"];
    EXPECT_EQ(forked["branch"], "agent/" + forkId);
    EXPECT_EQ(forked["head"], commitId);
    EXPECT_EQ(forked["forked_from"], runId);

    const CliRun list = cli("agent list");
    ASSERT_EQ(list.exitCode, 0) << list.err;
    EXPECT_NE(list.out.find(forkId + "  forked from " + runId + " at turn " + std::to_string(commitTurn)),
              std::string::npos)
        << list.out;
    const CliRun listJson = cli("--json agent list");
    EXPECT_EQ(json::parse(listJson.out)["forked_from"][forkId]["turn"], commitTurn);

    const CliRun text = cli("agent fork " + runId + " --turn 1");
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("branch agent/"), std::string::npos) << text.out;

    const CliRun resumed = cli("agent resume " + forkId + " --max-turns " + std::to_string(commitTurn + 3) +
                               " --events - < /dev/null");
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_NE(resumed.out.find("\"run_finished\""), std::string::npos);
    EXPECT_NE(resumed.out.find("\"agent/" + forkId + "\""), std::string::npos);

    const CliRun outOfRange = cli("agent fork " + runId + " --turn 9999");
    EXPECT_EQ(outOfRange.exitCode, 1);
    EXPECT_NE(outOfRange.err.find("run " + runId + " at turn 9999"), std::string::npos) << outOfRange.err;
    const CliRun unknown = cli("agent fork nosuchrun --turn 1");
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("unknown run"), std::string::npos) << unknown.err;
}

} // namespace
