// curator-cli agent run | resume | list: the curation agent from a terminal. Human intervention comes as
// commands on stdin (pause, resume, step, stop, say TEXT, answer TEXT, approve, reject REASON,
// approve-threshold T, undo ID), read on a thread of their own while the run goes on. While the agent asks a
// question, a line that is not a command is the answer; once stdin is closed nobody can answer, and a
// question is recorded and ends the run.
#include "commands.h"
#include "common/jsonnumber.h"
#include "common/secrets.h"
#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "queryinput.h"

#include "agent/agentevents.h"
#include "agent/agentrun.h"
#include "agent/batchrun.h"
#include "agent/mcpserver.h"
#include "agent/plannerfactory.h"
#include "agent/runcontrol.h"
#include "agent/runfork.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"
#include "store/workspacesettings.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
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
        } else if (type == eventKindName(EventKind::ContextCompacted)) {
            std::cout << "\n[context] compacted before turn " << event.value("turn", 0) << ": about "
                      << event.value("tokens_before", 0L) << " -> " << event.value("tokens_after", 0L)
                      << " tokens; the model's notes:\n"
                      << event.value("notes", "") << '\n';
            m_lastDelta.clear();
        } else if (type == eventKindName(EventKind::Context) && event.contains("tokens_before")) {
            std::cout << "\n[context] turn " << event.value("turn", 0) << ": about "
                      << event.value("estimated_tokens", 0L) << " of " << event.value("budget", 0L)
                      << " tokens after trimming older turns (" << event.value("downscaled_images", 0)
                      << " grids downscaled, " << event.value("removed_images", 0) << " removed, "
                      << event.value("shortened_results", 0) << " results shortened)\n";
            m_lastDelta.clear();
        } else if (type == eventKindName(EventKind::Question)) {
            std::cout << (event.value("human_attached", false)
                              ? "\n[question] The agent asks:\n  "
                              : "\n[question, unanswered: nobody can answer] The agent asked:\n  ")
                      << event.value("text", "")
                      << (event.value("human_attached", false)
                              ? "\n  type your answer and press Enter (or: stop)\n"
                              : "\n");
            m_lastDelta.clear();
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

// Reads control commands from stdin until it closes or the run ends; each is parsed and applied as the
// workstation's controls are (core/agent/runcontrol.h).
void readControls(AgentRun& run) {
    for (std::string line; std::getline(std::cin, line);) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        if (run.state() == AgentRun::State::AwaitingAnswer && !isRunControlCommand(line)) {
            run.answer(line);
            continue;
        }
        auto control = parseRunControlCommand(line);
        if (!control) {
            std::cerr << control.error() << "\n";
            continue;
        }
        if (line.rfind("answer ", 0) == 0) {
            // A scripted answer (a file on stdin) may come before the question: it waits for it.
            while (run.state() != AgentRun::State::AwaitingAnswer &&
                   run.state() != AgentRun::State::Finished) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        applyRunControl(run, *control);
        if (run.state() == AgentRun::State::Finished || control->at("action") == "stop") {
            return;
        }
    }
    run.setHumanAttached(false); // stdin closed: nobody is left to answer a question
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

// `lock`: the run's lock when the caller took it already (a resume takes it before touching the transcript).
int runToCompletion(const std::string& workspace, AgentRun& run, bool json,
                    std::unique_ptr<RunOwnerLock> lock = nullptr) {
    // The controls thread is detached: a blocked read of stdin must not hold the process once the run
    // is over.
    run.setHumanAttached(true); // until stdin closes
    // The workstation may supervise the run too (runs/<id>.lock and .control.jsonl).
    if (!lock) {
        auto acquired = RunOwnerLock::acquire(workspace, run.runId());
        if (!acquired) {
            return fail(acquired.error());
        }
        lock = std::move(*acquired);
    }
    RunControlFollower follower(workspace, run);
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

// What a run of a batch records as its "extra" configuration (no secrets; as agentRun records it).
json runExtra(const GlobalOptions& global, const AgentOptions& options) {
    return {{"base_url", redactUrlUserInfo(options.baseUrl)},
            {"model", options.model},
            {"reasoning_effort", options.reasoningEffort},
            {"max_answer_bytes", options.maxAnswerBytes},
            {"llm_idle_timeout_s", options.llmIdleTimeoutSeconds},
            {"llm_images", options.llmImages},
            {"llm_api", options.llmApi},
            {"api_key_env", global.apiKeyEnv}};
}

// A new run's configuration from the command's options (one rule for a single run and each run of a batch).
AgentConfig runConfig(const GlobalOptions& global, const AgentOptions& options, const std::string& theme) {
    AgentConfig config;
    config.theme = theme;
    config.maxTurns = options.maxTurns;
    config.maxToolCallsPerTurn = options.maxToolCallsPerTurn;
    config.approveCommits = options.approveCommits;
    config.approveTools = options.approveTools;
    if (options.contextBudgetTokens > 0) {
        config.contextBudgetTokens = options.contextBudgetTokens;
    }
    config.gridTileSize = options.gridTileSize;
    config.ratingConcurrency = options.ratingConcurrency;
    config.ratingScoreBatchSize = options.ratingScoreBatchSize;
    config.extra = runExtra(global, options);
    return config;
}

// The batch's settings, recorded in its checkpoint so that `agent batch resume` starts the remaining themes
// as the batch began them.
json batchConfig(const GlobalOptions& global, const AgentOptions& options) {
    return {{"planner", options.planner},
            {"max_turns", options.maxTurns},
            {"max_tool_calls_per_turn", options.maxToolCallsPerTurn},
            {"approve_commits", options.approveCommits},
            {"grid_tile_size", options.gridTileSize},
            {"rating_concurrency", options.ratingConcurrency},
            {"rating_score_batch_size", options.ratingScoreBatchSize},
            {"context_budget_tokens", options.contextBudgetTokens},
            {"extra", runExtra(global, options)}};
}

// Runs a batch to its end or a stop; "stop" on stdin stops the run in flight and the batch (resumable).
int runBatch(const GlobalOptions& global, AgentOptions options, BatchRun& batch) {
    auto backends = makeBackends(global);
    if (!backends) {
        return fail(backends.error());
    }
    EventPrinter printer(options.events);
    if (printer.failed()) {
        return fail(options.events + ": cannot open for appending events");
    }
    const bool jsonLines = !options.events.empty();
    AgentEventListener listener = [&printer](const json& event) { printer(event); };
    BatchRunFactory factory;
    factory.create = [&](const std::string& theme,
                         const std::string& runId) -> Result<std::unique_ptr<AgentRun>> {
        auto planner = makePlanner(global, options, *backends->embedder);
        if (!planner) {
            return planner.takeError();
        }
        AgentConfig config = runConfig(global, options, theme);
        config.runId = runId;
        config.extra["batch_id"] = batch.id();
        return AgentRun::create(global.workspace, config, std::move(*planner), *backends->embedder,
                                *backends->scorer, *backends->captioner, listener);
    };
    factory.resume = [&](const std::string& runId) -> Result<std::unique_ptr<AgentRun>> {
        auto planner = makePlanner(global, options, *backends->embedder);
        if (!planner) {
            return planner.takeError();
        }
        return AgentRun::resume(global.workspace, runId, std::move(*planner), *backends->embedder,
                                *backends->scorer, *backends->captioner, listener,
                                options.maxTurnsGiven ? std::optional<int>(options.maxTurns) : std::nullopt);
    };
    std::thread controls([&batch] {
        for (std::string line; std::getline(std::cin, line);) {
            if (line == "stop") {
                batch.stop();
                return;
            }
            if (!line.empty()) {
                std::cerr << "a batch takes one control: stop (resume it later with agent batch resume "
                          << batch.id() << ")\n";
            }
        }
    });
    controls.detach();
    const auto report = [&batch, &global, jsonLines] {
        if (jsonLines) {
            return;
        }
        std::printf("\nbatch %s (checkpoint %s):\n", batch.id().c_str(),
                    BatchRun::checkpointPath(global.workspace, batch.id()).c_str());
        for (const auto& theme : batch.themes()) {
            std::printf("  %-8s %s  %s%s%s\n", batchThemeStateName(theme.state),
                        AgentRun::branchOf(theme.runId).c_str(), snippetOf(theme.theme, 60).c_str(),
                        theme.finishReason.empty() ? "" : "  (",
                        theme.finishReason.empty() ? "" : (theme.finishReason + ")").c_str());
        }
        if (batch.stopped()) {
            std::printf("stopped: continue with curator-cli agent batch resume %s\n", batch.id().c_str());
        }
    };
    const Status finished = batch.run(factory);
    report();
    if (!finished) {
        return fail(finished.error() + " (continue with curator-cli agent batch resume " + batch.id() + ")");
    }
    std::cout.flush();
    std::fflush(stdout);
    std::_Exit(kSuccess); // the detached stdin reader may still be blocked in getline
}

int agentRunBatch(const GlobalOptions& global, const AgentOptions& options) {
    if (options.approveCommits || !options.approveTools.empty()) {
        return fail(
            "agent run: --approve-commits and --approve-tools wait for a person's answer on stdin, and a "
            "batch reads only stop there: run the themes one at a time to approve their calls");
    }
    auto themes = !options.themesFile.empty() ? BatchRun::readThemesFile(options.themesFile)
                                              : BatchRun::themesOfCategory(options.category);
    if (!themes) {
        return fail(themes.error());
    }
    auto batch = BatchRun::create(global.workspace, *themes, options.batchId, batchConfig(global, options));
    if (!batch) {
        return fail(batch.error());
    }
    return runBatch(global, options, **batch);
}

} // namespace

int agentBatchResume(const GlobalOptions& global, const AgentOptions& given) {
    auto batch = BatchRun::open(global.workspace, given.batchId);
    if (!batch) {
        return fail(batch.error());
    }
    // The remaining themes start as the batch began them; planner options given now win.
    AgentOptions options = given;
    const json config = (*batch)->checkpoint().value("config", json::object());
    try {
        if (options.planner.empty() && options.baseUrl.empty()) {
            const json extra = config.value("extra", json::object());
            options.planner = config.value("planner", std::string());
            options.baseUrl = extra.value("base_url", std::string());
            options.model = extra.value("model", std::string());
            options.reasoningEffort = extra.value("reasoning_effort", std::string());
            options.llmImages = extra.value("llm_images", std::string("auto"));
            options.llmApi = extra.value("llm_api", std::string("chat"));
        }
        if (options.contextBudgetTokens <= 0) {
            options.contextBudgetTokens = integerOr(config, "context_budget_tokens", 0);
        }
        if (!options.maxTurnsGiven) {
            options.maxTurns = clampedIntOr(config, "max_turns", options.maxTurns);
        }
        options.maxToolCallsPerTurn =
            clampedIntOr(config, "max_tool_calls_per_turn", options.maxToolCallsPerTurn);
        options.approveCommits = config.value("approve_commits", false);
        options.gridTileSize = clampedIntOr(config, "grid_tile_size", options.gridTileSize);
        options.ratingConcurrency = countOr(config, "rating_concurrency", options.ratingConcurrency);
        options.ratingScoreBatchSize =
            countOr(config, "rating_score_batch_size", options.ratingScoreBatchSize);
    } catch (const json::exception& error) {
        return fail(BatchRun::checkpointPath(global.workspace, given.batchId) +
                    ": config: " + sanitizeUtf8(error.what()));
    }
    return runBatch(global, options, **batch);
}

int agentBatchList(const GlobalOptions& global) {
    json batches = json::array();
    for (const auto& id : BatchRun::listBatches(global.workspace)) {
        auto batch = BatchRun::open(global.workspace, id);
        if (!batch) {
            batches.push_back({{"batch_id", id}, {"error", batch.error()}});
            continue;
        }
        batches.push_back((*batch)->checkpoint());
    }
    if (global.json) {
        std::cout << dumpJsonSafely(json{{"batches", batches}}, 2) << '\n';
        return kSuccess;
    }
    for (const auto& batch : batches) {
        std::printf("%s\n", batch.value("batch_id", std::string()).c_str());
        if (batch.contains("error")) {
            std::printf("  error: %s\n", batch.value("error", std::string()).c_str());
        }
        for (const auto& theme : batch.value("themes", json::array())) {
            std::printf("  %-8s %s  %s\n", theme.value("state", std::string()).c_str(),
                        theme.value("branch", std::string()).c_str(),
                        snippetOf(theme.value("theme", std::string()), 60).c_str());
        }
    }
    return kSuccess;
}

int agentRun(const GlobalOptions& global, const AgentOptions& options) {
    if (!options.themesFile.empty() || !options.category.empty()) {
        return agentRunBatch(global, options);
    }
    if (options.theme.empty()) {
        return fail("agent run: give --theme, or --themes-file or --category for a batch");
    }
    auto backends = makeBackends(global);
    if (!backends) {
        return fail(backends.error());
    }
    auto planner = makePlanner(global, options, *backends->embedder);
    if (!planner) {
        return fail(planner.error());
    }
    const AgentConfig config = runConfig(global, options, options.theme);
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
    return runToCompletion(global.workspace, **run, !options.events.empty());
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
    // Two processes must not continue one run: the second is refused before it writes anything.
    auto lock = RunOwnerLock::acquire(global.workspace, options.runId);
    if (!lock) {
        return fail("agent resume: " + lock.error());
    }
    auto run = AgentRun::resume(
        global.workspace, options.runId, std::move(*planner), *backends->embedder, *backends->scorer,
        *backends->captioner, [&printer](const json& event) { printer(event); },
        options.maxTurnsGiven ? std::optional<int>(options.maxTurns) : std::nullopt);
    if (!run) {
        return fail(run.error());
    }
    if (options.contextBudgetTokens > 0) {
        (*run)->setContextBudget(options.contextBudgetTokens);
    }
    return runToCompletion(global.workspace, **run, !options.events.empty(), std::move(*lock));
}

int agentList(const GlobalOptions& global) {
    const auto runs = Transcript::listRuns(global.workspace);
    // Where each fork came from (run_started's forked_from): {"run id": {"run_id", "turn"}}.
    json forks = json::object();
    for (const auto& run : runs) {
        if (const auto origin = forkOriginOf(global.workspace, run)) {
            forks[run] = {{"run_id", origin->runId}, {"turn", origin->turn}};
        }
    }
    if (global.json) {
        std::cout << json{{"runs", runs}, {"forked_from", forks}}.dump(2) << '\n';
        return kSuccess;
    }
    for (const auto& run : runs) {
        if (forks.contains(run)) {
            std::printf("%s  forked from %s at turn %d\n", run.c_str(),
                        forks[run]["run_id"].get<std::string>().c_str(), forks[run]["turn"].get<int>());
        } else {
            std::printf("%s\n", run.c_str());
        }
    }
    return kSuccess;
}

int agentFork(const GlobalOptions& global, const AgentOptions& options) {
    auto fork = forkRun(global.workspace, options.runId, options.forkTurn, options.forkMessage);
    if (!fork) {
        return fail(fork.error());
    }
    if (global.json) {
        std::cout << json{{"run_id", fork->runId},
                          {"branch", fork->branch},
                          {"head", fork->head},
                          {"forked_from", fork->fromRunId},
                          {"turn", fork->turn}}
                         .dump(2)
                  << '\n';
        return kSuccess;
    }
    std::printf(
        "%s\nbranch %s (at %s), forked from run %s at turn %d\ncontinue it with: curator-cli agent resume "
        "%s\n",
        fork->runId.c_str(), fork->branch.c_str(),
        fork->head.empty() ? "no commit" : shortId(fork->head).c_str(), fork->fromRunId.c_str(), fork->turn,
        fork->runId.c_str());
    return kSuccess;
}

int mcpServe(const GlobalOptions& global, const AgentOptions& options) {
    auto backends = makeBackends(global);
    if (!backends) {
        return fail(backends.error());
    }
    // Stdout carries the protocol alone: anything else a library prints goes to stderr.
    const int protocolFd = ::dup(STDOUT_FILENO);
    if (protocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        return fail("mcp: cannot set up stdout for the protocol");
    }
    FILE* protocol = ::fdopen(protocolFd, "w");
    if (!protocol) {
        return fail("mcp: cannot open the protocol stream");
    }
    std::signal(SIGPIPE, SIG_IGN); // a client that went away is seen as a failed write, not a signal
    // A client that ends the server with SIGTERM or SIGINT (after closing stdin, or instead of it) gets a
    // disconnect: the run ends with its transcript finished. The handler, on whichever thread takes the
    // signal, writes to a pipe the reading loop polls. A second signal ends the process as usual.
    static int endPipe[2] = {-1, -1};
    if (::pipe2(endPipe, O_CLOEXEC) != 0) {
        return fail("mcp: cannot create a pipe");
    }
    struct sigaction endInput {};
    endInput.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t written = ::write(endPipe[1], &byte, 1);
    };
    endInput.sa_flags = SA_RESETHAND;
    sigemptyset(&endInput.sa_mask);
    sigaction(SIGTERM, &endInput, nullptr);
    sigaction(SIGINT, &endInput, nullptr);
    McpServerOptions serverOptions;
    serverOptions.workspaceDirectory = global.workspace;
    if (!options.theme.empty()) {
        serverOptions.theme = options.theme;
    }
    serverOptions.maxTurns = options.maxTurns;
    serverOptions.approveTools = options.approveTools;
    serverOptions.gridTileSize = options.gridTileSize;
    serverOptions.serverVersion = CURATOR_VERSION;
    McpServer server(serverOptions, *backends->embedder, *backends->scorer, *backends->captioner,
                     [protocol](const std::string& line) {
                         std::fwrite(line.data(), 1, line.size(), protocol);
                         std::fputc('\n', protocol);
                         std::fflush(protocol);
                     });
    std::fprintf(stderr, "curator-cli mcp: serving %s on stdin/stdout\n", global.workspace.c_str());
    server.serve(STDIN_FILENO, endPipe[0]);
    if (!server.runId().empty()) {
        std::fprintf(stderr, "curator-cli mcp: run %s ended; its branch is %s\n", server.runId().c_str(),
                     AgentRun::branchOf(server.runId()).c_str());
    }
    std::fclose(protocol);
    return kSuccess;
}

} // namespace curator::cli
