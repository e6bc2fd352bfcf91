#include "dataset/graphlayout.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::TemporaryDirectory;

namespace {

constexpr GraphRowPoint kTop = GraphRowPoint::Top;
constexpr GraphRowPoint kCenter = GraphRowPoint::Center;
constexpr GraphRowPoint kBottom = GraphRowPoint::Bottom;

CommitGraph graphOf(CurationLog& log) {
    Result<CommitGraph> graph = log.log();
    EXPECT_TRUE(graph.ok()) << (graph.ok() ? "" : graph.error());
    return graph.ok() ? *graph : CommitGraph{};
}

std::string commitOn(CurationLog& log, const std::string& branch, const std::string& query, size_t first) {
    CommitRequest request = makeRequest(query, makeImages("photos", 4, first));
    request.branch = branch;
    Result<CommitOutcome> outcome = log.commit(request);
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error());
    return outcome.ok() ? outcome->id : std::string();
}

const GraphRow& rowOf(const GraphLayout& layout, const std::string& id) {
    const auto it = std::find_if(layout.rows.begin(), layout.rows.end(),
                                 [&](const GraphRow& row) { return row.id == id; });
    EXPECT_NE(it, layout.rows.end()) << id;
    return *it;
}

long rowIndex(const GraphLayout& layout, const std::string& id) {
    return long(&rowOf(layout, id) - layout.rows.data());
}

bool hasSegment(const GraphRow& row, const GraphSegment& segment) {
    return std::find(row.segments.begin(), row.segments.end(), segment) != row.segments.end();
}

} // namespace

TEST(GraphLayout, EmptyLogHasNoRowsAndNoLanes) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const GraphLayout layout = layoutCommitGraph(graphOf(log));
    EXPECT_TRUE(layout.rows.empty());
    EXPECT_EQ(layout.laneCount, 0);
}

TEST(GraphLayout, LinearMainWithARevertIsOneLaneNewestFirst) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string first = commitOn(log, "", "first", 0);
    const std::string second = commitOn(log, "", "second", 10);
    Result<RevertOutcome> revert = log.undoCommit(second);
    ASSERT_TRUE(revert.ok()) << revert.error();

    const GraphLayout layout = layoutCommitGraph(graphOf(log));
    ASSERT_EQ(layout.rows.size(), 3u);
    EXPECT_EQ(layout.laneCount, 1);
    EXPECT_EQ(layout.rows[0].id, revert->id);
    EXPECT_EQ(layout.rows[1].id, second);
    EXPECT_EQ(layout.rows[2].id, first);
    EXPECT_EQ(layout.rows[0].mark, GraphCommitMark::Revert);
    EXPECT_FALSE(layout.rows[0].redo);
    EXPECT_TRUE(layout.rows[1].undone);
    EXPECT_FALSE(layout.rows[2].undone);
    EXPECT_EQ(layout.rows[0].heads, std::vector<std::string>{"main"});

    // The revert: a line down from its dot only; the middle commit: up and down; the root: up only.
    EXPECT_EQ(layout.rows[0].segments, (std::vector<GraphSegment>{{0, kCenter, 0, kBottom, 0}}));
    EXPECT_TRUE(hasSegment(layout.rows[1], {0, kTop, 0, kCenter, 0}));
    EXPECT_TRUE(hasSegment(layout.rows[1], {0, kCenter, 0, kBottom, 0}));
    EXPECT_EQ(layout.rows[2].segments, (std::vector<GraphSegment>{{0, kTop, 0, kCenter, 0}}));
    for (const GraphRow& row : layout.rows) {
        EXPECT_EQ(row.lane, 0);
        EXPECT_TRUE(row.passingLanes.empty());
    }
    ASSERT_EQ(layout.rows[0].parents.size(), 1u);
    EXPECT_EQ(layout.rows[0].parents[0].parentId, second);
    EXPECT_EQ(layout.rows[0].parents[0].parentRow, 1);
}

