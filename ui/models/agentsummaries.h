#pragma once

// The agent's events in words for the dock: one line per tool call and result (the key arguments and
// counts, not the raw JSON), and what a person did ("You approved the commit").

#include <QJsonObject>
#include <QString>

namespace curator::ui {

// "\"vhs decay\" ≥ 0.500, not \"text overlay\", 12 images": the arguments that say what the call does.
QString toolCallSummary(const QString& argumentsJson);
// The first line of the result's text, shortened; a commit as "committed abc12345: 212 images, 200 new".
QString toolResultSummary(const QJsonObject& toolResultEvent);
// A human_action event in words, e.g. "You rejected the commit: too broad". `plannerName` is the run's
// planner ("heuristic" is called the offline planner) for the note when it cannot read what was written.
QString humanActionSummary(const QJsonObject& humanActionEvent, const QString& plannerName);
// A run_waiting event in words, e.g. "Paused before turn 3: Step runs one turn, Resume goes on".
QString waitingSummary(const QJsonObject& runWaitingEvent);
// An error event in words: "The planner failed at turn 3: ..." or, recoverable, "At turn 3 the agent's
// answer restarts: ...".
QString errorSummary(const QJsonObject& errorEvent);
// A commit event in words: "The agent committed eff63dcc: 23 images, 23 new (similarity ≥ 0.673)."
QString commitSummary(const QJsonObject& commitEvent);
// A run_forked event in words: "This run is a fork of run r1 after its turn 2: its branch agent/r2 starts
// at commit 9f2c41d0 of agent/r1. Your instruction: ..."
QString forkSummary(const QJsonObject& runForkedEvent);
// A message_delivered event in words: "The agent received your message 2 before turn 4: ..."
QString deliveredSummary(const QJsonObject& messageDeliveredEvent);
// The JSON of an event, indented, for tooltips and the details pane.
QString indentedJson(const QJsonObject& object);

} // namespace curator::ui
