#pragma once

// Lane layout of the commit graph for drawing it like `git log --graph`, newest commit first, and the
// history actions that apply to one commit. Plain data, no Qt: the workstation's delegate draws the
// segments as they are, and its dock enables actions from `commitActions`.
//
// Lanes: `main` is lane 0; every other branch gets one lane for the rows it spans, from its oldest commit's
// fork point (the parent on another lane) up to its head, or to the merge that brought it into main. Lanes
// are handed out in history order (oldest span first, the lowest free lane), so a branch keeps its lane as
// newer commits arrive, and a lane freed by a merged or discarded branch is reused by a later one.

#include "dataset/curationlog.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace curator {

// Where in a row a segment starts or ends: the row's top edge, the commit's dot, the bottom edge.
enum class GraphRowPoint { Top, Center, Bottom };

// One straight line inside one row, from (fromLane, from) to (toLane, to). `colorLane` is the lane of the
// branch the line belongs to (a merge's bend is coloured like the merged branch).
struct GraphSegment {
    int fromLane = 0;
    GraphRowPoint from = GraphRowPoint::Top;
    int toLane = 0;
    GraphRowPoint to = GraphRowPoint::Bottom;
    int colorLane = 0;

    bool operator==(const GraphSegment& other) const {
        return fromLane == other.fromLane && from == other.from && toLane == other.toLane && to == other.to &&
               colorLane == other.colorLane;
    }
};

enum class GraphCommitMark { Commit, Merge, Revert };

// An edge from a commit down to one of its parents. A first parent's edge runs in the child's lane and
// bends into the parent's lane at the parent's row (a fork); a merge's second parent's edge bends out of
// the merge's row into the parent's lane and runs there (`throughLane`).
struct GraphParentEdge {
    std::string parentId;
    long parentRow = -1; // -1: the parent is not in the graph (drawn as a short line down from the dot)
    int parentLane = 0;
    int throughLane = 0;
    bool secondParent = false;
};

struct GraphRow {
    std::string id;
    std::string branch;
    int lane = 0;
    GraphCommitMark mark = GraphCommitMark::Commit;
    bool undone = false;
    bool redo = false;                    // a revert of a revert
    std::vector<int> passingLanes;        // lanes whose line crosses the row without touching the dot
    std::vector<GraphParentEdge> parents; // first parent first
    std::vector<GraphSegment> segments;   // everything to draw in this row, dot excluded
    std::vector<std::string> heads;       // branches whose head is this commit
};

struct GraphLayout {
    std::vector<GraphRow> rows; // newest first: rows[0] is the last commit of graph.commits
    int laneCount = 0;          // lanes used by any row (0 for an empty graph)
    std::map<std::string, int> laneOfBranch;
};

GraphLayout layoutCommitGraph(const CommitGraph& graph);

// Why a history action does not apply to a commit (the UI words it; None: it applies).
enum class CommitActionBlock {
    None,
    UnknownCommit,
    MergeCommit,      // undo: a merge is not undone, the commits it brought are
    AlreadyUndone,    // undo: a live revert undid it (redo applies)
    NotUndone,        // redo: nothing undid it
    NotOnOpenBranch,  // undo/redo: neither the checked-out branch nor its own open branch has it
    MainBranch,       // merge/discard: main is not merged or discarded
    UnknownBranch,    // the commit names a branch the log does not list
    BranchNotOpen,    // merge/discard/checkout: the branch is merged or discarded
    NoOwnCommits,     // merge: the branch has no commits of its own
    AlreadyCheckedOut // checkout
};

// What the history actions would do for one selected commit. An empty branch means the action does not
// apply, and the matching block says why.
struct CommitActions {
    // Undo records a revert of the commit on `undoBranch`: the checked-out branch when the commit is in its
    // history, otherwise the commit's own branch while that is open. A revert's undo is a redo of its target.
    std::string undoBranch;
    CommitActionBlock undoBlock = CommitActionBlock::None;
    // Redo undoes `redoRevert`, the live revert that undid the commit, on `redoBranch`.
    std::string redoRevert;
    std::string redoBranch;
    CommitActionBlock redoBlock = CommitActionBlock::None;
    std::string branch;                     // the commit's branch, which merge, discard and checkout act on
    std::optional<BranchState> branchState; // its state (none: unknown branch)
    bool canMerge = false;                  // into main: open, not main, with commits of its own
    CommitActionBlock mergeBlock = CommitActionBlock::None;
    bool canDiscard = false; // open, not main
    CommitActionBlock discardBlock = CommitActionBlock::None;
    bool canCheckout = false; // open, not checked out
    CommitActionBlock checkoutBlock = CommitActionBlock::None;
};

// An unknown id blocks every action with UnknownCommit.
CommitActions commitActions(const CommitGraph& graph, const std::string& commitId);

} // namespace curator
