#pragma once

#include "dataset/curationlog.h"

#include <QAbstractTableModel>

#include <memory>

namespace curator::ui {

// The commit graph as a table, newest first: id, kind, branch, author, images, message. Undone commits
// are greyed and say by which revert.
class CommitLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        KindColumn,
        BranchColumn,
        AuthorColumn,
        ImagesColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role { FullIdRole = Qt::UserRole + 1, UndoneRole };

    explicit CommitLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setGraph(std::shared_ptr<const CommitGraph> graph);

private:
    const GraphCommit& commitAt(int row) const;
    std::shared_ptr<const CommitGraph> m_graph;
};

} // namespace curator::ui
