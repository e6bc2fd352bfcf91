#pragma once

#include <QByteArray>
#include <QHash>
#include <QStandardItemModel>

namespace curator::ui {

// The tool calls of an agent run as a tree: one row per call (tool and arguments), its result as the
// child row, so a call expands to what came back. Rows are matched to results by call id.
class AgentTimelineModel : public QStandardItemModel {
    Q_OBJECT
public:
    explicit AgentTimelineModel(QObject* parent = nullptr);

    void clearRun();
    // Takes tool_call, tool_result and commit events; ignores the rest.
    void addEvent(const QString& type, const QByteArray& json);

private:
    QHash<QString, QStandardItem*> m_callById;
};

} // namespace curator::ui
