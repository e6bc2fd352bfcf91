// Time travel (issue 16 §3): the grids a run received kept as files beside its transcript, a fork from
// any turn (conversation and dataset together), and a replay of a finished run from its transcript.
#include "agenttesthelpers.h"

#include "agent/agentrun.h"
#include "agent/gridfiles.h"
#include "agent/runfork.h"
#include "agent/runlist.h"
#include "agent/transcript.h"
#include "agent/transcriptreplay.h"
#include "common/base64.h"
#include "dataset/curationlog.h"
#include "models/image.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace curator {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::set<std::string> imageSet(const std::vector<CatalogImage>& images) {
    std::set<std::string> names;
    for (const auto& image : images) {
        names.insert(image.source + "/" + image.name);
    }
    return names;
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class TimeTravelTest : public ::testing::Test {
protected:
    void SetUp() override {
        demo = test::makeDemoWorkspace(dir.path(), 1500);
        backends = test::builtinBackends();
    }

    // Turn 1 searches and samples (two grids), turn 2 commits at 0.6, turn 3 samples and commits at 0.5,
    // turn 4 ends the run.
    std::unique_ptr<AgentRun> scriptedRun(const std::string& runId, test::ScriptedPlanner*& planner) {
        std::vector<ChatMessage> turns = {
            test::toolTurn(
                {{"search", R"({"query": "vhs decay", "top_k": 8})"},
                 {"sample", R"({"query": "vhs decay", "min_threshold": 0.4, "count": 6, "seed": 1})"}},
                "a"),
            test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.6, "message": "top VHS"})"}},
                           "b"),
            test::toolTurn(
                {{"sample", R"({"query": "vhs decay", "min_threshold": 0.5, "count": 4, "seed": 2})"},
                 {"commit", R"({"query": "vhs decay", "threshold": 0.5, "message": "wider"})"}},
                "c"),
            test::finalTurn("Two commits.")};
        planner = new test::ScriptedPlanner(turns);
        AgentConfig config;
        config.theme = "VHS decay";
        config.runId = runId;
        auto run = AgentRun::create(demo.workspace, config, std::unique_ptr<Planner>(planner),
                                    *backends.embedder, *backends.scorer, *backends.captioner);
        EXPECT_TRUE(run.ok()) << run.error();
        return run ? std::move(*run) : nullptr;
    }

    std::vector<json> transcript(const std::string& runId) {
        auto events = Transcript::read(Transcript::path(demo.workspace, runId));
        EXPECT_TRUE(events.ok()) << events.error();
        return events ? *events : std::vector<json>{};
    }

    test::TempDir dir;
    test::DemoWorkspace demo;
    test::Backends backends;
};

