// Issue 19 §1 and §2 in the workstation: a workspace another writer changes (a commit made outside the
// window's bridges shows in the commit graph within about a second, the selection stays, and the window's
// own refresh does not feed itself), and a run of another process (its lock held, its transcript growing)
// listed as live, supervised in the Agent dock as a run of this window is shown (reasoning, the approval
// card), its controls written as lines of its control file, and shown finished when it ends.

#include "bridge/agentbridge.h"
#include "bridge/logbridge.h"
#include "bridge/workspacewatcher.h"
#include "dialogs/approvaldialog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/runsdock.h"
#include "mainwindow/mainwindow.h"
#include "models/commitlogmodel.h"
#include "models/runlistmodel.h"
#include "uitesthelpers.h"

#include "agent/runcontrol.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeView>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace curator;
using namespace curator::ui;
using test::child;

namespace {

// What the window must show within: the watcher looks every 400 ms and the refresh reads on a worker
// (a loaded 2-core machine, or a sanitizer build, gets some slack).
constexpr int kFollowTimeoutMs = 3000;

// A commit made with the core directly, as another process (curator-cli commit) makes it: its own
// connection to the database, nothing of the window's bridges.
QString commitOutside(const QString& workspace, const QString& query, int first) {
    auto log = CurationLog::open(workspace.toStdString());
    if (!log) {
        qWarning("cannot open the log: %s", log.error().c_str());
        return {};
    }
    CommitRequest request;
    request.query = query.toStdString();
    request.embeddingModel = "builtin";
    request.threshold = 0.4;
    request.message = "made outside the window";
    request.author = "human";
    for (int i = first; i < first + 3; ++i) {
        const std::string name = "outside-" + std::to_string(i) + ".png";
        request.images.push_back({"photos", name, "/nowhere/" + name, "a caption", 64, 64});
    }
    auto outcome = log->commit(request);
    if (!outcome) {
        qWarning("commit failed: %s", outcome.error().c_str());
        return {};
    }
    return QString::fromStdString(outcome->id);
}

// A transcript written as a run of another process writes it: one complete line per event.
class ForeignTranscript {
public:
    ForeignTranscript(const QString& workspace, const QString& runId)
        : m_runId(runId.toStdString())
        , m_path(Transcript::path(workspace.toStdString(), m_runId)) {
        QDir().mkpath(workspace + QStringLiteral("/runs"));
    }
    void append(nlohmann::json event) {
        event["run_id"] = m_runId;
        event["seq"] = m_seq++;
        event["time"] = "2099-01-01T00:00:00Z";
        std::ofstream out(m_path, std::ios::app | std::ios::binary);
        out << event.dump() << '\n';
    }

private:
    std::string m_runId;
    std::string m_path;
    int m_seq = 0;
};

QList<QJsonObject> controlLines(const QString& workspace, const QString& runId) {
    QFile file(QString::fromStdString(runControlPath(workspace.toStdString(), runId.toStdString())));
    QList<QJsonObject> lines;
    if (!file.open(QIODevice::ReadOnly)) {
        return lines;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty()) {
            lines << QJsonDocument::fromJson(line).object();
        }
    }
    return lines;
}

bool hasControl(const QString& workspace, const QString& runId, const QString& action,
                const QString& field = {}, const QString& value = {}) {
    for (const QJsonObject& line : controlLines(workspace, runId)) {
        if (line.value(QStringLiteral("action")).toString() == action &&
            (field.isEmpty() || line.value(field).toString() == value)) {
            return true;
        }
    }
    return false;
}

QString runState(RunListModel* model, const QString& runId) {
    const int row = model->rowOf(runId);
    return row < 0 ? QString()
                   : model->data(model->index(row, RunListModel::StateColumn), RunListModel::StateRole)
                         .toString();
}

} // namespace

class WorkspaceWatchTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aCommitMadeElsewhereShowsInTheGraph();
    void aRunOfAnotherProcessIsSupervisedLive();
    void aRunWhoseProcessLetsGoShowsAsEnded();

private:
    QString m_workspace;
    QTemporaryDir m_directory;
};

void WorkspaceWatchTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorWatchTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

