#include "agent/curationtools.h"
#include "bridge/agentbridge.h"
#include "bridge/agentsearchmirror.h"
#include "bridge/jobrunner.h"
#include "bridge/logbridge.h"
#include "bridge/preferences.h"
#include "bridge/ratingbridge.h"
#include "bridge/searchbridge.h"
#include "bridge/secretstore.h"
#include "common/secrets.h"
#include "dataset/curationlog.h"
#include "demo/demoworkspace.h"
#include "demo/imagedemo.h"
#include "dialogs/democreationdialog.h"
#include "dialogs/settingsdialog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/scoredock.h"
#include "docks/searchdock.h"
#include "ingest/ingest.h"
#include "mainwindow/launcher.h"
#include "mainwindow/mainwindow.h"
#include "models/agenttimelinemodel.h"
#include "models/commitlogmodel.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"
#include "models/workspacebackends.h"
#include "search/scanengine.h"
#include "store/workspacesettings.h"
#include "uitesthelpers.h"
#include "widgets/wordcompleter.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QCompleter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace curator;
using namespace curator::ui;

class UiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void searchResultsModelPassesTheModelTester();
    void commitLogModelPassesTheModelTester();
    void bridgeDeliversResultsFromAWorkerAndDropsStaleOnes();
    void bridgeCountsExactlyAndReportsFailures();
    void mainWindowSearchesAndRenders();
    void theQueryBoxSuggestsTheEmbeddersPhrasesAsTheUserTypes();
    void agentDockRunsAHeuristicRunToTheEnd();
    void manualCommitAndUndoThroughTheBridges();
    void jobRunnerReportsProgressAndCancels();
    void settingsDialogSavesSpecsAndRefusesBadOnes();
    void bandSampleAndAcceptedCommitThroughTheWindow();
    void exportReleaseRunsAsAJobWithProgress();
    void launcherOpensAndRemembersTheWorkspace();
    void newcomerSupervisesAnAgentRunThroughTheWindow();
    void demoCreationShowsProgressAndCancels();
    void withNoWorkspaceTheLauncherOffersTheDemo();
    void commitsSurviveNewSearchesAndRefuseReplacedResults();
    void agentSearchIsMirroredAsTheAgentSawItWithoutAScan();
    void aWorkstationSearchIsOneScan();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
};

void UiTest::initTestCase() {
    // Preferences of the tests, not the user's.
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorUiTests"));
    test::useFreshSettings();
    QVERIFY(m_directory.isValid());
    m_workspace = m_directory.filePath(QStringLiteral("ws"));
    const std::string images = m_directory.filePath(QStringLiteral("images")).toStdString();
    auto collection = generateDemoCollection(images, 150, 11);
    QVERIFY2(collection.ok(), collection.ok() ? "" : collection.error().c_str());
    auto embedder = createEmbedder(*BackendSpec::parse("builtin"));
    QVERIFY(embedder.ok());
    for (const char* source : {"photos", "artwork", "dreamcore"}) {
        IngestRequest request;
        request.workspaceDirectory = m_workspace.toStdString();
        request.source = source;
        request.imagesDirectory = images + "/" + source;
        auto report = ingestImages(request, **embedder);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().c_str());
    }
}

void UiTest::searchResultsModelPassesTheModelTester() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SearchSnapshot snapshot;
    for (int i = 0; i < 50; ++i) {
        snapshot.rows.push_back(
            {QStringLiteral("img%1").arg(i), QStringLiteral("photos"), {}, {}, 1.0f - i / 100.0f});
    }
    model.setSnapshot(snapshot);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.data(model.index(3), SearchResultsModel::SimilarityRole).toDouble(),
             static_cast<double>(0.97f));
    model.setSnapshot({});
    QCOMPARE(model.rowCount(), 0);
}

void UiTest::commitLogModelPassesTheModelTester() {
    auto log = CurationLog::open(m_directory.filePath(QStringLiteral("log-ws")).toStdString());
    QVERIFY(log.ok());
    CommitRequest request;
    request.query = "motion blur";
    request.message = "first";
    request.images = {{"photos", "a.jpg", "", "", 0, 0, true}};
    QVERIFY(log->commit(request).ok());
    request.message = "second";
    auto second = log->commit(request);
    QVERIFY(second.ok());
    QVERIFY(log->undoCommit(second->id).ok());
    auto graph = log->log();
    QVERIFY(graph.ok());

    CommitLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGraph(std::make_shared<const CommitGraph>(*graph));
    QCOMPARE(model.rowCount(), 3); // two commits and the revert, newest first
    QCOMPARE(model.data(model.index(0, CommitLogModel::KindColumn), Qt::DisplayRole).toString(),
             QStringLiteral("revert"));
    QVERIFY(model.data(model.index(1, 0), CommitLogModel::UndoneRole).toBool());
}

