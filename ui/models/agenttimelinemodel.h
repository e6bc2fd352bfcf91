#pragma once

#include <QByteArray>
#include <QHash>
#include <QStandardItemModel>

namespace curator::ui {

// The tool calls of an agent run as a tree: one row per call (the tool and its key arguments in words),
// its result as the child row (counts, or the first line of its text), so a call expands to what came
// back. The full JSON of each is the row's tooltip and its DetailsRole. Rows are matched to results by
// call id.
class AgentTimelineModel : public QStandardItemModel {
    Q_OBJECT
public:
    static constexpr int DetailsRole = Qt::UserRole + 1; // the event's JSON, indented

    explicit AgentTimelineModel(QObject* parent = nullptr);

    void clearRun();
    // Takes tool_call and tool_result events; ignores the rest.
    void addEvent(const QString& type, const QByteArray& json);

private:
    QHash<QString, QStandardItem*> m_callById;
};

} // namespace curator::ui
