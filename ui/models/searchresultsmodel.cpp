#include "models/searchresultsmodel.h"

#include "ingest/ingest.h"
#include "models/thumbnailcache.h"

#include <QPixmap>

namespace curator::ui {

SearchResultsModel::SearchResultsModel(const QString& workspaceDirectory, ThumbnailCache* thumbnails,
                                       QObject* parent)
    : QAbstractListModel(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_thumbnails(thumbnails) {
    connect(m_thumbnails, &ThumbnailCache::loaded, this, &SearchResultsModel::onThumbnailLoaded);
}

QString SearchResultsModel::keyOf(const SearchResultRow& row) {
    return row.source + QLatin1Char('/') + row.id;
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_snapshot.rows.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SearchResultRow& row = m_snapshot.rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return row.id;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 / %2\nsimilarity %3\n%4")
            .arg(row.source, row.id, QString::number(static_cast<double>(row.similarity), 'f', 4),
                 row.caption);
    case Qt::DecorationRole: {
        const QString key = keyOf(row);
        const QImage image = m_thumbnails->thumbnail(key);
        if (image.isNull()) {
            const QString thumbnail = QString::fromStdString(thumbnailPath(
                m_workspaceDirectory.toStdString(), row.source.toStdString(), row.id.toStdString()));
            m_thumbnails->request(key, {thumbnail, row.path});
            return {};
        }
        return QPixmap::fromImage(image);
    }
    case SimilarityRole:
        return static_cast<double>(row.similarity);
    case SourceRole:
        return row.source;
    case PathRole:
        return row.path;
    case CaptionRole:
        return row.caption;
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultsModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names.insert(SimilarityRole, "similarity");
    names.insert(SourceRole, "source");
    names.insert(IdRole, "imageId");
    names.insert(PathRole, "path");
    names.insert(CaptionRole, "caption");
    return names;
}

void SearchResultsModel::setSnapshot(const SearchSnapshot& snapshot) {
    beginResetModel();
    m_snapshot = snapshot;
    m_rowByKey.clear();
    for (int i = 0; i < m_snapshot.rows.size(); ++i) {
        m_rowByKey.insert(keyOf(m_snapshot.rows.at(i)), i);
    }
    endResetModel();
}

void SearchResultsModel::onThumbnailLoaded(const QString& key) {
    const auto found = m_rowByKey.constFind(key);
    if (found == m_rowByKey.constEnd()) {
        return;
    }
    const QModelIndex changed = index(found.value());
    Q_EMIT dataChanged(changed, changed, {Qt::DecorationRole});
}

} // namespace curator::ui
