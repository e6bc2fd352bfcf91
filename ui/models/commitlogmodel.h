#pragma once

#include "dataset/curationlog.h"
#include "dataset/graphlayout.h"
#include "models/forkorigins.h"

#include <QAbstractTableModel>
#include <QMetaType>

#include <memory>

namespace curator::ui {

// The commit graph as a table, newest first: the graph (lanes drawn by CommitGraphDelegate from
// GraphRowRole), id, kind, branch, author, images, time, message. Undone commits are greyed and say by
// which revert. The lane layout is computed with the core's layoutCommitGraph when a graph is set.
class CommitLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        GraphColumn,
        IdColumn,
        KindColumn,
        BranchColumn,
        AuthorColumn,
        ImagesColumn,
        TimeColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        FullIdRole = Qt::UserRole + 1, // every column
        UndoneRole,                    // every column
        GraphRowRole,                  // curator::GraphRow (a copy), every column
        LaneCountRole,                 // int, lanes of the whole graph
        CheckedOutRole,                // QString, the branch human commits go to
        BranchRole,                    // QString, the commit's branch
        ForkMarkRole                   // QString, "fork of agent/X @ turn N" where a fork's branch starts
    };

    explicit CommitLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setGraph(std::shared_ptr<const CommitGraph> graph);
    // The agent branches that are forks (LogBridge::forkOriginsReady): each is marked on the row where it
    // starts, its first own commit, or while it has none the commit it was created at.
    void setForkOrigins(const BranchForkOrigins& origins);
    // The rows that carry a fork mark, and the mark (tests, the legend).
    const QHash<int, QString>& forkMarks() const { return m_forkMarks; }
    // Null until the first graph arrives.
    std::shared_ptr<const CommitGraph> graph() const { return m_graph; }
    const GraphLayout& layout() const { return m_layout; }
    // -1 when the id is not in the graph.
    int rowOfId(const QString& id) const;

private:
    const GraphCommit& commitAt(int row) const;
    void placeForkMarks();
    std::shared_ptr<const CommitGraph> m_graph;
    GraphLayout m_layout;
    BranchForkOrigins m_forkOrigins;
    QHash<int, QString> m_forkMarks; // row -> its mark(s)
};

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::GraphRow)
