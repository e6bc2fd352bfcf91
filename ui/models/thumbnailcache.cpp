#include "models/thumbnailcache.h"

#include "common/threadhandoff.h"

#include <QFileInfo>
#include <QImageReader>

namespace curator::ui {

ThumbnailCache::ThumbnailCache(int side, QObject* parent)
    : QObject(parent)
    , m_side(side) {
    m_pool.setMaxThreadCount(2);
}

ThumbnailCache::~ThumbnailCache() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending.clear();
    }
    m_pool.waitForDone();
    // The workers' last unlock of m_mutex happens before waitForDone returns, through Qt's own
    // (uninstrumented) wait: taking the mutex once more shows TSan that order before the memory is reused.
    const std::lock_guard<std::mutex> lastWorkerDone(m_mutex);
}

QImage ThumbnailCache::thumbnail(const QString& key) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_images.value(key);
}

void ThumbnailCache::request(const QString& key, const QStringList& paths) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_requested.contains(key)) {
            return;
        }
        m_requested.insert(key, true);
        m_pending.emplace_back(key, paths);
    }
    runOnPool(m_pool, [this] { drain(); });
}

void ThumbnailCache::drain() {
    std::pair<QString, QStringList> job;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
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
        std::lock_guard<std::mutex> lock(m_mutex);
        m_images.insert(job.first, image);
    }
    const QString key = job.first;
    postTo(this, [this, key] { Q_EMIT loaded(key); });
}

} // namespace curator::ui
