#pragma once

#include "bridge/searchbridge.h"

#include <QDockWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace curator::ui {

class SimilarityHistogramView;

// The similarity distribution of the last search as bars, with a threshold the user drags on the chart
// (or moves with Left/Right), the exact number of images at or above it (counted by the bridge), the band
// last sampled shaded, and a range of bars to filter the grid by. Committing is the window's business:
// the button only asks for it.
class HistogramDock : public QDockWidget {
    Q_OBJECT
public:
    explicit HistogramDock(SearchBridge* bridge, QWidget* parent = nullptr);

    void setSnapshot(const SearchSnapshot& snapshot);
    double threshold() const { return m_threshold; }
    quint64 searchGeneration() const { return m_searchGeneration; }
    SimilarityHistogramView* view() const { return m_view; }
    QPushButton* commitButton() const { return m_commit; }
    QString countText() const;

public Q_SLOTS:
    // Moves the threshold (clamped to the chart's range) and emits thresholdChanged when it changed.
    void setThreshold(double threshold);
    void setSampledBand(double minimum, double maximum);
    void clearSampledBand();

Q_SIGNALS:
    void thresholdChanged(double threshold);
    void rangeSelected(double minimum, double maximum);
    void rangeCleared();
    // "Commit above threshold...": the window asks for the message and leaves out rejected images.
    void commitAboveRequested(double threshold, quint64 searchGeneration);

private:
    void onThresholdMoved(double threshold);

    SearchBridge* m_bridge;
    SimilarityHistogramView* m_view;
    QLabel* m_countLabel;
    QPushButton* m_commit;
    QTimer* m_countDelay;
    double m_threshold = 0.5;
    quint64 m_searchGeneration = 0; // the search the histogram shows
};

} // namespace curator::ui
