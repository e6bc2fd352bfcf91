#include "agent/runlist.h"

#include "agent/agentevents.h"
#include "agent/runcontrol.h"
#include "agent/tools/runadditions.h"
#include "agent/transcript.h"
#include "dataset/commitkind.h"
#include "dataset/curationlog.h"

#include <sys/stat.h>

#include <algorithm>
#include <type_traits>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

namespace {

template <typename T>
T valueOr(const json& event, const char* key, T fallback) {
    const auto found = event.find(key);
    if (found == event.end()) {
        return fallback;
    }
    if constexpr (std::is_same_v<T, std::string>) {
        return found->is_string() ? found->get<std::string>() : fallback;
    } else {
        return found->is_number() ? found->get<T>() : fallback;
    }
}

} // namespace

RunSummary summarizeRun(const std::string& runId, const std::vector<json>& events) {
    RunSummary summary;
    summary.runId = runId;
    summary.state = "interrupted";
    for (const json& event : events) {
        if (!event.is_object()) {
            continue;
        }
        const auto kind = eventKindOf(event);
        if (!kind) {
            continue; // a newer writer's event
        }
        switch (*kind) {
        case EventKind::RunStarted:
            summary.theme = valueOr(event, field::kTheme, std::string());
            summary.branch = valueOr(event, field::kBranch, std::string());
            summary.model = valueOr(event, field::kModel, std::string());
            summary.startedAt = valueOr(event, field::kTime, std::string());
            if (const auto from = event.find(field::kForkedFrom); from != event.end() && from->is_object()) {
                summary.forkedFrom = valueOr(*from, field::kRunId, std::string());
                summary.forkedTurn = valueOr(*from, field::kTurn, 0);
            }
            summary.state = "interrupted";
            break;
        case EventKind::RunResumed:
            summary.state = "interrupted";
            summary.finishReason.clear();
            break;
        case EventKind::RunFinished:
            summary.state = "finished";
            summary.finishReason = valueOr(event, field::kReason, std::string());
            summary.turns = valueOr(event, field::kTurns, summary.turns);
            break;
        case EventKind::Usage:
            summary.promptTokens += valueOr(event, field::kPromptTokens, 0L);
            summary.completionTokens += valueOr(event, field::kCompletionTokens, 0L);
            summary.totalTokens += valueOr(event, field::kTotalTokens, 0L);
            summary.turns = std::max(summary.turns, valueOr(event, field::kTurn, 0));
            break;
        default:
            break;
        }
    }
    if (summary.branch.empty()) {
        summary.branch = "agent/" + runId;
    }
    return summary;
}

std::optional<RunSummary> RunSummaryCache::find(const std::string& runId, const FileStamp& stamp) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto found = m_entries.find(runId);
    if (found == m_entries.end() || !(found->second.first == stamp)) {
        return std::nullopt;
    }
    return found->second.second;
}

void RunSummaryCache::store(const std::string& runId, const FileStamp& stamp, const RunSummary& summary) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries[runId] = {stamp, summary};
    ++m_reads;
}

size_t RunSummaryCache::reads() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_reads;
}

namespace {

std::optional<RunSummaryCache::FileStamp> stampOf(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return RunSummaryCache::FileStamp{static_cast<uint64_t>(info.st_size),
                                      int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

// The summary of one transcript as its file says (no lock, no branch).
RunSummary readSummary(const std::string& workspaceDirectory, const std::string& runId) {
    auto events = Transcript::read(Transcript::path(workspaceDirectory, runId));
    if (events) {
        return summarizeRun(runId, *events);
    }
    RunSummary summary;
    summary.runId = runId;
    summary.branch = "agent/" + runId;
    summary.state = "unreadable";
    summary.error = events.error();
    return summary;
}

} // namespace

std::vector<RunSummary> listRunSummaries(const std::string& workspaceDirectory, CurationLog* log,
                                         RunSummaryCache* cache) {
    std::vector<BranchInfo> branches;
    if (log != nullptr) {
        if (auto listed = log->listBranches()) {
            branches = std::move(*listed);
        }
    }
    std::vector<RunSummary> runs;
    for (const std::string& runId : Transcript::listRuns(workspaceDirectory)) {
        // Stamped before the read: a line appended during it makes the next list read the file again.
        const auto stamp = cache ? stampOf(Transcript::path(workspaceDirectory, runId)) : std::nullopt;
        std::optional<RunSummary> cached = stamp ? cache->find(runId, *stamp) : std::nullopt;
        RunSummary summary = cached ? std::move(*cached) : readSummary(workspaceDirectory, runId);
        if (stamp && !cached) {
            cache->store(runId, *stamp, summary);
        }
        // Only an unfinished run can be live: one open and flock per such run, none per finished one.
        if (summary.state == "interrupted" && runIsLive(workspaceDirectory, runId)) {
            summary.state = "live";
        }
        const auto branch = std::find_if(branches.begin(), branches.end(),
                                         [&](const BranchInfo& info) { return info.name == summary.branch; });
        if (branch != branches.end()) {
            summary.branchState = branchStateName(branch->state);
            if (branch->state == BranchState::Open) {
                if (auto added = runAdditions(*log, summary.branch)) {
                    summary.addedImages = static_cast<long>(added->distinctImages);
                }
            }
        }
        runs.push_back(std::move(summary));
    }
    std::reverse(runs.begin(), runs.end()); // ids are sorted and start with the UTC start time
    return runs;
}

} // namespace curator
