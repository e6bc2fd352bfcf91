#include "widgets/similarityhistogramview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace curator::ui {

namespace {

constexpr int kMaxXTicks = 8;
constexpr int kMaxYTicks = 4; // a short chart: 0 and three more
constexpr double kKeyStep = 0.005;
constexpr double kPageStep = 0.05;
constexpr int kClickSlop = 3; // pixels a press may move and still be a click

const QColor kBarBelow(150, 172, 200);
const QColor kBarAbove(52, 110, 185);
const QColor kBarSelected(230, 140, 30);
const QColor kThreshold(215, 50, 50);
const QColor kBand(90, 180, 90, 60);
const QColor kSelection(230, 140, 30, 45);

} // namespace

SimilarityHistogramView::SimilarityHistogramView(QWidget* parent)
    : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setAccessibleName(tr("Similarity histogram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize SimilarityHistogramView::sizeHint() const {
    return {480, 180};
}

QSize SimilarityHistogramView::minimumSizeHint() const {
    return {240, 120};
}

void SimilarityHistogramView::setDistribution(const SimilarityDistribution& distribution) {
    m_distribution = distribution;
    m_first = 0;
    m_last = -1;
    const int bins = static_cast<int>(distribution.counts.size());
    for (int b = 0; b < bins; ++b) {
        if (distribution.counts[static_cast<size_t>(b)] > 0) {
            if (m_last < 0) {
                m_first = b;
            }
            m_last = b;
        }
    }
    const bool hadSelection = m_selection.has_value();
    m_selection.reset();
    m_band.reset(); // a band of the previous search's query
    m_drag = Drag::None;
    if (hadSelection) {
        Q_EMIT rangeCleared();
    }
    if (isEmpty()) {
        m_first = 0;
        m_last = -1;
        update();
        return;
    }
    m_minimum = binLow(m_first);
    m_maximum = binLow(m_last + 1);
    // A few bins can tower over the rest (images far from the query pile up at one similarity): the y
    // axis stops at 1.5x the 95th percentile of the bars, and the bars it cuts are marked as cut.
    std::vector<size_t> heights(distribution.counts.begin() + m_first,
                                distribution.counts.begin() + m_last + 1);
    const size_t peak = *std::max_element(heights.begin(), heights.end());
    std::sort(heights.begin(), heights.end());
    const double typical =
        static_cast<double>(heights[static_cast<size_t>(0.95 * static_cast<double>(heights.size() - 1))]);
    const double cap = std::max(1.0, typical * 1.5);
    m_yTop = niceCeiling(std::min(static_cast<double>(peak), cap), kMaxYTicks - 1, 1);
    m_threshold = std::clamp(m_threshold, m_minimum, m_maximum);
    update();
}

void SimilarityHistogramView::clear() {
    setDistribution({});
}

void SimilarityHistogramView::setThreshold(double threshold) {
    m_threshold = isEmpty() ? threshold : std::clamp(threshold, m_minimum, m_maximum);
    update();
}

void SimilarityHistogramView::setSampledBand(double minimum, double maximum) {
    m_band = std::make_pair(std::min(minimum, maximum), std::max(minimum, maximum));
    update();
}

void SimilarityHistogramView::clearSampledBand() {
    m_band.reset();
    update();
}

void SimilarityHistogramView::clearSelectedRange() {
    if (m_selection) {
        m_selection.reset();
        update();
        Q_EMIT rangeCleared();
    }
}

double SimilarityHistogramView::binWidth() const {
    const size_t bins = std::max<size_t>(1, m_distribution.counts.size());
    return (m_distribution.maximum - m_distribution.minimum) / static_cast<double>(bins);
}

double SimilarityHistogramView::binLow(int bin) const {
    return m_distribution.minimum + binWidth() * bin;
}

int SimilarityHistogramView::binAt(double value) const {
    const int bin = static_cast<int>(std::floor((value - m_distribution.minimum) / binWidth()));
    return std::clamp(bin, m_first, std::max(m_first, m_last));
}

AxisTicks SimilarityHistogramView::xTicks() const {
    if (isEmpty()) {
        return {};
    }
    return niceTicks(m_minimum, m_maximum, kMaxXTicks);
}

AxisTicks SimilarityHistogramView::yTicks() const {
    if (isEmpty()) {
        return {};
    }
    return niceTicks(0, m_yTop, kMaxYTicks, 1);
}

QVector<SimilarityHistogramView::ClippedBin> SimilarityHistogramView::clippedBins() const {
    QVector<ClippedBin> clipped;
    for (int b = m_first; b <= m_last; ++b) {
        const size_t count = m_distribution.counts[static_cast<size_t>(b)];
        if (static_cast<double>(count) > m_yTop) {
            clipped.push_back({b, count});
        }
    }
    return clipped;
}

QString SimilarityHistogramView::emptyText() const {
    return isEmpty() ? tr("Search to see how similarities spread.") : QString();
}

QRect SimilarityHistogramView::plotRect() const {
    const QFontMetrics metrics = fontMetrics();
    int labelWidth = metrics.horizontalAdvance(QStringLiteral("0"));
    const AxisTicks ticks = yTicks();
    for (double value : ticks.values) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(tickLabel(value, ticks.decimals)));
    }
    const int left = labelWidth + 10;
    const int top = metrics.height() + 4;        // room for a cut bar's count
    const int bottom = 2 * metrics.height() + 6; // tick labels, then the axis title
    const int right = 12;
    return QRect(left, top, std::max(1, width() - left - right), std::max(1, height() - top - bottom));
}

