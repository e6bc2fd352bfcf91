#pragma once

#include "rating/aestheticsrate.h"
#include "widgets/charticks.h"

#include <QColor>
#include <QVector>
#include <QWidget>

namespace curator::ui {

// Aesthetics-score histograms on the scorer's fixed bins, as percentages of each one's images, drawn over
// one another: the first series as bars, the others (the references) as outlines, with a legend, so that
// whether a batch sits below or above its reference can be read off at once.
class ScoreHistogramView : public QWidget {
    Q_OBJECT
public:
    enum class Style { Bars, Outline, DashedOutline };
    struct Series {
        QString name;
        QColor colour;
        Style style = Style::Bars;
        ScoreHistogram histogram;
    };

    explicit ScoreHistogramView(QWidget* parent = nullptr);

    // Series with no images are left out of the chart (and the legend).
    void setSeries(const QVector<Series>& series);
    QVector<Series> series() const { return m_series; }
    void setEmptyText(const QString& text);
    bool isEmpty() const { return m_series.isEmpty(); }

    // What is drawn, for tests.
    QStringList legend() const; // "name (n)" per drawn series
    AxisTicks xTicks() const;
    AxisTicks yTicks() const;
    double yTop() const { return m_yTop; }
    QString emptyText() const { return isEmpty() ? m_emptyText : QString(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRect plotRect() const;
    int legendHeight() const;

    QVector<Series> m_series;
    std::vector<double> m_edges;
    double m_yTop = 10;
    QString m_emptyText;
};

// A histogram's bins as percentages of its images (all zero for none).
std::vector<double> percentages(const ScoreHistogram& histogram);

} // namespace curator::ui
