#include "dialogs/approvaldialog.h"

#include "bridge/commitwhatifquery.h"
#include "widgets/similarityhistogramview.h"

#include "agent/agentevents.h"
#include "ingest/ingest.h"
#include "models/agentsummaries.h"
#include "models/thumbnailcache.h"

#include "curation/commitwhatif.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QShowEvent>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

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

// The slider works in thousandths of similarity, the precision of the spin box and of the log.
constexpr int kSliderScale = 1000;

int sliderValue(double threshold) {
    return static_cast<int>(std::lround(threshold * kSliderScale));
}

// The preview's "distribution" (core SimilarityDistribution as JSON); empty counts when absent.
SimilarityDistribution distributionOf(const QJsonObject& preview) {
    SimilarityDistribution distribution;
    const QJsonObject object = preview.value(QLatin1String(eventfield::kDistribution)).toObject();
    distribution.minimum = object.value(QStringLiteral("minimum")).toDouble(-1.0);
    distribution.maximum = object.value(QStringLiteral("maximum")).toDouble(1.0);
    for (const auto& count : object.value(QStringLiteral("counts")).toArray()) {
        distribution.counts.push_back(static_cast<size_t>(count.toInteger()));
    }
    return distribution;
}

} // namespace

ApprovalDialog::ApprovalDialog(ThumbnailCache* thumbnails, const QString& workspaceDirectory, QWidget* parent)
    : QDialog(parent)
    , m_thumbnails(thumbnails)
    , m_workspaceDirectory(workspaceDirectory)
    , m_whatIf(new CommitWhatIfQuery(this))
    , m_summary(new QLabel)
    , m_sampleTitle(new QLabel)
    , m_images(new QListWidget)
    , m_thresholdPanel(new QWidget)
    , m_histogram(new SimilarityHistogramView)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_threshold(new QDoubleSpinBox)
    , m_whatIfLabel(new QLabel)
    , m_reason(new QLineEdit)
    , m_approve(new QPushButton(tr("Approve")))
    , m_reject(new QPushButton(tr("Reject")))
    , m_approveThreshold(new QPushButton(tr("Approve at the edited threshold")))
    , m_later(new QPushButton(tr("Decide later"))) {
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Approve the agent's call?"));
    setModal(false);
    m_summary->setObjectName(QStringLiteral("approvalSummary"));
    m_sampleTitle->setObjectName(QStringLiteral("approvalSampleTitle"));
    m_images->setObjectName(QStringLiteral("approvalThumbnails"));
    m_histogram->setObjectName(QStringLiteral("approvalHistogram"));
    m_slider->setObjectName(QStringLiteral("approvalSlider"));
    m_threshold->setObjectName(QStringLiteral("approvalThreshold"));
    m_whatIfLabel->setObjectName(QStringLiteral("approvalWhatIf"));
    m_reason->setObjectName(QStringLiteral("approvalReason"));
    m_approve->setObjectName(QStringLiteral("approve"));
    m_reject->setObjectName(QStringLiteral("reject"));
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
    m_images->setMinimumWidth(2 * kThumbnailSide + 40);
    m_reason->setPlaceholderText(tr("Why reject? (optional; the agent reads it)"));
    m_threshold->setRange(-1.0, 1.0);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.01);
    // The value is taken when typing ends (Return or leaving the box): taken at each key, "0.55" became
    // 0.000 at its first "0", the box reformatted under the person typing.
    m_threshold->setKeyboardTracking(false);
    m_slider->setRange(-kSliderScale, kSliderScale);
    m_slider->setSingleStep(5);
    m_slider->setPageStep(50);
    m_whatIfLabel->setTextFormat(Qt::RichText);
    m_whatIfLabel->setWordWrap(true);
    // No button answers Return: a person who types a threshold and presses Return means that threshold,
    // and a default Approve would commit at the agent's instead.
    for (QPushButton* button : {m_approve, m_reject, m_approveThreshold, m_later}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    m_approveThreshold->setEnabled(false);

    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(new QLabel(tr("Threshold")));
    thresholdRow->addWidget(m_slider, 1);
    thresholdRow->addWidget(m_threshold);
    auto* thresholdLayout = new QVBoxLayout(m_thresholdPanel);
    thresholdLayout->setContentsMargins(0, 0, 0, 0);
    thresholdLayout->addWidget(new QLabel(tr("Similarity of every unmasked image (drag the line):")));
    thresholdLayout->addWidget(m_histogram, 1);
    thresholdLayout->addLayout(thresholdRow);
    thresholdLayout->addWidget(m_whatIfLabel);

    auto* sampleLayout = new QVBoxLayout;
    sampleLayout->addWidget(m_sampleTitle);
    sampleLayout->addWidget(m_images, 1);
    auto* middle = new QHBoxLayout;
    // The sample gets a little more: a third column of thumbnails at 1280 px.
    middle->addLayout(sampleLayout, 5);
    middle->addWidget(m_thresholdPanel, 4);

    auto* rejectRow = new QHBoxLayout;
    rejectRow->addWidget(m_reason, 1);
    rejectRow->addWidget(m_reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_approveThreshold);
    buttons->addStretch();
    buttons->addWidget(m_later);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(middle, 1);
    layout->addLayout(rejectRow);
    layout->addLayout(buttons);
    resize(860, 560);

    connect(m_approve, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT approveRequested();
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        const QString reason = m_reason->text().trimmed();
        accept();
        Q_EMIT rejectRequested(reason);
    });
    connect(m_approveThreshold, &QPushButton::clicked, this, [this] {
        accept();
        Q_EMIT approveWithThresholdRequested(editedThreshold());
    });
    connect(m_slider, &QSlider::valueChanged, this,
            [this](int value) { setEditedThreshold(static_cast<double>(value) / kSliderScale); });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &ApprovalDialog::setEditedThreshold);
    connect(m_histogram, &SimilarityHistogramView::thresholdMoved, this, &ApprovalDialog::setEditedThreshold);
    connect(m_whatIf, &CommitWhatIfQuery::answered, this, &ApprovalDialog::showWhatIf);
    // Closing or "Decide later" hides the dialog and decides nothing.
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_thumbnails, &ThumbnailCache::loaded, this, &ApprovalDialog::showThumbnail);
}