void UiTest::bridgeDeliversResultsFromAWorkerAndDropsStaleOnes() {
    SearchBridge bridge(m_workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    SearchRequestValues stale;
    stale.query = QStringLiteral("harsh flash");
    SearchRequestValues fresh;
    fresh.query = QStringLiteral("motion blur");
    fresh.negatives = {QStringLiteral("text overlay")};
    fresh.topK = 20;
    const quint64 first = bridge.search(stale);
    const quint64 second = bridge.search(fresh);
    QVERIFY(results.wait(30000));
    QTest::qWait(200); // a stale answer, if one were delivered, would arrive now
    QCOMPARE(results.count(), 1);
    const auto snapshot = results.takeFirst().at(0).value<SearchSnapshot>();
    QVERIFY(second > first);
    QCOMPARE(snapshot.generation, second);
    QCOMPARE(snapshot.query, QStringLiteral("motion blur"));
    QCOMPARE(snapshot.rows.size(), 20);
    QCOMPARE(snapshot.scanned, 150ull);
    size_t distributed = 0;
    for (size_t count : snapshot.distribution.counts) {
        distributed += count;
    }
    QCOMPARE(distributed + snapshot.masked, 150ull);
}

void UiTest::bridgeCountsExactlyAndReportsFailures() {
    SearchBridge bridge(m_workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    QSignalSpy counts(&bridge, &SearchBridge::countReady);
    QSignalSpy failures(&bridge, &SearchBridge::failed);
    SearchRequestValues request;
    request.query = QStringLiteral("VHS decay");
    request.topK = 30;
    bridge.search(request);
    QVERIFY(results.wait(30000));
    const auto snapshot = results.takeFirst().at(0).value<SearchSnapshot>();
    const double threshold = static_cast<double>(snapshot.rows.at(9).similarity);
    bridge.countAbove(threshold);
    QVERIFY(counts.wait(30000));
    QVERIFY(counts.first().at(1).toULongLong() >= 10ull);

    request.query = QStringLiteral("zzqx flibber");
    bridge.search(request);
    QVERIFY(failures.wait(30000));
    QVERIFY(failures.first().at(0).toString().contains(QStringLiteral("does not know any word")));
}

void UiTest::mainWindowSearchesAndRenders() {
    MainWindow window(m_workspace);
    window.resize(1200, 800);
    window.show();
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("VHS decay"), {QStringLiteral("text overlay")});
    QVERIFY(shown.wait(30000));
    QVERIFY(window.resultsModel()->rowCount() > 0);
    QTest::qWait(500); // thumbnails
    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 1200);
    const QString path =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-smoke.png"));
    QVERIFY(image.save(path));
}

void UiTest::theQueryBoxSuggestsTheEmbeddersPhrasesAsTheUserTypes() {
    MainWindow window(m_workspace);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SearchDock* dock = window.searchDock();
    dock->focusQuery();
    QLineEdit* query = dock->queryField();
    QCompleter* completer = dock->queryCompleter()->completer();

    // The word being typed, not the whole line: "mot" after other words offers "motion blur".
    QTest::keyClicks(query, QStringLiteral("grainy and mot"));
    QTRY_VERIFY(completer->popup()->isVisible());
    QStringList offered;
    int motionBlur = -1;
    for (int row = 0; row < completer->completionModel()->rowCount(); ++row) {
        offered << completer->completionModel()->index(row, 0).data().toString();
        if (offered.last() == QLatin1String("motion blur")) {
            motionBlur = row;
        }
    }
    QVERIFY2(motionBlur >= 0, qPrintable(offered.join(QStringLiteral(", "))));
    for (const QString& phrase : offered) {
        QVERIFY2(phrase.startsWith(QLatin1String("mot")), qPrintable(phrase));
    }
    completer->popup()->setCurrentIndex(completer->completionModel()->index(motionBlur, 0));
    QTest::keyClick(completer->popup(), Qt::Key_Return);
    QCOMPARE(query->text(), QStringLiteral("grainy and motion blur"));
    QVERIFY(!completer->popup()->isVisible());

    // One letter offers nothing; a word no phrase starts with closes the popup.
    query->clear();
    QTest::keyClicks(query, QStringLiteral("m"));
    QVERIFY(!completer->popup()->isVisible());
    QTest::keyClicks(query, QStringLiteral("qz"));
    QVERIFY(!completer->popup()->isVisible());

    // A refused query names the known words near its own.
    QSignalSpy failed(&window, &MainWindow::searchFailed);
    window.search(QStringLiteral("blurr"));
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("did you mean blur")),
             qPrintable(failed.first().at(0).toString()));
}