void WorkspaceWatchTest::aCommitMadeElsewhereShowsInTheGraph() {
    MainWindow window(m_workspace);
    window.resize(1280, 800);
    window.show();
    CommitLogModel* model = window.commitLogModel();
    QSignalSpy graphs(window.logBridge(), &LogBridge::graphReady);
    QTRY_VERIFY_WITH_TIMEOUT(!graphs.isEmpty(), 10000);

    const QString first = commitOutside(m_workspace, QStringLiteral("grainy film"), 0);
    QVERIFY(!first.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOfId(first) >= 0, kFollowTimeoutMs);

    // The person's selection stays while another commit arrives.
    window.commitDock()->selectCommit(first);
    QCOMPARE(window.commitDock()->selectedCommitId(), first);
    const QString second = commitOutside(m_workspace, QStringLiteral("harsh flash"), 10);
    QVERIFY(!second.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOfId(second) >= 0, kFollowTimeoutMs);
    QCOMPARE(window.commitDock()->selectedCommitId(), first);
    QCOMPARE(model->rowOfId(second), 0); // newest first, in view at the top

    // Once the refreshes settled (the window's own read may checkpoint the WAL once), none follows: the
    // window's refresh does not trigger the next.
    QTest::qWait(3 * WorkspaceWatcher::kDefaultIntervalMs);
    graphs.clear();
    QTest::qWait(5 * WorkspaceWatcher::kDefaultIntervalMs);
    QCOMPARE(graphs.count(), 0);
}

