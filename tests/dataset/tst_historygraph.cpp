// The commit graph without SQL: reachability, undone and live commits, branch datasets and the public
// views, on graphs built from plain structs.

#include "dataset/historygraph.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace curator;

namespace {

// Builds a graph commit by commit: seq follows the order of calls.
class GraphBuilder {
public:
    GraphBuilder& commit(const std::string& id, const std::string& parent,
                         const std::string& branch = kMainBranch) {
        return add(id, CommitKind::Commit, parent, {}, {}, branch);
    }
    GraphBuilder& revert(const std::string& id, const std::string& parent, const std::string& target,
                         const std::string& branch = kMainBranch) {
        return add(id, CommitKind::Revert, parent, {}, target, branch);
    }
    GraphBuilder& merge(const std::string& id, const std::string& parent, const std::string& secondParent) {
        return add(id, CommitKind::Merge, parent, secondParent, {}, kMainBranch);
    }
    GraphBuilder& branch(const std::string& name, const std::string& head,
                         BranchState state = BranchState::Open, const std::string& base = {}) {
        m_graph.addBranch({name, head, base, state, "2026-01-01T00:00:00Z"});
        return *this;
    }
    HistoryGraph build(const std::string& checkedOut = kMainBranch) {
        m_graph.setCheckedOut(checkedOut);
        return m_graph;
    }

private:
    GraphBuilder& add(const std::string& id, CommitKind kind, const std::string& parent,
                      const std::string& secondParent, const std::string& target, const std::string& branch) {
        HistoryCommit commit;
        commit.info.id = id;
        commit.info.kind = kind;
        commit.info.branch = branch;
        commit.info.parent = parent;
        commit.info.secondParent = secondParent;
        commit.info.target = target;
        commit.info.seq = ++m_seq;
        m_graph.addCommit(commit);
        return *this;
    }

    HistoryGraph m_graph;
    int64_t m_seq = 0;
};

std::vector<std::string> liveIds(const HistoryGraph& graph, const std::string& head) {
    std::vector<std::string> ids;
    for (size_t index : graph.liveCommits(head)) {
        ids.push_back(graph.commits()[index].info.id);
    }
    return ids;
}

using Ids = std::vector<std::string>;

} // namespace

TEST(HistoryGraph, NamesOfKindsAndStatesRoundTrip) {
    for (CommitKind kind : {CommitKind::Commit, CommitKind::Revert, CommitKind::Merge}) {
        EXPECT_EQ(parseCommitKind(commitKindName(kind)), kind);
    }
    for (BranchState state : {BranchState::Open, BranchState::Merged, BranchState::Discarded}) {
        EXPECT_EQ(parseBranchState(branchStateName(state)), state);
    }
    EXPECT_STREQ(commitKindName(CommitKind::Revert), "revert");
    EXPECT_STREQ(branchStateName(BranchState::Discarded), "discarded");
    EXPECT_FALSE(parseCommitKind("Commit").has_value());
    EXPECT_FALSE(parseBranchState("closed").has_value());
}

TEST(HistoryGraph, AnEmptyBranchHasNoLiveCommits) {
    const HistoryGraph graph = GraphBuilder().branch(kMainBranch, "").build();
    EXPECT_TRUE(graph.liveCommits("").empty());
    EXPECT_TRUE(graph.reachable("").empty());
    ASSERT_EQ(graph.branchInfos().size(), 1u);
    EXPECT_EQ(graph.branchInfos()[0].liveCommits, 0u);
    EXPECT_TRUE(graph.branchInfos()[0].checkedOut);
}

TEST(HistoryGraph, ARevertUndoesItsTargetAndARevertOfTheRevertRedoesIt) {
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .commit("b", "a")
                                   .revert("r1", "b", "a")
                                   .revert("r2", "r1", "r1")
                                   .branch(kMainBranch, "r2")
                                   .build();
    EXPECT_EQ(liveIds(graph, "b"), (Ids{"a", "b"}));
    EXPECT_EQ(liveIds(graph, "r1"), (Ids{"b"}));
    EXPECT_EQ(liveIds(graph, "r2"), (Ids{"a", "b"})); // redo
    const std::vector<long> undone = graph.undoneBy(graph.reachable("r2"));
    EXPECT_EQ(undone, (std::vector<long>{-1, -1, 3, -1}));
    EXPECT_EQ(graph.liveSeqs("r1"), (std::vector<int64_t>{2}));
}

