#include "models/agentturnstats.h"

#include "agent/agentevents.h"

#include <QCoreApplication>
#include <QLocale>

namespace curator::ui {

namespace {

struct AgentTurnStatsText {
    Q_DECLARE_TR_FUNCTIONS(AgentTurnStats)
};

QDateTime timeOf(const QJsonObject& event) {
    return QDateTime::fromString(event.value(QLatin1String(eventfield::kTime)).toString(), Qt::ISODate);
}

} // namespace

QString AgentTurnStats::add(const QString& type, const QJsonObject& event) {
    const int turn = event.value(QLatin1String(eventfield::kTurn)).toInt();
    if (type == QLatin1String(eventKindName(EventKind::Context))) {
        QString ended;
        if (m_turn != 0 && turn != m_turn) {
            ended = sentence(timeOf(event));
        }
        if (turn != m_turn) {
            m_promptTokens = -1;
            m_completionTokens = 0;
            m_start = timeOf(event);
            m_end = {};
        }
        m_turn = turn;
        m_estimated = event.value(QLatin1String(eventfield::kEstimatedTokens)).toInteger();
        m_images = event.value(QLatin1String(eventfield::kImages)).toInteger();
        return ended;
    }
    if (type == QLatin1String(eventKindName(EventKind::Usage)) && turn == m_turn) {
        m_promptTokens = event.value(QLatin1String(eventfield::kPromptTokens)).toInteger();
        m_completionTokens = event.value(QLatin1String(eventfield::kCompletionTokens)).toInteger();
        m_end = timeOf(event);
    }
    return {};
}

QString AgentTurnStats::finish(const QDateTime& endTime) {
    QString text = m_turn == 0 ? QString() : sentence(endTime);
    clear();
    return text;
}

void AgentTurnStats::clear() {
    m_turn = 0;
    m_estimated = 0;
    m_images = 0;
    m_promptTokens = -1;
    m_completionTokens = 0;
    m_start = {};
    m_end = {};
}

QString AgentTurnStats::sentence(const QDateTime& endTime) const {
    const QLocale locale;
    QString tokens =
        m_promptTokens >= 0
            ? AgentTurnStatsText::tr("%1 tokens (%2 in, %3 out)")
                  .arg(locale.toString(m_promptTokens + m_completionTokens), locale.toString(m_promptTokens),
                       locale.toString(m_completionTokens))
            : AgentTurnStatsText::tr("about %1 tokens estimated").arg(locale.toString(m_estimated));
    const QString images = m_images == 1
                               ? AgentTurnStatsText::tr("1 image sent")
                               : AgentTurnStatsText::tr("%1 images sent").arg(locale.toString(m_images));
    QString text = AgentTurnStatsText::tr("Turn %1: %2, %3").arg(m_turn).arg(tokens, images);
    // The model's time when the endpoint answered with its usage, else until the next turn began.
    const QDateTime end = m_end.isValid() ? m_end : endTime;
    if (m_start.isValid() && end.isValid()) {
        const qint64 seconds = m_start.secsTo(end);
        text += seconds < 1 ? AgentTurnStatsText::tr(", under 1 s")
                            : AgentTurnStatsText::tr(", %1 s").arg(seconds);
    }
    return text + QLatin1Char('.');
}

} // namespace curator::ui
