#pragma once

// The commit graph of a curation log in memory, with no SQL: which commits a branch reaches, which are
// undone, which are live. The log loads it from the database (curationhistory.cpp); tests build it
// from plain structs.
//
// A branch's dataset is the set of commits reachable from its head through parent links (a merge has
// two), minus those undone: a commit is undone when a revert that is not itself undone targets it, so a
// revert of a revert is a redo. 'commit' commits carry images, and so do partial reverts: a revert with
// images removes only those from its target, which stays live (liveRemovals).

#include "dataset/curationlog.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace curator {

struct HistoryCommit {
    CommitInfo info;          // the public view, kind included
    std::string originalJson; // an imported original-format entry (minus its images); "" for native ones
};

struct HistoryBranch {
    std::string name;
    std::string head; // "" for a branch without commits
    std::string base;
    BranchState state = BranchState::Open;
    std::string createdAt;
};

class HistoryGraph {
public:
    // The graph of a public log view (its commits' parent lists, kinds and targets; its branches).
    static HistoryGraph fromCommitGraph(const CommitGraph& graph);

    // Commits arrive in commit order (oldest first).
    void addCommit(HistoryCommit commit);
    // Branches arrive in display order (main first).
    void addBranch(HistoryBranch branch);
    void setCheckedOut(std::string name) { m_checkedOut = std::move(name); }

    const std::vector<HistoryCommit>& commits() const { return m_commits; }
    const std::string& checkedOut() const { return m_checkedOut; }
    std::optional<size_t> indexOf(const std::string& id) const;
    bool contains(const std::string& id) const { return indexOf(id).has_value(); }
    const HistoryBranch* branch(const std::string& name) const;

    // Flags by commit index: reachable from `headId` through parent links.
    std::vector<char> reachable(const std::string& headId) const;
    // Per commit: the index of the effective revert undoing it, or -1. Only `considered` commits
    // (reachable ones) take part; pass all-ones for the global view. A partial revert never undoes its
    // target (it can itself be undone).
    std::vector<long> undoneBy(const std::vector<char>& considered) const;
    // Live 'commit' indices of the dataset whose head is `headId` (reachable, not undone), in commit order.
    std::vector<size_t> liveCommits(const std::string& headId) const;
    // Their sequence numbers (the database keys of their image rows).
    std::vector<int64_t> liveSeqs(const std::string& headId) const;
    // The live partial reverts of that dataset whose target is live: their images leave the target.
    struct Removal {
        size_t revert; // index of the partial revert
        size_t target; // index of the live commit it removes images from
    };
    std::vector<Removal> liveRemovals(const std::string& headId) const;

    // The public views: branches with their live-commit counts and the checked-out flag; the whole log.
    std::vector<BranchInfo> branchInfos() const;
    CommitGraph toCommitGraph() const;

private:
    std::vector<HistoryCommit> m_commits;
    std::unordered_map<std::string, size_t> m_indexById;
    std::vector<HistoryBranch> m_branches;
    std::string m_checkedOut = kMainBranch;
};

} // namespace curator
