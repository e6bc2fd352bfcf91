#include "widgets/resultsview.h"

#include "mainwindow/shortcutregistry.h"
#include "models/searchresultsmodel.h"
#include "widgets/resultdelegate.h"

#include <QAction>
#include <QKeyEvent>
#include <QScrollBar>

#include <algorithm>

namespace curator::ui {

void registerReviewCommands(ShortcutRegistry& registry) {
    const auto add = [&registry](const char* id, const QString& text, const QList<QKeySequence>& keys) {
        registry.registerCommand(QString::fromLatin1(id), text, keys);
    };
    add(reviewcommand::Accept, ResultsView::tr("Accept the result and go to the next"),
        {QKeySequence(Qt::Key_A)});
    add(reviewcommand::Reject, ResultsView::tr("Reject the result and go to the next"),
        {QKeySequence(Qt::Key_R), QKeySequence(Qt::Key_X)});
    add(reviewcommand::ClearMark, ResultsView::tr("Clear the review mark and go to the next"),
        {QKeySequence(Qt::Key_U)});
    add(reviewcommand::Next, ResultsView::tr("Next result"), {QKeySequence(Qt::Key_N)});
    add(reviewcommand::Previous, ResultsView::tr("Previous result"), {QKeySequence(Qt::Key_P)});
    add(reviewcommand::ToggleSelection, ResultsView::tr("Select or deselect the current result"),
        {QKeySequence(Qt::Key_Space)});
    add(reviewcommand::Preview, ResultsView::tr("Preview the current result"),
        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
}

ResultsView::ResultsView(SearchResultsModel* model, ShortcutRegistry* shortcuts, int thumbnailSide,
                         QWidget* parent)
    : QListView(parent)
    , m_model(model) {
    // A virtualised grid: uniform tiles, batched layout, decoration loaded lazily by the model.
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setBatchSize(200);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setItemDelegate(new ResultDelegate(thumbnailSide, this));
    setModel(model);

    registerReviewCommands(*shortcuts);
    const auto bind = [this, shortcuts](const char* id, void (ResultsView::*slot)()) {
        QAction* action = shortcuts->action(QString::fromLatin1(id), this);
        connect(action, &QAction::triggered, this, slot);
    };
    bind(reviewcommand::Accept, &ResultsView::acceptCurrent);
    bind(reviewcommand::Reject, &ResultsView::rejectCurrent);
    bind(reviewcommand::ClearMark, &ResultsView::clearMarkOfCurrent);
    bind(reviewcommand::Next, &ResultsView::moveToNext);
    bind(reviewcommand::Previous, &ResultsView::moveToPrevious);
    bind(reviewcommand::ToggleSelection, &ResultsView::toggleCurrentSelection);
    bind(reviewcommand::Preview, &ResultsView::previewCurrent);
    connect(this, &QAbstractItemView::doubleClicked, this, &ResultsView::previewRequested);
    // Connected after setModel, so it runs after the view's own reset (which forgets hidden rows and the
    // current index but keeps the scroll position of the last result set).
    connect(model, &QAbstractItemModel::modelReset, this, &ResultsView::startAtTop);
}

void ResultsView::startAtTop() {
    const quint64 generation = m_model->snapshot().generation;
    if (generation != m_shownGeneration) {
        m_hasRange = false; // a new search: the range belonged to the last one's histogram
        m_shownGeneration = generation;
    }
    applyRange(); // the reset forgot which rows were hidden
    const int first = visibleRowFrom(0, 1);
    if (first >= 0) {
        selectionModel()->setCurrentIndex(m_model->index(first, 0), QItemSelectionModel::NoUpdate);
    }
    scrollToTop();
    verticalScrollBar()->setValue(0);
}

void ResultsView::setSimilarityRange(double minimum, double maximum) {
    m_hasRange = true;
    m_minimum = std::min(minimum, maximum);
    m_maximum = std::max(minimum, maximum);
    applyRange();
}

void ResultsView::clearSimilarityRange() {
    m_hasRange = false;
    applyRange();
}

void ResultsView::applyRange() {
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const double similarity = static_cast<double>(m_model->resultRow(row).similarity);
        const bool hidden = m_hasRange && (similarity < m_minimum || similarity > m_maximum);
        if (isRowHidden(row) != hidden) {
            setRowHidden(row, hidden);
        }
    }
    // The cursor never rests on a hidden tile: it moves to the next shown one (or the one before).
    const QModelIndex current = currentIndex();
    if (current.isValid() && isRowHidden(current.row())) {
        int row = visibleRowFrom(current.row(), 1);
        if (row < 0) {
            row = visibleRowFrom(current.row(), -1);
        }
        if (row >= 0) {
            setCurrentRow(row);
        } else {
            selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
        }
    }
    Q_EMIT visibleRowsChanged(visibleRowCount(), rows);
}

int ResultsView::visibleRowCount() const {
    int shown = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        shown += isRowHidden(row) ? 0 : 1;
    }
    return shown;
}

