// The curation tools over MCP (issue 19), in process: a scripted client sends JSON-RPC lines to McpServer and
// reads its answers. The connection is an agent run (transcript, branch, commits as the built-in agent's);
// malformed messages get JSON-RPC errors and start nothing; a commit in approval mode waits for a control
// written by another "process" (appendRunControl) and answers the client with the person's decision; a client
// that disconnects mid-call leaves a finished transcript and a consistent log.
#include "agent/curationtools.h"
#include "agent/mcpserver.h"
#include "agent/runcontrol.h"
#include "agent/transcript.h"
#include "agenttesthelpers.h"
#include "dataset/curationlog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <thread>

namespace curator {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr size_t kDemoCount = 300;

// A scripted MCP client in front of an in-process server.
class McpTestClient {
public:
    McpTestClient(const std::string& workspace, test::Backends& backends, McpServerOptions options = {}) {
        options.workspaceDirectory = workspace;
        m_server =
            std::make_unique<McpServer>(options, *backends.embedder, *backends.scorer, *backends.captioner,
                                        [this](const std::string& line) { received(line); });
    }

    void sendLine(const std::string& line) { m_server->handleLine(line); }
    // Sends a request and returns its id (the answer may come later).
    json send(const std::string& method, const json& params = json::object()) {
        json id = ++m_nextId;
        sendLine(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
        return id;
    }
    // The answer to request `id`, waited for; null after the timeout.
    json answer(const json& id, std::chrono::milliseconds timeout = 60s) {
        std::unique_lock<std::mutex> lock(m_mutex);
        json found;
        m_arrived.wait_for(lock, timeout, [&] {
            for (const json& message : m_messages) {
                if (message.contains("id") && message["id"] == id &&
                    (message.contains("result") || message.contains("error"))) {
                    found = message;
                    return true;
                }
            }
            return false;
        });
        return found;
    }
    json request(const std::string& method, const json& params = json::object()) {
        return answer(send(method, params));
    }
    json call(const std::string& tool, const json& arguments) {
        return request("tools/call", {{"name", tool}, {"arguments", arguments}});
    }
    std::vector<json> messages() const {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_messages;
    }
    McpServer& server() { return *m_server; }

private:
    void received(const std::string& line) {
        json message = json::parse(line, nullptr, false);
        ASSERT_FALSE(message.is_discarded()) << "the server wrote a line that is not JSON: " << line;
        EXPECT_EQ(line.find('\n'), std::string::npos) << "a message must fit on one line";
        EXPECT_EQ(message.value("jsonrpc", ""), "2.0");
        std::lock_guard<std::mutex> lock(m_mutex);
        m_messages.push_back(std::move(message));
        m_arrived.notify_all();
    }

    std::unique_ptr<McpServer> m_server;
    mutable std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<json> m_messages;
    long m_nextId = 0;
};

std::string resultText(const json& answer) {
    std::string text;
    for (const json& part : answer["result"].value("content", json::array())) {
        if (part.value("type", "") == "text") {
            text += part.value("text", "") + "\n";
        }
    }
    return text;
}

std::vector<json> transcriptEvents(const std::string& workspace, const std::string& runId) {
    auto events = Transcript::read(Transcript::path(workspace, runId));
    EXPECT_TRUE(events.ok()) << events.error();
    return events ? *events : std::vector<json>();
}

std::vector<json> eventsOfType(const std::vector<json>& events, const std::string& type) {
    std::vector<json> found;
    for (const json& event : events) {
        if (event.value("type", "") == type) {
            found.push_back(event);
        }
    }
    return found;
}

// Waits until the run's transcript has an event of `type`.
bool waitForEvent(const std::string& workspace, const std::string& runId, const std::string& type) {
    for (int i = 0; i < 600; ++i) {
        if (!eventsOfType(transcriptEvents(workspace, runId), type).empty()) {
            return true;
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

json initializeParams(const std::string& version = "2025-06-18") {
    return {{"protocolVersion", version},
            {"capabilities", json::object()},
            {"clientInfo", {{"name", "scripted-client"}, {"version", "1.0"}}}};
}

TEST(McpServer, ACurationThroughTheProtocolIsARunWithItsTranscriptAndCommits) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpTestClient client(demo.workspace, backends);

    const json initialized = client.request("initialize", initializeParams());
    ASSERT_TRUE(initialized.contains("result")) << initialized.dump();
    EXPECT_EQ(initialized["result"]["protocolVersion"], "2025-06-18");
    EXPECT_TRUE(initialized["result"]["capabilities"].contains("tools"));
    EXPECT_NE(initialized["result"].value("instructions", "").find("curation agent"), std::string::npos);
    client.sendLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");

    // The registry's tools and schemas, not a copy.
    const json listed = client.request("tools/list");
    CurationToolbox toolbox(demo.workspace, *backends.embedder, *backends.scorer, *backends.captioner, "t",
                            "main");
    const auto schemas = toolbox.schemas();
    ASSERT_EQ(listed["result"]["tools"].size(), schemas.size());
    for (size_t i = 0; i < schemas.size(); ++i) {
        EXPECT_EQ(listed["result"]["tools"][i]["name"], schemas[i].name);
        EXPECT_EQ(listed["result"]["tools"][i]["inputSchema"], json::parse(schemas[i].parametersJson));
    }
    EXPECT_TRUE(client.server().runId().empty()) << "listing tools starts no run";

    const json searched = client.call("search", {{"query", "motion blur"}, {"top_k", "5"}}); // coerced
    ASSERT_FALSE(searched["result"]["isError"].get<bool>()) << searched.dump().substr(0, 500);
    const std::string runId = client.server().runId();
    ASSERT_FALSE(runId.empty());
    EXPECT_TRUE(runIsLive(demo.workspace, runId));
    EXPECT_NE(resultText(searched).find("motion blur"), std::string::npos);
    bool hasImage = false;
    for (const json& part : searched["result"]["content"]) {
        hasImage =
            hasImage || (part["type"] == "image" && part.value("mimeType", "").rfind("image/", 0) == 0 &&
                         !part.value("data", "").empty());
    }
    EXPECT_TRUE(hasImage) << "the search's grid is an image content part";

    const json sampled =
        client.call("sample", {{"query", "motion blur"}, {"min_threshold", 0.1}, {"count", 4}});
    EXPECT_FALSE(sampled["result"]["isError"].get<bool>()) << resultText(sampled);
    const json committed = client.call(
        "commit", {{"query", "motion blur"}, {"threshold", 0.2}, {"message", "blur band from the samples"}});
    ASSERT_FALSE(committed["result"]["isError"].get<bool>()) << resultText(committed);
    const json commitData = committed["result"]["structuredContent"];
    ASSERT_TRUE(commitData.is_object());
    const json status = client.call("status", json::object());
    EXPECT_NE(resultText(status).find(AgentRun::branchOf(runId)), std::string::npos);
    const json finished = client.call("finish", {{"summary", "one commit of motion blur"}});
    EXPECT_FALSE(finished["result"]["isError"].get<bool>()) << resultText(finished);
    const json late = client.call("status", json::object());
    EXPECT_TRUE(late["result"]["isError"].get<bool>());
    EXPECT_NE(resultText(late).find("has ended"), std::string::npos) << resultText(late);

    client.server().close();
    EXPECT_FALSE(runIsLive(demo.workspace, runId));
    const auto events = transcriptEvents(demo.workspace, runId);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().value("planner", ""), "mcp");
    EXPECT_EQ(events.front().value("model", ""), "mcp:scripted-client 1.0");
    std::vector<std::string> calls;
    for (const json& event : eventsOfType(events, "tool_call")) {
        calls.push_back(event.value("name", ""));
    }
    EXPECT_EQ(calls, (std::vector<std::string>{"search", "sample", "commit", "status", "finish"}));
    ASSERT_EQ(eventsOfType(events, "commit").size(), 1U);
    EXPECT_EQ(events.back().value("type", ""), "run_finished");
    EXPECT_EQ(events.back().value("reason", ""), "final_answer");

    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok()) << log.error();
    auto branchStatus = log->status(AgentRun::branchOf(runId));
    ASSERT_TRUE(branchStatus.ok()) << branchStatus.error();
    ASSERT_EQ(branchStatus->liveCommits.size(), 1U);
    auto info = log->commitInfo(branchStatus->liveCommits[0].id);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->author, "agent:" + runId);
    EXPECT_EQ(info->query, "motion blur");
    EXPECT_DOUBLE_EQ(info->threshold, 0.2);
}

TEST(McpServer, TheHandshakeAnswersAnUnknownVersionWithTheNewestLegacyOne) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpTestClient client(demo.workspace, backends);
    EXPECT_EQ(client.request("initialize", initializeParams("1999-01-01"))["result"]["protocolVersion"],
              "2025-11-25");
    // 2026-07-28 has no handshake: asked for in one, it is not what the handshake agrees on.
    EXPECT_EQ(client.request("initialize", initializeParams("2026-07-28"))["result"]["protocolVersion"],
              "2025-11-25");
    EXPECT_EQ(client.request("initialize", initializeParams("2025-03-26"))["result"]["protocolVersion"],
              "2025-03-26");
    EXPECT_EQ(client.request("ping")["result"], json::object());
    EXPECT_FALSE(client.request("ping")["result"].contains("resultType"));
}

