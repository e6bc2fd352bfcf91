// Review in the results grid: marks in the model, keyboard review on the grid, the shortcut registry and
// its dialog, the preview bridge and dialog. Runs on a small demo workspace with a real search.

#include "bridge/previewbridge.h"
#include "bridge/searchbridge.h"
#include "dataset/curationlog.h"
#include "dataset/reviewmarks.h"
#include "dialogs/shortcutsdialog.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutregistry.h"
#include "models/builtincaptioner.h"
#include "models/builtinscorer.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"
#include "rating/aestheticsrate.h"
#include "uitesthelpers.h"
#include "widgets/previewdialog.h"
#include "widgets/resultsview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>

using namespace curator;
using namespace curator::ui;

namespace {

using ReviewMark = SearchResultsModel::ReviewMark;
const QString kSettingsGroup = QStringLiteral("review-test-shortcuts");

QString screenshotPath(const QString& name) {
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

} // namespace

class ReviewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void modelKeepsMarksAndPassesTheModelTester();
    void keyboardReviewMarksAndMovesOn();
    void spaceSelectsAndAcceptMarksTheSelection();
    void marksFollowTheKeyboardCursorNotAnEarlierClick();
    void aNewResultSetStartsAtTheTop();
    void tilesAtOrAboveTheThresholdAreMarked();
    void similarityRangeHidesRowsAndNavigationSkipsThem();
    void commitAboveLeavesOutTheRejectedRowsAndSaysHowMany();
    void registryPersistsOverridesAndRefusesConflicts();
    void changedKeysTakeEffectInTheGrid();
    void shortcutsDialogListsEditsAndRefusesConflicts();
    void previewBridgeLoadsImageAndProvenance();
    void previewBridgeReportsCorruptAndMissingFiles();
    void previewDialogStepsAndMarks();
    void gridScreenshotShowsMarksAndGreyedTiles();
    // Last: it leaves marks in the workspace only while it runs.
    void marksAreSavedAndComeBackWithTheImages();
    // After every test that counts the commits of an image: it adds two.
    void anImageIsRemovedFromACommitInThePreviewAndPutBack();

private:
    SearchSnapshot searchSnapshot(const QString& query, int topK);

    QTemporaryDir m_directory;
    QString m_workspace;
    SearchSnapshot m_snapshot; // "motion blur", 40 rows, the first five committed
    QString m_committedId;
};

void ReviewTest::initTestCase() {
    QVERIFY(m_directory.isValid());
    // Overrides go to a settings file of the test's own.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("curator-review-test"));
    QCoreApplication::setApplicationName(QStringLiteral("ui_review_tests"));
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
    m_snapshot = searchSnapshot(QStringLiteral("motion blur"), 40);
    QCOMPARE(m_snapshot.rows.size(), 40);

    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    CommitRequest request;
    request.query = "motion blur";
    request.threshold = 0.5;
    request.message = "first review";
    for (int i = 0; i < 5; ++i) {
        const SearchResultRow& row = m_snapshot.rows.at(i);
        CatalogImage image;
        image.source = row.source.toStdString();
        image.name = row.id.toStdString();
        request.images.push_back(image);
    }
    auto outcome = log->commit(request);
    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.error().c_str());
    m_committedId = QString::fromStdString(outcome->id);

    // Rate the committed images, so their previews have scores to show.
    std::vector<RateItem> items;
    for (int i = 0; i < 5; ++i) {
        const SearchResultRow& row = m_snapshot.rows.at(i);
        items.push_back({row.source.toStdString(), row.id.toStdString(), row.path.toStdString(),
                         row.caption.toStdString()});
    }
    BuiltinCaptioner captioner;
    BuiltinScorer scorer;
    auto rated = aestheticsRate(*log, items, captioner, scorer);
    QVERIFY2(rated.ok(), rated.ok() ? "" : rated.error().c_str());
    QCOMPARE(rated->rated.size(), size_t(5));
}

void ReviewTest::init() {
    QSettings().remove(kSettingsGroup);
}

