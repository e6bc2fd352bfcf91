#include "dataset/curationlog.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::TemporaryDirectory;

namespace {

const BranchInfo* findBranch(const std::vector<BranchInfo>& branches, const std::string& name) {
    for (const BranchInfo& branch : branches) {
        if (branch.name == name) {
            return &branch;
        }
    }
    return nullptr;
}

} // namespace

TEST(Branches, AgentBranchMergesIntoMainWithTwoParents) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    Result<CommitOutcome> base = log.commit(makeRequest("base", makeImages("photos", 10)));
    ASSERT_TRUE(base.ok());

    ASSERT_TRUE(log.createBranch("agent/run-1").ok());
    CommitRequest agentRequest = makeRequest("agent", makeImages("photos", 10, 8));
    agentRequest.author = "agent:run-1";
    agentRequest.branch = "agent/run-1";
    Result<CommitOutcome> agent = log.commit(agentRequest);
    ASSERT_TRUE(agent.ok()) << agent.error();
    EXPECT_EQ(agent->branch, "agent/run-1");
    EXPECT_EQ(agent->parent, base->id);
    EXPECT_EQ(agent->added, 8u);

    // A human commit on main meanwhile (main is checked out).
    Result<CommitOutcome> human = log.commit(makeRequest("human", makeImages("artwork", 3)));
    ASSERT_TRUE(human.ok());
    EXPECT_EQ(human->branch, "main");

    Result<StatusReport> mainStatus = log.status("main");
    Result<StatusReport> branchStatus = log.status("agent/run-1");
    ASSERT_TRUE(mainStatus.ok() && branchStatus.ok());
    EXPECT_EQ(mainStatus->distinctImages, 13u);
    EXPECT_EQ(branchStatus->distinctImages, 18u);

    Result<CommitOutcome> merge = log.mergeBranch("agent/run-1");
    ASSERT_TRUE(merge.ok()) << merge.error();
    EXPECT_EQ(merge->added, 8u);
    EXPECT_EQ(merge->selected, 21u);
    mainStatus = log.status("main");
    ASSERT_TRUE(mainStatus.ok());
    EXPECT_EQ(mainStatus->distinctImages, 21u);
    EXPECT_EQ(mainStatus->liveCommits.size(), 3u);

    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    ASSERT_EQ(graph->commits.size(), 4u);
    const GraphCommit& mergeCommit = graph->commits.back();
    EXPECT_EQ(mergeCommit.info.kind, CommitKind::Merge);
    EXPECT_EQ(mergeCommit.parents, (std::vector<std::string>{human->id, agent->id}));
    const BranchInfo* merged = findBranch(graph->branches, "agent/run-1");
    ASSERT_NE(merged, nullptr);
    EXPECT_EQ(merged->state, BranchState::Merged);
    EXPECT_EQ(merged->head, agent->id);
    EXPECT_EQ(merged->base, base->id);
    const BranchInfo* main = findBranch(graph->branches, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->head, merge->id);
    EXPECT_TRUE(main->checkedOut);

    const nlohmann::json json = nlohmann::json::parse(graphToJson(*graph));
    EXPECT_EQ(json["commits"].size(), 4u);
    EXPECT_EQ(json["commits"][3]["parents"].size(), 2u);
    EXPECT_EQ(json["commits"][3]["kind"], "merge");
    EXPECT_EQ(json["branches"][0]["name"], "main");
    EXPECT_EQ(json["checked_out"], "main");

    // A merged branch takes no more commits and cannot be merged again.
    Result<CommitOutcome> late = log.commit(agentRequest);
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().find("merged"), std::string::npos) << late.error();
    EXPECT_FALSE(log.mergeBranch("agent/run-1").ok());
}

