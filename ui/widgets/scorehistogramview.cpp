#include "widgets/scorehistogramview.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace curator::ui {

namespace {
constexpr int kMaxYTicks = 4;
constexpr int kMaxXTicks = 8;
} // namespace

std::vector<double> percentages(const ScoreHistogram& histogram) {
    std::vector<double> values;
    for (size_t count : histogram.counts) {
        values.push_back(histogram.count
                             ? 100.0 * static_cast<double>(count) / static_cast<double>(histogram.count)
                             : 0.0);
    }
    return values;
}

ScoreHistogramView::ScoreHistogramView(QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Aesthetics score histogram"));
}

QSize ScoreHistogramView::sizeHint() const {
    return {420, 180};
}

QSize ScoreHistogramView::minimumSizeHint() const {
    return {220, 120};
}

void ScoreHistogramView::setSeries(const QVector<Series>& series) {
    m_series.clear();
    m_edges.clear();
    double peak = 0;
    for (const Series& entry : series) {
        if (entry.histogram.count == 0 || entry.histogram.edges.size() < 2) {
            continue;
        }
        if (m_edges.empty()) {
            m_edges = entry.histogram.edges;
        } else if (entry.histogram.edges != m_edges) {
            continue; // another scorer's bins: not comparable bar by bar
        }
        m_series.push_back(entry);
        for (double value : percentages(entry.histogram)) {
            peak = std::max(peak, value);
        }
    }
    m_yTop = std::min(100.0, niceCeiling(std::max(peak, 10.0), kMaxYTicks - 1, 1));
    update();
}

void ScoreHistogramView::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

QStringList ScoreHistogramView::legend() const {
    QStringList entries;
    for (const Series& entry : m_series) {
        entries << QStringLiteral("%1 (%2)").arg(entry.name).arg(entry.histogram.count);
    }
    return entries;
}

AxisTicks ScoreHistogramView::xTicks() const {
    return isEmpty() ? AxisTicks{} : niceTicks(m_edges.front(), m_edges.back(), kMaxXTicks);
}

AxisTicks ScoreHistogramView::yTicks() const {
    return isEmpty() ? AxisTicks{} : niceTicks(0, m_yTop, kMaxYTicks, 1);
}

int ScoreHistogramView::legendHeight() const {
    return fontMetrics().height() + 4;
}

QRect ScoreHistogramView::plotRect() const {
    const QFontMetrics metrics = fontMetrics();
    const int left = metrics.horizontalAdvance(QStringLiteral("100%")) + 10;
    const int top = legendHeight() + 4;
    const int bottom = 2 * metrics.height() + 6;
    const int right = 12;
    return QRect(left, top, std::max(1, width() - left - right), std::max(1, height() - top - bottom));
}

void ScoreHistogramView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QFontMetrics metrics = painter.fontMetrics();
    const QColor text = palette().color(QPalette::Text);
    if (isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    const QRect plot = plotRect();
    const size_t bins = m_edges.size() - 1;
    const double low = m_edges.front();
    const double high = m_edges.back();
    auto xFor = [&](double value) {
        return plot.left() + static_cast<int>(std::lround((value - low) / (high - low) * plot.width()));
    };
    auto yFor = [&](double percent) {
        return plot.bottom() -
               static_cast<int>(std::lround(std::min(percent, m_yTop) / m_yTop * plot.height()));
    };

    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(90);
    const AxisTicks y = yTicks();
    for (double value : y.values) {
        painter.setPen(grid);
        painter.drawLine(plot.left(), yFor(value), plot.right(), yFor(value));
        painter.setPen(text);
        painter.drawText(QRect(0, yFor(value) - metrics.height() / 2, plot.left() - 5, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tickLabel(value, y.decimals) + QLatin1Char('%'));
    }

    for (const Series& entry : m_series) {
        const std::vector<double> values = percentages(entry.histogram);
        if (entry.style == Style::Bars) {
            for (size_t b = 0; b < bins; ++b) {
                const int x0 = xFor(m_edges[b]) + 1;
                const int x1 = xFor(m_edges[b + 1]) - 1;
                const int top = yFor(values[b]);
                if (values[b] > 0) {
                    painter.fillRect(QRect(x0, top, std::max(1, x1 - x0), plot.bottom() - top + 1),
                                     entry.colour);
                }
            }
            continue;
        }
        // A reference: the outline of its bars, a step line over the whole range.
        QPainterPath outline;
        outline.moveTo(xFor(m_edges[0]), plot.bottom());
        for (size_t b = 0; b < bins; ++b) {
            outline.lineTo(xFor(m_edges[b]), yFor(values[b]));
            outline.lineTo(xFor(m_edges[b + 1]), yFor(values[b]));
        }
        outline.lineTo(xFor(m_edges[bins]), plot.bottom());
        QPen pen(entry.colour, 2);
        pen.setStyle(entry.style == Style::DashedOutline ? Qt::DashLine : Qt::SolidLine);
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(pen);
        painter.drawPath(outline);
    }

    painter.setPen(text);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    // Round values along the score axis (the bins' edges, such as 1.5, would not read as well).
    const AxisTicks xs = xTicks();
    int lastRight = -1000;
    for (double value : xs.values) {
        const int px = xFor(value);
        painter.drawLine(px, plot.bottom(), px, plot.bottom() + 3);
        const QString label = tickLabel(value, xs.decimals);
        const int labelWidth = metrics.horizontalAdvance(label);
        const int left = std::clamp(px - labelWidth / 2, 0, width() - labelWidth);
        if (left > lastRight + 4) {
            painter.drawText(QRect(left, plot.bottom() + 4, labelWidth, metrics.height()), Qt::AlignCenter,
                             label);
            lastRight = left + labelWidth;
        }
    }
    painter.drawText(QRect(plot.left(), plot.bottom() + 4 + metrics.height(), plot.width(), metrics.height()),
                     Qt::AlignHCenter | Qt::AlignTop, tr("aesthetics score (% of each group's images)"));

    // The legend, one swatch per series, along the top.
    int x = plot.left();
    const int swatch = metrics.height() - 4;
    for (const Series& entry : m_series) {
        const QRect box(x, 4, swatch, swatch);
        if (entry.style == Style::Bars) {
            painter.fillRect(box, entry.colour);
        } else {
            QPen pen(entry.colour, 2);
            pen.setStyle(entry.style == Style::DashedOutline ? Qt::DashLine : Qt::SolidLine);
            painter.setPen(pen);
            painter.drawLine(box.left(), box.center().y(), box.right() + 4, box.center().y());
        }
        painter.setPen(text);
        const QString label = QStringLiteral("%1 (%2)").arg(entry.name).arg(entry.histogram.count);
        const int labelWidth = metrics.horizontalAdvance(label);
        painter.drawText(QRect(x + swatch + 8, 2, labelWidth, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, label);
        x += swatch + 8 + labelWidth + 14;
    }
}

} // namespace curator::ui
