#pragma once

#include "bridge/preferences.h"

#include <nlohmann/json_fwd.hpp>

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace curator {
class AgentRun;
class JsonLinesTail;
class BatchRun;
class CommitWhatIf;
} // namespace curator

namespace curator::ui {

struct AgentStartValues {
    QString theme;
    QString baseUrl; // empty: the offline heuristic planner
    QString model;
    QString reasoningEffort;
    QString apiKeyEnvironmentVariable = QStringLiteral("OPENAI_API_KEY");
    int maxTurns = 200;
    bool approveCommits = false;
    QStringList approveTools; // more tools whose calls wait for approval (core AgentRun::approvableTools)
    // Pacing for a person watching (core RunPacing): a delay before each turn, pauses before each turn or
    // commit. Changed during a run with AgentBridge::setPacing.
    double turnDelaySeconds = 0;
    bool pauseBeforeTurn = false;
    bool pauseBeforeCommit = false;
    // The LLM dialect and images, the grid tile size and the context budget. Unset: the workspace's
    // preferences (Settings) when the run starts.
    std::optional<AgentRunSettings> runSettings;
};

// Runs one agent run at a time on a thread of its own. Events arrive as JSON (the transcript's lines) on
// the GUI thread; the controls go straight to the run, which is thread-safe. Destroying the bridge stops
// the run and waits for it.
//
// Or supervises a run that another process runs (issue 19 §2: `curator-cli mcp`, which holds
// runs/<id>.lock): follow() reads its transcript from the start and then as it grows, every
// kFollowIntervalMs on a worker thread, and emits each event as eventReceived, as a run of this process
// does; the controls (pause, resume, step, stop, inject/answer, approve, reject, approve at a threshold,
// approval per tool, undo) become lines of runs/<id>.control.jsonl (core appendRunControl), written in
// order on a worker; the run applies them and its human_action events come back through the transcript.
// finished is emitted once the transcript says run_finished, or when the process lets go of the lock
// without it. A failed write emits controlFailed. Pacing is the owner's: setPacing does not reach it, and
// no what-if of a pending commit is known here (pendingCommitWhatIf is null).
class AgentBridge : public QObject {
    Q_OBJECT
public:
    explicit AgentBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~AgentBridge() override;

    static constexpr int kFollowIntervalMs = 250;

    // A run here, or a run followed in another process.
    bool isRunning() const;
    // Whether the run is another process's (follow()).
    bool isFollowing() const { return !m_followedRunId.isEmpty(); }
    const QString& workspaceDirectory() const { return m_workspaceDirectory; }
    void start(const AgentStartValues& values);
    // A batch over `themes` (core BatchRun: one run and branch agent/<run id> per theme, in order,
    // checkpointed in runs/batch-<id>.json, resumable with `curator-cli agent batch resume`). Each run's
    // events arrive as a single run's do, and the controls act on the run in flight; stop() ends the
    // batch. `values.theme` is ignored. finished is emitted once, after the last theme or the stop.
    void startBatch(const QStringList& themes, const AgentStartValues& values);
    // Continues the run of runs/<runId>.jsonl on its branch (core AgentRun::resume); the endpoint and
    // pacing are those of `values` (its theme is ignored: the transcript's).
    void resumeRun(const QString& runId, const AgentStartValues& values);
    // Follows runs/<runId>.jsonl of a run another process runs (nothing when a run is in flight here).
    // Returns false, doing nothing, when no process holds the run's lock (it is not live) or a run is in
    // flight.
    bool follow(const QString& runId);
    // Stops following (the run goes on in its process); emits nothing.
    void unfollow();
    // Asks the process running `runId` to stop it (a stop control), whether or not it is followed here.
    void stopElsewhere(const QString& runId);
    // The run in progress (or last run) in this bridge, or the run followed; empty before one exists.
    QString currentRunId() const;

    void pause();
    void resume();
    void step();
    void stop();
    void inject(const QString& message);
    // The answer to the question the run waits on (a message when none waits).
    void answer(const QString& text);
    void setApprovalMode(bool on);
    // Whether calls of `tool` ("commit", "undo_commit", "aesthetics_rate" or "all") wait for approval.
    void setApprovalRequired(const QString& tool, bool on);
    // The pending commit's what-if while a commit waits for approval (null otherwise).
    std::shared_ptr<const CommitWhatIf> pendingCommitWhatIf() const;
    void approve();
    void reject(const QString& reason);
    void approveWithThreshold(double threshold);
    void humanUndo(const QString& commitId);
    // From the next wait on; before the run exists, what it starts with.
    void setPacing(double turnDelaySeconds, bool pauseBeforeTurn, bool pauseBeforeCommit);

Q_SIGNALS:
    void eventReceived(const QString& type, const QByteArray& json);
    void finished(bool ok, const QString& message);
    // A batch's theme `index` (0-based) of `count` starts (before its run_started event).
    void batchThemeStarted(int index, int count, const QString& theme);
    // A control for a run of another process could not be written (the message names the file).
    void controlFailed(const QString& message);

private:
    // Appends a control for the followed run (or `runId`) on the control worker, in the order given.
    void sendControl(const QString& runId, const nlohmann::json& control);
    void sendControl(const nlohmann::json& control) { sendControl(m_followedRunId, control); }
    void pollFollowed();
    // Starts `work` on the bridge's thread (nothing when a run is in flight).
    void launch(std::function<void()> work, const AgentStartValues& values);
    void adopt(const std::shared_ptr<AgentRun>& run); // the controls now act on `run`

    QString m_workspaceDirectory;
    QThread* m_thread = nullptr;
    std::shared_ptr<AgentRun> m_run;   // set on the worker, read by the controls once the run exists
    std::shared_ptr<BatchRun> m_batch; // the batch in flight, the same way
    mutable std::mutex m_controlMutex; // held by a control acting on m_run, and while m_run changes
    // A stop asked before the run or batch exists: applied by the worker once it does.
    std::atomic<bool> m_stopRequested{false};
    // The pacing last asked for: the worker gives it to the run it creates, so a change made while the run
    // is being set up is not lost.
    std::mutex m_pacingMutex;
    double m_turnDelaySeconds = 0;
    bool m_pauseBeforeTurn = false;
    bool m_pauseBeforeCommit = false;
    // Following a run of another process: its id (empty: none), the transcript's reader (used on
    // m_followPool's one thread only), the timer, and whether a read is in flight.
    QString m_followedRunId;
    std::shared_ptr<JsonLinesTail> m_followTail;
    QTimer m_followTimer;
    QThreadPool m_followPool;
    QThreadPool m_controlPool; // one thread: controls are written in the order given
    bool m_followReading = false;
    quint64 m_followGeneration = 0; // a read of a run no longer followed delivers nothing
};

} // namespace curator::ui
