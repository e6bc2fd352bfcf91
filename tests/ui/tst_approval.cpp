// Stepping in (issue 16 §2) in the workstation: the approval panel's sample grid, histogram and what-if
// counts from the core as the threshold is dragged, approving at the edited threshold, approval per tool,
// a message pending until the agent receives it, and the runs list with merge and discard. Offline
// heuristic runs on a demo workspace; screenshots at 1280x800 and at a large size beside the executable.

#include "bridge/agentbridge.h"
#include "bridge/logbridge.h"
#include "dialogs/approvaldialog.h"
#include "docks/agentdock.h"
#include "docks/runsdock.h"
#include "models/runlistmodel.h"
#include "uitesthelpers.h"
#include "widgets/pendingmessagesview.h"
#include "widgets/similarityhistogramview.h"

#include "curation/commitwhatif.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace curator;
using namespace curator::ui;
using test::child;
using test::eventsOf;
using test::screenshotPath;
using test::windowWithDialog;

class ApprovalTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void approvalShowsWhatAnotherThresholdAdmitsAndCommitsExactlyThat();
    void approvalPerToolStopsOnlyTheChosenTools();
    void aMessageIsPendingUntilTheAgentReceivesIt();
    void runsAreListedAndTheirBranchesMergedOrDiscarded();

private:
    QString m_workspace;
    QTemporaryDir m_directory;
};

void ApprovalTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorApprovalTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 600, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