// MCP 2026-07-28 clients send no initialize: each request names its version and client in _meta.
TEST(McpServer, AModernClientIsServedWithoutAHandshake) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpTestClient client(demo.workspace, backends);
    const json meta = {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                       {"io.modelcontextprotocol/clientInfo", {{"name", "modern-client"}, {"version", "2"}}},
                       {"io.modelcontextprotocol/clientCapabilities", json::object()}};

    // The stdio probe of a dual-era client: a DiscoverResult, so it stays modern.
    const json discovered = client.request("server/discover", {{"_meta", meta}});
    ASSERT_TRUE(discovered.contains("result")) << discovered.dump();
    const json& result = discovered["result"];
    EXPECT_EQ(result["resultType"], "complete");
    EXPECT_EQ(result["supportedVersions"].front(), "2026-07-28");
    EXPECT_NE(std::find(result["supportedVersions"].begin(), result["supportedVersions"].end(), "2025-11-25"),
              result["supportedVersions"].end());
    EXPECT_TRUE(result["capabilities"].contains("tools"));
    EXPECT_TRUE(result.contains("ttlMs") && result.contains("cacheScope"));
    EXPECT_EQ(result["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], "wide-spectrum-curator");

    const json listed = client.request("tools/list", {{"_meta", meta}});
    EXPECT_EQ(listed["result"]["resultType"], "complete");
    EXPECT_EQ(listed["result"]["ttlMs"], 0);
    EXPECT_EQ(listed["result"]["tools"].size(), CurationToolbox::toolNames().size());

    const json called =
        client.request("tools/call", {{"name", "status"}, {"arguments", json::object()}, {"_meta", meta}});
    EXPECT_EQ(called["result"]["resultType"], "complete");
    EXPECT_FALSE(called["result"]["isError"].get<bool>());
    const std::string runId = client.server().runId();
    client.server().close();
    EXPECT_EQ(transcriptEvents(demo.workspace, runId).front().value("model", ""), "mcp:modern-client 2");

    // A version it does not speak: the modern error, listing what it does speak.
    McpTestClient other(demo.workspace, backends);
    json future = meta;
    future["io.modelcontextprotocol/protocolVersion"] = "2030-01-01";
    const json refused = other.request("tools/list", {{"_meta", future}});
    EXPECT_EQ(refused["error"]["code"], -32022);
    EXPECT_EQ(refused["error"]["data"]["requested"], "2030-01-01");
    EXPECT_EQ(refused["error"]["data"]["supported"], json(mcpProtocolVersions()));
}

TEST(McpServer, MalformedMessagesGetJsonRpcErrorsAndStartNoRun) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpTestClient client(demo.workspace, backends);
    const std::vector<std::pair<std::string, int>> cases = {
        {"{not json", -32700},
        {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600},
        {"42", -32600},
        {R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})", -32600},
        {R"({"jsonrpc":"1.0","id":7,"method":"ping"})", -32600},
        {R"({"jsonrpc":"2.0","id":8})", -32600},
        {R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":[1]})", -32602},
        {R"({"jsonrpc":"2.0","id":10,"method":"resources/read","params":{}})", -32601},
        {R"({"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"drop_table"}})", -32602},
        {R"({"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"arguments":{}}})", -32602},
        {R"({"jsonrpc":"2.0","id":13,"method":"initialize","params":{"protocolVersion":5}})", -32602},
        {std::string(100000, '[') + std::string(100000, ']'), -32700}, // refused before it is built
    };
    for (const auto& [line, code] : cases) {
        const size_t before = client.messages().size();
        client.sendLine(line);
        const auto messages = client.messages();
        ASSERT_EQ(messages.size(), before + 1) << line;
        EXPECT_EQ(messages.back()["error"].value("code", 0), code)
            << line << " -> " << messages.back().dump();
        EXPECT_FALSE(messages.back()["error"].value("message", "").empty());
    }
    // Notifications are never answered, known or not.
    const size_t before = client.messages().size();
    client.sendLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    client.sendLine(R"({"jsonrpc":"2.0","method":"notifications/whatever","params":{"x":1}})");
    client.sendLine("   ");
    EXPECT_EQ(client.messages().size(), before);
    EXPECT_TRUE(client.server().runId().empty());
    EXPECT_TRUE(Transcript::listRuns(demo.workspace).empty()) << "no valid call, no run";
    // The connection still works.
    EXPECT_FALSE(client.call("status", json::object())["result"]["isError"].get<bool>());
}