SearchSnapshot ReviewTest::searchSnapshot(const QString& query, int topK) {
    SearchBridge bridge(m_workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    SearchRequestValues request;
    request.query = query;
    request.topK = topK;
    bridge.search(request);
    if (!results.wait(30000)) {
        return {};
    }
    return results.takeFirst().at(0).value<SearchSnapshot>();
}

void ReviewTest::modelKeepsMarksAndPassesTheModelTester() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SearchSnapshot snapshot = m_snapshot;
    snapshot.rows[3].masked = true;
    model.setSnapshot(snapshot);
    QCOMPARE(model.rowCount(), 40);
    QCOMPARE(model.data(model.index(3), SearchResultsModel::MaskedRole).toBool(), true);
    QCOMPARE(model.data(model.index(2), SearchResultsModel::MaskedRole).toBool(), false);
    QCOMPARE(model.data(model.index(0), SearchResultsModel::ReviewMarkRole).toInt(), int(ReviewMark::None));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy marks(&model, &SearchResultsModel::reviewMarksChanged);
    model.setReviewMarks({5, 1, 2, 9}, ReviewMark::Accepted);
    QCOMPARE(changed.count(), 3); // runs 1-2, 5 and 9
    QCOMPARE(marks.count(), 1);
    model.setReviewMark(7, ReviewMark::Rejected);
    model.setReviewMark(7, ReviewMark::Rejected); // unchanged: no signal
    QCOMPARE(marks.count(), 2);
    model.setReviewMark(400, ReviewMark::Accepted); // out of range: ignored
    QCOMPARE(model.data(model.index(7), SearchResultsModel::ReviewMarkRole).toInt(),
             int(ReviewMark::Rejected));
    QVERIFY(model.data(model.index(7), Qt::ToolTipRole).toString().contains(QStringLiteral("rejected")));
    QVERIFY(model.data(model.index(3), Qt::ToolTipRole).toString().contains(QStringLiteral("masked")));
    QCOMPARE(model.reviewCount(ReviewMark::Accepted), 4);
    QCOMPARE(model.reviewCount(ReviewMark::Rejected), 1);

    const QVector<SearchResultRow> accepted = model.acceptedRows();
    QCOMPARE(accepted.size(), 4);
    QCOMPARE(accepted.at(0).id, snapshot.rows.at(1).id); // result order, not marking order
    QCOMPARE(accepted.at(2).id, snapshot.rows.at(5).id);
    QCOMPARE(accepted.at(3).source, snapshot.rows.at(9).source);
    QCOMPARE(model.rejectedRows().at(0).id, snapshot.rows.at(7).id);

    // A new snapshot clears every mark.
    model.setSnapshot(m_snapshot);
    QCOMPARE(model.reviewCount(ReviewMark::Accepted), 0);
    QVERIFY(model.acceptedRows().isEmpty());
    QCOMPARE(model.data(model.index(3), SearchResultsModel::MaskedRole).toBool(), false);
    model.setSnapshot({});
    QCOMPARE(model.rowCount(), 0);
}

void ReviewTest::keyboardReviewMarksAndMovesOn() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(900, 600);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    view.setCurrentRow(0);

    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentIndex().row(), 1);
    QVERIFY(view.selectionModel()->selectedIndexes().isEmpty()); // arrows move, they do not select
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(1), ReviewMark::Accepted);
    QCOMPARE(view.currentIndex().row(), 2);
    QTest::keyClick(&view, Qt::Key_R);
    QCOMPARE(model.reviewMark(2), ReviewMark::Rejected);
    QTest::keyClick(&view, Qt::Key_X);
    QCOMPARE(model.reviewMark(3), ReviewMark::Rejected);
    QCOMPARE(view.currentIndex().row(), 4);
    QTest::keyClick(&view, Qt::Key_N);
    QCOMPARE(view.currentIndex().row(), 5);
    QCOMPARE(model.reviewMark(4), ReviewMark::None);
    QTest::keyClick(&view, Qt::Key_P);
    QTest::keyClick(&view, Qt::Key_P);
    QCOMPARE(view.currentIndex().row(), 3);
    QTest::keyClick(&view, Qt::Key_U); // clears the reject of row 3
    QCOMPARE(model.reviewMark(3), ReviewMark::None);
    QCOMPARE(view.currentIndex().row(), 4);

    // Down moves a whole row of tiles.
    const int before = view.currentIndex().row();
    QTest::keyClick(&view, Qt::Key_Down);
    QVERIFY(view.currentIndex().row() > before + 1);

    QSignalSpy previews(&view, &ResultsView::previewRequested);
    QTest::keyClick(&view, Qt::Key_Return);
    QCOMPARE(previews.count(), 1);
    QCOMPARE(previews.first().at(0).toModelIndex(), view.currentIndex());

    // The last tile stays current when accepted.
    view.setCurrentRow(39);
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(39), ReviewMark::Accepted);
    QCOMPARE(view.currentIndex().row(), 39);
    const QVector<SearchResultRow> accepted = model.acceptedRows();
    QCOMPARE(accepted.size(), 2);
    QCOMPARE(accepted.at(0).id, m_snapshot.rows.at(1).id);
    QCOMPARE(accepted.at(1).id, m_snapshot.rows.at(39).id);
}

void ReviewTest::spaceSelectsAndAcceptMarksTheSelection() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(900, 600);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    view.setCurrentRow(0);

    QTest::keyClick(&view, Qt::Key_Space);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Space);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Space);
    QTest::keyClick(&view, Qt::Key_Space); // toggles row 3 off again
    QList<int> selected;
    for (const QModelIndex& index : view.selectionModel()->selectedIndexes()) {
        selected << index.row();
    }
    std::sort(selected.begin(), selected.end());
    QCOMPARE(selected, (QList<int>{0, 2}));

    // The cursor (row 3) is outside the selection: the mark is the cursor's alone, the selection stays.
    QTest::keyClick(&view, Qt::Key_U);
    QCOMPARE(view.currentIndex().row(), 4);
    QCOMPARE(view.selectionModel()->selectedIndexes().size(), 2);
    QTest::keyClick(&view, Qt::Key_Left);
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.currentIndex().row(), 2);
    QTest::keyClick(&view, Qt::Key_R); // the cursor is in the selection of two: both are marked
    QCOMPARE(model.reviewMark(0), ReviewMark::Rejected);
    QCOMPARE(model.reviewMark(2), ReviewMark::Rejected);
    QCOMPARE(model.reviewMark(1), ReviewMark::None);
    QCOMPARE(model.reviewMark(3), ReviewMark::None);
    QVERIFY(view.selectionModel()->selectedIndexes().isEmpty());
    QCOMPARE(view.currentIndex().row(), 3);

    // The mouse still selects as usual.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(1)).center());
    QCOMPARE(view.selectionModel()->selectedIndexes().size(), 1);
    QCOMPARE(view.currentIndex().row(), 1);
}

