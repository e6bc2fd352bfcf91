// curator-cli agent run | resume | list: the curation agent from a terminal. Human intervention comes as
// commands on stdin (pause, resume, step, stop, say TEXT, approve, reject REASON, approve-threshold T,
// undo ID), read on a thread of their own while the run goes on.
#include "commands.h"
#include "common/secrets.h"
#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "queryinput.h"

#include "agent/agentevents.h"
#include "agent/agentrun.h"
#include "agent/plannerfactory.h"
#include "agent/transcript.h"
#include "store/workspacesettings.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

namespace curator::cli {

using nlohmann::json;

namespace {

constexpr int kSuccess = 0;

// Prints events: as JSON lines (--events - or FILE), or as a readable stream for a person.
class EventPrinter {
public:
    explicit EventPrinter(const std::string& target) {
        if (!target.empty() && target != "-") {
            m_file.open(target, std::ios::app);
        }
        m_jsonLines = !target.empty();
        m_toStdout = target == "-";
    }
    // A named events file that could not be opened.
    bool failed() const { return m_jsonLines && !m_toStdout && !m_file.is_open(); }

    void operator()(const json& event) {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_jsonLines) {
            (m_file.is_open() ? static_cast<std::ostream&>(m_file) : std::cout)
                << dumpJsonSafely(event) << '\n';
            (m_file.is_open() ? static_cast<std::ostream&>(m_file) : std::cout).flush();
            return;
        }
        const std::string type = event.value("type", "");
        if (type == eventKindName(EventKind::ReasoningDelta) ||
            type == eventKindName(EventKind::MessageDelta)) {
            if (type != m_lastDelta) {
                std::cout << (type == eventKindName(EventKind::ReasoningDelta) ? "\n[reasoning] "
                                                                               : "\n[agent] ");
                m_lastDelta = type;
            }
            std::cout << event.value("delta", "");
        } else if (type == eventKindName(EventKind::ToolCall)) {
            std::cout << "\n> " << event.value("name", "") << ' ' << event.value("arguments", "") << '\n';
            m_lastDelta.clear();
        } else if (type == eventKindName(EventKind::ToolResult)) {
            std::string text = event.value("text", "");
            if (text.size() > 600) {
                text = truncateUtf8(text, 600) + " ...";
            }
            std::cout << (event.value("ok", true) ? "  " : "  ERROR ") << text << '\n';
        } else if (type == eventKindName(EventKind::ApprovalNeeded)) {
            std::cout << "\n[approval needed] " << dumpJsonSafely(event)
                      << "\n  type: approve | reject REASON | approve-threshold T\n";
        } else if (type == eventKindName(EventKind::HumanAction) || type == eventKindName(EventKind::Error) ||
                   type == eventKindName(EventKind::RunStarted) ||
                   type == eventKindName(EventKind::RunFinished) ||
                   type == eventKindName(EventKind::Commit) || type == eventKindName(EventKind::RunResumed)) {
            json shown = event;
            shown.erase("seq");
            shown.erase("time");
            std::cout << "\n[" << type << "] " << dumpJsonSafely(shown) << '\n';
            m_lastDelta.clear();
        }
        std::cout.flush();
    }

private:
    std::mutex m_mutex;
    std::ofstream m_file;
    bool m_jsonLines = false;
    bool m_toStdout = false;
    std::string m_lastDelta;
};

// Reads control commands from stdin until it closes or the run ends.
void readControls(AgentRun& run) {
    for (std::string line; std::getline(std::cin, line);) {
        const size_t space = line.find(' ');
        const std::string command = line.substr(0, space);
        const std::string argument = space == std::string::npos ? std::string() : line.substr(space + 1);
        if (command == "pause") {
            run.pause();
        } else if (command == "resume") {
            run.resume();
        } else if (command == "step") {
            run.step();
        } else if (command == "stop") {
            run.stop();
            return;
        } else if (command == "say" && !argument.empty()) {
            run.inject(argument);
        } else if (command == "approve") {
            run.approve();
        } else if (command == "reject") {
            run.reject(argument.empty() ? "rejected by the human" : argument);
        } else if (command == "approve-threshold") {
            run.approveWithThreshold(std::atof(argument.c_str()));
        } else if (command == "undo" && !argument.empty()) {
            run.humanUndo(argument);
        } else if (!command.empty()) {
            std::cerr
                << "unknown control '" << command
                << "': pause, resume, step, stop, say TEXT, approve, reject REASON, approve-threshold T, "
                   "undo ID\n";
        }
        if (run.state() == AgentRun::State::Finished) {
            return;
        }
    }
}

struct Backends {
    std::unique_ptr<Embedder> embedder;
    std::unique_ptr<Scorer> scorer;
    std::unique_ptr<Captioner> captioner;
};

Result<Backends> makeBackends(const GlobalOptions& global) {
    auto embedder = workspaceEmbedder(global);
    if (!embedder) {
        return embedder.takeError();
    }
    auto scorer = workspaceScorer(global);
    if (!scorer) {
        return scorer.takeError();
    }
    auto captioner = workspaceCaptioner(global);
    if (!captioner) {
        return captioner.takeError();
    }
    return Backends{std::move(*embedder), std::move(*scorer), std::move(*captioner)};
}

Result<std::unique_ptr<Planner>> makePlanner(const GlobalOptions& global, const AgentOptions& options,
                                             Embedder& embedder) {
    PlannerOptions plannerOptions;
    plannerOptions.kind = options.planner;
    plannerOptions.baseUrl = options.baseUrl;
    plannerOptions.model = options.model;
    plannerOptions.reasoningEffort = options.reasoningEffort;
    plannerOptions.maxAnswerBytes = options.maxAnswerBytes;
    plannerOptions.idleTimeoutMs = static_cast<long>(options.llmIdleTimeoutSeconds * 1000);
    plannerOptions.dialect.images = options.llmImages == "yes"  ? EndpointSupport::Yes
                                    : options.llmImages == "no" ? EndpointSupport::No
                                                                : EndpointSupport::Auto;
    plannerOptions.api = llmApiFromName(options.llmApi).value_or(LlmApi::ChatCompletions);
    plannerOptions.apiKeyEnvironmentVariable = global.apiKeyEnv;
    return createPlanner(plannerOptions, embedder);
}

int runToCompletion(AgentRun& run, bool json) {
    // The controls thread is detached: a blocked read of stdin must not hold the process once the run
    // is over.
    std::thread controls([&run] { readControls(run); });
    controls.detach();
    const Status finished = run.run();
    if (!json) {
        std::printf("\nrun %s on branch '%s': %d turns, %s; transcript %s\n", run.runId().c_str(),
                    run.branch().c_str(), run.turns(), run.finishReason().c_str(),
                    run.transcriptPath().c_str());
        std::printf("merge it with: curator-cli branch merge %s\n", run.branch().c_str());
    }
    if (!finished) {
        return fail(finished.error());
    }
    std::cout.flush();
    std::fflush(stdout);
    std::_Exit(kSuccess); // the detached stdin reader may still be blocked in getline
}

} // namespace

