#include "mainwindow/docklayout.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QFrame>
#include <QMainWindow>
#include <QScrollArea>
#include <QScrollBar>

#include <algorithm>

namespace curator::ui {

QString layoutPresetName(LayoutPreset preset) {
    switch (preset) {
    case LayoutPreset::SuperviseRun:
        return QCoreApplication::translate("DockLayout", "Supervise a run");
    case LayoutPreset::CurateByHand:
        return QCoreApplication::translate("DockLayout", "Curate by hand");
    }
    return {};
}

std::optional<LayoutPreset> layoutPresetFromKey(const QString& key) {
    if (key == QLatin1String("supervise")) {
        return LayoutPreset::SuperviseRun;
    }
    if (key == QLatin1String("by-hand")) {
        return LayoutPreset::CurateByHand;
    }
    return std::nullopt;
}

void makeDockScrollable(QDockWidget* dock) {
    QWidget* content = dock->widget();
    if (!content || qobject_cast<QScrollArea*>(content)) {
        return;
    }
    auto* scroll = new QScrollArea;
    scroll->setObjectName(dock->objectName() + QStringLiteral("Scroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content); // takes the content from the dock
    dock->setWidget(scroll);
}

namespace {

void detachAll(QMainWindow& window, const WorkstationDocks& docks) {
    for (QDockWidget* dock : {docks.search, docks.taxonomy, docks.agent, docks.histogram, docks.scores,
                              docks.commits, docks.preview, docks.runs}) {
        if (dock) {
            dock->setFloating(false);
            window.removeDockWidget(dock);
        }
    }
}

void showAll(const WorkstationDocks& docks) {
    for (QDockWidget* dock : {docks.search, docks.taxonomy, docks.agent, docks.histogram, docks.scores,
                              docks.commits, docks.preview, docks.runs}) {
        if (dock) {
            dock->show();
        }
    }
}

int share(int total, double fraction) {
    return static_cast<int>(total * fraction);
}

// A column's width: its share of the window, widened to what the dock's content needs so that it does
// not open with a horizontal scroll bar.
int columnWidth(const QDockWidget* dock, int windowWidth, double fraction) {
    int needed = 0;
    if (const auto* scroll = qobject_cast<const QScrollArea*>(dock->widget()); scroll && scroll->widget()) {
        needed =
            scroll->widget()->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width();
    }
    return std::max(share(windowWidth, fraction), needed);
}

} // namespace

void applyLayoutPreset(QMainWindow& window, const WorkstationDocks& docks, LayoutPreset preset) {
    detachAll(window, docks);
    // The side columns run the full height; the bottom area lies under the grid only.
    window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window.setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    const QSize size = window.size();
    if (preset == LayoutPreset::SuperviseRun) {
        // Left: the agent (reasoning and timeline), with the search and the taxonomy behind it.
        window.addDockWidget(Qt::LeftDockWidgetArea, docks.agent);
        window.tabifyDockWidget(docks.agent, docks.search);
        window.tabifyDockWidget(docks.search, docks.taxonomy);
        // Right: the commit graph over the scores; the histogram and the preview behind the scores.
        window.addDockWidget(Qt::RightDockWidgetArea, docks.commits);
        if (docks.runs) {
            window.tabifyDockWidget(docks.commits, docks.runs);
        }
        window.addDockWidget(Qt::RightDockWidgetArea, docks.scores);
        window.tabifyDockWidget(docks.scores, docks.histogram);
        window.tabifyDockWidget(docks.histogram, docks.preview);
        showAll(docks);
        docks.agent->raise();
        docks.scores->raise();
        docks.commits->raise();
        window.resizeDocks({docks.agent, docks.commits},
                           {columnWidth(docks.agent, size.width(), 0.32), share(size.width(), 0.2)},
                           Qt::Horizontal);
        window.resizeDocks({docks.commits, docks.scores},
                           {share(size.height(), 0.5), share(size.height(), 0.5)}, Qt::Vertical);
        return;
    }
    // Left: the search, with the taxonomy and the agent behind it.
    window.addDockWidget(Qt::LeftDockWidgetArea, docks.search);
    window.tabifyDockWidget(docks.search, docks.taxonomy);
    window.tabifyDockWidget(docks.taxonomy, docks.agent);
    // Right: the preview of the current image over the commit graph, the scores behind it.
    window.addDockWidget(Qt::RightDockWidgetArea, docks.preview);
    window.addDockWidget(Qt::RightDockWidgetArea, docks.commits);
    window.tabifyDockWidget(docks.commits, docks.scores);
    if (docks.runs) {
        window.tabifyDockWidget(docks.scores, docks.runs);
    }
    // Under the grid: the histogram, its whole width.
    window.addDockWidget(Qt::BottomDockWidgetArea, docks.histogram);
    showAll(docks);
    docks.search->raise();
    docks.commits->raise();
    window.resizeDocks({docks.search, docks.preview},
                       {columnWidth(docks.search, size.width(), 0.25), share(size.width(), 0.23)},
                       Qt::Horizontal);
    window.resizeDocks({docks.preview, docks.commits},
                       {share(size.height(), 0.55), share(size.height(), 0.45)}, Qt::Vertical);
    window.resizeDocks({docks.histogram}, {share(size.height(), 0.32)}, Qt::Vertical);
}

QSize fittingWindowSize(const QRect& available, const QSize& preferred) {
    if (!available.isValid()) {
        return preferred;
    }
    // A large screen gets most of its area; a small one all of it.
    const QSize roomy(std::max(preferred.width(), available.width() * 9 / 10),
                      std::max(preferred.height(), available.height() * 9 / 10));
    return roomy.boundedTo(available.size());
}

} // namespace curator::ui
