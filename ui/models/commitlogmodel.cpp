#include "models/commitlogmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <algorithm>

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

int CommitLogModel::rowOfId(const QString& id) const {
    const std::string wanted = id.toStdString();
    for (size_t row = 0; row < m_layout.rows.size(); ++row) {
        if (m_layout.rows[row].id == wanted) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

QVariant CommitLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const GraphCommit& commit = commitAt(index.row());
    const CommitInfo& info = commit.info;
    switch (role) {
    case FullIdRole:
        return QString::fromStdString(info.id);
    case UndoneRole:
        return commit.undone;
    case GraphRowRole:
        return QVariant::fromValue(m_layout.rows[static_cast<size_t>(index.row())]);
    case LaneCountRole:
        return m_layout.laneCount;
    case CheckedOutRole:
        return QString::fromStdString(m_graph->checkedOut);
    case BranchRole:
        return QString::fromStdString(info.branch);
    case ForkMarkRole:
        return m_forkMarks.value(index.row());
    case Qt::ForegroundRole:
        return commit.undone ? QVariant(QBrush(QColor(140, 140, 140))) : QVariant();
    case Qt::ToolTipRole: {
        QString tip =
            tr("%1 %2 on %3 by %4")
                .arg(QString::fromLatin1(commitKindName(info.kind)), QString::fromStdString(info.id),
                     QString::fromStdString(info.branch), QString::fromStdString(info.author));
        if (!info.query.empty()) {
            tip += QLatin1Char('\n') + tr("query: %1, threshold %2, %3 negatives")
                                           .arg(QString::fromStdString(info.query))
                                           .arg(info.threshold)
                                           .arg(info.negativePrompts.size());
        }
        if (m_forkMarks.contains(index.row())) {
            tip += QLatin1Char('\n') + m_forkMarks.value(index.row());
        }
        if (commit.undone) {
            tip +=
                QLatin1Char('\n') + tr("undone by %1").arg(QString::fromStdString(shortId(commit.undoneBy)));
        }
        return tip;
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case IdColumn:
        return QString::fromStdString(shortId(info.id));
    case KindColumn:
        return QString::fromLatin1(commitKindName(info.kind));
    case BranchColumn:
        return QString::fromStdString(info.branch);
    case AuthorColumn:
        return QString::fromStdString(info.author);
    case ImagesColumn:
        return static_cast<qulonglong>(info.size);
    case TimeColumn: {
        // Stored as UTC ISO 8601; shown in local time, to the minute.
        const QDateTime time = QDateTime::fromString(QString::fromStdString(info.createdAt), Qt::ISODate);
        return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                              : QString::fromStdString(info.createdAt);
    }
    case MessageColumn:
        return QString::fromStdString(info.message);
    default: // GraphColumn: painted by CommitGraphDelegate
        return {};
    }
}

QVariant CommitLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    static const char* const titles[] = {QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Graph"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Commit"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Kind"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Branch"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Author"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Images"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Time"),
                                         QT_TRANSLATE_NOOP("curator::ui::CommitLogModel", "Message")};
    static_assert(sizeof(titles) / sizeof(titles[0]) == ColumnCount);
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

void CommitLogModel::setGraph(std::shared_ptr<const CommitGraph> graph) {
    // The layout is linear in the commits: milliseconds for thousands, computed here with the swap so the
    // rows and their lanes always match.
    GraphLayout layout = graph ? layoutCommitGraph(*graph) : GraphLayout{};
    beginResetModel();
    m_graph = std::move(graph);
    m_layout = std::move(layout);
    placeForkMarks();
    endResetModel();
}

void CommitLogModel::setForkOrigins(const BranchForkOrigins& origins) {
    m_forkOrigins = origins;
    placeForkMarks();
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void CommitLogModel::placeForkMarks() {
    m_forkMarks.clear();
    if (!m_graph) {
        return;
    }
    for (auto origin = m_forkOrigins.cbegin(); origin != m_forkOrigins.cend(); ++origin) {
        const std::string branch = origin.key().toStdString();
        // The branch's first own commit (rows are newest first: the last row of the branch), else the row
        // whose commit the branch's head label stands on.
        int row = -1;
        bool own = true;
        for (size_t i = 0; i < m_layout.rows.size(); ++i) {
            const GraphRow& each = m_layout.rows[i];
            if (each.branch == branch) {
                row = static_cast<int>(i);
            }
        }
        if (row < 0) {
            own = false;
            for (size_t i = 0; i < m_layout.rows.size() && row < 0; ++i) {
                const auto& heads = m_layout.rows[i].heads;
                if (std::find(heads.begin(), heads.end(), branch) != heads.end()) {
                    row = static_cast<int>(i);
                }
            }
        }
        if (row < 0) {
            continue;
        }
        const QString mark =
            own ? tr("fork of %1 @ turn %2").arg(origin->fromBranch).arg(origin->turn)
                : tr("%1: fork of %2 @ turn %3").arg(origin.key(), origin->fromBranch).arg(origin->turn);
        QString& text = m_forkMarks[row];
        text = text.isEmpty() ? mark : text + QStringLiteral("; ") + mark;
    }
}

} // namespace curator::ui
