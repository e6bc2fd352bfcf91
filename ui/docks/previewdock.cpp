#include "docks/previewdock.h"

#include "models/searchresultsmodel.h"

#include <QLabel>
#include <QPixmap>
#include <QResizeEvent>
#include <QVBoxLayout>

namespace curator::ui {

namespace {
// Decoded once at this bound; the label scales down from it as the dock is resized.
const QSize kDecodedBound(1024, 1024);
} // namespace

PreviewDock::PreviewDock(QAbstractItemModel* results, PreviewBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Preview"), parent)
    , m_results(results)
    , m_bridge(bridge)
    , m_picture(new QLabel)
    , m_details(new QLabel(tr("Move through the results to see each image here.")))
    , m_generation(0) {
    setObjectName(QStringLiteral("PreviewDock"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(120, 90);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout;
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_details);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    connect(m_bridge, &PreviewBridge::previewReady, this,
            [this](const PreviewData& preview) { onPreview(preview, {}); });
    connect(m_bridge, &PreviewBridge::failed, this, &PreviewDock::onPreview);
    connect(m_results, &QAbstractItemModel::modelReset, this, [this] { showRow(-1); });
}

void PreviewDock::showRow(int row) {
    const QModelIndex index = m_results->index(row, 0);
    m_row = index.isValid() ? row : -1;
    m_image = {};
    if (!index.isValid()) {
        m_generation = 0;
        m_picture->clear();
        m_details->setText(tr("Move through the results to see each image here."));
        return;
    }
    const QString source = index.data(SearchResultsModel::SourceRole).toString();
    const QString id = index.data(SearchResultsModel::IdRole).toString();
    const QString caption = index.data(SearchResultsModel::CaptionRole).toString();
    m_details->setText(tr("%1/%2  similarity %3%4")
                           .arg(source, id)
                           .arg(index.data(SearchResultsModel::SimilarityRole).toDouble(), 0, 'f', 3)
                           .arg(caption.isEmpty() ? QString() : QStringLiteral("\n") + caption));
    m_picture->setText(tr("loading ..."));
    m_generation =
        m_bridge->request(source, id, index.data(SearchResultsModel::PathRole).toString(), kDecodedBound);
}

void PreviewDock::onPreview(const PreviewData& preview, const QString& error) {
    if (preview.generation != m_generation) {
        return; // an answer for a row no longer shown
    }
    m_image = preview.image;
    if (m_image.isNull()) {
        m_picture->setText(error.isEmpty() ? preview.imageError : error);
        return;
    }
    updateImage();
}

void PreviewDock::resizeEvent(QResizeEvent* event) {
    QDockWidget::resizeEvent(event);
    updateImage();
}

void PreviewDock::updateImage() {
    if (m_image.isNull()) {
        return;
    }
    const QSize bound = m_picture->size().boundedTo(m_image.size());
    m_picture->setPixmap(
        QPixmap::fromImage(m_image.scaled(bound, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

} // namespace curator::ui
