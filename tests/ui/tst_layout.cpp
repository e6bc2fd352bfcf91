// Issue 14: the window fits a 1280x800 screen and any larger one at every moment (each preset, after a
// reset, with a commit's details shown); the View menu's presets and Reset layout; the empty state; Ctrl+F.
#include "curation/curationsession.h"
#include "dataset/curationlog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/previewdock.h"
#include "docks/searchdock.h"
#include "mainwindow/docklayout.h"
#include "mainwindow/mainwindow.h"
#include "models/commitlogmodel.h"
#include "models/searchresultsmodel.h"
#include "uitesthelpers.h"
#include "widgets/emptystatepage.h"
#include "widgets/resultsview.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace curator;
using namespace curator::ui;

namespace {
// A screen's height less a title bar and a panel: what a maximised window gets on a 1280x800 screen.
constexpr int kLaptopWidth = 1280;
constexpr int kLaptopHeight = 760;

QAction* menuAction(QMainWindow& window, const QString& menuTitle, const QString& text) {
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->text().remove(QLatin1Char('&')) != menuTitle || !menu->menu()) {
            continue;
        }
        for (QAction* action : menu->menu()->actions()) {
            if (action->text().remove(QLatin1Char('&')) == text) {
                return action;
            }
        }
    }
    return nullptr;
}

bool dockShownIn(QMainWindow& window, QDockWidget* dock, Qt::DockWidgetArea area) {
    return !dock->isFloating() && window.dockWidgetArea(dock) == area;
}
} // namespace

class LayoutTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyPresetFitsALaptopScreenAndALargeOne_data();
    void everyPresetFitsALaptopScreenAndALargeOne();
    void aSelectedCommitDoesNotGrowTheWindow();
    void presetsPlaceTheDocksAndResetRestoresTheDefault();
    void theEmptyStateOffersThemesTheEmbedderServesAndGivesWayToResults();
    void ctrlFPutsTheCursorInTheQueryBox();

private:
    QTemporaryDir m_directory;
    QString m_workspace;
};

void LayoutTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorUiTests"));
    test::useFreshSettings();
    QString error;
    m_workspace = test::createDemoWorkspace(m_directory.path(), 60, &error);
    QVERIFY2(!m_workspace.isEmpty(), qPrintable(error));
}

void LayoutTest::everyPresetFitsALaptopScreenAndALargeOne_data() {
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<int>("preset");
    for (const QSize screen : {QSize(kLaptopWidth, kLaptopHeight), QSize(1600, 960)}) {
        for (const LayoutPreset preset : {LayoutPreset::SuperviseRun, LayoutPreset::CurateByHand}) {
            QTest::addRow("%dx%d %s", screen.width(), screen.height(), qPrintable(layoutPresetName(preset)))
                << screen << static_cast<int>(preset);
        }
    }
}

void LayoutTest::everyPresetFitsALaptopScreenAndALargeOne() {
    QFETCH(QSize, screen);
    QFETCH(int, preset);
    MainWindow window(m_workspace);
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.applyPreset(static_cast<LayoutPreset>(preset));
    window.search(QStringLiteral("grainy"));
    QTRY_VERIFY(window.centralStack()->currentWidget() == window.resultsView());
    // No dock, chart or form forces the window beyond the screen: the docks' contents scroll instead.
    QVERIFY2(window.minimumSizeHint().height() <= kLaptopHeight,
             qPrintable(QStringLiteral("minimum height %1").arg(window.minimumSizeHint().height())));
    QVERIFY(window.minimumSizeHint().width() <= kLaptopWidth);
    QCOMPARE(window.size(), screen);
    // Every dock of the preset is docked (none floating off-screen), inside the window.
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        QVERIFY2(!dock->isFloating(), qPrintable(dock->objectName()));
        if (dock->isVisible() && !dock->visibleRegion().isEmpty()) {
            QVERIFY2(window.rect().contains(dock->geometry()), qPrintable(dock->objectName()));
        }
    }
    // The preview shows the first result, where the keyboard cursor starts.
    QCOMPARE(window.resultsView()->currentIndex().row(), 0);
    QCOMPARE(window.previewDock()->row(), 0);
    // The grid keeps a usable share of the width: three columns of tiles at least.
    const int tile = window.resultsView()->visualRect(window.resultsModel()->index(0, 0)).width();
    QVERIFY(tile > 0);
    QVERIFY2(window.resultsView()->viewport()->width() >= 3 * tile,
             qPrintable(QStringLiteral("grid width %1, tile %2")
                            .arg(window.resultsView()->viewport()->width())
                            .arg(tile)));
}

