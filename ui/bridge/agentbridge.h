#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <memory>
#include <mutex>

namespace curator {
class AgentRun;
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
};

// Runs one agent run at a time on a thread of its own. Events arrive as JSON (the transcript's lines) on
// the GUI thread; the controls go straight to the run, which is thread-safe. Destroying the bridge stops
// the run and waits for it.
class AgentBridge : public QObject {
    Q_OBJECT
public:
    explicit AgentBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~AgentBridge() override;

    bool isRunning() const;
    const QString& workspaceDirectory() const { return m_workspaceDirectory; }
    void start(const AgentStartValues& values);
    // Continues the run of runs/<runId>.jsonl on its branch (core AgentRun::resume); the endpoint and
    // pacing are those of `values` (its theme is ignored: the transcript's).
    void resumeRun(const QString& runId, const AgentStartValues& values);
    // The run in progress (or last run) in this bridge; empty before one exists.
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

private:
    // Runs `runId` (empty: a new run) on the bridge's thread.
    void launch(const AgentStartValues& values, const QString& runId);

    QString m_workspaceDirectory;
    QThread* m_thread = nullptr;
    std::shared_ptr<AgentRun> m_run; // set on the worker, read by the controls once the run exists
    // The pacing last asked for: the worker gives it to the run it creates, so a change made while the run
    // is being set up is not lost.
    std::mutex m_pacingMutex;
    double m_turnDelaySeconds = 0;
    bool m_pauseBeforeTurn = false;
    bool m_pauseBeforeCommit = false;
};

} // namespace curator::ui