void WorkspaceWatchTest::aRunOfAnotherProcessIsSupervisedLive() {
    const QString runId = QStringLiteral("20990101-000000-mcp001");
    // The test is the run's owner: flock on another open file description conflicts in one process too.
    auto lock = RunOwnerLock::acquire(m_workspace.toStdString(), runId.toStdString());
    QVERIFY2(lock, lock ? "" : lock.error().c_str());
    ForeignTranscript transcript(m_workspace, runId);
    transcript.append({{"type", "run_started"},
                       {"theme", "liminal spaces"},
                       {"branch", "agent/" + runId.toStdString()},
                       {"planner", "mcp"},
                       {"model", "external-agent"},
                       {"config", {{"approve_commits", false}, {"approve_tools", {"commit"}}}}});

    MainWindow window(m_workspace);
    window.resize(1280, 800);
    window.show();
    RunsDock* runs = window.runsDock();
    QTRY_COMPARE_WITH_TIMEOUT(runState(runs->model(), runId), QStringLiteral("live"), kFollowTimeoutMs);
    QVERIFY(runs->selectRun(runId));
    auto* supervise = child<QPushButton>(runs, "runsFollow");
    QVERIFY(supervise->isEnabled());
    QVERIFY(!child<QPushButton>(runs, "runsResume")->isEnabled()); // it runs elsewhere
    QTest::mouseClick(supervise, Qt::LeftButton);
    AgentDock* dock = window.agentDock();
    QVERIFY(window.agentBridge()->isFollowing());
    QVERIFY(!child<QPushButton>(dock, "agentRun")->isEnabled());
    QVERIFY(child<QPushButton>(dock, "agentPause")->isEnabled());

    // The run's approvals shown as the toggles (and not sent back: the control lines are counted below).
    QTRY_VERIFY_WITH_TIMEOUT(child<QCheckBox>(dock, "agentApproval")->isChecked(), kFollowTimeoutMs);
    QVERIFY(!child<QPushButton>(runs, "runsResume")->isVisibleTo(runs)); // Supervise stands in its place
    QVERIFY(supervise->isVisibleTo(runs));

    // The transcript as it grows, through the path a run of this window takes.
    auto* reasoning = child<QTextEdit>(dock, "agentReasoning");
    transcript.append(
        {{"type", "reasoning_delta"}, {"turn", 1}, {"delta", "Empty corridors under sodium light"}});
    QTRY_VERIFY_WITH_TIMEOUT(reasoning->toPlainText().contains(QStringLiteral("Empty corridors")),
                             kFollowTimeoutMs);
    transcript.append(
        {{"type", "approval_needed"},
         {"call_id", "c1"},
         {"name", "commit"},
         {"model", "external-agent"},
         {"arguments", {{"query", "liminal spaces"}, {"threshold", 0.41}, {"message", "hallways"}}},
         {"preview",
          {{"count", 7},
           {"masked", 1},
           {"threshold", 0.41},
           {"new", 7},
           {"rows", nlohmann::json::array()}}}});
    ApprovalDialog* dialog = dock->approvalDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), kFollowTimeoutMs);
    QVERIFY(dock->approvalPending());
    QVERIFY(
        child<QWidget>(dialog, "approvalSummary")->property("text").toString().contains(QStringLiteral("7")));
    QVERIFY(window.agentBridge()->pendingCommitWhatIf() == nullptr); // the what-if is the run's process's

    // Approve: a control line for the run's process.
    QTest::mouseClick(child<QPushButton>(dialog, "approve"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(hasControl(m_workspace, runId, QStringLiteral("approve")), kFollowTimeoutMs);
    QVERIFY(!dialog->isVisible());
    // A message typed into the dock.
    auto* message = child<QLineEdit>(dock, "agentMessage");
    message->setFocus();
    QTest::keyClicks(message, QStringLiteral("keep the fluorescent ones"));
    QTest::keyClick(message, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(hasControl(m_workspace, runId, QStringLiteral("message"), QStringLiteral("text"),
                                        QStringLiteral("keep the fluorescent ones")),
                             kFollowTimeoutMs);
    // Pause, in order after them.
    QTest::mouseClick(child<QPushButton>(dock, "agentPause"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(hasControl(m_workspace, runId, QStringLiteral("pause")), kFollowTimeoutMs);
    const QList<QJsonObject> lines = controlLines(m_workspace, runId);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0).value(QStringLiteral("action")).toString(), QStringLiteral("approve"));
    QCOMPARE(lines.at(2).value(QStringLiteral("action")).toString(), QStringLiteral("pause"));
    QCOMPARE(lines.at(0).value(QStringLiteral("from")).toString(), QStringLiteral("workstation"));

    // The run applies them and says so in its transcript; then it finishes.
    transcript.append({{"type", "human_action"}, {"action", "approve"}});
    transcript.append({{"type", "run_finished"}, {"reason", "the agent finished"}, {"turns", 1}});
    QSignalSpy finished(dock, &AgentDock::runFinished);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kFollowTimeoutMs);
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY(!window.agentBridge()->isFollowing());
    QVERIFY(child<QPushButton>(dock, "agentRun")->isEnabled());
    QVERIFY(reasoning->toPlainText().contains(QStringLiteral("the agent finished")));
    lock->reset();
    QTRY_COMPARE_WITH_TIMEOUT(runState(runs->model(), runId), QStringLiteral("finished"), kFollowTimeoutMs);
}

void WorkspaceWatchTest::aRunWhoseProcessLetsGoShowsAsEnded() {
    const QString runId = QStringLiteral("20990101-000001-mcp002");
    auto lock = RunOwnerLock::acquire(m_workspace.toStdString(), runId.toStdString());
    QVERIFY(lock);
    ForeignTranscript transcript(m_workspace, runId);
    transcript.append({{"type", "run_started"}, {"theme", "vhs decay"}, {"planner", "mcp"}});
    AgentBridge bridge(m_workspace);
    LogBridge log(m_workspace);
    AgentDock dock(&bridge);
    RunsDock runs(&bridge, &log, m_workspace);
    QSignalSpy refreshed(&runs, &RunsDock::refreshed);
    QTRY_VERIFY(!refreshed.isEmpty());
    QCOMPARE(runState(runs.model(), runId), QStringLiteral("live"));
    QVERIFY(dock.followRun(runId));
    QVERIFY(!dock.followRun(QStringLiteral("20990101-000002-nosuch"))); // one run at a time

    // The process ends without run_finished (a crash, a closed connection): the lock is free.
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    lock->reset();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kFollowTimeoutMs);
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(finished.first().at(1).toString().contains(runId));
    QVERIFY(!bridge.isFollowing());
    runs.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(runState(runs.model(), runId), QStringLiteral("interrupted"), kFollowTimeoutMs);
    // A run nobody runs is not followed.
    QVERIFY(!bridge.follow(runId));
}

QTEST_MAIN(WorkspaceWatchTest)
#include "tst_workspacewatch.moc"