TEST(McpServer, ArgumentErrorsAreTheBuiltInAgentsErrors) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpTestClient client(demo.workspace, backends);
    CurationToolbox toolbox(demo.workspace, *backends.embedder, *backends.scorer, *backends.captioner, "t",
                            "main");
    const std::vector<std::pair<std::string, json>> cases = {
        {"commit", {{"query", "blur"}, {"threshold", "high"}, {"message", "m"}}},
        {"search", {{"query", "blur"}, {"top_k", 0}}},
        {"sample", {{"query", "blur"}, {"min_threshold", 0.2}, {"colour", "red"}}},
        {"undo_commit", json::object()},
    };
    for (const auto& [tool, arguments] : cases) {
        const json answer = client.call(tool, arguments);
        EXPECT_TRUE(answer["result"]["isError"].get<bool>()) << tool;
        const ToolResult expected = toolbox.execute(tool, arguments.dump());
        ASSERT_FALSE(expected.ok);
        EXPECT_EQ(answer["result"]["content"][0]["text"], expected.text) << tool;
    }
    // Arguments that are not an object are the run's to refuse, as a model's would be.
    const json answer = client.request("tools/call", {{"name", "search"}, {"arguments", "{\"query\": "}});
    EXPECT_TRUE(answer["result"]["isError"].get<bool>());
    EXPECT_NE(resultText(answer).find("not valid JSON"), std::string::npos) << resultText(answer);
}

