// Figures for docs/benchmarks.md (issue 3 section 6). They are printed, not asserted: timings depend on
// the machine; the targets are commit of 100,000 images well under 1 s, status over 1,000,000 committed
// rows under 100 ms, a 300,000-image release under 5 s.

#include "dataset/curationlog.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::TemporaryDirectory;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST(DatasetBenchmark, CommitStatusAndRelease) {
    TemporaryDirectory directory;
    {
        CurationLog log = openLog(directory.filePath("commit"));
        CommitRequest request = makeRequest("bench", makeImages("photos", 100000));
        auto start = std::chrono::steady_clock::now();
        Result<CommitOutcome> first = log.commit(request);
        const double firstSeconds = secondsSince(start);
        ASSERT_TRUE(first.ok()) << first.error();
        EXPECT_EQ(first->added, 100000u);
        // The same images again: all known to the catalog and to the dataset.
        start = std::chrono::steady_clock::now();
        Result<CommitOutcome> second = log.commit(request);
        const double secondSeconds = secondsSince(start);
        ASSERT_TRUE(second.ok());
        EXPECT_EQ(second->added, 0u);
        std::printf("[ figures  ] commit of 100,000 new images: %.3f s; of 100,000 known images: %.3f s\n",
                    firstSeconds, secondSeconds);
    }
    {
        CurationLog log = openLog(directory.filePath("status"));
        // 10 commits of 100,000 rows, overlapping by half: 1,000,000 rows, 550,000 distinct images.
        for (size_t i = 0; i < 10; ++i) {
            CommitRequest request = makeRequest(
                "q" + std::to_string(i), makeImages("photos", 100000, i * 50000), {i % 3 ? "blur" : "flash"});
            ASSERT_TRUE(log.commit(request).ok());
        }
        CurationLog fresh = openLog(directory.filePath("status")); // nothing cached
        std::vector<double> times;
        size_t distinct = 0;
        for (int repeat = 0; repeat < 5; ++repeat) {
            const auto start = std::chrono::steady_clock::now();
            Result<StatusReport> status = fresh.status();
            times.push_back(secondsSince(start));
            ASSERT_TRUE(status.ok());
            EXPECT_EQ(status->summedCommitSizes, 1000000u);
            distinct = status->distinctImages;
        }
        std::sort(times.begin(), times.end());
        std::printf(
            "[ figures  ] status over 1,000,000 committed rows (%zu distinct): median %.1f ms, min %.1f ms\n",
            distinct, times[2] * 1000, times[0] * 1000);
    }
    {
        const std::string workspace = directory.filePath("release");
        CurationLog log = openLog(workspace);
        for (size_t i = 0; i < 3; ++i) {
            ASSERT_TRUE(
                log.commit(makeRequest("r" + std::to_string(i), makeImages("photos", 100000, i * 100000)))
                    .ok());
        }
        const auto start = std::chrono::steady_clock::now();
        Result<ReleaseReport> release = log.exportRelease("bench", false);
        const double seconds = secondsSince(start);
        ASSERT_TRUE(release.ok()) << release.error();
        EXPECT_EQ(release->images, 300000u);
        std::printf("[ figures  ] release of 300,000 images (files absent, not copied): %.3f s\n", seconds);
    }
}
