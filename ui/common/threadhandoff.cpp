#include "common/threadhandoff.h"

#include <QMetaObject>
#include <QRunnable>

#include <utility>

#if defined(__SANITIZE_THREAD__)
#define CURATOR_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CURATOR_TSAN 1
#endif
#endif

#ifdef CURATOR_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace curator::ui {

namespace {

// The happens-before edge Qt's hand-off creates, told to TSan: released on the object that carries the
// work, acquired on the same object by the thread that receives it.
void handedOver([[maybe_unused]] void* carrier) {
#ifdef CURATOR_TSAN
    __tsan_release(carrier);
#endif
}

void received([[maybe_unused]] void* carrier) {
#ifdef CURATOR_TSAN
    __tsan_acquire(carrier);
#endif
}

// A pool job. The pool runs it and then deletes it on its thread, or deletes it unrun in clear().
class PoolJob final : public QRunnable {
public:
    explicit PoolJob(std::function<void()> work)
        : m_work(std::move(work)) {
        setAutoDelete(true);
    }
    ~PoolJob() override { received(this); } // the captures are freed here, on either thread
    void run() override {
        received(this);
        m_work();
    }

private:
    std::function<void()> m_work;
};

// The functor Qt keeps in its queued call. Qt moves it into a slot object it allocates inside
// invokeMethod, after the caller's last statement, so the move constructor marks the hand-off: the
// last move is the one into the slot object, whose address the receiving side gets as `this` without
// reading anything the sender wrote. The slot object is reference-counted by Qt and freed by whichever
// thread lets go of it last: often the receiver, but the sender when its invokeMethod returns only
// after the call has run. So the call hands back too (released after it runs), and the destructor
// acquires whichever thread it runs on.
class PostedCall {
public:
    explicit PostedCall(std::function<void()> function)
        : m_function(std::move(function)) {}
    PostedCall(PostedCall&& other) noexcept
        : m_function(std::move(other.m_function)) {
        handedOver(this);
    }
    PostedCall(const PostedCall&) = delete;
    PostedCall& operator=(const PostedCall&) = delete;
    PostedCall& operator=(PostedCall&&) = delete;
    ~PostedCall() { received(this); }
    void operator()() {
        received(this);
        m_function();
        handedOver(this);
    }

private:
    std::function<void()> m_function;
};

} // namespace

void runOnPool(QThreadPool& pool, std::function<void()> work) {
    auto* job = new PoolJob(std::move(work));
    handedOver(job);
    pool.start(job);
}

void postTo(QObject* context, std::function<void()> function) {
    QMetaObject::invokeMethod(context, PostedCall(std::move(function)), Qt::QueuedConnection);
}

} // namespace curator::ui
