#pragma once

#include "bridge/searchbridge.h"

#include <QDockWidget>

class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QLineSeries;
class QSlider;
class QTimer;
class QValueAxis;

namespace curator::ui {

// The similarity distribution of the last search, with a threshold the user drags (a slider under the
// chart) and the exact number of images at or above it, counted by the bridge.
class HistogramDock : public QDockWidget {
    Q_OBJECT
public:
    explicit HistogramDock(SearchBridge* bridge, QWidget* parent = nullptr);

    void setSnapshot(const SearchSnapshot& snapshot);
    double threshold() const { return m_threshold; }

Q_SIGNALS:
    void thresholdChanged(double threshold);

private:
    void onSliderMoved(int value);
    void drawThreshold();

    SearchBridge* m_bridge;
    QChart* m_chart;
    QChartView* m_view;
    QLineSeries* m_distribution;
    QLineSeries* m_thresholdLine;
    QValueAxis* m_axisX;
    QValueAxis* m_axisY;
    QSlider* m_slider;
    QLabel* m_countLabel;
    QPushButton* m_commit;
    QTimer* m_countDelay;
    double m_minimum = 0;
    double m_maximum = 1;
    double m_threshold = 0.5;
    double m_peak = 1;
    quint64 m_searchGeneration = 0; // the search the histogram shows
};

} // namespace curator::ui
