#pragma once

#include "search/searchoperations.h"
#include "widgets/charticks.h"

#include <QVector>
#include <QWidget>

#include <optional>

namespace curator::ui {

// The similarity distribution of a search as bars, one per bin, with the threshold as a line the mouse
// drags (or Left/Right on the focused chart), the band last sampled shaded, and a range of bars the user
// selects with Shift-drag or right-drag. The y axis stops near the tallest ordinary bar so the shape near
// a threshold shows; a bar cut by it carries a break mark and its true count. Plain painting, so what is
// drawn can be asked for (ticks, cut bars) and tested.
class SimilarityHistogramView : public QWidget {
    Q_OBJECT
public:
    struct ClippedBin {
        int bin = 0; // index into the distribution's counts
        size_t count = 0;
    };

    explicit SimilarityHistogramView(QWidget* parent = nullptr);

    // An empty distribution (or one with no unmasked image) shows the empty state.
    void setDistribution(const SimilarityDistribution& distribution);
    void clear();
    bool isEmpty() const { return m_first > m_last; }

    // The shown x range: from the first to the last non-empty bin's edges.
    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }
    double threshold() const { return m_threshold; }
    // Clamped to the shown range; emits nothing (thresholdMoved is the user's doing).
    void setThreshold(double threshold);

    void setSampledBand(double minimum, double maximum);
    void clearSampledBand();
    std::optional<std::pair<double, double>> sampledBand() const { return m_band; }

    std::optional<std::pair<double, double>> selectedRange() const { return m_selection; }
    void clearSelectedRange(); // emits rangeCleared when there was one

    // What is drawn, for tests and tooltips.
    AxisTicks xTicks() const;
    AxisTicks yTicks() const;
    double yTop() const { return m_yTop; }
    QVector<ClippedBin> clippedBins() const;
    QString emptyText() const;

    // Pixel <-> similarity along the plot's x axis (widget coordinates).
    int xForValue(double value) const;
    double valueForX(double x) const;
    QRect plotRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The user moved the threshold (mouse or keys).
    void thresholdMoved(double threshold);
    // A range of bars was selected: its bounds are bin edges.
    void rangeSelected(double minimum, double maximum);
    void rangeCleared();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Drag { None, Threshold, Range };
    double binWidth() const;
    double binLow(int bin) const;
    int binAt(double value) const;
    void moveThresholdTo(double value);
    void updateSelection(double from, double to);
    void paintBars(QPainter& painter, const QRect& plot) const;
    void paintAxes(QPainter& painter, const QRect& plot) const;

    SimilarityDistribution m_distribution;
    int m_first = 0; // the shown bins: [m_first, m_last]
    int m_last = -1;
    double m_minimum = 0;
    double m_maximum = 1;
    double m_yTop = 1;
    double m_threshold = 0.5;
    std::optional<std::pair<double, double>> m_band;
    std::optional<std::pair<double, double>> m_selection;
    Drag m_drag = Drag::None;
    double m_dragOrigin = 0;
    double m_pressX = 0;
};

} // namespace curator::ui
