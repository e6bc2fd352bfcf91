#include "widgets/resultsview.h"

#include "mainwindow/shortcutregistry.h"
#include "models/searchresultsmodel.h"
#include "widgets/resultdelegate.h"

#include <QAction>
#include <QKeyEvent>

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
    const int row = currentIndex().isValid() ? currentIndex().row() + 1 : 0;
    setCurrentRow(std::min(row, m_model->rowCount() - 1));
}

void ResultsView::moveToPrevious() {
    const int row = currentIndex().isValid() ? currentIndex().row() - 1 : 0;
    setCurrentRow(std::max(row, 0));
}

void ResultsView::markAndMoveOn(SearchResultsModel::ReviewMark mark) {
    const QModelIndex current = currentIndex();
    QList<int> rows;
    for (const QModelIndex& selected : selectionModel()->selectedIndexes()) {
        rows << selected.row();
    }
    if (rows.isEmpty() && current.isValid()) {
        rows << current.row();
    }
    if (rows.isEmpty()) {
        return;
    }
    m_model->setReviewMarks(rows, mark);
    selectionModel()->clearSelection();
    if (current.isValid()) {
        moveToNext();
    }
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
