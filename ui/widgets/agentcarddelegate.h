#pragma once

#include <QRect>
#include <QStyledItemDelegate>
#include <QVector>

namespace curator::ui {

class AgentTimelineModel;
class ThumbnailCache;
struct AgentCard;

// Paints a tool call of the agent as a card from the timeline model (AgentTimelineModel::card): the
// turn and the call in words, detail lines, the result line (red when it failed), a score histogram for a
// rating, the strip of images the agent was shown (thumbnails from the cache, their similarity or score),
// and links: "Show in grid", "Open the grid the agent saw" (when the result names its grid files) and
// "Raw". Clicking a link or the strip emits the matching signal. Nothing but painting: no widgets per row,
// so a run of thousands of calls scrolls as fast as a plain list.
class AgentCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    AgentCardDelegate(ThumbnailCache* thumbnails, QString workspaceDirectory, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // Where the parts of a card lie inside `rect`, for painting, hit tests and tests.
    struct Geometry {
        QRect title;
        QVector<QRect> details;
        QRect result;
        QRect histogram;
        QRect strip;
        int thumbnailsShown = 0;
        QRect showInGrid;
        QRect openGrid;
        QRect raw;
    };
    Geometry geometry(const QStyleOptionViewItem& option, const AgentCard& card) const;
    ThumbnailCache* thumbnails() const { return m_thumbnails; }

Q_SIGNALS:
    void showInGridRequested(int row);
    void openGridRequested(int row);
    void rawRequested(int row);

private:
    void paintStrip(QPainter* painter, const Geometry& geometry, const AgentCard& card) const;
    void paintHistogram(QPainter* painter, const QRect& rect, const AgentCard& card) const;

    ThumbnailCache* m_thumbnails;
    QString m_workspaceDirectory;
};

} // namespace curator::ui
