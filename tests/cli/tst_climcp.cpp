// `curator-cli mcp` as an MCP client runs it (issue 19): a child process on two pipes, driven by a scripted
// client through a whole curation (initialize, tools/list, search, sample, commit, status, finish). Stdout
// carries JSON-RPC lines only; the run's transcript and the curation log show what the client did; a client
// that closes its end mid-call leaves a finished transcript and a consistent log, and the process exits 0.
#include "agent/agentrun.h"
#include "agent/runcontrol.h"
#include "agent/transcript.h"
#include "clidemocache.h"
#include "dataset/curationlog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// curator-cli on two pipes: `mcp` with `extra` options, or another command (`command` and its options).
class McpProcess {
public:
    explicit McpProcess(const std::string& workspace, const std::vector<std::string>& extra = {},
                        const std::vector<std::string>& command = {"mcp"}) {
        int toChild[2];
        int fromChild[2];
        if (::pipe(toChild) != 0 || ::pipe(fromChild) != 0) {
            return;
        }
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(toChild[0], STDIN_FILENO);
            ::dup2(fromChild[1], STDOUT_FILENO);
            ::close(toChild[1]);
            ::close(fromChild[0]);
            std::vector<std::string> arguments = {CURATOR_CLI_PATH, "--workspace", workspace};
            arguments.insert(arguments.end(), command.begin(), command.end());
            arguments.insert(arguments.end(), extra.begin(), extra.end());
            std::vector<char*> argv;
            for (auto& argument : arguments) {
                argv.push_back(argument.data());
            }
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(toChild[0]);
        ::close(fromChild[1]);
        m_in = toChild[1];
        m_out = fromChild[0];
    }
    ~McpProcess() {
        closeInput();
        if (m_pid > 0 && exitCode() < 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_out >= 0) {
            ::close(m_out);
        }
    }
    bool started() const { return m_pid > 0; }
    void signal(int number) const { ::kill(m_pid, number); }

    void sendLine(const std::string& line) {
        const std::string data = line + "\n";
        ASSERT_EQ(::write(m_in, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    }
    json send(const std::string& method, const json& params = json::object()) {
        json id = ++m_nextId;
        sendLine(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
        return id;
    }
    // The answer to `id`; every line read on the way is kept in lines(). Null after the timeout.
    json answer(const json& id, std::chrono::seconds timeout = std::chrono::seconds(120)) {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            for (const json& message : m_messages) {
                if (message.value("id", json()) == id &&
                    (message.contains("result") || message.contains("error"))) {
                    return message;
                }
            }
            if (!readLine(deadline)) {
                break;
            }
        }
        return nullptr;
    }
    json request(const std::string& method, const json& params = json::object()) {
        return answer(send(method, params));
    }
    json call(const std::string& tool, const json& arguments) {
        return request("tools/call", {{"name", tool}, {"arguments", arguments}});
    }
    void closeInput() {
        if (m_in >= 0) {
            ::close(m_in);
            m_in = -1;
        }
    }
    // Waits for the process to end: its exit code, -1 while it runs.
    int waitForExit(std::chrono::seconds timeout = std::chrono::seconds(120)) {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline && exitCode() < 0) {
            readLine(Clock::now() +
                     std::chrono::milliseconds(50)); // drain, so it never blocks on a full pipe
        }
        return exitCode();
    }
    const std::vector<std::string>& lines() const { return m_lines; }

private:
    int exitCode() {
        if (m_exit >= 0 || m_pid <= 0) {
            return m_exit;
        }
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
        }
        return m_exit;
    }
    bool readLine(Clock::time_point deadline) {
        while (true) {
            const size_t newline = m_buffer.find('\n');
            if (newline != std::string::npos) {
                std::string line = m_buffer.substr(0, newline);
                m_buffer.erase(0, newline + 1);
                m_lines.push_back(line);
                json message = json::parse(line, nullptr, false);
                EXPECT_FALSE(message.is_discarded()) << "stdout carried a line that is not JSON: " << line;
                if (!message.is_discarded()) {
                    m_messages.push_back(std::move(message));
                }
                return true;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                return false;
            }
            pollfd ready{m_out, POLLIN, 0};
            if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
                return false;
            }
            char chunk[1 << 16];
            const ssize_t got = ::read(m_out, chunk, sizeof chunk);
            if (got <= 0) {
                return false;
            }
            m_buffer.append(chunk, static_cast<size_t>(got));
        }
    }

    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_exit = -1;
    long m_nextId = 0;
    std::string m_buffer;
    std::vector<std::string> m_lines;
    std::vector<json> m_messages;
};

class CliMcpTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_directory =
            fs::temp_directory_path() / ("curator-cli-mcp-" + std::to_string(std::random_device{}()));
        fs::create_directories(m_directory);
        ASSERT_TRUE(makeDemo(workspace(), 60));
    }
    static bool makeDemo(const std::string& directory, int count) {
        const std::string failure = curator::test::copyCachedCliDemo(directory, count);
        EXPECT_EQ(failure, "");
        return failure.empty();
    }
    void TearDown() override { fs::remove_all(m_directory); }
    std::string workspace() const { return (m_directory / "ws").string(); }

    std::vector<json> transcript(const std::string& runId) const {
        auto events = curator::Transcript::read(curator::Transcript::path(workspace(), runId));
        EXPECT_TRUE(events.ok()) << events.error();
        return events ? *events : std::vector<json>();
    }

    fs::path m_directory;
};

bool isError(const json& answer) {
    return answer["result"].value("isError", true);
}

TEST_F(CliMcpTest, AScriptedClientCuratesThroughCuratorCliMcp) {
    McpProcess mcp(workspace(), {"--theme", "motion blur over MCP"});
    ASSERT_TRUE(mcp.started());
    const json initialized =
        mcp.request("initialize", {{"protocolVersion", "2025-06-18"},
                                   {"capabilities", json::object()},
                                   {"clientInfo", {{"name", "tst_climcp"}, {"version", "1"}}}});
    ASSERT_EQ(initialized["result"]["protocolVersion"], "2025-06-18") << initialized.dump();
    mcp.sendLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    const json tools = mcp.request("tools/list");
    ASSERT_EQ(tools["result"]["tools"].size(), 8U);

    const json searched = mcp.call("search", {{"query", "motion blur"}, {"top_k", 5}});
    ASSERT_FALSE(isError(searched)) << searched.dump().substr(0, 400);
    EXPECT_FALSE(
        isError(mcp.call("sample", {{"query", "motion blur"}, {"min_threshold", 0.1}, {"count", 3}})));
    const json committed = mcp.call(
        "commit", {{"query", "motion blur"}, {"threshold", 0.15}, {"message", "from the band samples"}});
    ASSERT_FALSE(isError(committed)) << committed.dump().substr(0, 400);
    const json status = mcp.call("status", json::object());
    ASSERT_FALSE(isError(status));
    const std::string branch = status["result"]["structuredContent"].value("branch", "");
    ASSERT_EQ(branch.rfind("agent/", 0), 0U) << status.dump().substr(0, 400);
    const std::string runId = branch.substr(6);
    EXPECT_TRUE(curator::runIsLive(workspace(), runId)) << "the process holds the run while it serves it";
    EXPECT_FALSE(isError(mcp.call("finish", {{"summary", "one blur commit"}})));

    mcp.closeInput();
    EXPECT_EQ(mcp.waitForExit(), 0);
    EXPECT_FALSE(curator::runIsLive(workspace(), runId));
    for (const std::string& line : mcp.lines()) {
        EXPECT_EQ(json::parse(line, nullptr, false).value("jsonrpc", ""), "2.0") << line;
    }

    const auto events = transcript(runId);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().value("theme", ""), "motion blur over MCP");
    EXPECT_EQ(events.back().value("reason", ""), "final_answer");
    std::vector<std::string> calls;
    for (const json& event : events) {
        if (event.value("type", "") == "tool_call") {
            calls.push_back(event.value("name", ""));
        }
    }
    EXPECT_EQ(calls, (std::vector<std::string>{"search", "sample", "commit", "status", "finish"}));

    auto log = curator::CurationLog::open(workspace());
    ASSERT_TRUE(log.ok()) << log.error();
    auto branchStatus = log->status(branch);
    ASSERT_TRUE(branchStatus.ok()) << branchStatus.error();
    ASSERT_EQ(branchStatus->liveCommits.size(), 1U);
    auto info = log->commitInfo(branchStatus->liveCommits[0].id);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->author, "agent:" + runId);
    EXPECT_GT(info->size, 0U);
}

