#pragma once

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace curator::ui {

// THE way work crosses threads in the workstation: every job a bridge starts on its pool and every
// result it posts back to the GUI thread goes through these two calls.
//
// Why not QThreadPool::start / QMetaObject::invokeMethod directly: Qt hands the work over through its
// own futex-based locks, and Debian's Qt is not built with ThreadSanitizer, so TSan cannot see that the
// hand-off orders the two threads and reports every capture as a race. Under TSan these calls tell it
// (__tsan_release on the hand-off's heap object before it leaves, __tsan_acquire on it first thing on
// the receiving thread); in any other build they are the plain Qt calls.

// Runs `work` on one of `pool`'s threads. A job still queued when the pool is cleared is destroyed
// without running.
void runOnPool(QThreadPool& pool, std::function<void()> work);

// Runs `function` on `context`'s thread from its event loop, always queued (also when called on that
// thread); dropped, unrun, when `context` is destroyed first.
void postTo(QObject* context, std::function<void()> function);

} // namespace curator::ui
