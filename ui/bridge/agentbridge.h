#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace curator {
class AgentRun;
}

namespace curator::ui {

struct AgentStartValues {
    QString theme;
    QString baseUrl; // empty: the offline heuristic planner
    QString model;
    QString reasoningEffort;
    QString apiKeyEnvironmentVariable = QStringLiteral("OPENAI_API_KEY");
    int maxTurns = 200;
    bool approveCommits = false;
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
    void start(const AgentStartValues& values);

    void pause();
    void resume();
    void step();
    void stop();
    void inject(const QString& message);
    void setApprovalMode(bool on);
    void approve();
    void reject(const QString& reason);
    void approveWithThreshold(double threshold);
    void humanUndo(const QString& commitId);

Q_SIGNALS:
    void eventReceived(const QString& type, const QByteArray& json);
    void finished(bool ok, const QString& message);

private:
    QString m_workspaceDirectory;
    QThread* m_thread = nullptr;
    std::shared_ptr<AgentRun> m_run; // set on the worker, read by the controls once the run exists
};

} // namespace curator::ui