void ReviewTest::marksFollowTheKeyboardCursorNotAnEarlierClick() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(900, 600);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();

    // A click makes the clicked tile the cursor's: A marks it.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(3)).center());
    QCOMPARE(view.currentIndex().row(), 3);
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(3), ReviewMark::Accepted);
    QCOMPARE(model.reviewCount(ReviewMark::Accepted), 1);
    QCOMPARE(view.currentIndex().row(), 4);

    // Click tile 1, then move the cursor with the arrows: R marks the cursor's tile, not the clicked one.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(1)).center());
    QCOMPARE(view.currentIndex().row(), 1);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentIndex().row(), 5);
    QTest::keyClick(&view, Qt::Key_R);
    QCOMPARE(model.reviewMark(5), ReviewMark::Rejected);
    QCOMPARE(model.reviewMark(1), ReviewMark::None);
    QCOMPARE(model.reviewCount(ReviewMark::Rejected), 1);
    QTest::keyClick(&view, Qt::Key_Down);
    const int below = view.currentIndex().row();
    QVERIFY(below > 6);
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(below), ReviewMark::Accepted);
    QCOMPARE(model.reviewMark(1), ReviewMark::None);

    // Ctrl+click builds a selection of several with the cursor in it: a mark takes them all.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(10)).center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier,
                      view.visualRect(model.index(12)).center());
    QCOMPARE(view.currentIndex().row(), 12);
    QCOMPARE(view.selectionModel()->selectedIndexes().size(), 2);
    QTest::keyClick(&view, Qt::Key_R);
    QCOMPARE(model.reviewMark(10), ReviewMark::Rejected);
    QCOMPARE(model.reviewMark(12), ReviewMark::Rejected);
    QCOMPARE(model.reviewMark(11), ReviewMark::None);
    QCOMPARE(view.currentIndex().row(), 13);

    // What a threshold commit leaves out: the rejected rows, in result order.
    const QVector<SearchResultRow> rejected = model.rejectedRows();
    QCOMPARE(rejected.size(), 3);
    QCOMPARE(rejected.at(0).id, m_snapshot.rows.at(5).id);
    QCOMPARE(rejected.at(2).id, m_snapshot.rows.at(12).id);
}

void ReviewTest::aNewResultSetStartsAtTheTop() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(600, 320); // a few rows of tiles: 40 results need scrolling
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    QCOMPARE(view.currentIndex().row(), 0);

    view.setCurrentRow(35);
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    SearchSnapshot next = m_snapshot;
    next.generation = m_snapshot.generation + 1;
    std::reverse(next.rows.begin(), next.rows.end());
    model.setSnapshot(next);
    QCOMPARE(view.currentIndex().row(), 0);
    QCOMPARE(view.verticalScrollBar()->value(), 0);
    QCoreApplication::processEvents(); // the delayed layout must not scroll back down
    QCOMPARE(view.verticalScrollBar()->value(), 0);
    QVERIFY(view.viewport()->rect().contains(view.visualRect(model.index(0)).center()));

    // A band sample is shown with the same generation: it starts at the top as well.
    view.setCurrentRow(30);
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    SearchSnapshot sample = next;
    sample.rows.resize(25);
    model.setSnapshot(sample);
    QCoreApplication::processEvents();
    QCOMPARE(view.currentIndex().row(), 0);
    QCOMPARE(view.verticalScrollBar()->value(), 0);
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(0), ReviewMark::Accepted);
}

void ReviewTest::tilesAtOrAboveTheThresholdAreMarked() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SearchSnapshot snapshot = m_snapshot;
    snapshot.rows[2].masked = true;
    model.setSnapshot(snapshot);
    const auto above = [&model](int row) {
        return model.data(model.index(row), SearchResultsModel::AboveThresholdRole).toBool();
    };
    QVERIFY(!model.hasThreshold());
    QVERIFY(!above(0)); // no threshold yet: nothing is marked

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const double threshold = static_cast<double>(snapshot.rows.at(9).similarity);
    model.setThreshold(threshold);
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(SearchResultsModel::AboveThresholdRole));
    int marked = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool expected = !snapshot.rows.at(row).masked &&
                              snapshot.rows.at(row).similarity >= static_cast<float>(threshold);
        QCOMPARE(above(row), expected);
        marked += above(row) ? 1 : 0;
    }
    QVERIFY(marked >= 9); // rows 0-9 but the masked one (and any equal to row 9)
    QVERIFY(above(9));
    QVERIFY(!above(2)); // masked: a commit does not take it
    const QString tip = model.data(model.index(0), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("at or above the threshold %1").arg(threshold, 0, 'f', 3)),
             qPrintable(tip));
    QCOMPARE(model.data(model.index(39), Qt::ToolTipRole)
                 .toString()
                 .contains(QStringLiteral("at or above the threshold")),
             above(39));

    // The threshold belongs to the histogram: a new snapshot keeps it.
    model.setThreshold(threshold); // unchanged: no signal
    QCOMPARE(changed.count(), 1);
    model.setSnapshot(m_snapshot);
    QVERIFY(above(2));
    model.clearThreshold();
    QVERIFY(!above(0));
}

