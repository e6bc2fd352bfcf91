#include "agent/mcpserver.h"

#include "agent/agentevents.h"
#include "agent/runcontrol.h"
#include "common/jsonguard.h"
#include "common/utf8text.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <limits>
#include <set>
#include <utility>

namespace curator {

using nlohmann::json;

namespace {

// JSON-RPC 2.0's error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
// MCP 2026-07-28: a request of a protocol version the server does not speak.
constexpr int kUnsupportedProtocolVersion = -32022;
// Where a modern request's _meta carries the protocol version and the client's identity.
constexpr const char* kMetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";
constexpr const char* kMetaClientInfo = "io.modelcontextprotocol/clientInfo";
constexpr const char* kMetaServerInfo = "io.modelcontextprotocol/serverInfo";

// The longest message read: a larger one is answered with a parse error and skipped, never buffered whole.
constexpr size_t kMaxMessageBytes = size_t(32) << 20;

// The prefixes AgentRun gives what a person said or did, as the model reads it (agentruncontrols.cpp).
constexpr std::string_view kHumanMessagePrefix = "[human message]";
constexpr std::string_view kHumanActionPrefix = "[human action]";

// The tools that only read: a client may run them without asking its user.
bool readsOnly(const std::string& tool) {
    return tool == "search" || tool == "sample" || tool == "status" || tool == "sample_from_committed";
}

// {type: image} content from a data URL ("data:image/jpeg;base64,...").
std::optional<json> imageContent(const std::string& dataUrl) {
    constexpr std::string_view kData = "data:";
    const size_t semicolon = dataUrl.find(";base64,");
    if (dataUrl.compare(0, kData.size(), kData) != 0 || semicolon == std::string::npos) {
        return std::nullopt;
    }
    return json{{"type", "image"},
                {"mimeType", dataUrl.substr(kData.size(), semicolon - kData.size())},
                {"data", dataUrl.substr(semicolon + 8)}};
}

json errorToolResult(const std::string& text) {
    return {{"content", json::array({{{"type", "text"}, {"text", text}}})}, {"isError", true}};
}

} // namespace

const std::vector<std::string>& mcpProtocolVersions() {
    static const std::vector<std::string> versions = {"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26",
                                                      "2024-11-05"};
    return versions;
}

bool isModernMcpVersion(const std::string& version) {
    return version == "2026-07-28";
}

// The client as the run's planner: each turn is the tools/call requests that came in since the last one, and
// the turn's results answer them. Thread-safe: the reading thread enqueues, the run's thread takes.
class McpPlanner : public Planner {
public:
    struct Call {
        json requestId;
        json progressToken;  // null when the client asked for no progress
        bool modern = false; // a 2026-07-28 request: its result says resultType
        std::string name;
        std::string arguments;
        std::string callId; // given when taken into a turn
    };
    using Send = std::function<void(const json&)>;

    McpPlanner(std::string client, Send send, int maxCallsPerTurn)
        : m_client(std::move(client))
        , m_send(std::move(send))
        , m_maxCallsPerTurn(std::max(1, maxCallsPerTurn)) {}

    std::string name() const override { return "mcp"; }
    std::string model() const override { return m_client; }
    std::string endReason() const override {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_endReason;
    }

    Result<ChatMessage> next(PlannerContext& context) override {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (context.toolChoice == "none") {
            return ChatMessage{}; // a compaction turn: the client keeps its own notes
        }
        answerTurn(context.lastResults ? *context.lastResults : std::vector<ToolResult>(),
                   humanNotes(*context.messages));
        while (m_queue.empty() && !m_disconnected && !(context.cancel && *context.cancel)) {
            m_wake.wait_for(lock, std::chrono::milliseconds(50));
        }
        if (context.cancel && *context.cancel) {
            return makeError("stopped while waiting for the MCP client's next call");
        }
        if (m_disconnected) {
            // Calls the client sent before it went are not run: nobody would read their results.
            m_endReason = "client_disconnected";
            return makeError("the MCP client disconnected");
        }
        ChatMessage assistant;
        assistant.role = "assistant";
        while (!m_queue.empty() && static_cast<int>(m_inFlight.size()) < m_maxCallsPerTurn) {
            Call call = std::move(m_queue.front());
            m_queue.pop_front();
            call.callId = "mcp_" + std::to_string(++m_callCount);
            assistant.toolCalls.push_back({call.callId, call.name, call.arguments});
            m_inFlight.push_back(std::move(call));
        }
        return assistant;
    }

