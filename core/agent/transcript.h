#pragma once

// The append-only transcript of an agent run: WORKSPACE/runs/<run id>.jsonl, one JSON event per line,
// flushed as it happens, so a stopped or crashed run can be resumed from it (issue 5 §4).
//
// Every line carries "type", "run_id", "seq" (0, 1, 2, ... per run, continued on resume) and "time" (UTC
// ISO 8601); tool events also "call_id" and "model". The event kinds and their fields are defined in
// agent/agentevents.h and documented, with the format's version, in docs/transcript.md. No API key is ever
// part of an event.

#include "agent/agentevents.h"
#include "agent/llmclient.h"
#include "common/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

// A run id names a file (runs/<id>.jsonl) and a branch (agent/<id>), so it is checked wherever one comes
// in (a new run's configuration, `agent resume RUN_ID`, the transcript's own file name). The rule is the
// alphabet AgentRun::newRunId writes its ids in ("20261203-151500-a1b2c3"): ASCII letters, digits, '-' and
// '_', starting with a letter or digit, at most kMaxRunIdBytes. No '/', '.' or "..": an id never
// leads out of WORKSPACE/runs.
constexpr size_t kMaxRunIdBytes = 64;
bool isValidRunId(std::string_view runId);
// An error naming the id and the rule, or success.
Status checkRunId(std::string_view runId);

// The largest transcript read back (a 200-turn run writes a few MB).
constexpr uint64_t kMaxTranscriptBytes = uint64_t(1) << 30;

class Transcript {
public:
    // Opens (creating WORKSPACE/runs/ and the file when absent) for appending; `nextSeq` continues a
    // resumed run's numbering. An invalid run id is refused.
    static Result<std::unique_ptr<Transcript>> open(const std::string& workspaceDirectory,
                                                    const std::string& runId, int64_t nextSeq = 0);
    static std::string path(const std::string& workspaceDirectory, const std::string& runId);

    // Adds run_id, seq and time to the event (returned as written: invalid UTF-8 in its strings replaced
    // by U+FFFD, the user info of URLs in them redacted), appends one line and flushes. Thread-safe.
    Result<nlohmann::json> append(nlohmann::json event);

    const std::string& runId() const { return m_runId; }
    const std::string& filePath() const { return m_path; }

    // Every event of a transcript in order. A truncated last line (a crash mid-write) is skipped; a
    // malformed line elsewhere, a line nested deeper than kMaxJsonDepth, and a file that is not regular
    // or is larger than kMaxTranscriptBytes are errors naming the file (and line).
    static Result<std::vector<nlohmann::json>> read(const std::string& filePath);

    // The run ids of WORKSPACE/runs/ (files whose name is a valid run id), sorted.
    static std::vector<std::string> listRuns(const std::string& workspaceDirectory);

private:
    Transcript() = default;
    std::mutex m_mutex;
    std::ofstream m_out;
    std::string m_runId;
    std::string m_path;
    int64_t m_seq = 0;
};

// An event of `kind`: {"type": <its name>} with `fields` (an object) beside it.
nlohmann::json makeEvent(EventKind kind, nlohmann::json fields = nlohmann::json::object());
// The kind of an event object; none when its "type" is missing or unknown.
std::optional<EventKind> eventKindOf(const nlohmann::json& event);
// The seq an event appended after `event` takes: one past its "seq", or `current` when that is larger or
// when the event has no usable seq (missing, not a whole number, negative, or past 2^53).
int64_t seqAfter(int64_t current, const nlohmann::json& event);

// What a transcript says about a run, rebuilt for resume.
struct TranscriptState {
    int version = 1;                   // run_started's transcript_version (1 when absent)
    nlohmann::json runStarted;         // the run_started event
    std::vector<ChatMessage> messages; // the conversation as the model saw it (images are not kept)
    int turns = 0;                     // assistant messages
    int64_t nextSeq = 0;
    bool finished = false;
    std::string finishReason;
    // Tool calls of the last assistant message that have no result yet (the run stopped mid-turn).
    std::vector<ChatToolCall> unansweredCalls;
    // The agent's last question when nothing followed it (no answer): a resumed run asks it again.
    std::string openQuestion;
};

// Refuses a transcript without run_started, or of a newer version than kTranscriptVersion. Events of kinds
// this program does not know are skipped.
Result<TranscriptState> rebuildFromTranscript(const std::vector<nlohmann::json>& events);

// ChatMessage <-> the "message" event's payload.
nlohmann::json messageToJson(const ChatMessage& message);
ChatMessage messageFromJson(const nlohmann::json& object);

} // namespace curator
