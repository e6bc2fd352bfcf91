#include "widgets/commitgraphdelegate.h"

#include "models/commitlogmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace curator::ui {

namespace {

constexpr int kDotRadius = 4;
constexpr int kLabelPadding = 4;
constexpr int kLabelGap = 4;

int laneX(const QRect& cell, int lane) {
    return cell.left() + CommitGraphDelegate::kLaneWidth / 2 + lane * CommitGraphDelegate::kLaneWidth;
}

qreal pointY(const QRect& cell, GraphRowPoint point) {
    switch (point) {
    case GraphRowPoint::Top:
        return cell.top();
    case GraphRowPoint::Center:
        return cell.top() + cell.height() / 2.0;
    case GraphRowPoint::Bottom:
    default:
        return cell.top() + cell.height();
    }
}

QString headLabel(const std::string& branch) {
    return QString::fromStdString(branch);
}

void paintDot(QPainter* painter, const QPointF& center, const GraphRow& row, const QColor& color,
              const QColor& background) {
    const QColor grey(150, 150, 150);
    // A light halo keeps the dot visible on a selected row's highlight.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 200));
    painter->drawEllipse(center, kDotRadius + 3.5, kDotRadius + 3.5);
    painter->setPen(QPen(row.undone ? grey : color, 2));
    switch (row.mark) {
    case GraphCommitMark::Merge:
        // A ring with a small centre: two lines meet here.
        painter->setBrush(background);
        painter->drawEllipse(center, kDotRadius + 1.5, kDotRadius + 1.5);
        painter->setBrush(row.undone ? grey : color);
        painter->drawEllipse(center, 1.5, 1.5);
        break;
    case GraphCommitMark::Revert: {
        QPolygonF diamond;
        const qreal r = kDotRadius + 1.5;
        diamond << center + QPointF(0, -r) << center + QPointF(r, 0) << center + QPointF(0, r)
                << center + QPointF(-r, 0);
        // A redo is drawn hollow: it puts back what a revert took out.
        painter->setBrush(row.undone || row.redo ? background : color);
        painter->drawPolygon(diamond);
        break;
    }
    case GraphCommitMark::Commit:
    default:
        painter->setBrush(row.undone ? background : color);
        painter->drawEllipse(center, kDotRadius, kDotRadius);
        break;
    }
    if (row.undone) {
        painter->setPen(QPen(grey, 1.5));
        const qreal r = kDotRadius + 2.5;
        painter->drawLine(center + QPointF(-r, -r), center + QPointF(r, r));
    }
}

} // namespace

CommitGraphDelegate::CommitGraphDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

QColor CommitGraphDelegate::laneColor(int lane) {
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                    QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x17, 0xbe, 0xcf),
                                    QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2)};
    const int count = static_cast<int>(sizeof(colors) / sizeof(colors[0]));
    return colors[((lane % count) + count) % count];
}

QSize CommitGraphDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() != CommitLogModel::GraphColumn) {
        return size;
    }
    const GraphRow row = index.data(CommitLogModel::GraphRowRole).value<GraphRow>();
    int width = std::max(1, index.data(CommitLogModel::LaneCountRole).toInt()) * kLaneWidth + kLabelGap;
    const QFontMetrics metrics(option.font);
    for (const std::string& head : row.heads) {
        width += metrics.horizontalAdvance(headLabel(head)) + 2 * kLabelPadding + kLabelGap;
    }
    const QString forkMark = index.data(CommitLogModel::ForkMarkRole).toString();
    if (!forkMark.isEmpty()) {
        QFont italic = option.font;
        italic.setItalic(true);
        width += QFontMetrics(italic).horizontalAdvance(forkMark) + 2 * kLabelPadding + kLabelGap;
    }
    size.setWidth(width);
    size.setHeight(std::max(size.height(), 2 * kDotRadius + 12));
    return size;
}

void CommitGraphDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    if (index.column() != CommitLogModel::GraphColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection as the style draws them, then the graph on top.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const GraphRow row = index.data(CommitLogModel::GraphRowRole).value<GraphRow>();
    const QRect cell = option.rect;
    painter->save();
    painter->setClipRect(cell);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    for (const GraphSegment& segment : row.segments) {
        const QPointF from(laneX(cell, segment.fromLane), pointY(cell, segment.from));
        const QPointF to(laneX(cell, segment.toLane), pointY(cell, segment.to));
        painter->setPen(QPen(laneColor(segment.colorLane), 2));
        if (segment.fromLane == segment.toLane) {
            painter->drawLine(from, to);
        } else {
            // A bend: leaves and arrives vertically, like a git graph's curve.
            QPainterPath path(from);
            const qreal middle = (from.y() + to.y()) / 2;
            path.cubicTo(QPointF(from.x(), middle), QPointF(to.x(), middle), to);
            painter->drawPath(path);
        }
    }
    const QColor fill = option.state & QStyle::State_Selected ? option.palette.highlight().color()
                                                              : option.palette.base().color();
    const QPointF center(laneX(cell, row.lane), pointY(cell, GraphRowPoint::Center));
    paintDot(painter, center, row, laneColor(row.lane), fill);

    // Branch heads after the lanes.
    const QString checkedOut = index.data(CommitLogModel::CheckedOutRole).toString();
    const QFontMetrics metrics(option.font);
    int x =
        cell.left() + std::max(1, index.data(CommitLogModel::LaneCountRole).toInt()) * kLaneWidth + kLabelGap;
    const int labelHeight = std::min(cell.height() - 4, metrics.height() + 2);
    for (const std::string& head : row.heads) {
        const QString text = headLabel(head);
        const QRect label(x, cell.top() + (cell.height() - labelHeight) / 2,
                          metrics.horizontalAdvance(text) + 2 * kLabelPadding, labelHeight);
        const QColor color = laneColor(row.lane);
        const bool current = text == checkedOut;
        painter->setPen(QPen(color, 1));
        painter->setBrush(current ? color : fill);
        painter->drawRoundedRect(QRectF(label).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->setPen(current ? QColor(Qt::white) : color);
        painter->drawText(label, Qt::AlignCenter, text);
        x = label.right() + 1 + kLabelGap;
    }
    // Where a fork's branch starts: "fork of agent/X @ turn N", dashed, after the heads.
    const QString forkMark = index.data(CommitLogModel::ForkMarkRole).toString();
    if (!forkMark.isEmpty()) {
        QFont italic = option.font;
        italic.setItalic(true);
        const QFontMetrics italicMetrics(italic);
        const QRect label(x, cell.top() + (cell.height() - labelHeight) / 2,
                          italicMetrics.horizontalAdvance(forkMark) + 2 * kLabelPadding, labelHeight);
        const QColor color = laneColor(row.lane).darker(130);
        painter->setFont(italic);
        painter->setPen(QPen(color, 1, Qt::DashLine));
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(label).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->setPen(color);
        painter->drawText(label, Qt::AlignCenter, forkMark);
    }
    painter->restore();
}

} // namespace curator::ui
