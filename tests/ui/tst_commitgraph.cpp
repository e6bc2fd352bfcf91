#include "bridge/logbridge.h"
#include "dataset/curationlog.h"
#include "dataset/graphlayout.h"
#include "docks/commitlogdock.h"
#include "models/commitlogmodel.h"
#include "models/thumbnailcache.h"
#include "widgets/commitdetailsview.h"
#include "widgets/commitgraphdelegate.h"

#include "uitesthelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

#include <set>

using namespace curator;
using namespace curator::ui;

namespace {

constexpr int kTimeoutMs = 30000;

// The ids of a small history: main's base, an agent branch with two commits, a human commit on main.
struct History {
    std::string base;
    std::string agentFirst;
    std::string agentSecond;
    std::string human;
};

std::vector<CatalogImage> catalogImages(CurationLog& log) {
    std::vector<CatalogImage> images;
    auto query = log.database().prepare("SELECT s.name, i.name, i.path, i.caption FROM images i JOIN "
                                        "sources s ON s.source_key = i.source_key ORDER BY i.image_key");
    if (!query) {
        return images;
    }
    while (true) {
        auto row = query->step();
        if (!row || !*row) {
            break;
        }
        images.push_back({query->columnText(0), query->columnText(1), query->columnText(2),
                          query->columnText(3), 0, 0, true});
    }
    return images;
}

std::string commitOn(CurationLog& log, const std::string& branch, const std::string& message,
                     const std::vector<CatalogImage>& catalog, size_t first, size_t count) {
    CommitRequest request;
    request.query = message;
    request.embeddingModel = "builtin";
    request.threshold = 0.25;
    request.negativePrompts = {"text overlay"};
    request.negativeThreshold = 0.3;
    request.message = message;
    request.tags = {"test"};
    request.branch = branch;
    if (branch.rfind("agent/", 0) == 0) {
        request.author = "agent:" + branch.substr(6);
    }
    for (size_t i = first; i < first + count && i < catalog.size(); ++i) {
        request.images.push_back(catalog[i]);
    }
    auto outcome = log.commit(request);
    if (!outcome) {
        qWarning("commit failed: %s", outcome.error().c_str());
        return {};
    }
    return outcome->id;
}

History makeHistory(CurationLog& log) {
    const std::vector<CatalogImage> catalog = catalogImages(log);
    History history;
    history.base = commitOn(log, "", "base", catalog, 0, 20);
    (void)log.createBranch("agent/run-1");
    history.agentFirst = commitOn(log, "agent/run-1", "agent first", catalog, 20, 15);
    history.agentSecond = commitOn(log, "agent/run-1", "agent second", catalog, 35, 5);
    history.human = commitOn(log, "", "human", catalog, 40, 8);
    return history;
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::shared_ptr<const CommitGraph> lastGraph(QSignalSpy& graphs) {
    return graphs.last().at(0).value<std::shared_ptr<const CommitGraph>>();
}

const GraphCommit* findCommit(const CommitGraph& graph, const std::string& id) {
    for (const GraphCommit& commit : graph.commits) {
        if (commit.info.id == id) {
            return &commit;
        }
    }
    return nullptr;
}

const BranchInfo* findBranch(const CommitGraph& graph, const std::string& name) {
    for (const BranchInfo& branch : graph.branches) {
        if (branch.name == name) {
            return &branch;
        }
    }
    return nullptr;
}

// Clicks `button` of the next modal message box, once it is shown.
void answerNextMessageBox(QMessageBox::StandardButton button, const QString& customText = {}) {
    QTimer::singleShot(0, [button, customText] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            answerNextMessageBox(button, customText); // not shown yet
            return;
        }
        if (!customText.isEmpty()) {
            for (QAbstractButton* candidate : box->buttons()) {
                if (candidate->text() == customText) {
                    candidate->click();
                    return;
                }
            }
        }
        box->button(button)->click();
    });
}

} // namespace

class CommitGraphTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void modelCarriesTheLayoutAndPassesTheModelTester();
    void sampleModelPassesTheModelTester();
    void bridgeUndoesRedoesChecksOutMergesAndDiscards();
    void bridgeReportsFailuresAndDeliversSeededDetails();
    void dockShowsDetailsAndEnablesWhatApplies();
    void dockConfirmsBeforeDiscardingAndMerging();
    void dockScreenshotShowsBranchMergeAndRevert();

