// The hand-off helper every bridge uses (ui/common/threadhandoff.h): where the work runs, in what order
// the results arrive, what a cleared job or a destroyed receiver leaves behind. The TSan stage runs this
// too: the plain (non-atomic) values below cross threads only through the helper, so a missing
// happens-before edge in it would be reported there.
#include "common/threadhandoff.h"

#include <QObject>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <future>
#include <memory>
#include <vector>

using namespace curator::ui;

class ThreadHandOffTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void poolJobRunsOnThePoolAndPostsItsResultToTheGuiThread();
    void resultsPostedByOneJobArriveInOrder();
    void postToIsQueuedEvenOnTheReceiversThread();
    void aCallPostedToADestroyedReceiverIsDroppedAndFreed();
    void aJobClearedFromThePoolNeverRunsAndIsFreed();
};

void ThreadHandOffTest::poolJobRunsOnThePoolAndPostsItsResultToTheGuiThread() {
    QThreadPool pool;
    QObject receiver;
    QThread* const gui = QThread::currentThread();
    QThread* worker = nullptr;
    QThread* deliveredOn = nullptr;
    std::vector<int> written; // plain memory: written on the pool thread, read on the GUI thread
    int input = 41;           // written on the GUI thread, read on the pool thread
    bool delivered = false;
    runOnPool(pool, [&] {
        worker = QThread::currentThread();
        written = {input + 1, input + 2};
        postTo(&receiver, [&, result = written] {
            deliveredOn = QThread::currentThread();
            QCOMPARE(result, written); // the job's writes are visible here
            delivered = true;
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(delivered, 60000);
    QVERIFY(worker != nullptr);
    QVERIFY(worker != gui);
    QCOMPARE(deliveredOn, gui);
    QCOMPARE(written, (std::vector<int>{42, 43}));
}

void ThreadHandOffTest::resultsPostedByOneJobArriveInOrder() {
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QObject receiver;
    std::vector<int> arrived;
    for (int job = 0; job < 3; ++job) {
        runOnPool(pool, [&receiver, &arrived, job] {
            for (int part = 0; part < 4; ++part) {
                postTo(&receiver, [&arrived, value = job * 10 + part] { arrived.push_back(value); });
            }
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), size_t(12), 60000);
    QCOMPARE(arrived, (std::vector<int>{0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}));
}

void ThreadHandOffTest::postToIsQueuedEvenOnTheReceiversThread() {
    QObject receiver;
    std::vector<QString> steps;
    postTo(&receiver, [&steps] { steps.push_back(QStringLiteral("posted call")); });
    steps.push_back(QStringLiteral("after postTo"));
    QCOMPARE(steps.size(), size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(steps.size(), size_t(2), 60000);
    QCOMPARE(steps, (std::vector<QString>{QStringLiteral("after postTo"), QStringLiteral("posted call")}));
}

void ThreadHandOffTest::aCallPostedToADestroyedReceiverIsDroppedAndFreed() {
    QThreadPool pool;
    auto receiver = std::make_unique<QObject>();
    auto capture = std::make_shared<int>(7);
    bool ran = false;
    runOnPool(pool,
              [&ran, capture, target = receiver.get()] { postTo(target, [&ran, capture] { ran = true; }); });
    pool.waitForDone(); // posted, not yet delivered: the GUI thread has not returned to its event loop
    QCOMPARE(capture.use_count(), 2L); // the job is gone; the posted call still holds its copy
    receiver.reset();
    QCOMPARE(capture.use_count(), 1L); // destroying the receiver freed the undelivered call
    QCoreApplication::processEvents();
    QVERIFY(!ran);
}

void ThreadHandOffTest::aJobClearedFromThePoolNeverRunsAndIsFreed() {
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    std::promise<void> started;
    std::future<void> hasStarted = started.get_future();
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    runOnPool(pool, [&started, released] {
        started.set_value();
        released.wait();
    });
    hasStarted.wait(); // the pool's one thread is busy: the next job waits in the queue
    auto capture = std::make_shared<int>(7);
    bool ran = false;
    runOnPool(pool, [&ran, capture] { ran = true; });
    QCOMPARE(capture.use_count(), 2L);
    pool.clear();
    QCOMPARE(capture.use_count(), 1L);
    release.set_value();
    pool.waitForDone();
    QVERIFY(!ran);
}

QTEST_MAIN(ThreadHandOffTest)
#include "tst_threadhandoff.moc"