double ApprovalDialog::editedThreshold() const {
    return m_threshold->value();
}

QString ApprovalDialog::whatIfText() const {
    return m_whatIfLabel->text();
}

void ApprovalDialog::setEditedThreshold(double threshold) {
    threshold = std::round(threshold * kSliderScale) / kSliderScale;
    // Each control is set without echoing back; the histogram clamps to its shown range on its own.
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_threshold);
    m_slider->setValue(sliderValue(threshold));
    m_threshold->setValue(threshold);
    m_histogram->setThreshold(threshold);
    const bool edited = sliderValue(threshold) != sliderValue(m_proposedThreshold);
    m_approveThreshold->setEnabled(m_isCommit && edited);
    m_approveThreshold->setText(edited ? tr("Approve at %1").arg(threshold, 0, 'f', 3)
                                       : tr("Approve at the edited threshold"));
    if (m_whatIf->hasWhatIf()) {
        m_whatIfLabel->setText(tr("at %1: counting\u2026").arg(threshold, 0, 'f', 3));
        m_whatIf->ask(threshold);
    }
}

void ApprovalDialog::showWhatIf(double threshold, qint64 admitted, qint64 fresh) {
    const bool proposed = sliderValue(threshold) == sliderValue(m_proposedThreshold);
    m_whatIfLabel->setText(tr("<b>at %1: %2 images, %3 new</b>%4")
                               .arg(threshold, 0, 'f', 3)
                               .arg(admitted)
                               .arg(fresh)
                               .arg(proposed ? tr(" (the agent's threshold)") : QString()));
    Q_EMIT whatIfShown(threshold, admitted, fresh);
}

void ApprovalDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    // The first time: beside the Agent dock (its parent), on the side with more room, so that the run's
    // reasoning stays in view while the person decides.
    QWidget* dock = parentWidget();
    QWidget* window = dock != nullptr ? dock->window() : nullptr;
    if (m_placed || window == nullptr || window == dock) {
        return;
    }
    m_placed = true;
    const QRect area = window->frameGeometry();
    const QRect dockArea(dock->mapToGlobal(QPoint(0, 0)), dock->size());
    const int rightRoom = area.right() - dockArea.right();
    const int leftRoom = dockArea.left() - area.left();
    const int width = std::min(this->width(), std::max(480, std::max(rightRoom, leftRoom) - 16));
    const int height = std::min(this->height(), std::max(360, area.height() - 80));
    resize(width, height);
    move(rightRoom >= leftRoom ? dockArea.right() + 8 : dockArea.left() - 8 - width, area.top() + 48);
}

