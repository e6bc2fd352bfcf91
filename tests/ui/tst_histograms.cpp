#include "bridge/ratingbridge.h"
#include "bridge/searchbridge.h"
#include "dataset/curationlog.h"
#include "docks/histogramdock.h"
#include "docks/scoredock.h"
#include "uitesthelpers.h"
#include "widgets/charticks.h"
#include "widgets/scorehistogramview.h"
#include "widgets/similarityhistogramview.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <set>

using namespace curator;
using namespace curator::ui;

namespace {

// 200 bins over [-1, 1] as the workstation's searches make them: a hump over bins 100..139 and, with
// `tower`, one bin far above the rest.
SimilarityDistribution hump(size_t tower) {
    SimilarityDistribution distribution;
    distribution.counts.assign(200, 0);
    for (size_t b = 100; b < 140; ++b) {
        distribution.counts[b] = 10 + (b - 100) * (140 - b) / 10; // 10 .. 50
    }
    if (tower) {
        distribution.counts[120] = tower;
    }
    return distribution;
}

bool isMultipleOf(double value, double step) {
    const double ratio = value / step;
    return std::abs(ratio - std::round(ratio)) < 1e-6;
}

} // namespace

class HistogramsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void ticksAreRoundValues();
    void emptyChartSaysWhatToDoAndHasNoAxes();
    void draggingOnTheChartMovesTheThreshold();
    void keysAndTheSlotMoveTheThresholdToo();
    void dragAcrossBarsSelectsARangeOfBins();
    void sampledBandIsShadedAndForgottenByANewSearch();
    void toweringBinsAreMarkedAsCut();
    void commitButtonAsksTheWindowWithThresholdAndSearch();
    void chartsDoNotForceATallDock();
    void scoreDockDrawsTheBatchOverTheDatasetReference();

private:
    SearchSnapshot search(const QString& query);

    QTemporaryDir m_directory;
    QString m_workspace;
    SearchBridge* m_bridge = nullptr;
};

void HistogramsTest::initTestCase() {
    QVERIFY(m_directory.isValid());
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), 150, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    m_bridge = new SearchBridge(m_workspace, this);
}

SearchSnapshot HistogramsTest::search(const QString& query) {
    QSignalSpy results(m_bridge, &SearchBridge::resultsReady);
    SearchRequestValues request;
    request.query = query;
    request.topK = 30;
    m_bridge->search(request);
    if (!results.wait(30000)) {
        return {};
    }
    return results.first().at(0).value<SearchSnapshot>();
}

void HistogramsTest::ticksAreRoundValues() {
    const AxisTicks x = niceTicks(0.123, 0.471, 8);
    QCOMPARE(x.step, 0.05);
    QCOMPARE(x.decimals, 2);
    QCOMPARE(x.values.size(), size_t(7));
    QCOMPARE(tickLabel(x.values.front(), x.decimals), QStringLiteral("0.15"));
    QCOMPARE(tickLabel(x.values.back(), x.decimals), QStringLiteral("0.45"));
    for (double value : x.values) {
        QVERIFY(isMultipleOf(value, 0.05));
    }
    // Count axes: whole numbers in steps of 1, 2 or 5 x 10^n, ending on a tick.
    QCOMPARE(niceCeiling(137, 3, 1), 150.0);
    const AxisTicks y = niceTicks(0, 150, 4, 1);
    QCOMPARE(y.step, 50.0);
    QCOMPARE(y.values, (std::vector<double>{0, 50, 100, 150}));
    QCOMPARE(niceTicks(0, 3, 4, 1).values, (std::vector<double>{0, 1, 2, 3}));
    QCOMPARE(niceTicks(0, 2000, 4, 1).step, 1000.0);
    QCOMPARE(niceTicks(-0.2, 0.2, 5).step, 0.1);
    QCOMPARE(tickLabel(niceTicks(-0.2, 0.2, 5).values[2], 1), QStringLiteral("0.0")); // not -0.0
    QVERIFY(niceTicks(0.5, 0.5, 5).values.empty());                                   // no span

    // The chart's own ticks over a real distribution.
    SimilarityHistogramView view;
    view.resize(500, 160);
    view.setDistribution(hump(0));
    const AxisTicks shownX = view.xTicks();
    QVERIFY(shownX.values.size() >= 3);
    for (double value : shownX.values) {
        QVERIFY(isMultipleOf(value, shownX.step));
        QVERIFY(value >= view.minimum() - 1e-9 && value <= view.maximum() + 1e-9);
    }
    const double mantissa = shownX.step / std::pow(10.0, std::floor(std::log10(shownX.step)));
    QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9,
             qPrintable(QString::number(shownX.step)));
    for (double value : view.yTicks().values) {
        QVERIFY(isMultipleOf(value, view.yTicks().step));
    }
    QCOMPARE(view.yTicks().values.back(), view.yTop());
}