TEST(Branches, CheckoutSendsHumanCommitsToTheBranchAndDiscardDropsThem) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("base", makeImages("photos", 5))).ok());
    ASSERT_TRUE(log.createBranch("try-blur").ok());
    ASSERT_TRUE(log.checkout("try-blur").ok());
    Result<std::string> checkedOut = log.checkedOutBranch();
    ASSERT_TRUE(checkedOut.ok());
    EXPECT_EQ(*checkedOut, "try-blur");
    Result<CommitOutcome> experiment = log.commit(makeRequest("blur", makeImages("photos", 5, 100)));
    ASSERT_TRUE(experiment.ok());
    EXPECT_EQ(experiment->branch, "try-blur");
    // Undo works on the checked-out branch.
    Result<RevertOutcome> undo = log.undoCommit(experiment->id);
    ASSERT_TRUE(undo.ok()) << undo.error();
    EXPECT_EQ(undo->branch, "try-blur");
    ASSERT_TRUE(log.undoCommit(undo->id).ok());

    Result<StatusReport> status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->branch, "try-blur");
    EXPECT_EQ(status->distinctImages, 10u);

    ASSERT_TRUE(log.discardBranch("try-blur").ok());
    checkedOut = log.checkedOutBranch();
    ASSERT_TRUE(checkedOut.ok());
    EXPECT_EQ(*checkedOut, "main");
    status = log.status();
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->distinctImages, 5u);
    Result<std::vector<BranchInfo>> branches = log.listBranches();
    ASSERT_TRUE(branches.ok());
    ASSERT_EQ(branches->size(), 2u);
    EXPECT_EQ(findBranch(*branches, "try-blur")->state, BranchState::Discarded);
    // The discarded work stays in the log.
    Result<CommitGraph> graph = log.log();
    ASSERT_TRUE(graph.ok());
    EXPECT_EQ(graph->commits.size(), 4u);

    Status checkoutDiscarded = log.checkout("try-blur");
    ASSERT_FALSE(checkoutDiscarded.ok());
    EXPECT_NE(checkoutDiscarded.error().find("discarded"), std::string::npos);
}

TEST(Branches, ErrorsNameTheBranch) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.createBranch("x").ok());
    Status duplicate = log.createBranch("x");
    ASSERT_FALSE(duplicate.ok());
    EXPECT_NE(duplicate.error().find("'x' already exists"), std::string::npos);
    EXPECT_FALSE(log.createBranch("bad name").ok());
    EXPECT_FALSE(log.createBranch("").ok());
    Status unknown = log.checkout("nope");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("'nope'"), std::string::npos);
    Result<CommitOutcome> empty = log.mergeBranch("x");
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().find("no commits"), std::string::npos);
    EXPECT_FALSE(log.mergeBranch("main").ok());
    EXPECT_FALSE(log.discardBranch("main").ok());
    CommitRequest request = makeRequest("q", makeImages("photos", 1));
    request.branch = "nope";
    EXPECT_FALSE(log.commit(request).ok());
}

TEST(Branches, UndoOfACommitOnAnotherBranchIsRefused) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.createBranch("side").ok());
    CommitRequest request = makeRequest("side", makeImages("photos", 2));
    request.branch = "side";
    Result<CommitOutcome> side = log.commit(request);
    ASSERT_TRUE(side.ok());
    Result<RevertOutcome> undo = log.undoCommit(side->id); // main is checked out
    ASSERT_FALSE(undo.ok());
    EXPECT_NE(undo.error().find("not in the history of branch 'main'"), std::string::npos) << undo.error();
}

TEST(Branches, UndoOnANamedBranchLeavesTheCheckoutAlone) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("base", makeImages("photos", 4))).ok());
    ASSERT_TRUE(log.createBranch("agent/run-2").ok());
    CommitRequest request = makeRequest("agent", makeImages("photos", 6, 10));
    request.author = "agent:run-2";
    request.branch = "agent/run-2";
    Result<CommitOutcome> agent = log.commit(request);
    ASSERT_TRUE(agent.ok()) << agent.error();

    // main is checked out; the agent's commit is not in its history, but the agent's branch is named.
    Result<RevertOutcome> onMain = log.undoCommit(agent->id);
    ASSERT_FALSE(onMain.ok());
    EXPECT_NE(onMain.error().find("not in the history of branch 'main'"), std::string::npos)
        << onMain.error();
    Result<RevertOutcome> onBranch = log.undoCommit(agent->id, "agent:run-2", "agent/run-2");
    ASSERT_TRUE(onBranch.ok()) << onBranch.error();
    EXPECT_EQ(onBranch->branch, "agent/run-2");
    EXPECT_EQ(onBranch->affected, 6u);
    EXPECT_EQ(*log.checkedOutBranch(), "main");
    EXPECT_EQ(log.status("agent/run-2")->distinctImages, 4u);
    EXPECT_EQ(log.status("main")->distinctImages, 4u);

    // Unknown and closed branches are refused by name.
    Result<RevertOutcome> unknown = log.undoCommit(agent->id, "human", "no-such-branch");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("no branch 'no-such-branch'"), std::string::npos) << unknown.error();
    ASSERT_TRUE(log.discardBranch("agent/run-2").ok());
    Result<RevertOutcome> discarded = log.undoCommit(onBranch->id, "human", "agent/run-2");
    ASSERT_FALSE(discarded.ok());
    EXPECT_NE(discarded.error().find("discarded, not open"), std::string::npos) << discarded.error();
}
