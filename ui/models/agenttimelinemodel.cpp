#include "models/agenttimelinemodel.h"

#include "agent/agentevents.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace curator::ui {

AgentTimelineModel::AgentTimelineModel(QObject* parent)
    : QAbstractListModel(parent) {}

void AgentTimelineModel::clearRun() {
    beginResetModel();
    m_rows.clear();
    m_rowByCall.clear();
    endResetModel();
}

void AgentTimelineModel::addEvent(const QString& type, const QByteArray& json) {
    const bool call = type == QLatin1String(eventKindName(EventKind::ToolCall));
    if (!call && type != QLatin1String(eventKindName(EventKind::ToolResult))) {
        return;
    }
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    const QString callId = event.value(QLatin1String(eventfield::kCallId)).toString();
    if (call) {
        const int row = static_cast<int>(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.push_back({agentCardForCall(event), {}});
        m_rowByCall.insert(callId, row);
        endInsertRows();
        return;
    }
    const auto found = m_rowByCall.constFind(callId);
    if (found == m_rowByCall.constEnd()) {
        return;
    }
    Row& row = m_rows[*found];
    applyAgentResult(row.card, event);
    row.resultEvent = json;
    const QModelIndex changed = index(*found);
    Q_EMIT dataChanged(changed, changed);
}

int AgentTimelineModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AgentTimelineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        QStringList lines{row.card.title};
        lines << row.card.details;
        if (!row.card.result.isEmpty()) {
            lines << row.card.result;
        }
        return lines.join(QLatin1Char('\n'));
    }
    case DetailsRole:
        return row.card.rawResult.isEmpty() ? row.card.rawArguments
                                            : row.card.rawArguments + QLatin1Char('\n') + row.card.rawResult;
    case ToolRole:
        return row.card.tool;
    case ResultRole:
        return row.card.result;
    default:
        return {};
    }
}

Qt::ItemFlags AgentTimelineModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

int AgentTimelineModel::searchBefore(int row) const {
    const QString& query = m_rows[row].card.query;
    for (int i = row - 1; i >= 0; --i) {
        const AgentCard& card = m_rows[i].card;
        if (card.tool == QLatin1String("search") && card.ok && card.answered && card.query == query) {
            return i;
        }
    }
    return -1;
}

} // namespace curator::ui
