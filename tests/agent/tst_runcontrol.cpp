// A run supervised from another process (core/agent/runcontrol.h): control lines are checked and name what
// is wrong, the tail reads whole lines only and skips what is not JSON, the owner lock is exclusive and tells
// a live run from a crashed one.
#include "agent/runcontrol.h"
#include "agenttesthelpers.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace curator {
namespace {

using nlohmann::json;

TEST(RunControl, ControlsAreCheckedAndTheErrorNamesTheField) {
    EXPECT_TRUE(validateRunControl({{"action", "approve"}}));
    EXPECT_TRUE(validateRunControl({{"action", "approve_with_threshold"}, {"threshold", 0.25}}));
    EXPECT_TRUE(validateRunControl({{"action", "approval"}, {"tool", "commit"}, {"on", true}}));
    const auto missing = validateRunControl({{"action", "reject"}});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("\"reason\""), std::string::npos) << missing.error();
    const auto wrongType = validateRunControl({{"action", "approve_with_threshold"}, {"threshold", "high"}});
    ASSERT_FALSE(wrongType);
    EXPECT_NE(wrongType.error().find("a number"), std::string::npos) << wrongType.error();
    const auto unknown = validateRunControl({{"action", "format_disk"}});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().find("format_disk"), std::string::npos);
    EXPECT_NE(unknown.error().find("approve"), std::string::npos) << "the known actions are listed";
    EXPECT_FALSE(validateRunControl(json::array()));
    EXPECT_FALSE(validateRunControl({{"action", 3}}));
}

// The commands typed on `agent run`'s stdin become the same control objects the workstation appends.
TEST(RunControl, TypedCommandsBecomeTheWorkstationsControls) {
    const std::vector<std::pair<std::string, json>> cases = {
        {"pause", {{"action", "pause"}}},
        {"stop", {{"action", "stop"}}},
        {"say  try darker scenes", {{"action", "message"}, {"text", "try darker scenes"}}},
        {"answer yes", {{"action", "message"}, {"text", "yes"}}},
        {"reject", {{"action", "reject"}, {"reason", "rejected by the human"}}},
        {"reject too many clean images", {{"action", "reject"}, {"reason", "too many clean images"}}},
        {"approve-threshold 0.35", {{"action", "approve_with_threshold"}, {"threshold", 0.35}}},
        {"approval aesthetics_rate off",
         {{"action", "approval"}, {"tool", "aesthetics_rate"}, {"on", false}}},
        {"approval all on", {{"action", "approval"}, {"tool", "all"}, {"on", true}}},
        {"undo 8c5be1a9", {{"action", "undo"}, {"commit_id", "8c5be1a9"}}},
        {"resume\r", {{"action", "resume"}}}, // a controls file written on Windows
        {"say darker \r", {{"action", "message"}, {"text", "darker"}}},
    };
    for (const auto& [line, expected] : cases) {
        const auto control = parseRunControlCommand(line);
        ASSERT_TRUE(control) << line << ": " << control.error();
        EXPECT_EQ(*control, expected) << line;
        EXPECT_TRUE(validateRunControl(*control)) << line;
        EXPECT_TRUE(isRunControlCommand(line)) << line;
    }
}

TEST(RunControl, AMalformedTypedCommandIsRefusedWithWhatItNeeds) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"approve-threshold high", "from -1 to 1"}, // was read as 0 before: a commit at any similarity
        {"approve-threshold 0.3x", "from -1 to 1"},
        {"approve-threshold 7", "from -1 to 1"},
        {"approve-threshold nan", "from -1 to 1"},
        {"approve-threshold", "from -1 to 1"},
        {"approval commit maybe", "on or off"},
        {"approval format_disk on", "a tool"},
        {"undo", "the id of a commit"},
        {"say", "a text"},
        {"pause now", "takes no argument"},
        {"format the disk", "unknown control 'format'"},
    };
    for (const auto& [line, expected] : cases) {
        const auto control = parseRunControlCommand(line);
        ASSERT_FALSE(control) << line;
        EXPECT_NE(control.error().find(expected), std::string::npos) << line << ": " << control.error();
    }
    EXPECT_FALSE(isRunControlCommand("yes, go on with the darker ones"));
    EXPECT_FALSE(isRunControlCommand("pauses are fine"));
}

TEST(RunControl, AppendedControlsAreReadWholeByTheTail) {
    test::TempDir dir;
    const std::string runId = "20261205-000000-abcdef";
    EXPECT_FALSE(appendRunControl(dir.path(), "../escape", {{"action", "stop"}})) << "the run id is checked";
    EXPECT_FALSE(appendRunControl(dir.path(), runId, {{"action", "nope"}}))
        << "an invalid control is not written";
    ASSERT_TRUE(appendRunControl(dir.path(), runId, {{"action", "pause"}}));
    JsonLinesTail fromEnd(runControlPath(dir.path(), runId), true);
    JsonLinesTail fromStart(runControlPath(dir.path(), runId), false);
    EXPECT_TRUE(fromEnd.poll().empty()) << "what was there before is not for a reader from the end";

    ASSERT_TRUE(
        appendRunControl(dir.path(), runId, {{"action", "message"}, {"text", "fewer hallways"}}, "test"));
    {
        std::ofstream out(runControlPath(dir.path(), runId), std::ios::app);
        out << "not json\n" << std::string(1000, '[') << std::string(1000, ']') << "\n{\"action\":\"res";
    }
    auto lines = fromEnd.poll();
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["text"], "fewer hallways");
    EXPECT_EQ(lines[0]["from"], "test");
    EXPECT_TRUE(lines[0].contains("time"));
    EXPECT_EQ(fromEnd.skipped(), 2U) << "a line that is not JSON and one nested too deep";
    {
        std::ofstream out(runControlPath(dir.path(), runId), std::ios::app);
        out << "ume\"}\n"; // the unfinished line is read once its newline arrives
    }
    lines = fromEnd.poll();
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["action"], "resume");
    EXPECT_EQ(fromStart.poll().size(), 3U);
}

TEST(RunControl, TheOwnerLockIsExclusiveAndTellsALiveRun) {
    test::TempDir dir;
    const std::string runId = "20261205-000000-123456";
    EXPECT_FALSE(runIsLive(dir.path(), runId)) << "never locked";
    {
        auto owner = RunOwnerLock::acquire(dir.path(), runId);
        ASSERT_TRUE(owner.ok()) << owner.error();
        EXPECT_TRUE(runIsLive(dir.path(), runId));
        auto second = RunOwnerLock::acquire(dir.path(), runId);
        ASSERT_FALSE(second.ok());
        EXPECT_NE(second.error().find("already running in another process"), std::string::npos);
    }
    EXPECT_FALSE(runIsLive(dir.path(), runId)) << "released with its owner";
    auto again = RunOwnerLock::acquire(dir.path(), runId);
    EXPECT_TRUE(again.ok());
    EXPECT_FALSE(RunOwnerLock::acquire(dir.path(), "bad/id").ok());
}

} // namespace
} // namespace curator