TEST(GraphLayout, MergedBranchForksAndJoinsMainInItsOwnLane) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string base = commitOn(log, "", "base", 0);
    ASSERT_TRUE(log.createBranch("agent/run-1").ok());
    const std::string agent = commitOn(log, "agent/run-1", "agent", 10);
    const std::string human = commitOn(log, "", "human", 20);
    Result<CommitOutcome> merge = log.mergeBranch("agent/run-1");
    ASSERT_TRUE(merge.ok()) << merge.error();

    const GraphLayout layout = layoutCommitGraph(graphOf(log));
    ASSERT_EQ(layout.rows.size(), 4u);
    EXPECT_EQ(layout.laneCount, 2);
    EXPECT_EQ(layout.laneOfBranch.at("main"), 0);
    EXPECT_EQ(layout.laneOfBranch.at("agent/run-1"), 1);

    // Rows: merge, human, agent, base.
    const GraphRow& mergeRow = layout.rows[0];
    EXPECT_EQ(mergeRow.id, merge->id);
    EXPECT_EQ(mergeRow.mark, GraphCommitMark::Merge);
    EXPECT_EQ(mergeRow.lane, 0);
    ASSERT_EQ(mergeRow.parents.size(), 2u);
    EXPECT_EQ(mergeRow.parents[0].parentId, human);
    EXPECT_EQ(mergeRow.parents[0].throughLane, 0);
    EXPECT_FALSE(mergeRow.parents[0].secondParent);
    EXPECT_EQ(mergeRow.parents[1].parentId, agent);
    EXPECT_EQ(mergeRow.parents[1].parentRow, 2);
    EXPECT_EQ(mergeRow.parents[1].parentLane, 1);
    EXPECT_EQ(mergeRow.parents[1].throughLane, 1);
    EXPECT_TRUE(mergeRow.parents[1].secondParent);
    // The merge bends out of its dot into the branch's lane.
    EXPECT_TRUE(hasSegment(mergeRow, {0, kCenter, 1, kBottom, 1}));
    EXPECT_TRUE(hasSegment(mergeRow, {0, kCenter, 0, kBottom, 0}));

    const GraphRow& humanRow = layout.rows[1];
    EXPECT_EQ(humanRow.id, human);
    EXPECT_EQ(humanRow.lane, 0);
    EXPECT_EQ(humanRow.passingLanes, std::vector<int>{1});
    EXPECT_TRUE(hasSegment(humanRow, {1, kTop, 1, kBottom, 1}));

    const GraphRow& agentRow = layout.rows[2];
    EXPECT_EQ(agentRow.id, agent);
    EXPECT_EQ(agentRow.lane, 1);
    EXPECT_EQ(agentRow.passingLanes, std::vector<int>{0}); // main's line from human to base
    EXPECT_EQ(agentRow.heads, std::vector<std::string>{"agent/run-1"});
    EXPECT_TRUE(hasSegment(agentRow, {1, kTop, 1, kCenter, 1}));
    EXPECT_TRUE(hasSegment(agentRow, {1, kCenter, 1, kBottom, 1}));
    ASSERT_EQ(agentRow.parents.size(), 1u);
    EXPECT_EQ(agentRow.parents[0].parentId, base);
    EXPECT_EQ(agentRow.parents[0].parentLane, 0);
    EXPECT_EQ(agentRow.parents[0].throughLane, 1);

    // The fork: the branch's line comes down its lane and bends into the base's dot.
    const GraphRow& baseRow = layout.rows[3];
    EXPECT_EQ(baseRow.id, base);
    EXPECT_TRUE(hasSegment(baseRow, {1, kTop, 0, kCenter, 1}));
    EXPECT_TRUE(hasSegment(baseRow, {0, kTop, 0, kCenter, 0}));
    EXPECT_TRUE(baseRow.passingLanes.empty());
}

TEST(GraphLayout, ALaneFreedByAMergedBranchIsReusedAndConcurrentBranchesGetTheirOwn) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    commitOn(log, "", "base", 0);
    ASSERT_TRUE(log.createBranch("first").ok());
    commitOn(log, "first", "first", 10);
    ASSERT_TRUE(log.mergeBranch("first").ok());
    // Forks from the merge itself: the merged branch left the lane at that row.
    ASSERT_TRUE(log.createBranch("second").ok());
    commitOn(log, "second", "second", 20);
    // Open at the same time as "second": a lane of its own.
    ASSERT_TRUE(log.createBranch("third").ok());
    const std::string third = commitOn(log, "third", "third", 30);
    ASSERT_TRUE(log.mergeBranch("second").ok());
    ASSERT_TRUE(log.mergeBranch("third").ok());
    commitOn(log, "", "after", 40);
    // Forks after both merges: lane 1 is free again.
    ASSERT_TRUE(log.createBranch("fourth").ok());
    commitOn(log, "fourth", "fourth", 50);

    const GraphLayout layout = layoutCommitGraph(graphOf(log));
    EXPECT_EQ(layout.laneOfBranch.at("first"), 1);
    EXPECT_EQ(layout.laneOfBranch.at("second"), 1);
    EXPECT_EQ(layout.laneOfBranch.at("third"), 2);
    EXPECT_EQ(layout.laneOfBranch.at("fourth"), 1);
    EXPECT_EQ(layout.laneCount, 3);
    EXPECT_EQ(rowOf(layout, third).lane, 2);
    // No row draws two different branches' lines in the same lane half.
    for (const GraphRow& row : layout.rows) {
        for (int lane : row.passingLanes) {
            EXPECT_NE(lane, row.lane) << row.id;
        }
    }
}

