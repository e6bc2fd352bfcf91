// Names that are not clean text (issue 13, item 8): the rule (valid UTF-8 without control characters), its
// escaping for messages, and `store import` refusing ids and model names that break it, so that nothing it
// stores can later make a JSON dump throw.

#include "testhelpers.h"

#include "common/nametext.h"
#include "common/utf8text.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using curatortest::contains;
using curatortest::TemporaryDirectory;

TEST(NameText, cleanTextIsValidUtf8WithoutControlCharacters) {
    EXPECT_TRUE(curator::isCleanText("photos/2024/IMG_0001.jpg"));
    EXPECT_TRUE(curator::isCleanText("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x93\xB7.png"));
    EXPECT_TRUE(curator::isCleanText(""));
    EXPECT_FALSE(curator::isCleanText("bad\xFF.png"));
    EXPECT_FALSE(curator::isCleanText("cut\xC3"));
    EXPECT_FALSE(curator::isCleanText("over\xC0\xAFlong"));
    EXPECT_FALSE(curator::isCleanText("new\nline"));
    EXPECT_FALSE(curator::isCleanText("tab\there"));
    EXPECT_FALSE(curator::isCleanText(std::string("nul\0byte", 8)));
    EXPECT_FALSE(curator::isCleanText("del\x7F"));
    EXPECT_FALSE(curator::isCleanText("c1\xC2\x85"));
    EXPECT_EQ(curator::uncleanReason("bad\xFF"), "is not valid UTF-8");
    EXPECT_EQ(curator::uncleanReason("a\nb"), "holds a control character");
    EXPECT_EQ(curator::uncleanReason("fine"), "");
}

TEST(NameText, escapingKeepsCleanCharactersAndNamesEveryOtherByte) {
    EXPECT_EQ(curator::escapedText("caf\xC3\xA9.png"), "caf\xC3\xA9.png");
    EXPECT_EQ(curator::escapedText("bad\xFF\xFE.png"), "bad\\xFF\\xFE.png");
    EXPECT_EQ(curator::escapedText("new\nline\r\t"), "new\\nline\\r\\t");
    EXPECT_EQ(curator::escapedText(std::string("nul\0", 4)), "nul\\x00");
    EXPECT_EQ(curator::escapedText("c1\xC2\x85"), "c1\\u0085");
    EXPECT_EQ(curator::escapedText("back\\slash"), "back\\\\slash");
    EXPECT_EQ(curator::escapedText("cut\xE6\x97"), "cut\\xE6\\x97");
    for (const char* text : {"bad\xFF", "new\nline", "\xC0\xAF", "\xED\xA0\x80"}) {
        const std::string escaped = curator::escapedText(text);
        EXPECT_TRUE(curator::isCleanText(escaped)) << escaped;
    }
}

namespace {

curator::Result<curator::ImportSummary> importWithIds(const TemporaryDirectory& directory,
                                                      const std::vector<std::string>& ids) {
    return curatortest::importMatrix(directory.filePath("workspace"), directory.path().string(), "photos",
                                     curatortest::gaussianMatrix(ids.size(), 4, 3), ids.size(), 4,
                                     curator::StorageType::Float16, "test-model", false, ids);
}

} // namespace

// Before the rule, "\xFF\xFE" was stored and `search --json` aborted on it.
TEST(NameText, storeImportRefusesAnIdThatIsNotUtf8NamingTheLine) {
    TemporaryDirectory directory;
    auto imported = importWithIds(directory, {"a", "b\xFF\xFE", "c"});
    ASSERT_FALSE(imported.ok());
    EXPECT_TRUE(contains(imported.error(), ".txt:2")) << imported.error();
    EXPECT_TRUE(contains(imported.error(), "b\\xFF\\xFE")) << imported.error();
    EXPECT_TRUE(contains(imported.error(), "not valid UTF-8")) << imported.error();
    EXPECT_TRUE(curator::isValidUtf8(imported.error()));
    EXPECT_FALSE(fs::exists(directory.filePath("workspace")));
}

TEST(NameText, storeImportRefusesAnIdWithAControlCharacter) {
    TemporaryDirectory directory;
    auto imported = importWithIds(directory, {"a", "tab\there"});
    ASSERT_FALSE(imported.ok());
    EXPECT_TRUE(contains(imported.error(), ".txt:2")) << imported.error();
    EXPECT_TRUE(contains(imported.error(), "tab\\there")) << imported.error();
}

TEST(NameText, storeImportRefusesAModelNameThatIsNotCleanText) {
    TemporaryDirectory directory;
    auto imported = curatortest::importMatrix(directory.filePath("workspace"), directory.path().string(),
                                              "photos", curatortest::gaussianMatrix(2, 4, 3), 2, 4,
                                              curator::StorageType::Float16, "model\xFF");
    ASSERT_FALSE(imported.ok());
    EXPECT_TRUE(contains(imported.error(), "model\\xFF")) << imported.error();
}

// The input file's path is recorded in meta.json ("imported_from"): a path that is not UTF-8 made the
// JSON dump throw, which ended the process.
TEST(NameText, storeImportFromAFileWhosePathIsNotUtf8) {
    TemporaryDirectory directory;
    const fs::path folder = directory.path() / "input\xFF";
    fs::create_directories(folder);
    auto imported =
        curatortest::importMatrix(directory.filePath("workspace"), folder.string(), "photos",
                                  curatortest::gaussianMatrix(2, 4, 3), 2, 4, curator::StorageType::Float16);
    CURATOR_ASSERT_OK(imported);
    auto matrix = curator::EmbeddingMatrix::open(imported->directory);
    CURATOR_ASSERT_OK(matrix);
    EXPECT_TRUE(curator::isValidUtf8((*matrix)->info().importedFrom));
}