void ReviewTest::similarityRangeHidesRowsAndNavigationSkipsThem() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(900, 600);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    QCOMPARE(view.visibleRowCount(), 40);

    // Rows 10-19 by similarity (the rows are best first).
    const double high = static_cast<double>(m_snapshot.rows.at(10).similarity);
    const double low = static_cast<double>(m_snapshot.rows.at(19).similarity);
    QSignalSpy shown(&view, &ResultsView::visibleRowsChanged);
    view.setSimilarityRange(high, low); // either order
    QCOMPARE(shown.count(), 1);
    int expected = 0;
    for (int row = 0; row < 40; ++row) {
        const double similarity = static_cast<double>(m_snapshot.rows.at(row).similarity);
        const bool inside = similarity >= low && similarity <= high;
        QCOMPARE(view.isRowHidden(row), !inside);
        expected += inside ? 1 : 0;
    }
    QVERIFY(expected >= 10);
    QCOMPARE(view.visibleRowCount(), expected);
    QCOMPARE(shown.last().at(0).toInt(), expected);
    QCOMPARE(shown.last().at(1).toInt(), 40);
    // The cursor was on row 0, now hidden: it moved to the first shown row.
    const int first = view.currentIndex().row();
    QVERIFY(!view.isRowHidden(first));
    QVERIFY(first >= 1 && first <= 10);

    // Next walks the shown rows only and stops at the last one; A marks and moves the same way.
    int previous = first;
    for (int step = 1; step < expected; ++step) {
        QTest::keyClick(&view, Qt::Key_N);
        QVERIFY(view.currentIndex().row() > previous);
        QVERIFY(!view.isRowHidden(view.currentIndex().row()));
        previous = view.currentIndex().row();
    }
    const int last = previous;
    QVERIFY(last >= 19);
    QTest::keyClick(&view, Qt::Key_N);
    QCOMPARE(view.currentIndex().row(), last); // rows after it are hidden: the cursor stays
    QTest::keyClick(&view, Qt::Key_P);
    QVERIFY(view.currentIndex().row() < last);
    view.setCurrentRow(first);
    QTest::keyClick(&view, Qt::Key_P);
    QCOMPARE(view.currentIndex().row(), first); // rows before it are hidden too
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(first), ReviewMark::Accepted);
    QVERIFY(!view.isRowHidden(view.currentIndex().row()));

    // A band sample of the same search keeps the range; a new search drops it.
    SearchSnapshot sample = m_snapshot;
    model.setSnapshot(sample);
    QCOMPARE(view.visibleRowCount(), expected);
    QVERIFY(!view.isRowHidden(view.currentIndex().row()));
    SearchSnapshot next = m_snapshot;
    next.generation = m_snapshot.generation + 1;
    model.setSnapshot(next);
    QCOMPARE(view.visibleRowCount(), 40);
    QCOMPARE(view.currentIndex().row(), 0);

    view.setSimilarityRange(high, low);
    view.clearSimilarityRange();
    QCOMPARE(view.visibleRowCount(), 40);
    QVERIFY(!view.isRowHidden(0));
}

void ReviewTest::commitAboveLeavesOutTheRejectedRowsAndSaysHowMany() {
    // A workspace of its own, so that the commits here touch no other test.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QString error;
    const QString workspace = test::createDemoWorkspace(directory.path(), 60, &error);
    QVERIFY2(!workspace.isEmpty(), qPrintable(error));
    SearchBridge bridge(workspace);
    QSignalSpy results(&bridge, &SearchBridge::resultsReady);
    QSignalSpy counts(&bridge, &SearchBridge::countReady);
    QSignalSpy committed(&bridge, &SearchBridge::committed);
    QSignalSpy failures(&bridge, &SearchBridge::failed);
    SearchRequestValues request;
    request.query = QStringLiteral("motion blur");
    request.topK = 20;
    bridge.search(request);
    QVERIFY(results.wait(30000));
    const auto snapshot = results.takeFirst().at(0).value<SearchSnapshot>();
    QCOMPARE(snapshot.rows.size(), 20);
    const double threshold = static_cast<double>(snapshot.rows.at(9).similarity);
    QVERIFY(snapshot.rows.at(15).similarity < static_cast<float>(threshold));
    bridge.countAbove(threshold);
    QVERIFY(counts.wait(30000));
    const qulonglong above = counts.first().at(1).toULongLong();
    QVERIFY(above >= 10);

    // Rejected in review: two above the threshold, one below it (which changes nothing).
    ThumbnailCache thumbnails;
    SearchResultsModel model(workspace, &thumbnails);
    model.setSnapshot(snapshot);
    model.setReviewMarks({0, 4, 15}, ReviewMark::Rejected);
    bridge.commitAbove(threshold, QStringLiteral("motion blur batch"), snapshot.generation,
                       model.rejectedRows());
    QVERIFY(committed.wait(30000));
    QVERIFY(failures.isEmpty());
    const QList<QVariant> outcome = committed.takeFirst();
    QCOMPARE(outcome.at(1).toULongLong(), above - 2); // selected
    QCOMPARE(outcome.at(3).toULongLong(), 2ull);      // excluded

    auto log = CurationLog::open(workspace.toStdString());
    QVERIFY(log.ok());
    auto info = log->commitInfo(outcome.at(0).toString().toStdString());
    QVERIFY(info.ok());
    QCOMPARE(QString::fromStdString(info->message),
             QStringLiteral("motion blur batch (2 rejected images left out)"));
    auto images = log->commitImages(info->id);
    QVERIFY(images.ok());
    QCOMPARE(images->size(), size_t(above - 2));
    for (const auto& image : *images) {
        for (int rejected : {0, 4}) {
            QVERIFY(!(QString::fromStdString(image.source) == snapshot.rows.at(rejected).source &&
                      QString::fromStdString(image.name) == snapshot.rows.at(rejected).id));
        }
    }

    // Without exclusions (the default): everything above the threshold, nothing left out.
    bridge.commitAbove(threshold, QStringLiteral("all of it"), snapshot.generation);
    QVERIFY(committed.wait(30000));
    QCOMPARE(committed.first().at(1).toULongLong(), above);
    QCOMPARE(committed.first().at(3).toULongLong(), 0ull);
}

