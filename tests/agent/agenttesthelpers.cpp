#include "agenttesthelpers.h"

#include "common/democache.h"

#include "agent/agentquestions.h"

#include "demo/imagedemo.h"
#include "ingest/ingest.h"
#include "models/backendspec.h"
#include "models/builtinembedder.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace curator::test {

namespace fs = std::filesystem;
using nlohmann::json;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device device;
    const auto base =
        fs::temp_directory_path() / ("curator-agent-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter++) + "-" + std::to_string(device() % 100000));
    fs::create_directories(base);
    m_path = base.string();
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

FakeServerProcess::FakeServerProcess() {
    const char* python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    m_pipe = popen((std::string(python) + " " + CURATOR_FAKE_SERVER).c_str(), "r");
    int pid = 0;
    if (m_pipe && std::fscanf(m_pipe, "%d %d", &m_port, &pid) == 2) {
        m_pid = pid;
    }
}

FakeServerProcess::~FakeServerProcess() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
    }
    if (m_pipe) {
        pclose(m_pipe);
    }
}

std::string FakeServerProcess::baseUrl(const std::string& scenario) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + "/s/" + scenario + "/v1";
}

Backends builtinBackends() {
    Backends backends;
    auto spec = BackendSpec::parse("builtin");
    EXPECT_TRUE(spec.ok());
    auto embedder = createEmbedder(*spec);
    auto scorer = createScorer(*spec);
    auto captioner = createCaptioner(*spec);
    EXPECT_TRUE(embedder.ok()) << embedder.error();
    EXPECT_TRUE(scorer.ok()) << scorer.error();
    EXPECT_TRUE(captioner.ok()) << captioner.error();
    backends.embedder = std::move(*embedder);
    backends.scorer = std::move(*scorer);
    backends.captioner = std::move(*captioner);
    return backends;
}

namespace {

// Builds the cached demo workspace once: generate, ingest every source, then mark it ready.
void buildCache(const fs::path& base, size_t count) {
    const std::string failure = testcache::makeOnce(base, [count](const fs::path& into) -> std::string {
        auto demo = generateDemoCollection((into / "images").string(), count, 7);
        if (!demo.ok())
            return demo.error();
        auto backends = builtinBackends();
        for (const char* source : {"photos", "artwork", "dreamcore"}) {
            IngestRequest request;
            request.workspaceDirectory = (into / "workspace").string();
            request.source = source;
            request.imagesDirectory = (into / "images" / source).string();
            request.thumbnails = false;
            auto report = ingestImages(request, *backends.embedder);
            if (!report.ok())
                return report.error();
        }
        return {};
    });
    ASSERT_TRUE(failure.empty()) << failure;
}

} // namespace

DemoWorkspace makeDemoWorkspace(const std::string& into, size_t count) {
    // Keyed by the embedder's model too: a new model must not meet a store embedded by the old one.
    const fs::path base = fs::path(CURATOR_AGENT_TEST_CACHE) /
                          ("demo-" + std::to_string(count) + "-" + BuiltinEmbedder::kModelName);
    buildCache(base, count);
    DemoWorkspace demo;
    demo.workspace = (fs::path(into) / "workspace").string();
    demo.imagesDirectory = (base / "images").string();
    fs::copy(base / "workspace", demo.workspace, fs::copy_options::recursive);
    std::ifstream labels(base / "images" / "labels.jsonl");
    std::string line;
    while (std::getline(labels, line)) {
        const json entry = json::parse(line);
        std::set<std::string> attributes;
        for (const auto& attribute : entry["attributes"]) {
            attributes.insert(attribute.get<std::string>());
        }
        demo.labels[entry["file"].get<std::string>()] = std::move(attributes);
    }
    return demo;
}

ScriptedPlanner::ScriptedPlanner(std::vector<ChatMessage> turns, bool repeatLast)
    : m_turns(std::move(turns))
    , m_repeatLast(repeatLast) {}

Result<ChatMessage> ScriptedPlanner::next(PlannerContext& context) {
    if (m_delayMs > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(m_delayMs));
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    if (context.toolChoice == "none") { // a compaction turn: notes, outside the script
        m_compactions.push_back(*context.messages);
        ChatMessage notes;
        notes.role = "assistant";
        notes.content = "Notes: scripted progress so far.";
        return notes;
    }
    m_seen.push_back(*context.messages);
    m_results.push_back(*context.lastResults);
    if (context.reasoningDelta) {
        context.reasoningDelta("Following the script.");
    }
    if (m_next < m_turns.size()) {
        ChatMessage turn = m_turns[m_next++];
        // Unique call ids across repeats.
        for (auto& call : turn.toolCalls) {
            call.id += "_" + std::to_string(m_seen.size());
        }
        return turn;
    }
    if (m_repeatLast && !m_turns.empty()) {
        ChatMessage turn = m_turns.back();
        for (auto& call : turn.toolCalls) {
            call.id += "_" + std::to_string(m_seen.size());
        }
        return turn;
    }
    return finalTurn("Done.");
}

std::vector<std::vector<ChatMessage>> ScriptedPlanner::seen() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_seen;
}

std::vector<std::vector<ToolResult>> ScriptedPlanner::results() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_results;
}

std::vector<std::vector<ChatMessage>> ScriptedPlanner::compactions() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_compactions;
}

ChatMessage toolTurn(const std::vector<std::pair<std::string, std::string>>& calls,
                     const std::string& idPrefix) {
    ChatMessage message;
    message.role = "assistant";
    for (size_t i = 0; i < calls.size(); ++i) {
        message.toolCalls.push_back({idPrefix + std::to_string(i + 1), calls[i].first, calls[i].second});
    }
    return message;
}

ChatMessage finalTurn(const std::string& text) {
    ChatMessage message;
    message.role = "assistant";
    message.content = std::string(kFinalSummaryMarker) + " " + text;
    return message;
}

AgentEventListener EventLog::listener() {
    return [this](const json& event) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_events.push_back(event);
    };
}

std::vector<json> EventLog::events() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_events;
}

std::vector<json> EventLog::ofType(const std::string& type) const {
    std::vector<json> out;
    for (const auto& event : events()) {
        if (event.value("type", std::string()) == type) {
            out.push_back(event);
        }
    }
    return out;
}

} // namespace curator::test
