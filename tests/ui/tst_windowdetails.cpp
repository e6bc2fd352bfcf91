// Issue 14's smaller defects, each through the window as a user meets it: Esc in the shortcuts dialog,
// an attribute search keeping the negatives, a run's empty branch not followed, the agent's endpoint per
// workspace, the original format exported from the File menu.
#include "agent/agentevents.h"
#include "bridge/agentbridge.h"
#include "bridge/jobrunner.h"
#include "bridge/preferences.h"
#include "curation/curationsession.h"
#include "dataset/curationlog.h"
#include "dialogs/shortcutsdialog.h"
#include "docks/histogramdock.h"
#include "docks/searchdock.h"
#include "docks/taxonomydock.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutregistry.h"
#include "models/searchresultsmodel.h"
#include "uitesthelpers.h"
#include "widgets/resultsview.h"
#include "widgets/similarityhistogramview.h"

#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequenceEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace curator;
using namespace curator::ui;

class WindowDetailsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void escapeInTheShortcutsDialogCancelsInsteadOfBinding();
    void anAttributeSearchKeepsTheResearchersNegatives();
    void aRunsBranchIsFollowedOnlyOnceItHoldsACommit();
    void theAgentEndpointIsSavedPerWorkspace();
    void theFileMenuExportsTheOriginalFormat();
    void aThresholdCommitFromTheWindowLeavesOutRejectedImages();
    void aRangeOfBarsFiltersTheGridAndASampleShadesItsBand();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
};

void WindowDetailsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorUiTests"));
    test::useFreshSettings();
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

void WindowDetailsTest::escapeInTheShortcutsDialogCancelsInsteadOfBinding() {
    ShortcutRegistry registry(nullptr, QStringLiteral("windowDetailsShortcuts"));
    registerReviewCommands(registry);
    registry.resetAllToDefaults();
    ShortcutsDialog dialog(&registry);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.selectCommand(QString::fromLatin1(reviewcommand::Accept)));
    auto* editor = dialog.findChild<QKeySequenceEdit*>();
    QVERIFY(editor);
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Escape);
    QTest::qWait(1200); // longer than the editor's own end-of-recording pause
    QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Accept)),
             QList<QKeySequence>{QKeySequence(Qt::Key_A)});
    QVERIFY(dialog.message().contains(QStringLiteral("unchanged")));
    QVERIFY(dialog.isVisible()); // Esc cancelled the recording, not the dialog
}

void WindowDetailsTest::anAttributeSearchKeepsTheResearchersNegatives() {
    MainWindow window(m_workspace);
    window.searchDock()->setQuery(QStringLiteral("grainy"), {QStringLiteral("text overlay")});
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    Q_EMIT window.taxonomyDock()->searchRequested(QStringLiteral("motion blur"));
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(window.searchDock()->request().query, QStringLiteral("motion blur"));
    QCOMPARE(window.searchDock()->request().negatives, QStringList{QStringLiteral("text overlay")});
}

void WindowDetailsTest::aRunsBranchIsFollowedOnlyOnceItHoldsACommit() {
    MainWindow window(m_workspace);
    const auto send = [&window](EventKind kind, const QJsonObject& fields) {
        QJsonObject event = fields;
        event.insert(QStringLiteral("type"), QLatin1String(eventKindName(kind)));
        Q_EMIT window.agentBridge()->eventReceived(QLatin1String(eventKindName(kind)),
                                                   QJsonDocument(event).toJson(QJsonDocument::Compact));
    };
    const QJsonObject branch{{QStringLiteral("branch"), QStringLiteral("agent/failed-run")}};
    send(EventKind::RunStarted, branch);
    send(EventKind::RunFinished, {{QStringLiteral("reason"), QStringLiteral("error")}});
    QCOMPARE(window.taxonomyDock()->branch(), QString()); // still the checked-out branch
    send(EventKind::RunStarted, {{QStringLiteral("branch"), QStringLiteral("agent/good-run")}});
    send(EventKind::Commit, {{QStringLiteral("id"), QStringLiteral("c1")}});
    QCOMPARE(window.taxonomyDock()->branch(), QStringLiteral("agent/good-run"));
    // A resumed run's branch already holds its commits: followed at once.
    send(EventKind::RunResumed, {{QStringLiteral("branch"), QStringLiteral("agent/resumed-run")}});
    QCOMPARE(window.taxonomyDock()->branch(), QStringLiteral("agent/resumed-run"));
}

