#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>
#include <QThreadPool>
#include <QVector>

namespace curator::ui {

// What a fork made (core ForkOutcome, as Qt values).
struct ForkResult {
    QString runId;      // the new run
    QString branch;     // agent/<new run id>
    QString head;       // the commit the branch starts at (empty: the run had committed nothing by then)
    QString fromRunId;  // the original run
    QString fromBranch; // its branch
    int turn = 0;       // the original's last turn the fork keeps
    // The fork's transcript as made (type and JSON per event): the original's turns it keeps, its
    // run_forked, and the instruction's message. A view shows them before the fork continues.
    QVector<QPair<QString, QByteArray>> history;
};

// Forks a run from one of its turns (core forkRun, the rule `curator-cli agent fork` follows) on a worker
// thread: the transcript is copied up to that turn's end and the branch created at the commit the
// original's branch had then. The answer comes on the GUI thread: forked, or failed with the core's
// message. Destroying the forker waits for the fork in flight.
class RunForker : public QObject {
    Q_OBJECT
public:
    explicit RunForker(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~RunForker() override;

    // `instruction` (may be empty) joins the fork's conversation as the person's message.
    void fork(const QString& runId, int turn, const QString& instruction);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void forked(const curator::ui::ForkResult& result);
    void failed(const QString& message);

private:
    QString m_workspaceDirectory;
    QThreadPool m_pool;
    bool m_busy = false;
};

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::ui::ForkResult)
