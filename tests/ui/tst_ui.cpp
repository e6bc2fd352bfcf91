#include "bridge/agentbridge.h"
#include "bridge/logbridge.h"
#include "bridge/searchbridge.h"
#include "dataset/curationlog.h"
#include "demo/imagedemo.h"
#include "docks/agentdock.h"
#include "ingest/ingest.h"
#include "mainwindow/mainwindow.h"
#include "models/agenttimelinemodel.h"
#include "models/commitlogmodel.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"

#include <QAbstractItemModelTester>
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
    void agentDockRunsAHeuristicRunToTheEnd();
    void manualCommitAndUndoThroughTheBridges();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
};

void UiTest::initTestCase() {
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
    // Every tool call is a row of the timeline, its result a child row.
    const int calls = static_cast<int>(types.count(QStringLiteral("tool_call")));
    QVERIFY(calls > 0);
    QCOMPARE(window.agentDock()->timeline()->rowCount(), calls);
    QCOMPARE(window.agentDock()->timeline()->rowCount(window.agentDock()->timeline()->index(0, 0)), 1);
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

QTEST_MAIN(UiTest)
#include "tst_ui.moc"