TEST_F(TimeTravelTest, EveryGridTheAgentReceivedIsAFileNamedByItsToolResult) {
    test::ScriptedPlanner* planner = nullptr;
    auto run = scriptedRun("grids", planner);
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->run().ok());
    ASSERT_EQ(run->finishReason(), "final_answer");

    // The data URLs the planner received after each turn, by call id.
    std::map<std::string, std::vector<std::string>> sent;
    const auto seenResults = planner->results();
    const auto seen = planner->seen();
    for (size_t turn = 1; turn < seen.size(); ++turn) {
        std::vector<std::string> ids;
        for (const auto& message : seen[turn]) {
            if (message.role == "tool") {
                ids.push_back(message.toolCallId);
            }
        }
        const auto& results = seenResults[turn];
        ASSERT_LE(results.size(), ids.size());
        for (size_t i = 0; i < results.size(); ++i) {
            sent[ids[ids.size() - results.size() + i]] = results[i].imageDataUrls;
        }
    }

    const std::string text = test::readText(run->transcriptPath());
    EXPECT_EQ(text.find("data:image"), std::string::npos); // no image bytes in the transcript
    size_t files = 0;
    json imagesMessage;
    for (const auto& event : transcript("grids")) {
        if (event["type"] == "message" && event["message"]["role"] == "user" &&
            event.value("images", 0) > 0) {
            imagesMessage = event;
        }
        if (event["type"] != "tool_result") {
            continue;
        }
        const int images = event["images"].get<int>();
        const std::string callId = event["call_id"];
        if (images == 0) {
            EXPECT_FALSE(event.contains("grid_files")) << event.dump();
            continue;
        }
        ASSERT_TRUE(event.contains("grid_files")) << event.dump();
        EXPECT_FALSE(event.contains("grid_files_error"));
        const json gridFiles = event["grid_files"];
        ASSERT_EQ(gridFiles.size(), static_cast<size_t>(images));
        ASSERT_EQ(sent[callId].size(), static_cast<size_t>(images)) << callId;
        for (size_t n = 0; n < gridFiles.size(); ++n) {
            const std::string relative = gridFiles[n];
            EXPECT_EQ(relative, "grids/grids/" + callId + "-" + std::to_string(n) + ".jpg");
            const std::string path = (fs::path(demo.workspace) / "runs" / relative).string();
            ASSERT_TRUE(fs::is_regular_file(path)) << path;
            auto decoded = decodeImageFile(path);
            ASSERT_TRUE(decoded.ok()) << decoded.error();
            EXPECT_GT(decoded->width, 0);
            // The bytes exactly as sent.
            const std::string& url = sent[callId][n];
            EXPECT_EQ(fileBytes(path), *base64Decode(url.substr(url.find(',') + 1)));
            ++files;
        }
    }
    EXPECT_GE(files, 3u); // search, sample, sample
    // The user message that carried the last turn's grids names the same files.
    ASSERT_TRUE(imagesMessage.contains("grid_files")) << imagesMessage.dump();
    EXPECT_EQ(imagesMessage["grid_files"].size(), imagesMessage["images"].get<size_t>());
}

TEST_F(TimeTravelTest, AFailedGridWriteIsRecordedAndTheRunGoesOn) {
    test::ScriptedPlanner* planner = nullptr;
    auto run = scriptedRun("nogrids", planner);
    ASSERT_TRUE(run);
    // A file where the run's grid directory would be: the grids cannot be written.
    std::ofstream(fs::path(demo.workspace) / "runs" / "nogrids") << "in the way";
    ASSERT_TRUE(run->run().ok());
    EXPECT_EQ(run->finishReason(), "final_answer");
    size_t errors = 0;
    for (const auto& event : transcript("nogrids")) {
        if (event["type"] == "tool_result" && event["images"].get<int>() > 0) {
            EXPECT_FALSE(event.contains("grid_files"));
            EXPECT_NE(event.value("grid_files_error", std::string()).find("nogrids"), std::string::npos)
                << event.dump();
            ++errors;
        }
    }
    EXPECT_GE(errors, 3u);
}

TEST_F(TimeTravelTest, GridFileNamesStayInsideTheRunsDirectory) {
    EXPECT_EQ(gridFileStem("call_1_2"), "call_1_2");
    const std::string odd = gridFileStem("../x/y");
    EXPECT_EQ(odd.find('/'), std::string::npos);
    EXPECT_EQ(odd.find('.'), std::string::npos);
    EXPECT_NE(gridFileStem("a/b"), gridFileStem("a_b"));
    EXPECT_FALSE(resolveGridFile(demo.workspace, "../workspace.sqlite").ok());
    EXPECT_FALSE(resolveGridFile(demo.workspace, "/etc/passwd").ok());
    EXPECT_EQ(*resolveGridFile(demo.workspace, "r1/grids/c1-0.jpg"),
              (fs::path(demo.workspace) / "runs" / "r1/grids/c1-0.jpg").string());
}

