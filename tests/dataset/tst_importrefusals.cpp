// Issue 13, items 5, 6, 14, 15 and 18: imported files that must be refused in words, naming the commit and
// the field, with the workspace left exactly as it was.

#include "dataset/curationlog.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::readText;
using datasettest::TemporaryDirectory;
using datasettest::writeText;
using ordered_json = nlohmann::ordered_json;

namespace {

// Our format, exported from a workspace with two commits ("one", then "two" on top of it).
ordered_json exportedOurs(const TemporaryDirectory& directory) {
    CurationLog log = openLog(directory.filePath("exporter"));
    EXPECT_TRUE(log.commit(makeRequest("one", makeImages("photos", 3))).ok());
    EXPECT_TRUE(log.commit(makeRequest("two", makeImages("photos", 2, 10))).ok());
    EXPECT_TRUE(log.exportDataset(directory.filePath("exported.json")).ok());
    return ordered_json::parse(readText(directory.filePath("exported.json")));
}

std::string originalEntry(const std::string& message, const std::string& images, size_t size,
                          const std::string& extra = "") {
    return R"({"query": "q", "dataset": "photos", "threshold": 0.3, "negative_prompts": [],
               "negative_threshold": 0.3, "message": ")" +
           message + R"(", "images": )" + images + R"(, "size": )" + std::to_string(size) + extra + "}";
}

std::string nested(size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// A workspace with one native commit on main, into which the refused files are imported.
class ImportRefusal : public ::testing::Test {
protected:
    void SetUp() override {
        Result<CommitOutcome> native = m_log.commit(makeRequest("existing", makeImages("photos", 4, 100)));
        ASSERT_TRUE(native.ok());
        m_head = native->id;
        m_before = datasettest::fingerprint(m_log);
    }

    // Imports `text`, expects a refusal holding every `expected` piece and no SQL, and nothing changed.
    std::string expectRefused(const std::string& text, const std::vector<std::string>& expected) {
        writeText(m_directory.filePath("dataset.json"), text);
        return expectFileRefused(m_directory.filePath("dataset.json"), expected);
    }

    std::string expectFileRefused(const std::string& file, const std::vector<std::string>& expected) {
        Result<ImportReport> report = m_log.importDataset(file);
        EXPECT_FALSE(report.ok());
        if (report.ok()) {
            return {};
        }
        for (const std::string& piece : expected) {
            EXPECT_NE(report.error().find(piece), std::string::npos)
                << "'" << piece << "' not in: " << report.error();
        }
        for (const char* sql : {"INSERT", "constraint", "SQL"}) {
            EXPECT_EQ(report.error().find(sql), std::string::npos) << "raw SQL in: " << report.error();
        }
        EXPECT_EQ(datasettest::fingerprint(m_log), m_before);
        Result<std::vector<BranchInfo>> branches = m_log.listBranches();
        EXPECT_TRUE(branches.ok() && (*branches)[0].head == m_head);
        return report.error();
    }

    TemporaryDirectory m_directory;
    CurationLog m_log = openLog(m_directory.filePath("ws"));
    std::string m_head;
    datasettest::DatabaseFingerprint m_before;
};

} // namespace

// Item 5: a commit that is its own parent used to become head and cut main off from its history.
TEST_F(ImportRefusal, ACommitThatIsItsOwnParentIsRefusedNamingIt) {
    ordered_json ours = exportedOurs(m_directory);
    ordered_json commit = ours["commits"][0];
    commit["id"] = "self1";
    commit["parent"] = "self1";
    ours["commits"] = ordered_json::array({commit});
    expectRefused(ours.dump(), {"commit 'self1'", "field 'parent'", "itself", "cycle"});
}

TEST_F(ImportRefusal, AParentCycleIsRefusedInWordsNamingItsCommits) {
    ordered_json ours = exportedOurs(m_directory);
    ordered_json& commits = ours["commits"];
    commits[0]["id"] = "cyA";
    commits[1]["id"] = "cyB";
    commits[0]["parent"] = "cyB";
    commits[1]["parent"] = "cyA";
    expectRefused(ours.dump(), {"commit 'cyA'", "field 'parent'", "cycle", "cyA -> cyB -> cyA"});
}

TEST_F(ImportRefusal, ASecondParentClosingACycleIsRefused) {
    ordered_json ours = exportedOurs(m_directory);
    ordered_json& commits = ours["commits"];
    const std::string first = commits[0]["id"];
    const std::string second = commits[1]["id"];
    commits[0]["kind"] = "merge";
    commits[0]["second_parent"] = second;
    expectRefused(ours.dump(), {"commit '" + first + "'", "field 'second_parent'", "cycle"});
}

