#pragma once

// The curation tools over the Model Context Protocol (issue 19): an MCP client (Claude Code, Claude Desktop,
// Cursor, the OpenAI Agents SDK, a script) brings its own agent to a workspace. JSON-RPC 2.0 messages, one
// per line, as the MCP specification's stdio transport describes: initialize, ping, tools/list, tools/call,
// notifications/initialized and notifications/cancelled.
//
// The connection is an agent run like any other (AgentRun): its planner is the client, so every tools/call
// goes through the same registry, coercion, errors, approval, transcript (runs/<id>.jsonl) and branch
// (agent/<id>) as the built-in agent's calls. The run starts at the first tools/call. While it runs, this
// process holds the run's lock and applies the controls a person gives in the workstation (runcontrol.h):
// a commit that waits for approval answers the client once the person decides; a person's message reaches
// the client with the next tool result. The run ends when the client calls finish or disconnects, or a person
// stops it.

#include "agent/agentrun.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace curator {

class McpPlanner;
class RunControlFollower;
class RunOwnerLock;

// The protocol versions this server speaks, newest first; a client asking for another gets the newest.
const std::vector<std::string>& mcpProtocolVersions();

struct McpServerOptions {
    std::string workspaceDirectory;
    std::string theme = "MCP session";     // the run's theme, as the runs list shows it
    int maxTurns = 1000;                   // tool-call batches the run may take
    std::vector<std::string> approveTools; // calls that wait for a person at start (AgentConfig's)
    int gridTileSize = 0;                  // 0: the tools' default
    std::string serverVersion;             // serverInfo.version
};

class McpServer {
public:
    // `write` sends one JSON-RPC message (a line without its newline); it is called from the reading thread
    // and from the run's thread, never from two at once.
    McpServer(McpServerOptions options, Embedder& embedder, Scorer& scorer, Captioner& captioner,
              std::function<void(const std::string& line)> write);
    ~McpServer();
    McpServer(const McpServer&) = delete;
    McpServer& operator=(const McpServer&) = delete;

    // One line the client sent. Malformed input is answered with a JSON-RPC error, never thrown.
    void handleLine(const std::string& line);
    // The client closed its end: the call in flight finishes (its answer goes nowhere), the run ends with
    // "client_disconnected" (or stops, when it waits for a person), and this returns when it has ended.
    void close();
    // Reads messages from a file descriptor (the process's stdin) until it closes, then close(). A message
    // over 32 MiB is answered with a parse error and skipped without being kept.
    void serve(int inputFd);

    // The connection's run ("" before the first tools/call).
    std::string runId() const;

private:
    void send(const nlohmann::json& message);
    void sendError(const nlohmann::json& id, int code, const std::string& message);
    void initialize(const nlohmann::json& id, const nlohmann::json& params);
    void listTools(const nlohmann::json& id);
    void callTool(const nlohmann::json& id, const nlohmann::json& params);
    // Starts the run and its thread at the first call; an error says why it could not start.
    Status startRun();
    // What the run's thread does: runs it, then answers the calls it left.
    void runToEnd();
    const std::vector<ToolSchema>& schemas();

    McpServerOptions m_options;
    Embedder& m_embedder;
    Scorer& m_scorer;
    Captioner& m_captioner;
    std::function<void(const std::string&)> m_write;
    std::mutex m_writeMutex;
    std::string m_clientName = "mcp-client";
    std::vector<ToolSchema> m_schemas;

    McpPlanner* m_planner = nullptr; // owned by the run
    std::unique_ptr<AgentRun> m_run;
    std::unique_ptr<RunOwnerLock> m_lock;
    std::unique_ptr<RunControlFollower> m_follower;
    std::thread m_thread;
    std::atomic<long> m_progress{0};
    std::string m_startError; // why the run could not start: every later call is answered with it
};

} // namespace curator
