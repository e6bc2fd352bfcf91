#pragma once

#include "models/modelcheck.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace curator::ui {

// Runs the core's model check (checkModels, as `curator-cli check-models`) on a worker thread for the
// Settings dialog, one at a time. Progress and the report arrive on the GUI thread. cancel() returns at
// once and drops what the worker still reports; the worker stops at its next step (a remote scorer or
// captioner aborts its request, an embedder's request runs to its timeout). Nothing waits for it, so
// closing the dialog never blocks the GUI thread.
class ModelCheckBridge : public QObject {
    Q_OBJECT
public:
    explicit ModelCheckBridge(QObject* parent = nullptr);
    ~ModelCheckBridge() override;

    void start(curator::ModelCheckRequest request);
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progressed(int step, int steps, const QString& what);
    void finished(std::shared_ptr<const curator::ModelCheckReport> report);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace curator::ui