TEST_F(TimeTravelTest, AForkKeepsTheConversationAndTheDatasetOfItsTurn) {
    test::ScriptedPlanner* planner = nullptr;
    auto run = scriptedRun("original", planner);
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->run().ok());
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log.ok());
    std::vector<std::string> commits;
    for (const auto& event : transcript("original")) {
        if (event["type"] == "commit") {
            commits.push_back(event["commit"]["id"]);
        }
    }
    ASSERT_EQ(commits.size(), 2u);
    const std::string originalTranscript = test::readText(run->transcriptPath());
    const auto originalImages = imageSet(*log->datasetImages("agent/original"));
    const auto afterTurn2 = imageSet(*log->commitImages(commits[0]));
    ASSERT_LT(afterTurn2.size(), originalImages.size()); // turn 3's commit added images

    auto fork = forkRun(demo.workspace, "original", 2, "Try film grain instead.", "fork2");
    ASSERT_TRUE(fork.ok()) << fork.error();
    EXPECT_EQ(fork->runId, "fork2");
    EXPECT_EQ(fork->branch, "agent/fork2");
    EXPECT_EQ(fork->head, commits[0]);
    EXPECT_EQ(imageSet(*log->datasetImages("agent/fork2")), afterTurn2);
    // The original is untouched.
    EXPECT_EQ(imageSet(*log->datasetImages("agent/original")), originalImages);
    EXPECT_EQ(test::readText(run->transcriptPath()), originalTranscript);

    // The fork's transcript: the original's events up to turn 2, then run_forked and the instruction.
    const auto events = transcript("fork2");
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front()["branch"], "agent/fork2");
    EXPECT_EQ(events.front()["forked_from"], (json{{"run_id", "original"}, {"turn", 2}}));
    int assistants = 0;
    for (const auto& event : events) {
        EXPECT_EQ(event["run_id"], "fork2");
        assistants += event["type"] == "message" && event["message"]["role"] == "assistant" ? 1 : 0;
    }
    EXPECT_EQ(assistants, 2);
    const json& forked = events[events.size() - 2];
    EXPECT_EQ(forked["type"], "run_forked");
    EXPECT_EQ(forked["forked_from"], "original");
    EXPECT_EQ(forked["turn"], 2);
    EXPECT_EQ(forked["head"], commits[0]);
    EXPECT_EQ(events.back()["message"]["content"], "[human message] Try film grain instead.");
    const auto origin = forkOriginOf(demo.workspace, "fork2");
    ASSERT_TRUE(origin.has_value());
    EXPECT_EQ(origin->runId, "original");
    EXPECT_EQ(origin->turn, 2);
    EXPECT_FALSE(forkOriginOf(demo.workspace, "original").has_value());
    // The runs list reads the same origin (the workstation's Runs dock shows "original at turn 2").
    for (const RunSummary& summary : listRunSummaries(demo.workspace, &*log)) {
        EXPECT_EQ(summary.forkedFrom, summary.runId == "fork2" ? "original" : "");
        EXPECT_EQ(summary.forkedTurn, summary.runId == "fork2" ? 2 : 0);
    }

    // Resumed, the fork continues after turn 2 with the instruction, on its own branch, to its end.
    auto* resumedPlanner = new test::ScriptedPlanner(
        {test::toolTurn({{"commit", R"({"query": "vhs decay", "threshold": 0.55, "message": "between"})"}},
                        "f"),
         test::finalTurn("Forked.")});
    auto resumed = AgentRun::resume(demo.workspace, "fork2", std::unique_ptr<Planner>(resumedPlanner),
                                    *backends.embedder, *backends.scorer, *backends.captioner);
    ASSERT_TRUE(resumed.ok()) << resumed.error();
    EXPECT_EQ((*resumed)->turns(), 2);
    ASSERT_TRUE((*resumed)->run().ok());
    EXPECT_EQ((*resumed)->finishReason(), "final_answer");
    EXPECT_EQ((*resumed)->turns(), 4);
    const auto seen = resumedPlanner->seen();
    ASSERT_FALSE(seen.empty());
    bool instructed = false;
    int seenAssistants = 0;
    for (const auto& message : seen.front()) {
        instructed = instructed || message.content == "[human message] Try film grain instead.";
        seenAssistants += message.role == "assistant" ? 1 : 0;
    }
    EXPECT_TRUE(instructed);
    EXPECT_EQ(seenAssistants, 2);
    auto status = log->status("agent/fork2");
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(status->liveCommits.size(), 2u); // turn 2's commit and the fork's own
    EXPECT_EQ(status->liveCommits[0].id, commits[0]);
    EXPECT_EQ(status->liveCommits[1].author, "agent:fork2");
    EXPECT_EQ(imageSet(*log->datasetImages("agent/original")), originalImages);
    EXPECT_EQ(test::readText(run->transcriptPath()), originalTranscript);

    // A fork before any commit starts from the original branch's base: main's dataset when the run began.
    auto early = forkRun(demo.workspace, "original", 1, {}, "fork1");
    ASSERT_TRUE(early.ok()) << early.error();
    std::string base = "unset";
    const auto branches = log->listBranches();
    ASSERT_TRUE(branches.ok());
    for (const auto& branch : *branches) {
        if (branch.name == "agent/original") {
            base = branch.base;
        }
    }
    EXPECT_EQ(early->head, base);
    EXPECT_EQ(imageSet(*log->datasetImages("agent/fork1")), imageSet(*log->datasetImages("main")));
}

