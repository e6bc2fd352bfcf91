#pragma once

#include <QRect>
#include <QSize>
#include <QString>

#include <optional>

class QDockWidget;
class QMainWindow;

namespace curator::ui {

// The two arrangements of the workstation's docks the View menu offers; the first is the default.
enum class LayoutPreset {
    SuperviseRun, // the agent's reasoning and timeline large, the grid, the commit graph, the scores
    CurateByHand, // the grid large, the search, the histogram, the preview, the commit graph
};

QString layoutPresetName(LayoutPreset preset);
// The preset a command-line key names ("supervise", "by-hand"); none for another key.
std::optional<LayoutPreset> layoutPresetFromKey(const QString& key);

// The docks a preset places (all of the main window's).
struct WorkstationDocks {
    QDockWidget* search = nullptr;
    QDockWidget* taxonomy = nullptr;
    QDockWidget* agent = nullptr;
    QDockWidget* histogram = nullptr;
    QDockWidget* scores = nullptr;
    QDockWidget* commits = nullptr;
    QDockWidget* preview = nullptr;
    QDockWidget* runs = nullptr; // behind the commit graph in both presets
};

// Puts the dock's content in a frameless scroll area, so that no dock's content (a form, a chart, a
// commit's details) can force the window to a minimum size larger than the screen: the content scrolls.
void makeDockScrollable(QDockWidget* dock);

// Places every dock where `preset` wants it, shown, and sizes the areas for the window's current size.
void applyLayoutPreset(QMainWindow& window, const WorkstationDocks& docks, LayoutPreset preset);

// The window's size on first start: nine tenths of the screen's available area, at least the preferred
// size, never more than the area.
QSize fittingWindowSize(const QRect& available, const QSize& preferred = QSize(1400, 900));

} // namespace curator::ui
