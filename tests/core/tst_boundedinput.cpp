// Issue 13.6 and 13.14: files and JSON from outside are read through one bounded reader and one depth
// guard (core/common/fileutil.h, core/common/jsonguard.h).

#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/mappedfile.h"
#include "store/idsfile.h"
#include "store/workspacesettings.h"
#include "taxonomy/taxonomy.h"

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace curator;
using curatortest::TemporaryDirectory;

namespace {

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

void expectRefused(const Result<std::string>& read, const std::vector<std::string>& expected) {
    ASSERT_FALSE(read.ok());
    for (const std::string& piece : expected) {
        EXPECT_NE(read.error().find(piece), std::string::npos)
            << "'" << piece << "' not in: " << read.error();
    }
}

std::string nested(size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

} // namespace

TEST(BoundedRead, ARegularFileWithinTheLimitIsReadWhole) {
    TemporaryDirectory directory;
    const std::string file = directory.filePath("a.json");
    writeFile(file, std::string("{}\0\n", 4));
    Result<std::string> read = readWholeFile(file, 4);
    ASSERT_TRUE(read.ok()) << read.error();
    EXPECT_EQ(*read, std::string("{}\0\n", 4));
}

TEST(BoundedRead, AFileOverTheLimitIsRefusedNamingTheFileAndTheLimit) {
    TemporaryDirectory directory;
    const std::string file = directory.filePath("a.json");
    writeFile(file, std::string(2049, 'x'));
    expectRefused(readWholeFile(file, 2048), {file, "larger than the limit of 2 KiB"});
    // A sparse file far over the default limit is refused from its size, without being read.
    std::filesystem::resize_file(file, kMaxSmallFileBytes + 1);
    expectRefused(readWholeFile(file), {file, "64 MiB"});
}

TEST(BoundedRead, DevicesPipesAndDirectoriesAreRefusedWithoutBlocking) {
    TemporaryDirectory directory;
    expectRefused(readWholeFile("/dev/zero"), {"/dev/zero: not a regular file"});
    expectRefused(readWholeFile(directory.path().string()),
                  {directory.path().string(), "not a regular file"});
    const std::string pipe = directory.filePath("pipe");
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    expectRefused(readWholeFile(pipe), {pipe + ": not a regular file"});
    expectRefused(readWholeFile(directory.filePath("absent")), {"absent", "cannot open"});
}

TEST(BoundedRead, SizesAreDescribedInWords) {
    EXPECT_EQ(describeByteCount(1), "1 byte");
    EXPECT_EQ(describeByteCount(1000), "1000 bytes");
    EXPECT_EQ(describeByteCount(1536), "1.5 KiB");
    EXPECT_EQ(describeByteCount(kMaxSmallFileBytes), "64 MiB");
    EXPECT_EQ(describeByteCount(kMaxDatasetFileBytes), "1 GiB");
}

TEST(JsonGuard, NestingUpToTheLimitParsesAndOneLevelMoreIsRefused) {
    EXPECT_TRUE(parseJsonText(nested(kMaxJsonDepth), "f.json").ok());
    Result<nlohmann::json> deeper = parseJsonText(nested(kMaxJsonDepth + 1), "f.json");
    ASSERT_FALSE(deeper.ok());
    EXPECT_NE(deeper.error().find("f.json: nested deeper than 64 levels at [0][0]"), std::string::npos)
        << deeper.error();
}

TEST(JsonGuard, AHundredThousandLevelsAreRefusedNamingThePathAndLine) {
    const std::string text = "{\"a\": 1,\n \"list\": [0, {\"x\": [], \"deep\": " + nested(100000) + "}]}";
    Result<nlohmann::ordered_json> parsed = parseOrderedJsonText(text, "settings.json");
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().find("settings.json: nested deeper than 64 levels at list[1].deep[0][0]"),
              std::string::npos)
        << parsed.error();
    EXPECT_NE(parsed.error().find("... (line 2)"), std::string::npos) << parsed.error();
    const std::optional<JsonNestingExcess> excess = findNestingBeyond(text);
    ASSERT_TRUE(excess);
    ASSERT_EQ(excess->path.size(), kMaxJsonDepth);
    EXPECT_TRUE(excess->path[0].inObject);
    EXPECT_EQ(excess->path[0].key, "list");
    EXPECT_EQ(excess->path[0].index, 1u);
    EXPECT_EQ(excess->path[1].index, 1u);
    EXPECT_EQ(excess->path[2].key, "deep");
}

