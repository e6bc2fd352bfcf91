#pragma once

#include "agent/agentrun.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace curator::test {

// A fresh directory under the system temporary directory, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

// The image demo (generateDemoCollection + ingestImages with the builtin embedder), made once per build
// directory and count (under a file lock, so parallel test processes share it), copied into `into` for
// each test: the images stay in the shared cache and are only read.
struct DemoWorkspace {
    std::string workspace;
    std::string imagesDirectory;
    // "source/id" -> ground-truth attributes (labels.jsonl)
    std::map<std::string, std::set<std::string>> labels;
};
DemoWorkspace makeDemoWorkspace(const std::string& into, size_t count);

// The builtin embedder, scorer and captioner.
struct Backends {
    std::unique_ptr<Embedder> embedder;
    std::unique_ptr<Scorer> scorer;
    std::unique_ptr<Captioner> captioner;
};
Backends builtinBackends();

// Returns canned assistant turns in order (then a final answer); records what it saw each turn.
class ScriptedPlanner : public Planner {
public:
    explicit ScriptedPlanner(std::vector<ChatMessage> turns, bool repeatLast = false);
    std::string name() const override { return "scripted"; }
    std::string model() const override { return "scripted-model"; }
    Result<ChatMessage> next(PlannerContext& context) override;

    void setDelayMs(int ms) { m_delayMs = ms; } // per turn, like a model thinking

    std::vector<std::vector<ChatMessage>> seen() const;
    std::vector<std::vector<ToolResult>> results() const;
    // What each compaction turn (tool choice "none") was sent.
    std::vector<std::vector<ChatMessage>> compactions() const;

private:
    std::vector<ChatMessage> m_turns;
    bool m_repeatLast;
    size_t m_next = 0;
    int m_delayMs = 0;
    mutable std::mutex m_mutex;
    std::vector<std::vector<ChatMessage>> m_seen;
    std::vector<std::vector<ToolResult>> m_results;
    std::vector<std::vector<ChatMessage>> m_compactions;
};

// An assistant message with tool calls: {name, arguments JSON text}.
ChatMessage toolTurn(const std::vector<std::pair<std::string, std::string>>& calls,
                     const std::string& idPrefix);
// A final answer marked as one ("FINAL SUMMARY: text"): it ends the run.
ChatMessage finalTurn(const std::string& text);

// Collects events from a listener (thread-safe).
class EventLog {
public:
    AgentEventListener listener();
    std::vector<nlohmann::json> events() const;
    std::vector<nlohmann::json> ofType(const std::string& type) const;

private:
    mutable std::mutex m_mutex;
    std::vector<nlohmann::json> m_events;
};

std::string readText(const std::string& path);

// The scripted OpenAI-compatible server of tests/net/fake_server.py on loopback, for the life of the object.
class FakeServerProcess {
public:
    FakeServerProcess();
    ~FakeServerProcess();
    FakeServerProcess(const FakeServerProcess&) = delete;
    FakeServerProcess& operator=(const FakeServerProcess&) = delete;
    int port() const { return m_port; } // 0 when it did not start
    // http://127.0.0.1:PORT/s/<scenario>/v1
    std::string baseUrl(const std::string& scenario) const;

private:
    FILE* m_pipe = nullptr;
    int m_port = 0;
    int m_pid = 0;
};

} // namespace curator::test
