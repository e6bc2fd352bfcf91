// A writer killed with SIGKILL at a random moment leaves a database that opens, passes integrity_check
// and holds whole commits only.

#include "dataset/curationlog.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace curator;
using datasettest::TemporaryDirectory;

namespace {

[[noreturn]] void commitForever(const std::string& workspace, unsigned seed) {
    Result<CurationLog> log = CurationLog::open(workspace);
    if (!log) {
        _exit(3);
    }
    for (size_t round = 0;; ++round) {
        // Overlapping selections of varying size, some undone, so every kind of write is in flight.
        const size_t count = 200 + (seed * 7919 + round * 104729) % 3000;
        CommitRequest request = datasettest::makeRequest(
            "q" + std::to_string(round), datasettest::makeImages("photos", count, round * 50));
        Result<CommitOutcome> outcome = log->commit(request);
        if (!outcome) {
            _exit(4);
        }
        if (round % 5 == 4 && !log->undoCommit(outcome->id).ok()) {
            _exit(5);
        }
    }
}

} // namespace

TEST(Durability, KilledWriterLeavesOnlyWholeCommits) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    { datasettest::openLog(workspace); }
    std::mt19937 random(12345);
    size_t killedMidway = 0;
    for (int iteration = 0; iteration < 25; ++iteration) {
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            commitForever(workspace, unsigned(iteration));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5 + random() % 60));
        ASSERT_EQ(::kill(child, SIGKILL), 0);
        int waitStatus = 0;
        ASSERT_EQ(::waitpid(child, &waitStatus, 0), child);
        ASSERT_TRUE(WIFSIGNALED(waitStatus))
            << "the writer stopped by itself, exit code " << WEXITSTATUS(waitStatus);
        killedMidway += WTERMSIG(waitStatus) == SIGKILL ? 1 : 0;

        CurationLog log = datasettest::openLog(workspace);
        Result<std::string> integrity = log.database().queryText("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.ok()) << integrity.error();
        ASSERT_EQ(*integrity, "ok") << "iteration " << iteration;
        Result<int64_t> foreignKeyProblems =
            log.database().queryInt("SELECT count(*) FROM pragma_foreign_key_check");
        ASSERT_TRUE(foreignKeyProblems.ok());
        EXPECT_EQ(*foreignKeyProblems, 0);
        // Every commit's recorded size equals its image rows.
        Result<int64_t> partial =
            log.database().queryInt("SELECT count(*) FROM commits c WHERE c.size <> "
                                    "(SELECT count(*) FROM commit_images i WHERE i.commit_seq = c.seq)");
        ASSERT_TRUE(partial.ok()) << partial.error();
        EXPECT_EQ(*partial, 0) << "iteration " << iteration;
        Result<int64_t> badBlobs = log.database().queryInt(
            "SELECT count(*) FROM commits WHERE length(coalesce(packed_images, x'')) <> 8 * size");
        ASSERT_TRUE(badBlobs.ok()) << badBlobs.error();
        EXPECT_EQ(*badBlobs, 0) << "iteration " << iteration;
        // The branch head is the newest commit.
        Result<std::string> head = log.database().queryText("SELECT head FROM branches WHERE name = 'main'");
        Result<std::string> newest =
            log.database().queryText("SELECT id FROM commits ORDER BY seq DESC LIMIT 1");
        ASSERT_TRUE(head.ok() && newest.ok());
        EXPECT_EQ(*head, *newest);
        Result<StatusReport> status = log.status();
        ASSERT_TRUE(status.ok()) << status.error();
    }
    EXPECT_EQ(killedMidway, 25u);
    CurationLog log = datasettest::openLog(workspace);
    Result<int64_t> commits = log.database().queryInt("SELECT count(*) FROM commits");
    ASSERT_TRUE(commits.ok());
    std::printf("[ figures  ] kill-9 loop: 25 kills, %lld commits survived\n",
                static_cast<long long>(*commits));
    EXPECT_GT(*commits, 0);
}
