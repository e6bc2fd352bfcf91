#include "common/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using curator::ParallelOptions;
using curator::Status;

ParallelOptions withThreads(unsigned threads) {
    ParallelOptions options;
    options.threads = threads;
    return options;
}

TEST(ParallelFor, EveryItemRunsOnceWithOneOrManyThreads) {
    for (unsigned threads : {1u, 2u, 8u, 0u}) {
        const size_t count = 10000;
        std::vector<std::atomic<int>> visits(count);
        std::vector<uint64_t> squares(count);
        const Status status = curator::parallelFor(count, withThreads(threads), [&](size_t i) {
            ++visits[i];
            squares[i] = uint64_t(i) * i;
        });
        ASSERT_TRUE(status) << status.error();
        for (size_t i = 0; i < count; ++i) {
            ASSERT_EQ(visits[i].load(), 1) << "item " << i << " with " << threads << " threads";
            ASSERT_EQ(squares[i], uint64_t(i) * i);
        }
    }
}

TEST(ParallelFor, OneThreadRunsOnTheCallingThreadInOrder) {
    std::vector<size_t> order;
    const auto caller = std::this_thread::get_id();
    bool elsewhere = false;
    const Status status = curator::parallelFor(50, withThreads(1), [&](size_t i) {
        order.push_back(i);
        elsewhere |= std::this_thread::get_id() != caller;
    });
    ASSERT_TRUE(status);
    ASSERT_EQ(order.size(), 50u);
    for (size_t i = 0; i < order.size(); ++i)
        EXPECT_EQ(order[i], i);
    EXPECT_FALSE(elsewhere);
}

TEST(ParallelFor, StartsOneWorkerPerThreadButNeverMoreThanItems) {
    EXPECT_EQ(curator::parallelThreadCount(4, 1000), 4u);
    EXPECT_EQ(curator::parallelThreadCount(8, 3), 3u);
    EXPECT_EQ(curator::parallelThreadCount(1, 0), 1u);
    EXPECT_GE(curator::parallelThreadCount(0, 1000), 1u);

    std::atomic<int> workers{0};
    std::mutex mutex;
    std::set<std::thread::id> threadIds;
    const Status status = curator::parallelForWorkers(1000, withThreads(4), [&]() -> curator::ParallelBody {
        ++workers;
        {
            std::lock_guard<std::mutex> lock(mutex);
            threadIds.insert(std::this_thread::get_id());
        }
        // Per-worker scratch state: each worker owns its own buffer.
        return [buffer = std::vector<int>(16)](size_t i) mutable -> Status {
            buffer[i % buffer.size()] += 1;
            return {};
        };
    });
    ASSERT_TRUE(status);
    EXPECT_EQ(workers.load(), 4);
    EXPECT_EQ(threadIds.size(), 4u);
}

TEST(ParallelFor, EmptyRangeRunsNothing) {
    bool called = false;
    ParallelOptions options;
    options.monitor = [&] {
        called = true;
        return true;
    };
    const Status status = curator::parallelFor(0, options, [&](size_t) { called = true; });
    EXPECT_TRUE(status);
    EXPECT_FALSE(called);
}

