#pragma once

// The runs of a workspace as a person supervising them sees them (issue 16 §2): one line per transcript
// in runs/, with its theme, how it stands, its branch and what the branch holds, and the tokens it spent.
// Read from the transcripts, the curation log and the runs' locks (runcontrol.h); the live state of a run
// in this process is the caller's to add.

#include "common/result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace curator {

class CurationLog;

struct RunSummary {
    std::string runId;
    std::string theme;
    std::string branch;
    std::string model;
    std::string startedAt;
    // "finished" (run_finished is the last word), "live" (not finished, and a process holds the run's
    // lock: it runs there, e.g. `curator-cli mcp`), "interrupted" (started or resumed and never finished,
    // and no process runs it: stopped by a crash, or running in this process), or "unreadable" (the
    // transcript could not be read; `error` says why). summarizeRun never says "live": it reads no lock.
    std::string state;
    std::string finishReason; // run_finished's reason
    std::string forkedFrom;   // run_started's forked_from's run id, when the run was forked from another
    int forkedTurn = 0;       // and the original's turn the fork starts after
    std::string branchState;  // "open", "merged", "discarded", or empty when the log has no such branch
    long addedImages = -1;    // images the run added since its branch forked from main; -1 unknown
    long promptTokens = 0;
    long completionTokens = 0;
    long totalTokens = 0;
    int turns = 0;
    std::string error;
};

// The summaries of transcripts already read, each with the size and modification time of the file when it
// was read, so that a list refreshed while one run writes (every few hundred ms in the workstation) reads
// only that run's transcript again. Thread-safe; one per list that is refreshed.
class RunSummaryCache {
public:
    struct FileStamp {
        uint64_t size = 0;
        int64_t modifiedNs = 0;
        bool operator==(const FileStamp& other) const {
            return size == other.size && modifiedNs == other.modifiedNs;
        }
    };
    std::optional<RunSummary> find(const std::string& runId, const FileStamp& stamp) const;
    void store(const std::string& runId, const FileStamp& stamp, const RunSummary& summary);
    size_t reads() const; // transcripts read through this cache (misses), for tests

private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::pair<FileStamp, RunSummary>> m_entries;
    size_t m_reads = 0;
};

// Every run of WORKSPACE/runs/, newest first (run ids start with their UTC start time). A transcript that
// cannot be read is listed with state "unreadable", never an error of the whole list. `log` may be null
// (no curation log yet): branch states and added images stay unknown.
// With a cache, a transcript unchanged since the cache read it is not read again (its live state and branch
// are looked up anew).
std::vector<RunSummary> listRunSummaries(const std::string& workspaceDirectory, CurationLog* log,
                                         RunSummaryCache* cache = nullptr);

// The summary of one transcript's events (the part that needs no log), for tests and the list.
RunSummary summarizeRun(const std::string& runId, const std::vector<nlohmann::json>& events);

} // namespace curator