void UiTest::agentDockRunsAHeuristicRunToTheEnd() {
    MainWindow window(m_workspace);
    window.show();
    QSignalSpy events(window.agentBridge(), &AgentBridge::eventReceived);
    QSignalSpy finished(window.agentDock(), &AgentDock::runFinished);
    window.agentDock()->startRun(QStringLiteral("VHS decay and analog glitch"));
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QStringList types;
    for (const auto& arguments : events) {
        types << arguments.at(0).toString();
    }
    QVERIFY(types.contains(QStringLiteral("run_started")));
    QVERIFY(types.contains(QStringLiteral("reasoning_delta")));
    QVERIFY(types.contains(QStringLiteral("run_finished")));
    // Every tool call is a card of the timeline, with its result.
    const int calls = static_cast<int>(types.count(QStringLiteral("tool_call")));
    QVERIFY(calls > 0);
    QCOMPARE(window.agentDock()->timeline()->rowCount(), calls);
    QVERIFY(window.agentDock()->timeline()->card(0).answered);
    QAbstractItemModelTester tester(window.agentDock()->timeline(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void UiTest::manualCommitAndUndoThroughTheBridges() {
    const QString workspace = m_directory.filePath(QStringLiteral("manual-ws"));
    QVERIFY(QDir().mkpath(workspace));
    // A workspace of its own: copy the store so that the commits here touch no other test.
    const auto copy = [](const QString& from, const QString& to) {
        return std::system(("cp -r '" + from.toStdString() + "/.' '" + to.toStdString() + "'").c_str()) == 0;
    };
    QVERIFY(copy(m_workspace, workspace));
    SearchBridge search(workspace);
    LogBridge log(workspace);
    QSignalSpy results(&search, &SearchBridge::resultsReady);
    QSignalSpy committed(&search, &SearchBridge::committed);
    QSignalSpy failures(&search, &SearchBridge::failed);
    QSignalSpy graphs(&log, &LogBridge::graphReady);
    QSignalSpy undone(&log, &LogBridge::undone);

    search.commitAbove(0.5, QStringLiteral("too early"));
    QVERIFY(failures.wait(30000)); // a commit needs a search first
    SearchRequestValues request;
    request.query = QStringLiteral("harsh flash");
    request.topK = 12;
    search.search(request);
    QVERIFY(results.wait(30000));
    const auto snapshot = results.takeFirst().at(0).value<SearchSnapshot>();
    search.commitAbove(static_cast<double>(snapshot.rows.last().similarity),
                       QStringLiteral("harsh flash batch"));
    QVERIFY(committed.wait(30000));
    QVERIFY(committed.first().at(1).toULongLong() >= 12ull); // everything the top 12 reached, at least
    const QString shortId = committed.first().at(0).toString();

    log.refresh();
    QVERIFY(graphs.wait(30000));
    auto graph = graphs.takeLast().at(0).value<std::shared_ptr<const CommitGraph>>();
    QCOMPARE(graph->commits.size(), size_t(1));
    QCOMPARE(QString::fromStdString(graph->commits.front().info.message),
             QStringLiteral("harsh flash batch"));

    log.undo(shortId);
    QVERIFY(undone.wait(30000));
    QVERIFY(graphs.wait(30000));
    graph = graphs.takeLast().at(0).value<std::shared_ptr<const CommitGraph>>();
    QCOMPARE(graph->commits.size(), size_t(2));
    QVERIFY(graph->commits.front().undone);
}

namespace {

// A copy of the shared workspace, so that commits in one test touch no other.
// The workspace may be open in a window whose worker threads close their database connections at any
// moment, and SQLite removes its -wal and -shm files when the last one closes: a copy that meets a file
// vanishing under it is made again.
QString copyWorkspace(const QString& from, const QString& to) {
    const std::string copy = "rm -rf '" + to.toStdString() + "' && mkdir -p '" + to.toStdString() +
                             "' && cp -r '" + from.toStdString() + "/.' '" + to.toStdString() + "'";
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (std::system(copy.c_str()) == 0) {
            return to;
        }
    }
    return {};
}

} // namespace

void UiTest::jobRunnerReportsProgressAndCancels() {
    JobRunner runner;
    QSignalSpy started(&runner, &JobRunner::started);
    QSignalSpy progressed(&runner, &JobRunner::progressed);
    QSignalSpy finished(&runner, &JobRunner::finished);

    QVERIFY(runner.start(QStringLiteral("count"), [](const JobContext& context) -> Result<QString> {
        for (qint64 i = 1; i <= 5; ++i) {
            context.progress(i, 5, QStringLiteral("step %1").arg(i));
        }
        return QStringLiteral("counted");
    }));
    QVERIFY(runner.isBusy());
    QVERIFY(!runner.start(QStringLiteral("second"),
                          [](const JobContext&) -> Result<QString> { return QString(); }));
    QVERIFY(finished.wait(10000));
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("counted"));
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(progressed.last().at(0).toLongLong(), 5); // the last step always arrives
    QVERIFY(!runner.isBusy());

    // A job that polls the cancel flag stops when asked, and its error comes back.
    finished.clear();
    std::atomic<int> steps{0};
    QVERIFY(runner.start(QStringLiteral("endless"), [&steps](const JobContext& context) -> Result<QString> {
        while (context.progress(steps, 0, QString())) {
            ++steps;
            QThread::msleep(1);
        }
        return makeError("cancelled after " + std::to_string(steps.load()) + " steps");
    }));
    QTRY_VERIFY_WITH_TIMEOUT(steps > 3, 10000);
    runner.cancel();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(finished.first().at(1).toString().startsWith(QStringLiteral("cancelled after")));
}

void UiTest::settingsDialogSavesSpecsAndRefusesBadOnes() {
    const QString workspace = copyWorkspace(m_workspace, m_directory.filePath(QStringLiteral("settings-ws")));
    QVERIFY(!workspace.isEmpty());
    SecretStore secrets;
    SettingsDialog dialog(workspace, &secrets);
    QSignalSpy changed(&dialog, &SettingsDialog::workspaceSettingsChanged);
    dialog.show();
    QVERIFY(dialog.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-settings.png"))));
    QCOMPARE(dialog.embedderField()->text(), QStringLiteral("builtin"));

    // A bad spec is named and nothing is saved.
    dialog.scorerField()->setText(QStringLiteral("nonsense:somewhere"));
    QString error;
    QVERIFY(!dialog.apply(&error));
    QVERIFY2(error.startsWith(QStringLiteral("scorer:")), qPrintable(error));
    QCOMPARE(QString::fromStdString(WorkspaceSettings::load(workspace.toStdString())->scorer),
             QStringLiteral("builtin"));
    dialog.scorerField()->setText(QStringLiteral("builtin"));
    dialog.taxonomyField()->setText(m_directory.filePath(QStringLiteral("no-such-classes.json")));
    QVERIFY(!dialog.apply(&error));
    QVERIFY2(error.startsWith(QStringLiteral("taxonomy:")), qPrintable(error));
    dialog.taxonomyField()->clear();
    QCOMPARE(changed.count(), 0);

    // Good values: the workspace's specs in settings.json, the endpoint in the preferences, no key anywhere.
    dialog.captionerField()->setText(QStringLiteral("openai:http://127.0.0.1:9/v1#captioner-model"));
    dialog.baseUrlField()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
    dialog.modelField()->setText(QStringLiteral("test-model"));
    dialog.apiKeyVariableField()->setText(QStringLiteral("CURATOR_UI_TEST_KEY"));
    QVERIFY2(dialog.apply(&error), qPrintable(error));
    QCOMPARE(changed.count(), 1);
    const auto saved = WorkspaceSettings::load(workspace.toStdString());
    QVERIFY(saved.ok());
    QCOMPARE(QString::fromStdString(saved->captioner),
             QStringLiteral("openai:http://127.0.0.1:9/v1#captioner-model"));
    const AgentEndpoint endpoint = preferences::agentEndpoint(workspace);
    QCOMPARE(endpoint.baseUrl, QStringLiteral("http://127.0.0.1:9/v1"));
    QCOMPARE(endpoint.model, QStringLiteral("test-model"));
    QCOMPARE(endpoint.apiKeyEnvironmentVariable, QStringLiteral("CURATOR_UI_TEST_KEY"));

    // A key typed in is usable at once (keychain or, without one, this session) and never in a file.
    dialog.apiKeyField()->setText(QStringLiteral("sk-test-secret"));
    QSignalSpy stored(&secrets, &SecretStore::stored);
    QVERIFY(dialog.apply(&error));
    QVERIFY(stored.wait(10000));
    QCOMPARE(QString::fromStdString(secretFor("CURATOR_UI_TEST_KEY")), QStringLiteral("sk-test-secret"));
    QVERIFY(dialog.apiKeyField()->text().isEmpty());
    QFile settingsFile(QDir(workspace).filePath(QStringLiteral("settings.json")));
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    QVERIFY(!settingsFile.readAll().contains("sk-test-secret"));
    secrets.remove(QStringLiteral("CURATOR_UI_TEST_KEY"));
    QVERIFY(secretFor("CURATOR_UI_TEST_KEY").empty());
    preferences::setAgentEndpoint(workspace, AgentEndpoint());
}

void UiTest::bandSampleAndAcceptedCommitThroughTheWindow() {
    const QString workspace = copyWorkspace(m_workspace, m_directory.filePath(QStringLiteral("review-ws")));
    QVERIFY(!workspace.isEmpty());
    MainWindow window(workspace);
    window.show();
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("motion blur"));
    QVERIFY(shown.wait(30000));
    const SearchSnapshot search = window.resultsModel()->snapshot();
    QVERIFY(search.rows.size() > 20);

    // A band sample replaces the grid's rows with images drawn from the band, all inside it.
    const double maximum = search.rows.at(5).similarity;
    const double minimum = search.rows.at(20).similarity;
    QSignalSpy sampled(window.searchBridge(), &SearchBridge::bandSampled);
    window.searchBridge()->sampleBand(minimum, maximum, 6, 7);
    QVERIFY(sampled.wait(30000));
    const auto band = sampled.first().at(0).value<BandSample>();
    QCOMPARE(band.rows.size(), 6);
    QCOMPARE(band.seed, quint64(7));
    QTRY_COMPARE(window.resultsModel()->rowCount(), 6);
    for (const auto& row : band.rows) {
        QVERIFY(row.similarity >= minimum - 1e-6 && row.similarity <= maximum + 1e-6);
    }

    // Accept two of them and commit exactly those, with the search's provenance.
    window.resultsModel()->setReviewMark(0, SearchResultsModel::ReviewMark::Accepted);
    window.resultsModel()->setReviewMark(3, SearchResultsModel::ReviewMark::Accepted);
    window.resultsModel()->setReviewMark(4, SearchResultsModel::ReviewMark::Rejected);
    QSignalSpy committed(window.searchBridge(), &SearchBridge::committed);
    window.commitAccepted(QStringLiteral("two picked by hand"));
    QVERIFY(committed.wait(30000));
    QCOMPARE(committed.first().at(1).toULongLong(), 2ull);
    auto log = CurationLog::open(workspace.toStdString());
    QVERIFY(log.ok());
    auto graph = log->log();
    QVERIFY(graph.ok());
    QCOMPARE(graph->commits.size(), size_t(1));
    const auto& info = graph->commits.front().info;
    QCOMPARE(QString::fromStdString(info.query), QStringLiteral("motion blur"));
    QCOMPARE(QString::fromStdString(info.message), QStringLiteral("two picked by hand"));
    auto images = log->commitImages(info.id);
    QVERIFY(images.ok());
    QSet<QString> committedIds;
    for (const auto& image : *images) {
        committedIds << QString::fromStdString(image.source + "/" + image.name);
    }
    QCOMPARE(committedIds, (QSet<QString>{band.rows.at(0).source + QLatin1Char('/') + band.rows.at(0).id,
                                          band.rows.at(3).source + QLatin1Char('/') + band.rows.at(3).id}));
}

void UiTest::exportReleaseRunsAsAJobWithProgress() {
    const QString workspace = copyWorkspace(m_workspace, m_directory.filePath(QStringLiteral("release-ws")));
    QVERIFY(!workspace.isEmpty());
    MainWindow window(workspace);
    QSignalSpy committed(window.searchBridge(), &SearchBridge::committed);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("film grain"));
    QVERIFY(shown.wait(30000));
    window.searchBridge()->commitAbove(window.resultsModel()->snapshot().rows.at(9).similarity,
                                       QStringLiteral("grain"));
    QVERIFY(committed.wait(30000));

    QSignalSpy started(window.jobRunner(), &JobRunner::started);
    QSignalSpy finished(window.jobRunner(), &JobRunner::finished);
    QVERIFY(window.startExportRelease(QStringLiteral("v-ui-test"), false));
    QVERIFY(!window.startIndexBuild()); // one job at a time
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(started.count(), 1);
    const QDir release(QDir(workspace).filePath(QStringLiteral("exports/v-ui-test")));
    QVERIFY(release.exists(QStringLiteral("dataset.json")));
    QVERIFY(release.exists(QStringLiteral("manifest.json")));

    // With the image files: the demo's folder is a registered image root, so every file is copied.
    finished.clear();
    QVERIFY(window.startExportRelease(QStringLiteral("v-ui-copy"), true));
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const QString copiedMessage = finished.first().at(1).toString();
    QVERIFY2(copiedMessage.contains(QStringLiteral("image files copied")), qPrintable(copiedMessage));
    QVERIFY2(!copiedMessage.contains(QStringLiteral("refused")), qPrintable(copiedMessage));
    QVERIFY(!QDir(QDir(workspace).filePath(QStringLiteral("exports/v-ui-copy/images"))).isEmpty());

    // A failing job reports its error: the same tag again is refused (releases are immutable).
    finished.clear();
    QVERIFY(window.startExportRelease(QStringLiteral("v-ui-test"), false));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
}

