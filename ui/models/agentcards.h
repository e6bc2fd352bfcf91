#pragma once

// A tool call of the agent as a card in words: what it asked (the query, the band, the threshold), what
// came back in one line ("20 of 2,870 unmasked, best 0.82"), the images the agent was shown and, for a
// rating, the score histogram. Built from the tool_call and tool_result events (docs/transcript.md); the
// raw JSON of both stays with the card for its "Raw" view.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace curator::ui {

struct AgentCardImage {
    QString source;
    QString id;
    QString path;     // empty when the result did not carry it (ratings): the workspace thumbnail is used
    double value = 0; // the similarity, or the score of a rating
};

struct AgentCard {
    QString callId;
    QString tool;
    int turn = 0;
    QString title;       // "search “vhs decay”"
    QStringList details; // one short line each: negatives, sources, the band, the commit message
    QString result;      // one line; empty while the call runs
    bool answered = false;
    bool ok = true;
    QVector<AgentCardImage> images; // what the agent was shown, best first
    bool imagesAreScores = false;   // `value` is an aesthetics score, not a similarity
    QVector<int> scoreCounts;       // aesthetics_rate: the counts of its fixed bins
    double scoreLow = 0;            // the bins' outer edges
    double scoreHigh = 0;
    QStringList gridFiles; // relative to the workspace's runs/: the grid images the model received
    QString query;         // the query the call ran (after coercion), empty when none
    QString rawArguments;  // indented when they parse
    QString rawResult;     // the tool_result event, indented
};

// A card for a tool_call event, waiting for its result.
AgentCard agentCardForCall(const QJsonObject& toolCallEvent);
// Fills the result line, images, histogram and grid files from the call's tool_result event.
void applyAgentResult(AgentCard& card, const QJsonObject& toolResultEvent);

} // namespace curator::ui
