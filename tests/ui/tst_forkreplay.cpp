// Time travel in the workstation (issue 16 §3): "Fork from this turn" on a card of a finished run makes a
// run whose transcript and branch start where that turn ended (the core's forkRun), the original untouched;
// the Runs dock and the commit graph say where the fork came from; a finished run is replayed step by step
// from its transcript, with the grids it received, without calling a model. Offline heuristic runs on a demo
// workspace; screenshots at 1280x800 beside the executable.

#include "bridge/agentbridge.h"
#include "bridge/preferences.h"
#include "bridge/runforker.h"
#include "dialogs/forkdialog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/runsdock.h"
#include "mainwindow/mainwindow.h"
#include "models/agenttimelinemodel.h"
#include "models/commitlogmodel.h"
#include "models/replaycontroller.h"
#include "models/runlistmodel.h"
#include "uitesthelpers.h"
#include "widgets/agentcarddelegate.h"
#include "widgets/replaypanel.h"
#include "widgets/replaystepbar.h"

#include "dataset/curationlog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace curator;
using namespace curator::ui;
using test::child;
using test::RecordedEvent;
using test::screenshotPath;
using test::windowWithDialog;

namespace {

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject firstLine(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readLine()).object();
}

} // namespace

class ForkReplayTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void forkingFromACardStartsARunWhereThatTurnEnded();
    void aForkThatCannotBeMadeSaysWhy();
    void aPausedRunIsForkedBetweenTurnsNeverMidTurn();
    void aFinishedRunIsReplayedTurnByTurnWithoutTheModel();

private:
    QString transcriptPath(const QString& runId) const {
        return m_workspace + QStringLiteral("/runs/") + runId + QStringLiteral(".jsonl");
    }
    void feed(AgentBridge* bridge) const; // the recorded run, as the bridge delivered it

    QString m_workspace;
    QTemporaryDir m_directory;
    QList<RecordedEvent> m_events;
    QString m_runId;
    int m_turns = 0;
    int m_commitTurn = 0; // the turn of the run's first commit
    QString m_commitId;   // that commit
    QString m_forkId;     // the fork made by the first test
};

void ForkReplayTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorForkReplayTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 600, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    preferences::setAgentEndpoint(m_workspace, {}); // the offline heuristic planner
    // One real offline run to fork and replay.
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QVERIFY(finished.wait(120000) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QHash<QString, int> turnOfCall;
    for (const auto& arguments : events) {
        const RecordedEvent event{arguments.at(0).toString(), arguments.at(1).toByteArray()};
        m_events.push_back(event);
        const QJsonObject object = event.object();
        if (event.type == QLatin1String("run_started")) {
            m_runId = object.value(QStringLiteral("run_id")).toString();
        } else if (event.type == QLatin1String("tool_call")) {
            turnOfCall.insert(object.value(QStringLiteral("call_id")).toString(),
                              object.value(QStringLiteral("turn")).toInt());
        } else if (event.type == QLatin1String("commit")) {
            // The branch's head at the end of the first turn that committed: that turn's last commit.
            const int turn = turnOfCall.value(object.value(QStringLiteral("call_id")).toString());
            if (m_commitTurn == 0 || turn == m_commitTurn) {
                m_commitTurn = turn;
                m_commitId =
                    object.value(QStringLiteral("commit")).toObject().value(QStringLiteral("id")).toString();
            }
        } else if (event.type == QLatin1String("run_finished")) {
            m_turns = object.value(QStringLiteral("turns")).toInt();
        }
    }
    QVERIFY(!m_runId.isEmpty());
    QVERIFY2(!m_commitId.isEmpty() && m_commitTurn > 0, "the offline run made no commit");
    QVERIFY(m_turns > m_commitTurn);
}

void ForkReplayTest::feed(AgentBridge* bridge) const {
    for (const RecordedEvent& event : m_events) {
        Q_EMIT bridge->eventReceived(event.type, event.json);
    }
}