void HistogramsTest::emptyChartSaysWhatToDoAndHasNoAxes() {
    HistogramDock dock(m_bridge);
    SimilarityHistogramView* view = dock.view();
    QVERIFY(view->isEmpty());
    QCOMPARE(view->emptyText(), QStringLiteral("Search to see how similarities spread."));
    QVERIFY(view->xTicks().values.empty());
    QVERIFY(view->yTicks().values.empty());
    QVERIFY(view->clippedBins().isEmpty());
    QVERIFY(!dock.commitButton()->isEnabled());

    // A distribution with no unmasked image at all is empty too, and a mouse press on it does nothing.
    SearchSnapshot snapshot;
    snapshot.generation = 3;
    snapshot.distribution.counts.assign(200, 0);
    dock.setSnapshot(snapshot);
    QVERIFY(view->isEmpty());
    dock.resize(400, 200);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy changed(&dock, &HistogramDock::thresholdChanged);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->rect().center());
    QCOMPARE(changed.count(), 0);
    QVERIFY(!dock.commitButton()->isEnabled());
}

void HistogramsTest::draggingOnTheChartMovesTheThreshold() {
    const SearchSnapshot snapshot = search(QStringLiteral("a foggy street"));
    QVERIFY(!snapshot.rows.isEmpty());
    HistogramDock dock(m_bridge);
    QSignalSpy changed(&dock, &HistogramDock::thresholdChanged);
    dock.setSnapshot(snapshot);
    // The threshold starts at the weakest result shown.
    QCOMPARE(changed.count(), 1);
    QVERIFY(std::abs(dock.threshold() - static_cast<double>(snapshot.rows.last().similarity)) < 1e-6);
    dock.resize(640, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));

    SimilarityHistogramView* view = dock.view();
    const QRect plot = view->plotRect();
    const double pixel = (view->maximum() - view->minimum()) / plot.width(); // one pixel's worth
    const double target = view->minimum() + 0.7 * (view->maximum() - view->minimum());
    const int y = plot.center().y();
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, QPoint(view->xForValue(dock.threshold()), y));
    QTest::mouseMove(view, QPoint(view->xForValue(target) - 20, y));
    QTest::mouseMove(view, QPoint(view->xForValue(target), y));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, QPoint(view->xForValue(target), y));
    QVERIFY2(std::abs(dock.threshold() - target) <= pixel + 0.001,
             qPrintable(QStringLiteral("%1 vs %2").arg(dock.threshold()).arg(target)));
    QVERIFY(changed.count() >= 3); // the start, then while dragging
    QCOMPARE(changed.last().at(0).toDouble(), dock.threshold());
    QCOMPARE(view->threshold(), dock.threshold());

    // The bridge counts at the dragged threshold, and the label says so.
    QSignalSpy counted(m_bridge, &SearchBridge::countReady);
    QVERIFY(counted.wait(30000));
    while (std::abs(counted.last().at(0).toDouble() - dock.threshold()) > 1e-12) {
        QVERIFY(counted.wait(30000));
    }
    const qulonglong count = counted.last().at(1).toULongLong();
    QVERIFY(dock.countText().startsWith(QString::number(count)));
    QVERIFY(dock.countText().endsWith(QString::number(dock.threshold(), 'f', 3)));
}