void ApprovalDialog::setRequest(const QJsonObject& event, std::shared_ptr<const CommitWhatIf> whatIf) {
    const QJsonObject arguments = event.value(QLatin1String(eventfield::kArguments)).toObject();
    const QJsonObject preview = event.value(QLatin1String(eventfield::kPreview)).toObject();
    const QString tool = event.value(QLatin1String(eventfield::kName)).toString(QStringLiteral("commit"));
    m_isCommit = tool == QLatin1String("commit");
    m_reason->clear();
    m_whatIf->setWhatIf(m_isCommit ? std::move(whatIf) : nullptr);
    m_whatIfLabel->clear();
    m_images->clear();
    m_sampleTitle->setVisible(m_isCommit);
    m_images->setVisible(m_isCommit);
    m_thresholdPanel->setVisible(m_isCommit);
    m_approveThreshold->setVisible(m_isCommit);
    m_summary->setToolTip(indentedJson(event));
    // A call without a preview is a few lines: the dialog shrinks to them, the text at the top.
    m_summary->setAlignment(m_isCommit ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignTop);
    if (!m_isCommit) {
        setWindowTitle(tr("Approve the agent's %1?").arg(tool));
        QString html;
        if (tool == QLatin1String("undo_commit")) {
            html = tr("<p>The agent wants to <b>undo commit %1</b> on its branch.</p>")
                       .arg(escaped(arguments.value(QStringLiteral("commit_id")).toString()));
        } else if (tool == QLatin1String("aesthetics_rate")) {
            html = tr("<p>The agent wants to <b>rate the aesthetics</b> of a sample of images (a call of the "
                      "scoring model per image).</p>");
        } else {
            html = tr("<p>The agent wants to run <b>%1</b>.</p>").arg(escaped(tool));
        }
        QStringList lines;
        for (auto it = arguments.begin(); it != arguments.end(); ++it) {
            const QJsonValue value = it.value();
            const QString text =
                value.isString() ? value.toString()
                : value.isDouble()
                    ? QString::number(value.toDouble())
                    : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                          .mid(1)
                          .chopped(1);
            lines << tr("%1: %2").arg(escaped(it.key()), escaped(text));
        }
        html += QStringLiteral("<p>") + lines.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
        html += tr("<p>Approve runs it; Reject tells the agent why it did not run.</p>");
        m_summary->setText(html);
        resize(std::min(width(), 640), 280);
        return;
    }
    if (height() < 480) {
        resize(std::max(width(), 860), 560); // back from a short call without preview
    }
    setWindowTitle(tr("Approve the agent's commit?"));
    m_proposedThreshold = arguments.value(QStringLiteral("threshold")).toDouble();

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
    const int shown = static_cast<int>(preview.value(QStringLiteral("rows")).toArray().size());
    if (preview.contains(QStringLiteral("count"))) {
        const qint64 count = preview.value(QStringLiteral("count")).toInteger();
        if (preview.contains(QLatin1String(eventfield::kNewImages))) {
            html += tr("<p><b>%1 images</b> would be committed, <b>%2 new</b> to the branch.</p>")
                        .arg(count)
                        .arg(preview.value(QLatin1String(eventfield::kNewImages)).toInteger());
        } else {
            html += tr("<p><b>%1 images</b> would be committed.</p>").arg(count);
        }
        m_sampleTitle->setText(tr("A sample of %1 of the %2 images:").arg(shown).arg(count));
    } else {
        html += tr("<p>How many images it takes is unknown: %1</p>")
                    .arg(escaped(event.value(QLatin1String(eventfield::kPreviewError)).toString()));
        m_sampleTitle->clear();
    }
    html += tr("<p>Its message: <i>%1</i></p>")
                .arg(escaped(arguments.value(QStringLiteral("message")).toString()));
    if (event.contains(QLatin1String(eventfield::kThresholdFloor))) {
        html += tr("<p><b>Below the floor of %1</b>: the agent may not make this commit on its own; it runs "
                   "only if you approve it.</p>")
                    .arg(event.value(QLatin1String(eventfield::kThresholdFloor)).toDouble(), 0, 'f', 3);
    }
    m_summary->setText(html);

    const SimilarityDistribution distribution = distributionOf(preview);
    if (distribution.counts.empty()) {
        m_histogram->clear();
    } else {
        m_histogram->setDistribution(distribution);
    }
    setEditedThreshold(m_proposedThreshold);
    if (!m_whatIf->hasWhatIf() && preview.contains(QLatin1String(eventfield::kNewImages))) {
        showWhatIf(m_proposedThreshold, preview.value(QStringLiteral("count")).toInteger(),
                   preview.value(QLatin1String(eventfield::kNewImages)).toInteger());
    }

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
