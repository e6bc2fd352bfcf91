#include "models/commitlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QPalette>

namespace curator::ui {

CommitLogModel::CommitLogModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int CommitLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_graph ? 0 : static_cast<int>(m_graph->commits.size());
}

int CommitLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const GraphCommit& CommitLogModel::commitAt(int row) const {
    return m_graph->commits[m_graph->commits.size() - 1 - static_cast<size_t>(row)]; // newest first
}

QVariant CommitLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const GraphCommit& commit = commitAt(index.row());
    const CommitInfo& info = commit.info;
    if (role == FullIdRole) {
        return QString::fromStdString(info.id);
    }
    if (role == UndoneRole) {
        return commit.undone;
    }
    if (role == Qt::ForegroundRole && commit.undone) {
        return QBrush(QColor(140, 140, 140));
    }
    if (role == Qt::ToolTipRole) {
        return QStringLiteral("%1\nquery: %2\nthreshold %3, negatives: %4\n%5")
            .arg(QString::fromStdString(info.id), QString::fromStdString(info.query),
                 QString::number(info.threshold),
                 QString::number(static_cast<int>(info.negativePrompts.size())),
                 commit.undone
                     ? QStringLiteral("undone by %1").arg(QString::fromStdString(shortId(commit.undoneBy)))
                     : QString());
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case IdColumn:
        return QString::fromStdString(shortId(info.id));
    case KindColumn:
        return QString::fromStdString(info.kind);
    case BranchColumn:
        return QString::fromStdString(info.branch);
    case AuthorColumn:
        return QString::fromStdString(info.author);
    case ImagesColumn:
        return static_cast<qulonglong>(info.size);
    case MessageColumn:
        return QString::fromStdString(info.message);
    default:
        return {};
    }
}

QVariant CommitLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const char* const titles[] = {QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Commit"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Kind"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Branch"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Author"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Images"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Message")};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

void CommitLogModel::setGraph(std::shared_ptr<const CommitGraph> graph) {
    beginResetModel();
    m_graph = std::move(graph);
    endResetModel();
}

} // namespace curator::ui
