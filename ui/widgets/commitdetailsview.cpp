#include "widgets/commitdetailsview.h"

#include "models/thumbnailcache.h"

#include <QAction>
#include <QGridLayout>
#include <QLabel>
#include <QListView>
#include <QPixmap>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

constexpr int kStripIconSide = 88;

QString joined(const std::vector<std::string>& values) {
    QStringList list;
    for (const std::string& value : values) {
        list << QString::fromStdString(value);
    }
    return list.join(QStringLiteral(", "));
}

} // namespace

// ---- CommitSampleModel ----

CommitSampleModel::CommitSampleModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent)
    , m_thumbnails(thumbnails) {
    connect(m_thumbnails, &ThumbnailCache::loaded, this, &CommitSampleModel::onThumbnailLoaded);
}

int CommitSampleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_images.size());
}

QVariant CommitSampleModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CommitSampleImage& image = m_images.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return image.name;
    case KeyRole:
        return image.key;
    case Qt::ToolTipRole:
        return image.caption.isEmpty() ? image.key : image.key + QLatin1Char('\n') + image.caption;
    case Qt::DecorationRole: {
        const QImage thumbnail = m_thumbnails->thumbnail(image.key);
        if (thumbnail.isNull()) {
            m_thumbnails->request(image.key, image.paths); // loaded() refreshes the row
            return {};
        }
        return QPixmap::fromImage(thumbnail);
    }
    default:
        return {};
    }
}

void CommitSampleModel::setImages(const QVector<CommitSampleImage>& images) {
    beginResetModel();
    m_images = images;
    endResetModel();
}

void CommitSampleModel::onThumbnailLoaded(const QString& key) {
    for (int row = 0; row < m_images.size(); ++row) {
        if (m_images.at(row).key == key) {
            const QModelIndex changed = index(row);
            Q_EMIT dataChanged(changed, changed, {Qt::DecorationRole});
        }
    }
}

// ---- CommitDetailsView ----

CommitDetailsView::CommitDetailsView(ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_placeholder(new QLabel)
    , m_scroll(new QScrollArea)
    , m_fieldsWidget(new QWidget)
    , m_fields(new QGridLayout(m_fieldsWidget))
    , m_sampleTitle(new QLabel)
    , m_sampleView(new QListView)
    , m_sampleModel(new CommitSampleModel(thumbnails, this)) {
    static const char* const names[FieldCount] = {
        QT_TR_NOOP("Commit"),     QT_TR_NOOP("Kind"),      QT_TR_NOOP("Branch"),    QT_TR_NOOP("Parents"),
        QT_TR_NOOP("Author"),     QT_TR_NOOP("Time"),      QT_TR_NOOP("Query"),     QT_TR_NOOP("Negatives"),
        QT_TR_NOOP("Thresholds"), QT_TR_NOOP("Embedding"), QT_TR_NOOP("Sources"),   QT_TR_NOOP("Message"),
        QT_TR_NOOP("Tags"),       QT_TR_NOOP("Size"),      QT_TR_NOOP("Undone by"), QT_TR_NOOP("Reverts")};
    // A grid, not a QFormLayout: rows come and go with the commit (empty fields are hidden), and Qt 6.4's
    // QFormLayout corrupted the heap laying out hidden rows of these word-wrapped labels (ui_layout_tests
    // crashed at teardown in about one run in three). QGridLayout skips hidden widgets' rows.
    for (int field = 0; field < FieldCount; ++field) {
        auto* name = new QLabel(tr(names[field]));
        auto* value = new QLabel;
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setTextFormat(Qt::PlainText);
        m_names[field] = name;
        m_values[field] = value;
        m_fields->addWidget(name, field, 0, Qt::AlignLeft | Qt::AlignTop);
        m_fields->addWidget(value, field, 1);
    }
    m_fields->setColumnStretch(1, 1);
    m_fields->setRowStretch(FieldCount, 1); // the rows keep to the top
    m_scroll->setWidget(m_fieldsWidget);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    // One row of thumbnails that scrolls sideways.
    m_sampleView->setModel(m_sampleModel);
    m_sampleView->setViewMode(QListView::IconMode);
    m_sampleView->setFlow(QListView::LeftToRight);
    m_sampleView->setWrapping(false);
    m_sampleView->setMovement(QListView::Static);
    m_sampleView->setUniformItemSizes(true);
    m_sampleView->setIconSize({kStripIconSide, kStripIconSide});
    m_sampleView->setGridSize({kStripIconSide + 12, kStripIconSide + fontMetrics().height() + 10});
    m_sampleView->setTextElideMode(Qt::ElideMiddle);
    m_sampleView->setFixedHeight(kStripIconSide + fontMetrics().height() + 16 +
                                 m_sampleView->horizontalScrollBar()->sizeHint().height());

    // Item rectangles are laid out when the rows arrive, before their thumbnails: lay out again as they
    // come in, or the tiles keep the height of a text-only item.
    connect(m_sampleModel, &QAbstractItemModel::dataChanged, m_sampleView, &QListView::doItemsLayout);
    // Removing one image from the shown commit: a revert of that image only (LogBridge::removeImages).
    m_removeAction = new QAction(tr("Remove from this commit"), m_sampleView);
    m_removeAction->setEnabled(false);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_sampleView->addAction(m_removeAction);
    m_sampleView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_removeAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_sampleView->currentIndex();
        if (m_details && current.isValid() && current.row() < m_details->sample.size()) {
            Q_EMIT removeImageRequested(commitId(), m_details->sample[current.row()].key);
        }
    });

    m_sampleTitle->setContentsMargins(6, 2, 6, 2);
    m_sampleTitle->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_sampleTitle);
    layout->addWidget(m_sampleView);
    showMessage(tr("Select a commit to see its provenance and a sample of its images."));
}