TEST(ParallelFor, AnExceptionBecomesTheErrorAndStopsTheRest) {
    std::atomic<size_t> ran{0};
    const Status status = curator::parallelFor(10000, withThreads(1), [&](size_t i) {
        ++ran;
        if (i == 500)
            throw std::runtime_error("decoder exploded");
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error(), "item 500: decoder exploded");
    EXPECT_EQ(ran.load(), 501u); // nothing after the failure
    EXPECT_FALSE(curator::isCancellation(status));
}

TEST(ParallelFor, ANonStandardExceptionIsReportedToo) {
    ParallelOptions options = withThreads(4);
    options.describeItem = [](size_t i) { return "image " + std::to_string(i); };
    const Status status = curator::parallelFor(100, options, [&](size_t i) {
        if (i == 42)
            throw 42;
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error(), "image 42: an exception that is not a std::exception");
}

TEST(ParallelFor, ADescriptionThatThrowsFallsBackToTheIndex) {
    ParallelOptions options = withThreads(2);
    options.describeItem = [](size_t) -> std::string { throw std::runtime_error("no name"); };
    const Status status = curator::parallelFor(10, options, [&](size_t i) {
        if (i == 3)
            throw std::runtime_error("broken");
    });
    EXPECT_EQ(status.error(), "item 3: broken");
}

TEST(ParallelFor, AnErrorStatusIsReturnedAsItIs) {
    const Status status = curator::parallelFor(1000, withThreads(3), [&](size_t i) -> Status {
        if (i == 7)
            return curator::makeError("row 7: not finite");
        return {};
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error(), "row 7: not finite");
}

TEST(ParallelFor, TheLowestFailingItemWinsAndEverythingBelowItRan) {
    for (unsigned threads : {1u, 2u, 8u}) {
        const size_t count = 5000;
        std::vector<std::atomic<int>> visits(count);
        const Status status = curator::parallelFor(count, withThreads(threads), [&](size_t i) -> Status {
            ++visits[i];
            if (i == 3000)
                throw std::runtime_error("late failure");
            if (i == 1200)
                return curator::makeError("early failure");
            return {};
        });
        ASSERT_FALSE(status);
        EXPECT_EQ(status.error(), "early failure") << threads << " threads";
        for (size_t i = 0; i < 1200; ++i)
            ASSERT_EQ(visits[i].load(), 1) << "item " << i;
        if (threads == 1) {
            for (size_t i = 1201; i < count; ++i)
                ASSERT_EQ(visits[i].load(), 0) << "item " << i << " ran after the failure";
        }
    }
}

TEST(ParallelFor, AWorkerFactoryThatThrowsIsAnError) {
    const Status status = curator::parallelForWorkers(
        10, withThreads(2), []() -> curator::ParallelBody { throw std::bad_alloc(); });
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().find("preparing a worker"), std::string::npos) << status.error();
}

TEST(ParallelFor, TheCancelFlagStopsNewItems) {
    std::atomic<bool> cancel{false};
    ParallelOptions options = withThreads(1);
    options.cancel = &cancel;
    size_t ran = 0;
    Status status = curator::parallelFor(1000, options, [&](size_t i) {
        ++ran;
        if (i == 99)
            cancel = true;
    });
    ASSERT_FALSE(status);
    EXPECT_TRUE(curator::isCancellation(status));
    EXPECT_EQ(ran, 100u);

    // Set before the loop: nothing runs, whatever the thread count.
    std::atomic<size_t> ranMany{0};
    options.threads = 8;
    status = curator::parallelFor(1000, options, [&](size_t) { ++ranMany; });
    EXPECT_TRUE(curator::isCancellation(status));
    EXPECT_EQ(ranMany.load(), 0u);
}

TEST(ParallelFor, AFailureIsReportedRatherThanACancellation) {
    std::atomic<bool> cancel{false};
    ParallelOptions options = withThreads(1);
    options.cancel = &cancel;
    const Status status = curator::parallelFor(10, options, [&](size_t i) -> Status {
        cancel = true;
        return curator::makeError("item " + std::to_string(i) + " failed");
    });
    EXPECT_EQ(status.error(), "item 0 failed");
}

TEST(ParallelFor, AMonitorRunsOnTheCallerAndCanCancel) {
    std::atomic<bool> monitored{false};
    std::atomic<bool> monitoredOnCaller{false};
    std::atomic<bool> ranOnCaller{false};
    const auto caller = std::this_thread::get_id();
    ParallelOptions options = withThreads(2);
    options.monitorInterval = std::chrono::milliseconds(1);
    options.monitor = [&] {
        monitoredOnCaller = std::this_thread::get_id() == caller;
        monitored = true;
        return false; // cancel at the first report
    };
    const Status status = curator::parallelFor(100000, options, [&](size_t) {
        ranOnCaller = ranOnCaller || std::this_thread::get_id() == caller;
        // The items wait for the first report, so the cancel always lands mid-way.
        while (!monitored)
            std::this_thread::yield();
    });
    // The workers cannot finish before the first report, which cancels.
    EXPECT_TRUE(curator::isCancellation(status)) << status.error();
    EXPECT_TRUE(monitoredOnCaller.load());
    EXPECT_FALSE(ranOnCaller.load());
}

TEST(ParallelFor, AMonitorThatThrowsIsAnError) {
    std::atomic<bool> monitored{false};
    ParallelOptions options = withThreads(1);
    options.monitorInterval = std::chrono::milliseconds(1);
    options.monitor = [&]() -> bool {
        monitored = true;
        throw std::runtime_error("progress sink closed");
    };
    const Status status = curator::parallelFor(1000, options, [&](size_t) {
        while (!monitored)
            std::this_thread::yield();
    });
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error(), "progress report: progress sink closed");
}

} // namespace
