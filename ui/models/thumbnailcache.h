#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <deque>
#include <mutex>

namespace curator::ui {

// Decodes thumbnails on worker threads and keeps them in memory. The newest request is served first
// (a stack, not a queue): after a jump through a long list, the rows now on screen load before the ones
// scrolled past. Emits `loaded` on the GUI thread; `thumbnail` answers from memory only.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(int side = 160, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // `key` identifies the image (source/id); `paths` are tried in order (the workspace's 256-px thumbnail,
    // then the image itself).
    QImage thumbnail(const QString& key) const;
    void request(const QString& key, const QStringList& paths);
    int side() const { return m_side; }

Q_SIGNALS:
    void loaded(const QString& key);

private:
    void drain();

    int m_side;
    // std::mutex, not QMutex: Qt's lock is futex-based and invisible to ThreadSanitizer when contended.
    mutable std::mutex m_mutex;
    QHash<QString, QImage> m_images;
    QHash<QString, bool> m_requested;
    std::deque<std::pair<QString, QStringList>> m_pending;
    QThreadPool m_pool;
};

} // namespace curator::ui