void CommitDetailsView::showMessage(const QString& message) {
    m_details.reset();
    m_placeholder->setText(message);
    m_placeholder->show();
    m_scroll->hide();
    m_sampleTitle->hide();
    m_sampleView->hide();
    m_sampleModel->setImages({});
    m_removeAction->setEnabled(false);
}

QString CommitDetailsView::commitId() const {
    return m_details ? QString::fromStdString(m_details->info.id) : QString();
}

void CommitDetailsView::setField(Field field, const QString& text) {
    const bool shown = !text.isEmpty();
    m_values[field]->setText(text);
    m_values[field]->setVisible(shown);
    m_names[field]->setVisible(shown);
}

void CommitDetailsView::setDetails(std::shared_ptr<const CommitDetails> details) {
    if (!details) {
        showMessage(tr("No commit selected."));
        return;
    }
    m_details = std::move(details);
    const CommitInfo& info = m_details->info;
    const bool hasSelection = info.kind == CommitKind::Commit;
    const QString kind = QString::fromLatin1(commitKindName(info.kind));
    setField(IdField, QString::fromStdString(info.id));
    setField(KindField, info.imported ? tr("%1 (imported)").arg(kind) : kind);
    setField(BranchField, QString::fromStdString(info.branch));
    QStringList parents;
    for (const QString& parent : m_details->parents) {
        parents << QString::fromStdString(shortId(parent.toStdString()));
    }
    setField(ParentsField, parents.join(QStringLiteral(", ")));
    setField(AuthorField, QString::fromStdString(info.author));
    setField(TimeField, QString::fromStdString(info.createdAt));
    setField(QueryField, QString::fromStdString(info.query));
    setField(NegativesField, joined(info.negativePrompts));
    setField(ThresholdsField, hasSelection ? tr("similarity >= %1, negatives < %2")
                                                 .arg(info.threshold, 0, 'f', 4)
                                                 .arg(info.negativeThreshold, 0, 'f', 4)
                                           : QString());
    setField(ModelField, QString::fromStdString(info.embeddingModel));
    setField(SourcesField, joined(info.sources));
    setField(MessageField, QString::fromStdString(info.message));
    setField(TagsField, joined(info.tags));
    const bool partialRevert = isPartialRevert(info);
    setField(SizeField, hasSelection ? tr("%n image entries", nullptr, static_cast<int>(info.size))
                        : partialRevert
                            ? tr("%n image(s) removed from its target", nullptr, static_cast<int>(info.size))
                            : QString());
    setField(UndoneField, m_details->undone
                              ? QString::fromStdString(shortId(m_details->undoneBy.toStdString()))
                              : QString());
    setField(TargetField, QString::fromStdString(info.target));

    m_placeholder->hide();
    m_scroll->show();
    m_sampleModel->setImages(m_details->sample);
    if (info.kind == CommitKind::Merge) {
        m_sampleTitle->setText(
            tr("A merge brings the commits of its second parent; select them to see images."));
    } else if (m_details->sample.isEmpty()) {
        m_sampleTitle->setText(tr("No images."));
    } else if (partialRevert) {
        m_sampleTitle->setText(tr("The images it removed from %1 (%2 shown)")
                                   .arg(QString::fromStdString(shortId(info.target)))
                                   .arg(m_details->sample.size()));
    } else if (info.kind == CommitKind::Revert) {
        m_sampleTitle->setText(tr("Sample of %1 images of the reverted commit %2")
                                   .arg(m_details->sample.size())
                                   .arg(QString::fromStdString(shortId(info.target))));
    } else {
        m_sampleTitle->setText(tr("Sample of %1 of its images (right-click one to remove it from the commit)")
                                   .arg(m_details->sample.size()));
    }
    m_removeAction->setEnabled(hasSelection && !m_details->undone);
    m_sampleTitle->show();
    m_sampleView->setVisible(!m_details->sample.isEmpty());
}

} // namespace curator::ui