TEST_F(TimeTravelTest, ForkErrorsNameTheRunAndTheTurn) {
    test::ScriptedPlanner* planner = nullptr;
    auto run = scriptedRun("errors", planner);
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->run().ok());

    auto unknown = forkRun(demo.workspace, "nosuchrun", 1);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("run nosuchrun at turn 1"), std::string::npos) << unknown.error();
    EXPECT_NE(unknown.error().find("unknown run"), std::string::npos) << unknown.error();
    for (int turn : {0, 5, -3}) {
        auto outside = forkRun(demo.workspace, "errors", turn);
        ASSERT_FALSE(outside.ok());
        EXPECT_NE(outside.error().find("at turn " + std::to_string(turn)), std::string::npos)
            << outside.error();
        EXPECT_NE(outside.error().find("the run has 4 turns"), std::string::npos) << outside.error();
    }
    EXPECT_FALSE(forkRun(demo.workspace, "../errors", 1).ok());
    ASSERT_TRUE(forkRun(demo.workspace, "errors", 1, {}, "taken").ok());
    auto taken = forkRun(demo.workspace, "errors", 1, {}, "taken");
    ASSERT_FALSE(taken.ok());
    EXPECT_NE(taken.error().find("already exists"), std::string::npos) << taken.error();

    // A transcript that does not parse.
    std::ofstream(Transcript::path(demo.workspace, "broken")) << "not json\n{\"type\": \"run_started\"}\n";
    auto broken = forkRun(demo.workspace, "broken", 1);
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().find("run broken at turn 1"), std::string::npos) << broken.error();
    EXPECT_NE(broken.error().find("broken.jsonl:1"), std::string::npos) << broken.error();
    // A transcript naming a commit the curation log does not know (edited, or from another workspace).
    std::string edited;
    for (auto event : transcript("errors")) {
        if (event["type"] == "commit") {
            event["commit"]["id"] = "0badc0de-0000-4000-8000-000000000000";
        }
        edited += event.dump() + "\n";
    }
    std::ofstream(Transcript::path(demo.workspace, "edited")) << edited;
    auto noBranch = forkRun(demo.workspace, "edited", 3);
    ASSERT_FALSE(noBranch.ok());
    EXPECT_NE(noBranch.error().find("no branch 'agent/edited'"), std::string::npos) << noBranch.error();
    auto log = CurationLog::open(demo.workspace);
    ASSERT_TRUE(log->createBranch("agent/edited").ok());
    auto unknownCommit = forkRun(demo.workspace, "edited", 3);
    ASSERT_FALSE(unknownCommit.ok());
    EXPECT_NE(unknownCommit.error().find("run edited at turn 3"), std::string::npos) << unknownCommit.error();
    EXPECT_NE(unknownCommit.error().find("0badc0de"), std::string::npos) << unknownCommit.error();
    EXPECT_FALSE(log->createBranchAt("agent/nowhere", "0badc0de").ok());
    // Nothing was left behind by the failures.
    const auto runs = Transcript::listRuns(demo.workspace);
    EXPECT_EQ(runs, (std::vector<std::string>{"broken", "edited", "errors", "taken"}));
    const auto branches = log->listBranches();
    ASSERT_TRUE(branches.ok());
    for (const auto& branch : *branches) {
        EXPECT_NE(branch.name, "agent/nowhere");
    }
}

