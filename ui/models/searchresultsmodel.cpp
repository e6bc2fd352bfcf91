#include "models/searchresultsmodel.h"

#include "ingest/ingest.h"
#include "models/thumbnailcache.h"

#include <QPixmap>

#include <algorithm>

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
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("%1 / %2\n").arg(row.source, row.id) +
                      tr("similarity %1").arg(QString::number(static_cast<double>(row.similarity), 'f', 4));
        if (row.masked) {
            tip += QLatin1Char('\n') + tr("masked by a negative prompt");
        }
        if (isAboveThreshold(index.row())) {
            tip += QLatin1Char('\n') +
                   tr("at or above the threshold %1").arg(QString::number(m_threshold, 'f', 3));
            if (m_marks.at(index.row()) == ReviewMark::Rejected) {
                tip += tr(" (rejected: a commit of the threshold leaves it out)");
            }
        }
        switch (m_marks.at(index.row())) {
        case ReviewMark::Accepted:
            tip += QLatin1Char('\n') + tr("accepted");
            break;
        case ReviewMark::Rejected:
            tip += QLatin1Char('\n') + tr("rejected");
            break;
        case ReviewMark::None:
            break;
        }
        return tip + QLatin1Char('\n') + row.caption;
    }
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
    case MaskedRole:
        return row.masked;
    case ReviewMarkRole:
        return static_cast<int>(m_marks.at(index.row()));
    case AboveThresholdRole:
        return isAboveThreshold(index.row());
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
    names.insert(MaskedRole, "masked");
    names.insert(ReviewMarkRole, "reviewMark");
    names.insert(AboveThresholdRole, "aboveThreshold");
    return names;
}

void SearchResultsModel::setSnapshot(const SearchSnapshot& snapshot) {
    beginResetModel();
    m_snapshot = snapshot;
    m_marks = QVector<ReviewMark>(m_snapshot.rows.size(), ReviewMark::None);
    m_rowByKey.clear();
    for (int i = 0; i < m_snapshot.rows.size(); ++i) {
        m_rowByKey.insert(keyOf(m_snapshot.rows.at(i)), i);
        // The mark the person gave the image before, in an earlier search or session.
        const int saved = m_snapshot.rows.at(i).savedMark;
        if (saved == int(ReviewMark::Accepted) || saved == int(ReviewMark::Rejected)) {
            m_marks[i] = ReviewMark(saved);
        }
    }
    endResetModel();
}

SearchResultsModel::ReviewMark SearchResultsModel::reviewMark(int row) const {
    return row >= 0 && row < m_marks.size() ? m_marks.at(row) : ReviewMark::None;
}

void SearchResultsModel::setReviewMark(int row, ReviewMark mark) {
    setReviewMarks({row}, mark);
}

void SearchResultsModel::setReviewMarks(const QList<int>& rows, ReviewMark mark) {
    QList<int> changed;
    for (int row : rows) {
        if (row >= 0 && row < m_marks.size() && m_marks.at(row) != mark) {
            m_marks[row] = mark;
            changed << row;
        }
    }
    if (changed.isEmpty()) {
        return;
    }
    std::sort(changed.begin(), changed.end());
    int first = changed.front();
    for (int i = 1; i <= changed.size(); ++i) {
        if (i == changed.size() || changed.at(i) != changed.at(i - 1) + 1) {
            Q_EMIT dataChanged(index(first), index(changed.at(i - 1)), {ReviewMarkRole, Qt::ToolTipRole});
            if (i < changed.size()) {
                first = changed.at(i);
            }
        }
    }
    Q_EMIT reviewMarksChanged();
    QVector<SearchResultRow> edited;
    for (int row : changed) {
        edited << m_snapshot.rows.at(row);
    }
    Q_EMIT reviewMarksEdited(edited, int(mark));
}

bool SearchResultsModel::isAboveThreshold(int row) const {
    if (!m_hasThreshold || row < 0 || row >= m_snapshot.rows.size()) {
        return false;
    }
    const SearchResultRow& result = m_snapshot.rows.at(row);
    return !result.masked && result.similarity >= static_cast<float>(m_threshold);
}

void SearchResultsModel::setThreshold(double threshold) {
    if (m_hasThreshold && m_threshold == threshold) {
        return;
    }
    m_hasThreshold = true;
    m_threshold = threshold;
    if (!m_snapshot.rows.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {AboveThresholdRole, Qt::ToolTipRole});
    }
}

void SearchResultsModel::clearThreshold() {
    if (!m_hasThreshold) {
        return;
    }
    m_hasThreshold = false;
    if (!m_snapshot.rows.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {AboveThresholdRole, Qt::ToolTipRole});
    }
}

int SearchResultsModel::reviewCount(ReviewMark mark) const {
    return static_cast<int>(std::count(m_marks.cbegin(), m_marks.cend(), mark));
}

QVector<SearchResultRow> SearchResultsModel::rowsMarked(ReviewMark mark) const {
    QVector<SearchResultRow> rows;
    for (int i = 0; i < m_marks.size(); ++i) {
        if (m_marks.at(i) == mark) {
            rows << m_snapshot.rows.at(i);
        }
    }
    return rows;
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
