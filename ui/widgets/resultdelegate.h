#pragma once

#include <QStyledItemDelegate>

namespace curator::ui {

// Paints a result tile: the thumbnail (or a placeholder until it arrives) and a similarity badge. Masked
// and rejected tiles are drawn grey and dimmed, accepted ones framed and badged; the current tile (the
// one the review keys act on) gets a focus frame.
class ResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ResultDelegate(int side, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_side;
};

} // namespace curator::ui
