#pragma once

#include <QDockWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextEdit;
class QTreeView;

namespace curator::ui {

class AgentBridge;
class AgentTimelineModel;

// Watches and steers the agent: theme and Run; Pause, Resume, Step, Stop; the live reasoning (grey) and
// messages; the timeline of tool calls whose results expand; a box to send the agent a message; the
// approval switch (commits then wait in a dialog to approve, reject with a reason or edit the threshold);
// token usage.
class AgentDock : public QDockWidget {
    Q_OBJECT
public:
    AgentDock(AgentBridge* bridge, QWidget* parent = nullptr);

    AgentTimelineModel* timeline() const { return m_timeline; }
    void startRun(const QString& theme);

Q_SIGNALS:
    void commitMade();
    void runFinished(bool ok, const QString& message);

private:
    void onEvent(const QString& type, const QByteArray& json);
    void askApproval(const QByteArray& json);
    void setRunning(bool running);
    void appendText(const QString& text, bool reasoning);

    AgentBridge* m_bridge;
    AgentTimelineModel* m_timeline;
    QLineEdit* m_theme;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_step;
    QPushButton* m_stop;
    QCheckBox* m_approval;
    QTextEdit* m_stream;
    QTreeView* m_timelineView;
    QLineEdit* m_message;
    QLabel* m_usage;
    QString m_lastStream;
};

} // namespace curator::ui
