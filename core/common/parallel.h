#pragma once

#include "common/result.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>

namespace curator {

// The message of the Status a parallel loop returns when it was cancelled (cancel flag or monitor).
inline constexpr const char* kCancelledMessage = "cancelled";
bool isCancellation(const Status& status);

struct ParallelOptions {
    unsigned threads = 0; // 0: one per hardware thread; never more than the number of items
    // Read before each item is taken; once set, no new item starts and the loop returns "cancelled".
    const std::atomic<bool>* cancel = nullptr;
    // When set, the calling thread takes no items: it calls monitor() every monitorInterval until the
    // workers are done (progress reports); answering false cancels.
    std::function<bool()> monitor;
    std::chrono::milliseconds monitorInterval{100};
    // Names an item in the error an exception becomes ("item 17: ..." when unset).
    std::function<std::string(size_t index)> describeItem;
};

// One worker's body: handles item `index`; an error Status stops the loop.
using ParallelBody = std::function<Status(size_t index)>;
// Called once on each worker thread before it takes items: per-thread scratch state lives in the body.
using ParallelWorkerFactory = std::function<ParallelBody()>;

// The number of workers a loop over `count` items starts for `requested` threads (0: hardware threads).
unsigned parallelThreadCount(unsigned requested, size_t count);

// Runs items [0, count) on parallelThreadCount(options.threads, count) threads; items are handed out in
// increasing order from an atomic counter, so uneven items balance themselves.
// Errors: a body returning an error Status, or throwing (std::exception or anything else), stops the
// loop: no new item starts, the items in flight finish, and ONE error is returned: the one of the
// lowest index. As every item below a failing one has already started, that is the error of the lowest
// failing item whatever the thread count. Nothing is swallowed and nothing reaches std::terminate
// (a thread that cannot be started is an error too). A cancellation is reported only when no item failed.
Status parallelForWorkers(size_t count, const ParallelOptions& options,
                          const ParallelWorkerFactory& makeWorker);

// The same with one body shared by all workers; it returns Status or void and must be safe to call from
// several threads at once.
template <typename Body>
Status parallelFor(size_t count, const ParallelOptions& options, Body&& body) {
    return parallelForWorkers(count, options, [&body]() -> ParallelBody {
        return [&body](size_t index) -> Status {
            if constexpr (std::is_void_v<std::invoke_result_t<Body&, size_t>>) {
                body(index);
                return {};
            } else {
                return body(index);
            }
        };
    });
}

} // namespace curator
