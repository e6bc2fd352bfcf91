#pragma once

#include "agent/runlist.h"

#include <QDockWidget>
#include <QThreadPool>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace curator::ui {

class AgentBridge;
class LogBridge;
class RunListModel;

// Every agent run of the workspace (runs/*.jsonl): theme, state, branch, images added, tokens, and the run
// a fork came from ("RUN at turn N"). From here a run is replayed (replayRequested), resumed
// (resumeRequested: the Agent dock continues it), a run live in another process supervised
// (followRequested: the Agent dock follows it), the run in progress stopped (here, or by a stop control to
// its process), and a run's branch merged into main or discarded (through the LogBridge, so the commit
// graph follows). The list is read off the GUI thread, again when a run starts or finishes, when the log
// changes and when the window's WorkspaceWatcher sees runs/ change; the selection and the scroll
// position stay.
class RunsDock : public QDockWidget {
    Q_OBJECT
public:
    RunsDock(AgentBridge* agent, LogBridge* log, const QString& workspaceDirectory,
             QWidget* parent = nullptr);
    ~RunsDock() override;

    RunListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    void refresh();
    // The run selected in the list (empty: none).
    QString selectedRunId() const;
    bool selectRun(const QString& runId);

Q_SIGNALS:
    void resumeRequested(const QString& runId);
    // Replay: the Agent dock steps through the run's transcript without the model.
    void replayRequested(const QString& runId);
    // Supervise: the Agent dock follows the run another process runs.
    void followRequested(const QString& runId);
    void refreshed(); // the list was read again (tests wait on it)

private:
    void updateButtons();
    QString selectedBranch() const;
    QString selectedState() const;

    AgentBridge* m_agent;
    LogBridge* m_log;
    QString m_workspaceDirectory;
    RunListModel* m_model;
    QTableView* m_view;
    QPushButton* m_resume;
    QPushButton* m_replay;
    QPushButton* m_follow;
    QPushButton* m_stop;
    QPushButton* m_merge;
    QPushButton* m_discard;
    QLabel* m_status;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    // Transcripts read before: a refresh while a run writes reads only that run's again.
    std::shared_ptr<RunSummaryCache> m_summaries = std::make_shared<RunSummaryCache>();
};

} // namespace curator::ui