void ForkReplayTest::forkingFromACardStartsARunWhereThatTurnEnded() {
    const QByteArray original = fileBytes(transcriptPath(m_runId));
    QVERIFY(!original.isEmpty());
    MainWindow window(m_workspace);
    window.resize(1280, 800);
    window.show();
    AgentDock* dock = window.agentDock();
    dock->show();
    dock->raise();
    feed(window.agentBridge()); // the finished run in the live view, as it ran
    QCOMPARE(dock->liveRunId(), m_runId);
    QVERIFY(dock->canFork());

    // The commit's card: "Fork…" forks from its turn.
    AgentTimelineModel* timeline = dock->timeline();
    int commitRow = -1;
    for (int row = 0; row < timeline->rowCount() && commitRow < 0; ++row) {
        if (timeline->card(row).tool == QLatin1String("commit") && timeline->card(row).turn == m_commitTurn) {
            commitRow = row;
        }
    }
    QVERIFY(commitRow >= 0);
    auto* forkButton = child<QPushButton>(dock, "agentFork");
    QVERIFY(forkButton != nullptr);
    QVERIFY(!forkButton->isEnabled()); // no card selected yet
    dock->timelineView()->setCurrentIndex(timeline->index(commitRow));
    QVERIFY(forkButton->isEnabled());
    QTest::mouseClick(forkButton, Qt::LeftButton);
    ForkDialog* dialog = dock->forkDialog();
    QVERIFY(dialog != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->turn(), m_commitTurn);
    QCOMPARE(dialog->runId(), m_runId);
    QVERIFY(child<QLabel>(dialog, "forkTitle")->text().contains(QStringLiteral("turn %1").arg(m_commitTurn)));
    dialog->instructionField()->setPlainText(QStringLiteral("Try film grain instead."));
    QTest::qWait(100);
    QVERIFY(windowWithDialog(window, *dialog).save(screenshotPath(QStringLiteral("ui-fork-dialog.png"))));

    // Fork: made on a worker, then the fork continues in the live view through the bridge.
    QSignalSpy forked(dock, &AgentDock::forked);
    QSignalSpy finished(dock, &AgentDock::runFinished);
    QSignalSpy resumed(window.agentBridge(), &AgentBridge::eventReceived);
    QTest::mouseClick(child<QPushButton>(dialog, "forkAccept"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!forked.isEmpty(), 30000);
    m_forkId = forked.first().at(0).toString();
    QCOMPARE(forked.first().at(1).toString(), m_runId);
    QCOMPARE(forked.first().at(2).toInt(), m_commitTurn);
    QVERIFY(m_forkId != m_runId);
    QVERIFY(dock->noticeLabel()->isVisible());
    QVERIFY(dock->noticeLabel()->text().contains(m_forkId));
    // The live view shows what the fork keeps: the original's calls up to that turn, then its own.
    QStringList keptCalls;
    for (const RecordedEvent& event : m_events) {
        if (event.type == QLatin1String("tool_call") &&
            event.object().value(QStringLiteral("turn")).toInt() <= m_commitTurn) {
            keptCalls << event.object().value(QStringLiteral("call_id")).toString();
        }
    }
    QVERIFY(dock->timeline()->rowCount() >= keptCalls.size());
    for (int row = 0; row < keptCalls.size(); ++row) {
        QCOMPARE(dock->timeline()->card(row).callId, keptCalls[row]);
    }
    QVERIFY(child<QTextEdit>(dock, "agentReasoning")
                ->toPlainText()
                .contains(QStringLiteral("This run is a fork of run %1 after its turn %2")
                              .arg(m_runId)
                              .arg(m_commitTurn)));
    QVERIFY(finished.wait(120000) || !finished.isEmpty());
    bool resumedFork = false;
    for (const auto& arguments : resumed) {
        resumedFork = resumedFork || (arguments.at(0).toString() == QLatin1String("run_resumed") &&
                                      QJsonDocument::fromJson(arguments.at(1).toByteArray())
                                              .object()
                                              .value(QStringLiteral("run_id"))
                                              .toString() == m_forkId);
    }
    QVERIFY(resumedFork);
    QCOMPARE(dock->liveRunId(), m_forkId);

    // The fork's transcript says where it came from; its branch started at the original's commit of that
    // turn; the original's transcript is byte for byte what it was.
    const QJsonObject started = firstLine(transcriptPath(m_forkId));
    QCOMPARE(started.value(QStringLiteral("type")).toString(), QStringLiteral("run_started"));
    QCOMPARE(started.value(QStringLiteral("forked_from")).toObject(),
             (QJsonObject{{QStringLiteral("run_id"), m_runId}, {QStringLiteral("turn"), m_commitTurn}}));
    QCOMPARE(fileBytes(transcriptPath(m_runId)), original);
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        auto graph = log->log();
        QVERIFY(graph.ok());
        bool found = false;
        for (const BranchInfo& branch : graph->branches) {
            if (branch.name == "agent/" + m_forkId.toStdString()) {
                found = true;
                QCOMPARE(QString::fromStdString(branch.base), m_commitId);
            }
        }
        QVERIFY(found);
    }

    // The Runs dock lists it as a fork of the run at that turn.
    RunsDock* runs = window.runsDock();
    QTRY_VERIFY_WITH_TIMEOUT(runs->model()->rowOf(m_forkId) >= 0, 30000);
    const int forkRow = runs->model()->rowOf(m_forkId);
    QCOMPARE(runs->model()->index(forkRow, 0).data(RunListModel::ForkedFromRole).toString(), m_runId);
    QCOMPARE(runs->model()->index(forkRow, 0).data(RunListModel::ForkedTurnRole).toInt(), m_commitTurn);
    QCOMPARE(runs->model()->index(forkRow, RunListModel::ForkColumn).data().toString(),
             QStringLiteral("%1 at turn %2").arg(m_runId).arg(m_commitTurn));
    QVERIFY(runs->model()
                ->index(runs->model()->rowOf(m_runId), RunListModel::ForkColumn)
                .data()
                .toString()
                .isEmpty());

    // The commit graph marks where the fork's branch starts.
    CommitLogModel* graph = window.commitLogModel();
    const QString mark = QStringLiteral("fork of agent/%1 @ turn %2").arg(m_runId).arg(m_commitTurn);
    QTRY_VERIFY_WITH_TIMEOUT(!graph->forkMarks().isEmpty(), 30000);
    bool marked = false;
    for (auto each = graph->forkMarks().cbegin(); each != graph->forkMarks().cend(); ++each) {
        marked = marked || each.value().contains(mark);
        QCOMPARE(graph->index(each.key(), CommitLogModel::GraphColumn)
                     .data(CommitLogModel::ForkMarkRole)
                     .toString(),
                 each.value());
    }
    QVERIFY2(marked, qPrintable(QStringList(graph->forkMarks().values()).join(QLatin1Char('\n'))));
    // The graph at the size of a 1280x800 window, where the mark reads whole.
    CommitLogDock commits(graph, window.logBridge());
    commits.resize(1280, 800);
    commits.show();
    const int markedRow = graph->forkMarks().cbegin().key();
    commits.view()->resizeColumnToContents(CommitLogModel::GraphColumn);
    commits.view()->scrollTo(graph->index(markedRow, 0));
    QTest::qWait(200);
    QVERIFY(commits.grab().save(screenshotPath(QStringLiteral("ui-graph-fork.png"))));
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("ui-graph-fork-window.png"))));
    // The runs list at the width of a 1280x800 window's bottom area, the fork selected.
    RunsDock runsList(window.agentBridge(), window.logBridge(), m_workspace);
    QSignalSpy listed(&runsList, &RunsDock::refreshed);
    runsList.resize(1280, 260);
    runsList.show();
    QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), 30000);
    QVERIFY(runsList.selectRun(m_forkId));
    QTest::qWait(100);
    QVERIFY(runsList.grab().save(screenshotPath(QStringLiteral("ui-runs-fork.png"))));
    QVERIFY(dock->grab().save(screenshotPath(QStringLiteral("ui-fork-continues.png"))));
}

