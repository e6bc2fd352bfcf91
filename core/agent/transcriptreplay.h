#pragma once

// A finished (or stopped) run read back step by step from its transcript, without calling the model
// (issue 16 §3): per turn the events, the assistant's reasoning and text, each tool call with its result,
// data, histogram and grid files (absolute paths), the tokens and the context cost. Qt-free: the
// workstation steps through a TranscriptReplay; forkRun (runfork.h) cuts a transcript where a turn ends.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace curator {

// Where each turn of a transcript ends: element t-1 is the index of turn t's last event. A turn starts with
// its assistant message and ends with the last event that belongs to it (its tool calls and results, their
// commits, an approval and the person's decision, the message carrying the grids, its question, its
// recoverable errors). What follows (a person's message or undo applied before the next turn, the next
// turn's context cost and streamed reasoning) belongs to the next turn.
std::vector<size_t> turnEndIndices(const std::vector<nlohmann::json>& events);

struct ReplayCall {
    std::string callId;
    std::string name;
    std::string arguments; // the raw text the planner wrote
    bool answered = false; // a tool_result came
    bool ok = false;
    std::string text;
    nlohmann::json data; // the tool's structured result (null when none)
    int images = 0;
    std::vector<std::string> gridFiles; // absolute paths, in the order the model received them
    std::string gridFilesError;         // why the grids were not kept (the event's grid_files_error)
    // The histogram the call showed: search's 10 bins (data.histogram) with its distribution
    // (data.distribution), aesthetics_rate's score histogram (edges, counts, mean, ...); null otherwise.
    nlohmann::json histogram;
    nlohmann::json distribution;
    nlohmann::json commit; // the commit the call made (the commit event's "commit"), null when none
};

struct ReplayStep {
    int turn = 0;
    size_t firstEvent = 0; // indices into TranscriptReplay::events, inclusive
    size_t lastEvent = 0;
    std::string reasoning; // the assistant message's, else the turn's streamed reasoning deltas
    std::string content;
    std::vector<ReplayCall> calls;
    nlohmann::json usage;   // the turn's usage event, null when none
    nlohmann::json context; // the turn's context event (the request's estimated cost), null when none
    std::string question;   // the agent's question of this turn, when it asked one
};

struct TranscriptReplay {
    std::string runId;
    nlohmann::json runStarted;
    nlohmann::json forkedFrom;  // run_started's "forked_from" ({run_id, turn}) for a forked run, else null
    nlohmann::json runFinished; // the last run_finished, null when the run did not finish
    std::vector<nlohmann::json> events;
    // One per turn, in order; the events of the steps cover the whole transcript (the first step begins at
    // run_started, the last ends with the last event).
    std::vector<ReplayStep> steps;
};

// Reads WORKSPACE/runs/<runId>.jsonl. Errors name the run and the file.
Result<TranscriptReplay> loadTranscriptReplay(const std::string& workspaceDirectory,
                                              const std::string& runId);
// The replay of events already read; grid files resolve against WORKSPACE/runs/.
Result<TranscriptReplay> replayFromEvents(const std::string& workspaceDirectory,
                                          std::vector<nlohmann::json> events);

} // namespace curator
