#pragma once

// A batch of agent runs over a list of themes (issue 15 §4; the original's run.py ran 17 themes with a
// checkpoint): one run, so one branch agent/<run id>, per theme, in order. The checkpoint
// runs/batch-<id>.json names each theme's run id and state and is rewritten (atomically) whenever a
// state changes, so a batch killed at any point continues with resume(): finished themes are skipped, the
// interrupted one is resumed from its transcript (AgentRun::resume), the rest are started.

#include "agent/agentrun.h"
#include "common/result.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace curator {

class Taxonomy;

enum class BatchThemeState { Pending, Running, Finished, Failed };
const char* batchThemeStateName(BatchThemeState state);

struct BatchTheme {
    std::string theme;
    std::string runId; // "<batch id>-tNN", fixed when the batch is created
    BatchThemeState state = BatchThemeState::Pending;
    std::string finishReason; // the run's (final_answer, max_turns, ...) once finished
    std::string error;        // why it failed
};

// How the batch makes each theme's run; the caller supplies planners and backends (the CLI from its
// options, a test its scripted or heuristic planner).
struct BatchRunFactory {
    std::function<Result<std::unique_ptr<AgentRun>>(const std::string& theme, const std::string& runId)>
        create;
    std::function<Result<std::unique_ptr<AgentRun>>(const std::string& runId)> resume;
};

class BatchRun {
public:
    // A new batch over `themes` (non-empty, none blank, no duplicate); its checkpoint is written at once.
    // `batchId` empty: a new id (AgentRun::newRunId()). `config` is recorded in the checkpoint (the
    // caller's options, for the person reading it; no secrets).
    static Result<std::unique_ptr<BatchRun>> create(const std::string& workspaceDirectory,
                                                    const std::vector<std::string>& themes,
                                                    std::string batchId = {},
                                                    nlohmann::json config = nlohmann::json::object());
    // The batch of runs/batch-<id>.json, to resume. A checkpoint that is not one is an error naming it.
    static Result<std::unique_ptr<BatchRun>> open(const std::string& workspaceDirectory,
                                                  const std::string& batchId);
    static std::string checkpointPath(const std::string& workspaceDirectory, const std::string& batchId);
    // The batches of the workspace (the ids of runs/batch-*.json), sorted.
    static std::vector<std::string> listBatches(const std::string& workspaceDirectory);

    // The themes of a file, one per line (blank lines and lines starting with '#' skipped).
    static Result<std::vector<std::string>> readThemesFile(const std::string& path);
    // A theme per attribute of a taxonomy category ("name: description"); empty taxonomy: the built-in one.
    static Result<std::vector<std::string>> themesOfCategory(const std::string& category,
                                                             const std::string& taxonomyJson = {});
    // The same over a taxonomy already read (the workstation's: the workspace's taxonomy setting).
    static Result<std::vector<std::string>> themesOfCategory(const std::string& category,
                                                             const Taxonomy& taxonomy);

    // Runs the themes not yet finished, in order, until all are done, a stop, or a run's error (the theme
    // is then marked failed and the error returned; resume() retries it). `started` is told each run
    // before it runs (to attach controls), `ended` after it returned, before it is destroyed (to detach
    // them).
    Status run(const BatchRunFactory& factory, const std::function<void(AgentRun&)>& started = {},
               const std::function<void(AgentRun&)>& ended = {});
    // From any thread: stops the run in flight (it stays "running" in the checkpoint, resumed next time)
    // and starts no further theme.
    void stop();

    const std::string& id() const { return m_id; }
    std::vector<BatchTheme> themes() const;
    bool stopped() const { return m_stop; }
    nlohmann::json checkpoint() const;

private:
    BatchRun() = default;
    Status save();
    Status setState(size_t index, BatchThemeState state, const std::string& reason = {},
                    const std::string& error = {});

    std::string m_workspace;
    std::string m_id;
    std::string m_createdAt;
    nlohmann::json m_config = nlohmann::json::object();
    std::vector<BatchTheme> m_themes;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    AgentRun* m_current = nullptr; // the run in flight, under m_mutex
};

} // namespace curator
