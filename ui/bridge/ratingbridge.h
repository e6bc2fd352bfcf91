#pragma once

#include "bridge/searchbridge.h"
#include "rating/aestheticsrate.h"
#include "rating/scorerevaluation.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace curator::ui {

// The dataset so far as the score cache knows it: a histogram on the scorer's fixed bins.
struct DatasetHistogram {
    QString branch;
    QString scorer;
    ScoreHistogram histogram;
    qulonglong datasetImages = 0;
    qulonglong unscored = 0; // committed images with no cached score yet (rateDataset fills them)
};

// Rates images with the workspace's scorer and captioner (settings.json) on a worker thread. One rating
// runs at a time; a new one cancels the one in flight. Progress arrives by signal; cancel() makes the core
// stop before the next image, and a cancelled run delivers no report (the images it finished stay in the
// score cache, each whole). The dataset's histogram is read from the cache on a second worker, so it
// never waits behind a long rating. Destroying the bridge cancels and waits.
class RatingBridge : public QObject {
    Q_OBJECT
public:
    static constexpr int kCollectionSample = 200;

    explicit RatingBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~RatingBridge() override;

    // The branch whose dataset is compared against (empty: the checked-out branch).
    void setBranch(const QString& branch);
    QString branch() const { return m_branch; }
    int bins() const { return m_bins; }

    // Rates the rows (captions from the cache, the row's sidecar caption or the captioner), then emits
    // batchRated and refreshes the dataset histogram.
    void rateBatch(const QVector<SearchResultRow>& rows);
    // Rates the committed images that have no cached score yet, then refreshes the dataset histogram.
    void rateDataset();
    // Rates `count` images drawn uniformly (seeded, so the same draw comes from the cache next time) from
    // the whole collection, one matrix per source: the "clean images" reference an anti-aesthetic batch
    // is read against. Emits collectionRated.
    void rateCollectionSample(int count = kCollectionSample, quint64 seed = 1);
    // The scorer report (evaluate-scorer): the branch's preference pairs (seeded) scored by the workspace's
    // scorer, pairs' prompts as captions. Emits scorerEvaluated with the report and the SVG the CLI writes.
    void evaluateScorer(quint64 seed);
    // Recomputes the dataset histogram from cached scores only.
    void refreshDataset();
    void cancel();
    bool isRating() const { return m_rating; }
    // What the next rating gives the core: the bins, and Settings' concurrency and score batch size.
    RatingOptions ratingOptions() const;

Q_SIGNALS:
    void progress(qulonglong done, qulonglong total);
    void batchRated(std::shared_ptr<const curator::RateReport> report);
    void datasetRated(std::shared_ptr<const curator::RateReport> report);
    void collectionRated(std::shared_ptr<const curator::RateReport> report);
    void datasetReady(const curator::ui::DatasetHistogram& histogram);
    void scorerEvaluated(std::shared_ptr<const curator::ScorerEvaluation> evaluation, const QByteArray& svg);
    void cancelled(const QString& message);
    void failed(const QString& message);
    void busyChanged(bool rating);

private:
    struct Models;
    enum class Job { Batch, Dataset, Collection };
    // What a rating job takes to the worker: its generation (only the newest one delivers), its cancel
    // flag, the models, and the settings read on the GUI thread.
    struct RatingJob {
        quint64 generation = 0;
        std::shared_ptr<std::atomic<bool>> cancel;
        std::shared_ptr<Models> models;
        std::string workspace;
        std::string branch;
        std::string apiKeyVariable;
        RatingOptions options;
        int timeout = 0;
    };
    // Cancels the job in flight and starts a new one (rating: busy).
    RatingJob beginRatingJob();
    // From the worker: runs `function` on the GUI thread while the job is still the newest.
    void postIfCurrent(quint64 generation, const std::function<void()>& function);
    // From the worker: ends the job (not busy any more), then `signal`.
    void finishJob(quint64 generation, const std::function<void()>& signal);
    // The core's progress callback: a progress signal at most every 40 ms, false once cancelled.
    RateProgressCallback throttledProgress(const RatingJob& job);
    void startRating(Job kind, std::vector<RateItem> items, size_t sampleCount = 0, quint64 seed = 0);
    void setRating(bool rating);

    QString m_workspaceDirectory;
    QString m_branch;
    int m_bins = 10;
    std::shared_ptr<Models> m_models;
    QThreadPool m_ratePool;
    QThreadPool m_readPool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_rateGeneration = 0;
    quint64 m_readGeneration = 0;
    bool m_rating = false;
};

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::ui::DatasetHistogram)
