#include "dialogs/approvaldialog.h"

#include "agent/agentevents.h"
#include "ingest/ingest.h"
#include "models/agentsummaries.h"
#include "models/thumbnailcache.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kThumbnailSide = 96;

QString keyOf(const QJsonObject& row) {
    return row.value(QStringLiteral("source")).toString() + QLatin1Char('/') +
           row.value(QStringLiteral("id")).toString();
}

// A grey tile with "..." while the thumbnail decodes.
QIcon placeholderIcon() {
    QPixmap pixmap(kThumbnailSide, kThumbnailSide);
    pixmap.fill(QColor(220, 220, 220));
    QPainter painter(&pixmap);
    painter.setPen(QColor(120, 120, 120));
    painter.drawText(pixmap.rect(), Qt::AlignCenter, QStringLiteral("\u2026"));
    return QIcon(pixmap);
}

QString escaped(const QString& text) {
    return text.toHtmlEscaped();
}

} // namespace

ApprovalDialog::ApprovalDialog(ThumbnailCache* thumbnails, const QString& workspaceDirectory, QWidget* parent)
    : QDialog(parent)
    , m_thumbnails(thumbnails)
    , m_workspaceDirectory(workspaceDirectory)
    , m_summary(new QLabel)
    , m_images(new QListWidget)
    , m_reason(new QLineEdit)
    , m_threshold(new QDoubleSpinBox)
    , m_thresholdRow(new QWidget)
    , m_approve(new QPushButton(tr("Approve")))
    , m_reject(new QPushButton(tr("Reject")))
    , m_editThreshold(new QPushButton(tr("Edit threshold\u2026")))
    , m_approveThreshold(new QPushButton(tr("Commit at this threshold")))
    , m_later(new QPushButton(tr("Decide later"))) {
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Approve the agent's commit?"));
    setModal(false);
    m_summary->setObjectName(QStringLiteral("approvalSummary"));
    m_images->setObjectName(QStringLiteral("approvalThumbnails"));
    m_reason->setObjectName(QStringLiteral("approvalReason"));
    m_threshold->setObjectName(QStringLiteral("approvalThreshold"));
    m_approve->setObjectName(QStringLiteral("approve"));
    m_reject->setObjectName(QStringLiteral("reject"));
    m_editThreshold->setObjectName(QStringLiteral("editThreshold"));
    m_approveThreshold->setObjectName(QStringLiteral("approveThreshold"));
    m_later->setObjectName(QStringLiteral("later"));

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_images->setViewMode(QListView::IconMode);
    m_images->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
    m_images->setResizeMode(QListView::Adjust);
    m_images->setMovement(QListView::Static);
    m_images->setSelectionMode(QAbstractItemView::NoSelection);
    m_images->setMinimumHeight(kThumbnailSide + 40);
    m_reason->setPlaceholderText(tr("Why reject? (optional; the agent reads it)"));
    m_threshold->setRange(-1.0, 1.0);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.01);
    m_approve->setDefault(true);

    auto* thresholdLayout = new QHBoxLayout(m_thresholdRow);
    thresholdLayout->setContentsMargins(0, 0, 0, 0);
    thresholdLayout->addWidget(new QLabel(tr("Commit at similarity \u2265")));
    thresholdLayout->addWidget(m_threshold);
    thresholdLayout->addWidget(m_approveThreshold);
    thresholdLayout->addStretch();
    m_thresholdRow->setVisible(false);

    auto* rejectRow = new QHBoxLayout;
    rejectRow->addWidget(m_reason, 1);
    rejectRow->addWidget(m_reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_editThreshold);
    buttons->addStretch();
    buttons->addWidget(m_later);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_images, 1);
    layout->addLayout(rejectRow);
    layout->addWidget(m_thresholdRow);
    layout->addLayout(buttons);
    resize(640, 480);

    connect(m_approve, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT approveRequested();
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        const QString reason = m_reason->text().trimmed();
        accept();
        Q_EMIT rejectRequested(reason);
    });
    connect(m_editThreshold, &QPushButton::clicked, this, [this] {
        m_thresholdRow->setVisible(true);
        m_threshold->setFocus();
        m_threshold->selectAll();
    });
    connect(m_approveThreshold, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT approveWithThresholdRequested(m_threshold->value());
    });
    // Closing or "Decide later" hides the dialog and decides nothing.
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_thumbnails, &ThumbnailCache::loaded, this, &ApprovalDialog::showThumbnail);
}

