#include "bridge/jobrunner.h"

#include "common/threadhandoff.h"

#include <QPointer>

#include <chrono>

namespace curator::ui {

struct JobRunner::Shared {
    std::atomic<bool> cancel{false};
};

namespace {

class WorkerContext final : public JobContext {
public:
    WorkerContext(JobRunner* runner, std::atomic<bool>* cancel)
        : m_runner(runner)
        , m_cancel(cancel) {}

    bool progress(qint64 done, qint64 total, const QString& text) const override {
        // Throttled: a job may report per image; the GUI needs a few updates a second.
        const auto now = std::chrono::steady_clock::now();
        const bool last = total > 0 && done >= total;
        if (last || now - m_lastReport >= std::chrono::milliseconds(50)) {
            m_lastReport = now;
            QPointer<JobRunner> runner = m_runner;
            postTo(m_runner, [runner, done, total, text] {
                if (runner && runner->isBusy()) {
                    Q_EMIT runner->progressed(done, total, text);
                }
            });
        }
        return !cancelled();
    }
    bool cancelled() const override { return m_cancel->load(); }
    const std::atomic<bool>* cancelFlag() const override { return m_cancel; }

private:
    JobRunner* m_runner;
    std::atomic<bool>* m_cancel;
    mutable std::chrono::steady_clock::time_point m_lastReport{};
};

} // namespace

JobRunner::JobRunner(QObject* parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>()) {
    m_pool.setMaxThreadCount(1);
}

JobRunner::~JobRunner() {
    m_shared->cancel = true;
    m_pool.waitForDone();
}

bool JobRunner::start(const QString& title, JobFunction job) {
    if (m_busy) {
        return false;
    }
    m_busy = true;
    m_title = title;
    m_shared->cancel = false;
    Q_EMIT started(title);
    auto shared = m_shared;
    runOnPool(m_pool, [this, shared, job = std::move(job)] {
        WorkerContext context(this, &shared->cancel);
        Result<QString> outcome = job(context);
        const bool ok = outcome.ok();
        const QString message = ok ? *outcome : QString::fromStdString(outcome.error());
        postTo(this, [this, ok, message] {
            m_busy = false;
            Q_EMIT finished(ok, message);
        });
    });
    return true;
}

void JobRunner::cancel() {
    m_shared->cancel = true;
}

} // namespace curator::ui
