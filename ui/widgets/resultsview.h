#pragma once

#include "models/searchresultsmodel.h"

#include <QListView>

namespace curator::ui {

class ShortcutRegistry;

// Ids of the review commands in the ShortcutRegistry (the results grid and the preview share them).
namespace reviewcommand {
constexpr const char* Accept = "review.accept";
constexpr const char* Reject = "review.reject";
constexpr const char* ClearMark = "review.clearMark";
constexpr const char* Next = "review.next";
constexpr const char* Previous = "review.previous";
constexpr const char* ToggleSelection = "review.toggleSelection";
constexpr const char* Preview = "review.preview";
} // namespace reviewcommand

// Declares the review commands with their default single keys (A accept; R or X reject; U clear the
// mark; N next; P previous; Space select; Return preview). Registering twice is harmless.
void registerReviewCommands(ShortcutRegistry& registry);

// The results grid: a virtualised IconMode list over SearchResultsModel (uniform tiles, batched layout,
// thumbnails requested by the model only for painted rows) with keyboard review. Arrow keys move the
// current tile (the keyboard cursor) without touching the selection (Shift+arrows extend it; a click
// makes the clicked tile current and selects it), Space toggles the current tile's selection, Return (or
// a double click) asks for a preview.
// What a mark applies to: accept, reject and clear act on the CURRENT tile, never on a selection left
// from an earlier click. Only when the current tile is itself part of a selection of more than one
// visible tile (built with Space, Shift or Ctrl) do they mark every selected visible tile. Then they
// move to the next visible tile; next and previous only move. The keys come from the registry.
// Every new result set (a search or a band sample) starts at the top, row 0 current. A similarity range
// hides the rows outside it; navigation skips hidden rows; a new search (a new generation) drops the
// range, a band sample of the same search keeps it.
class ResultsView : public QListView {
    Q_OBJECT
public:
    ResultsView(SearchResultsModel* model, ShortcutRegistry* shortcuts, int thumbnailSide,
                QWidget* parent = nullptr);

    SearchResultsModel* resultsModel() const { return m_model; }

    // Shows only the rows with minimum <= similarity <= maximum (the ends in either order).
    void setSimilarityRange(double minimum, double maximum);
    void clearSimilarityRange();
    bool hasSimilarityRange() const { return m_hasRange; }
    // The rows shown (all rows when no range is set).
    int visibleRowCount() const;

public Q_SLOTS:
    void acceptCurrent();
    void rejectCurrent();
    void clearMarkOfCurrent();
    void moveToNext();
    void moveToPrevious();
    void toggleCurrentSelection();
    void previewCurrent();
    // Makes `row` current and visible without changing the selection (the preview dialog follows here).
    void setCurrentRow(int row);

Q_SIGNALS:
    void previewRequested(const QModelIndex& index);
    // After a range was set or cleared, or new rows came in: how many of how many rows are shown.
    void visibleRowsChanged(int visible, int total);

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex& index,
                                                         const QEvent* event = nullptr) const override;

private:
    void markAndMoveOn(SearchResultsModel::ReviewMark mark);
    // The rows a mark applies to (see the class comment).
    QList<int> rowsToMark() const;
    // The nearest visible row from `row` in `step` direction (+1 / -1), or -1.
    int visibleRowFrom(int row, int step) const;
    void applyRange();
    void startAtTop();

    SearchResultsModel* m_model;
    bool m_hasRange = false;
    double m_minimum = 0;
    double m_maximum = 0;
    quint64 m_shownGeneration = 0;
};

} // namespace curator::ui