private:
    // A copy of the demo workspace with its own log.
    QString freshWorkspace(const QString& name);

    QTemporaryDir m_directory;
    QString m_workspace;
};

void CommitGraphTest::initTestCase() {
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.filePath(QStringLiteral("demo")), 160, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

QString CommitGraphTest::freshWorkspace(const QString& name) {
    const QString workspace = m_directory.filePath(name);
    const std::string command =
        "cp -r '" + m_workspace.toStdString() + "' '" + workspace.toStdString() + "'"; // paths we made
    return std::system(command.c_str()) == 0 ? workspace : QString();
}

void CommitGraphTest::modelCarriesTheLayoutAndPassesTheModelTester() {
    const QString workspace = freshWorkspace(QStringLiteral("model"));
    QVERIFY(!workspace.isEmpty());
    auto log = CurationLog::open(workspace.toStdString());
    QVERIFY(log.ok());
    const History history = makeHistory(*log);
    auto revert = log->undoCommit(history.base);
    QVERIFY(revert.ok());
    auto merge = log->mergeBranch("agent/run-1");
    QVERIFY(merge.ok());
    auto graph = log->log();
    QVERIFY(graph.ok());

    CommitLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGraph(std::make_shared<const CommitGraph>(*graph));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(CommitLogModel::ColumnCount));
    QCOMPARE(int(CommitLogModel::GraphColumn), 0);
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Graph"));
    QCOMPARE(model.index(0, CommitLogModel::KindColumn).data().toString(), QStringLiteral("merge"));
    QCOMPARE(model.index(0, 0).data(CommitLogModel::LaneCountRole).toInt(), 2);
    QCOMPARE(model.index(0, 0).data(CommitLogModel::CheckedOutRole).toString(), QStringLiteral("main"));

    const int agentRow = model.rowOfId(qs(history.agentSecond));
    QVERIFY(agentRow > 0);
    const GraphRow row = model.index(agentRow, 0).data(CommitLogModel::GraphRowRole).value<GraphRow>();
    QCOMPARE(qs(row.id), qs(history.agentSecond));
    QCOMPARE(row.lane, 1);
    QCOMPARE(model.index(agentRow, CommitLogModel::BranchColumn).data().toString(),
             QStringLiteral("agent/run-1"));
    const GraphRow mergeRow = model.index(0, 0).data(CommitLogModel::GraphRowRole).value<GraphRow>();
    QCOMPARE(mergeRow.mark, GraphCommitMark::Merge);
    QCOMPARE(mergeRow.parents.size(), size_t(2));
    QCOMPARE(mergeRow.parents[1].parentRow, long(agentRow));
    const int baseRow = model.rowOfId(qs(history.base));
    QVERIFY(model.index(baseRow, CommitLogModel::MessageColumn).data(CommitLogModel::UndoneRole).toBool());
    QVERIFY(!model.index(baseRow, CommitLogModel::TimeColumn).data().toString().isEmpty());
    QCOMPARE(model.rowOfId(QStringLiteral("nothing")), -1);

    model.setGraph(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void CommitGraphTest::sampleModelPassesTheModelTester() {
    ThumbnailCache thumbnails(64);
    CommitSampleModel model(&thumbnails);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    QVector<CommitSampleImage> images;
    for (const CatalogImage& image : catalogImages(*log)) {
        if (images.size() == 3) {
            break;
        }
        images.push_back({qs(image.source + "/" + image.name),
                          qs(image.source),
                          qs(image.name),
                          qs(image.caption),
                          {qs(image.path)}});
    }
    QCOMPARE(images.size(), 3);
    QSignalSpy loaded(&thumbnails, &ThumbnailCache::loaded);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setImages(images);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.index(1).data(Qt::DecorationRole).isNull()); // requested, decoded off-thread
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!model.index(1).data(Qt::DecorationRole).value<QPixmap>().isNull(), kTimeoutMs);
    model.setImages({});
    QCOMPARE(model.rowCount(), 0);
}

