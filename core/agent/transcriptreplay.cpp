#include "agent/transcriptreplay.h"

#include "agent/agentevents.h"
#include "agent/gridfiles.h"
#include "agent/transcript.h"
#include "common/jsonnumber.h"
#include "common/utf8text.h"

#include <algorithm>
#include <limits>
#include <map>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

namespace {

std::string roleOf(const json& event) {
    const json message = event.value(field::kMessage, json::object());
    return message.is_object() ? message.value("role", std::string()) : std::string();
}

bool isAssistantMessage(const json& event, EventKind kind) {
    return kind == EventKind::Message && roleOf(event) == "assistant";
}

// Whether an event after turn `turn`'s assistant message still belongs to that turn.
bool belongsToTurn(const json& event, EventKind kind, int turn) {
    switch (kind) {
    case EventKind::ToolCall:
    case EventKind::Commit:
    case EventKind::ApprovalNeeded:
        return true;
    case EventKind::ToolResult:
        // A result without a turn answers a call as not executed when a stopped run was resumed: that is
        // the resume's, not the turn's.
        return event.contains(field::kTurn);
    case EventKind::Question:
    case EventKind::Error:
        return integerOr(event, field::kTurn, -1) == turn;
    case EventKind::RunWaiting:
        return event.value(field::kReason, std::string()) == waitreason::kBeforeCommit;
    case EventKind::HumanAction: {
        const auto action = humanActionFromName(event.value(field::kAction, std::string()));
        return action == HumanActionKind::Approve || action == HumanActionKind::Reject ||
               action == HumanActionKind::ApproveWithThreshold;
    }
    case EventKind::Message:
        return roleOf(event) == "user" && countOr(event, field::kImages, 0) > 0; // the turn's grids
    default:
        return false;
    }
}

json histogramOf(const std::string& name, const json& data) {
    if (!data.is_object()) {
        return nullptr;
    }
    if (data.contains("histogram")) {
        return data["histogram"];
    }
    if (name == "aesthetics_rate" && data.contains("counts")) {
        json histogram = json::object();
        for (const char* key : {"edges", "counts", "mean", "median", "minimum", "maximum", "rated"}) {
            if (data.contains(key)) {
                histogram[key] = data[key];
            }
        }
        return histogram;
    }
    return nullptr;
}

} // namespace

std::vector<size_t> turnEndIndices(const std::vector<json>& events) {
    std::vector<size_t> ends;
    for (size_t i = 0; i < events.size(); ++i) {
        const auto kind = eventKindOf(events[i]);
        if (!kind) {
            continue;
        }
        if (isAssistantMessage(events[i], *kind)) {
            ends.push_back(i);
        } else if (!ends.empty() && belongsToTurn(events[i], *kind, static_cast<int>(ends.size()))) {
            ends.back() = i;
        }
    }
    return ends;
}