    // A tools/call request; answered at once when the run has ended.
    void enqueue(Call call) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_ended) {
                m_queue.push_back(std::move(call));
                m_wake.notify_all();
                return;
            }
        }
        json result = errorToolResult(endedText());
        if (call.modern) {
            result["resultType"] = "complete";
        }
        m_send({{"jsonrpc", "2.0"}, {"id", call.requestId}, {"result", std::move(result)}});
    }

    // notifications/cancelled: a call not taken yet is dropped, a call in flight is not answered.
    void cancel(const json& requestId) {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto queued = std::find_if(m_queue.begin(), m_queue.end(),
                                         [&](const Call& call) { return call.requestId == requestId; });
        if (queued != m_queue.end()) {
            m_queue.erase(queued);
            return;
        }
        m_cancelled.insert(requestId.dump());
    }

    void disconnect() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_disconnected = true;
        m_wake.notify_all();
    }

    bool waitingForCalls() const {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_inFlight.empty();
    }

    // The progress tokens of the calls in flight (for the notifications a wait for a person sends).
    std::vector<json> progressTokens() const {
        std::lock_guard<std::mutex> lock(m_mutex);
        std::vector<json> tokens;
        for (const Call& call : m_inFlight) {
            if (!call.progressToken.is_null()) {
                tokens.push_back(call.progressToken);
            }
        }
        return tokens;
    }

    // The run has ended: the calls of its last turn get their results, the others (and every later call) an
    // error saying so.
    void runEnded(const std::string& runId, const std::string& reason, const std::vector<ToolResult>& last) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_ended = true;
        m_endedText = "ERROR: not executed: the run " + runId + " has ended (" + reason +
                      "); start a new connection for a new run";
        if (last.size() == m_inFlight.size()) {
            answerTurn(last, {});
        }
        for (const Call& call : m_inFlight) {
            answer(call, errorToolResult(m_endedText));
        }
        for (const Call& call : m_queue) {
            answer(call, errorToolResult(m_endedText));
        }
        m_inFlight.clear();
        m_queue.clear();
    }

private:
    std::string endedText() const { return m_endedText; }

    void answer(const Call& call, json result) {
        if (m_cancelled.erase(call.requestId.dump()) > 0 || m_disconnected) {
            return; // nobody waits for it
        }
        if (call.modern) {
            result["resultType"] = "complete";
        }
        m_send({{"jsonrpc", "2.0"}, {"id", call.requestId}, {"result", std::move(result)}});
    }

    // Answers the calls of the last turn with their results (in call order); a person's messages since then
    // go with the first answer.
    void answerTurn(const std::vector<ToolResult>& results, std::vector<std::string> notes) {
        for (size_t i = 0; i < m_inFlight.size() && i < results.size(); ++i) {
            const ToolResult& result = results[i];
            json content = json::array({{{"type", "text"}, {"text", result.text}}});
            for (const std::string& url : result.imageDataUrls) {
                if (auto image = imageContent(url)) {
                    content.push_back(std::move(*image));
                }
            }
            for (const std::string& note : std::exchange(notes, {})) {
                content.push_back(
                    {{"type", "text"},
                     {"text", "From the researcher supervising this run in the workstation: " + note}});
            }
            json answered = {{"content", std::move(content)}, {"isError", !result.ok}};
            if (result.data.is_object()) {
                answered["structuredContent"] = result.data;
            }
            answer(m_inFlight[i], answered);
        }
        m_inFlight.clear();
        m_pendingNotes.insert(m_pendingNotes.end(), notes.begin(), notes.end());
    }

    // What a person said or did since the last turn, as the conversation has it (kept for the next answer
    // when no call is waiting for one).
    std::vector<std::string> humanNotes(const std::vector<ChatMessage>& messages) {
        std::vector<std::string> notes = std::exchange(m_pendingNotes, {});
        if (messages.size() < m_seenMessages) {
            m_seenMessages = messages.size(); // compacted
        }
        for (size_t i = m_seenMessages; i < messages.size(); ++i) {
            const ChatMessage& message = messages[i];
            if (message.role == "user" && (message.content.rfind(kHumanMessagePrefix, 0) == 0 ||
                                           message.content.rfind(kHumanActionPrefix, 0) == 0)) {
                notes.push_back(message.content);
            }
        }
        m_seenMessages = messages.size();
        return notes;
    }

    const std::string m_client;
    const Send m_send;
    const int m_maxCallsPerTurn;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Call> m_queue;
    std::vector<Call> m_inFlight;
    std::set<std::string> m_cancelled;
    std::vector<std::string> m_pendingNotes;
    size_t m_seenMessages = 0;
    long m_callCount = 0;
    bool m_disconnected = false;
    bool m_ended = false;
    std::string m_endedText;
    std::string m_endReason;
};

