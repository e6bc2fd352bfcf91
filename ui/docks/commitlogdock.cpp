#include "docks/commitlogdock.h"

#include "bridge/logbridge.h"
#include "models/commitlogmodel.h"
#include "models/thumbnailcache.h"
#include "widgets/commitdetailsview.h"
#include "widgets/commitgraphdelegate.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace curator::ui {

namespace {
constexpr int kThumbnailSide = 150;
}

CommitLogDock::CommitLogDock(CommitLogModel* model, LogBridge* bridge, QWidget* parent)
    : CommitLogDock(model, bridge, nullptr, parent) {}

CommitLogDock::CommitLogDock(CommitLogModel* model, LogBridge* bridge, ThumbnailCache* thumbnails,
                             QWidget* parent)
    : QDockWidget(tr("Commits"), parent)
    , m_model(model)
    , m_bridge(bridge)
    , m_view(new QTreeView)
    , m_details(new CommitDetailsView(thumbnails ? thumbnails : new ThumbnailCache(kThumbnailSide, this)))
    , m_toolBar(new QToolBar)
    , m_message(new QLabel)
    , m_undoAction(new QAction(tr("Undo"), this))
    , m_redoAction(new QAction(tr("Redo"), this))
    , m_mergeAction(new QAction(tr("Merge into main"), this))
    , m_discardAction(new QAction(tr("Discard branch"), this))
    , m_checkoutAction(new QAction(tr("Check out"), this)) {
    setObjectName(QStringLiteral("CommitLogDock"));
    m_view->setModel(model);
    m_view->setItemDelegate(new CommitGraphDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    // A reset (every refresh: after a commit here or in another process) keeps the rows in view.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const QModelIndex top = m_view->indexAt(QPoint(1, 1));
        m_scrolledToTop = m_view->verticalScrollBar()->value() == 0;
        m_topCommitId = top.isValid() ? top.data(CommitLogModel::FullIdRole).toString() : QString();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &CommitLogDock::onModelReset);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CommitLogDock::onSelectionChanged);

    m_undoAction->setStatusTip(tr("Record a revert of the selected commit: its images leave the dataset"));
    m_redoAction->setStatusTip(tr("Revert the revert that undid the selected commit"));
    connect(m_undoAction, &QAction::triggered, this, [this] { undoCommit(m_selectedId); });
    connect(m_redoAction, &QAction::triggered, this, [this] { redoCommit(m_selectedId); });
    connect(m_mergeAction, &QAction::triggered, this, &CommitLogDock::confirmAndMerge);
    connect(m_discardAction, &QAction::triggered, this, &CommitLogDock::confirmAndDiscard);
    connect(m_checkoutAction, &QAction::triggered, this,
            [this] { checkoutBranch(QString::fromStdString(selectedActions().branch)); });
    const QList<QAction*> actions = {m_undoAction, m_redoAction, m_mergeAction, m_discardAction,
                                     m_checkoutAction};
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addActions(actions);
    m_toolBar->insertSeparator(m_mergeAction);

    // The same actions on the commit under the cursor.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, actions](const QPoint& position) {
        const QModelIndex index = m_view->indexAt(position);
        if (!index.isValid()) {
            return;
        }
        selectCommit(index.data(CommitLogModel::FullIdRole).toString());
        QMenu menu;
        menu.addActions(actions);
        menu.insertSeparator(m_mergeAction);
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });

    connect(bridge, &LogBridge::detailsReady, this, [this](std::shared_ptr<const CommitDetails> details) {
        if (details && QString::fromStdString(details->info.id) == m_selectedId) {
            m_details->setDetails(std::move(details));
        }
    });
    connect(bridge, &LogBridge::failed, this, [this](const QString& message) { showMessage(message, true); });
    // What a change did goes to the status bar (MainWindow); here only the failures stay in view.
    connect(bridge, &LogBridge::logChanged, this, [this] {
        m_message->hide();
        if (!m_selectedId.isEmpty()) {
            m_bridge->details(m_selectedId); // its sample no longer shows an image removed from it
        }
    });
    connect(m_details, &CommitDetailsView::removeImageRequested, this,
            [this](const QString& commitId, const QString& imageKey) {
                m_bridge->removeImages(commitId, {imageKey});
            });

    m_message->setWordWrap(true);
    m_message->hide();
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 400});
    splitter->setChildrenCollapsible(false); // a short dock (1280x800) must not squeeze the details away
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    setWidget(content);
    updateActions();
}

