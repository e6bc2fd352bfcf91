#pragma once

// Forking a run from one of its turns (issue 16 §3): a new run whose transcript holds the original's
// events up to the end of that turn (so AgentRun::resume continues from there) and whose branch starts at
// the commit the original run's branch pointed to at the end of that turn. The original run, its
// transcript and its branch are left untouched. The format of a fork's transcript (run_started's
// "forked_from", the run_forked event) is in docs/transcript.md.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace curator {

struct ForkOutcome {
    std::string runId;      // the new run
    std::string branch;     // agent/<new run id>
    std::string head;       // the commit the branch starts at ("" when the run had committed nothing by then)
    std::string fromRunId;  // the original run
    std::string fromBranch; // its branch
    int turn = 0;           // the original's last turn the fork keeps
};

// Forks run `runId` after its turn `turn` (1 to the run's turns). `instruction`, when given, joins the
// conversation as a person's message that the resumed fork reads first. `newRunId` empty: a new id.
// Errors name the run and the turn: an unknown run, a turn out of range, a transcript that does not
// parse, a commit the transcript names that the curation log does not know.
Result<ForkOutcome> forkRun(const std::string& workspaceDirectory, const std::string& runId, int turn,
                            const std::string& instruction = {}, const std::string& newRunId = {});

// Where a run was forked from, read from its transcript's first line (run_started's "forked_from").
struct ForkOrigin {
    std::string runId;
    int turn = 0;
};
// None for a run that is not a fork (or whose first line is not a readable run_started).
std::optional<ForkOrigin> forkOriginOf(const std::string& workspaceDirectory, const std::string& runId);

} // namespace curator
