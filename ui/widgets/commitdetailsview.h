#pragma once

#include "bridge/logbridge.h"

#include <QAbstractListModel>
#include <QWidget>

#include <memory>

class QAction;
class QGridLayout;
class QLabel;
class QListView;
class QScrollArea;

namespace curator::ui {

class ThumbnailCache;

// The sample strip's images: name and caption, the decoration empty until ThumbnailCache has decoded
// the thumbnail off-thread (the row then refreshes).
class CommitSampleModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { KeyRole = Qt::UserRole + 1 };

    explicit CommitSampleModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    void setImages(const QVector<CommitSampleImage>& images);

private:
    void onThumbnailLoaded(const QString& key);

    ThumbnailCache* m_thumbnails;
    QVector<CommitSampleImage> m_images;
};

// The selected commit's provenance (id, kind, branch, parents, author, time, query, negatives,
// thresholds, embedding model, sources, message, tags, size, undone by / target) and a strip of sample
// thumbnails of its images (for a revert, of the commit it reverted; for a partial revert, the images it
// removed), whose context menu removes one image from the commit. Shows what it is given; the dock
// asks LogBridge::details for it.
class CommitDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit CommitDetailsView(ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    // Placeholder text while nothing is selected or the details are on their way.
    void showMessage(const QString& message);
    void setDetails(std::shared_ptr<const CommitDetails> details);
    // The commit shown, empty when none.
    QString commitId() const;
    CommitSampleModel* sampleModel() const { return m_sampleModel; }
    QListView* sampleView() const { return m_sampleView; }

Q_SIGNALS:
    // "Remove from this commit" on a sample image (key: source/name) of a commit that is not undone.
    void removeImageRequested(const QString& commitId, const QString& imageKey);

private:
    enum Field {
        IdField,
        KindField,
        BranchField,
        ParentsField,
        AuthorField,
        TimeField,
        QueryField,
        NegativesField,
        ThresholdsField,
        ModelField,
        SourcesField,
        MessageField,
        TagsField,
        SizeField,
        UndoneField,
        TargetField,
        FieldCount
    };
    void setField(Field field, const QString& text);

    std::shared_ptr<const CommitDetails> m_details;
    QLabel* m_placeholder;
    QScrollArea* m_scroll;
    QWidget* m_fieldsWidget;
    QGridLayout* m_fields;
    QLabel* m_names[FieldCount];
    QLabel* m_values[FieldCount];
    QLabel* m_sampleTitle;
    QListView* m_sampleView;
    CommitSampleModel* m_sampleModel;
    QAction* m_removeAction = nullptr;
};

} // namespace curator::ui