namespace {

Result<TranscriptReplay> replayEvents(const std::string& workspaceDirectory, std::vector<json> events) {
    TranscriptReplay replay;
    replay.events = std::move(events);
    const std::vector<size_t> ends = turnEndIndices(replay.events);
    // Calls by id, wherever their result comes (a resumed run answers a stopped turn's calls later).
    std::map<std::string, std::pair<size_t, size_t>> callAt;
    try {
        size_t first = 0;
        for (size_t t = 0; t < ends.size(); ++t) {
            ReplayStep step;
            step.turn = static_cast<int>(t + 1);
            step.firstEvent = first;
            step.lastEvent = t + 1 == ends.size() ? replay.events.size() - 1 : ends[t];
            first = step.lastEvent + 1;
            replay.steps.push_back(std::move(step));
        }
        for (size_t s = 0; s < replay.steps.size(); ++s) {
            ReplayStep& step = replay.steps[s];
            std::string streamed; // the reasoning deltas, for a planner whose message does not repeat them
            for (size_t i = step.firstEvent; i <= step.lastEvent; ++i) {
                const json& event = replay.events[i];
                const auto kind = eventKindOf(event);
                if (!kind) {
                    continue;
                }
                switch (*kind) {
                case EventKind::Message:
                    if (isAssistantMessage(event, *kind)) {
                        const json& message = event[field::kMessage];
                        step.reasoning = message.value("reasoning", std::string());
                        step.content = message.value("content", std::string());
                    }
                    break;
                case EventKind::ToolCall: {
                    ReplayCall call;
                    call.callId = event.value(field::kCallId, std::string());
                    call.name = event.value(field::kName, std::string());
                    call.arguments = event.value(field::kArguments, std::string());
                    callAt[call.callId] = {s, step.calls.size()};
                    step.calls.push_back(std::move(call));
                    break;
                }
                case EventKind::ToolResult: {
                    const auto at = callAt.find(event.value(field::kCallId, std::string()));
                    if (at == callAt.end()) {
                        break;
                    }
                    ReplayCall& call = replay.steps[at->second.first].calls[at->second.second];
                    call.answered = true;
                    call.ok = event.value(field::kOk, false);
                    call.text = event.value(field::kText, std::string());
                    call.data = event.value(field::kData, json());
                    call.images = static_cast<int>(
                        std::min<size_t>(countOr(event, field::kImages, 0), std::numeric_limits<int>::max()));
                    call.gridFilesError = event.value(field::kGridFilesError, std::string());
                    for (const auto& file : event.value(field::kGridFiles, json::array())) {
                        auto path = resolveGridFile(workspaceDirectory, file.get<std::string>());
                        if (!path) {
                            return makeError("event " + std::to_string(i + 1) + ": " + path.error());
                        }
                        call.gridFiles.push_back(std::move(*path));
                    }
                    call.histogram = histogramOf(call.name, call.data);
                    if (call.data.is_object() && call.data.contains("distribution")) {
                        call.distribution = call.data["distribution"];
                    }
                    break;
                }
                case EventKind::Commit: {
                    const auto at = callAt.find(event.value(field::kCallId, std::string()));
                    if (at != callAt.end()) {
                        replay.steps[at->second.first].calls[at->second.second].commit =
                            event.value(field::kCommit, json());
                    }
                    break;
                }
                case EventKind::ReasoningDelta:
                    if (integerOr(event, field::kTurn, -1) == step.turn) {
                        streamed += event.value(field::kDelta, std::string());
                    }
                    break;
                case EventKind::Usage:
                    if (!event.value(field::kCompacting, false)) {
                        step.usage = event;
                    }
                    break;
                case EventKind::Context:
                    step.context = event;
                    break;
                case EventKind::Question:
                    step.question = event.value(field::kText, std::string());
                    break;
                default:
                    break;
                }
            }
            if (step.reasoning.empty()) {
                step.reasoning = std::move(streamed);
            }
        }
        for (const auto& event : replay.events) {
            const auto kind = eventKindOf(event);
            if (kind == EventKind::RunStarted && replay.runStarted.is_null()) {
                replay.runStarted = event;
                replay.runId = event.value(field::kRunId, std::string());
                replay.forkedFrom = event.value(field::kForkedFrom, json());
            } else if (kind == EventKind::RunFinished) {
                replay.runFinished = event;
            } else if (kind == EventKind::RunResumed) {
                replay.runFinished = nullptr;
            }
        }
    } catch (const json::exception& error) {
        return makeError("not a transcript this program can replay: " + sanitizeUtf8(error.what()));
    }
    if (replay.runStarted.is_null()) {
        return makeError("the transcript has no run_started event");
    }
    return replay;
}

} // namespace

Result<TranscriptReplay> replayFromEvents(const std::string& workspaceDirectory, std::vector<json> events) {
    // A field of the wrong type is an error, never a crash (tests/fuzz/fuzz_transcript.cpp).
    try {
        return replayEvents(workspaceDirectory, std::move(events));
    } catch (const json::exception& error) {
        return makeError(std::string("transcript: an event has a field of the wrong type: ") + error.what());
    }
}

Result<TranscriptReplay> loadTranscriptReplay(const std::string& workspaceDirectory,
                                              const std::string& runId) {
    if (auto valid = checkRunId(runId); !valid) {
        return makeError("replay: " + valid.error());
    }
    const std::string path = Transcript::path(workspaceDirectory, runId);
    auto events = Transcript::read(path);
    if (!events) {
        return makeError("replay of run " + runId + ": " + events.error());
    }
    auto replay = replayFromEvents(workspaceDirectory, std::move(*events));
    if (!replay) {
        return makeError("replay of run " + runId + ": " + path + ": " + replay.error());
    }
    return replay;
}

} // namespace curator
