#include "widgets/balancechartview.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace curator::ui {

namespace {

constexpr int kRowHeight = 18;
constexpr int kBarHeight = 12;
constexpr int kMargin = 8;
constexpr int kAxisHeight = 20;
constexpr int kLegendHeight = 22;
constexpr int kMaxTicks = 6;

} // namespace

BalanceChartView::BalanceChartView(QWidget* parent)
    : QWidget(parent) {
    setEmptyText(tr("Run the report to see the balance of the dataset."));
}

QStringList BalanceChartView::directions() {
    return {QStringLiteral("anti"), QStringLiteral("pro"), QStringLiteral("mixed"),
            QStringLiteral("unknown")};
}

QColor BalanceChartView::directionColour(const QString& direction) {
    if (direction == QLatin1String("anti")) {
        return QColor(0xc0, 0x39, 0x2b);
    }
    if (direction == QLatin1String("pro")) {
        return QColor(0x27, 0xae, 0x60);
    }
    if (direction == QLatin1String("mixed")) {
        return QColor(0xe6, 0x7e, 0x22);
    }
    return QColor(0x95, 0xa5, 0xa6);
}

void BalanceChartView::setEmptyText(const QString& text) {
    m_emptyText = text;
    update();
}

void BalanceChartView::setReport(std::shared_ptr<const BalanceReport> report) {
    m_report = std::move(report);
    rebuildRows();
}

void BalanceChartView::setHideEmpty(bool hide) {
    m_hideEmpty = hide;
    rebuildRows();
}

void BalanceChartView::rebuildRows() {
    m_rows.clear();
    size_t largest = 0;
    if (m_report) {
        auto add = [this, &largest](const BalanceAttribute& attribute, bool underTarget) {
            Row row;
            row.label =
                QStringLiteral("%1 (%2)").arg(QString::fromStdString(attribute.name)).arg(attribute.images);
            row.images = attribute.images;
            row.byDirection = attribute.byDirection;
            row.underTarget = underTarget;
            largest = std::max(largest, attribute.images);
            m_rows.push_back(std::move(row));
        };
        std::string group;
        for (const BalanceAttribute& attribute : m_report->attributes) {
            if (m_hideEmpty && attribute.images == 0) {
                continue;
            }
            if (attribute.group != group || m_rows.isEmpty()) {
                group = attribute.group;
                Row heading;
                heading.heading = true;
                heading.label = QString::fromStdString(group);
                m_rows.push_back(std::move(heading));
            }
            add(attribute, attribute.images < m_report->target);
        }
        if (m_report->unknown.images > 0) {
            Row heading;
            heading.heading = true;
            heading.label = tr("no attribute");
            m_rows.push_back(std::move(heading));
            add(m_report->unknown, false);
        }
        largest = std::max(largest, m_report->target);
    }
    m_xTop = niceCeiling(double(std::max<size_t>(largest, 1)), kMaxTicks, 1);
    updateGeometry();
    update();
}

QStringList BalanceChartView::rowLabels() const {
    QStringList labels;
    for (const Row& row : m_rows) {
        if (!row.heading) {
            labels << row.label;
        }
    }
    return labels;
}

QStringList BalanceChartView::underTarget() const {
    QStringList labels;
    for (const Row& row : m_rows) {
        if (row.underTarget) {
            labels << row.label;
        }
    }
    return labels;
}

AxisTicks BalanceChartView::xTicks() const {
    return niceTicks(0, m_xTop, kMaxTicks, 1);
}

int BalanceChartView::labelWidth() const {
    int width = 0;
    for (const Row& row : m_rows) {
        if (!row.heading) {
            width = std::max(width, fontMetrics().horizontalAdvance(row.label));
        }
    }
    // Long attribute names are elided rather than squeezing the bars.
    return std::min(width + kMargin + 4, std::max(120, this->width() * 2 / 5));
}

QRect BalanceChartView::plotRect() const {
    const int left = labelWidth() + kMargin;
    return QRect(left, kMargin + kLegendHeight + kAxisHeight, std::max(40, width() - left - 2 * kMargin),
                 int(m_rows.size()) * kRowHeight);
}

QSize BalanceChartView::sizeHint() const {
    return QSize(520,
                 kMargin * 2 + kLegendHeight + kAxisHeight + std::max(4, int(m_rows.size())) * kRowHeight);
}

QSize BalanceChartView::minimumSizeHint() const {
    return QSize(260,
                 kMargin * 2 + kLegendHeight + kAxisHeight + std::max(4, int(m_rows.size())) * kRowHeight);
}

void BalanceChartView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QColor text = palette().color(QPalette::Text);
    if (m_rows.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                         Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    const QRect plot = plotRect();
    const auto xOf = [&plot, this](double value) { return plot.left() + int(value / m_xTop * plot.width()); };

    // Legend: the stacking order's colours.
    int legendX = plot.left();
    for (const QString& direction : directions()) {
        painter.fillRect(QRect(legendX, kMargin + 4, 10, 10), directionColour(direction));
        painter.setPen(text);
        painter.drawText(QPoint(legendX + 14, kMargin + 13), direction);
        legendX += 14 + fontMetrics().horizontalAdvance(direction) + 14;
    }

    // Grid and x axis.
    const AxisTicks ticks = xTicks();
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(90);
    for (double value : ticks.values) {
        const int x = xOf(value);
        painter.setPen(grid);
        painter.drawLine(x, plot.top(), x, plot.bottom());
        painter.setPen(text);
        const QString label = tickLabel(value, ticks.decimals);
        // The axis is labelled above the bars: a long taxonomy scrolls, and its bottom is rarely in view.
        painter.drawText(QRect(x - 30, plot.top() - kAxisHeight, 60, kAxisHeight - 2),
                         Qt::AlignHCenter | Qt::AlignBottom, label);
    }

    const QColor warning = QColor(0xc0, 0x39, 0x2b);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        const int top = plot.top() + i * kRowHeight;
        const QRect labelRect(kMargin, top, plot.left() - 2 * kMargin, kRowHeight);
        if (row.heading) {
            QFont bold = font();
            bold.setBold(true);
            painter.setFont(bold);
            painter.setPen(text);
            painter.drawText(QRect(kMargin, top, width() - 2 * kMargin, kRowHeight),
                             Qt::AlignLeft | Qt::AlignVCenter, row.label);
            painter.setFont(font());
            continue;
        }
        painter.setPen(row.underTarget ? warning : text);
        painter.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
                         fontMetrics().elidedText(row.label, Qt::ElideMiddle, labelRect.width()));
        // The direction counts of an attribute add up to its images (each image has one direction).
        double start = 0;
        for (const QString& direction : directions()) {
            const auto found = row.byDirection.find(direction.toStdString());
            if (found == row.byDirection.end() || found->second == 0) {
                continue;
            }
            const double end = start + double(found->second);
            const int left = xOf(start);
            painter.fillRect(
                QRect(left, top + (kRowHeight - kBarHeight) / 2, std::max(1, xOf(end) - left), kBarHeight),
                directionColour(direction));
            start = end;
        }
    }

    if (m_report) {
        const int x = xOf(double(m_report->target));
        QPen pen(text, 1, Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(x, plot.top(), x, plot.bottom());
        const QString target = tr("target %1").arg(m_report->target);
        painter.drawText(QPoint(std::min(x + 4, width() - kMargin - fontMetrics().horizontalAdvance(target)),
                                kMargin + 13),
                         target);
    }
}

} // namespace curator::ui