void WindowDetailsTest::theAgentEndpointIsSavedPerWorkspace() {
    const QString first = m_directory.filePath(QStringLiteral("first"));
    const QString second = m_directory.filePath(QStringLiteral("second"));
    AgentEndpoint local;
    local.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
    local.model = QStringLiteral("local-model");
    AgentEndpoint hosted;
    hosted.baseUrl = QStringLiteral("https://openrouter.ai/api/v1");
    hosted.model = QStringLiteral("hosted-model");
    hosted.apiKeyEnvironmentVariable = QStringLiteral("OPENROUTER_API_KEY");
    preferences::setAgentEndpoint(first, local);
    preferences::setAgentEndpoint(second, hosted);
    QCOMPARE(preferences::agentEndpoint(first).baseUrl, local.baseUrl);
    QCOMPARE(preferences::agentEndpoint(first).model, local.model);
    QCOMPARE(preferences::agentEndpoint(second).baseUrl, hosted.baseUrl);
    QCOMPARE(preferences::agentEndpoint(second).apiKeyEnvironmentVariable, hosted.apiKeyEnvironmentVariable);
    // A workspace with no choice of its own starts with the one saved last.
    QCOMPARE(preferences::agentEndpoint(m_directory.filePath(QStringLiteral("third"))).model, hosted.model);
    preferences::setAgentEndpoint(first, AgentEndpoint());
    preferences::setAgentEndpoint(second, AgentEndpoint());
}

void WindowDetailsTest::theFileMenuExportsTheOriginalFormat() {
    {
        CurationSession session(m_workspace.toStdString());
        QueryRequest request;
        request.text = "motion blur";
        auto prepared = session.prepare(request);
        QVERIFY(prepared.ok());
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        CommitDetails details;
        details.threshold = 0.2;
        details.message = "blur for the export";
        QVERIFY(session.commit(*log, *prepared, details).ok());
    }
    MainWindow window(m_workspace);
    bool listed = false;
    for (QAction* menu : window.menuBar()->actions()) {
        for (QAction* action : menu->menu() ? menu->menu()->actions() : QList<QAction*>()) {
            listed = listed || action->text().contains(QStringLiteral("original system"));
        }
    }
    QVERIFY(listed);
    const QString file = m_directory.filePath(QStringLiteral("original.json"));
    QSignalSpy finished(window.jobRunner(), &JobRunner::finished);
    QVERIFY(window.startExportDataset(file, true));
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QJsonObject dataset = QJsonDocument::fromJson(written.readAll()).object();
    QCOMPARE(dataset.size(), 1);
    // The original's shape: commit id -> {query, dataset, threshold, negative_prompts, ..., images}.
    const QJsonObject commit = dataset.begin().value().toObject();
    QCOMPARE(commit.value(QStringLiteral("query")).toString(), QStringLiteral("motion blur"));
    QVERIFY(commit.value(QStringLiteral("images")).toArray().size() > 0);
}

void WindowDetailsTest::aThresholdCommitFromTheWindowLeavesOutRejectedImages() {
    MainWindow window(m_workspace);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("film grain"));
    QTRY_COMPARE(shown.count(), 1);
    SearchResultsModel* results = window.resultsModel();
    QVERIFY(results->rowCount() > 5);
    // The researcher rejects two of the best matches, then commits above a threshold under both.
    results->setReviewMark(0, SearchResultsModel::ReviewMark::Rejected);
    results->setReviewMark(2, SearchResultsModel::ReviewMark::Rejected);
    const double threshold = results->index(5, 0).data(SearchResultsModel::SimilarityRole).toDouble() - 1e-4;
    QSignalSpy committed(window.searchBridge(), &SearchBridge::committed);
    window.commitAboveThreshold(threshold, results->snapshot().generation);
    auto* dialog = window.findChild<QInputDialog*>(QStringLiteral("commitAboveDialog"));
    QVERIFY(dialog);
    QVERIFY2(dialog->labelText().contains(QStringLiteral("2 image(s) you rejected are left out")),
             qPrintable(dialog->labelText()));
    dialog->setTextValue(QStringLiteral("grain above the knee"));
    dialog->accept();
    QVERIFY(committed.wait(30000));
    QCOMPARE(committed.first().at(3).toULongLong(), 2ull); // excluded
    QCOMPARE(committed.first().at(1).toULongLong(), 4ull); // rows 0-5 less the two rejected
}

void WindowDetailsTest::aRangeOfBarsFiltersTheGridAndASampleShadesItsBand() {
    MainWindow window(m_workspace);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("film grain"));
    QTRY_COMPARE(shown.count(), 1);
    const int total = window.resultsModel()->rowCount();
    const double top = window.resultsModel()->index(0, 0).data(SearchResultsModel::SimilarityRole).toDouble();
    Q_EMIT window.histogramDock()->rangeSelected(top - 0.05, top + 0.01);
    QVERIFY(window.resultsView()->visibleRowCount() > 0);
    QVERIFY(window.resultsView()->visibleRowCount() < total);
    Q_EMIT window.histogramDock()->rangeCleared();
    QCOMPARE(window.resultsView()->visibleRowCount(), total);
    // A band sample shades its band on the chart.
    Q_EMIT window.searchDock()->bandSampleRequested(0.1, 0.3, 10, 7);
    QTRY_COMPARE(shown.count(), 2);
    const auto band = window.histogramDock()->view()->sampledBand();
    QVERIFY(band.has_value());
    QCOMPARE(band->first, 0.1);
    QCOMPARE(band->second, 0.3);
}

QTEST_MAIN(WindowDetailsTest)
#include "tst_windowdetails.moc"