void ForkReplayTest::aForkThatCannotBeMadeSaysWhy() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    QSignalSpy failed(&dock, &AgentDock::forkFailed);
    QSignalSpy forked(&dock, &AgentDock::forked);
    const int runsBefore = QDir(m_workspace + QStringLiteral("/runs"))
                               .entryList({QStringLiteral("*.jsonl")}, QDir::Files)
                               .size();
    dock.forkRun(m_runId, m_turns + 5, {});
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 30000);
    QVERIFY(forked.isEmpty());
    QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("turn out of range")),
             qPrintable(failed.first().at(0).toString()));
    QVERIFY(dock.noticeLabel()->text().contains(QStringLiteral("The fork failed")));
    QVERIFY(!bridge.isRunning());
    QCOMPARE(QDir(m_workspace + QStringLiteral("/runs"))
                 .entryList({QStringLiteral("*.jsonl")}, QDir::Files)
                 .size(),
             runsBefore);
}

void ForkReplayTest::aPausedRunIsForkedBetweenTurnsNeverMidTurn() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(600, 760);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    QSignalSpy forked(&dock, &AgentDock::forked);
    child<QCheckBox>(&dock, "agentPauseBeforeTurn")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QVERIFY(!dock.canFork()); // the run is under way: not between turns yet
    const auto waitingBefore = [&](int turn) {
        for (const auto& arguments : events) {
            const QJsonObject event = QJsonDocument::fromJson(arguments.at(1).toByteArray()).object();
            if (arguments.at(0).toString() == QLatin1String("run_waiting") &&
                event.value(QStringLiteral("turn")).toInt() == turn) {
                return true;
            }
        }
        return false;
    };
    for (int turn = 1; turn <= 2; ++turn) {
        QTRY_VERIFY_WITH_TIMEOUT(waitingBefore(turn) || !finished.isEmpty(), 60000);
        QVERIFY(finished.isEmpty());
        QTest::mouseClick(child<QPushButton>(&dock, "agentStep"), Qt::LeftButton);
    }
    // Paused before turn 3: the cards of turns 1 and 2 can be forked; the run is stopped first.
    QTRY_VERIFY_WITH_TIMEOUT(waitingBefore(3) || !finished.isEmpty(), 60000);
    QVERIFY(finished.isEmpty());
    QVERIFY(dock.canFork());
    const QString runId = dock.liveRunId();
    int row = -1;
    for (int each = 0; each < dock.timeline()->rowCount() && row < 0; ++each) {
        if (dock.timeline()->card(each).turn == 2) {
            row = each;
        }
    }
    QVERIFY(row >= 0);
    dock.timelineView()->setCurrentIndex(dock.timeline()->index(row));
    QVERIFY(child<QPushButton>(&dock, "agentFork")->isEnabled());
    dock.forkRun(runId, 2, QStringLiteral("Prefer outdoor scenes."));
    QTRY_VERIFY_WITH_TIMEOUT(!forked.isEmpty(), 60000);
    QVERIFY(!finished.isEmpty()); // the original stopped before the fork was made
    const QString forkId = forked.first().at(0).toString();
    QCOMPARE(firstLine(transcriptPath(forkId)).value(QStringLiteral("forked_from")).toObject(),
             (QJsonObject{{QStringLiteral("run_id"), runId}, {QStringLiteral("turn"), 2}}));
    QTRY_VERIFY_WITH_TIMEOUT(bridge.isRunning() && dock.liveRunId() == forkId, 30000);
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-fork-paused.png"))));
    bridge.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!bridge.isRunning(), 60000);
}