void UiTest::launcherOpensAndRemembersTheWorkspace() {
    LaunchOptions options;
    options.workspace = m_workspace;
    Launcher launcher(options);
    launcher.start();
    QVERIFY(launcher.window() != nullptr);
    QCOMPARE(launcher.window()->workspaceDirectory(), QDir(m_workspace).path());
    QCOMPARE(preferences::lastWorkspace(), QDir(m_workspace).absolutePath());

    // Opening another workspace replaces the window.
    const QString other = copyWorkspace(m_workspace, m_directory.filePath(QStringLiteral("other-ws")));
    QVERIFY(!other.isEmpty());
    launcher.openWorkspace(other);
    QCOMPARE(launcher.window()->workspaceDirectory(), QDir(other).path());
    QCOMPARE(preferences::lastWorkspace(), QDir(other).absolutePath());
}

namespace {

// The JSON of the first event of `type` the spy caught, or an empty object.
QJsonObject firstEvent(const QSignalSpy& events, const QString& type, const QString& action = {}) {
    for (const auto& arguments : events) {
        if (arguments.at(0).toString() != type) {
            continue;
        }
        const QJsonObject event = QJsonDocument::fromJson(arguments.at(1).toByteArray()).object();
        if (action.isEmpty() || event.value(QStringLiteral("action")).toString() == action) {
            return event;
        }
    }
    return {};
}

} // namespace

