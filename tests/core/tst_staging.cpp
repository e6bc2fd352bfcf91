// Issue 13, item 13: staging directories of killed runs (embeddings/.import-*, .append-*, .retired-*,
// exports/.staging-*) are removed by the next run, and a live run's never is. A killed run leaves its
// directory and its free lock file (or, before the locks, no lock file at all): both states are made here
// by hand, exactly as a kill -9 leaves them.

#include "testhelpers.h"

#include "common/stagingdirectory.h"
#include "dataset/curationlog.h"
#include "store/idsfile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using curatortest::TemporaryDirectory;

namespace {

// A directory with a file in it, as a killed writer leaves it; with its (free) lock file when `locked`.
void leaveBehind(const fs::path& directory, bool lockFile) {
    fs::create_directories(directory);
    std::ofstream(directory / "matrix.f16") << std::string(4096, 'x');
    if (lockFile) {
        std::ofstream(directory.string() + ".lock");
    }
}

std::vector<std::string> dotEntries(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) {
        const std::string name = entry.path().filename().string();
        if (name[0] == '.' && name.rfind(".lock-", 0) != 0) { // the sources' write locks stay
            names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

curator::Result<curator::ImportSummary> importSmall(const TemporaryDirectory& directory,
                                                    const std::string& source) {
    return curatortest::importMatrix(directory.filePath("workspace"), directory.path().string(), source,
                                     curatortest::gaussianMatrix(3, 4, 1), 3, 4,
                                     curator::StorageType::Float16);
}

} // namespace

TEST(Staging, theNextImportRemovesWhatKilledWritersLeft) {
    TemporaryDirectory directory;
    CURATOR_ASSERT_OK(importSmall(directory, "first"));
    const fs::path embeddings = directory.path() / "workspace" / "embeddings";
    leaveBehind(embeddings / ".import-111", false); // killed before this change: no lock file
    leaveBehind(embeddings / ".import-222", true);
    leaveBehind(embeddings / ".append-333", true);
    leaveBehind(embeddings / ".retired-444", true); // a replaced matrix moved aside, then killed
    std::ofstream(embeddings / ".import-555.lock"); // killed before its directory was made
    ASSERT_EQ(dotEntries(embeddings).size(), 8u);

    CURATOR_ASSERT_OK(importSmall(directory, "second"));
    EXPECT_TRUE(dotEntries(embeddings).empty()) << ::testing::PrintToString(dotEntries(embeddings));
    auto store = curator::EmbeddingStore::open(directory.filePath("workspace"));
    CURATOR_ASSERT_OK(store);
    EXPECT_EQ(store->matrices().size(), 2u);
}

TEST(Staging, anAppendRemovesWhatKilledWritersLeft) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const fs::path embeddings = directory.path() / "workspace" / "embeddings";
    leaveBehind(embeddings / ".import-666", true);
    curator::RowIdentity row;
    row.id = "a";
    CURATOR_ASSERT_OK(curator::appendEmbeddings(workspace, "photos", "test-model", 2,
                                                curator::StorageType::Float32, {row}, {0.6f, 0.8f}));
    EXPECT_TRUE(dotEntries(embeddings).empty()) << ::testing::PrintToString(dotEntries(embeddings));
}

// A live run holds its lock (here in this process, through another open file: flock locks conflict
// between open files as between processes): its directory survives every cleanup, then goes with it.
TEST(Staging, aLiveRunsDirectoryIsNeverRemoved) {
    TemporaryDirectory directory;
    CURATOR_ASSERT_OK(importSmall(directory, "first"));
    const fs::path embeddings = directory.path() / "workspace" / "embeddings";
    fs::path livePath;
    {
        auto live = curator::StagingDirectory::create(embeddings, ".import-");
        CURATOR_ASSERT_OK(live);
        livePath = live->path();
        std::ofstream(livePath / "matrix.f16") << "half written";
        CURATOR_ASSERT_OK(importSmall(directory, "second"));
        EXPECT_EQ(curator::removeStaleStaging(embeddings, {".import-"}), 0u);
        EXPECT_TRUE(fs::exists(livePath / "matrix.f16"));
        EXPECT_TRUE(fs::exists(livePath.string() + ".lock"));
    }
    EXPECT_FALSE(fs::exists(livePath));
    EXPECT_FALSE(fs::exists(livePath.string() + ".lock"));
}

TEST(Staging, aNameOnlyReservationHoldsWhatIsRenamedToIt) {
    TemporaryDirectory directory;
    fs::path reserved;
    {
        auto retired = curator::StagingDirectory::create(directory.path(), ".retired-", false);
        CURATOR_ASSERT_OK(retired);
        reserved = retired->path();
        EXPECT_FALSE(fs::exists(reserved));
        fs::create_directories(directory.path() / "old");
        fs::rename(directory.path() / "old", reserved);
        EXPECT_EQ(curator::removeStaleStaging(directory.path(), {".retired-"}), 0u);
        EXPECT_TRUE(fs::exists(reserved));
    }
    EXPECT_FALSE(fs::exists(reserved));
}

TEST(Staging, theNextReleaseRemovesAKilledReleasesStagingDirectory) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    auto log = curator::CurationLog::open(workspace);
    CURATOR_ASSERT_OK(log);
    const fs::path exports = directory.path() / "workspace" / "exports";
    leaveBehind(exports / ".staging-v0-777", false);
    leaveBehind(exports / ".staging-v0-888", true);
    (void)log->exportRelease("v1", false);
    EXPECT_TRUE(dotEntries(exports).empty()) << ::testing::PrintToString(dotEntries(exports));
}
