#pragma once

#include "bridge/searchbridge.h"

#include <QAbstractListModel>
#include <QHash>

namespace curator::ui {

class ThumbnailCache;

// The rows of the last search: a flat list over plain values (not widgets, not images). The decoration
// role is empty until the row's thumbnail has been decoded off-thread; the row then refreshes.
// Each row also carries the reviewer's mark (none / accepted / rejected), kept beside the snapshot and
// cleared when a new snapshot comes in, and whether a commit of the histogram's threshold would take it
// (AboveThresholdRole; the threshold outlives snapshots, it belongs to the histogram).
class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        SimilarityRole = Qt::UserRole + 1,
        SourceRole,
        IdRole,
        PathRole,
        CaptionRole,
        MaskedRole,         // bool: a negative prompt excluded the row (listed when showMasked was asked)
        ReviewMarkRole,     // int: a ReviewMark
        AboveThresholdRole, // bool: unmasked and at or above the threshold (what a threshold commit takes)
    };
    enum class ReviewMark { None = 0, Accepted, Rejected };
    Q_ENUM(ReviewMark)

    SearchResultsModel(const QString& workspaceDirectory, ThumbnailCache* thumbnails,
                       QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Swaps in a new result set with one reset.
    void setSnapshot(const SearchSnapshot& snapshot);
    const SearchSnapshot& snapshot() const { return m_snapshot; }
    // The row's values; `row` must be valid.
    const SearchResultRow& resultRow(int row) const { return m_snapshot.rows.at(row); }

    ReviewMark reviewMark(int row) const;
    // Marks rows (out-of-range ones are ignored); one dataChanged per contiguous run.
    void setReviewMark(int row, ReviewMark mark);
    void setReviewMarks(const QList<int>& rows, ReviewMark mark);
    // The rows marked accepted (or rejected), in result order: what a commit of the review takes.
    QVector<SearchResultRow> acceptedRows() const { return rowsMarked(ReviewMark::Accepted); }
    QVector<SearchResultRow> rejectedRows() const { return rowsMarked(ReviewMark::Rejected); }
    int reviewCount(ReviewMark mark) const;

    // The threshold a commit would use (the histogram's); AboveThresholdRole follows it. Compared as the
    // core's scan compares (float similarity >= float threshold), so the marked tiles are the ones taken.
    void setThreshold(double threshold);
    void clearThreshold();
    bool hasThreshold() const { return m_hasThreshold; }
    double threshold() const { return m_threshold; }
    bool isAboveThreshold(int row) const;

Q_SIGNALS:
    // After marks changed (not after a reset, which clears them: modelReset tells that).
    void reviewMarksChanged();
    // A person marked these rows (the ones whose mark changed): the window saves the marks in the workspace.
    void reviewMarksEdited(const QVector<curator::ui::SearchResultRow>& rows, int mark);

private:
    QVector<SearchResultRow> rowsMarked(ReviewMark mark) const;

    void onThumbnailLoaded(const QString& key);
    static QString keyOf(const SearchResultRow& row);

    QString m_workspaceDirectory;
    ThumbnailCache* m_thumbnails;
    SearchSnapshot m_snapshot;
    QVector<ReviewMark> m_marks; // per row
    QHash<QString, int> m_rowByKey;
    bool m_hasThreshold = false;
    double m_threshold = 0;
};

} // namespace curator::ui
