#include "agent/runfork.h"

#include "agent/agentevents.h"
#include "agent/agentrun.h"
#include "agent/transcript.h"
#include "agent/transcriptreplay.h"
#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/jsonnumber.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

namespace curator {

using nlohmann::json;
namespace fs = std::filesystem;
namespace field = eventfield;

namespace {

// The commits (and reverts) the events record: the commit tool's, undo_commit's and a person's undos.
std::set<std::string> commitIdsOf(const std::vector<json>& events, size_t end) {
    std::set<std::string> ids;
    for (size_t i = 0; i < end; ++i) {
        const json& event = events[i];
        const auto kind = eventKindOf(event);
        std::string id;
        if (kind == EventKind::Commit) {
            id = event.value(field::kCommit, json::object()).value("id", std::string());
        } else if ((kind == EventKind::ToolResult &&
                    event.value(field::kName, std::string()) == "undo_commit") ||
                   (kind == EventKind::HumanAction &&
                    event.value(field::kAction, std::string()) == humanActionName(HumanActionKind::Undo))) {
            if (event.value(field::kOk, false)) {
                id = event.value(field::kData, json::object()).value("id", std::string());
            }
        }
        if (!id.empty()) {
            ids.insert(id);
        }
    }
    return ids;
}

// The head of `branch` once the commits `ids` were made: the latest of them in the log (a run's branch is
// one line of commits and reverts), or the branch's base when there are none.
Result<std::string> headAfter(const std::string& workspaceDirectory, const std::string& branch,
                              const std::set<std::string>& ids) {
    auto log = CurationLog::open(workspaceDirectory);
    if (!log) {
        return log.takeError();
    }
    auto graph = log->log();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = nullptr;
    for (const auto& candidate : graph->branches) {
        if (candidate.name == branch) {
            info = &candidate;
        }
    }
    if (!info) {
        return makeError("the curation log has no branch '" + branch + "'");
    }
    std::string head = info->base;
    size_t found = 0;
    for (const auto& commit : graph->commits) { // oldest first
        if (ids.count(commit.info.id) > 0) {
            head = commit.info.id;
            ++found;
        }
    }
    if (found != ids.size()) {
        for (const auto& id : ids) {
            bool known = false;
            for (const auto& commit : graph->commits) {
                known = known || commit.info.id == id;
            }
            if (!known) {
                return makeError("the transcript names commit " + id +
                                 ", which the curation log does not know");
            }
        }
    }
    return head;
}

} // namespace

Result<ForkOutcome> forkRun(const std::string& workspaceDirectory, const std::string& runId, int turn,
                            const std::string& instruction, const std::string& newRunId) {
    const std::string where = "fork of run " + snippetOf(runId, 80) + " at turn " + std::to_string(turn);
    if (auto valid = checkRunId(runId); !valid) {
        return makeError(where + ": " + valid.error());
    }
    const std::string path = Transcript::path(workspaceDirectory, runId);
    if (!fs::exists(path)) {
        return makeError(where + ": unknown run (no " + path + "; see curator-cli agent list)");
    }
    auto events = Transcript::read(path);
    if (!events) {
        return makeError(where + ": " + events.error());
    }
    ForkOutcome outcome;
    outcome.fromRunId = runId;
    outcome.fromBranch = AgentRun::branchOf(runId);
    outcome.turn = turn;
    std::vector<json> copied;
    try {
        auto state = rebuildFromTranscript(*events);
        if (!state) {
            return makeError(where + ": " + path + ": " + state.error());
        }
        const std::vector<size_t> ends = turnEndIndices(*events);
        if (turn < 1 || static_cast<size_t>(turn) > ends.size()) {
            return makeError(where + ": turn out of range: the run has " + std::to_string(ends.size()) +
                             " turns (1 to " + std::to_string(ends.size()) + ")");
        }
        const size_t end = ends[static_cast<size_t>(turn) - 1] + 1;
        auto head = headAfter(workspaceDirectory, outcome.fromBranch, commitIdsOf(*events, end));
        if (!head) {
            return makeError(where + ": " + head.error());
        }
        outcome.head = *head;
        outcome.runId = newRunId.empty() ? AgentRun::newRunId() : newRunId;
        if (auto valid = checkRunId(outcome.runId); !valid) {
            return makeError(where + ": " + valid.error());
        }
        outcome.branch = AgentRun::branchOf(outcome.runId);
        copied.assign(events->begin(), events->begin() + static_cast<std::ptrdiff_t>(end));
        int64_t nextSeq = 0;
        for (auto& event : copied) {
            nextSeq = seqAfter(nextSeq, event);
            event[field::kRunId] = outcome.runId;
            if (eventKindOf(event) == EventKind::RunStarted) {
                event[field::kBranch] = outcome.branch;
                event[field::kForkedFrom] = {{field::kRunId, runId}, {field::kTurn, turn}};
            }
        }
        json forked = makeEvent(EventKind::RunForked, {{field::kForkedFrom, runId},
                                                       {field::kTurn, turn},
                                                       {field::kBranch, outcome.branch},
                                                       {field::kFromBranch, outcome.fromBranch},
                                                       {field::kHead, outcome.head}});
        if (!instruction.empty()) {
            forked[field::kMessage] = instruction;
        }
        forked[field::kRunId] = outcome.runId;
        forked[field::kSeq] = nextSeq++;
        forked[field::kTime] = utcTimestamp();
        copied.push_back(std::move(forked));
        if (!instruction.empty()) {
            ChatMessage message;
            message.role = "user";
            message.content = "[human message] " + instruction;
            json event = makeEvent(EventKind::Message, {{field::kMessage, messageToJson(message)}});
            event[field::kRunId] = outcome.runId;
            event[field::kSeq] = nextSeq++;
            event[field::kTime] = utcTimestamp();
            copied.push_back(std::move(event));
        }
    } catch (const json::exception& error) {
        return makeError(where + ": " + path +
                         ": not a transcript this program can fork: " + sanitizeUtf8(error.what()));
    }
    const std::string newPath = Transcript::path(workspaceDirectory, outcome.runId);
    if (fs::exists(newPath)) {
        return makeError(where + ": run " + outcome.runId + " already exists (" + newPath + ")");
    }
    std::string text;
    for (auto& event : copied) {
        sanitizeJsonStrings(event);
        text += dumpJsonSafely(event) + '\n';
    }
    // The transcript first, then the branch: a branch that cannot be made takes the transcript back.
    if (auto written = writeFileAtomically(newPath, text); !written) {
        return makeError(where + ": " + written.error());
    }
    auto log = CurationLog::open(workspaceDirectory);
    Status branched = log ? log->createBranchAt(outcome.branch, outcome.head) : Status(log.takeError());
    if (!branched) {
        std::error_code ignored;
        fs::remove(newPath, ignored);
        return makeError(where + ": " + branched.error());
    }
    return outcome;
}

std::optional<ForkOrigin> forkOriginOf(const std::string& workspaceDirectory, const std::string& runId) {
    if (!isValidRunId(runId)) {
        return std::nullopt;
    }
    std::ifstream in(Transcript::path(workspaceDirectory, runId), std::ios::binary);
    std::string line;
    constexpr size_t kMaxFirstLine = size_t(1) << 20; // run_started is a few KB
    if (!in || !std::getline(in, line) || line.size() > kMaxFirstLine ||
        !checkJsonDepth(line, "run_started").ok()) {
        return std::nullopt;
    }
    const json started = json::parse(line, nullptr, false);
    if (!started.is_object() || eventKindOf(started) != EventKind::RunStarted) {
        return std::nullopt;
    }
    const auto from = started.find(field::kForkedFrom);
    if (from == started.end() || !from->is_object()) {
        return std::nullopt;
    }
    const auto id = from->find(field::kRunId);
    const auto turn = from->find(field::kTurn);
    if (id == from->end() || !id->is_string() || turn == from->end()) {
        return std::nullopt;
    }
    const std::optional<int64_t> turnNumber = jsonInteger(*turn);
    if (!turnNumber || *turnNumber < 0 || *turnNumber > std::numeric_limits<int>::max()) {
        return std::nullopt;
    }
    return ForkOrigin{id->get<std::string>(), static_cast<int>(*turnNumber)};
}

} // namespace curator
