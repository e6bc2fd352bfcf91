#pragma once

#include "dataset/imageprovenance.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QSize>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace curator::ui {

// What a preview shows: the image scaled to fit the requested size (never enlarged) and what the
// workspace knows about it. Either part may be missing, with its error.
struct PreviewData {
    quint64 generation = 0;
    QString source;
    QString id;
    QString path;
    QImage image;       // null when it could not be read (imageError says why)
    QSize originalSize; // the file's own size, when its header could be read
    QString imageError; // names the file and the reason
    std::shared_ptr<const curator::ImageProvenance> provenance; // null: see provenanceError
    QString provenanceError;
};

// Loads previews on a worker thread: the image through QImageReader (decoded at the scaled size where
// the format allows, so a 50 MP photo is not decoded whole) and the provenance from the curation log.
// The newest request wins: an answer to a superseded request is dropped, and queued ones never run.
// Answers arrive on the GUI thread: previewReady when the image was read, failed (with what could be
// read, e.g. the provenance) when it was not. Destroying the bridge waits for the job in flight.
class PreviewBridge : public QObject {
    Q_OBJECT
public:
    explicit PreviewBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~PreviewBridge() override;

    // Returns the request's generation. `maxSize` bounds the delivered image (keeping its aspect).
    quint64 request(const QString& source, const QString& id, const QString& path, const QSize& maxSize);

Q_SIGNALS:
    void previewReady(const curator::ui::PreviewData& preview);
    void failed(const curator::ui::PreviewData& partial, const QString& message);

private:
    struct State;
    QString m_workspaceDirectory;
    std::shared_ptr<State> m_state;
    QThreadPool m_pool;
    quint64 m_generation = 0;
};

// Reads `path` scaled down to fit `maxSize`; on failure returns a null image and sets `error` to a message
// naming the file. Thread-safe (QImage only).
QImage readScaledImage(const QString& path, const QSize& maxSize, QSize* originalSize, QString* error);

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::ui::PreviewData)