void ReviewTest::registryPersistsOverridesAndRefusesConflicts() {
    QWidget widget;
    {
        ShortcutRegistry registry(nullptr, kSettingsGroup);
        registerReviewCommands(registry);
        QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Reject)),
                 (QList<QKeySequence>{QKeySequence(Qt::Key_R), QKeySequence(Qt::Key_X)}));
        QVERIFY(registry.ids().contains(QString::fromLatin1(reviewcommand::Preview)));
        QAction* accept = registry.action(QString::fromLatin1(reviewcommand::Accept), &widget);
        QVERIFY(accept);
        QCOMPARE(accept->shortcut(), QKeySequence(Qt::Key_A));
        QCOMPARE(accept->shortcutContext(), Qt::WidgetWithChildrenShortcut);

        QString error;
        QVERIFY(
            !registry.setKeys(QString::fromLatin1(reviewcommand::Accept), {QKeySequence(Qt::Key_N)}, &error));
        QVERIFY2(error.contains(QStringLiteral("Next result")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("N")), qPrintable(error));
        QCOMPARE(accept->shortcut(), QKeySequence(Qt::Key_A)); // unchanged
        QVERIFY(!registry.setKeys(QStringLiteral("no.such"), {QKeySequence(Qt::Key_F9)}, &error));
        QVERIFY(error.contains(QStringLiteral("no.such")));

        QSignalSpy changed(&registry, &ShortcutRegistry::keysChanged);
        QVERIFY(
            registry.setKeys(QString::fromLatin1(reviewcommand::Accept), {QKeySequence(Qt::Key_K)}, &error));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(accept->shortcut(), QKeySequence(Qt::Key_K)); // actions follow
        QVERIFY(!registry.isDefault(QString::fromLatin1(reviewcommand::Accept)));
        QVERIFY(registry.setKeys(QString::fromLatin1(reviewcommand::Next), {}, &error)); // no shortcut
        // A is free now and can go to another command.
        QVERIFY(registry.setKeys(QString::fromLatin1(reviewcommand::ClearMark), {QKeySequence(Qt::Key_A)},
                                 &error));
    }
    QCOMPARE(QSettings().value(kSettingsGroup + QStringLiteral("/review.accept")).toString(),
             QStringLiteral("K"));
    {
        ShortcutRegistry registry(nullptr, kSettingsGroup);
        registerReviewCommands(registry);
        QVERIFY(registry.loadWarnings().isEmpty());
        QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Accept)),
                 QList<QKeySequence>{QKeySequence(Qt::Key_K)});
        QVERIFY(registry.keys(QString::fromLatin1(reviewcommand::Next)).isEmpty());
        QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::ClearMark)),
                 QList<QKeySequence>{QKeySequence(Qt::Key_A)});

        // Resetting one command is refused while another holds its default key.
        QString error;
        QVERIFY(registry.resetToDefault(QString::fromLatin1(reviewcommand::Next), &error));
        QVERIFY(!registry.resetToDefault(QString::fromLatin1(reviewcommand::Accept), &error));
        QVERIFY2(error.contains(registry.text(QString::fromLatin1(reviewcommand::ClearMark))),
                 qPrintable(error));
        registry.resetAllToDefaults();
        for (const QString& id : registry.ids()) {
            QVERIFY(registry.isDefault(id));
        }
    }
    QVERIFY(
        !QSettings().contains(kSettingsGroup + QStringLiteral("/review.accept"))); // defaults are not saved

    // Saved overrides that collide or do not parse are reported, and the defaults stay.
    QSettings().setValue(kSettingsGroup + QStringLiteral("/review.next"), QStringLiteral("A"));
    QSettings().setValue(kSettingsGroup + QStringLiteral("/review.previous"),
                         QStringLiteral("Ctrl+Nonsense+Q"));
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    registerReviewCommands(registry);
    QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Next)),
             QList<QKeySequence>{QKeySequence(Qt::Key_N)});
    QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Previous)),
             QList<QKeySequence>{QKeySequence(Qt::Key_P)});
    QCOMPARE(registry.loadWarnings().size(), 2);
    QVERIFY2(registry.loadWarnings().join(QLatin1Char(' ')).contains(QStringLiteral("Ctrl+Nonsense+Q")),
             qPrintable(registry.loadWarnings().join(QLatin1Char(' '))));
}