void HistogramsTest::keysAndTheSlotMoveTheThresholdToo() {
    SearchSnapshot snapshot;
    snapshot.generation = 5;
    snapshot.distribution = hump(0);
    HistogramDock dock(m_bridge);
    dock.setSnapshot(snapshot);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy changed(&dock, &HistogramDock::thresholdChanged);
    dock.setThreshold(0.1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dock.threshold(), 0.1);
    dock.setThreshold(0.1); // no change, no signal
    QCOMPARE(changed.count(), 1);
    dock.setThreshold(5); // clamped to the chart's range
    QCOMPARE(dock.threshold(), dock.view()->maximum());

    dock.setThreshold(0.1);
    dock.view()->setFocus();
    QTest::keyClick(dock.view(), Qt::Key_Right);
    QVERIFY(std::abs(dock.threshold() - 0.105) < 1e-9);
    QTest::keyClick(dock.view(), Qt::Key_Left);
    QTest::keyClick(dock.view(), Qt::Key_Left);
    QVERIFY(std::abs(dock.threshold() - 0.095) < 1e-9);
    QTest::keyClick(dock.view(), Qt::Key_Home);
    QCOMPARE(dock.threshold(), dock.view()->minimum());
    QCOMPARE(changed.last().at(0).toDouble(), dock.threshold());
}

void HistogramsTest::dragAcrossBarsSelectsARangeOfBins() {
    SearchSnapshot snapshot;
    snapshot.generation = 6;
    snapshot.distribution = hump(0);
    HistogramDock dock(m_bridge);
    dock.setSnapshot(snapshot);
    dock.resize(640, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    SimilarityHistogramView* view = dock.view();
    QSignalSpy selected(&dock, &HistogramDock::rangeSelected);
    QSignalSpy cleared(&dock, &HistogramDock::rangeCleared);
    QSignalSpy thresholds(&dock, &HistogramDock::thresholdChanged);
    const double before = dock.threshold();

    // Shift-drag from the right to the left: the range covers the bins under both ends, edges included.
    const int y = view->plotRect().center().y();
    const QPoint from(view->xForValue(0.255), y);
    const QPoint to(view->xForValue(0.083), y);
    QTest::mousePress(view, Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(view, to);
    QTest::mouseRelease(view, Qt::LeftButton, Qt::ShiftModifier, to);
    QCOMPARE(selected.count(), 1);
    auto binEdge = [](double value, double offset) {
        return -1.0 + 0.01 * (std::floor((value + 1) / 0.01) + offset);
    };
    const double low = binEdge(view->valueForX(to.x()), 0);
    const double high = binEdge(view->valueForX(from.x()), 1);
    QVERIFY(std::abs(selected.first().at(0).toDouble() - low) < 1e-9);
    QVERIFY(std::abs(selected.first().at(1).toDouble() - high) < 1e-9);
    QVERIFY(low <= 0.083 + 0.011 && high >= 0.255 - 0.011);
    QVERIFY(view->selectedRange());
    QCOMPARE(view->selectedRange()->first, selected.first().at(0).toDouble());
    QCOMPARE(dock.threshold(), before); // selecting leaves the threshold alone
    QCOMPARE(thresholds.count(), 0);

    // Esc lets go of it.
    QTest::keyClick(view, Qt::Key_Escape);
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!view->selectedRange());

    // A right-drag selects too; a plain click outside the range clears it.
    const QPoint a(view->xForValue(0.02), y);
    const QPoint b(view->xForValue(0.06), y);
    QTest::mousePress(view, Qt::RightButton, Qt::NoModifier, a);
    QTest::mouseMove(view, b);
    QTest::mouseRelease(view, Qt::RightButton, Qt::NoModifier, b);
    QCOMPARE(selected.count(), 2);
    QVERIFY(std::abs(selected.last().at(0).toDouble() - binEdge(view->valueForX(a.x()), 0)) < 1e-9);
    QVERIFY(std::abs(selected.last().at(1).toDouble() - binEdge(view->valueForX(b.x()), 1)) < 1e-9);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, QPoint(view->xForValue(0.3), y));
    QCOMPARE(cleared.count(), 2);
    QVERIFY(!view->selectedRange());

    // A new search drops the selection and says so.
    QTest::mousePress(view, Qt::RightButton, Qt::NoModifier, a);
    QTest::mouseRelease(view, Qt::RightButton, Qt::NoModifier, b);
    QCOMPARE(selected.count(), 3);
    dock.setSnapshot(snapshot);
    QCOMPARE(cleared.count(), 3);
}

