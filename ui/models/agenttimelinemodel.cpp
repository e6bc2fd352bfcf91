#include "models/agenttimelinemodel.h"

#include "agent/agentevents.h"
#include "models/agentsummaries.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace curator::ui {

namespace {

QStandardItem* readOnlyItem(const QString& text, const QString& details) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setToolTip(details);
    item->setData(details, AgentTimelineModel::DetailsRole);
    return item;
}

} // namespace

AgentTimelineModel::AgentTimelineModel(QObject* parent)
    : QStandardItemModel(parent) {
    clearRun();
}

void AgentTimelineModel::clearRun() {
    clear();
    setHorizontalHeaderLabels({tr("Tool"), tr("What / result")});
    m_callById.clear();
}

void AgentTimelineModel::addEvent(const QString& type, const QByteArray& json) {
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    if (type == QLatin1String(eventKindName(EventKind::ToolCall))) {
        const QString arguments = event.value(QLatin1String(eventfield::kArguments)).toString();
        // The arguments as the model wrote them, indented when they parse.
        const QJsonDocument parsed = QJsonDocument::fromJson(arguments.toUtf8());
        const QString details =
            parsed.isObject() ? QString::fromUtf8(parsed.toJson(QJsonDocument::Indented)) : arguments;
        auto* name = readOnlyItem(event.value(QLatin1String(eventfield::kName)).toString(), details);
        auto* summary = readOnlyItem(toolCallSummary(arguments), details);
        appendRow({name, summary});
        m_callById.insert(event.value(QLatin1String(eventfield::kCallId)).toString(), name);
    } else if (type == QLatin1String(eventKindName(EventKind::ToolResult))) {
        QStandardItem* call = m_callById.value(event.value(QLatin1String(eventfield::kCallId)).toString());
        if (call == nullptr) {
            return;
        }
        const bool ok = event.value(QLatin1String(eventfield::kOk)).toBool(true);
        const QString details = event.value(QLatin1String(eventfield::kText)).toString();
        auto* label = readOnlyItem(ok ? tr("result") : tr("error"), details);
        auto* text = readOnlyItem(toolResultSummary(event), details);
        text->setData(indentedJson(event), DetailsRole);
        if (!ok) {
            label->setForeground(QColor(200, 40, 40));
            call->setForeground(QColor(200, 40, 40));
        }
        call->appendRow({label, text});
    }
}

} // namespace curator::ui
