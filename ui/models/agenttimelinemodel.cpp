#include "models/agenttimelinemodel.h"

#include "agent/agentevents.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace curator::ui {

AgentTimelineModel::AgentTimelineModel(QObject* parent)
    : QStandardItemModel(parent) {
    clearRun();
}

void AgentTimelineModel::clearRun() {
    clear();
    setHorizontalHeaderLabels({tr("Tool"), tr("Arguments / result")});
    m_callById.clear();
}

void AgentTimelineModel::addEvent(const QString& type, const QByteArray& json) {
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    if (type == QLatin1String(eventKindName(EventKind::ToolCall))) {
        auto* name = new QStandardItem(event.value(QStringLiteral("name")).toString());
        auto* arguments = new QStandardItem(event.value(QStringLiteral("arguments")).toString());
        name->setEditable(false);
        arguments->setEditable(false);
        arguments->setToolTip(arguments->text());
        appendRow({name, arguments});
        m_callById.insert(event.value(QStringLiteral("call_id")).toString(), name);
    } else if (type == QLatin1String(eventKindName(EventKind::ToolResult))) {
        QStandardItem* call = m_callById.value(event.value(QStringLiteral("call_id")).toString());
        if (call == nullptr) {
            return;
        }
        const bool ok = event.value(QStringLiteral("ok")).toBool(true);
        auto* label = new QStandardItem(ok ? tr("result") : tr("error"));
        auto* text = new QStandardItem(event.value(QStringLiteral("text")).toString());
        label->setEditable(false);
        text->setEditable(false);
        text->setToolTip(text->text());
        if (!ok) {
            label->setForeground(QColor(200, 40, 40));
            call->setForeground(QColor(200, 40, 40));
        }
        call->appendRow({label, text});
    }
}

} // namespace curator::ui
