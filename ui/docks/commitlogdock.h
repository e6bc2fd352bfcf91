#pragma once

#include "dataset/graphlayout.h"

#include <QDockWidget>

#include <functional>

class QAction;
class QLabel;
class QToolBar;
class QTreeView;

namespace curator::ui {

class CommitDetailsView;
class CommitLogModel;
class LogBridge;
class ThumbnailCache;

// The commit graph: lanes, commits, reverts and merges drawn like a git graph (CommitGraphDelegate over
// CommitLogModel), the selected commit's provenance and sample images below (CommitDetailsView, filled
// by LogBridge::details), and the history actions Undo, Redo, Merge branch into main, Discard branch and
// Check out branch in a toolbar and the context menu. An action is enabled only when it applies to the
// selected commit (curator::commitActions on the graph shown); merge and discard ask first. The slots
// act at once without asking: for tests and for menus that confirmed already (use the QActions to ask).
class CommitLogDock : public QDockWidget {
    Q_OBJECT
public:
    // `thumbnails` decodes the sample strip (share the main window's); null: the dock makes its own.
    CommitLogDock(CommitLogModel* model, LogBridge* bridge, ThumbnailCache* thumbnails,
                  QWidget* parent = nullptr);
    CommitLogDock(CommitLogModel* model, LogBridge* bridge, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }
    CommitDetailsView* detailsView() const { return m_details; }
    // The selected commit's full id, empty when none.
    QString selectedCommitId() const;
    // What the actions would do for the selected commit (all blocked when none is selected).
    CommitActions selectedActions() const;

    // Toolbar actions with confirmations, for the main window's menus and shortcuts.
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }
    QAction* mergeAction() const { return m_mergeAction; }
    QAction* discardAction() const { return m_discardAction; }
    QAction* checkoutAction() const { return m_checkoutAction; }

    // Decides who records an undo: answering true means it was handed on (to a running agent, whose
    // branch it is, so that the agent learns of it), false lets the dock's bridge record it.
    using UndoRouter = std::function<bool(const QString& commitId, const QString& branch)>;
    void setUndoRouter(UndoRouter router) { m_undoRouter = std::move(router); }

public Q_SLOTS:
    // Selects the commit's row (keeps it selected across refreshes) and asks for its details.
    void selectCommit(const QString& commitId);
    // Undo on the branch commitActions chooses (the checked-out one when the commit is in its history).
    void undoCommit(const QString& commitId);
    void redoCommit(const QString& commitId);
    void mergeBranch(const QString& branch);
    void discardBranch(const QString& branch);
    void checkoutBranch(const QString& branch);

private:
    UndoRouter m_undoRouter;
    void onSelectionChanged();
    void onModelReset();
    void updateActions();
    void showMessage(const QString& message, bool error);
    QString blockText(CommitActionBlock block, const CommitActions& actions) const;
    void confirmAndMerge();
    void confirmAndDiscard();

    CommitLogModel* m_model;
    LogBridge* m_bridge;
    QTreeView* m_view;
    CommitDetailsView* m_details;
    QToolBar* m_toolBar;
    QLabel* m_message;
    QAction* m_undoAction;
    QAction* m_redoAction;
    QAction* m_mergeAction;
    QAction* m_discardAction;
    QAction* m_checkoutAction;
    QString m_selectedId; // kept across model resets
    bool m_columnsSized = false;
    // Where the view was when the model began a reset (restored after it).
    bool m_scrolledToTop = true;
    QString m_topCommitId;
};

} // namespace curator::ui