McpServer::McpServer(McpServerOptions options, Embedder& embedder, Scorer& scorer, Captioner& captioner,
                     std::function<void(const std::string& line)> write)
    : m_options(std::move(options))
    , m_embedder(embedder)
    , m_scorer(scorer)
    , m_captioner(captioner)
    , m_write(std::move(write)) {}

McpServer::~McpServer() {
    close();
}

std::string McpServer::runId() const {
    return m_run ? m_run->runId() : std::string();
}

void McpServer::send(const json& message) {
    std::lock_guard<std::mutex> lock(m_writeMutex);
    m_write(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void McpServer::sendError(const json& id, int code, const std::string& message, const json& data) {
    json error = {{"code", code}, {"message", message}};
    if (!data.is_null()) {
        error["data"] = data;
    }
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}});
}

void McpServer::sendResult(const json& id, json result, bool modern) {
    if (modern) {
        result["resultType"] = "complete";
    }
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void McpServer::noteClient(const json& info) {
    if (!info.is_object() || m_run) {
        return; // the run keeps the name it started with
    }
    const std::string name = info.value("name", std::string());
    const std::string version = info.value("version", std::string());
    if (!name.empty()) {
        m_clientName = snippetOf(name + (version.empty() ? "" : " " + version), 100);
    }
}

void McpServer::handleLine(const std::string& line) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
        return;
    }
    if (findNestingBeyond(line)) {
        sendError(nullptr, kParseError,
                  "Parse error: the message nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        return;
    }
    const json message = json::parse(line, nullptr, false);
    if (message.is_discarded()) {
        sendError(nullptr, kParseError, "Parse error: the message is not JSON: " + snippetOf(line, 120));
        return;
    }
    if (message.is_array()) {
        sendError(nullptr, kInvalidRequest,
                  "Invalid Request: JSON-RPC batches are not part of MCP; send one "
                  "message per line");
        return;
    }
    if (!message.is_object()) {
        sendError(nullptr, kInvalidRequest, "Invalid Request: a message must be a JSON object");
        return;
    }
    const auto idField = message.find("id");
    const bool isNotification = idField == message.end();
    const json id = isNotification ? json(nullptr) : *idField;
    if (!isNotification && !id.is_string() && !id.is_number_integer()) {
        sendError(nullptr, kInvalidRequest, "Invalid Request: \"id\" must be a string or an integer");
        return;
    }
    if (message.value("jsonrpc", json()) != "2.0") {
        if (!isNotification) {
            sendError(id, kInvalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        return;
    }
    const auto method = message.find("method");
    if (method == message.end() || !method->is_string()) {
        if (!isNotification && !message.contains("result") && !message.contains("error")) {
            sendError(id, kInvalidRequest, "Invalid Request: \"method\" must be a string");
        }
        return; // a response to a request this server never sends
    }
    const json params = message.value("params", json::object());
    if (!params.is_object()) {
        if (!isNotification) {
            sendError(id, kInvalidParams, "Invalid params: \"params\" must be an object");
        }
        return;
    }
    if (isNotification) {
        if (*method == "notifications/cancelled" && m_planner && params.contains("requestId")) {
            m_planner->cancel(params["requestId"]);
        }
        return; // notifications/initialized and any other notification need nothing
    }
    // A request that names its protocol version in _meta is a modern one (2026-07-28: no handshake, the
    // version and the client's identity on every request); one without is a legacy one after initialize.
    const json meta = params.value("_meta", json::object());
    const json modernVersion = meta.is_object() ? meta.value(kMetaProtocolVersion, json()) : json();
    const bool modern = modernVersion.is_string();
    if (modern) {
        if (!isModernMcpVersion(modernVersion.get<std::string>())) {
            sendError(id, kUnsupportedProtocolVersion, "Unsupported protocol version",
                      {{"supported", mcpProtocolVersions()}, {"requested", modernVersion}});
            return;
        }
        noteClient(meta.value(kMetaClientInfo, json()));
    }
    if (*method == "initialize") {
        initialize(id, params);
    } else if (*method == "server/discover") {
        discover(id);
    } else if (*method == "ping") {
        sendResult(id, json::object(), modern);
    } else if (*method == "tools/list") {
        listTools(id, modern);
    } else if (*method == "tools/call") {
        callTool(id, params, modern);
    } else {
        sendError(id, kMethodNotFound,
                  "Method not found: " + snippetOf(method->get<std::string>(), 100) +
                      " (this server offers initialize, server/discover, ping, tools/list and tools/call)");
    }
}

json McpServer::serverInfo() const {
    return {{"name", "wide-spectrum-curator"},
            {"title", "Wide-Spectrum Curator"},
            {"version", m_options.serverVersion.empty() ? "0" : m_options.serverVersion}};
}

void McpServer::discover(const json& id) {
    json result = {{"supportedVersions", mcpProtocolVersions()},
                   {"capabilities", {{"tools", json::object()}}},
                   {"_meta", {{kMetaServerInfo, serverInfo()}}},
                   {"ttlMs", 0},
                   {"cacheScope", "private"}};
    if (auto prompt = AgentRun::systemPrompt(); prompt) {
        result["instructions"] = *prompt;
    }
    sendResult(id, std::move(result), true);
}

void McpServer::initialize(const json& id, const json& params) {
    const json requested = params.value("protocolVersion", json());
    if (!requested.is_string()) {
        sendError(id, kInvalidParams, "Invalid params: initialize needs \"protocolVersion\", a string");
        return;
    }
    // The handshake is the legacy eras': a version it knows of those is echoed, any other gets the newest.
    std::vector<std::string> legacy;
    for (const std::string& version : mcpProtocolVersions()) {
        if (!isModernMcpVersion(version)) {
            legacy.push_back(version);
        }
    }
    const bool known = std::find(legacy.begin(), legacy.end(), requested.get<std::string>()) != legacy.end();
    noteClient(params.value("clientInfo", json()));
    json result = {{"protocolVersion", known ? requested.get<std::string>() : legacy.front()},
                   {"capabilities", {{"tools", {{"listChanged", false}}}}},
                   {"serverInfo", serverInfo()}};
    // The built-in agent's system prompt (the method, the taxonomy): the client's model curates as ours does.
    if (auto prompt = AgentRun::systemPrompt(); prompt) {
        result["instructions"] = *prompt;
    }
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

const std::vector<ToolSchema>& McpServer::schemas() {
    if (m_schemas.empty()) {
        // The run's toolbox lists the same schemas; before the run exists, one on main lists them.
        CurationToolbox toolbox(m_options.workspaceDirectory, m_embedder, m_scorer, m_captioner, "mcp",
                                "main");
        m_schemas = toolbox.schemas();
    }
    return m_schemas;
}

void McpServer::listTools(const json& id, bool modern) {
    json tools = json::array();
    for (const ToolSchema& schema : schemas()) {
        json tool = {{"name", schema.name},
                     {"description", schema.description},
                     {"inputSchema", json::parse(schema.parametersJson, nullptr, false)}};
        if (readsOnly(schema.name)) {
            tool["annotations"] = {{"readOnlyHint", true}};
        }
        tools.push_back(std::move(tool));
    }
    json result = {{"tools", std::move(tools)}};
    if (modern) {
        // The source enum follows the workspace's sources: never served from a cache.
        result["ttlMs"] = 0;
        result["cacheScope"] = "private";
    }
    sendResult(id, std::move(result), modern);
}

void McpServer::callTool(const json& id, const json& params, bool modern) {
    const auto name = params.find("name");
    if (name == params.end() || !name->is_string()) {
        sendError(id, kInvalidParams, "Invalid params: tools/call needs \"name\", a string");
        return;
    }
    const auto names = CurationToolbox::toolNames();
    if (std::find(names.begin(), names.end(), name->get<std::string>()) == names.end()) {
        std::string list;
        for (const auto& known : names) {
            list += (list.empty() ? "" : ", ") + known;
        }
        sendError(id, kInvalidParams,
                  "Unknown tool: '" + snippetOf(name->get<std::string>(), 100) + "'; the tools are: " + list);
        return;
    }
    if (!m_run && m_startError.empty()) {
        if (auto started = startRun(); !started) {
            m_startError = started.error();
        }
    }
    if (!m_startError.empty()) {
        sendResult(id, errorToolResult("ERROR: " + m_startError), modern);
        return;
    }
    McpPlanner::Call call;
    call.requestId = id;
    call.modern = modern;
    call.name = name->get<std::string>();
    const json arguments = params.value("arguments", json());
    // The raw text, as a model's call would carry it: the run parses, coerces and validates it.
    call.arguments = arguments.is_null()     ? "{}"
                     : arguments.is_string() ? arguments.get<std::string>()
                                             : arguments.dump();
    if (const auto meta = params.find("_meta"); meta != params.end() && meta->is_object()) {
        call.progressToken = meta->value("progressToken", json());
    }
    m_planner->enqueue(std::move(call));
}

Status McpServer::startRun() {
    AgentConfig config;
    config.theme = m_options.theme;
    config.maxTurns = m_options.maxTurns;
    config.approveTools = m_options.approveTools;
    // The client keeps its own context: the run's copy is the record, never trimmed or compacted.
    config.contextBudgetTokens = std::numeric_limits<long>::max() / 4;
    if (m_options.gridTileSize > 0) {
        config.gridTileSize = m_options.gridTileSize;
    }
    config.extra = {{"mcp_client", m_clientName}};
    auto planner = std::make_unique<McpPlanner>(
        "mcp:" + m_clientName, [this](const json& message) { send(message); }, config.maxToolCallsPerTurn);
    McpPlanner* plannerView = planner.get();
    AgentEventListener listener = [this](const json& event) {
        // A call that waits for a person tells a client that asked for progress (some clients reset their
        // request timeout on it).
        const std::string type = event.value("type", "");
        if (m_planner &&
            (type == eventKindName(EventKind::ApprovalNeeded) ||
             type == eventKindName(EventKind::RunWaiting) || type == eventKindName(EventKind::HumanAction))) {
            for (const json& token : m_planner->progressTokens()) {
                send({{"jsonrpc", "2.0"},
                      {"method", "notifications/progress"},
                      {"params",
                       {{"progressToken", token},
                        {"progress", ++m_progress},
                        {"message", type == eventKindName(EventKind::HumanAction)
                                        ? "the researcher: " + event.value("action", std::string())
                                        : "waiting for the researcher in the workstation"}}}});
            }
        }
    };
    auto run = AgentRun::create(m_options.workspaceDirectory, config, std::move(planner), m_embedder,
                                m_scorer, m_captioner, listener);
    if (!run) {
        return run.takeError();
    }
    auto lock = RunOwnerLock::acquire(m_options.workspaceDirectory, (*run)->runId());
    if (!lock) {
        return lock.takeError();
    }
    m_planner = plannerView;
    m_run = std::move(*run);
    m_lock = std::move(*lock);
    m_follower = std::make_unique<RunControlFollower>(m_options.workspaceDirectory, *m_run);
    m_thread = std::thread([this] { runToEnd(); });
    return {};
}

void McpServer::runToEnd() {
    const Status finished = m_run->run();
    m_follower.reset();
    std::string reason = m_run->finishReason();
    if (!finished) {
        reason += ": " + finished.error();
    }
    m_planner->runEnded(m_run->runId(), reason, m_run->lastResults());
    m_lock.reset();
    m_runEnded = true;
}

void McpServer::close() {
    if (!m_run) {
        return;
    }
    m_planner->disconnect();
    // The call in flight may still reach a wait for a person: watched until the run has ended.
    bool stopped = false;
    while (!m_runEnded && !stopped) {
        const AgentRun::State state = m_run->state();
        if (state == AgentRun::State::AwaitingApproval || state == AgentRun::State::Paused ||
            state == AgentRun::State::AwaitingAnswer) {
            // Nobody is left to get the outcome of the wait: the run stops rather than holding the workspace.
            m_run->noteError("the MCP client disconnected while the run waited for a person; the run stops");
            m_run->stop();
            stopped = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void McpServer::serve(int inputFd, int endFd) {
    std::string pending;
    bool skipping = false; // inside a message over kMaxMessageBytes: dropped up to its newline
    char buffer[1 << 16];
    while (true) {
        pollfd ready[2] = {{inputFd, POLLIN, 0}, {endFd, POLLIN, 0}};
        if (::poll(ready, endFd >= 0 ? 2 : 1, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (endFd >= 0 && ready[1].revents != 0) {
            break; // told to end: as if the client had closed its end
        }
        const ssize_t got = ::read(inputFd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        size_t start = 0;
        for (size_t i = 0; i < static_cast<size_t>(got); ++i) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (!skipping) {
                pending.append(buffer + start, i - start);
                handleLine(pending);
            }
            pending.clear();
            skipping = false;
            start = i + 1;
        }
        if (!skipping) {
            pending.append(buffer + start, static_cast<size_t>(got) - start);
            if (pending.size() > kMaxMessageBytes) {
                sendError(nullptr, kParseError,
                          "Parse error: a message is longer than " + std::to_string(kMaxMessageBytes >> 20) +
                              " MiB; it was skipped");
                pending.clear();
                skipping = true;
            }
        }
    }
    if (!skipping && !pending.empty()) {
        handleLine(pending); // a last message without its newline
    }
    close();
}

} // namespace curator