TEST_F(CliMcpTest, AClientThatClosesItsEndMidCallLeavesAFinishedRunAndAConsistentLog) {
    std::string runId;
    {
        McpProcess mcp(workspace());
        ASSERT_TRUE(mcp.started());
        const json status = mcp.call("status", json::object());
        ASSERT_FALSE(isError(status));
        runId = status["result"]["structuredContent"].value("branch", "").substr(6);
        mcp.send("tools/call",
                 {{"name", "commit"},
                  {"arguments", {{"query", "motion blur"}, {"threshold", 0.15}, {"message", "m"}}}});
        mcp.sendLine(
            "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\""); // cut off
        mcp.closeInput();
        EXPECT_EQ(mcp.waitForExit(), 0);
    }
    const auto events = transcript(runId);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().value("type", ""), "run_finished");
    EXPECT_EQ(events.back().value("reason", ""), "client_disconnected");
    size_t commits = 0;
    for (const json& event : events) {
        commits += event.value("type", "") == "commit" ? 1 : 0;
    }
    auto log = curator::CurationLog::open(workspace());
    ASSERT_TRUE(log.ok()) << log.error();
    EXPECT_EQ(log->status(curator::AgentRun::branchOf(runId))->liveCommits.size(), commits);
    // The workspace takes the next connection as a new run.
    McpProcess next(workspace());
    const json again = next.call("status", json::object());
    ASSERT_FALSE(isError(again));
    EXPECT_NE(again["result"]["structuredContent"].value("branch", ""), "agent/" + runId);
}

// `agent run` in a terminal is supervised the same way: the workstation's controls reach it through the
// control file while its stdin stays open and silent.
TEST_F(CliMcpTest, AnAgentRunInATerminalTakesTheWorkstationsControls) {
    // 300 images: enough for the heuristic planner to find a band worth a commit.
    const std::string larger = (m_directory / "ws300").string();
    ASSERT_TRUE(makeDemo(larger, 300));
    McpProcess agent(larger, {},
                     {"agent", "run", "--theme", "motion blur", "--approve-commits", "--events", "-"});
    ASSERT_TRUE(agent.started());
    std::string runId;
    const auto deadline = Clock::now() + std::chrono::seconds(120);
    while (Clock::now() < deadline && runId.empty()) {
        agent.answer(json("none"), std::chrono::seconds(1)); // reads the events printed so far
        for (const std::string& line : agent.lines()) {
            const json event = json::parse(line, nullptr, false);
            if (event.value("type", "") == "approval_needed") {
                runId = event.value("run_id", "");
            }
        }
    }
    ASSERT_FALSE(runId.empty()) << "the heuristic planner's first commit waits for approval";
    EXPECT_TRUE(curator::runIsLive(larger, runId));
    ASSERT_TRUE(curator::appendRunControl(larger, runId, {{"action", "stop"}}));
    EXPECT_EQ(agent.waitForExit(), 0);
    auto read = curator::Transcript::read(curator::Transcript::path(larger, runId));
    ASSERT_TRUE(read.ok()) << read.error();
    const auto& events = *read;
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().value("reason", ""), "stopped");
    EXPECT_FALSE(curator::runIsLive(larger, runId));
}

// Clients end a server with SIGTERM, sometimes with stdin still open: the run ends as a disconnect.
TEST_F(CliMcpTest, ARunServedIsNotResumedElsewhereAndSigtermEndsItAsADisconnect) {
    McpProcess mcp(workspace());
    ASSERT_TRUE(mcp.started());
    const json status = mcp.call("status", json::object());
    ASSERT_FALSE(isError(status));
    const std::string runId = status["result"]["structuredContent"].value("branch", "").substr(6);
    // While it is served, nobody else continues it.
    const std::string resume = std::string(CURATOR_CLI_PATH) + " --workspace '" + workspace() +
                               "' agent resume " + runId + " < /dev/null > /dev/null 2> '" +
                               (m_directory / "resume.err").string() + "'";
    const int resumed = std::system(resume.c_str());
    EXPECT_EQ(WIFEXITED(resumed) ? WEXITSTATUS(resumed) : -1, 1);
    std::ifstream error(m_directory / "resume.err");
    const std::string message((std::istreambuf_iterator<char>(error)), std::istreambuf_iterator<char>());
    EXPECT_NE(message.find("already running in another process"), std::string::npos) << message;
    mcp.signal(SIGTERM);
    EXPECT_EQ(mcp.waitForExit(), 0);
    const auto events = transcript(runId);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().value("reason", ""), "client_disconnected");
    EXPECT_FALSE(curator::runIsLive(workspace(), runId));
}

} // namespace
