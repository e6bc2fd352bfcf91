#include "dataset/graphlayout.h"

#include "dataset/historygraph.h"

#include <algorithm>
#include <climits>
#include <set>
#include <unordered_map>

namespace curator {

namespace {

// The part of a lane a branch uses, in half rows (2 * row: a row's upper half, 2 * row + 1: its lower half),
// so that a branch forking from a merge's row can take the lane the merged branch leaves there.
struct Span {
    long top = LONG_MAX;  // newest half row used
    long bottom = -1;     // oldest half row used
    size_t firstSeen = 0; // commit index of the branch's oldest commit: equal spans go in history order

    void cover(long fromHalf, long toHalf) {
        top = std::min(top, fromHalf);
        bottom = std::max(bottom, toHalf);
    }
    bool overlaps(const Span& other) const { return top <= other.bottom && other.top <= bottom; }
};

using IdIndex = std::unordered_map<std::string, size_t>;

IdIndex indexCommits(const CommitGraph& graph) {
    IdIndex index;
    for (size_t i = 0; i < graph.commits.size(); ++i) {
        index.emplace(graph.commits[i].info.id, i);
    }
    return index;
}

const BranchInfo* findBranch(const CommitGraph& graph, const std::string& name) {
    for (const BranchInfo& branch : graph.branches) {
        if (branch.name == name) {
            return &branch;
        }
    }
    return nullptr;
}

GraphCommitMark markOf(CommitKind kind) {
    switch (kind) {
    case CommitKind::Merge:
        return GraphCommitMark::Merge;
    case CommitKind::Revert:
        return GraphCommitMark::Revert;
    case CommitKind::Commit:
        break;
    }
    return GraphCommitMark::Commit;
}

void addSegment(GraphRow& row, const GraphSegment& segment) {
    if (std::find(row.segments.begin(), row.segments.end(), segment) == row.segments.end()) {
        row.segments.push_back(segment);
    }
}

} // namespace

GraphLayout layoutCommitGraph(const CommitGraph& graph) {
    GraphLayout layout;
    const size_t count = graph.commits.size();
    if (count == 0) {
        return layout;
    }
    const IdIndex index = indexCommits(graph);
    const auto rowOf = [count](size_t commitIndex) { return long(count - 1 - commitIndex); };

    // The rows each branch's lane must cover: its commits, the rows a first-parent edge runs down to the
    // fork point, and the rows a merge's edge runs from the merge down to the branch's head.
    std::map<std::string, Span> spans;
    for (size_t i = 0; i < count; ++i) {
        const GraphCommit& commit = graph.commits[i];
        Span& own = spans[commit.info.branch];
        if (own.bottom < 0) {
            own.firstSeen = i;
        }
        own.cover(2 * rowOf(i), 2 * rowOf(i) + 1);
        for (size_t p = 0; p < commit.parents.size(); ++p) {
            const auto parent = index.find(commit.parents[p]);
            if (parent == index.end()) {
                continue;
            }
            const std::string& through =
                p == 0 ? commit.info.branch : graph.commits[parent->second].info.branch;
            Span& span = spans[through];
            // From below the child's dot to above the parent's: both dots belong to their own lanes.
            span.cover(2 * rowOf(i) + 1, 2 * rowOf(parent->second));
        }
    }

    // Lanes: main first, then in history order (oldest span first), each the lowest lane free over its rows.
    std::vector<std::pair<std::string, Span>> order(spans.begin(), spans.end());
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        if (a.second.bottom != b.second.bottom) {
            return a.second.bottom > b.second.bottom;
        }
        return a.second.firstSeen < b.second.firstSeen;
    });
    std::vector<std::vector<Span>> occupied(1); // per lane; lane 0 is main's alone
    layout.laneOfBranch[kMainBranch] = 0;
    for (const auto& [branch, span] : order) {
        if (branch == kMainBranch) {
            continue;
        }
        int lane = 1;
        for (;; ++lane) {
            if (size_t(lane) == occupied.size()) {
                occupied.emplace_back();
            }
            const auto& taken = occupied[size_t(lane)];
            if (std::none_of(taken.begin(), taken.end(),
                             [&placed = span](const Span& s) { return s.overlaps(placed); })) {
                break;
            }
        }
        occupied[size_t(lane)].push_back(span);
        layout.laneOfBranch[branch] = lane;
    }

    layout.rows.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const GraphCommit& commit = graph.commits[i];
        GraphRow& row = layout.rows[size_t(rowOf(i))];
        row.id = commit.info.id;
        row.branch = commit.info.branch;
        row.lane = layout.laneOfBranch.at(commit.info.branch);
        row.mark = markOf(commit.info.kind);
        row.undone = commit.undone;
        if (row.mark == GraphCommitMark::Revert) {
            const auto target = index.find(commit.info.target);
            row.redo = target != index.end() && graph.commits[target->second].info.kind == CommitKind::Revert;
        }
        layout.laneCount = std::max(layout.laneCount, row.lane + 1);
    }
    for (const BranchInfo& branch : graph.branches) {
        const auto head = index.find(branch.head);
        if (head != index.end()) {
            layout.rows[size_t(rowOf(head->second))].heads.push_back(branch.name);
        }
    }

    std::vector<std::set<int>> passing(count);
    for (size_t i = 0; i < count; ++i) {
        const GraphCommit& commit = graph.commits[i];
        const long childRow = rowOf(i);
        GraphRow& row = layout.rows[size_t(childRow)];
        for (size_t p = 0; p < commit.parents.size(); ++p) {
            GraphParentEdge edge;
            edge.parentId = commit.parents[p];
            edge.secondParent = p == 1;
            const auto parent = index.find(commit.parents[p]);
            if (parent == index.end()) {
                // A parent outside the graph (an imported history that names it): a short line down from the
                // dot, so the line does not just stop.
                edge.parentLane = edge.throughLane = row.lane;
                row.parents.push_back(edge);
                addSegment(row, {row.lane, GraphRowPoint::Center, row.lane, GraphRowPoint::Bottom, row.lane});
                continue;
            }
            const long parentRow = rowOf(parent->second);
            GraphRow& target = layout.rows[size_t(parentRow)];
            edge.parentRow = parentRow;
            edge.parentLane = target.lane;
            edge.throughLane = edge.secondParent ? target.lane : row.lane;
            row.parents.push_back(edge);
            const int through = edge.throughLane;
            addSegment(row, {row.lane, GraphRowPoint::Center, through, GraphRowPoint::Bottom, through});
            for (long between = childRow + 1; between < parentRow; ++between) {
                passing[size_t(between)].insert(through);
            }
            addSegment(target, {through, GraphRowPoint::Top, target.lane, GraphRowPoint::Center, through});
        }
    }
    for (size_t r = 0; r < count; ++r) {
        GraphRow& row = layout.rows[r];
        for (int lane : passing[r]) {
            row.passingLanes.push_back(lane);
            addSegment(row, {lane, GraphRowPoint::Top, lane, GraphRowPoint::Bottom, lane});
        }
        layout.laneCount = std::max(layout.laneCount, passing[r].empty() ? 0 : *passing[r].rbegin() + 1);
    }
    return layout;
}