TEST(McpServer, ACommitWaitsForTheResearchersDecisionWrittenByAnotherProcess) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    McpServerOptions options;
    options.approveTools = {"commit"};
    McpTestClient client(demo.workspace, backends, options);
    ASSERT_FALSE(client.call("status", json::object())["result"]["isError"].get<bool>());
    const std::string runId = client.server().runId();
    const json commit = {{"query", "motion blur"}, {"threshold", 0.2}, {"message", "blur"}};

    // Rejected: the client gets the reason as the tool's error.
    const json first = client.send(
        "tools/call", {{"name", "commit"}, {"arguments", commit}, {"_meta", {{"progressToken", "p1"}}}});
    ASSERT_TRUE(waitForEvent(demo.workspace, runId, "approval_needed"));
    EXPECT_TRUE(client.answer(first, 300ms).is_null()) << "the call waits for the person";
    ASSERT_TRUE(
        appendRunControl(demo.workspace, runId, {{"action", "reject"}, {"reason", "too broad for a theme"}}));
    const json rejected = client.answer(first);
    ASSERT_FALSE(rejected.is_null());
    EXPECT_TRUE(rejected["result"]["isError"].get<bool>());
    EXPECT_NE(resultText(rejected).find("too broad for a theme"), std::string::npos) << resultText(rejected);
    bool progressed = false;
    for (const json& message : client.messages()) {
        progressed = progressed || (message.value("method", "") == "notifications/progress" &&
                                    message["params"]["progressToken"] == "p1");
    }
    EXPECT_TRUE(progressed) << "a client that asked for progress hears that the call waits";

    // A message from the researcher reaches the client with the next result; then an approval commits.
    ASSERT_TRUE(
        appendRunControl(demo.workspace, runId, {{"action", "message"}, {"text", "keep it under 40"}}));
    ASSERT_TRUE(waitForEvent(demo.workspace, runId, "human_action"));
    const json second = client.send("tools/call", {{"name", "commit"}, {"arguments", commit}});
    for (int i = 0;
         i < 600 && eventsOfType(transcriptEvents(demo.workspace, runId), "approval_needed").size() < 2;
         ++i) {
        std::this_thread::sleep_for(50ms);
    }
    ASSERT_TRUE(appendRunControl(demo.workspace, runId, {{"action", "approve"}}));
    const json approved = client.answer(second);
    ASSERT_FALSE(approved.is_null());
    EXPECT_FALSE(approved["result"]["isError"].get<bool>()) << resultText(approved);
    // The message joins the conversation at the turn after the one it came in, so it goes with the approved
    // commit's result or the next one, once.
    const json status = client.call("status", json::object());
    const std::string both = resultText(approved) + resultText(status);
    const size_t at = both.find("keep it under 40");
    EXPECT_NE(at, std::string::npos) << both;
    EXPECT_EQ(both.find("keep it under 40", at + 1), std::string::npos) << both;

    client.server().close();
    const auto events = transcriptEvents(demo.workspace, runId);
    std::vector<std::string> actions;
    for (const json& event : eventsOfType(events, "human_action")) {
        actions.push_back(event.value("action", ""));
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"reject", "inject", "approve"}));
    EXPECT_EQ(eventsOfType(events, "commit").size(), 1U);
    EXPECT_EQ(events.back().value("reason", ""), "client_disconnected");
}