void ReviewTest::changedKeysTakeEffectInTheGrid() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    model.setSnapshot(m_snapshot);
    view.resize(600, 400);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    view.setCurrentRow(0);
    QVERIFY(registry.setKeys(QString::fromLatin1(reviewcommand::Accept), {QKeySequence(Qt::Key_Y)}));
    QTest::keyClick(&view, Qt::Key_A);
    QCOMPARE(model.reviewMark(0), ReviewMark::None);
    QTest::keyClick(&view, Qt::Key_Y);
    QCOMPARE(model.reviewMark(0), ReviewMark::Accepted);
    QCOMPARE(view.currentIndex().row(), 1);
}

void ReviewTest::shortcutsDialogListsEditsAndRefusesConflicts() {
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    registerReviewCommands(registry);
    registry.registerCommand(QStringLiteral("search.focus"), QStringLiteral("Focus the search field"),
                             {QKeySequence(QStringLiteral("Ctrl+F"))});
    ShortcutsDialog dialog(&registry);
    auto* list = dialog.findChild<QTreeWidget*>();
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), registry.ids().size());
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("R, X")); // alternatives, comma-separated

    QVERIFY(dialog.selectCommand(QString::fromLatin1(reviewcommand::Accept)));
    QVERIFY(!dialog.assignToSelected(QKeySequence(Qt::Key_R)));
    QVERIFY2(dialog.message().contains(QStringLiteral("Reject the result")), qPrintable(dialog.message()));
    QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Accept)),
             QList<QKeySequence>{QKeySequence(Qt::Key_A)});
    QVERIFY(dialog.assignToSelected(QKeySequence(QStringLiteral("Ctrl+Return"))));
    QCOMPARE(registry.keys(QString::fromLatin1(reviewcommand::Accept)),
             QList<QKeySequence>{QKeySequence(QStringLiteral("Ctrl+Return"))});
    QCOMPARE(list->topLevelItem(0)->text(1),
             QKeySequence(QStringLiteral("Ctrl+Return")).toString(QKeySequence::NativeText));
    QVERIFY(list->topLevelItem(0)->font(1).bold()); // marked as changed

    dialog.resize(640, 420);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.grab().save(screenshotPath(QStringLiteral("review-shortcuts.png"))));
}

void ReviewTest::previewBridgeLoadsImageAndProvenance() {
    PreviewBridge bridge(m_workspace);
    QSignalSpy ready(&bridge, &PreviewBridge::previewReady);
    QSignalSpy failed(&bridge, &PreviewBridge::failed);
    const SearchResultRow& row = m_snapshot.rows.at(0);
    const SearchResultRow& other = m_snapshot.rows.at(10);
    const quint64 stale = bridge.request(other.source, other.id, other.path, QSize(64, 64));
    const quint64 fresh = bridge.request(row.source, row.id, row.path, QSize(100, 80));
    QVERIFY(ready.wait(30000));
    QTest::qWait(200); // a stale answer, if one were delivered, would arrive now
    QCOMPARE(ready.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(fresh > stale);
    const auto preview = ready.first().at(0).value<PreviewData>();
    QCOMPARE(preview.generation, fresh);
    QCOMPARE(preview.id, row.id);
    QVERIFY(!preview.image.isNull());
    QVERIFY(preview.image.width() <= 100 && preview.image.height() <= 80);
    QVERIFY(preview.image.width() == 100 || preview.image.height() == 80); // fitted, aspect kept
    QVERIFY(preview.originalSize.width() > 100);
    QVERIFY2(preview.provenance, qPrintable(preview.provenanceError));
    QCOMPARE(QString::fromStdString(preview.provenance->image.path), row.path);
    QCOMPARE(preview.provenance->commits.size(), size_t(1));
    QCOMPARE(QString::fromStdString(preview.provenance->commits.at(0).id), m_committedId);
    QVERIFY(preview.provenance->commits.at(0).live);
    QCOMPARE(preview.provenance->commits.at(0).query, std::string("motion blur"));
    QCOMPARE(preview.provenance->scores.size(), size_t(1));
    QCOMPARE(preview.provenance->scores.at(0).model, std::string("builtin-proxy"));
    QCOMPARE(preview.provenance->scores.at(0).captionSource, std::string("catalog"));
}

void ReviewTest::previewBridgeReportsCorruptAndMissingFiles() {
    const QString corrupt = m_directory.filePath(QStringLiteral("corrupt.png"));
    QFile file(corrupt);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG\r\n\x1a\n this is not really a png");
    file.close();

    PreviewBridge bridge(m_workspace);
    QSignalSpy ready(&bridge, &PreviewBridge::previewReady);
    QSignalSpy failed(&bridge, &PreviewBridge::failed);
    const SearchResultRow& row = m_snapshot.rows.at(1);
    bridge.request(row.source, row.id, corrupt, QSize(200, 200));
    QVERIFY(failed.wait(30000));
    QCOMPARE(ready.count(), 0);
    auto partial = failed.first().at(0).value<PreviewData>();
    QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(corrupt) && message.contains(QStringLiteral("cannot read the image")),
             qPrintable(message));
    QVERIFY(partial.image.isNull());
    QVERIFY2(partial.provenance, qPrintable(partial.provenanceError)); // what could be read still arrives
    QCOMPARE(partial.provenance->commits.size(), size_t(1));

    failed.clear();
    const QString missing = m_directory.filePath(QStringLiteral("gone.jpg"));
    bridge.request(QStringLiteral("photos"), QStringLiteral("no-such-image"), missing, QSize(200, 200));
    QVERIFY(failed.wait(30000));
    partial = failed.first().at(0).value<PreviewData>();
    message = failed.first().at(1).toString();
    QVERIFY2(message.contains(missing) && message.contains(QStringLiteral("file not found")),
             qPrintable(message));
    QVERIFY(!partial.provenance);
    QVERIFY2(partial.provenanceError.contains(QStringLiteral("photos/no-such-image")),
             qPrintable(partial.provenanceError));
}