int ResultsView::visibleRowFrom(int row, int step) const {
    for (; row >= 0 && row < m_model->rowCount(); row += step) {
        if (!isRowHidden(row)) {
            return row;
        }
    }
    return -1;
}

QItemSelectionModel::SelectionFlags ResultsView::selectionCommand(const QModelIndex& index,
                                                                  const QEvent* event) const {
    // Plain arrow keys move the current tile only, so a selection built with Space survives review.
    if (event && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<const QKeyEvent*>(event);
        if (!(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) && key->key() != Qt::Key_Space) {
            return QItemSelectionModel::NoUpdate;
        }
    }
    return QListView::selectionCommand(index, event);
}

void ResultsView::setCurrentRow(int row) {
    const QModelIndex target = m_model->index(row, 0);
    if (!target.isValid()) {
        return;
    }
    selectionModel()->setCurrentIndex(target, QItemSelectionModel::NoUpdate);
    scrollTo(target);
}

void ResultsView::moveToNext() {
    // At the last shown tile the cursor stays.
    const int row =
        currentIndex().isValid() ? visibleRowFrom(currentIndex().row() + 1, 1) : visibleRowFrom(0, 1);
    if (row >= 0) {
        setCurrentRow(row);
    }
}

void ResultsView::moveToPrevious() {
    const int row =
        currentIndex().isValid() ? visibleRowFrom(currentIndex().row() - 1, -1) : visibleRowFrom(0, 1);
    if (row >= 0) {
        setCurrentRow(row);
    }
}

QList<int> ResultsView::rowsToMark() const {
    const QModelIndex current = currentIndex();
    if (!current.isValid() || isRowHidden(current.row())) {
        return {};
    }
    QList<int> selected;
    for (const QModelIndex& index : selectionModel()->selectedIndexes()) {
        if (!isRowHidden(index.row())) {
            selected << index.row();
        }
    }
    // A lone selected tile is what a click leaves behind, not a choice of several: the cursor decides.
    if (selected.size() > 1 && selected.contains(current.row())) {
        return selected;
    }
    return {current.row()};
}

void ResultsView::markAndMoveOn(SearchResultsModel::ReviewMark mark) {
    const QList<int> rows = rowsToMark();
    if (rows.isEmpty()) {
        return;
    }
    m_model->setReviewMarks(rows, mark);
    if (rows.size() > 1) {
        selectionModel()->clearSelection(); // the group was marked: the next mark is for one tile again
    }
    moveToNext();
}

void ResultsView::acceptCurrent() {
    markAndMoveOn(SearchResultsModel::ReviewMark::Accepted);
}

void ResultsView::rejectCurrent() {
    markAndMoveOn(SearchResultsModel::ReviewMark::Rejected);
}

void ResultsView::clearMarkOfCurrent() {
    markAndMoveOn(SearchResultsModel::ReviewMark::None);
}

void ResultsView::toggleCurrentSelection() {
    const QModelIndex current = currentIndex();
    if (current.isValid()) {
        selectionModel()->select(current, QItemSelectionModel::Toggle);
    }
}

void ResultsView::previewCurrent() {
    const QModelIndex current = currentIndex();
    if (current.isValid()) {
        Q_EMIT previewRequested(current);
    }
}

} // namespace curator::ui
