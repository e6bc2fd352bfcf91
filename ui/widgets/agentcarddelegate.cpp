#include "widgets/agentcarddelegate.h"

#include "ingest/ingest.h"
#include "models/agentcards.h"
#include "models/agenttimelinemodel.h"
#include "models/thumbnailcache.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace curator::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kMargin = 3;     // between cards
constexpr int kThumbnail = 56; // px, the strip's tiles
constexpr int kThumbnailGap = 3;
constexpr int kHistogramHeight = 30;
constexpr int kHistogramMaxWidth = 220;
constexpr int kLinkGap = 14;

const AgentTimelineModel* timelineOf(const QModelIndex& index) {
    return qobject_cast<const AgentTimelineModel*>(index.model());
}

QFont boldOf(QFont font) {
    font.setBold(true);
    return font;
}

QFont smallOf(QFont font) {
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    return font;
}

QString titleOf(const AgentCard& card) {
    return card.turn > 0 ? AgentCardDelegate::tr("T%1 \u00B7 %2").arg(card.turn).arg(card.title) : card.title;
}

QString keyOf(const AgentCardImage& image) {
    return image.source + QLatin1Char('/') + image.id;
}

} // namespace

AgentCardDelegate::AgentCardDelegate(ThumbnailCache* thumbnails, QString workspaceDirectory, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails)
    , m_workspaceDirectory(std::move(workspaceDirectory)) {}

AgentCardDelegate::Geometry AgentCardDelegate::geometry(const QStyleOptionViewItem& option,
                                                        const AgentCard& card) const {
    Geometry g;
    const QFontMetrics metrics(option.font);
    const QFontMetrics small(smallOf(option.font));
    const int line = metrics.height();
    const QRect inner = option.rect.adjusted(kMargin + kPadding, kMargin + kPadding, -kMargin - kPadding,
                                             -kMargin - kPadding);
    const int width = std::max(40, inner.width());
    int y = inner.top();
    const QString rawText = tr("Raw");
    const int rawWidth = small.horizontalAdvance(rawText);
    g.raw = QRect(inner.left() + width - rawWidth, y, rawWidth, line);
    g.title = QRect(inner.left(), y, std::max(10, width - rawWidth - kPadding), line);
    y += line;
    for (int i = 0; i < card.details.size(); ++i) {
        g.details << QRect(inner.left(), y, width, small.height());
        y += small.height();
    }
    if (card.answered) {
        g.result = QRect(inner.left(), y, width, line);
        y += line;
    }
    if (!card.scoreCounts.isEmpty()) {
        y += 2;
        g.histogram = QRect(inner.left(), y, std::min(width, kHistogramMaxWidth), kHistogramHeight);
        y += kHistogramHeight + small.height();
    }
    if (!card.images.isEmpty()) {
        y += 3;
        const int fits = std::max(1, (width + kThumbnailGap) / (kThumbnail + kThumbnailGap));
        g.thumbnailsShown = std::min(static_cast<int>(card.images.size()), fits);
        g.strip = QRect(inner.left(), y, g.thumbnailsShown * (kThumbnail + kThumbnailGap) - kThumbnailGap,
                        kThumbnail);
        y += kThumbnail + 2;
    }
    if (!card.images.isEmpty() || !card.gridFiles.isEmpty()) {
        int x = inner.left();
        if (!card.images.isEmpty()) {
            const int w = small.horizontalAdvance(tr("Show in grid"));
            g.showInGrid = QRect(x, y, w, small.height());
            x += w + kLinkGap;
        }
        if (!card.gridFiles.isEmpty()) {
            g.openGrid =
                QRect(x, y, small.horizontalAdvance(tr("Open the grid the agent saw")), small.height());
        }
        y += small.height();
    }
    Q_UNUSED(y)
    return g;
}

QSize AgentCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const AgentTimelineModel* model = timelineOf(index);
    if (model == nullptr) {
        return QStyledItemDelegate::sizeHint(option, index);
    }
    const AgentCard& card = model->card(index.row());
    const QFontMetrics metrics(option.font);
    const QFontMetrics small(smallOf(option.font));
    int height = metrics.height() + small.height() * static_cast<int>(card.details.size());
    if (card.answered) {
        height += metrics.height();
    }
    if (!card.scoreCounts.isEmpty()) {
        height += 2 + kHistogramHeight + small.height();
    }
    if (!card.images.isEmpty()) {
        height += 3 + kThumbnail + 2;
    }
    if (!card.images.isEmpty() || !card.gridFiles.isEmpty()) {
        height += small.height();
    }
    // The width follows the view: cards wrap nothing, they elide.
    return {200, height + 2 * (kPadding + kMargin)};
}

void AgentCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    const AgentTimelineModel* model = timelineOf(index);
    if (model == nullptr) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const AgentCard& card = model->card(index.row());
    const Geometry g = geometry(option, card);
    const QPalette& palette = option.palette;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QRectF frame =
        QRectF(option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin)).adjusted(0.5, 0.5, -0.5, -0.5);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor failed(200, 40, 40);
    painter->setPen(selected ? palette.color(QPalette::Highlight)
                             : (card.ok ? palette.color(QPalette::Mid) : failed));
    QColor fill = palette.color(QPalette::Base);
    if (selected) {
        fill = palette.color(QPalette::Highlight);
        fill.setAlpha(40);
    }
    painter->setBrush(fill);
    painter->drawRoundedRect(frame, 4, 4);
    painter->setRenderHint(QPainter::Antialiasing, false);

    const QFont bold = boldOf(option.font);
    const QFont small = smallOf(option.font);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics smallMetrics(small);
    const QColor text = palette.color(QPalette::Text);
    QColor dim = text;
    dim.setAlpha(150);
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(g.title, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(titleOf(card), Qt::ElideRight, g.title.width()));
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::Link));
    painter->drawText(g.raw, Qt::AlignRight | Qt::AlignVCenter, tr("Raw"));
    painter->setPen(dim);
    for (int i = 0; i < g.details.size(); ++i) {
        painter->drawText(g.details[i], Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(card.details[i], Qt::ElideRight, g.details[i].width()));
    }
    if (!g.result.isNull()) {
        painter->setFont(option.font);
        painter->setPen(card.ok ? QColor(20, 110, 50) : failed);
        painter->drawText(
            g.result, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(option.font)
                .elidedText(QStringLiteral("\u2192 ") + card.result, Qt::ElideRight, g.result.width()));
    } else {
        painter->setPen(dim);
    }
    if (!g.histogram.isNull()) {
        paintHistogram(painter, g.histogram, card);
    }
    if (!g.strip.isNull()) {
        paintStrip(painter, g, card);
    }
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::Link));
    if (!g.showInGrid.isNull()) {
        painter->drawText(g.showInGrid, Qt::AlignLeft | Qt::AlignVCenter, tr("Show in grid"));
    }
    if (!g.openGrid.isNull()) {
        painter->drawText(g.openGrid, Qt::AlignLeft | Qt::AlignVCenter, tr("Open the grid the agent saw"));
    }
    painter->restore();
}

void AgentCardDelegate::paintHistogram(QPainter* painter, const QRect& rect, const AgentCard& card) const {
    const int bins = static_cast<int>(card.scoreCounts.size());
    const int highest = std::max(1, *std::max_element(card.scoreCounts.begin(), card.scoreCounts.end()));
    const double barWidth = static_cast<double>(rect.width()) / bins;
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(70, 120, 190));
    for (int bin = 0; bin < bins; ++bin) {
        const int height =
            static_cast<int>(std::lround(rect.height() * card.scoreCounts[bin] / double(highest)));
        if (height > 0) {
            painter->drawRect(
                QRectF(rect.left() + bin * barWidth + 1, rect.bottom() + 1 - height, barWidth - 2, height));
        }
    }
    painter->setPen(QColor(150, 150, 150));
    painter->drawLine(rect.bottomLeft(), rect.bottomRight());
    const QFontMetrics metrics(painter->font());
    const QRect labels(rect.left(), rect.bottom() + 1, rect.width(), metrics.height());
    painter->setPen(QColor(110, 110, 110));
    painter->drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, QString::number(card.scoreLow, 'f', 1));
    painter->drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter, tr("score"));
    painter->drawText(labels, Qt::AlignRight | Qt::AlignVCenter, QString::number(card.scoreHigh, 'f', 1));
}

void AgentCardDelegate::paintStrip(QPainter* painter, const Geometry& g, const AgentCard& card) const {
    const QFontMetrics metrics(painter->font());
    for (int i = 0; i < g.thumbnailsShown; ++i) {
        const AgentCardImage& image = card.images[i];
        const QRect tile(g.strip.left() + i * (kThumbnail + kThumbnailGap), g.strip.top(), kThumbnail,
                         kThumbnail);
        const QString key = keyOf(image);
        const QImage thumbnail = m_thumbnails->thumbnail(key);
        if (thumbnail.isNull()) {
            painter->fillRect(tile, QColor(210, 210, 210));
            QStringList paths{QString::fromStdString(thumbnailPath(
                m_workspaceDirectory.toStdString(), image.source.toStdString(), image.id.toStdString()))};
            if (!image.path.isEmpty()) {
                paths << image.path;
            }
            m_thumbnails->request(key, paths);
        } else {
            const QImage scaled =
                thumbnail.scaled(tile.size(), Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
            const QRect source((scaled.width() - tile.width()) / 2, (scaled.height() - tile.height()) / 2,
                               tile.width(), tile.height());
            painter->drawImage(tile, scaled, source);
        }
        // The similarity (or score) the agent read, as the grid's badge shows it.
        const QString value = QString::number(image.value, 'f', card.imagesAreScores ? 1 : 2);
        const QRect badge(tile.left(), tile.bottom() - metrics.height() + 1,
                          metrics.horizontalAdvance(value) + 4, metrics.height());
        painter->fillRect(badge, QColor(0, 0, 0, 150));
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, value);
    }
    const int more = static_cast<int>(card.images.size()) - g.thumbnailsShown;
    if (more > 0) {
        const QString text = tr("+%1").arg(more);
        const QRect last(g.strip.right() - kThumbnail + 1, g.strip.top(), kThumbnail, metrics.height());
        const QRect badge(last.right() - metrics.horizontalAdvance(text) - 3, last.top(),
                          metrics.horizontalAdvance(text) + 4, metrics.height());
        painter->fillRect(badge, QColor(0, 0, 0, 150));
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, text);
    }
}

bool AgentCardDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                    const QStyleOptionViewItem& option, const QModelIndex& index) {
    const AgentTimelineModel* timeline = timelineOf(index);
    if (event->type() != QEvent::MouseButtonRelease || timeline == nullptr) {
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }
    const QPoint at = static_cast<QMouseEvent*>(event)->position().toPoint();
    const Geometry g = geometry(option, timeline->card(index.row()));
    if (g.showInGrid.contains(at) || g.strip.contains(at)) {
        Q_EMIT showInGridRequested(index.row());
        return true;
    }
    if (g.openGrid.contains(at)) {
        Q_EMIT openGridRequested(index.row());
        return true;
    }
    if (g.raw.contains(at)) {
        Q_EMIT rawRequested(index.row());
        return true;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace curator::ui
