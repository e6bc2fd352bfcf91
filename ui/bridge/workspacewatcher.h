#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace curator::ui {

// Follows a workspace that other processes change (issue 19 §1: an MCP run, `curator-cli commit`): every
// `intervalMs` it looks at the curation log's files (workspace.sqlite and its WAL: sizes and modification
// times) and at runs/ (each transcript's name, size and modification time, and which runs' locks a
// process holds), on a worker thread, and says what changed since the last look. The first look only
// records what is there. The GUI thread never waits: a look still in flight when the timer fires again
// skips that tick.
//
// A refresh the window makes in answer may itself touch the files (the last reader closing the database
// checkpoints the WAL into it): that is seen once more and then settles, never a loop, because reading
// the log again changes nothing further. The WAL index (-shm), which readers write, is not looked at.
class WorkspaceWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 400;

    explicit WorkspaceWatcher(const QString& workspaceDirectory, int intervalMs = kDefaultIntervalMs,
                              QObject* parent = nullptr);
    ~WorkspaceWatcher() override; // waits for the look in flight

    void start();
    void stop();
    // Looks now (the timer's look, sooner); for tests and after the window's own changes.
    void checkNow();

Q_SIGNALS:
    // The curation log changed (a commit, an undo, a merge: from anywhere, this process included).
    void logChanged();
    // A transcript appeared, grew or went away, or a run's process took or released its lock.
    void runsChanged();

private:
    struct Snapshot;
    void onLooked(const std::shared_ptr<const Snapshot>& snapshot);

    QString m_workspaceDirectory;
    QTimer m_timer;
    QThreadPool m_pool;
    bool m_looking = false;
    std::shared_ptr<const Snapshot> m_last; // null before the first look
};

} // namespace curator::ui