int agentRun(const GlobalOptions& global, const AgentOptions& options) {
    auto backends = makeBackends(global);
    if (!backends) {
        return fail(backends.error());
    }
    auto planner = makePlanner(global, options, *backends->embedder);
    if (!planner) {
        return fail(planner.error());
    }
    AgentConfig config;
    config.theme = options.theme;
    config.maxTurns = options.maxTurns;
    config.maxToolCallsPerTurn = options.maxToolCallsPerTurn;
    config.approveCommits = options.approveCommits;
    config.extra = {{"base_url", redactUrlUserInfo(options.baseUrl)},
                    {"model", options.model},
                    {"reasoning_effort", options.reasoningEffort},
                    {"max_answer_bytes", options.maxAnswerBytes},
                    {"llm_idle_timeout_s", options.llmIdleTimeoutSeconds},
                    {"llm_images", options.llmImages},
                    {"llm_api", options.llmApi},
                    {"api_key_env", global.apiKeyEnv}};
    EventPrinter printer(options.events);
    if (printer.failed()) {
        return fail(options.events + ": cannot open for appending events");
    }
    auto run = AgentRun::create(global.workspace, config, std::move(*planner), *backends->embedder,
                                *backends->scorer, *backends->captioner,
                                [&printer](const json& event) { printer(event); });
    if (!run) {
        return fail(run.error());
    }
    return runToCompletion(**run, !options.events.empty());
}

int agentResume(const GlobalOptions& global, const AgentOptions& options) {
    auto backends = makeBackends(global);
    if (!backends) {
        return fail(backends.error());
    }
    auto planner = makePlanner(global, options, *backends->embedder);
    if (!planner) {
        return fail(planner.error());
    }
    EventPrinter printer(options.events);
    if (printer.failed()) {
        return fail(options.events + ": cannot open for appending events");
    }
    auto run = AgentRun::resume(
        global.workspace, options.runId, std::move(*planner), *backends->embedder, *backends->scorer,
        *backends->captioner, [&printer](const json& event) { printer(event); },
        options.maxTurnsGiven ? std::optional<int>(options.maxTurns) : std::nullopt);
    if (!run) {
        return fail(run.error());
    }
    return runToCompletion(**run, !options.events.empty());
}

int agentList(const GlobalOptions& global) {
    const auto runs = Transcript::listRuns(global.workspace);
    if (global.json) {
        std::cout << json{{"runs", runs}}.dump(2) << '\n';
        return kSuccess;
    }
    for (const auto& run : runs) {
        std::printf("%s\n", run.c_str());
    }
    return kSuccess;
}

} // namespace curator::cli
