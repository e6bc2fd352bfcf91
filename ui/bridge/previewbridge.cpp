#include "bridge/previewbridge.h"

#include "common/threadhandoff.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>

#include <optional>

namespace curator::ui {

// Kept between jobs on the bridge's single worker: the opened log (opening SQLite per preview would
// cost more than the query).
struct PreviewBridge::State {
    std::string workspace;
    std::optional<CurationLog> log;
};

QImage readScaledImage(const QString& path, const QSize& maxSize, QSize* originalSize, QString* error) {
    const auto fail = [error, &path](const QString& reason) {
        *error = QCoreApplication::translate("PreviewBridge", "%1: %2").arg(path, reason);
        return QImage();
    };
    if (path.isEmpty()) {
        *error = QCoreApplication::translate("PreviewBridge", "the catalog has no file path for this image");
        return {};
    }
    const QFileInfo file(path);
    if (!file.exists()) {
        return fail(QCoreApplication::translate("PreviewBridge", "file not found"));
    }
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (originalSize) {
        *originalSize = size;
    }
    if (size.isValid() && maxSize.isValid() &&
        (size.width() > maxSize.width() || size.height() > maxSize.height())) {
        reader.setScaledSize(size.scaled(maxSize, Qt::KeepAspectRatio));
    }
    QImage image = reader.read();
    if (image.isNull()) {
        return fail(QCoreApplication::translate("PreviewBridge", "cannot read the image (%1)")
                        .arg(reader.errorString()));
    }
    // Formats that cannot decode scaled were read whole.
    if (maxSize.isValid() && (image.width() > maxSize.width() || image.height() > maxSize.height())) {
        image = image.scaled(maxSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    return image;
}

PreviewBridge::PreviewBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_state(std::make_shared<State>()) {
    qRegisterMetaType<curator::ui::PreviewData>();
    m_state->workspace = workspaceDirectory.toStdString();
    m_pool.setMaxThreadCount(1); // jobs share the opened log; one at a time
}

PreviewBridge::~PreviewBridge() {
    m_pool.clear();
    m_pool.waitForDone();
}

quint64 PreviewBridge::request(const QString& source, const QString& id, const QString& path,
                               const QSize& maxSize) {
    const quint64 generation = ++m_generation;
    m_pool.clear(); // a queued, superseded preview need not run at all
    auto state = m_state;
    runOnPool(m_pool, [this, state, source, id, path, maxSize, generation] {
        PreviewData preview;
        preview.generation = generation;
        preview.source = source;
        preview.id = id;
        preview.path = path;
        preview.image = readScaledImage(path, maxSize, &preview.originalSize, &preview.imageError);

        if (!state->log) {
            auto opened = CurationLog::open(state->workspace);
            if (opened) {
                state->log = std::move(*opened);
            } else {
                preview.provenanceError = QString::fromStdString(opened.error());
            }
        }
        if (state->log) {
            auto provenance = imageProvenance(*state->log, source.toStdString(), id.toStdString());
            if (provenance) {
                preview.provenance = std::make_shared<const ImageProvenance>(std::move(*provenance));
            } else {
                preview.provenanceError = QString::fromStdString(provenance.error());
            }
        }
        postTo(this, [this, preview] {
            if (preview.generation != m_generation) {
                return;
            }
            if (preview.image.isNull()) {
                Q_EMIT failed(preview, preview.imageError);
            } else {
                Q_EMIT previewReady(preview);
            }
        });
    });
    return generation;
}

} // namespace curator::ui
