#include "widgets/resultdelegate.h"

#include "models/searchresultsmodel.h"

#include <QPainter>
#include <QPixmap>

namespace curator::ui {

ResultDelegate::ResultDelegate(int side, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_side(side) {}

QSize ResultDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {m_side + 8, m_side + 24};
}

void ResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    painter->save();
    const QRect cell = option.rect.adjusted(4, 4, -4, -4);
    if (option.state & QStyle::State_Selected) {
        painter->fillRect(option.rect, option.palette.highlight());
    }
    const QRect imageArea(cell.left(), cell.top(), cell.width(), m_side);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (pixmap.isNull()) {
        painter->fillRect(imageArea, QColor(60, 60, 60));
    } else {
        const QPixmap scaled = pixmap.scaled(imageArea.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        painter->drawPixmap(imageArea.left() + (imageArea.width() - scaled.width()) / 2,
                            imageArea.top() + (imageArea.height() - scaled.height()) / 2, scaled);
    }
    const QString badge = QString::number(index.data(SearchResultsModel::SimilarityRole).toDouble(), 'f', 3);
    const QRect badgeRect(imageArea.right() - 52, imageArea.top() + 4, 48, 18);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 170));
    painter->drawRoundedRect(badgeRect, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);
    painter->setPen(option.palette.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                               : QPalette::Text));
    const QRect label(cell.left(), imageArea.bottom() + 2, cell.width(), 16);
    painter->drawText(
        label, Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(index.data(SearchResultsModel::SourceRole).toString() +
                                              QLatin1Char('/') + index.data(Qt::DisplayRole).toString(),
                                          Qt::ElideMiddle, cell.width()));
    painter->restore();
}

} // namespace curator::ui