void CommitGraphTest::bridgeUndoesRedoesChecksOutMergesAndDiscards() {
    const QString workspace = freshWorkspace(QStringLiteral("bridge"));
    QVERIFY(!workspace.isEmpty());
    History history;
    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        history = makeHistory(*log);
    }
    LogBridge bridge(workspace);
    QSignalSpy graphs(&bridge, &LogBridge::graphReady);
    QSignalSpy changed(&bridge, &LogBridge::logChanged);
    QSignalSpy undone(&bridge, &LogBridge::undone);
    QSignalSpy failures(&bridge, &LogBridge::failed);

    // Undo the agent's commit on its own branch while main stays checked out.
    bridge.undo(qs(history.agentFirst), QStringLiteral("agent/run-1"));
    QTRY_COMPARE_WITH_TIMEOUT(graphs.count(), 1, kTimeoutMs);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(undone.count(), 1);
    QCOMPARE(changed.count(), 1);
    QVERIFY2(changed.last().at(0).toString().contains(QStringLiteral("15 images left")),
             qPrintable(changed.last().at(0).toString()));
    auto graph = lastGraph(graphs);
    QVERIFY(findCommit(*graph, history.agentFirst)->undone);
    const std::string revertId = findCommit(*graph, history.agentFirst)->undoneBy;
    QCOMPARE(qs(findCommit(*graph, revertId)->info.branch), QStringLiteral("agent/run-1"));
    QCOMPARE(qs(graph->checkedOut), QStringLiteral("main")); // restored after the undo

    // Redo: the revert is reverted; the commit is live again.
    bridge.redo(qs(history.agentFirst));
    QTRY_COMPARE_WITH_TIMEOUT(graphs.count(), 2, kTimeoutMs);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(undone.count(), 2);
    graph = lastGraph(graphs);
    QVERIFY(!findCommit(*graph, history.agentFirst)->undone);
    QVERIFY(findCommit(*graph, revertId)->undone);
    QCOMPARE(graph->commits.back().info.kind, CommitKind::Revert);
    QCOMPARE(qs(graph->commits.back().info.target), qs(revertId));

    bridge.checkout(QStringLiteral("agent/run-1"));
    QTRY_COMPARE_WITH_TIMEOUT(graphs.count(), 3, kTimeoutMs);
    QCOMPARE(qs(lastGraph(graphs)->checkedOut), QStringLiteral("agent/run-1"));

    bridge.merge(QStringLiteral("agent/run-1"));
    QTRY_COMPARE_WITH_TIMEOUT(graphs.count(), 4, kTimeoutMs);
    QCOMPARE(failures.count(), 0);
    graph = lastGraph(graphs);
    QCOMPARE(graph->commits.back().info.kind, CommitKind::Merge);
    QCOMPARE(graph->commits.back().parents.size(), size_t(2));
    QCOMPARE(findBranch(*graph, "agent/run-1")->state, BranchState::Merged);
    QCOMPARE(qs(graph->checkedOut), QStringLiteral("main")); // the merged branch was checked out
    QVERIFY2(changed.last().at(0).toString().contains(QStringLiteral("20 images new")),
             qPrintable(changed.last().at(0).toString()));

    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        QVERIFY(log->createBranch("agent/run-2").ok());
    }
    bridge.discard(QStringLiteral("agent/run-2"));
    QTRY_COMPARE_WITH_TIMEOUT(graphs.count(), 5, kTimeoutMs);
    QCOMPARE(findBranch(*lastGraph(graphs), "agent/run-2")->state, BranchState::Discarded);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(changed.count(), 5);
}