void ForkReplayTest::aFinishedRunIsReplayedTurnByTurnWithoutTheModel() {
    // A model that would fail if it were called: any run would report an error event.
    AgentEndpoint unreachable;
    unreachable.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    unreachable.model = QStringLiteral("never-called");
    preferences::setAgentEndpoint(m_workspace, unreachable);
    const QByteArray original = fileBytes(transcriptPath(m_runId));
    const QStringList runsBefore =
        QDir(m_workspace + QStringLiteral("/runs")).entryList({QStringLiteral("*.jsonl")}, QDir::Files);

    MainWindow window(m_workspace);
    window.resize(1280, 800);
    window.show();
    AgentDock* dock = window.agentDock();
    QSignalSpy bridgeEvents(window.agentBridge(), &AgentBridge::eventReceived);
    RunsDock* runs = window.runsDock();
    QTRY_VERIFY_WITH_TIMEOUT(runs->model()->rowOf(m_runId) >= 0, 30000);
    QVERIFY(runs->selectRun(m_runId));
    auto* replayButton = child<QPushButton>(runs, "runsReplay");
    QVERIFY(replayButton->isEnabled());
    ReplayPanel* panel = dock->replayPanel();
    QSignalSpy shown(panel, &ReplayPanel::stepShown);
    QSignalSpy selected(dock, &AgentDock::callSelected);
    QTest::mouseClick(replayButton, Qt::LeftButton);
    QVERIFY(dock->isReplaying());
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 30000);
    ReplayController* controller = panel->controller();
    QCOMPARE(controller->stepCount(), m_turns);
    QLabel* label = panel->stepBar()->turnLabel();
    QCOMPARE(label->text(), QStringLiteral("Turn 1 of %1").arg(m_turns));
    QVERIFY(!child<QToolButton>(panel, "replayPrevious")->isEnabled());

    // The cards at each step are the calls of the turns so far; the grids are the selected call's files.
    QHash<int, int> callsUpTo; // turn -> calls of turns <= it
    QString gridCallId;
    int gridTurn = 0;
    QStringList gridFiles;
    for (const RecordedEvent& event : m_events) {
        const QJsonObject object = event.object();
        if (event.type == QLatin1String("tool_call")) {
            for (int turn = object.value(QStringLiteral("turn")).toInt(); turn <= m_turns; ++turn) {
                callsUpTo[turn] += 1;
            }
        }
        // The first call after the first turn that received grids.
        if (event.type == QLatin1String("tool_result") && gridCallId.isEmpty() &&
            object.value(QStringLiteral("turn")).toInt() > 1 &&
            object.contains(QStringLiteral("grid_files"))) {
            gridCallId = object.value(QStringLiteral("call_id")).toString();
            gridTurn = object.value(QStringLiteral("turn")).toInt();
            for (const auto& file : object.value(QStringLiteral("grid_files")).toArray()) {
                gridFiles << QDir::cleanPath(m_workspace + QStringLiteral("/runs/") + file.toString());
            }
        }
    }
    QVERIFY2(!gridCallId.isEmpty(), "the run received no grid after its first turn");
    QCOMPARE(panel->timeline()->rowCount(), callsUpTo.value(1));
    for (int turn = 2; turn <= gridTurn; ++turn) {
        shown.clear();
        QTest::mouseClick(child<QToolButton>(panel, "replayNext"), Qt::LeftButton);
        QCOMPARE(shown.size(), 1);
    }
    QCOMPARE(label->text(), QStringLiteral("Turn %1 of %2").arg(gridTurn).arg(m_turns));
    QCOMPARE(panel->timeline()->rowCount(), callsUpTo.value(gridTurn));
    // The turn's first call is selected: if it is the grid's call, its files are in the strip.
    const QModelIndex current = panel->timelineView()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(panel->timeline()->card(current.row()).turn, gridTurn);
    int gridRow = -1;
    for (int row = 0; row < panel->timeline()->rowCount(); ++row) {
        if (panel->timeline()->card(row).callId == gridCallId) {
            gridRow = row;
        }
    }
    QVERIFY(gridRow >= 0);
    panel->timelineView()->setCurrentIndex(panel->timeline()->index(gridRow));
    QCOMPARE(panel->shownGridFiles(), gridFiles);
    for (const QString& file : gridFiles) {
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
    }
    // The histogram and score docks follow the selected call, as in the live view.
    QVERIFY(!selected.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(selected.last().at(0).toByteArray())
                 .object()
                 .value(QStringLiteral("call_id"))
                 .toString(),
             gridCallId);
    // "Raw" keeps the recorded result one click away.
    const QRect rawLink = [&] {
        QStyleOptionViewItem option;
        option.rect = panel->timelineView()->visualRect(panel->timeline()->index(gridRow));
        option.font = panel->timelineView()->font();
        return dock->cardDelegate()->geometry(option, panel->timeline()->card(gridRow)).raw;
    }();
    QVERIFY(!rawLink.isEmpty());
    QTest::mouseClick(panel->timelineView()->viewport(), Qt::LeftButton, {}, rawLink.center());
    auto* raw = child<QPlainTextEdit>(panel, "replayRawView");
    QVERIFY(raw != nullptr);
    QVERIFY(raw->toPlainText().contains(gridCallId));
    raw->window()->close();
    // The stream reads as sentences, never JSON.
    const QString stream = panel->stream()->toPlainText();
    QVERIFY(stream.contains(QStringLiteral("Turn %1").arg(gridTurn)));
    QVERIFY2(!stream.contains(QStringLiteral("{\"")), qPrintable(stream));
    QTRY_VERIFY_WITH_TIMEOUT(
        !panel->findChildren<QLabel*>(QStringLiteral("replayGrid")).isEmpty() &&
            !panel->findChildren<QLabel*>(QStringLiteral("replayGrid")).first()->pixmap().isNull(),
        30000);
    QTest::qWait(200);
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("ui-replay.png"))));
    QVERIFY(dock->grab().save(screenshotPath(QStringLiteral("ui-replay-dock.png"))));

    // Last and First, and the fork button of the replay asks for the turn shown.
    QTest::mouseClick(child<QToolButton>(panel, "replayLast"), Qt::LeftButton);
    QCOMPARE(label->text(), QStringLiteral("Turn %1 of %1").arg(m_turns));
    QVERIFY(!child<QToolButton>(panel, "replayNext")->isEnabled());
    QCOMPARE(panel->timeline()->rowCount(), callsUpTo.value(m_turns));
    QVERIFY(panel->stream()->toPlainText().contains(QStringLiteral("The run finished")));
    QTest::mouseClick(child<QToolButton>(panel, "replayFirst"), Qt::LeftButton);
    QCOMPARE(label->text(), QStringLiteral("Turn 1 of %1").arg(m_turns));
    QTest::mouseClick(child<QPushButton>(panel, "replayFork"), Qt::LeftButton);
    QTRY_VERIFY(dock->forkDialog() != nullptr && dock->forkDialog()->isVisible());
    QCOMPARE(dock->forkDialog()->turn(),
             panel->timeline()->card(panel->timelineView()->currentIndex().row()).turn);
    dock->forkDialog()->reject();

    // A fork replays with its origin in words.
    if (!m_forkId.isEmpty()) {
        shown.clear();
        dock->replayRun(m_forkId);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 30000);
        QTest::mouseClick(child<QToolButton>(panel, "replayLast"), Qt::LeftButton);
        const QString forkStream = panel->stream()->toPlainText();
        QVERIFY2(forkStream.contains(QStringLiteral("This run is a fork of run %1 after its turn %2")
                                         .arg(m_runId)
                                         .arg(m_commitTurn)),
                 qPrintable(forkStream));
        QVERIFY(forkStream.contains(QStringLiteral("Try film grain instead.")));
        QVERIFY(child<QLabel>(panel, "replayTitle")
                    ->text()
                    .contains(QStringLiteral("forked from %1").arg(m_runId)));
    }

    // Leaving the replay returns to the live view; nothing ran, nothing was written.
    QTest::mouseClick(child<QPushButton>(panel, "replayLeave"), Qt::LeftButton);
    QVERIFY(!dock->isReplaying());
    QVERIFY(!window.agentBridge()->isRunning());
    QVERIFY(bridgeEvents.isEmpty());
    QCOMPARE(fileBytes(transcriptPath(m_runId)), original);
    QCOMPARE(QDir(m_workspace + QStringLiteral("/runs")).entryList({QStringLiteral("*.jsonl")}, QDir::Files),
             runsBefore);
    preferences::setAgentEndpoint(m_workspace, {});
}

QTEST_MAIN(ForkReplayTest)
#include "tst_forkreplay.moc"