void ReviewTest::previewDialogStepsAndMarks() {
    ThumbnailCache thumbnails;
    SearchResultsModel model(m_workspace, &thumbnails);
    SearchSnapshot snapshot = m_snapshot;
    snapshot.rows[2].masked = true;
    model.setSnapshot(snapshot);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    PreviewBridge bridge(m_workspace);
    PreviewDialog dialog(&model, &bridge, &registry);
    QSignalSpy rows(&dialog, &PreviewDialog::currentRowChanged);
    QSignalSpy loaded(&dialog, &PreviewDialog::loaded);
    dialog.resize(1000, 620);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    dialog.showRow(0);
    QVERIFY(loaded.wait(30000));
    QVERIFY(dialog.isLoaded());
    const auto* browser = dialog.findChild<QTextBrowser*>();
    QVERIFY(browser);
    QVERIFY2(browser->toPlainText().contains(m_committedId.left(8)), qPrintable(browser->toPlainText()));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("live")));
    QVERIFY(browser->toPlainText().contains(snapshot.rows.at(0).caption));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("builtin-proxy")));
    QVERIFY(dialog.grab().save(screenshotPath(QStringLiteral("review-preview.png"))));

    QTest::keyClick(&dialog, Qt::Key_Right);
    QCOMPARE(dialog.currentRow(), 1);
    QTest::keyClick(&dialog, Qt::Key_A); // accept inside the preview marks and steps on
    QCOMPARE(model.reviewMark(1), ReviewMark::Accepted);
    QCOMPARE(dialog.currentRow(), 2);
    QTest::keyClick(&dialog, Qt::Key_X);
    QCOMPARE(model.reviewMark(2), ReviewMark::Rejected);
    QTest::keyClick(&dialog, Qt::Key_Left);
    QTest::keyClick(&dialog, Qt::Key_N);
    QCOMPARE(dialog.currentRow(), 3);
    QCOMPARE(rows.last().at(0).toInt(), 3);
    QTest::keyClick(&dialog, Qt::Key_Left);
    QCOMPARE(dialog.currentRow(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 30000);
    QVERIFY(browser->toPlainText().contains(QStringLiteral("masked")));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("rejected")));
    QVERIFY(dialog.grab().save(screenshotPath(QStringLiteral("review-preview-masked.png"))));

    model.setSnapshot({}); // a new search hides it
    QVERIFY(!dialog.isVisible());
}

void ReviewTest::gridScreenshotShowsMarksAndGreyedTiles() {
    ThumbnailCache thumbnails(120);
    SearchResultsModel model(m_workspace, &thumbnails);
    ShortcutRegistry registry(nullptr, kSettingsGroup);
    ResultsView view(&model, &registry, 120);
    SearchSnapshot snapshot = m_snapshot;
    for (int row : {4, 5, 11}) {
        snapshot.rows[row].masked = true;
    }
    model.setSnapshot(snapshot);
    view.resize(840, 560);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    model.setReviewMarks({0, 2, 7}, ReviewMark::Accepted);
    model.setReviewMarks({1, 8}, ReviewMark::Rejected);
    model.setThreshold(static_cast<double>(snapshot.rows.at(6).similarity));
    view.setCurrentRow(3);
    QTest::keyClick(&view, Qt::Key_Space);
    // Thumbnails arrive from the cache's workers.
    QTRY_VERIFY_WITH_TIMEOUT(
        !thumbnails.thumbnail(snapshot.rows.at(11).source + QLatin1Char('/') + snapshot.rows.at(11).id)
             .isNull(),
        10000);
    QTest::qWait(100);
    const QImage image = view.grab().toImage();
    QVERIFY(image.save(screenshotPath(QStringLiteral("review-grid.png"))));
    // A masked tile is grey: the centre pixel of its thumbnail has equal channels.
    const QColor masked = image.pixelColor(view.visualRect(model.index(5)).center() - QPoint(0, 10));
    QCOMPARE(masked.red(), masked.green());
    QCOMPARE(masked.green(), masked.blue());
    // Tiles a threshold commit takes have a blue bar down their left edge; those below it do not.
    const auto leftEdge = [&](int row) {
        const QRect tile = view.visualRect(model.index(row));
        return image.pixelColor(tile.left() + 2, tile.top() + 40);
    };
    QCOMPARE(leftEdge(0), QColor(31, 111, 235));
    QVERIFY(image.rect().contains(view.visualRect(model.index(10)).topLeft()));
    QVERIFY(leftEdge(10) != QColor(31, 111, 235));
}