void CommitGraphTest::bridgeReportsFailuresAndDeliversSeededDetails() {
    const QString workspace = freshWorkspace(QStringLiteral("details"));
    QVERIFY(!workspace.isEmpty());
    History history;
    std::set<std::string> agentImages;
    std::string revertId;
    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        history = makeHistory(*log);
        auto images = log->commitImages(history.agentFirst);
        QVERIFY(images.ok());
        for (const CatalogImage& image : *images) {
            agentImages.insert(image.source + "/" + image.name);
        }
        auto revert = log->undoCommit(history.human);
        QVERIFY(revert.ok());
        revertId = revert->id;
    }
    LogBridge bridge(workspace);
    QSignalSpy failures(&bridge, &LogBridge::failed);
    QSignalSpy changed(&bridge, &LogBridge::logChanged);
    QSignalSpy details(&bridge, &LogBridge::detailsReady);

    bridge.merge(QStringLiteral("main"));
    QVERIFY(failures.wait(kTimeoutMs));
    QVERIFY2(failures.last().at(0).toString().contains(QStringLiteral("main")),
             qPrintable(failures.last().at(0).toString()));
    bridge.discard(QStringLiteral("no-such-branch"));
    QVERIFY(failures.wait(kTimeoutMs));
    QVERIFY(failures.last().at(0).toString().contains(QStringLiteral("no-such-branch")));
    bridge.redo(qs(history.base)); // nothing undid it
    QVERIFY(failures.wait(kTimeoutMs));
    QVERIFY(failures.last().at(0).toString().contains(QStringLiteral("not undone")));
    QCOMPARE(changed.count(), 0);

    // Only the newest request delivers.
    bridge.details(qs(history.base));
    bridge.details(qs(history.agentFirst));
    QVERIFY(details.wait(kTimeoutMs));
    QTest::qWait(100);
    QCOMPARE(details.count(), 1);
    auto first = details.takeFirst().at(0).value<std::shared_ptr<const CommitDetails>>();
    QCOMPARE(qs(first->info.id), qs(history.agentFirst));
    QCOMPARE(qs(first->info.branch), QStringLiteral("agent/run-1"));
    QCOMPARE(qs(first->info.author), QStringLiteral("agent:run-1"));
    QVERIFY(first->info.negativePrompts == std::vector<std::string>{"text overlay"});
    QCOMPARE(first->parents, QStringList{qs(history.base)});
    QCOMPARE(first->sample.size(), LogBridge::kSampleSize);
    for (const CommitSampleImage& image : first->sample) {
        QVERIFY(agentImages.count(image.key.toStdString()));
        QVERIFY(!image.paths.isEmpty());
        QVERIFY2(QFileInfo::exists(image.paths.last()), qPrintable(image.paths.last()));
    }
    // Seeded by the commit: the same images again.
    bridge.details(qs(history.agentFirst).left(10));
    QVERIFY(details.wait(kTimeoutMs));
    auto again = details.takeFirst().at(0).value<std::shared_ptr<const CommitDetails>>();
    QCOMPARE(again->sample.size(), first->sample.size());
    for (int i = 0; i < first->sample.size(); ++i) {
        QCOMPARE(again->sample[i].key, first->sample[i].key);
    }
    // A revert shows the images it took out.
    bridge.details(qs(revertId));
    QVERIFY(details.wait(kTimeoutMs));
    auto revert = details.takeFirst().at(0).value<std::shared_ptr<const CommitDetails>>();
    QCOMPARE(revert->info.kind, CommitKind::Revert);
    QCOMPARE(revert->sampledCommit, qs(history.human));
    QCOMPARE(revert->sample.size(), 8);
    bridge.details(QStringLiteral("ffffffffffff"));
    QVERIFY(failures.wait(kTimeoutMs));
}

