#pragma once

#include "models/agentturnstats.h"

#include <QDockWidget>
#include <QJsonObject>
#include <QPointer>

class QCheckBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QTextEdit;
class QWidget;

namespace curator::ui {

class AgentBridge;
class AgentCardDelegate;
class AgentTimelineModel;
class ApprovalDialog;
class ApprovalToolsBox;
class ForkDialog;
class PendingMessagesView;
class RawCallWindow;
class ReplayPanel;
class RunForker;
struct ForkResult;
class ThumbnailCache;

// Watches and steers the agent: theme and Run; Pause, Resume, Step, Stop; pacing for watching (a delay
// per turn, pause before each turn or each commit); the live reasoning (grey), messages and what the
// person did, in words, with each turn's tokens, images and time; the timeline of tool calls as cards
// (the call and its result in words, the images the agent was shown, "Show in grid", the raw JSON one
// click away; selecting a card shows its call in the window's docks); a box to send
// the agent a message; the approval switch (commits then wait for a decision in a non-modal dialog with
// thumbnails; closing it leaves the commit pending, reopened from the dock); the agent's question,
// highlighted above the reasoning with a box for the answer (the message box answers it too while it waits);
// token usage. Time travel (issue 16 §3): "Fork from this turn" on a card (context menu, or the button for
// the selected card) of a run that is not in the middle of a turn forks it (RunForker, core forkRun) and
// continues the fork here; a run of the Runs dock is replayed read-only (ReplayPanel, in place of the live
// view until Leave replay).
class AgentDock : public QDockWidget {
    Q_OBJECT
public:
    AgentDock(AgentBridge* bridge, QWidget* parent = nullptr);

    AgentTimelineModel* timeline() const { return m_timeline; }
    ApprovalDialog* approvalDialog() const { return m_approvalDialog; }
    // Whether a commit waits for the person's decision.
    bool approvalPending() const { return !m_pendingApproval.isEmpty(); }
    // Whether the agent waits for the researcher's answer to a question.
    bool questionPending() const;
    void startRun(const QString& theme);
    // Continues a run of the workspace from its transcript (the Runs dock's Resume).
    void resumeRun(const QString& runId);
    // Supervises a run that another process runs (the Runs dock's Supervise): its transcript so far and as
    // it grows, shown as a run of this window is; the controls go to its process (AgentBridge::follow).
    // False, with the reason in the notice, when it is not live or a run is in progress here.
    bool followRun(const QString& runId);
    PendingMessagesView* pendingMessages() const { return m_pendingMessages; }
    // Shows the pending commit's approval dialog again (after it was closed undecided).
    void reviewPendingApproval();
    QListView* timelineView() const { return m_timelineView; }
    AgentCardDelegate* cardDelegate() const { return m_cardDelegate; }
    // What a card's links do: its images to the window's grid, its raw arguments and result in a window,
    // the grid image the model received in a window.
    void showCallInGrid(int row);
    void showRawCall(int row);
    void openAgentGrid(int row);