CommitActions commitActions(const CommitGraph& graph, const std::string& commitId) {
    CommitActions actions;
    const IdIndex index = indexCommits(graph);
    const auto found = index.find(commitId);
    if (found == index.end()) {
        actions.undoBlock = actions.redoBlock = actions.mergeBlock = actions.discardBlock =
            actions.checkoutBlock = CommitActionBlock::UnknownCommit;
        return actions;
    }
    const size_t position = found->second;
    const CommitInfo& info = graph.commits[position].info;
    const std::string checkedOut = graph.checkedOut.empty() ? std::string(kMainBranch) : graph.checkedOut;

    // Undo and redo: the checked-out branch first (where the user works), then the commit's own branch.
    // The curation log's own rules (a partial revert undoes no commit), on the public view.
    const HistoryGraph history = HistoryGraph::fromCommitGraph(graph);
    actions.undoBlock =
        info.kind == CommitKind::Merge ? CommitActionBlock::MergeCommit : CommitActionBlock::NotOnOpenBranch;
    actions.redoBlock = CommitActionBlock::NotOnOpenBranch;
    bool undoneSomewhere = false;
    for (const std::string& name : {checkedOut, info.branch}) {
        const BranchInfo* branch = findBranch(graph, name);
        if (!branch || branch->state != BranchState::Open) {
            continue;
        }
        const std::vector<char> reached = history.reachable(branch->head);
        if (!reached[position]) {
            continue;
        }
        const std::vector<long> undone = history.undoneBy(reached);
        if (undone[position] >= 0) {
            undoneSomewhere = true;
            if (actions.redoRevert.empty()) {
                actions.redoRevert = graph.commits[size_t(undone[position])].info.id;
                actions.redoBranch = name;
                actions.redoBlock = CommitActionBlock::None;
            }
            if (actions.undoBranch.empty() && info.kind != CommitKind::Merge) {
                actions.undoBlock = CommitActionBlock::AlreadyUndone;
            }
        } else if (actions.undoBranch.empty() && info.kind != CommitKind::Merge) {
            actions.undoBranch = name;
            actions.undoBlock = CommitActionBlock::None;
        }
        if (actions.redoRevert.empty() && !undoneSomewhere) {
            actions.redoBlock = CommitActionBlock::NotUndone;
        }
        if (name == checkedOut) {
            break; // in the checked-out branch's history: that branch decides, never another one
        }
    }

    actions.branch = info.branch;
    const BranchInfo* own = findBranch(graph, info.branch);
    if (own) {
        actions.branchState = own->state;
    }
    const auto branchBlock = [&]() {
        if (!own) {
            return CommitActionBlock::UnknownBranch;
        }
        return own->state == BranchState::Open ? CommitActionBlock::None : CommitActionBlock::BranchNotOpen;
    };
    if (info.branch == kMainBranch) {
        actions.mergeBlock = actions.discardBlock = CommitActionBlock::MainBranch;
    } else {
        actions.mergeBlock = actions.discardBlock = branchBlock();
        if (actions.mergeBlock == CommitActionBlock::None && (own->head.empty() || own->head == own->base)) {
            actions.mergeBlock = CommitActionBlock::NoOwnCommits;
        }
    }
    actions.checkoutBlock = branchBlock();
    if (actions.checkoutBlock == CommitActionBlock::None && info.branch == checkedOut) {
        actions.checkoutBlock = CommitActionBlock::AlreadyCheckedOut;
    }
    actions.canMerge = actions.mergeBlock == CommitActionBlock::None;
    actions.canDiscard = actions.discardBlock == CommitActionBlock::None;
    actions.canCheckout = actions.checkoutBlock == CommitActionBlock::None;
    return actions;
}

} // namespace curator
