#pragma once

#include "bridge/searchbridge.h"

#include <QAbstractListModel>
#include <QHash>

namespace curator::ui {

class ThumbnailCache;

// The rows of the last search: a flat list over plain values (not widgets, not images). The decoration
// role is empty until the row's thumbnail has been decoded off-thread; the row then refreshes.
class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { SimilarityRole = Qt::UserRole + 1, SourceRole, IdRole, PathRole, CaptionRole };

    SearchResultsModel(const QString& workspaceDirectory, ThumbnailCache* thumbnails,
                       QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Swaps in a new result set with one reset.
    void setSnapshot(const SearchSnapshot& snapshot);
    const SearchSnapshot& snapshot() const { return m_snapshot; }

private:
    void onThumbnailLoaded(const QString& key);
    static QString keyOf(const SearchResultRow& row);

    QString m_workspaceDirectory;
    ThumbnailCache* m_thumbnails;
    SearchSnapshot m_snapshot;
    QHash<QString, int> m_rowByKey;
};

} // namespace curator::ui