void LayoutTest::aSelectedCommitDoesNotGrowTheWindow() {
    {
        CurationSession session(m_workspace.toStdString());
        QueryRequest request;
        request.text = "grainy";
        auto prepared = session.prepare(request);
        QVERIFY2(prepared.ok(), prepared.ok() ? "" : prepared.error().c_str());
        auto log = CurationLog::open(m_workspace.toStdString());
        QVERIFY(log.ok());
        CommitDetails details;
        details.threshold = 0.2;
        details.message = "grain for the layout test";
        auto committed = session.commit(*log, *prepared, details);
        QVERIFY2(committed.ok(), committed.ok() ? "" : committed.error().c_str());
    }
    MainWindow window(m_workspace);
    window.resize(kLaptopWidth, kLaptopHeight);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.commitLogModel()->rowCount() > 0);
    QTreeView* view = window.commitDock()->view();
    view->setCurrentIndex(window.commitLogModel()->index(0, 0));
    QTest::qWait(200); // the details and their thumbnails arrive
    QVERIFY2(window.minimumSizeHint().height() <= kLaptopHeight,
             qPrintable(QStringLiteral("minimum height %1").arg(window.minimumSizeHint().height())));
    QCOMPARE(window.height(), kLaptopHeight);
}

void LayoutTest::presetsPlaceTheDocksAndResetRestoresTheDefault() {
    MainWindow window(m_workspace);
    window.resize(kLaptopWidth, kLaptopHeight);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction* byHand =
        menuAction(window, QStringLiteral("View"), layoutPresetName(LayoutPreset::CurateByHand));
    QAction* supervise =
        menuAction(window, QStringLiteral("View"), layoutPresetName(LayoutPreset::SuperviseRun));
    QAction* reset = menuAction(window, QStringLiteral("View"), QStringLiteral("Reset layout"));
    QVERIFY(byHand && supervise && reset);

    // The default is "Supervise a run": the agent on the left, raised, as tall as the window allows.
    QVERIFY(dockShownIn(window, window.agentDock(), Qt::LeftDockWidgetArea));
    QVERIFY(!window.agentDock()->visibleRegion().isEmpty());
    QVERIFY(window.agentDock()->height() > kLaptopHeight / 2);
    QVERIFY(dockShownIn(window, window.commitDock(), Qt::RightDockWidgetArea));

    byHand->trigger();
    QVERIFY(dockShownIn(window, window.searchDock(), Qt::LeftDockWidgetArea));
    QVERIFY(!window.searchDock()->visibleRegion().isEmpty());
    QVERIFY(window.agentDock()->visibleRegion().isEmpty()); // a tab behind the search
    QVERIFY(window.resultsView()->width() > window.searchDock()->width());

    // A user's own change (a dock floated and another closed), then Reset layout brings the default back.
    window.commitDock()->setFloating(true);
    window.agentDock()->close();
    reset->trigger();
    QVERIFY(!window.commitDock()->isFloating());
    QVERIFY(window.agentDock()->isVisible());
    QVERIFY(dockShownIn(window, window.agentDock(), Qt::LeftDockWidgetArea));
    QVERIFY(!window.agentDock()->visibleRegion().isEmpty());
}

void LayoutTest::theEmptyStateOffersThemesTheEmbedderServesAndGivesWayToResults() {
    MainWindow window(m_workspace);
    window.resize(kLaptopWidth, kLaptopHeight);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EmptyStatePage* empty = window.emptyState();
    QCOMPARE(window.centralStack()->currentWidget(), empty);
    // The builtin embedder knows only its vocabulary: every theme offered embeds without an ignored word.
    QTRY_VERIFY(!empty->themes().isEmpty());
    CurationSession session(m_workspace.toStdString());
    for (const QString& theme : empty->themes()) {
        auto embedded = session.embedText(theme.toStdString());
        QVERIFY2(embedded.ok() && embedded->warnings.empty(), qPrintable(theme));
    }
    // "Search" on a theme runs that search; the grid replaces the empty state.
    auto* search = empty->findChild<QPushButton*>(QStringLiteral("searchTheme"));
    QVERIFY(search);
    QSignalSpy shown(&window, &MainWindow::resultsShown);
    QTest::mouseClick(search, Qt::LeftButton);
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(window.centralStack()->currentWidget(), window.resultsView());
    QCOMPARE(window.searchDock()->request().query, empty->themes().first());
}

void LayoutTest::ctrlFPutsTheCursorInTheQueryBox() {
    MainWindow window(m_workspace);
    window.resize(kLaptopWidth, kLaptopHeight);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    window.resultsView()->setFocus();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto* focused = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(focused);
    QVERIFY(window.searchDock()->isAncestorOf(focused));
    // Typed letters go into the query, not to the review keys.
    QTest::keyClicks(focused, QStringLiteral("ar"));
    QCOMPARE(window.searchDock()->request().query, QStringLiteral("ar"));
}

QTEST_MAIN(LayoutTest)
#include "tst_layout.moc"