    // Time travel. The run the live view shows (empty before one).
    const QString& liveRunId() const { return m_liveRunId; }
    // Whether a fork can start now: no run in progress, or the live run waits between turns (it is
    // stopped first).
    bool canFork() const;
    // Asks for the instruction in a ForkDialog (non-modal), then forks. Refused, in words, mid-turn.
    void askFork(const QString& runId, int turn);
    void forkFromRow(int row); // the live timeline's card `row`
    // Forks without asking (the dialog's Fork); the fork then continues in the live view.
    void forkRun(const QString& runId, int turn, const QString& instruction);
    ForkDialog* forkDialog() const; // the open one, else null
    RunForker* forker() const { return m_forker; }
    // Replays a run of the workspace read-only in place of the live view.
    void replayRun(const QString& runId);
    void leaveReplay();
    bool isReplaying() const;
    ReplayPanel* replayPanel() const { return m_replay; }
    QLabel* noticeLabel() const { return m_notice; }

Q_SIGNALS:
    void commitMade();
    void runFinished(bool ok, const QString& message);
    // A call selected in the timeline, or asked into the grid: its tool_result event, and the event of
    // the search before it with the same query (a sample's distribution), empty when none.
    void callSelected(const QByteArray& resultEvent, const QByteArray& searchEvent);
    void showInGridRequested(const QByteArray& resultEvent, const QByteArray& searchEvent);
    // A fork was made (its run then continues here), or could not be.
    void forked(const QString& runId, const QString& fromRunId, int turn);
    void forkFailed(const QString& message);

private:
    void launchRun(const QString& theme, const QString& resumeId); // resumeId empty: a new run
    void clearLiveView(); // before a run starts, is resumed or followed
    void onEvent(const QString& type, const QByteArray& json);
    void askApproval(const QJsonObject& event);
    void showContext(const QJsonObject& event); // the request's estimated cost, per turn
    // A followed run's approvals (its run_started's config; a human_action approval_mode_on/off): the
    // toggles show them without sending them back.
    void showApprovals(const QJsonObject& config);
    void showApproval(const QString& tool, bool on);
    void showUsage();
    void setPending(const QJsonObject& approvalEvent); // empty: nothing pending
    void showQuestion(const QJsonObject& questionEvent);
    void setQuestion(const QString& question); // empty: none waits
    void sendAnswer(const QString& text);
    void setRunning(bool running);
    void applyPacing();
    void appendText(const QString& text, bool reasoning);
    void appendHumanText(const QString& text);
    void appendErrorText(const QString& text);
    void appendTurnStats(const QString& text);
    QByteArray searchEventBefore(int row) const;
    void onForked(const ForkResult& result);
    void showNotice(const QString& text, bool error); // empty: hidden
    void showTimelineMenu(const QPoint& position);
    void updateForkButton();
    void showPage(QWidget* page); // the live view or the replay

    AgentBridge* m_bridge;
    AgentTimelineModel* m_timeline;
    ThumbnailCache* m_thumbnails;
    ThumbnailCache* m_cardThumbnails; // the cards' strips: smaller tiles than the approval's
    AgentCardDelegate* m_cardDelegate;
    ApprovalDialog* m_approvalDialog;
    QLineEdit* m_theme;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_step;
    QPushButton* m_stop;
    QCheckBox* m_approval;
    ApprovalToolsBox* m_approvalTools; // undos and ratings wait for approval too
    QDoubleSpinBox* m_turnDelay;
    QCheckBox* m_pauseBeforeTurn;
    QCheckBox* m_pauseBeforeCommit;
    QLabel* m_runState;
    QWidget* m_pendingRow;
    QPushButton* m_reviewApproval;
    QFrame* m_questionRow;
    QLabel* m_questionText;
    QLineEdit* m_answer;
    QPushButton* m_sendAnswer;
    QTextEdit* m_stream;
    QListView* m_timelineView;
    RawCallWindow* m_rawWindow = nullptr; // created on first use
    QLabel* m_gridView = nullptr;
    QLineEdit* m_message;
    PendingMessagesView* m_pendingMessages; // messages typed during a turn until the agent receives them
    QLabel* m_usage;
    QString m_contextText; // the latest request's estimated cost, shown beside the usage
    QString m_usageText;
    QString m_contextDetail; // the tooltip's lines
    QString m_usageDetail;
    QString m_lastStream;
    QString m_plannerName;
    QJsonObject m_pendingApproval;
    AgentTurnStats m_turnStats;
    // Time travel.
    RunForker* m_forker;
    ReplayPanel* m_replay;
    QStackedWidget* m_pages; // the live view, or the replay
    QPushButton* m_fork;
    QLabel* m_notice; // a fork's progress or error, under either page
    QPointer<ForkDialog> m_forkDialog;
    QString m_liveRunId;
    bool m_betweenTurns = false; // the live run waits before a turn or for an answer
    struct PendingFork {
        QString runId;
        int turn = 0;
        QString instruction;
    };
    PendingFork m_pendingFork; // asked while the live run waited: made once it has stopped
};

} // namespace curator::ui
