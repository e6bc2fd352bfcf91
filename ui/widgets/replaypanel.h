#pragma once

#include <QJsonObject>
#include <QWidget>

class QColor;
class QHBoxLayout;
class QLabel;
class QListView;
class QPushButton;
class QTextEdit;

namespace curator::ui {

class AgentCardDelegate;
class AgentTimelineModel;
class RawCallWindow;
class ReplayController;
class ReplayStepBar;
class ThumbnailCache;

// A finished or stopped run replayed in the agent dock, read-only, from its transcript (no model is
// called): the step bar, the reasoning stream and the timeline's cards as they stood at the end of the
// turn shown, and the grids the agent received in that turn (thumbnails of the recorded grid files).
// Selecting a card asks the window's docks to show its call (callSelected), as the live timeline does;
// the turn's first answered call is selected at each step.
class ReplayPanel : public QWidget {
    Q_OBJECT
public:
    ReplayPanel(const QString& workspaceDirectory, ThumbnailCache* cardThumbnails, QWidget* parent = nullptr);

    ReplayController* controller() const { return m_controller; }
    ReplayStepBar* stepBar() const { return m_stepBar; }
    AgentTimelineModel* timeline() const { return m_timeline; }
    QListView* timelineView() const { return m_timelineView; }
    QTextEdit* stream() const { return m_stream; }
    // The grid files shown in the strip (absolute paths): the selected call's, else the turn's.
    const QStringList& shownGridFiles() const { return m_shownGridFiles; }

    void load(const QString& runId);
    QPushButton* forkButton() const { return m_fork; }
    QPushButton* leaveButton() const { return m_leave; }

Q_SIGNALS:
    void callSelected(const QByteArray& resultEvent, const QByteArray& searchEvent);
    void showInGridRequested(const QByteArray& resultEvent, const QByteArray& searchEvent);
    void leaveRequested();
    // "Fork from this turn": the replayed run, after `turn`.
    void forkRequested(const QString& runId, int turn);
    void loadFailed(const QString& message);
    void stepShown(int step); // the stream and cards show the step (tests wait on it)

private:
    void showStep(int step);
    void appendEvent(const QString& type, const QJsonObject& event, int& lastTurn);
    // `anchor`: a name to scroll to (a turn's heading).
    void append(const QString& text, const QColor& color, bool italic, bool bold, const QString& anchor = {});
    void selectRow(int row);
    int forkTurn() const; // the selected card's turn, else the step's
    void showContextMenu(const QPoint& position);
    void showGrids(const QStringList& files);
    void showRaw(int row); // the call's raw arguments and result, in a window of their own
    QByteArray searchEventBefore(int row) const;

    QString m_workspaceDirectory;
    ReplayController* m_controller;
    ThumbnailCache* m_gridThumbnails;
    AgentTimelineModel* m_timeline;
    AgentCardDelegate* m_cardDelegate;
    ReplayStepBar* m_stepBar;
    QLabel* m_title;
    QPushButton* m_fork;
    QPushButton* m_leave;
    QTextEdit* m_stream;
    QListView* m_timelineView;
    QLabel* m_gridCaption;
    QHBoxLayout* m_gridStrip;
    QStringList m_shownGridFiles;
    RawCallWindow* m_rawWindow = nullptr; // created on first use
    QString m_plannerName;
};

} // namespace curator::ui
