#include "bridge/ratingbridge.h"
#include "bridge/searchbridge.h"
#include "dataset/curationlog.h"
#include "docks/scoredock.h"
#include "docks/taxonomydock.h"
#include "models/captioner.h"
#include "models/scorer.h"
#include "models/taxonomymodel.h"
#include "rating/aestheticsrate.h"
#include "rating/datasetscores.h"
#include "resources/embeddedresources.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"
#include "uitesthelpers.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <map>

using namespace curator;
using namespace curator::ui;

namespace {

constexpr int kImages = 240;

std::vector<RateItem> itemsOf(const QVector<SearchResultRow>& rows) {
    std::vector<RateItem> items;
    for (const auto& row : rows) {
        items.push_back({row.source.toStdString(), row.id.toStdString(), row.path.toStdString(),
                         row.caption.toStdString()});
    }
    return items;
}

// The core's own answer for the same items, with the workspace's default (builtin) models.
Result<RateReport> rateWithTheCore(const QString& workspace, const QVector<SearchResultRow>& rows) {
    auto log = CurationLog::open(workspace.toStdString());
    if (!log) {
        return log.takeError();
    }
    auto scorer = createScorer(*BackendSpec::parse("builtin"));
    auto captioner = createCaptioner(*BackendSpec::parse("builtin"));
    if (!scorer || !captioner) {
        return makeError("builtin models");
    }
    return aestheticsRate(*log, itemsOf(rows), **captioner, **scorer);
}

qlonglong scoreCacheRows(const QString& workspace) {
    auto log = CurationLog::open(workspace.toStdString());
    if (!log) {
        return -1;
    }
    auto rows = log->database().queryInt("SELECT count(*) FROM score_cache");
    return rows ? *rows : -1;
}

} // namespace

class ScoresTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void taxonomyModelPassesTheModelTester();
    void ratingBridgeReportsProgressAndMatchesTheCore();
    void datasetHistogramAfterACommitAndRatingTheDataset();
    void cancelStopsEarlyAndRecordsNothingHalfDone();
    void taxonomyDockCountsATaggedCommit();
    void scoreDockShowsBothHistograms();

private:
    QVector<SearchResultRow> search(const QString& query, int topK);

    QTemporaryDir m_directory;
    QString m_workspace;
    QVector<SearchResultRow> m_blurRows;      // rated by the second test
    QVector<SearchResultRow> m_committedRows; // committed by the third, tagged harsh_flash
};

void ScoresTest::initTestCase() {
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), kImages, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

