#pragma once

// A run supervised from another process (issue 19 §2): the process that runs an agent (curator-cli mcp,
// curator-cli agent run) holds WORKSPACE/runs/<id>.lock while it runs, and reads the controls a person gives
// in the workstation from WORKSPACE/runs/<id>.control.jsonl, one JSON object per line, appended by any
// process. The run applies each control as if it was given in its own process, so it is recorded as a
// human_action in the transcript, which the workstation follows.
//
// A control line: {"action": A, ...} with A one of
//   pause, resume, step, stop,
//   message {"text"}               a message to the agent (the answer when it asked a question),
//   approve, reject {"reason"}, approve_with_threshold {"threshold"},
//   approval {"tool", "on"}        whether calls of a tool wait for approval ("all" for each),
//   undo {"commit_id"}.
// plus "time" (UTC ISO 8601) and "from" (who wrote it), added by appendRunControl.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace curator {

class AgentRun;

std::string runControlPath(const std::string& workspaceDirectory, const std::string& runId);
std::string runLockPath(const std::string& workspaceDirectory, const std::string& runId);

// Checks a control (its action and the fields the action needs, with their types): an error naming the
// field and what was expected.
Status validateRunControl(const nlohmann::json& control);
// Validates, then appends one line to the run's control file (created when absent) in one write, so lines
// of several writers never interleave. The run id is checked (transcript.h's rule).
Status appendRunControl(const std::string& workspaceDirectory, const std::string& runId,
                        nlohmann::json control, const std::string& from = "workstation");
// Applies a validated control to a run in this process.
void applyRunControl(AgentRun& run, const nlohmann::json& control);

// The text form of the controls, one per line, as `curator-cli agent run` reads them on stdin:
//   pause, resume, step, stop, say TEXT, answer TEXT, approve, reject [REASON], approve-threshold T,
//   approval TOOL on|off, undo COMMIT_ID.
// "say" and "answer" are both a message: it answers an open question, as the workstation's message does.
// Gives the control object validateRunControl accepts, or an error naming the command and what it needs.
Result<nlohmann::json> parseRunControlCommand(const std::string& line);
// Whether a line starts with one of those commands' words (a line that does not answers an open question).
bool isRunControlCommand(const std::string& line);

// The lock a process holds on a run while it runs it (flock: a crashed owner releases it).
class RunOwnerLock {
public:
    // Fails when another process (or another lock object) holds the run.
    static Result<std::unique_ptr<RunOwnerLock>> acquire(const std::string& workspaceDirectory,
                                                         const std::string& runId);
    ~RunOwnerLock();
    RunOwnerLock(const RunOwnerLock&) = delete;
    RunOwnerLock& operator=(const RunOwnerLock&) = delete;

private:
    RunOwnerLock() = default;
    int m_fd = -1;
};

// Whether some process holds the run's lock now, i.e. runs it (false for a finished, crashed or never
// locked run). Cheap: one open and a non-blocking flock.
bool runIsLive(const std::string& workspaceDirectory, const std::string& runId);

// Reads the lines appended to a file after it was opened (or from a given offset), complete lines only: a
// line still being written is read when its newline arrives. For the run's control file and for a
// transcript the workstation follows.
class JsonLinesTail {
public:
    // `fromEnd`: start at the file's current end (what was there before is not for this reader).
    JsonLinesTail(std::string filePath, bool fromEnd);
    // The new complete lines as JSON; a line that does not parse is skipped and counted in skipped().
    std::vector<nlohmann::json> poll();
    const std::string& filePath() const { return m_path; }
    uint64_t offset() const { return m_offset; }
    uint64_t skipped() const { return m_skipped; }

private:
    std::string m_path;
    uint64_t m_offset = 0;
    uint64_t m_skipped = 0;
};

// While it lives, a thread applies the run's controls (appended after it started) to the run, every
// `pollMilliseconds`; invalid lines are reported as recoverable error events of the run, never applied.
class RunControlFollower {
public:
    RunControlFollower(const std::string& workspaceDirectory, AgentRun& run, int pollMilliseconds = 100);
    ~RunControlFollower();
    RunControlFollower(const RunControlFollower&) = delete;
    RunControlFollower& operator=(const RunControlFollower&) = delete;

private:
    void follow();
    AgentRun& m_run;
    JsonLinesTail m_tail;
    int m_pollMilliseconds;
    // Set (under the mutex) when the run ends: the follower wakes at once instead of after its poll.
    std::mutex m_stopMutex;
    std::condition_variable m_stopped;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace curator
