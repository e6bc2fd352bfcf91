// Supervising an agent run in the Agent dock (issue 14): the approval dialog in words and thumbnails,
// Edit threshold at the agent's value, closing it leaves the commit pending, human actions in words, the
// offline planner saying it cannot read messages, pause before each turn with Step, the timeline in one
// card per call, and a dock that fits a short screen. Offline heuristic runs on a demo workspace.

#include "bridge/agentbridge.h"
#include "dialogs/approvaldialog.h"
#include "docks/agentdock.h"
#include "models/agenttimelinemodel.h"
#include "uitesthelpers.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

using namespace curator;
using namespace curator::ui;
using test::child;
using test::eventsOf;
using test::screenshotPath;

class AgentDockTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void approvalDialogShowsTheCommitAndClosingLeavesItPending();
    void rejectWithAReasonIsShownInWords();
    void pauseBeforeEachTurnStepsOneTurnAndTheOfflinePlannerSaysItCannotRead();
    void pauseBeforeEachCommitHoldsTheCommitUntilResumed();
    void dockFitsAShortScreenAndTheReasoningGetsMostOfIt();

private:
    QString m_workspace;
    QTemporaryDir m_directory;
};

void AgentDockTest::initTestCase() {
    // Preferences of the tests (no LLM endpoint: the offline heuristic planner), not the user's.
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorAgentDockTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    QString error;
    // Large enough for the heuristic planner to find batches worth committing.
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 600, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

void AgentDockTest::approvalDialogShowsTheCommitAndClosingLeavesItPending() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentApproval")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("approval_needed")).isEmpty() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), "the run ended before asking for an approval");
    const QJsonObject asked = eventsOf(events, QStringLiteral("approval_needed")).first();
    const QJsonObject preview = asked.value(QStringLiteral("preview")).toObject();
    const double proposed =
        asked.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("threshold")).toDouble();
    const qint64 count = preview.value(QStringLiteral("count")).toInteger();
    QVERIFY(count > 0);

    // A non-modal dialog in words: the count and the query, not the event's JSON.
    ApprovalDialog* dialog = dock.approvalDialog();
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QVERIFY(dock.approvalPending());
    const QString summary = child<QLabel>(dialog, "approvalSummary")->text();
    QVERIFY2(summary.contains(QStringLiteral("%1 images").arg(count)), qPrintable(summary));
    QVERIFY(summary.contains(
        asked.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("query")).toString()));
    QVERIFY(!summary.contains(QStringLiteral("\"call_id\"")));
    // Thumbnails of the sample: placeholders at once, images once decoded off the GUI thread.
    auto* thumbnails = child<QListWidget>(dialog, "approvalThumbnails");
    const int rows = static_cast<int>(preview.value(QStringLiteral("rows")).toArray().size());
    QVERIFY(rows > 0);
    QCOMPARE(thumbnails->count(), rows);
    QTRY_VERIFY_WITH_TIMEOUT(thumbnails->item(0)->data(ApprovalDialog::ThumbnailLoadedRole).toBool(), 30000);
    QVERIFY(!thumbnails->item(0)->icon().isNull());
    QTRY_VERIFY_WITH_TIMEOUT(thumbnails->item(rows - 1)->data(ApprovalDialog::ThumbnailLoadedRole).toBool(),
                             30000);
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("ui-agent-approval.png"))));

    // The threshold to edit starts at the agent's.
    QVERIFY(child<QDoubleSpinBox>(dialog, "approvalThreshold")->isVisible());
    QCOMPARE(child<QDoubleSpinBox>(dialog, "approvalThreshold")->value(), std::round(proposed * 1000) / 1000);
    QCOMPARE(dialog->proposedThreshold(), proposed);

    // Closing decides nothing: the commit stays pending and the dock offers it again.
    dialog->close();
    QVERIFY(!dialog->isVisible());
    QVERIFY(dock.approvalPending());
    QVERIFY(child<QPushButton>(&dock, "agentReviewApproval")->isVisible());
    QVERIFY(
        eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"), QStringLiteral("reject"))
            .isEmpty());
    QTest::mouseClick(child<QPushButton>(&dock, "agentReviewApproval"), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QTest::mouseClick(child<QPushButton>(dialog, "approve"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QVERIFY(!dock.approvalPending());
    QVERIFY(!child<QPushButton>(&dock, "agentReviewApproval")->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, QStringLiteral("commit")).isEmpty(), 60000);
    bridge.pause();
    const QString commitId = eventsOf(events, QStringLiteral("commit"))
                                 .first()
                                 .value(QStringLiteral("commit"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toString();
    QCOMPARE(eventsOf(events, QStringLiteral("commit"))
                 .first()
                 .value(QStringLiteral("commit"))
                 .toObject()
                 .value(QStringLiteral("selected"))
                 .toInteger(),
             count);
    bridge.humanUndo(commitId);
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"), QStringLiteral("undo"))
             .isEmpty(),
        30000);

    // What the person did, in words.
    const QString text = child<QTextEdit>(&dock, "agentReasoning")->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("You approved the commit.")), qPrintable(text.right(2000)));
    QVERIFY(text.contains(QStringLiteral("You paused the run.")));
    QVERIFY(text.contains(QStringLiteral("You undid commit %1.").arg(commitId.left(12))));
    QVERIFY(!text.contains(QStringLiteral("[you:")));
    QVERIFY(!text.contains(QStringLiteral("\"action\"")));
    bridge.stop();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void AgentDockTest::rejectWithAReasonIsShownInWords() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentApproval")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QTRY_VERIFY_WITH_TIMEOUT(dock.approvalDialog()->isVisible() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), "the run ended before asking for an approval");
    QTest::keyClicks(child<QLineEdit>(dock.approvalDialog(), "approvalReason"), QStringLiteral("too broad"));
    QTest::mouseClick(child<QPushButton>(dock.approvalDialog(), "reject"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"), QStringLiteral("reject"))
             .isEmpty(),
        30000);
    const QJsonObject rejected =
        eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"), QStringLiteral("reject"))
            .first();
    QCOMPARE(rejected.value(QStringLiteral("reason")).toString(), QStringLiteral("too broad"));
    const QString text = child<QTextEdit>(&dock, "agentReasoning")->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("You rejected the commit: too broad")),
             qPrintable(text.right(2000)));
    // The offline planner cannot read the reason, and the dock says so.
    QVERIFY(text.contains(QStringLiteral("the offline planner cannot read messages")));
    bridge.stop();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void AgentDockTest::pauseBeforeEachTurnStepsOneTurnAndTheOfflinePlannerSaysItCannotRead() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentPauseBeforeTurn")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("run_waiting"), QStringLiteral("turn"), 1).isEmpty() ||
            !finished.isEmpty(),
        60000);
    QVERIFY(finished.isEmpty());
    QVERIFY(eventsOf(events, QStringLiteral("tool_call")).isEmpty()); // nothing ran yet
    QVERIFY2(child<QLabel>(&dock, "agentRunState")->text().contains(QStringLiteral("Paused before turn 1")),
             qPrintable(child<QLabel>(&dock, "agentRunState")->text()));

    // Step: one turn, then the run waits before the next.
    QTest::mouseClick(child<QPushButton>(&dock, "agentStep"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("run_waiting"), QStringLiteral("turn"), 2).isEmpty(), 60000);
    const auto calls = eventsOf(events, QStringLiteral("tool_call"));
    QVERIFY(!calls.isEmpty());
    for (const auto& call : calls) {
        QCOMPARE(call.value(QStringLiteral("turn")).toInt(), 1);
    }
    QVERIFY(child<QLabel>(&dock, "agentRunState")->text().contains(QStringLiteral("Paused before turn 2")));
    dock.resize(480, 720);
    QTest::qWait(50); // layout settles for the screenshot
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-agentdock-paused.png"))));

    // The timeline in words: the tool and its key arguments, the JSON in the details.
    AgentTimelineModel* timeline = dock.timeline();
    QCOMPARE(timeline->rowCount(), static_cast<int>(calls.size()));
    for (int row = 0; row < timeline->rowCount(); ++row) {
        const QString summary = timeline->index(row).data().toString();
        QVERIFY2(!summary.contains(QLatin1Char('{')), qPrintable(summary));
        const QString arguments = calls[row].value(QStringLiteral("arguments")).toString();
        if (arguments.contains(QStringLiteral("\"query\""))) {
            const QString query = QJsonDocument::fromJson(arguments.toUtf8())
                                      .object()
                                      .value(QStringLiteral("query"))
                                      .toString();
            QVERIFY2(summary.contains(query), qPrintable(summary));
            QVERIFY(timeline->index(row)
                        .data(AgentTimelineModel::DetailsRole)
                        .toString()
                        .contains(QStringLiteral("\"query\"")));
        }
        QVERIFY(!timeline->index(row).data(AgentTimelineModel::ResultRole).toString().isEmpty());
    }

    // A message to the offline planner: kept, and the dock says it cannot be read.
    auto* message = child<QLineEdit>(&dock, "agentMessage");
    QTest::keyClicks(message, QStringLiteral("prefer scanlines over blur"));
    QTest::keyClick(message, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"), QStringLiteral("inject"))
             .isEmpty(),
        10000);
    const QString text = child<QTextEdit>(&dock, "agentReasoning")->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("You sent: prefer scanlines over blur")),
             qPrintable(text.right(2000)));
    QVERIFY(text.contains(QStringLiteral("the offline planner cannot read messages")));

    // Untick the pause: Resume runs the offline run to its end.
    child<QCheckBox>(&dock, "agentPauseBeforeTurn")->setChecked(false);
    QTest::mouseClick(child<QPushButton>(&dock, "agentResume"), Qt::LeftButton);
    QVERIFY(finished.wait(120000) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(eventsOf(events, QStringLiteral("run_waiting")).size(), 2);
}

