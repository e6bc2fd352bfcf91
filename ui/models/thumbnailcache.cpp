#include "models/thumbnailcache.h"

#include <QFileInfo>
#include <QImageReader>
#include <QMetaObject>
#include <QMutexLocker>

namespace curator::ui {

ThumbnailCache::ThumbnailCache(int side, QObject* parent)
    : QObject(parent)
    , m_side(side) {
    m_pool.setMaxThreadCount(2);
}

ThumbnailCache::~ThumbnailCache() {
    {
        QMutexLocker lock(&m_mutex);
        m_pending.clear();
    }
    m_pool.waitForDone();
}

QImage ThumbnailCache::thumbnail(const QString& key) const {
    QMutexLocker lock(&m_mutex);
    return m_images.value(key);
}

void ThumbnailCache::request(const QString& key, const QStringList& paths) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_requested.contains(key)) {
            return;
        }
        m_requested.insert(key, true);
        m_pending.emplace_back(key, paths);
    }
    m_pool.start([this] { drain(); });
}

void ThumbnailCache::drain() {
    std::pair<QString, QStringList> job;
    {
        QMutexLocker lock(&m_mutex);
        if (m_pending.empty()) {
            return;
        }
        job = std::move(m_pending.back()); // newest first
        m_pending.pop_back();
    }
    QImage image;
    for (const QString& path : job.second) {
        if (path.isEmpty() || !QFileInfo::exists(path)) {
            continue;
        }
        QImageReader reader(path);
        const QSize size = reader.size();
        if (size.isValid() && (size.width() > m_side || size.height() > m_side)) {
            reader.setScaledSize(size.scaled(m_side, m_side, Qt::KeepAspectRatio));
        }
        image = reader.read();
        if (!image.isNull()) {
            break;
        }
    }
    {
        QMutexLocker lock(&m_mutex);
        m_images.insert(job.first, image);
    }
    const QString key = job.first;
    QMetaObject::invokeMethod(
        this, [this, key] { Q_EMIT loaded(key); }, Qt::QueuedConnection);
}

} // namespace curator::ui
