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
// current tile without touching the selection (Shift+arrows extend it, the mouse selects as usual),
// Space toggles the current tile's selection, Return (or a double click) asks for a preview. Accept and
// reject mark the selected tiles, or the current one when none is selected, then move to the next tile;
// next and previous only move. The keys come from the registry and follow its changes.
class ResultsView : public QListView {
    Q_OBJECT
public:
    ResultsView(SearchResultsModel* model, ShortcutRegistry* shortcuts, int thumbnailSide,
                QWidget* parent = nullptr);

    SearchResultsModel* resultsModel() const { return m_model; }

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

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex& index,
                                                         const QEvent* event = nullptr) const override;

private:
    void markAndMoveOn(SearchResultsModel::ReviewMark mark);

    SearchResultsModel* m_model;
};

} // namespace curator::ui
