#include "dataset/historygraph.h"

#include <utility>

namespace curator {

HistoryGraph HistoryGraph::fromCommitGraph(const CommitGraph& graph) {
    HistoryGraph history;
    for (const GraphCommit& commit : graph.commits) {
        HistoryCommit entry;
        entry.info = commit.info;
        // The parent list is what the view draws; it may name parents the info fields leave empty.
        entry.info.parent = commit.parents.empty() ? std::string() : commit.parents[0];
        entry.info.secondParent = commit.parents.size() < 2 ? std::string() : commit.parents[1];
        history.addCommit(std::move(entry));
    }
    for (const BranchInfo& branch : graph.branches) {
        history.addBranch({branch.name, branch.head, branch.base, branch.state, branch.createdAt});
    }
    history.setCheckedOut(graph.checkedOut);
    return history;
}

void HistoryGraph::addCommit(HistoryCommit commit) {
    m_indexById.emplace(commit.info.id, m_commits.size());
    m_commits.push_back(std::move(commit));
}

void HistoryGraph::addBranch(HistoryBranch branch) {
    m_branches.push_back(std::move(branch));
}

std::optional<size_t> HistoryGraph::indexOf(const std::string& id) const {
    const auto it = m_indexById.find(id);
    if (it == m_indexById.end()) {
        return std::nullopt;
    }
    return it->second;
}

const HistoryBranch* HistoryGraph::branch(const std::string& name) const {
    for (const HistoryBranch& branch : m_branches) {
        if (branch.name == name) {
            return &branch;
        }
    }
    return nullptr;
}

std::vector<char> HistoryGraph::reachable(const std::string& headId) const {
    std::vector<char> reached(m_commits.size(), 0);
    std::vector<std::string> pending;
    if (!headId.empty()) {
        pending.push_back(headId);
    }
    while (!pending.empty()) {
        const std::string id = std::move(pending.back());
        pending.pop_back();
        const std::optional<size_t> index = indexOf(id);
        if (!index || reached[*index]) {
            continue;
        }
        reached[*index] = 1;
        const CommitInfo& info = m_commits[*index].info;
        if (!info.parent.empty()) {
            pending.push_back(info.parent);
        }
        if (!info.secondParent.empty()) {
            pending.push_back(info.secondParent);
        }
    }
    return reached;
}

std::vector<long> HistoryGraph::undoneBy(const std::vector<char>& considered) const {
    std::vector<long> undone(m_commits.size(), -1);
    // Newest first: whether a revert is itself undone is settled before it acts on its (older) target.
    for (size_t i = m_commits.size(); i-- > 0;) {
        if (!considered[i] || m_commits[i].info.kind != CommitKind::Revert || undone[i] >= 0 ||
            isPartialRevert(m_commits[i].info)) {
            continue;
        }
        const std::optional<size_t> target = indexOf(m_commits[i].info.target);
        if (target && undone[*target] < 0) {
            undone[*target] = long(i);
        }
    }
    return undone;
}

std::vector<size_t> HistoryGraph::liveCommits(const std::string& headId) const {
    const std::vector<char> reached = reachable(headId);
    const std::vector<long> undone = undoneBy(reached);
    std::vector<size_t> live;
    for (size_t i = 0; i < m_commits.size(); ++i) {
        if (reached[i] && undone[i] < 0 && m_commits[i].info.kind == CommitKind::Commit) {
            live.push_back(i);
        }
    }
    return live;
}

std::vector<int64_t> HistoryGraph::liveSeqs(const std::string& headId) const {
    std::vector<int64_t> seqs;
    for (size_t index : liveCommits(headId)) {
        seqs.push_back(m_commits[index].info.seq);
    }
    return seqs;
}

std::vector<HistoryGraph::Removal> HistoryGraph::liveRemovals(const std::string& headId) const {
    const std::vector<char> reached = reachable(headId);
    const std::vector<long> undone = undoneBy(reached);
    std::vector<Removal> removals;
    for (size_t i = 0; i < m_commits.size(); ++i) {
        if (!reached[i] || undone[i] >= 0 || !isPartialRevert(m_commits[i].info)) {
            continue;
        }
        const std::optional<size_t> target = indexOf(m_commits[i].info.target);
        if (target && reached[*target] && undone[*target] < 0 &&
            m_commits[*target].info.kind == CommitKind::Commit) {
            removals.push_back({i, *target});
        }
    }
    return removals;
}

std::vector<BranchInfo> HistoryGraph::branchInfos() const {
    std::vector<BranchInfo> infos;
    for (const HistoryBranch& branch : m_branches) {
        BranchInfo info;
        info.name = branch.name;
        info.head = branch.head;
        info.base = branch.base;
        info.state = branch.state;
        info.createdAt = branch.createdAt;
        info.liveCommits = liveCommits(branch.head).size();
        info.checkedOut = branch.name == m_checkedOut;
        infos.push_back(std::move(info));
    }
    return infos;
}

CommitGraph HistoryGraph::toCommitGraph() const {
    CommitGraph graph;
    graph.branches = branchInfos();
    graph.checkedOut = m_checkedOut;
    const std::vector<long> undone = undoneBy(std::vector<char>(m_commits.size(), 1));
    for (size_t i = 0; i < m_commits.size(); ++i) {
        GraphCommit entry;
        entry.info = m_commits[i].info;
        if (!entry.info.parent.empty()) {
            entry.parents.push_back(entry.info.parent);
        }
        if (!entry.info.secondParent.empty()) {
            entry.parents.push_back(entry.info.secondParent);
        }
        entry.undone = undone[i] >= 0;
        if (entry.undone) {
            entry.undoneBy = m_commits[size_t(undone[i])].info.id;
        }
        graph.commits.push_back(std::move(entry));
    }
    return graph;
}

} // namespace curator
