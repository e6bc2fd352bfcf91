// `curator-cli agent run|resume` and the agent's questions (issue 15 §3), against the scripted server of
// tests/net (it answers "Done." with no tool call, a question): with stdin closed the question is recorded
// and the run ends normally; an answer on stdin reaches the agent; a resumed run asks again.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
    int exitCode = -1;
    std::vector<json> events;
};

class CliQuestionTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-questions-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        m_server = popen(("python3 '" + std::string(CURATOR_FAKE_SERVER) + "'").c_str(), "r");
        ASSERT_NE(m_server, nullptr);
        ASSERT_EQ(std::fscanf(m_server, "%d %d", &m_port, &m_pid), 2) << "the fake server did not start";
        ASSERT_EQ(run("demo --count 60 < /dev/null").exitCode, 0);
    }
    void TearDown() override {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
        }
        if (m_server != nullptr) {
            pclose(m_server);
        }
        fs::remove_all(m_directory);
    }

    // Runs the CLI with `arguments` (stdin redirection included); the events it printed as JSON lines.
    CliRun run(const std::string& arguments) const {
        const fs::path out = m_directory / "out.jsonl";
        const std::string command = std::string(CURATOR_CLI_PATH) + " --workspace '" +
                                    (m_directory / "ws").string() + "' " + arguments + " > '" + out.string() +
                                    "' 2> '" + (m_directory / "err.txt").string() + "'";
        const int status = std::system(command.c_str());
        CliRun result;
        result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::ifstream in(out);
        for (std::string line; std::getline(in, line);) {
            const json event = json::parse(line, nullptr, false);
            if (!event.is_discarded()) {
                result.events.push_back(event);
            }
        }
        return result;
    }

    std::string endpoint() const {
        return "--base-url http://127.0.0.1:" + std::to_string(m_port) + "/s/default/v1 --model fake-model";
    }

    std::string stdinFile(const std::string& text) const {
        const fs::path path = m_directory / "stdin.txt";
        std::ofstream(path) << text;
        return "'" + path.string() + "'";
    }

    static std::vector<json> ofType(const CliRun& run, const std::string& type) {
        std::vector<json> found;
        for (const auto& event : run.events) {
            if (event.value("type", "") == type) {
                found.push_back(event);
            }
        }
        return found;
    }

    fs::path m_directory;
    FILE* m_server = nullptr;
    int m_port = 0;
    int m_pid = 0;
};

TEST_F(CliQuestionTest, ClosedStdinRecordsTheQuestionAndAnAnswerOnStdinReachesTheAgent) {
    const CliRun alone = run("agent run --theme 'VHS decay' " + endpoint() + " --events - < /dev/null");
    ASSERT_EQ(alone.exitCode, 0);
    // Asked before or after the reader met the end of stdin: either way nobody answers it.
    ASSERT_EQ(ofType(alone, "question").size(), 1u);
    const json finished = ofType(alone, "run_finished").at(0);
    EXPECT_EQ(finished["reason"], "question_unanswered");
    EXPECT_EQ(finished["question"], "Done.");
    EXPECT_EQ(finished["turns"], 1);

    const CliRun answered = run("agent run --theme 'VHS decay' " + endpoint() + " --events - < " +
                                stdinFile("answer Scanlines first.\n"));
    ASSERT_EQ(answered.exitCode, 0);
    const auto actions = ofType(answered, "human_action");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0]["action"], "answer");
    bool reached = false;
    for (const auto& message : ofType(answered, "message")) {
        reached = reached || message["message"]["content"] == "[human answer] Scanlines first.";
    }
    EXPECT_TRUE(reached);
    // The next "Done." is a second question, which nobody answers once stdin is closed.
    ASSERT_EQ(ofType(answered, "question").size(), 2u);
    EXPECT_EQ(ofType(answered, "run_finished").at(0)["reason"], "question_unanswered");
    EXPECT_EQ(ofType(answered, "run_finished").at(0)["turns"], 2);

    // Resumed, the first run asks its question again before any new turn.
    const std::string runId = ofType(alone, "run_started").at(0)["run_id"];
    const CliRun resumed =
        run("agent resume " + runId + " " + endpoint() + " --events - < " + stdinFile("answer 0.4\n"));
    ASSERT_EQ(resumed.exitCode, 0);
    const auto asked = ofType(resumed, "question");
    ASSERT_EQ(asked.size(), 2u);
    EXPECT_EQ(asked[0]["turn"], 1);
    EXPECT_EQ(asked[0]["human_attached"], true);
    EXPECT_EQ(ofType(resumed, "human_action").at(0)["action"], "answer");
    EXPECT_EQ(ofType(resumed, "run_finished").at(0)["turns"], 2);
}

} // namespace