void ApprovalTest::approvalShowsWhatAnotherThresholdAdmitsAndCommitsExactlyThat() {
    AgentBridge bridge(m_workspace);
    QMainWindow window;
    auto* dock = new AgentDock(&bridge);
    window.setCentralWidget(new QLabel(QStringLiteral("grid")));
    window.addDockWidget(Qt::LeftDockWidgetArea, dock);
    window.resize(1280, 800);
    window.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(dock, &AgentDock::runFinished);
    child<QCheckBox>(dock, "agentApproval")->setChecked(true);
    dock->startRun(QStringLiteral("VHS decay and analog glitch"));
    ApprovalDialog* dialog = dock->approvalDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), "the run ended before asking for an approval");
    const QJsonObject asked = eventsOf(events, QStringLiteral("approval_needed")).first();
    const QJsonObject preview = asked.value(QStringLiteral("preview")).toObject();
    const double proposed =
        asked.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("threshold")).toDouble();
    const qint64 count = preview.value(QStringLiteral("count")).toInteger();
    const qint64 fresh = preview.value(QStringLiteral("new")).toInteger();
    QVERIFY(count > 0);

    // The sample grid, the histogram with the agent's threshold, and the counts at it.
    QVERIFY(!dialog->isModal());
    QVERIFY(child<QLabel>(dialog, "approvalSummary")->text().contains(QStringLiteral("%1 new").arg(fresh)));
    auto* histogram = child<SimilarityHistogramView>(dialog, "approvalHistogram");
    QVERIFY(!histogram->isEmpty());
    QCOMPARE(std::round(histogram->threshold() * 1000), std::round(proposed * 1000));
    QVERIFY(child<QListWidget>(dialog, "approvalThumbnails")->count() > 0);
    QTRY_VERIFY(dialog->whatIfText().contains(QStringLiteral("%1 images, %2 new").arg(count).arg(fresh)));
    QVERIFY(!child<QPushButton>(dialog, "approveThreshold")->isEnabled());
    // Placed beside the Agent dock, not over it.
    QVERIFY(dialog->frameGeometry().left() > dock->mapToGlobal(QPoint(dock->width(), 0)).x());

    // A threshold typed and ended with Return is taken as typed; Return never approves (the agent's
    // threshold would be committed while the person meant theirs).
    auto* typed = child<QDoubleSpinBox>(dialog, "approvalThreshold");
    typed->selectAll();
    QTest::keyClicks(typed, QStringLiteral("0.5"));
    QTest::keyClick(typed, Qt::Key_Return);
    QVERIFY2(dialog->isVisible(), "Return in the threshold box decided the approval");
    QCOMPARE(typed->value(), 0.5);
    QCOMPARE(std::round(histogram->threshold() * 1000), 500.0);
    QVERIFY(child<QPushButton>(dialog, "approveThreshold")->isEnabled());

    // Dragging the slider asks the core, off the GUI thread, what a lower threshold admits.
    const auto whatIf = bridge.pendingCommitWhatIf();
    QVERIFY(whatIf != nullptr);
    QSignalSpy shown(dialog, &ApprovalDialog::whatIfShown);
    const double edited = std::round((proposed - 0.05) * 1000) / 1000;
    child<QSlider>(dialog, "approvalSlider")->setValue(static_cast<int>(std::lround(edited * 1000)));
    QTRY_VERIFY(!shown.isEmpty() && std::abs(shown.last().at(0).toDouble() - edited) < 1e-9);
    const ThresholdAdmission expected = whatIf->at(edited);
    QCOMPARE(shown.last().at(1).toLongLong(), static_cast<qint64>(expected.admitted));
    QCOMPARE(shown.last().at(2).toLongLong(), static_cast<qint64>(expected.fresh));
    QVERIFY(expected.admitted >= static_cast<size_t>(count));
    QVERIFY(dialog->whatIfText().contains(QStringLiteral("at %1: %2 images, %3 new")
                                              .arg(edited, 0, 'f', 3)
                                              .arg(expected.admitted)
                                              .arg(expected.fresh)));
    QCOMPARE(child<QDoubleSpinBox>(dialog, "approvalThreshold")->value(), edited);
    QVERIFY(child<QPushButton>(dialog, "approveThreshold")->isEnabled());
    QVERIFY(
        windowWithDialog(window, *dialog).save(screenshotPath(QStringLiteral("ui-approval-1280x800.png"))));
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("ui-approval-dialog.png"))));
    window.resize(2560, 1440);
    dialog->resize(1500, 950);
    QVERIFY(windowWithDialog(window, *dialog).save(screenshotPath(QStringLiteral("ui-approval-large.png"))));

    // Approving at the edited threshold commits exactly what the what-if said.
    QTest::mouseClick(child<QPushButton>(dialog, "approveThreshold"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, QStringLiteral("commit")).isEmpty(), 60000);
    bridge.stop();
    const QJsonObject commit =
        eventsOf(events, QStringLiteral("commit")).first().value(QStringLiteral("commit")).toObject();
    QCOMPARE(commit.value(QStringLiteral("selected")).toInteger(), static_cast<qint64>(expected.admitted));
    QCOMPARE(commit.value(QStringLiteral("added")).toInteger(), static_cast<qint64>(expected.fresh));
    QCOMPARE(eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"),
                      QStringLiteral("approve_with_threshold"))
                 .first()
                 .value(QStringLiteral("threshold"))
                 .toDouble(),
             edited);
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void ApprovalTest::approvalPerToolStopsOnlyTheChosenTools() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentApproval")->setChecked(false);
    child<QCheckBox>(&dock, "agentApproveRate")->setChecked(true);
    dock.startRun(QStringLiteral("VHS decay and analog glitch"));
    QTRY_VERIFY_WITH_TIMEOUT(dock.approvalDialog()->isVisible() || !finished.isEmpty(), 60000);
    QVERIFY2(finished.isEmpty(), "the run ended before asking for an approval");
    const QJsonObject started = eventsOf(events, QStringLiteral("run_started")).first();
    QCOMPARE(
        started.value(QStringLiteral("config")).toObject().value(QStringLiteral("approve_tools")).toArray(),
        QJsonArray{QStringLiteral("aesthetics_rate")});
    const QList<QJsonObject> asked = eventsOf(events, QStringLiteral("approval_needed"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().value(QStringLiteral("name")).toString(), QStringLiteral("aesthetics_rate"));
    QVERIFY(child<QLabel>(dock.approvalDialog(), "approvalSummary")
                ->text()
                .contains(QStringLiteral("rate the aesthetics")));
    QVERIFY(!child<QWidget>(dock.approvalDialog(), "approvalHistogram")->isVisible());
    QVERIFY(dock.approvalDialog()->grab().save(screenshotPath(QStringLiteral("ui-approval-rate.png"))));
    // Turned off during the run: the rest goes on unasked (commits included).
    child<QCheckBox>(&dock, "agentApproveRate")->setChecked(false);
    QTRY_VERIFY(!eventsOf(events, QStringLiteral("human_action"), QStringLiteral("action"),
                          QStringLiteral("approval_mode_off"))
                     .isEmpty());
    QTest::mouseClick(child<QPushButton>(dock.approvalDialog(), "approve"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, QStringLiteral("commit")).isEmpty() || !finished.isEmpty(),
                             60000);
    QCOMPARE(eventsOf(events, QStringLiteral("approval_needed")).size(), 1);
    bridge.stop();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void ApprovalTest::aMessageIsPendingUntilTheAgentReceivesIt() {
    AgentBridge bridge(m_workspace);
    AgentDock dock(&bridge);
    dock.resize(520, 760);
    dock.show();
    QSignalSpy events(&bridge, &AgentBridge::eventReceived);
    QSignalSpy finished(&dock, &AgentDock::runFinished);
    child<QCheckBox>(&dock, "agentPauseBeforeTurn")->setChecked(true);
    dock.startRun(QStringLiteral("film grain"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !eventsOf(events, QStringLiteral("run_waiting")).isEmpty() || !finished.isEmpty(), 60000);
    QVERIFY(finished.isEmpty());
    auto* message = child<QLineEdit>(&dock, "agentMessage");
    QTest::keyClicks(message, QStringLiteral("prefer outdoor scenes"));
    QTest::keyClick(message, Qt::Key_Return);
    PendingMessagesView* pending = dock.pendingMessages();
    QTRY_COMPARE(pending->lines(), QStringList{QStringLiteral("pending: prefer outdoor scenes")});
    QVERIFY(pending->isVisible());
    QVERIFY(eventsOf(events, QStringLiteral("message_delivered")).isEmpty());
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-message-pending.png"))));
    QTest::mouseClick(child<QPushButton>(&dock, "agentStep"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, QStringLiteral("message_delivered")).isEmpty(), 30000);
    QTRY_COMPARE(pending->lines(), QStringList{QStringLiteral("delivered: prefer outdoor scenes")});
    QCOMPARE(pending->pendingCount(), 0);
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-message-delivered.png"))));
    bridge.stop();
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
}

void ApprovalTest::runsAreListedAndTheirBranchesMergedOrDiscarded() {
    // The runs of the tests above: each stopped after at most a commit, each with its transcript.
    AgentBridge agent(m_workspace);
    LogBridge log(m_workspace);
    RunsDock dock(&agent, &log, m_workspace);
    dock.resize(1000, 320);
    dock.show();
    QSignalSpy refreshed(&dock, &RunsDock::refreshed);
    dock.refresh();
    QTRY_VERIFY(!refreshed.isEmpty());
    RunListModel* model = dock.model();
    const QStringList transcripts =
        QDir(m_workspace + QStringLiteral("/runs")).entryList({QStringLiteral("*.jsonl")}, QDir::Files);
    QCOMPARE(model->rowCount(), static_cast<int>(transcripts.size()));
    QVERIFY(model->rowCount() >= 3);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, RunListModel::StateColumn);
        QCOMPARE(model->data(index, RunListModel::StateRole).toString(), QStringLiteral("finished"));
        QCOMPARE(model->data(index, RunListModel::BranchStateRole).toString(), QStringLiteral("open"));
        QVERIFY(model->data(model->index(row, RunListModel::ThemeColumn), Qt::DisplayRole).toString().size() >
                0);
    }
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-runs-large.png"))));
    dock.resize(420, 300); // the right column of a 1280x800 window
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-runs-1280x800.png"))));

    // The first test's run committed: merge its branch into main.
    const int committedRow = [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->runAt(row)->addedImages > 0) {
                return row;
            }
        }
        return -1;
    }();
    QVERIFY(committedRow >= 0);
    const QString merged = QString::fromStdString(model->runAt(committedRow)->runId);
    const QString discarded = QString::fromStdString(model->runAt(committedRow == 0 ? 1 : 0)->runId);
    QVERIFY(dock.selectRun(merged));
    auto* merge = child<QPushButton>(&dock, "runsMerge");
    QVERIFY(merge->isEnabled());
    QVERIFY(child<QPushButton>(&dock, "runsResume")->isEnabled());
    QVERIFY(!child<QPushButton>(&dock, "runsStop")->isEnabled());
    refreshed.clear();
    QTest::mouseClick(merge, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->rowOf(merged) >= 0 &&
            model->data(model->index(model->rowOf(merged), 0), RunListModel::BranchStateRole).toString() ==
                QLatin1String("merged"),
        30000);
    QVERIFY(!merge->isEnabled()); // a merged branch is merged once
    QVERIFY(dock.selectRun(discarded));
    QTest::mouseClick(child<QPushButton>(&dock, "runsDiscard"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        model->data(model->index(model->rowOf(discarded), 0), RunListModel::BranchStateRole).toString() ==
            QLatin1String("discarded"),
        30000);
    QVERIFY(model->data(model->index(model->rowOf(discarded), RunListModel::BranchColumn), Qt::DisplayRole)
                .toString()
                .contains(QStringLiteral("discarded")));
    QVERIFY(dock.grab().save(screenshotPath(QStringLiteral("ui-runs-after-merge.png"))));
}

QTEST_MAIN(ApprovalTest)
#include "tst_approval.moc"