void CommitGraphTest::dockShowsDetailsAndEnablesWhatApplies() {
    const QString workspace = freshWorkspace(QStringLiteral("dock"));
    QVERIFY(!workspace.isEmpty());
    History history;
    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        history = makeHistory(*log);
    }
    ThumbnailCache thumbnails(96);
    CommitLogModel model;
    LogBridge bridge(workspace);
    connect(&bridge, &LogBridge::graphReady, &model,
            [&model](std::shared_ptr<const CommitGraph> graph) { model.setGraph(std::move(graph)); });
    CommitLogDock dock(&model, &bridge, &thumbnails);
    dock.resize(900, 700);
    dock.show();
    QSignalSpy graphs(&bridge, &LogBridge::graphReady);
    QSignalSpy details(&bridge, &LogBridge::detailsReady);
    bridge.refresh();
    QVERIFY(graphs.wait(kTimeoutMs));
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(!dock.undoAction()->isEnabled()); // nothing selected
    QVERIFY(!dock.mergeAction()->isEnabled());

    dock.selectCommit(qs(history.agentSecond));
    QCOMPARE(dock.selectedCommitId(), qs(history.agentSecond));
    QTRY_COMPARE_WITH_TIMEOUT(dock.detailsView()->commitId(), qs(history.agentSecond), kTimeoutMs);
    QCOMPARE(dock.detailsView()->sampleModel()->rowCount(), 5);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dock.detailsView()->sampleModel()->index(0).data(Qt::DecorationRole).value<QPixmap>().isNull(),
        kTimeoutMs);
    QVERIFY(dock.undoAction()->isEnabled());
    QVERIFY(dock.undoAction()->toolTip().contains(QStringLiteral("agent/run-1")));
    QVERIFY(!dock.redoAction()->isEnabled());
    QVERIFY(dock.mergeAction()->isEnabled());
    QVERIFY(dock.discardAction()->isEnabled());
    QVERIFY(dock.checkoutAction()->isEnabled());

    dock.selectCommit(qs(history.human));
    QTRY_COMPARE_WITH_TIMEOUT(dock.detailsView()->commitId(), qs(history.human), kTimeoutMs);
    QVERIFY(!dock.mergeAction()->isEnabled());
    QVERIFY(!dock.discardAction()->isEnabled());
    QVERIFY(!dock.checkoutAction()->isEnabled()); // main is checked out
    QVERIFY(!dock.mergeAction()->toolTip().isEmpty());

    // Undo through the toolbar action: the selection survives the refresh and Redo applies.
    const int before = graphs.count();
    dock.undoAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(graphs.count() > before, kTimeoutMs);
    QCOMPARE(dock.selectedCommitId(), qs(history.human));
    QVERIFY(model.index(model.rowOfId(qs(history.human)), 0).data(CommitLogModel::UndoneRole).toBool());
    QVERIFY(!dock.undoAction()->isEnabled());
    QVERIFY(dock.redoAction()->isEnabled());
    const int beforeRedo = graphs.count();
    dock.redoAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(graphs.count() > beforeRedo, kTimeoutMs);
    QVERIFY(!model.index(model.rowOfId(qs(history.human)), 0).data(CommitLogModel::UndoneRole).toBool());
    QCOMPARE(model.rowCount(), 6);
}

void CommitGraphTest::dockConfirmsBeforeDiscardingAndMerging() {
    const QString workspace = freshWorkspace(QStringLiteral("confirm"));
    QVERIFY(!workspace.isEmpty());
    History history;
    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        history = makeHistory(*log);
    }
    CommitLogModel model;
    LogBridge bridge(workspace);
    connect(&bridge, &LogBridge::graphReady, &model,
            [&model](std::shared_ptr<const CommitGraph> graph) { model.setGraph(std::move(graph)); });
    CommitLogDock dock(&model, &bridge);
    dock.show();
    QSignalSpy graphs(&bridge, &LogBridge::graphReady);
    QSignalSpy changed(&bridge, &LogBridge::logChanged);
    bridge.refresh();
    QVERIFY(graphs.wait(kTimeoutMs));
    dock.selectCommit(qs(history.agentFirst));

    answerNextMessageBox(QMessageBox::Cancel);
    dock.discardAction()->trigger();
    QTest::qWait(300);
    QCOMPARE(changed.count(), 0); // cancelled: nothing happened

    answerNextMessageBox(QMessageBox::No);
    dock.mergeAction()->trigger();
    QTest::qWait(300);
    QCOMPARE(changed.count(), 0);

    answerNextMessageBox(QMessageBox::Yes);
    dock.mergeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, kTimeoutMs);
    QCOMPARE(model.index(0, CommitLogModel::KindColumn).data().toString(), QStringLiteral("merge"));
    QVERIFY(!dock.mergeAction()->isEnabled()); // the selected commit's branch is merged now
}

