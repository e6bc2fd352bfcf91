#pragma once

#include "bridge/logbridge.h"
#include "dataset/balancereport.h"
#include "dataset/nearduplicates.h"
#include "rating/scorerevaluation.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <memory>

namespace curator::ui {

// A near-duplicate report with each group's members ready for a thumbnail strip (the workspace's
// thumbnail, then the image), in the report's order.
struct NearDuplicateView {
    NearDuplicateReport report;
    QVector<QVector<CommitSampleImage>> groupImages;
};

// Runs the dataset-quality reports of the checked-out branch (near-duplicates, balance; saving a scorer
// report with a release) on a worker
// thread with the core functions `curator-cli dedup` and `balance` call. One report runs at a time; a new
// request cancels the one in flight, whose result is dropped. Destroying the bridge cancels and waits.
class QualityBridge : public QObject {
    Q_OBJECT
public:
    explicit QualityBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~QualityBridge() override;

    void findNearDuplicates(double threshold);
    void balance(int target);
    // Saves the report with the release `tag` (saveScorerEvaluationToRelease, as `evaluate-scorer
    // --release` does). Emits savedToRelease with what was written, or failed.
    void saveScorerReport(const std::shared_ptr<const curator::ScorerEvaluation>& evaluation,
                          const QString& tag);
    const QString& workspaceDirectory() const { return m_workspaceDirectory; }
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void progress(qulonglong done, qulonglong total);
    void nearDuplicatesReady(std::shared_ptr<const curator::ui::NearDuplicateView> view);
    void balanceReady(std::shared_ptr<const curator::BalanceReport> report);
    void savedToRelease(const QString& message);
    void failed(const QString& message);
    void cancelled();
    void busyChanged(bool busy);

private:
    // Starts `work` on the pool under a new generation; it gets the generation's cancel flag.
    template <typename Work>
    void start(Work work);
    void setBusy(bool busy);

    QString m_workspaceDirectory;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace curator::ui