// The issue's "done when", through the window's widgets: start an offline run, approve its first commit,
// pause, undo that commit, send a message, resume to the end, merge the run's branch, export a release.
void UiTest::newcomerSupervisesAnAgentRunThroughTheWindow() {
    // Large enough for the heuristic planner to find batches worth committing (150 images are not).
    QString error;
    const QString workspace =
        test::createDemoWorkspace(m_directory.filePath(QStringLiteral("newcomer")), 600, &error);
    QVERIFY2(!workspace.isEmpty(), qPrintable(error));
    MainWindow window(workspace);
    // A laptop's screen, the default layout (the README's screenshot).
    window.resize(1280, 800);
    window.applyPreset(LayoutPreset::SuperviseRun);
    window.show();
    QSignalSpy events(window.agentBridge(), &AgentBridge::eventReceived);
    QSignalSpy finished(window.agentDock(), &AgentDock::runFinished);
    auto* dock = window.agentDock();

    dock->findChild<QCheckBox*>(QStringLiteral("agentApproval"))->setChecked(true);
    auto* theme = dock->findChild<QLineEdit*>(QStringLiteral("agentTheme"));
    theme->clear();
    QTest::keyClicks(theme, QStringLiteral("VHS decay and analog glitch"));
    QTest::mouseClick(dock->findChild<QPushButton*>(QStringLiteral("agentRun")), Qt::LeftButton);

    // The first commit waits for approval in a dialog; approve it there.
    QTRY_VERIFY_WITH_TIMEOUT(
        !firstEvent(events, QStringLiteral("approval_needed")).isEmpty() || !finished.isEmpty(), 60000);
    if (!finished.isEmpty()) {
        QStringList types;
        for (const auto& arguments : events) {
            types << arguments.at(0).toString();
        }
        QFAIL(qPrintable(QStringLiteral("the run ended before asking: %1; %2")
                             .arg(finished.first().at(1).toString(), types.join(QLatin1Char(',')))));
    }
    QDialog* approval = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((approval = window.findChild<QDialog*>(QStringLiteral("approvalDialog"))) &&
                                 approval->isVisible(),
                             10000);
    QTest::mouseClick(approval->findChild<QPushButton*>(QStringLiteral("approve")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!firstEvent(events, QStringLiteral("commit")).isEmpty(), 60000);
    const QJsonObject commit =
        firstEvent(events, QStringLiteral("commit")).value(QStringLiteral("commit")).toObject();
    const QString commitId = commit.value(QStringLiteral("id")).toString();
    const QString branch = commit.value(QStringLiteral("branch")).toString();
    QVERIFY(branch.startsWith(QStringLiteral("agent/")));

    // Pause; the commit shows in the graph and the agent's search in the grid.
    QTest::mouseClick(dock->findChild<QPushButton*>(QStringLiteral("agentPause")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !firstEvent(events, QStringLiteral("human_action"), QStringLiteral("pause")).isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.commitLogModel()->rowOfId(commitId) >= 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(window.resultsModel()->rowCount() > 0, 30000);
    // Rate the grid's batch: its histogram appears beside the run's dataset so far.
    QSignalSpy rated(window.findChild<RatingBridge*>(), &RatingBridge::batchRated);
    window.scoreDock()->rateBatch();
    QVERIFY(rated.wait(60000));
    QTest::qWait(300); // thumbnails
    QVERIFY(window.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-agent-run.png"))));

    // Undo from the commit graph: handed to the paused run, which records it and tells the agent.
    window.commitDock()->undoCommit(commitId);
    QTRY_VERIFY_WITH_TIMEOUT(
        !firstEvent(events, QStringLiteral("human_action"), QStringLiteral("undo")).isEmpty(), 30000);
    QVERIFY(firstEvent(events, QStringLiteral("human_action"), QStringLiteral("undo"))
                .value(QStringLiteral("ok"))
                .toBool());

    // A message to the agent, then commits without asking, and resume to the end.
    auto* message = dock->findChild<QLineEdit*>(QStringLiteral("agentMessage"));
    QTest::keyClicks(message, QStringLiteral("prefer scanlines over blur"));
    QTest::keyClick(message, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        !firstEvent(events, QStringLiteral("human_action"), QStringLiteral("inject")).isEmpty(), 10000);
    dock->findChild<QCheckBox*>(QStringLiteral("agentApproval"))->setChecked(false);
    QTest::mouseClick(dock->findChild<QPushButton*>(QStringLiteral("agentResume")), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

    // Merge the run's branch into main, then export a release of main.
    QSignalSpy logChanged(window.logBridge(), &LogBridge::logChanged);
    window.commitDock()->mergeBranch(branch);
    QVERIFY(logChanged.wait(30000));
    auto log = CurationLog::open(workspace.toStdString());
    QVERIFY(log.ok());
    auto main = log->status(kMainBranch);
    QVERIFY(main.ok());
    QVERIFY(main->distinctImages > 0);
    bool undoneCommitLive = false;
    for (const auto& live : main->liveCommits) {
        undoneCommitLive = undoneCommitLive || QString::fromStdString(live.id) == commitId;
    }
    QVERIFY(!undoneCommitLive); // the undo travelled with the merge

    QSignalSpy jobDone(window.jobRunner(), &JobRunner::finished);
    QVERIFY(window.startExportRelease(QStringLiteral("v-newcomer"), false));
    QVERIFY(jobDone.wait(60000));
    QVERIFY2(jobDone.first().at(0).toBool(), qPrintable(jobDone.first().at(1).toString()));
    QVERIFY(QFile::exists(QDir(workspace).filePath(QStringLiteral("exports/v-newcomer/dataset.json"))));
}

void UiTest::demoCreationShowsProgressAndCancels() {
    const QString workspace = m_directory.filePath(QStringLiteral("demo-cancelled"));
    DemoCreationDialog dialog(workspace);
    QSignalSpy failed(&dialog, &DemoCreationDialog::failed);
    QSignalSpy created(&dialog, &DemoCreationDialog::created);
    dialog.start();
    QVERIFY(dialog.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.maximum() > 0 && dialog.value() > 0, 30000); // progress arrives
    QVERIFY(dialog.labelText().contains(QStringLiteral("3000")));
    QVERIFY(dialog.grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-demo-progress.png"))));
    QTest::mouseClick(dialog.findChild<QPushButton*>(), Qt::LeftButton); // the dialog's Cancel
    QVERIFY(failed.wait(60000));
    QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("cancel")),
             qPrintable(failed.first().at(0).toString()));
    QCOMPARE(created.count(), 0);
    QVERIFY(!isDemoWorkspace(workspace.toStdString()));
}

void UiTest::withNoWorkspaceTheLauncherOffersTheDemo() {
    // No --workspace, no $CURATOR_WORKSPACE, nothing remembered, no ./workspace.
    const QString previousDirectory = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_directory.path()));
    qunsetenv("CURATOR_WORKSPACE");
    QSettings().remove(QStringLiteral("workspace/last"));
    Launcher launcher{LaunchOptions()};
    QSignalSpy quit(&launcher, &Launcher::quitRequested);
    launcher.start();
    QMessageBox* offer = nullptr;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == QLatin1String("workspaceOffer") && widget->isVisible()) {
            offer = qobject_cast<QMessageBox*>(widget);
        }
    }
    QVERIFY(offer != nullptr);
    QVERIFY(launcher.window() == nullptr);
    QStringList buttons;
    for (QAbstractButton* button : offer->buttons()) {
        buttons << button->text();
    }
    QVERIFY2(buttons.contains(QStringLiteral("Create the demo workspace")), qPrintable(buttons.join(u',')));
    QVERIFY(offer->grab().save(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("ui-workspace-offer.png"))));
    offer->button(QMessageBox::Cancel)->click();
    QTRY_COMPARE(quit.count(), 1);
    QCOMPARE(quit.first().at(0).toInt(), 0);
    QVERIFY(launcher.window() == nullptr);
    QVERIFY(QDir::setCurrent(previousDirectory));
}