TEST(McpServer, AClientThatDisconnectsMidCallLeavesTheWorkspaceConsistent) {
    test::TempDir dir;
    const auto demo = test::makeDemoWorkspace(dir.path(), kDemoCount);
    auto backends = test::builtinBackends();
    {
        // Gone while its commit waits for approval: the run stops, nothing is committed.
        McpServerOptions options;
        options.approveTools = {"commit"};
        McpTestClient client(demo.workspace, backends, options);
        client.send("tools/call", {{"name", "commit"},
                                   {"arguments", {{"query", "blur"}, {"threshold", 0.1}, {"message", "m"}}}});
        for (int i = 0; i < 600 && client.server().runId().empty(); ++i) {
            std::this_thread::sleep_for(10ms);
        }
        const std::string runId = client.server().runId();
        ASSERT_TRUE(waitForEvent(demo.workspace, runId, "approval_needed"));
        client.server().close();
        const auto events = transcriptEvents(demo.workspace, runId);
        EXPECT_EQ(events.back().value("type", ""), "run_finished");
        EXPECT_EQ(events.back().value("reason", ""), "stopped");
        EXPECT_TRUE(eventsOfType(events, "commit").empty());
        EXPECT_FALSE(runIsLive(demo.workspace, runId));
        auto log = CurationLog::open(demo.workspace);
        ASSERT_TRUE(log.ok());
        EXPECT_TRUE(log->status(AgentRun::branchOf(runId))->liveCommits.empty());
    }
    {
        // Gone while its commit runs: the commit completes whole, the run ends as disconnected.
        McpTestClient client(demo.workspace, backends);
        client.send("tools/call",
                    {{"name", "commit"},
                     {"arguments", {{"query", "motion blur"}, {"threshold", 0.2}, {"message", "m"}}}});
        const json cancelled = client.send("tools/call", {{"name", "status"}, {"arguments", json::object()}});
        client.sendLine(json{{"jsonrpc", "2.0"},
                             {"method", "notifications/cancelled"},
                             {"params", {{"requestId", cancelled}, {"reason", "user"}}}}
                            .dump());
        const std::string runId = client.server().runId();
        client.server().close();
        const auto events = transcriptEvents(demo.workspace, runId);
        EXPECT_EQ(events.back().value("reason", ""), "client_disconnected");
        auto log = CurationLog::open(demo.workspace);
        ASSERT_TRUE(log.ok());
        auto branch = log->status(AgentRun::branchOf(runId));
        ASSERT_TRUE(branch.ok());
        EXPECT_EQ(branch->liveCommits.size(), eventsOfType(events, "commit").size());
        for (const json& message : client.messages()) {
            EXPECT_NE(message.value("id", json()), cancelled) << "a cancelled request gets no answer";
        }
    }
}

} // namespace
} // namespace curator
