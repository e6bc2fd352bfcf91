#pragma once

#include "models/agentcards.h"

#include <QAbstractListModel>
#include <QByteArray>
#include <QHash>
#include <QVector>

namespace curator::ui {

// The tool calls of an agent run, one row per call, as cards (AgentCard: the call in words, its result in
// one line, the images the agent was shown). Results are matched to calls by call id. A delegate paints
// the cards from `card()`; DisplayRole is the card as plain text, DetailsRole the raw arguments and
// result.
class AgentTimelineModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int DetailsRole = Qt::UserRole + 1; // the raw arguments and the result event, indented
    static constexpr int ToolRole = Qt::UserRole + 2;
    static constexpr int ResultRole = Qt::UserRole + 3; // the result line

    explicit AgentTimelineModel(QObject* parent = nullptr);

    void clearRun();
    // Takes tool_call and tool_result events; ignores the rest.
    void addEvent(const QString& type, const QByteArray& json);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    const AgentCard& card(int row) const { return m_rows[row].card; }
    // The call's tool_result event as received (empty while it runs).
    QByteArray resultEvent(int row) const { return m_rows[row].resultEvent; }
    // The latest search before `row` with the same query (its distribution goes with a sample), or -1.
    int searchBefore(int row) const;

private:
    struct Row {
        AgentCard card;
        QByteArray resultEvent;
    };
    QVector<Row> m_rows;
    QHash<QString, int> m_rowByCall;
};

} // namespace curator::ui