TEST(HistoryGraph, OnlyReachableRevertsCount) {
    // A revert on another branch does not undo the commit on main.
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .commit("x", "a", "try")
                                   .revert("rx", "x", "a", "try")
                                   .branch(kMainBranch, "a")
                                   .branch("try", "rx", BranchState::Open, "a")
                                   .build();
    EXPECT_EQ(liveIds(graph, "a"), (Ids{"a"}));
    EXPECT_EQ(liveIds(graph, "rx"), (Ids{"x"}));
    const std::vector<char> reached = graph.reachable("a");
    EXPECT_EQ(reached, (std::vector<char>{1, 0, 0}));
    // The global view (the log) does see it.
    const CommitGraph log = graph.toCommitGraph();
    EXPECT_TRUE(log.commits[0].undone);
    EXPECT_EQ(log.commits[0].undoneBy, "rx");
}

TEST(HistoryGraph, AMergeBringsTheBranchCommitsAndCountsNothingItself) {
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .commit("x", "a", "agent/run-1")
                                   .commit("y", "x", "agent/run-1")
                                   .commit("b", "a")
                                   .merge("m", "b", "y")
                                   .branch(kMainBranch, "m")
                                   .branch("agent/run-1", "y", BranchState::Merged, "a")
                                   .build();
    EXPECT_EQ(liveIds(graph, "m"), (Ids{"a", "x", "y", "b"}));
    EXPECT_EQ(liveIds(graph, "b"), (Ids{"a", "b"}));
    const std::vector<BranchInfo> branches = graph.branchInfos();
    ASSERT_EQ(branches.size(), 2u);
    EXPECT_EQ(branches[0].liveCommits, 4u);
    EXPECT_EQ(branches[1].state, BranchState::Merged);
    EXPECT_EQ(branches[1].liveCommits, 3u);
    EXPECT_FALSE(branches[1].checkedOut);
    const CommitGraph log = graph.toCommitGraph();
    EXPECT_EQ(log.commits[4].parents, (Ids{"b", "y"}));
    EXPECT_EQ(log.commits[4].info.kind, CommitKind::Merge);
}

TEST(HistoryGraph, UndoingACommitOfAMergedBranchOnMain) {
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .commit("x", "a", "b1")
                                   .merge("m", "a", "x")
                                   .revert("rx", "m", "x")
                                   .branch(kMainBranch, "rx")
                                   .branch("b1", "x", BranchState::Merged, "a")
                                   .build();
    EXPECT_EQ(liveIds(graph, "rx"), (Ids{"a"}));
    EXPECT_EQ(liveIds(graph, "x"), (Ids{"a", "x"})); // the branch's own view is unchanged
}

TEST(HistoryGraph, AParentOutsideTheGraphEndsTheWalk) {
    // An imported history may name a parent the log does not hold.
    const HistoryGraph graph =
        GraphBuilder().commit("i1", "not-here").commit("i2", "i1").branch(kMainBranch, "i2").build();
    EXPECT_EQ(liveIds(graph, "i2"), (Ids{"i1", "i2"}));
    EXPECT_FALSE(graph.contains("not-here"));
    EXPECT_EQ(graph.indexOf("i2"), std::optional<size_t>(1));
    EXPECT_EQ(graph.branch("nope"), nullptr);
}

TEST(HistoryGraph, TheCheckedOutBranchIsFlagged) {
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .branch(kMainBranch, "a")
                                   .branch("try", "a", BranchState::Open, "a")
                                   .build("try");
    EXPECT_EQ(graph.checkedOut(), "try");
    const std::vector<BranchInfo> branches = graph.branchInfos();
    EXPECT_FALSE(branches[0].checkedOut);
    EXPECT_TRUE(branches[1].checkedOut);
    EXPECT_EQ(graph.toCommitGraph().checkedOut, "try");
}

TEST(HistoryGraph, ThePublicLogViewConvertsBack) {
    const HistoryGraph graph = GraphBuilder()
                                   .commit("a", "")
                                   .commit("x", "a", "b1")
                                   .merge("m", "a", "x")
                                   .revert("ra", "m", "a")
                                   .branch(kMainBranch, "ra")
                                   .branch("b1", "x", BranchState::Merged, "a")
                                   .build();
    const HistoryGraph back = HistoryGraph::fromCommitGraph(graph.toCommitGraph());
    EXPECT_EQ(liveIds(back, "ra"), (Ids{"x"}));
    EXPECT_EQ(back.branch("b1")->state, BranchState::Merged);
    EXPECT_EQ(back.commits()[2].info.kind, CommitKind::Merge);
    // An unknown kind cannot reach the graph: the public structs hold the enum, and the names are parsed
    // where they are read (the database: CurationLog.AnUnknownKindInTheDatabaseIsAnErrorNamingTheCommit).
    EXPECT_FALSE(parseCommitKind("squash").has_value());
}