TEST_F(ImportRefusal, ARevertOfItselfIsRefused) {
    ordered_json ours = exportedOurs(m_directory);
    ordered_json& commits = ours["commits"];
    const std::string second = commits[1]["id"];
    commits[1]["kind"] = "revert";
    commits[1]["reverts"] = second;
    expectRefused(ours.dump(), {"commit '" + second + "'", "field 'reverts'", "itself"});
}

// Item 18: a parent listed after its child used to fail with the raw INSERT statement.
TEST_F(ImportRefusal, AParentListedAfterItsChildIsRefusedInWords) {
    ordered_json ours = exportedOurs(m_directory);
    ordered_json& commits = ours["commits"];
    const std::string first = commits[0]["id"];
    const std::string second = commits[1]["id"];
    std::swap(commits[0], commits[1]);
    expectRefused(ours.dump(), {"commit '" + second + "' (entry 1)", "field 'parent'", "'" + first + "'",
                                "later in the file"});
}

// Item 6: 100,000 levels inside an entry's extra field, or inside `original`, used to overflow the stack.
TEST_F(ImportRefusal, DeepNestingInAnOriginalEntrysExtraFieldIsRefusedNamingTheEntryAndField) {
    const std::string text =
        R"({"c9": )" + originalEntry("m", "[]", 0, R"(, "extra": {"inner": )" + nested(100000) + "}") + "}";
    expectRefused(text, {"commit 'c9'", "field 'extra'", std::to_string(kMaxJsonDepth) + " levels"});
}

TEST_F(ImportRefusal, DeepNestingInOurOriginalFieldIsRefusedNamingTheEntryAndField) {
    ordered_json ours = exportedOurs(m_directory);
    const std::string second = ours["commits"][1]["id"];
    ours["commits"][1]["original"] = {{"deep", "PLACEHOLDER"}};
    std::string text = ours.dump();
    text.replace(text.find("\"PLACEHOLDER\""), 13, nested(100000));
    expectRefused(text, {"commit '" + second + "' (entry 2)", "field 'original'",
                         std::to_string(kMaxJsonDepth) + " levels"});
}

TEST_F(ImportRefusal, DeepNestingOutsideTheCommitsIsRefusedNamingWhereItIs) {
    ordered_json ours = exportedOurs(m_directory);
    ours["images"] = "PLACEHOLDER";
    std::string text = ours.dump();
    text.replace(text.find("\"PLACEHOLDER\""), 13, nested(100000));
    expectRefused(text, {"images[0][0]", std::to_string(kMaxJsonDepth) + " levels"});
}

// Item 15: a repeated key used to replace the first entry silently.
TEST_F(ImportRefusal, ARepeatedCommitIdInTheOriginalFormatIsRefusedNamingIt) {
    const std::string text = "{\"c1\": " + originalEntry("first", R"(["/a/1.jpg", "/a/2.jpg"])", 2) +
                             ", \"c2\": " + originalEntry("m", R"(["/a/3.jpg"])", 1) +
                             ", \"c1\": " + originalEntry("second", R"(["/a/9.jpg"])", 1) + "}";
    expectRefused(text, {"commit id 'c1'", "entries 1 and 3"});
}

TEST_F(ImportRefusal, ARepeatedTopLevelFieldInOurFormatIsRefused) {
    std::string text = exportedOurs(m_directory).dump();
    ASSERT_EQ(text.rfind("{\"format\":", 0), 0u);
    text.insert(1, "\"commits\": [], ");
    expectRefused(text, {"top-level field 'commits' appears twice"});
}

// Item 14: the file is checked before it is read.
TEST_F(ImportRefusal, AFileThatIsNotARegularFileIsRefused) {
    expectFileRefused("/dev/zero", {"/dev/zero", "not a regular file"});
}

TEST_F(ImportRefusal, AFileOverTheSizeLimitIsRefusedUnread) {
    const std::string file = m_directory.filePath("huge.json");
    writeText(file, "{}");
    std::filesystem::resize_file(file, kMaxDatasetFileBytes + 1); // sparse: nothing is written
    expectFileRefused(file, {file, "larger than the limit", describeByteCount(kMaxDatasetFileBytes)});
}

// What stays within the limit is imported and exported back exactly.
TEST(ImportNesting, AnEntryNestedWithinTheLimitIsKeptExactly) {
    TemporaryDirectory directory;
    const std::string extra = R"(, "extra": {"inner": )" + nested(40) + "}";
    const std::string text = R"({"c9": )" + originalEntry("m", R"(["/a/1.jpg"])", 1, extra) + "}";
    writeText(directory.filePath("dataset.json"), text);
    CurationLog log = openLog(directory.filePath("ws"));
    Result<ImportReport> report = log.importDataset(directory.filePath("dataset.json"));
    ASSERT_TRUE(report.ok()) << report.error();
    ASSERT_TRUE(log.exportOriginal(directory.filePath("back.json")).ok());
    EXPECT_EQ(ordered_json::parse(readText(directory.filePath("back.json"))), ordered_json::parse(text));
}