int SimilarityHistogramView::xForValue(double value) const {
    const QRect plot = plotRect();
    const double span = std::max(1e-12, m_maximum - m_minimum);
    return plot.left() + static_cast<int>(std::lround((value - m_minimum) / span * plot.width()));
}

double SimilarityHistogramView::valueForX(double x) const {
    const QRect plot = plotRect();
    const double fraction = (x - plot.left()) / std::max(1, plot.width());
    return std::clamp(m_minimum + fraction * (m_maximum - m_minimum), m_minimum, m_maximum);
}

void SimilarityHistogramView::moveThresholdTo(double value) {
    value = std::clamp(std::round(value * 1000) / 1000, m_minimum, m_maximum); // tidy to 0.001
    if (value != m_threshold) {
        m_threshold = value;
        update();
        Q_EMIT thresholdMoved(m_threshold);
    }
}

void SimilarityHistogramView::updateSelection(double from, double to) {
    const int low = binAt(std::min(from, to));
    const int high = binAt(std::max(from, to));
    m_selection = std::make_pair(binLow(low), binLow(high + 1));
    update();
}

void SimilarityHistogramView::mousePressEvent(QMouseEvent* event) {
    if (isEmpty()) {
        return QWidget::mousePressEvent(event);
    }
    setFocus(Qt::MouseFocusReason);
    const double value = valueForX(event->position().x());
    m_dragOrigin = value;
    m_pressX = event->position().x();
    if (event->button() == Qt::RightButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
        m_drag = Drag::Range;
        updateSelection(value, value);
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Threshold;
        moveThresholdTo(value);
    }
    event->accept();
}

void SimilarityHistogramView::mouseMoveEvent(QMouseEvent* event) {
    const double value = valueForX(event->position().x());
    if (m_drag == Drag::Threshold) {
        moveThresholdTo(value);
    } else if (m_drag == Drag::Range) {
        updateSelection(m_dragOrigin, value);
    }
}

void SimilarityHistogramView::mouseReleaseEvent(QMouseEvent* event) {
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (drag == Drag::Range && m_selection) {
        updateSelection(m_dragOrigin, valueForX(event->position().x()));
        Q_EMIT rangeSelected(m_selection->first, m_selection->second);
    } else if (drag == Drag::Threshold && m_selection &&
               std::abs(event->position().x() - m_pressX) <= kClickSlop) {
        // A plain click outside the selected bars lets go of the selection (the threshold still moves).
        const double value = valueForX(event->position().x());
        if (value < m_selection->first || value > m_selection->second) {
            clearSelectedRange();
        }
    }
}