QString CommitLogDock::selectedCommitId() const {
    return m_selectedId;
}

CommitActions CommitLogDock::selectedActions() const {
    const auto graph = m_model->graph();
    return graph ? commitActions(*graph, m_selectedId.toStdString()) : commitActions({}, {});
}

void CommitLogDock::selectCommit(const QString& commitId) {
    const int row = m_model->rowOfId(commitId);
    if (row < 0) {
        m_view->clearSelection();
        return;
    }
    const QModelIndex index = m_model->index(row, CommitLogModel::GraphColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void CommitLogDock::onSelectionChanged() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    m_selectedId = rows.isEmpty() ? QString() : rows.first().data(CommitLogModel::FullIdRole).toString();
    if (m_selectedId.isEmpty()) {
        m_details->showMessage(tr("Select a commit to see its provenance and a sample of its images."));
    } else {
        if (m_details->commitId() != m_selectedId) {
            m_details->showMessage(tr("Reading %1 ...").arg(m_selectedId.left(8)));
        }
        m_bridge->details(m_selectedId); // again after a refresh: undone-by may have changed
    }
    updateActions();
}

void CommitLogDock::onModelReset() {
    // Lanes may have been added: the graph column follows; the others are sized once.
    m_view->resizeColumnToContents(CommitLogModel::GraphColumn);
    if (!m_columnsSized && m_model->rowCount() > 0) {
        for (int column = CommitLogModel::IdColumn; column < CommitLogModel::MessageColumn; ++column) {
            m_view->resizeColumnToContents(column);
        }
        m_columnsSized = true;
    }
    // A reset drops the selection: keep the same commit selected, and the view where it was (at the top,
    // where new commits arrive, or with the same commit first), not scrolled to the selection.
    const QString selected = m_selectedId;
    if (!selected.isEmpty()) {
        selectCommit(selected);
    }
    const int topRow = m_scrolledToTop ? -1 : m_model->rowOfId(m_topCommitId);
    if (topRow >= 0) {
        m_view->scrollTo(m_model->index(topRow, CommitLogModel::GraphColumn),
                         QAbstractItemView::PositionAtTop);
    } else {
        m_view->scrollToTop();
    }
    if (m_model->rowOfId(selected) < 0) {
        m_selectedId.clear();
        onSelectionChanged();
    }
    updateActions();
}

QString CommitLogDock::blockText(CommitActionBlock block, const CommitActions& actions) const {
    const QString branch = QString::fromStdString(actions.branch);
    const QString state =
        actions.branchState ? QString::fromLatin1(branchStateName(*actions.branchState)) : QString();
    switch (block) {
    case CommitActionBlock::None:
        return {};
    case CommitActionBlock::UnknownCommit:
        return tr("Select a commit first.");
    case CommitActionBlock::MergeCommit:
        return tr("A merge is not undone: undo the commits it brought.");
    case CommitActionBlock::AlreadyUndone:
        return tr("This commit is undone already: Redo brings it back.");
    case CommitActionBlock::NotUndone:
        return tr("Nothing undid this commit.");
    case CommitActionBlock::NotOnOpenBranch:
        return tr("Neither the checked-out branch nor the commit's branch %1 (%2) can take a revert of it.")
            .arg(branch, state);
    case CommitActionBlock::MainBranch:
        return tr("main is where branches are merged; it is not merged or discarded itself.");
    case CommitActionBlock::UnknownBranch:
        return tr("The log lists no branch %1.").arg(branch);
    case CommitActionBlock::BranchNotOpen:
        return tr("Branch %1 is %2.").arg(branch, state);
    case CommitActionBlock::NoOwnCommits:
        return tr("Branch %1 has no commits of its own.").arg(branch);
    case CommitActionBlock::AlreadyCheckedOut:
        return tr("Branch %1 is checked out: new commits go there.").arg(branch);
    }
    return {};
}

void CommitLogDock::updateActions() {
    const CommitActions actions = selectedActions();
    const QString branch = QString::fromStdString(actions.branch);
    const auto apply = [this, &actions](QAction* action, bool enabled, CommitActionBlock block,
                                        const QString& does) {
        action->setEnabled(enabled);
        action->setToolTip(enabled ? does : blockText(block, actions));
    };
    apply(m_undoAction, !actions.undoBranch.empty(), actions.undoBlock,
          tr("Undo %1 on branch %2").arg(m_selectedId.left(8), QString::fromStdString(actions.undoBranch)));
    apply(m_redoAction, !actions.redoRevert.empty(), actions.redoBlock,
          tr("Redo %1 on branch %2 (reverts its revert %3)")
              .arg(m_selectedId.left(8), QString::fromStdString(actions.redoBranch),
                   QString::fromStdString(actions.redoRevert).left(8)));
    apply(m_mergeAction, actions.canMerge, actions.mergeBlock, tr("Merge branch %1 into main").arg(branch));
    apply(m_discardAction, actions.canDiscard, actions.discardBlock, tr("Discard branch %1").arg(branch));
    apply(m_checkoutAction, actions.canCheckout, actions.checkoutBlock,
          tr("Check out branch %1: new commits go there").arg(branch));
}

void CommitLogDock::showMessage(const QString& message, bool error) {
    m_message->setText(error ? tr("Failed: %1").arg(message) : message);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_message->show();
}

void CommitLogDock::undoCommit(const QString& commitId) {
    const auto graph = m_model->graph();
    const CommitActions actions =
        graph ? commitActions(*graph, commitId.toStdString()) : commitActions({}, {});
    if (actions.undoBranch.empty()) {
        showMessage(blockText(actions.undoBlock, actions), true);
        return;
    }
    const QString branch = QString::fromStdString(actions.undoBranch);
    if (m_undoRouter && m_undoRouter(commitId, branch)) {
        showMessage(tr("undo of %1 handed to the running agent").arg(commitId.left(8)), false);
        return;
    }
    m_bridge->undo(commitId, branch);
}

void CommitLogDock::redoCommit(const QString& commitId) {
    // The bridge decides again on the log as it is when the worker gets to it.
    m_bridge->redo(commitId);
}

void CommitLogDock::mergeBranch(const QString& branch) {
    m_bridge->merge(branch);
}

void CommitLogDock::discardBranch(const QString& branch) {
    m_bridge->discard(branch);
}

void CommitLogDock::checkoutBranch(const QString& branch) {
    m_bridge->checkout(branch);
}

void CommitLogDock::confirmAndMerge() {
    const QString branch = QString::fromStdString(selectedActions().branch);
    const auto answer = QMessageBox::question(
        this, tr("Merge branch"),
        tr("Merge branch %1 into main? Its live commits join main's dataset and the branch is closed.")
            .arg(branch));
    if (answer == QMessageBox::Yes) {
        mergeBranch(branch);
    }
}

void CommitLogDock::confirmAndDiscard() {
    const QString branch = QString::fromStdString(selectedActions().branch);
    QMessageBox box(QMessageBox::Warning, tr("Discard branch"),
                    tr("Discard branch %1? Its commits stay in the log but never reach main, and the branch "
                       "cannot be reopened.")
                        .arg(branch),
                    QMessageBox::Cancel, this);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == discard) {
        discardBranch(branch);
    }
}

} // namespace curator::ui