void AgentDockTest::pauseBeforeEachCommitHoldsTheCommitUntilResumed() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentPauseBeforeCommit")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("run_waiting")).isEmpty() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), "the run ended without holding a commit");
    const QJsonObject held = eventsOf(events, QStringLiteral("run_waiting")).first();
    QCOMPARE(held.value(QStringLiteral("reason")).toString(), QStringLiteral("before_commit"));
    QVERIFY(eventsOf(events, QStringLiteral("commit")).isEmpty());
    const QString state = child<QLabel>(&dock, "agentRunState")->text();
    QVERIFY2(state.contains(QStringLiteral("Paused before a commit")), qPrintable(state));
    QVERIFY(state.contains(QStringLiteral("%1 images")
                               .arg(held.value(QStringLiteral("preview"))
                                        .toObject()
                                        .value(QStringLiteral("count"))
                                        .toInteger())));
    child<QCheckBox>(&dock, "agentPauseBeforeCommit")->setChecked(false);
    QTest::mouseClick(child<QPushButton>(&dock, "agentResume"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, QStringLiteral("commit")).isEmpty(), 60000);
    QCOMPARE(eventsOf(events, QStringLiteral("commit")).first().value(QStringLiteral("call_id")).toString(),
             held.value(QStringLiteral("call_id")).toString());
    bridge.stop();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void AgentDockTest::dockFitsAShortScreenAndTheReasoningGetsMostOfIt() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    const QSize minimum = dock.widget()->minimumSizeHint();
    QVERIFY2(minimum.height() <= 330, qPrintable(QStringLiteral("minimum height %1").arg(minimum.height())));
    qInfo("the dock's minimum size: %dx%d", minimum.width(), minimum.height());
    dock.resize(480, 700);
    dock.show();
    QTRY_VERIFY(dock.isVisible());
    auto* reasoning = child<QTextEdit>(&dock, "agentReasoning");
    auto* timeline = child<QListView>(&dock, "agentTimeline");
    QVERIFY2(reasoning->height() > timeline->height(),
             qPrintable(QStringLiteral("%1 vs %2").arg(reasoning->height()).arg(timeline->height())));
    // Shrunk to the minimum, everything still has room.
    dock.resize(480, dock.minimumSizeHint().height());
    QVERIFY(reasoning->height() > 0);
}

QTEST_MAIN(AgentDockTest)
#include "tst_agentdock.moc"