void HistogramsTest::sampledBandIsShadedAndForgottenByANewSearch() {
    SearchSnapshot snapshot;
    snapshot.generation = 7;
    snapshot.distribution = hump(0);
    HistogramDock dock(m_bridge);
    dock.setSnapshot(snapshot);
    dock.resize(640, 260);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    SimilarityHistogramView* view = dock.view();
    dock.setThreshold(0.35); // keep the threshold's line out of the band
    QVERIFY(!view->sampledBand());
    const QImage plain = view->grab().toImage();

    dock.setSampledBand(0.15, 0.10);
    QVERIFY(view->sampledBand());
    QCOMPARE(view->sampledBand()->first, 0.10);
    QCOMPARE(view->sampledBand()->second, 0.15);
    const QImage shaded = view->grab().toImage();
    // The band's columns change, nothing else does.
    const int x0 = view->xForValue(0.10);
    const int x1 = view->xForValue(0.15);
    int changedInside = 0;
    for (int y = 0; y < plain.height(); ++y) {
        for (int x = 0; x < plain.width(); ++x) {
            if (plain.pixel(x, y) != shaded.pixel(x, y)) {
                QVERIFY2(x >= x0 - 1 && x <= x1 + 1, qPrintable(QStringLiteral("pixel %1,%2").arg(x).arg(y)));
                ++changedInside;
            }
        }
    }
    QVERIFY(changedInside > (x1 - x0) * view->plotRect().height() / 4);

    // What the researcher sees with a band, a selected range and a cut peak, for a look.
    SearchSnapshot towering = snapshot;
    towering.distribution = hump(900);
    dock.setSnapshot(towering);
    dock.setThreshold(0.35);
    dock.setSampledBand(0.10, 0.15);
    const int y = view->plotRect().center().y();
    QTest::mousePress(view, Qt::RightButton, Qt::NoModifier, QPoint(view->xForValue(0.2), y));
    QTest::mouseRelease(view, Qt::RightButton, Qt::NoModifier, QPoint(view->xForValue(0.25), y));
    QVERIFY(dock.grab().save(QDir::temp().filePath(QStringLiteral("histograms-similaritydock.png"))));
    dock.setSnapshot(snapshot);
    dock.setThreshold(0.35);
    dock.setSampledBand(0.15, 0.10);

    dock.clearSampledBand();
    QVERIFY(!view->sampledBand());
    QCOMPARE(view->grab().toImage(), plain);
    dock.setSampledBand(0.1, 0.15);
    dock.setSnapshot(snapshot); // a new search: the band was of the previous query
    QVERIFY(!view->sampledBand());
}

