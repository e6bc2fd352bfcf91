#pragma once

#include <QStyledItemDelegate>

namespace curator::ui {

// Paints CommitLogModel's graph column like `git log --graph`: each row's lane segments (from
// GraphRowRole, coloured per lane), the commit's dot (a commit filled, a merge a ring, a revert a
// diamond, an undone commit hollow grey and crossed out), then labels for the branches whose head the
// commit is (the checked-out branch's label filled), and where a fork's branch starts a dashed mark
// "fork of agent/X @ turn N" (ForkMarkRole). Other columns are painted as usual.
class CommitGraphDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int kLaneWidth = 16;

    explicit CommitGraphDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The colour of a lane's lines and dots (a fixed cycle, so a lane keeps its colour).
    static QColor laneColor(int lane);
};

} // namespace curator::ui
