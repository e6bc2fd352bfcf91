#pragma once

#include "common/result.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace curator::ui {

// What a long job sees while it runs on the worker: a way to report progress and to learn of a cancel.
class JobContext {
public:
    virtual ~JobContext() = default;
    // total 0: the size is unknown (a busy indicator). Answers false once the user cancelled.
    virtual bool progress(qint64 done, qint64 total, const QString& text) const = 0;
    virtual bool cancelled() const = 0;
    // For core calls that poll a flag (ScanOptions::cancel and friends).
    virtual const std::atomic<bool>* cancelFlag() const = 0;
};

// The job returns the message to show when it succeeds, or the error.
using JobFunction = std::function<Result<QString>(const JobContext&)>;

// Runs long work (ingest, rating, index build, export, demo creation) one job at a time on a worker
// thread. Progress arrives on the GUI thread at most every 50 ms; cancel() asks the job to stop at its
// next check. Destroying the runner cancels the job and waits for it.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    // False (and nothing starts) when a job is already running.
    bool start(const QString& title, JobFunction job);
    bool isBusy() const { return m_busy; }
    QString title() const { return m_title; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void started(const QString& title);
    void progressed(qint64 done, qint64 total, const QString& text);
    void finished(bool ok, const QString& message);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    QThreadPool m_pool;
    QString m_title;
    bool m_busy = false;
};

} // namespace curator::ui