void HistogramsTest::toweringBinsAreMarkedAsCut() {
    SimilarityHistogramView view;
    view.resize(500, 160);
    view.setDistribution(hump(5000));
    const auto clipped = view.clippedBins();
    QCOMPARE(clipped.size(), 1);
    QCOMPARE(clipped.first().bin, 120);
    QCOMPARE(clipped.first().count, size_t(5000));
    QVERIFY(view.yTop() < 5000);
    QVERIFY(view.yTop() >= 50); // every ordinary bar fits

    // Without an outlier nothing is cut and the axis reaches the tallest bar.
    view.setDistribution(hump(0));
    QVERIFY(view.clippedBins().isEmpty());
    QVERIFY(view.yTop() >= 50);

    // The cut bar's count is painted above it: the band of pixels over the plot changes with it.
    view.setDistribution(hump(5000));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.grab().toImage();
    const int x = view.xForValue(-1.0 + 0.01 * 120.5);
    int inked = 0;
    for (int y = 0; y < view.plotRect().top(); ++y) {
        for (int dx = -12; dx <= 12; ++dx) {
            inked += image.pixel(x + dx, y) != image.pixel(0, view.height() - 1) ? 1 : 0;
        }
    }
    QVERIFY2(inked > 10, qPrintable(QString::number(inked)));
}

void HistogramsTest::commitButtonAsksTheWindowWithThresholdAndSearch() {
    SearchSnapshot snapshot;
    snapshot.generation = 42;
    snapshot.distribution = hump(0);
    HistogramDock dock(m_bridge);
    dock.setSnapshot(snapshot);
    dock.setThreshold(0.2);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy requested(&dock, &HistogramDock::commitAboveRequested);
    QVERIFY(dock.commitButton()->isEnabled());
    QTest::mouseClick(dock.commitButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toDouble(), 0.2);
    QCOMPARE(requested.first().at(1).toULongLong(), 42ull);
    QVERIFY(!QApplication::activeModalWidget()); // the dock asks nothing itself
}

void HistogramsTest::chartsDoNotForceATallDock() {
    HistogramDock histogram(m_bridge);
    QVERIFY(histogram.view()->minimumSizeHint().height() <= 140);
    QVERIFY(histogram.view()->minimumHeight() <= 140);
    QVERIFY2(histogram.minimumSizeHint().height() <= 200,
             qPrintable(QString::number(histogram.minimumSizeHint().height())));
    RatingBridge rating(m_workspace);
    ScoreDock scores(&rating);
    QVERIFY(scores.view()->minimumSizeHint().height() <= 140);
    QVERIFY(scores.view()->minimumHeight() <= 140);
}