TEST(GraphLayout, DiscardedBranchKeepsItsLaneUntilItsHeadAndRevertsOnItAreMarked) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string base = commitOn(log, "", "base", 0);
    ASSERT_TRUE(log.createBranch("agent/run-2").ok());
    const std::string tried = commitOn(log, "agent/run-2", "tried", 10);
    // Undo on the branch (undo acts on the checked-out branch), then redo it.
    ASSERT_TRUE(log.checkout("agent/run-2").ok());
    Result<RevertOutcome> revert = log.undoCommit(tried);
    ASSERT_TRUE(revert.ok()) << revert.error();
    Result<RevertOutcome> redo = log.undoCommit(revert->id);
    ASSERT_TRUE(redo.ok()) << redo.error();
    ASSERT_TRUE(log.checkout("main").ok());
    const std::string onMain = commitOn(log, "", "main meanwhile", 20);
    ASSERT_TRUE(log.discardBranch("agent/run-2").ok());
    ASSERT_TRUE(log.createBranch("agent/run-3").ok());
    const std::string later = commitOn(log, "agent/run-3", "later", 30);

    const GraphLayout layout = layoutCommitGraph(graphOf(log));
    // Rows: later, onMain, redo, revert, tried, base.
    ASSERT_EQ(layout.rows.size(), 6u);
    EXPECT_EQ(layout.laneOfBranch.at("agent/run-2"), 1);
    // run-3 forks from onMain, above the discarded branch's head: it reuses lane 1.
    EXPECT_EQ(layout.laneOfBranch.at("agent/run-3"), 1);
    EXPECT_EQ(layout.laneCount, 2);

    const GraphRow& redoRow = rowOf(layout, redo->id);
    EXPECT_EQ(redoRow.lane, 1);
    EXPECT_EQ(redoRow.mark, GraphCommitMark::Revert);
    EXPECT_TRUE(redoRow.redo);
    EXPECT_EQ(redoRow.heads, std::vector<std::string>{"agent/run-2"});
    // The discarded head has no line above its dot.
    EXPECT_FALSE(hasSegment(redoRow, {1, kTop, 1, kCenter, 1}));
    EXPECT_TRUE(hasSegment(redoRow, {1, kCenter, 1, kBottom, 1}));
    const GraphRow& revertRow = rowOf(layout, revert->id);
    EXPECT_EQ(revertRow.mark, GraphCommitMark::Revert);
    EXPECT_FALSE(revertRow.redo);
    EXPECT_TRUE(revertRow.undone); // the redo undid the revert
    EXPECT_FALSE(rowOf(layout, tried).undone);

    // Main's line passes the discarded branch's rows; the branch forks from base.
    EXPECT_EQ(rowOf(layout, tried).passingLanes, std::vector<int>{0});
    EXPECT_TRUE(hasSegment(rowOf(layout, base), {1, kTop, 0, kCenter, 1}));
    // run-3's fork bends into onMain; nothing passes lane 1 there.
    const GraphRow& onMainRow = rowOf(layout, onMain);
    EXPECT_TRUE(hasSegment(onMainRow, {1, kTop, 0, kCenter, 1}));
    EXPECT_TRUE(onMainRow.passingLanes.empty());
    EXPECT_EQ(rowIndex(layout, later), 0);
}