QVector<SearchResultRow> ScoresTest::search(const QString& query, int topK) {
    SearchBridge bridge(m_workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    SearchRequestValues request;
    request.query = query;
    request.topK = topK;
    bridge.search(request);
    if (!results.wait(30000)) {
        return {};
    }
    return results.first().at(0).value<SearchSnapshot>().rows;
}

void ScoresTest::taxonomyModelPassesTheModelTester() {
    QTemporaryDir directory;
    auto log = CurationLog::open(directory.filePath(QStringLiteral("ws")).toStdString());
    QVERIFY(log.ok());
    auto taxonomy = Taxonomy::parse(resources::classesJson(), "classes.json");
    QVERIFY(taxonomy.ok());
    CommitRequest request;
    request.query = "smeared";
    request.message = "m";
    request.tags = {"motion_blur"};
    request.images = {{"photos", "a.jpg", "", "", 0, 0, true}, {"photos", "b.jpg", "", "", 0, 0, true}};
    QVERIFY(log->commit(request).ok());

    TaxonomyModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto empty = taxonomyCoverage(*taxonomy, *log, "main");
    QVERIFY(empty.ok());
    model.setCoverage(*empty);
    QCOMPARE(model.rowCount(), 2); // anti_aesthetics, pro_aesthetics
    const QModelIndex anti = model.index(0, 0);
    QCOMPARE(model.data(anti, TaxonomyModel::NameRole).toString(), QStringLiteral("anti_aesthetics"));
    QCOMPARE(model.rowCount(anti), static_cast<int>(taxonomy->groups()[0].categories.size()));

    const QModelIndex blur = model.attributeIndex(QStringLiteral("motion_blur"));
    QVERIFY(blur.isValid());
    QCOMPARE(model.data(blur, Qt::DisplayRole).toString(), QStringLiteral("motion blur"));
    QCOMPARE(model.data(blur, TaxonomyModel::SearchTextRole).toString(), QStringLiteral("motion blur"));
    QCOMPARE(model.data(blur.siblingAtColumn(TaxonomyModel::ImagesColumn), Qt::DisplayRole).toULongLong(),
             2ull);
    QVERIFY(!model.data(blur, TaxonomyModel::GapRole).toBool());
    QVERIFY(model.data(blur, Qt::ToolTipRole)
                .toString()
                .contains(QString::fromStdString(taxonomy->findAttribute("motion_blur")->description)));
    QCOMPARE(model.parent(blur).data(TaxonomyModel::NameRole).toString(),
             QStringLiteral("clarity_and_focus"));

    const QModelIndex grain = model.attributeIndex(QStringLiteral("film_grain"));
    QVERIFY(model.data(grain, TaxonomyModel::GapRole).toBool());
    QCOMPARE(model.data(grain, Qt::ForegroundRole).value<QColor>(), QColor(200, 40, 40));
    QVERIFY(model.data(grain, Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.data(blur, Qt::FontRole).isValid());
    QVERIFY(model.data(anti, TaxonomyModel::GapRole).toBool());

    // The same taxonomy again: counts change in place, no reset (views keep their expansion).
    request.tags = {"film_grain"};
    QVERIFY(log->commit(request).ok());
    auto more = taxonomyCoverage(*taxonomy, *log, "main");
    QVERIFY(more.ok());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setCoverage(*more);
    QCOMPARE(resets.count(), 0);
    QVERIFY(changes.count() > 0);
    QVERIFY(!model.data(grain, TaxonomyModel::GapRole).toBool());
    QCOMPARE(model.data(grain.siblingAtColumn(TaxonomyModel::CommitsColumn), Qt::DisplayRole).toULongLong(),
             1ull);

    // Another taxonomy: a reset.
    auto small = Taxonomy::parse(R"({"anti_aesthetics": {"clarity": {"motion_blur": "Smeared."}}})", "small");
    QVERIFY(small.ok());
    auto smallCoverage = taxonomyCoverage(*small, *log, "main");
    QVERIFY(smallCoverage.ok());
    model.setCoverage(*smallCoverage);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    QCOMPARE(model.data(model.index(0, TaxonomyModel::ImagesColumn, model.index(0, 0)), Qt::DisplayRole)
                 .toULongLong(),
             2ull);
    model.setCoverage({});
    QCOMPARE(model.rowCount(), 0);
}

void ScoresTest::ratingBridgeReportsProgressAndMatchesTheCore() {
    m_blurRows = search(QStringLiteral("motion blur"), 40);
    QCOMPARE(m_blurRows.size(), 40);

    RatingBridge bridge(m_workspace);
    QSignalSpy progress(&bridge, &RatingBridge::progress);
    QSignalSpy rated(&bridge, &RatingBridge::batchRated);
    QSignalSpy failures(&bridge, &RatingBridge::failed);
    QSignalSpy busy(&bridge, &RatingBridge::busyChanged);
    bridge.rateBatch(m_blurRows);
    QVERIFY(bridge.isRating());
    QVERIFY(rated.wait(60000));
    QVERIFY(!bridge.isRating());
    QCOMPARE(failures.count(), 0);
    QVERIFY(progress.count() >= 2);
    QCOMPARE(progress.first().at(0).toULongLong(), 0ull);
    QCOMPARE(progress.last().at(0).toULongLong(), 40ull);
    QCOMPARE(progress.last().at(1).toULongLong(), 40ull);
    QCOMPARE(busy.count(), 2);
    const auto report = rated.first().at(0).value<std::shared_ptr<const RateReport>>();
    QVERIFY(report);
    QCOMPARE(report->rated.size(), size_t(40));
    QCOMPARE(report->scoresFromCache, size_t(0));

    // The core on its own, now from the cache, gives the same scores and histogram.
    auto core = rateWithTheCore(m_workspace, m_blurRows);
    QVERIFY2(core.ok(), core.ok() ? "" : core.error().c_str());
    QCOMPARE(core->scoresFromCache, size_t(40));
    QCOMPARE(report->scorer, core->scorer);
    for (size_t i = 0; i < 40; ++i) {
        QCOMPARE(report->rated[i].id, core->rated[i].id);
        QCOMPARE(report->rated[i].score, core->rated[i].score);
    }
    QCOMPARE(report->histogram.counts, core->histogram.counts);
    QCOMPARE(report->histogram.edges, core->histogram.edges);
}

void ScoresTest::datasetHistogramAfterACommitAndRatingTheDataset() {
    m_committedRows = search(QStringLiteral("harsh flash"), 30);
    QCOMPARE(m_committedRows.size(), 30);
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        CommitRequest request;
        request.query = "harsh flash";
        request.message = "flash-lit images";
        request.tags = {"harsh_flash"};
        for (const auto& row : m_committedRows) {
            request.images.push_back({row.source.toStdString(), row.id.toStdString(), row.path.toStdString(),
                                      row.caption.toStdString(), 0, 0, true});
        }
        QVERIFY(log->commit(request).ok());
    }
    size_t alreadyRated = 0; // committed images that the motion blur batch rated too
    for (const auto& row : m_committedRows) {
        for (const auto& blur : m_blurRows) {
            alreadyRated += row.source == blur.source && row.id == blur.id ? 1 : 0;
        }
    }

    RatingBridge bridge(m_workspace);
    QSignalSpy ready(&bridge, &RatingBridge::datasetReady);
    QSignalSpy datasetRated(&bridge, &RatingBridge::datasetRated);
    QSignalSpy progress(&bridge, &RatingBridge::progress);
    bridge.refreshDataset();
    QVERIFY(ready.wait(30000));
    auto before = ready.takeFirst().at(0).value<DatasetHistogram>();
    QCOMPARE(before.branch, QStringLiteral("main"));
    QCOMPARE(before.scorer, QStringLiteral("builtin-proxy"));
    QCOMPARE(before.datasetImages, 30ull);
    QCOMPARE(before.unscored, qulonglong(30 - alreadyRated));
    QCOMPARE(before.histogram.count, alreadyRated);
    QCOMPARE(before.histogram.counts.size(), size_t(bridge.bins()));

    bridge.rateDataset();
    QVERIFY(datasetRated.wait(60000));
    const auto report = datasetRated.first().at(0).value<std::shared_ptr<const RateReport>>();
    QCOMPARE(report->rated.size(), size_t(30 - alreadyRated)); // only what was missing
    QCOMPARE(progress.last().at(1).toULongLong(), qulonglong(30 - alreadyRated));
    QVERIFY(ready.wait(30000)); // the histogram refreshes itself after rating
    auto after = ready.takeLast().at(0).value<DatasetHistogram>();
    QCOMPARE(after.unscored, 0ull);
    QCOMPARE(after.histogram.count, size_t(30));

    // The same bins and counts as the core's rating of the committed images.
    auto core = rateWithTheCore(m_workspace, m_committedRows);
    QVERIFY(core.ok());
    QCOMPARE(core->scoresFromCache, size_t(30));
    QCOMPARE(after.histogram.edges, core->histogram.edges);
    QCOMPARE(after.histogram.counts, core->histogram.counts);
    QCOMPARE(after.histogram.median, core->histogram.median);
}

void ScoresTest::cancelStopsEarlyAndRecordsNothingHalfDone() {
    const QVector<SearchResultRow> all = search(QStringLiteral("light leak"), 10000);
    QCOMPARE(all.size(), kImages);
    const qlonglong cachedBefore = scoreCacheRows(m_workspace);
    QVERIFY(cachedBefore > 0);

    RatingBridge bridge(m_workspace);
    QSignalSpy rated(&bridge, &RatingBridge::batchRated);
    QSignalSpy cancelled(&bridge, &RatingBridge::cancelled);
    // Cancel as soon as the first progress report arrives.
    connect(&bridge, &RatingBridge::progress, &bridge, [&bridge] { bridge.cancel(); });
    bridge.rateBatch(all);
    QVERIFY(cancelled.wait(60000));
    QVERIFY(cancelled.first().at(0).toString().contains(QStringLiteral("cancelled")));
    QTest::qWait(100);
    QCOMPARE(rated.count(), 0); // a cancelled run delivers no report
    QVERIFY(!bridge.isRating());
    const qlonglong cachedAfter = scoreCacheRows(m_workspace);
    qInfo("cancelled with %lld of %d images in the score cache (%lld before)", cachedAfter, kImages,
          cachedBefore);
    QVERIFY2(cachedAfter < kImages,
             qPrintable(QStringLiteral("%1 of %2 cached: did not stop early").arg(cachedAfter).arg(kImages)));

    // Every image the cancelled run finished is whole in the cache: the full run takes exactly those.
    disconnect(&bridge, &RatingBridge::progress, &bridge, nullptr);
    bridge.rateBatch(all);
    QVERIFY(rated.wait(60000));
    const auto report = rated.first().at(0).value<std::shared_ptr<const RateReport>>();
    QCOMPARE(report->rated.size(), size_t(kImages));
    QCOMPARE(qlonglong(report->scoresFromCache), cachedAfter);
    QCOMPARE(scoreCacheRows(m_workspace), qlonglong(kImages));
}

void ScoresTest::taxonomyDockCountsATaggedCommit() {
    TaxonomyDock dock(m_workspace);
    QSignalSpy refreshed(&dock, &TaxonomyDock::refreshed);
    QSignalSpy searches(&dock, &TaxonomyDock::searchRequested);
    dock.refresh();
    QVERIFY(refreshed.wait(30000));
    TaxonomyModel* model = dock.model();
    const QModelIndex flash =
        model->attributeIndex(QStringLiteral("harsh_flash"), TaxonomyModel::ImagesColumn);
    QCOMPARE(model->data(flash, Qt::DisplayRole).toULongLong(), 30ull);
    QCOMPARE(model->data(flash.siblingAtColumn(TaxonomyModel::CommitsColumn), Qt::DisplayRole).toULongLong(),
             1ull);
    QVERIFY(
        model->data(model->attributeIndex(QStringLiteral("motion_blur")), TaxonomyModel::GapRole).toBool());

    // Another commit, tagged by another spelling of an attribute: a refresh counts it in place.
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        CommitRequest request;
        request.query = "smeared";
        request.message = "blurred";
        request.tags = {"Motion Blur"};
        for (int i = 0; i < 5; ++i) {
            const auto& row = m_blurRows[i];
            request.images.push_back({row.source.toStdString(), row.id.toStdString(), "", "", 0, 0, true});
        }
        QVERIFY(log->commit(request).ok());
    }
    dock.refresh();
    QVERIFY(refreshed.wait(30000));
    const QModelIndex blur =
        model->attributeIndex(QStringLiteral("motion_blur"), TaxonomyModel::ImagesColumn);
    QCOMPARE(model->data(blur, Qt::DisplayRole).toULongLong(), 5ull);
    QVERIFY(!model->data(blur, TaxonomyModel::GapRole).toBool());

    // The filter keeps matching attributes with their parents; Enter on one asks for its search.
    dock.setFilterText(QStringLiteral("flash"));
    QTreeView* view = dock.view();
    QCOMPARE(view->model()->rowCount(), 1);
    const QModelIndex category = view->model()->index(0, 0, view->model()->index(0, 0));
    QCOMPARE(category.data(TaxonomyModel::NameRole).toString(), QStringLiteral("lighting_and_exposure"));
    QCOMPARE(view->model()->rowCount(category), 1);
    dock.resize(500, 500);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0, category));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(searches.count(), 1);
    QCOMPARE(searches.first().at(0).toString(), QStringLiteral("harsh flash"));
    dock.setFilterText({});
    QCOMPARE(view->model()->rowCount(), 2);
}