void HistogramsTest::scoreDockDrawsTheBatchOverTheDatasetReference() {
    // A dataset of 25 committed images, rated.
    const SearchSnapshot committed = search(QStringLiteral("harsh flash"));
    QCOMPARE(committed.rows.size(), 30);
    {
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        CommitRequest request;
        request.query = "harsh flash";
        request.message = "flash-lit images";
        for (int r = 0; r < 25; ++r) {
            const SearchResultRow& row = committed.rows.at(r);
            request.images.push_back({row.source.toStdString(), row.id.toStdString(), row.path.toStdString(),
                                      row.caption.toStdString(), 0, 0, true});
        }
        QVERIFY(log->commit(request).ok());
    }
    RatingBridge bridge(m_workspace);
    QSignalSpy ready(&bridge, &RatingBridge::datasetReady);
    QSignalSpy datasetRated(&bridge, &RatingBridge::datasetRated);
    QSignalSpy batchRated(&bridge, &RatingBridge::batchRated);
    ScoreDock dock(&bridge);
    QVERIFY(ready.wait(30000));
    QVERIFY(dock.view()->isEmpty());
    QVERIFY(!dock.view()->emptyText().isEmpty());

    QVERIFY(dock.rateDatasetAction()->isEnabled());
    dock.rateDatasetAction()->trigger();
    QVERIFY(datasetRated.wait(60000));
    while (!dock.datasetHistogram() || dock.datasetHistogram()->count < 25) {
        QVERIFY(ready.wait(30000));
    }
    // The dataset alone: drawn as the reference outline.
    QCOMPARE(dock.view()->legend(), QStringList{QStringLiteral("dataset so far (25)")});

    const SearchSnapshot batch = search(QStringLiteral("VHS decay"));
    QVERIFY(!dock.rateResultsAction()->isEnabled());
    dock.setBatch(batch.rows);
    QVERIFY(dock.rateResultsAction()->isEnabled());
    dock.rateResultsAction()->trigger();
    QVERIFY(batchRated.wait(60000));
    QVERIFY(dock.batchHistogram());
    const auto series = dock.view()->series();
    QCOMPARE(series.size(), 2);
    QCOMPARE(series[0].style, ScoreHistogramView::Style::Bars);
    QCOMPARE(series[0].histogram.count, size_t(batch.rows.size()));
    QCOMPARE(series[1].style, ScoreHistogramView::Style::Outline);
    QCOMPARE(series[1].histogram.count, size_t(25));
    QCOMPARE(dock.view()->legend(), (QStringList{QStringLiteral("this batch (%1)").arg(batch.rows.size()),
                                                 QStringLiteral("dataset so far (25)")}));
    for (const AxisTicks& ticks : {dock.view()->xTicks(), dock.view()->yTicks()}) {
        QVERIFY(ticks.values.size() >= 2);
        for (double value : ticks.values) {
            QVERIFY(isMultipleOf(value, ticks.step));
        }
    }
    double peak = 0;
    for (const auto& entry : series) {
        for (double value : percentages(entry.histogram)) {
            peak = std::max(peak, value);
        }
    }
    QVERIFY(dock.view()->yTop() >= peak); // nothing cut on a percentage axis

    // The collection's reference: a seeded sample of every source (here all 150 images, fewer than the
    // sample's size), drawn dashed, the same draw again from the cache.
    QSignalSpy collectionRated(&bridge, &RatingBridge::collectionRated);
    dock.rateCollectionAction()->trigger();
    QVERIFY(collectionRated.wait(60000));
    QVERIFY(dock.collectionHistogram());
    QCOMPARE(dock.collectionHistogram()->count, size_t(150));
    QVERIFY2(dock.view()->series().size() == 3, qPrintable(dock.view()->legend().join(QStringLiteral(", "))));
    QCOMPARE(dock.view()->series()[2].style, ScoreHistogramView::Style::DashedOutline);
    QCOMPARE(dock.view()->legend().last(), QStringLiteral("collection sample (150)"));
    const auto first = collectionRated.first().at(0).value<std::shared_ptr<const RateReport>>();
    std::map<std::string, int> bySource;
    for (const auto& rated : first->rated) {
        ++bySource[rated.source];
    }
    QCOMPARE(bySource.size(), size_t(3)); // every source is in the sample
    bridge.rateCollectionSample(RatingBridge::kCollectionSample, 1);
    QVERIFY(collectionRated.wait(60000));
    const auto again = collectionRated.last().at(0).value<std::shared_ptr<const RateReport>>();
    QCOMPARE(again->scoresFromCache, again->rated.size());
    bridge.rateCollectionSample(40, 7); // a smaller draw: 40 distinct images
    QVERIFY(collectionRated.wait(60000));
    const auto smaller = collectionRated.last().at(0).value<std::shared_ptr<const RateReport>>();
    QCOMPARE(smaller->rated.size(), size_t(40));
    QCOMPARE(dock.collectionHistogram()->count, size_t(40));
    std::set<std::pair<std::string, std::string>> distinct;
    for (const auto& rated : smaller->rated) {
        distinct.insert({rated.source, rated.id});
    }
    QCOMPARE(distinct.size(), size_t(40));

    dock.resize(520, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QVERIFY(dock.grab().save(QDir::temp().filePath(QStringLiteral("histograms-scoredock.png"))));
}

QTEST_MAIN(HistogramsTest)
#include "tst_histograms.moc"