void SimilarityHistogramView::keyPressEvent(QKeyEvent* event) {
    if (isEmpty()) {
        return QWidget::keyPressEvent(event);
    }
    switch (event->key()) {
    case Qt::Key_Left:
        moveThresholdTo(m_threshold - kKeyStep);
        break;
    case Qt::Key_Right:
        moveThresholdTo(m_threshold + kKeyStep);
        break;
    case Qt::Key_PageDown:
        moveThresholdTo(m_threshold - kPageStep);
        break;
    case Qt::Key_PageUp:
        moveThresholdTo(m_threshold + kPageStep);
        break;
    case Qt::Key_Home:
        moveThresholdTo(m_minimum);
        break;
    case Qt::Key_End:
        moveThresholdTo(m_maximum);
        break;
    case Qt::Key_Escape:
        if (!m_selection) {
            return QWidget::keyPressEvent(event);
        }
        clearSelectedRange();
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    event->accept();
}

bool SimilarityHistogramView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        QString text = tr("Drag (or Left/Right) to move the threshold.\nShift-drag or right-drag across bars "
                          "to show only that range in the grid; Esc or a click elsewhere clears it.");
        if (!isEmpty() && plotRect().contains(help->pos())) {
            const int bin = binAt(valueForX(help->pos().x()));
            text = tr("%1 to %2: %n image(s)", nullptr,
                      static_cast<int>(m_distribution.counts[static_cast<size_t>(bin)]))
                       .arg(QString::number(binLow(bin), 'f', 3), QString::number(binLow(bin + 1), 'f', 3)) +
                   QLatin1Char('\n') + text;
        }
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void SimilarityHistogramView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, emptyText());
        return;
    }
    const QRect plot = plotRect();
    if (m_band) {
        const int x0 = xForValue(std::max(m_band->first, m_minimum));
        const int x1 = xForValue(std::min(m_band->second, m_maximum));
        if (x1 >= x0) {
            const QRect band(x0, plot.top(), std::max(1, x1 - x0), plot.height());
            painter.fillRect(band, kBand);
            painter.setPen(QColor(40, 120, 40));
            painter.drawText(band.adjusted(2, 1, 0, 0), Qt::AlignLeft | Qt::AlignTop, tr("sampled"));
        }
    }
    if (m_selection) {
        const int x0 = xForValue(m_selection->first);
        const int x1 = xForValue(m_selection->second);
        painter.fillRect(QRect(x0, plot.top(), std::max(1, x1 - x0), plot.height()), kSelection);
    }
    paintBars(painter, plot);
    paintAxes(painter, plot);

    // The threshold: a line with a handle on top, and its value on the side with room.
    const int x = xForValue(m_threshold);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(kThreshold, hasFocus() ? 3 : 2));
    painter.drawLine(x, plot.top(), x, plot.bottom());
    QPainterPath handle;
    handle.moveTo(x - 5, plot.top() - 6);
    handle.lineTo(x + 5, plot.top() - 6);
    handle.lineTo(x, plot.top());
    handle.closeSubpath();
    painter.fillPath(handle, kThreshold);
    const QString label = QStringLiteral("%1").arg(m_threshold, 0, 'f', 3);
    const int labelWidth = painter.fontMetrics().horizontalAdvance(label);
    const bool right = x + 6 + labelWidth < plot.right();
    const QRect labelRect(right ? x + 6 : x - 6 - labelWidth, plot.top() + 2, labelWidth,
                          painter.fontMetrics().height());
    painter.fillRect(labelRect, QColor(255, 255, 255, 200));
    painter.setPen(kThreshold);
    painter.drawText(labelRect, Qt::AlignCenter, label);
}

