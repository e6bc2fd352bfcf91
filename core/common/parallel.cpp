#include "common/parallel.h"

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace curator {

namespace {

constexpr size_t kNoItem = std::numeric_limits<size_t>::max();

// What the workers of one loop share.
class LoopState {
public:
    LoopState(size_t count, const ParallelOptions& options)
        : m_count(count)
        , m_options(options) {}

    // Takes items until they run out, one fails or the loop is cancelled.
    void work(const ParallelWorkerFactory& makeWorker) {
        ParallelBody body;
        if (!guarded(kNoItem, "preparing a worker", [&] {
                body = makeWorker();
                return Status{};
            }))
            return;
        for (;;) {
            if (m_stop.load(std::memory_order_relaxed))
                return;
            if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) {
                cancel();
                return;
            }
            const size_t index = m_next.fetch_add(1);
            if (index >= m_count)
                return;
            if (!guarded(index, nullptr, [&] { return body(index); }))
                return;
        }
    }

    void cancel() {
        m_cancelled = true;
        m_stop = true;
    }
    bool stopped() const { return m_stop.load(); }

    // Runs f; an error Status or an exception is recorded under `index` (or, for work that is no item,
    // under `context`) and stops the loop.
    template <typename F>
    bool guarded(size_t index, const char* context, F&& f) {
        const auto what = [&] { return context ? std::string(context) : describe(index); };
        try {
            Status status = f();
            if (status)
                return true;
            fail(index, status.error());
        } catch (const std::exception& exception) {
            fail(index, what() + ": " + exception.what());
        } catch (...) {
            fail(index, what() + ": an exception that is not a std::exception");
        }
        return false;
    }

    void fail(size_t index, std::string message) {
        {
            std::lock_guard<std::mutex> lock(m_errorMutex);
            if (!m_failed || index < m_errorIndex) {
                m_failed = true;
                m_errorIndex = index;
                m_error = std::move(message);
            }
        }
        m_stop = true;
    }

    Status outcome() const {
        if (m_failed)
            return makeError(m_error);
        if (m_cancelled)
            return makeError(kCancelledMessage);
        return {};
    }

private:
    // Called from a catch handler: a describeItem that throws falls back to the plain name.
    std::string describe(size_t index) const {
        std::string plain = "item " + std::to_string(index);
        if (!m_options.describeItem)
            return plain;
        try {
            return m_options.describeItem(index);
        } catch (...) {
            return plain;
        }
    }

    const size_t m_count;
    const ParallelOptions& m_options;
    std::atomic<size_t> m_next{0};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_cancelled{false};
    std::mutex m_errorMutex;
    bool m_failed = false;
    size_t m_errorIndex = kNoItem;
    std::string m_error;
};

// Counts running workers so that a monitoring caller wakes as soon as the last one ends.
class RunningWorkers {
public:
    void add() {
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_running;
    }
    void remove() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            --m_running;
        }
        m_ended.notify_all();
    }
    // False when the interval passed with workers still running.
    bool waitForAll(std::chrono::milliseconds interval) {
        std::unique_lock<std::mutex> lock(m_mutex);
        return m_ended.wait_for(lock, interval, [&] { return m_running == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ended;
    unsigned m_running = 0;
};

void monitorUntilDone(LoopState& state, RunningWorkers& running, const ParallelOptions& options) {
    const auto interval = std::max(options.monitorInterval, std::chrono::milliseconds(1));
    while (!running.waitForAll(interval)) {
        if (state.stopped())
            continue;
        bool keepGoing = true;
        state.guarded(kNoItem, "progress report", [&] {
            keepGoing = options.monitor();
            return Status{};
        });
        if (!keepGoing)
            state.cancel();
    }
}

} // namespace

bool isCancellation(const Status& status) {
    return !status && status.error() == kCancelledMessage;
}

unsigned parallelThreadCount(unsigned requested, size_t count) {
    const unsigned wanted = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(wanted, count)));
}

Status parallelForWorkers(size_t count, const ParallelOptions& options,
                          const ParallelWorkerFactory& makeWorker) {
    if (count == 0)
        return {};
    LoopState state(count, options);
    const unsigned workers = parallelThreadCount(options.threads, count);
    const bool monitoring = static_cast<bool>(options.monitor);
    // Without a monitor the calling thread is one of the workers.
    const unsigned extraThreads = monitoring ? workers : workers - 1;
    RunningWorkers running;
    std::vector<std::thread> threads;
    threads.reserve(extraThreads);
    for (unsigned t = 0; t < extraThreads; ++t) {
        running.add();
        try {
            threads.emplace_back([&] {
                state.work(makeWorker);
                running.remove();
            });
        } catch (const std::system_error& error) {
            running.remove();
            state.fail(kNoItem, std::string("cannot start a worker thread: ") + error.what());
            break;
        }
    }
    if (monitoring)
        monitorUntilDone(state, running, options);
    else
        state.work(makeWorker);
    for (auto& thread : threads)
        thread.join();
    return state.outcome();
}

} // namespace curator