QTEST_MAIN(ReviewTest)
void ReviewTest::marksAreSavedAndComeBackWithTheImages() {
    const auto savedMarks = [this] {
        auto log = CurationLog::open(m_workspace.toStdString());
        auto marks = log ? reviewMarks(*log) : Result<std::vector<curator::ReviewRecord>>(log.takeError());
        return marks ? *marks : std::vector<curator::ReviewRecord>();
    };
    QVERIFY(savedMarks().empty());
    QString first, second, third;
    {
        MainWindow window(m_workspace);
        QSignalSpy shown(&window, &MainWindow::resultsShown);
        window.search(QStringLiteral("motion blur"));
        QVERIFY(shown.wait(30000));
        SearchResultsModel* model = window.resultsModel();
        QVERIFY(model->rowCount() > 3);
        // What the grid's keys and the preview do: mark rows of the model.
        model->setReviewMarks({0, 1}, ReviewMark::Accepted);
        model->setReviewMark(2, ReviewMark::Rejected);
        first = model->snapshot().rows.at(0).id;
        second = model->snapshot().rows.at(1).id;
        third = model->snapshot().rows.at(2).id;
        QTRY_COMPARE_WITH_TIMEOUT(savedMarks().size(), size_t(3), 10000);
        // Cleared in the grid, cleared in the workspace.
        model->setReviewMark(1, ReviewMark::None);
        QTRY_COMPARE_WITH_TIMEOUT(savedMarks().size(), size_t(2), 10000);
    }
    for (const curator::ReviewRecord& mark : savedMarks()) {
        QCOMPARE(QString::fromStdString(mark.author), QStringLiteral("human"));
    }

    // A new session, the same images: the marks come back with them.
    MainWindow window(m_workspace);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("motion blur"));
    QVERIFY(shown.wait(30000));
    SearchResultsModel* model = window.resultsModel();
    QHash<QString, ReviewMark> markOf;
    for (int row = 0; row < model->rowCount(); ++row) {
        markOf.insert(model->snapshot().rows.at(row).id, model->reviewMark(row));
    }
    QCOMPARE(markOf.value(first), ReviewMark::Accepted);
    QCOMPARE(markOf.value(second), ReviewMark::None);
    QCOMPARE(markOf.value(third), ReviewMark::Rejected);
    QCOMPARE(model->reviewCount(ReviewMark::Accepted), 1);
    QCOMPARE(model->reviewCount(ReviewMark::Rejected), 1);

    // Leave the workspace as the other tests expect it.
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    std::vector<ReviewedImage> images;
    for (const curator::ReviewRecord& mark : savedMarks()) {
        images.push_back({mark.source, mark.name});
    }
    QVERIFY(setReviewMarks(*log, {}, images, std::nullopt).ok());
}

// Clicks the link whose text is `text` in the browser, as a user would.
static bool clickLink(QTextBrowser* browser, const QString& text) {
    const QTextCursor found = browser->document()->find(text);
    if (found.isNull()) {
        return false;
    }
    QTextCursor inside(browser->document());
    inside.setPosition(found.selectionStart() + 2);
    browser->setTextCursor(inside);
    browser->ensureCursorVisible();
    const QPoint point = browser->cursorRect(inside).center();
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, Qt::NoModifier, point);
    return true;
}

void ReviewTest::anImageIsRemovedFromACommitInThePreviewAndPutBack() {
    const auto distinctImages = [this] {
        auto log = CurationLog::open(m_workspace.toStdString());
        auto status = log ? log->status() : Result<StatusReport>(log.takeError());
        return status ? status->distinctImages : size_t(0);
    };
    const size_t before = distinctImages();
    QCOMPARE(before, size_t(5));
    MainWindow window(m_workspace);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    window.search(QStringLiteral("motion blur"));
    QVERIFY(shown.wait(30000));
    SearchResultsModel* model = window.resultsModel();
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->snapshot().rows.at(i).id == m_snapshot.rows.at(0).id) {
            row = i;
        }
    }
    QVERIFY(row >= 0);
    PreviewDialog* dialog = window.previewDialog();
    QSignalSpy loaded(dialog, &PreviewDialog::loaded);
    dialog->resize(1000, 700);
    dialog->show();
    dialog->showRow(row);
    QVERIFY(loaded.wait(30000));
    auto* browser = dialog->findChild<QTextBrowser*>();
    QVERIFY(browser);

    // "remove it from this commit": a revert of that image only; the preview says so and offers it back.
    QVERIFY2(clickLink(browser, QStringLiteral("remove it from this commit")),
             qPrintable(browser->toPlainText()));
    QTRY_COMPARE_WITH_TIMEOUT(distinctImages(), before - 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(browser->toPlainText().contains(QStringLiteral("image removed by")), 10000);
    QVERIFY(browser->toPlainText().contains(QStringLiteral("removed it from %1").arg(m_committedId.left(8))));
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("review-preview-removed.png"))));
    auto log = CurationLog::open(m_workspace.toStdString());
    QVERIFY(log.ok());
    auto status = log->status();
    QVERIFY(status.ok());
    QCOMPARE(status->liveCommits.size(), size_t(1)); // the commit stays, with four images
    QCOMPARE(status->liveCommits.at(0).images, size_t(4));

    QVERIFY2(clickLink(browser, QStringLiteral("put it back")), qPrintable(browser->toPlainText()));
    QTRY_COMPARE_WITH_TIMEOUT(distinctImages(), before, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(browser->toPlainText().contains(QStringLiteral("remove it from this commit")),
                             10000);
    dialog->hide();
}

#include "tst_review.moc"
