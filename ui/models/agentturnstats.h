#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace curator::ui {

// What each turn of the agent cost, from its `context` event (the request's estimate and the images sent)
// and `usage` event (the tokens the endpoint counted), timed by the events' times: "Turn 3: 5,430 tokens
// (5,120 in, 310 out), 2 images sent, 4 s". A turn ends when the next one begins or the run finishes.
class AgentTurnStats {
public:
    // Takes context and usage events; returns the sentence of the turn that the event ended, or an empty
    // string (a context event of a new turn ends the one before).
    QString add(const QString& type, const QJsonObject& event);
    // The sentence of the turn still open (at the end of a run), and forgets it.
    QString finish(const QDateTime& endTime);
    void clear();

private:
    QString sentence(const QDateTime& endTime) const;

    int m_turn = 0; // 0: no turn open
    qint64 m_estimated = 0;
    qint64 m_images = 0;
    qint64 m_promptTokens = -1; // -1: the endpoint reported no usage (the offline planner)
    qint64 m_completionTokens = 0;
    QDateTime m_start;
    QDateTime m_end; // the usage event's time
};

} // namespace curator::ui