void ScoresTest::scoreDockShowsBothHistograms() {
    RatingBridge bridge(m_workspace);
    ScoreDock dock(&bridge);
    QSignalSpy ready(&bridge, &RatingBridge::datasetReady);
    QSignalSpy rated(&bridge, &RatingBridge::batchRated);
    QVERIFY(ready.wait(30000)); // the dock asks for the dataset's histogram when it is made
    // One row whose image is gone: listed as a failure, the rest rated.
    QVector<SearchResultRow> batch = m_blurRows;
    batch.push_back({QStringLiteral("ghost.png"), QStringLiteral("photos"),
                     m_directory.filePath(QStringLiteral("ghost.png")), QString(), 0.1f});
    dock.setBatch(batch);
    QVERIFY(!dock.batchHistogram());
    dock.rateBatch();
    QVERIFY(rated.wait(60000));
    QVERIFY(dock.batchHistogram());
    QCOMPARE(dock.batchHistogram()->count, size_t(40));
    QVERIFY(dock.datasetHistogram());
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    auto committed = log->datasetImages();
    QVERIFY(committed.ok());
    QCOMPARE(dock.datasetHistogram()->count, committed->size()); // every committed image is rated by now
    QCOMPARE(dock.failures().size(), 1);
    QVERIFY2(dock.failures().first().startsWith(QStringLiteral("photos/ghost.png: caption: ")),
             qPrintable(dock.failures().first()));
    if (ready.count() < 2) {
        QVERIFY(ready.wait(30000)); // refreshed after the batch
    }
    dock.resize(640, 520);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QTest::qWait(200);
    QVERIFY(dock.grab().save(QStringLiteral("/tmp/scores-scoredock.png")));

    TaxonomyDock taxonomy(m_workspace);
    QSignalSpy refreshed(&taxonomy, &TaxonomyDock::refreshed);
    taxonomy.refresh();
    QVERIFY(refreshed.wait(30000));
    for (const char* attribute : {"harsh_flash", "motion_blur"}) {
        auto* proxy = taxonomy.view()->model();
        const QModelIndex source = taxonomy.model()->attributeIndex(QString::fromLatin1(attribute)).parent();
        for (int g = 0; g < proxy->rowCount(); ++g) {
            for (int c = 0; c < proxy->rowCount(proxy->index(g, 0)); ++c) {
                const QModelIndex category = proxy->index(c, 0, proxy->index(g, 0));
                if (category.data(TaxonomyModel::NameRole) == source.data(TaxonomyModel::NameRole) &&
                    category.parent().data(TaxonomyModel::NameRole) ==
                        source.parent().data(TaxonomyModel::NameRole)) {
                    taxonomy.view()->expand(category);
                }
            }
        }
    }
    taxonomy.resize(520, 700);
    taxonomy.show();
    QVERIFY(QTest::qWaitForWindowExposed(&taxonomy));
    QTest::qWait(100);
    QVERIFY(taxonomy.grab().save(QStringLiteral("/tmp/scores-taxonomy.png")));
}

QTEST_MAIN(ScoresTest)
#include "tst_scores.moc"