void ApprovalDialog::setRequest(const QJsonObject& event) {
    const QJsonObject arguments = event.value(QLatin1String(eventfield::kArguments)).toObject();
    const QJsonObject preview = event.value(QLatin1String(eventfield::kPreview)).toObject();
    m_proposedThreshold = arguments.value(QStringLiteral("threshold")).toDouble();
    m_threshold->setValue(m_proposedThreshold);
    m_thresholdRow->setVisible(false);
    m_reason->clear();

    QStringList negatives;
    for (const auto& negative : arguments.value(QStringLiteral("negative_prompts")).toArray()) {
        negatives << escaped(negative.toString());
    }
    QString html = tr("<p>The agent wants to commit the images matching <b>%1</b> at similarity "
                      "<b>\u2265 %2</b>")
                       .arg(escaped(arguments.value(QStringLiteral("query")).toString()))
                       .arg(m_proposedThreshold, 0, 'f', 3);
    if (!negatives.isEmpty()) {
        html += tr(", leaving out those like <b>%1</b> (negative threshold %2)")
                    .arg(negatives.join(QStringLiteral(", ")))
                    .arg(arguments.value(QStringLiteral("negative_threshold")).toDouble(0.3), 0, 'f', 3);
    }
    const QString source = arguments.value(QStringLiteral("source")).toString();
    if (!source.isEmpty() && source != QLatin1String("all")) {
        html += tr(", from source %1").arg(escaped(source));
    }
    html += QStringLiteral(".</p>");
    if (preview.contains(QStringLiteral("count"))) {
        const qint64 count = preview.value(QStringLiteral("count")).toInteger();
        const int shown = static_cast<int>(preview.value(QStringLiteral("rows")).toArray().size());
        html += tr("<p><b>%1 images</b> would be committed (%2 shown below, a sample).</p>")
                    .arg(count)
                    .arg(shown);
    } else {
        html += tr("<p>How many images it takes is unknown: %1</p>")
                    .arg(escaped(event.value(QLatin1String(eventfield::kPreviewError)).toString()));
    }
    html += tr("<p>Its message: <i>%1</i></p>")
                .arg(escaped(arguments.value(QStringLiteral("message")).toString()));
    if (event.contains(QLatin1String(eventfield::kThresholdFloor))) {
        html += tr("<p><b>Below the floor of %1</b>: the agent may not make this commit on its own; it runs "
                   "only if you approve it.</p>")
                    .arg(event.value(QLatin1String(eventfield::kThresholdFloor)).toDouble(), 0, 'f', 3);
    }
    m_summary->setText(html);
    m_summary->setToolTip(indentedJson(event));

    m_images->clear();
    for (const auto& value : preview.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject row = value.toObject();
        const QString key = keyOf(row);
        auto* item = new QListWidgetItem(
            placeholderIcon(), QString::number(row.value(QStringLiteral("similarity")).toDouble(), 'f', 3));
        item->setData(kKeyRole, key);
        item->setToolTip(row.value(QStringLiteral("id")).toString() + QLatin1Char('\n') +
                         row.value(QStringLiteral("caption")).toString());
        m_images->addItem(item);
        const QImage image = m_thumbnails->thumbnail(key);
        if (!image.isNull()) {
            item->setIcon(QIcon(QPixmap::fromImage(image)));
            item->setData(ThumbnailLoadedRole, true);
            continue;
        }
        const QString thumbnail = QString::fromStdString(thumbnailPath(
            m_workspaceDirectory.toStdString(), row.value(QStringLiteral("source")).toString().toStdString(),
            row.value(QStringLiteral("id")).toString().toStdString()));
        m_thumbnails->request(key, {thumbnail, row.value(QStringLiteral("path")).toString()});
    }
}

void ApprovalDialog::showThumbnail(const QString& key) {
    const QImage image = m_thumbnails->thumbnail(key);
    if (image.isNull()) {
        return;
    }
    for (int i = 0; i < m_images->count(); ++i) {
        QListWidgetItem* item = m_images->item(i);
        if (item->data(kKeyRole).toString() == key) {
            item->setIcon(QIcon(QPixmap::fromImage(image)));
            item->setData(ThumbnailLoadedRole, true);
        }
    }
}

} // namespace curator::ui