TEST(JsonGuard, BracketsInsideStringsDoNotCount) {
    const std::string brackets = "\"" + std::string(200, '[') + "\\\"" + std::string(200, '{') + "\"";
    Result<nlohmann::json> parsed = parseJsonText("{\"k\\\"[\": " + brackets + "}", "f.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(parsed->at("k\"[").get<std::string>().size(), 401u);
}

TEST(JsonGuard, InvalidJsonIsRefusedNamingWhere) {
    Result<nlohmann::json> parsed = parseJsonText("{\"a\": ", "meta.json");
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().find("meta.json: not valid JSON"), std::string::npos) << parsed.error();
}

TEST(JsonGuard, ReadJsonFileAppliesBothLimits) {
    TemporaryDirectory directory;
    const std::string file = directory.filePath("deep.json");
    writeFile(file, nested(100000));
    Result<nlohmann::json> deep = readJsonFile(file);
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(deep.error().find(file + ": nested deeper than 64 levels"), std::string::npos) << deep.error();
    Result<nlohmann::json> big = readJsonFile(file, 1000);
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().find("larger than the limit"), std::string::npos) << big.error();
}

// The readers of files from outside go through the guards: a settings.json, a taxonomy and an ids line
// nested 100,000 deep, and a settings.json that is a pipe, are refused naming the file.
TEST(BoundedRead, TheReadersOfOutsideFilesUseTheGuards) {
    TemporaryDirectory directory;
    const std::string settings = directory.filePath("settings.json");
    writeFile(settings, "{\"taxonomy\": " + nested(100000) + "}");
    Result<WorkspaceSettings> loaded = WorkspaceSettings::load(directory.path().string());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().find(settings + ": nested deeper than 64 levels at taxonomy[0]"),
              std::string::npos)
        << loaded.error();
    std::filesystem::remove(settings);
    ASSERT_EQ(::mkfifo(settings.c_str(), 0600), 0);
    loaded = WorkspaceSettings::load(directory.path().string());
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().find(settings + ": not a regular file"), std::string::npos) << loaded.error();

    Result<Taxonomy> taxonomy =
        Taxonomy::parse("{\"anti_aesthetics\": " + nested(100000) + "}", "classes.json");
    ASSERT_FALSE(taxonomy.ok());
    EXPECT_NE(taxonomy.error().find("classes.json: nested deeper than 64 levels at anti_aesthetics[0]"),
              std::string::npos)
        << taxonomy.error();

    const std::string ids = directory.filePath("ids.jsonl");
    writeFile(ids, "{\"id\": \"a\"}\n{\"id\": \"b\", \"caption\": " + nested(100000) + "}\n");
    Result<std::vector<RowIdentity>> rows = readIdsFile(ids);
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.error().find(ids + ":2: nested deeper than 64 levels at caption[0]"), std::string::npos)
        << rows.error();
}

// A matrix or tensor file named on the command line may be a named pipe: mapping it is refused at once.
TEST(BoundedRead, MappingANamedPipeIsRefusedWithoutBlocking) {
    TemporaryDirectory directory;
    const std::string pipe = directory.filePath("matrix.npy");
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    Result<MappedFile> mapped = MappedFile::open(pipe);
    ASSERT_FALSE(mapped.ok());
    EXPECT_NE(mapped.error().find(pipe + ": not a regular file"), std::string::npos) << mapped.error();
}