void UiTest::commitsSurviveNewSearchesAndRefuseReplacedResults() {
    const QString workspace = copyWorkspace(m_workspace, m_directory.filePath(QStringLiteral("race-ws")));
    QVERIFY(!workspace.isEmpty());
    SearchBridge bridge(workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    QSignalSpy committed(&bridge, &SearchBridge::committed);
    QSignalSpy failures(&bridge, &SearchBridge::failed);
    SearchRequestValues request;
    request.topK = 10;
    request.query = QStringLiteral("motion blur");
    bridge.search(request);
    QVERIFY(results.wait(30000));
    const auto first = results.takeFirst().at(0).value<SearchSnapshot>();

    // A search asked for before the commit runs replaces the results the commit was chosen from: refused.
    request.query = QStringLiteral("film grain");
    bridge.search(request);
    bridge.commitChosen(first.rows.mid(0, 2), QStringLiteral("from motion blur"), first.generation);
    QVERIFY(failures.wait(30000));
    QVERIFY2(failures.first().at(0).toString().contains(QStringLiteral("newer search")),
             qPrintable(failures.first().at(0).toString()));
    QCOMPARE(committed.count(), 0);
    QTRY_COMPARE(results.count(), 1);
    const auto second = results.takeFirst().at(0).value<SearchSnapshot>();
    QCOMPARE(second.query, QStringLiteral("film grain"));

    // A commit queued before a new search is not dropped by it, and records its own search's query.
    bridge.commitChosen(second.rows.mid(0, 3), QStringLiteral("grain picks"), second.generation);
    request.query = QStringLiteral("vhs decay");
    bridge.search(request);
    QVERIFY(committed.wait(30000));
    QCOMPARE(committed.first().at(1).toULongLong(), 3ull);
    auto log = CurationLog::open(workspace.toStdString());
    QVERIFY(log.ok());
    auto graph = log->log();
    QVERIFY(graph.ok());
    QCOMPARE(graph->commits.size(), size_t(1));
    QCOMPARE(QString::fromStdString(graph->commits.front().info.query), QStringLiteral("film grain"));
}

QTEST_MAIN(UiTest)
// The agent's search arrives with string numbers, a list of sources and the tool's aliases; the window
// shows the query as the tool coerced it and the very rows and distribution the agent was given, and
// it scans nothing to do so.
void UiTest::agentSearchIsMirroredAsTheAgentSawItWithoutAScan() {
    auto embedder = createWorkspaceEmbedder(m_workspace.toStdString());
    auto scorer = createWorkspaceScorer(m_workspace.toStdString());
    auto captioner = createWorkspaceCaptioner(m_workspace.toStdString());
    QVERIFY(embedder && scorer && captioner);
    CurationToolbox toolbox(m_workspace.toStdString(), **embedder, **scorer, **captioner, "agent:test",
                            "main");
    const uint64_t scansBefore = scanPassCount();
    const ToolResult result = toolbox.execute(
        "search", R"({"query": "VHS decay", "negative_threshold": "0.45", "dataset": ["photos", "artwork"],
                      "k": "7", "negative_prompts": ["text overlay"]})");
    QVERIFY2(result.ok, result.text.c_str());
    QCOMPARE(scanPassCount() - scansBefore, uint64_t(1)); // the agent's search: one pass
    const nlohmann::json event = {
        {"type", "tool_result"}, {"name", "search"}, {"ok", true}, {"data", result.data}};
    const QByteArray eventJson = QByteArray::fromStdString(event.dump());

    MainWindow window(m_workspace);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    const uint64_t scansBeforeMirror = scanPassCount();
    Q_EMIT window.findChild<AgentBridge*>()->eventReceived(QStringLiteral("tool_result"), eventJson);
    QVERIFY(shown.wait(30000));
    QCOMPARE(scanPassCount(), scansBeforeMirror); // shown from the result: no second search

    const auto mirrored = mirroredSearch(eventJson);
    QVERIFY(mirrored.has_value());
    QCOMPARE(mirrored->request.negativeThreshold, 0.45);
    QCOMPARE(mirrored->request.sources, (QStringList{QStringLiteral("photos"), QStringLiteral("artwork")}));
    const SearchSnapshot snapshot = window.resultsModel()->snapshot();
    QCOMPARE(snapshot.rows.size(), 7);
    const auto& agentRows = result.data.at("results");
    for (int i = 0; i < snapshot.rows.size(); ++i) {
        QCOMPARE(snapshot.rows[i].id.toStdString(), agentRows[size_t(i)].at("id").get<std::string>());
        QCOMPARE(snapshot.rows[i].source.toStdString(), agentRows[size_t(i)].at("source").get<std::string>());
        QCOMPARE(double(snapshot.rows[i].similarity),
                 double(float(agentRows[size_t(i)].at("similarity").get<double>())));
        QVERIFY(snapshot.rows[i].source == QStringLiteral("photos") ||
                snapshot.rows[i].source == QStringLiteral("artwork"));
    }
    QCOMPARE(snapshot.distribution.counts,
             result.data.at("distribution").at("counts").get<std::vector<size_t>>());

    // The window's count then acts on the agent's query (prepared, not re-run): the count above the
    // seventh hit's similarity is at least seven.
    QSignalSpy counts(window.findChild<SearchBridge*>(), &SearchBridge::countReady);
    window.findChild<SearchBridge*>()->countAbove(double(snapshot.rows.last().similarity));
    QVERIFY(counts.wait(30000));
    QVERIFY(counts.takeFirst().at(1).toULongLong() >= 7ull);

    // A record the window cannot read is said, not shown.
    QString error;
    QVERIFY(!mirroredSearch(R"({"name": "search", "ok": true, "data": {"query": "q"}})", &error));
    QVERIFY(error.contains(QStringLiteral("negative_prompts")));
}

// Top-k and the histogram's distribution come from one read of the matrices.
void UiTest::aWorkstationSearchIsOneScan() {
    SearchBridge bridge(m_workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    SearchRequestValues request;
    request.query = QStringLiteral("harsh flash");
    request.negatives = {QStringLiteral("text overlay")};
    bridge.search(request); // opens the store and embeds: not counted
    QVERIFY(results.wait(30000));
    const uint64_t before = scanPassCount();
    request.query = QStringLiteral("motion blur");
    bridge.search(request);
    QVERIFY(results.wait(30000));
    QCOMPARE(scanPassCount() - before, uint64_t(1));
    const auto snapshot = results.takeLast().at(0).value<SearchSnapshot>();
    QCOMPARE(snapshot.distribution.counts.size(), defaults::kDistributionBins);
}

#include "tst_ui.moc"
