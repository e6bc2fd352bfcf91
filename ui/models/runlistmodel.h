#pragma once

#include "agent/runlist.h"

#include <QAbstractTableModel>

#include <vector>

namespace curator::ui {

// The workspace's runs (core listRunSummaries), one row each, newest first: theme, state, images added,
// tokens, branch (with whether it was merged or discarded), and the run it was forked from. The
// run this window is running reads "running", whatever its transcript says so far.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // What a person scans first comes first: in a narrow dock the rest scrolls. The run id is the
    // branch's name after "agent/" (and the tooltip).
    enum Column { ThemeColumn, StateColumn, AddedColumn, TokensColumn, BranchColumn, ForkColumn };
    static constexpr int ColumnCount = 6;
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        BranchRole,
        BranchStateRole, // "open", "merged", "discarded" or empty
        StateRole,       // "running" (here), "live" (elsewhere), "finished", "interrupted", "unreadable"
        ForkedFromRole,  // the run a fork came from, empty for a run that is not a fork
        ForkedTurnRole,  // int, the original's turn the fork starts after
    };

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(std::vector<RunSummary> runs);
    // The run in progress in this window (empty: none); its row reads "running".
    void setLiveRun(const QString& runId);
    const RunSummary* runAt(int row) const;
    int rowOf(const QString& runId) const; // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString stateText(const RunSummary& run) const;
    QString stateOf(const RunSummary& run) const;

    std::vector<RunSummary> m_runs;
    QString m_liveRun;
};

} // namespace curator::ui
