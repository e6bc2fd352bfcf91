#include "widgets/resultdelegate.h"

#include "models/searchresultsmodel.h"

#include <QPainter>
#include <QPixmap>

namespace curator::ui {

namespace {

const QColor kAcceptedColor(46, 160, 67);
const QColor kRejectedColor(207, 34, 46);
// Tiles a commit of the threshold would take: a bar down the left edge and the similarity chip in the
// same colour (blue: neither the accept green nor the reject red).
const QColor kAboveThresholdColor(31, 111, 235);

// A small rounded label with white text.
void drawChip(QPainter* painter, const QRect& rect, const QColor& fill, const QString& text) {
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, text);
}

} // namespace

ResultDelegate::ResultDelegate(int side, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_side(side) {}

QSize ResultDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {m_side + 8, m_side + 24};
}

void ResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    using ReviewMark = SearchResultsModel::ReviewMark;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const auto mark = static_cast<ReviewMark>(index.data(SearchResultsModel::ReviewMarkRole).toInt());
    const bool masked = index.data(SearchResultsModel::MaskedRole).toBool();
    const bool greyed = masked || mark == ReviewMark::Rejected;
    const QRect cell = option.rect.adjusted(4, 4, -4, -4);
    if (option.state & QStyle::State_Selected) {
        painter->fillRect(option.rect, option.palette.highlight());
    }
    const QRect imageArea(cell.left(), cell.top(), cell.width(), m_side);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (pixmap.isNull()) {
        painter->fillRect(imageArea, QColor(60, 60, 60));
    } else {
        QPixmap scaled = pixmap.scaled(imageArea.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (greyed) {
            // Only the few greyed tiles on screen pay for the conversion (150 px: microseconds).
            scaled = QPixmap::fromImage(scaled.toImage().convertToFormat(QImage::Format_Grayscale8));
            // Dimmed over a mid grey, so a bright image stays recognisable instead of washing out.
            painter->fillRect(imageArea, QColor(128, 128, 128));
            painter->setOpacity(0.5);
        }
        painter->drawPixmap(imageArea.left() + (imageArea.width() - scaled.width()) / 2,
                            imageArea.top() + (imageArea.height() - scaled.height()) / 2, scaled);
        painter->setOpacity(1.0);
    }

    const bool above = index.data(SearchResultsModel::AboveThresholdRole).toBool();
    if (above) {
        // Over the image's left edge, so it shows whatever the thumbnail and the selection colour.
        painter->fillRect(QRect(option.rect.left() + 1, imageArea.top(), 8, imageArea.height()),
                          kAboveThresholdColor);
    }
    const QString badge = QString::number(index.data(SearchResultsModel::SimilarityRole).toDouble(), 'f', 3);
    drawChip(painter, QRect(imageArea.right() - 52, imageArea.top() + 4, 48, 18),
             above ? kAboveThresholdColor : QColor(0, 0, 0, 170), badge);
    int chipLeft = imageArea.left() + 4;
    const int chipTop = imageArea.bottom() - 22;
    if (mark == ReviewMark::Accepted) {
        painter->setPen(QPen(kAcceptedColor, 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(imageArea.adjusted(1, 1, -2, -2));
        const QString text = tr("accepted");
        const int width = painter->fontMetrics().horizontalAdvance(text) + 12;
        drawChip(painter, QRect(chipLeft, chipTop, width, 18), kAcceptedColor, text);
        chipLeft += width + 4;
    } else if (mark == ReviewMark::Rejected) {
        const QString text = tr("rejected");
        const int width = painter->fontMetrics().horizontalAdvance(text) + 12;
        drawChip(painter, QRect(chipLeft, chipTop, width, 18), kRejectedColor, text);
        chipLeft += width + 4;
    }
    if (masked) {
        const QString text = tr("masked");
        const int width = painter->fontMetrics().horizontalAdvance(text) + 12;
        drawChip(painter, QRect(chipLeft, chipTop, width, 18), QColor(90, 90, 90, 220), text);
    }

    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(option.palette.color(QPalette::Highlight).lighter(130), 2, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(option.rect.adjusted(1, 1, -2, -2));
    }

    QColor textColor = option.palette.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                  : QPalette::Text);
    if (greyed && !(option.state & QStyle::State_Selected)) {
        textColor = option.palette.color(QPalette::Disabled, QPalette::Text);
    }
    painter->setPen(textColor);
    const QRect label(cell.left(), imageArea.bottom() + 2, cell.width(), 16);
    painter->drawText(
        label, Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(index.data(SearchResultsModel::SourceRole).toString() +
                                              QLatin1Char('/') + index.data(Qt::DisplayRole).toString(),
                                          Qt::ElideMiddle, cell.width()));
    painter->restore();
}

} // namespace curator::ui