void CommitGraphTest::dockScreenshotShowsBranchMergeAndRevert() {
    const QString workspace = freshWorkspace(QStringLiteral("screenshot"));
    QVERIFY(!workspace.isEmpty());
    History history;
    std::string openCommit;
    {
        auto log = CurationLog::open(workspace.toStdString());
        QVERIFY(log.ok());
        const std::vector<CatalogImage> catalog = catalogImages(*log);
        history = makeHistory(*log);
        QVERIFY(log->createBranch("agent/run-2").ok());
        commitOn(*log, "agent/run-2", "tried blur", catalog, 100, 10);
        QVERIFY(log->checkout("agent/run-1").ok());
        QVERIFY(log->undoCommit(history.agentSecond).ok());
        QVERIFY(log->checkout("main").ok());
        QVERIFY(log->mergeBranch("agent/run-1").ok());
        QVERIFY(log->discardBranch("agent/run-2").ok());
        commitOn(*log, "", "flash set", catalog, 120, 12);
        QVERIFY(log->createBranch("agent/run-3").ok());
        openCommit = commitOn(*log, "agent/run-3", "vignette", catalog, 140, 9);
        QVERIFY(log->undoCommit(history.base).ok());
    }
    ThumbnailCache thumbnails(96);
    CommitLogModel model;
    LogBridge bridge(workspace);
    connect(&bridge, &LogBridge::graphReady, &model,
            [&model](std::shared_ptr<const CommitGraph> graph) { model.setGraph(std::move(graph)); });
    CommitLogDock dock(&model, &bridge, &thumbnails);
    dock.resize(980, 760);
    dock.show();
    QSignalSpy graphs(&bridge, &LogBridge::graphReady);
    bridge.refresh();
    QVERIFY(graphs.wait(kTimeoutMs));
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.layout().laneCount, 3); // run-1 and run-2 open at once; run-3 reuses a lane
    dock.selectCommit(qs(history.agentFirst));
    QTRY_COMPARE_WITH_TIMEOUT(dock.detailsView()->commitId(), qs(history.agentFirst), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dock.detailsView()->sampleModel()->index(11).data(Qt::DecorationRole).value<QPixmap>().isNull(),
        kTimeoutMs);
    QTest::qWait(100);

    // The delegate draws each commit's dot in its lane's colour.
    QTreeView* view = dock.view();
    const QImage viewport = view->viewport()->grab().toImage();
    const int openRow = model.rowOfId(qs(openCommit));
    const GraphRow row = model.index(openRow, 0).data(CommitLogModel::GraphRowRole).value<GraphRow>();
    const QRect cell = view->visualRect(model.index(openRow, CommitLogModel::GraphColumn));
    const QPoint dot(cell.left() + CommitGraphDelegate::kLaneWidth / 2 +
                         row.lane * CommitGraphDelegate::kLaneWidth,
                     cell.center().y());
    const qreal ratio = viewport.devicePixelRatio();
    QCOMPARE(viewport.pixelColor(QPoint(int(dot.x() * ratio), int(dot.y() * ratio))).rgb(),
             CommitGraphDelegate::laneColor(row.lane).rgb());

    QVERIFY(dock.grab().save(QStringLiteral("/tmp/graph-dock.png")));

    // A revert: its provenance names the target, its strip shows what it took out.
    const QString revertId = model.index(0, 0).data(CommitLogModel::FullIdRole).toString();
    dock.selectCommit(revertId);
    QTRY_COMPARE_WITH_TIMEOUT(dock.detailsView()->commitId(), revertId, kTimeoutMs);
    QCOMPARE(dock.detailsView()->sampleModel()->rowCount(), LogBridge::kSampleSize);
    QVERIFY(!dock.redoAction()->isEnabled());
    QVERIFY(dock.undoAction()->isEnabled()); // undoing a revert is a redo of its target
    QTest::qWait(300);
    // On the selection's highlight the dot keeps its lane's colour.
    const QImage selected = view->viewport()->grab().toImage();
    const QRect revertCell = view->visualRect(model.index(0, CommitLogModel::GraphColumn));
    const QPoint revertDot(revertCell.left() + CommitGraphDelegate::kLaneWidth / 2, revertCell.center().y());
    const QColor revertColor =
        selected.pixelColor(QPoint(int(revertDot.x() * ratio), int(revertDot.y() * ratio)));
    const QColor laneZero = CommitGraphDelegate::laneColor(0);
    // Antialiasing may blend the diamond's centre by a few levels.
    QVERIFY2(std::abs(revertColor.red() - laneZero.red()) <= 8 &&
                 std::abs(revertColor.green() - laneZero.green()) <= 8 &&
                 std::abs(revertColor.blue() - laneZero.blue()) <= 8,
             qPrintable(revertColor.name()));
    QVERIFY(dock.grab().save(QStringLiteral("/tmp/graph-dock-revert.png")));
}

QTEST_MAIN(CommitGraphTest)
#include "tst_commitgraph.moc"