TEST_F(TimeTravelTest, AReplayHasOneStepPerTurnWithItsCallsGridsAndHistograms) {
    test::ScriptedPlanner* planner = nullptr;
    auto run = scriptedRun("replayed", planner);
    ASSERT_TRUE(run);
    ASSERT_TRUE(run->run().ok());
    const auto events = transcript("replayed");
    auto replay = loadTranscriptReplay(demo.workspace, "replayed");
    ASSERT_TRUE(replay.ok()) << replay.error();
    EXPECT_EQ(replay->runId, "replayed");
    EXPECT_TRUE(replay->forkedFrom.is_null());
    ASSERT_FALSE(replay->runFinished.is_null());
    ASSERT_EQ(replay->steps.size(), replay->runFinished["turns"].get<size_t>());
    ASSERT_EQ(replay->steps.size(), 4u);
    EXPECT_EQ(replay->steps.front().firstEvent, 0u);
    EXPECT_EQ(replay->steps.back().lastEvent, events.size() - 1);
    for (size_t s = 0; s < replay->steps.size(); ++s) {
        const ReplayStep& step = replay->steps[s];
        EXPECT_EQ(step.turn, static_cast<int>(s + 1));
        if (s > 0) {
            EXPECT_EQ(step.firstEvent, replay->steps[s - 1].lastEvent + 1);
        }
        // The step's calls are the transcript's tool calls of that turn, in order.
        std::vector<std::string> expected;
        for (const auto& event : events) {
            if (event["type"] == "tool_call" && event["turn"] == step.turn) {
                expected.push_back(event["call_id"]);
            }
        }
        std::vector<std::string> calls;
        for (const auto& call : step.calls) {
            calls.push_back(call.callId);
            EXPECT_TRUE(call.answered);
            EXPECT_EQ(call.gridFiles.size(), static_cast<size_t>(call.images));
            for (const auto& file : call.gridFiles) {
                EXPECT_TRUE(fs::path(file).is_absolute());
                EXPECT_TRUE(fs::is_regular_file(file)) << file;
            }
        }
        EXPECT_EQ(calls, expected);
        EXPECT_FALSE(step.context.is_null());
    }
    const ReplayStep& first = replay->steps[0];
    ASSERT_EQ(first.calls.size(), 2u);
    EXPECT_EQ(first.calls[0].name, "search");
    EXPECT_TRUE(first.calls[0].histogram.is_array()) << first.calls[0].data.dump();
    EXPECT_TRUE(first.calls[0].distribution.is_object());
    EXPECT_EQ(first.reasoning, "Following the script.");
    const ReplayStep& second = replay->steps[1];
    ASSERT_EQ(second.calls.size(), 1u);
    EXPECT_EQ(second.calls[0].commit.value("added", 0), second.calls[0].data.value("added", -1));
    EXPECT_FALSE(second.calls[0].commit.is_null());
    EXPECT_NE(replay->steps[3].content.find("Two commits."), std::string::npos);

    // A fork replays its copied turns and names its origin.
    ASSERT_TRUE(forkRun(demo.workspace, "replayed", 3, {}, "replayfork").ok());
    auto forked = loadTranscriptReplay(demo.workspace, "replayfork");
    ASSERT_TRUE(forked.ok()) << forked.error();
    EXPECT_EQ(forked->steps.size(), 3u);
    EXPECT_EQ(forked->forkedFrom["run_id"], "replayed");
    EXPECT_EQ(forked->steps[0].calls[0].gridFiles, first.calls[0].gridFiles); // the original's files
    EXPECT_FALSE(loadTranscriptReplay(demo.workspace, "absent").ok());
}

} // namespace
} // namespace curator