TEST(CommitActions, FollowTheBranchesAndWhatUndid) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string base = commitOn(log, "", "base", 0);
    ASSERT_TRUE(log.createBranch("agent/run-1").ok());
    const std::string agent = commitOn(log, "agent/run-1", "agent", 10);
    Result<RevertOutcome> revert = log.undoCommit(base);
    ASSERT_TRUE(revert.ok());

    CommitGraph graph = graphOf(log);
    // On main (checked out) the base is undone: redo undoes the revert there, undo does not apply.
    CommitActions actions = commitActions(graph, base);
    EXPECT_EQ(actions.redoRevert, revert->id);
    EXPECT_EQ(actions.redoBranch, "main");
    EXPECT_EQ(actions.redoBlock, CommitActionBlock::None);
    EXPECT_EQ(actions.undoBranch, "");
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::AlreadyUndone);
    EXPECT_EQ(actions.mergeBlock, CommitActionBlock::MainBranch);
    EXPECT_EQ(actions.discardBlock, CommitActionBlock::MainBranch);
    EXPECT_EQ(actions.checkoutBlock, CommitActionBlock::AlreadyCheckedOut);

    // The agent's commit is not in main's history: it is undone on its own open branch.
    actions = commitActions(graph, agent);
    EXPECT_EQ(actions.undoBranch, "agent/run-1");
    EXPECT_EQ(actions.redoBlock, CommitActionBlock::NotUndone);
    EXPECT_TRUE(actions.canMerge);
    EXPECT_TRUE(actions.canDiscard);
    EXPECT_TRUE(actions.canCheckout);
    EXPECT_EQ(actions.branch, "agent/run-1");

    // The revert itself can be undone (a redo of the base) on main.
    actions = commitActions(graph, revert->id);
    EXPECT_EQ(actions.undoBranch, "main");

    Result<CommitOutcome> merge = log.mergeBranch("agent/run-1");
    ASSERT_TRUE(merge.ok());
    graph = graphOf(log);
    actions = commitActions(graph, merge->id);
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::MergeCommit);
    // After the merge the agent's commit is main's: undone there; its branch is no longer open.
    actions = commitActions(graph, agent);
    EXPECT_EQ(actions.undoBranch, "main");
    EXPECT_FALSE(actions.canMerge);
    EXPECT_EQ(actions.mergeBlock, CommitActionBlock::BranchNotOpen);
    EXPECT_EQ(actions.discardBlock, CommitActionBlock::BranchNotOpen);
    EXPECT_EQ(actions.checkoutBlock, CommitActionBlock::BranchNotOpen);
    EXPECT_EQ(actions.branchState, BranchState::Merged);

    actions = commitActions(graph, "no-such-commit");
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::UnknownCommit);
    EXPECT_FALSE(actions.canCheckout);
}

TEST(CommitActions, TheCheckedOutBranchDecidesWhenTheCommitIsInItsHistory) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string onMain = commitOn(log, "", "on main", 0);
    ASSERT_TRUE(log.createBranch("agent/run-2").ok());
    ASSERT_TRUE(log.checkout("agent/run-2").ok());
    Result<RevertOutcome> revertOnBranch = log.undoCommit(onMain); // on the checked-out agent branch
    ASSERT_TRUE(revertOnBranch.ok()) << revertOnBranch.error();

    // Undone where the user works: Undo must not reach past it to main.
    const CommitActions actions = commitActions(graphOf(log), onMain);
    EXPECT_EQ(actions.undoBranch, "");
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::AlreadyUndone);
    EXPECT_EQ(actions.redoRevert, revertOnBranch->id);
    EXPECT_EQ(actions.redoBranch, "agent/run-2");
}

TEST(CommitActions, AnImageRemovedFromACommitLeavesItUndoableNotRedoable) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    const std::string commit = commitOn(log, "", "four images", 0);
    Result<RevertOutcome> removal = log.removeImages(commit, {{"photos", "img1.jpg"}});
    ASSERT_TRUE(removal.ok()) << removal.error();

    CommitActions actions = commitActions(graphOf(log), commit);
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::None);
    EXPECT_EQ(actions.undoBranch, "main");
    EXPECT_EQ(actions.redoBlock, CommitActionBlock::NotUndone);
    EXPECT_TRUE(actions.redoRevert.empty());
    // The partial revert itself is undone like any other: that puts the image back.
    actions = commitActions(graphOf(log), removal->id);
    EXPECT_EQ(actions.undoBlock, CommitActionBlock::None);
    EXPECT_EQ(actions.undoBranch, "main");
}

TEST(GraphLayout, AParentOutsideTheGraphGetsAShortLineDownFromTheDot) {
    // An imported history may name a parent that is not in the log.
    CommitGraph graph;
    GraphCommit commit;
    commit.info.id = "imported-1";
    commit.info.kind = CommitKind::Commit;
    commit.info.branch = kMainBranch;
    commit.parents = {"not-in-this-log"};
    graph.commits.push_back(commit);
    BranchInfo main;
    main.name = kMainBranch;
    main.head = "imported-1";
    main.state = BranchState::Open;
    graph.branches.push_back(main);
    graph.checkedOut = kMainBranch;

    const GraphLayout layout = layoutCommitGraph(graph);
    ASSERT_EQ(layout.rows.size(), 1u);
    ASSERT_EQ(layout.rows[0].parents.size(), 1u);
    EXPECT_EQ(layout.rows[0].parents[0].parentId, "not-in-this-log");
    EXPECT_EQ(layout.rows[0].parents[0].parentRow, -1);
    EXPECT_EQ(layout.rows[0].segments, (std::vector<GraphSegment>{{0, kCenter, 0, kBottom, 0}}));
}
