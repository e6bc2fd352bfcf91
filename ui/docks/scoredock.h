#pragma once

#include "bridge/ratingbridge.h"
#include "bridge/searchbridge.h"

#include <QDockWidget>
#include <QVector>

#include <optional>

class QAction;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QStringListModel;

namespace curator::ui {

class ScoreHistogramView;

// Aesthetics scores of the current batch (the results grid) as bars over two references drawn as outlines:
// the dataset so far, and a seeded sample of the whole collection (the "clean images" an anti-aesthetic
// batch should score below), as percentages on the scorer's fixed bins, with a summary of each. Rating the
// batch, the dataset's unscored images or the collection sample are actions the window can also put in a
// menu, with progress and Cancel. Failed images are listed, never dropped silently.
class ScoreDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ScoreDock(RatingBridge* bridge, QWidget* parent = nullptr);

    // The rows the grid shows; "Rate results" rates the unmasked ones. A new batch clears the batch's
    // histogram until it is rated.
    void setBatch(const QVector<SearchResultRow>& rows);
    // The histogram of a rating the agent made (a call selected in the agent's timeline), drawn as the
    // batch's; `what` says whose it is.
    void showAgentRating(const ScoreHistogram& histogram, const QString& what);
    void rateBatch();
    void rateDataset();
    void rateCollectionSample();

    // What is drawn, for tests and the status bar.
    std::optional<ScoreHistogram> batchHistogram() const { return m_batch; }
    std::optional<ScoreHistogram> datasetHistogram() const { return m_dataset; }
    std::optional<ScoreHistogram> collectionHistogram() const { return m_collection; }
    QStringList failures() const;
    ScoreHistogramView* view() const { return m_view; }
    QAction* rateResultsAction() const { return m_rateBatch; }
    QAction* rateDatasetAction() const { return m_rateDataset; }
    QAction* rateCollectionAction() const { return m_rateCollection; }

private:
    void showBatchReport(const RateReport& report);
    void showDatasetHistogram(const DatasetHistogram& histogram);
    void showFailures(const RateReport& report);
    void setBusy(bool busy);
    void redraw();
    void updateSummary();

    RatingBridge* m_bridge;
    QVector<SearchResultRow> m_rows;
    std::optional<ScoreHistogram> m_batch;
    std::optional<ScoreHistogram> m_dataset;
    std::optional<ScoreHistogram> m_collection;
    QString m_datasetNote;
    ScoreHistogramView* m_view;
    QLabel* m_summary;
    QLabel* m_status;
    QAction* m_rateBatch;
    QAction* m_rateDataset;
    QAction* m_rateCollection;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_failureLabel;
    QStringListModel* m_failureModel;
    QListView* m_failureView;
    bool m_awaitingBatch = false; // a rating of the rows now in the grid is in flight
};

} // namespace curator::ui