void SimilarityHistogramView::paintBars(QPainter& painter, const QRect& plot) const {
    const QFontMetrics metrics = painter.fontMetrics();
    int lastLabelRight = -1000;
    for (int b = m_first; b <= m_last; ++b) {
        const size_t count = m_distribution.counts[static_cast<size_t>(b)];
        if (count == 0) {
            continue;
        }
        const int x0 = xForValue(binLow(b));
        int x1 = xForValue(binLow(b + 1));
        if (x1 - x0 >= 4) {
            x1 -= 1; // a gap between bars wide enough to show one
        }
        const bool clipped = static_cast<double>(count) > m_yTop;
        const double shown = std::min(static_cast<double>(count), m_yTop);
        const int barHeight = std::max(1, static_cast<int>(std::lround(shown / m_yTop * plot.height())));
        const QRect bar(x0, plot.bottom() - barHeight + 1, std::max(1, x1 - x0), barHeight);
        const double centre = binLow(b) + binWidth() / 2;
        QColor colour = centre >= m_threshold ? kBarAbove : kBarBelow;
        if (m_selection && centre >= m_selection->first && centre <= m_selection->second) {
            colour = kBarSelected;
        }
        painter.fillRect(bar, colour);
        if (clipped) {
            // A broken-axis mark across the cut bar (wider than a thin bar, so it shows), and its true
            // count above it where there is room.
            const int y = plot.top() + 7;
            const int reach = std::max(4, (x1 - x0) / 2 + 2);
            const int centreX = (x0 + x1) / 2;
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(palette().color(QPalette::Base), 4));
            painter.drawLine(centreX - reach, y + 2, centreX + reach, y - 2);
            painter.setPen(QPen(palette().color(QPalette::Text), 1));
            painter.drawLine(centreX - reach, y + 4, centreX + reach, y);
            painter.drawLine(centreX - reach, y, centreX + reach, y - 4);
            painter.restore();
            const QString text = QString::number(count);
            const int textWidth = metrics.horizontalAdvance(text);
            const int left = std::clamp((x0 + x1) / 2 - textWidth / 2, plot.left(), width() - textWidth - 1);
            if (left > lastLabelRight + 3) {
                painter.setPen(palette().color(QPalette::Text));
                painter.drawText(QRect(left, 0, textWidth, plot.top() - 1), Qt::AlignBottom | Qt::AlignLeft,
                                 text);
                lastLabelRight = left + textWidth;
            }
        }
    }
}

void SimilarityHistogramView::paintAxes(QPainter& painter, const QRect& plot) const {
    const QFontMetrics metrics = painter.fontMetrics();
    const QColor text = palette().color(QPalette::Text);
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(90);
    const AxisTicks y = yTicks();
    for (double value : y.values) {
        const int py = plot.bottom() - static_cast<int>(std::lround(value / m_yTop * plot.height()));
        painter.setPen(grid);
        painter.drawLine(plot.left(), py, plot.right(), py);
        painter.setPen(text);
        const QString label = tickLabel(value, y.decimals);
        painter.drawText(QRect(0, py - metrics.height() / 2, plot.left() - 5, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, label);
    }
    painter.setPen(text);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    const AxisTicks x = xTicks();
    int lastRight = -1000;
    for (double value : x.values) {
        const int px = xForValue(value);
        painter.drawLine(px, plot.bottom(), px, plot.bottom() + 3);
        const QString label = tickLabel(value, x.decimals);
        const int labelWidth = metrics.horizontalAdvance(label);
        const int left = px - labelWidth / 2;
        if (left > lastRight + 4) {
            painter.drawText(QRect(left, plot.bottom() + 4, labelWidth, metrics.height()), Qt::AlignCenter,
                             label);
            lastRight = left + labelWidth;
        }
    }
    const QRect titleRow(plot.left(), plot.bottom() + 4 + metrics.height(), plot.width(), metrics.height());
    painter.drawText(titleRow, Qt::AlignHCenter | Qt::AlignTop,
                     tr("cosine similarity (bars: images per %1)").arg(QString::number(binWidth(), 'g', 3)));
}

} // namespace curator::ui
