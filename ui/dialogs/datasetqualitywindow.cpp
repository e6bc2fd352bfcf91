#include "dialogs/datasetqualitywindow.h"

#include "bridge/ratingbridge.h"
#include "dataset/releaseadditions.h"
#include "widgets/balancechartview.h"
#include "widgets/commitdetailsview.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QSvgRenderer>
#include <QSvgWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

constexpr int kMemberIconSide = 160;

QString joinNames(const std::vector<std::string>& names, int most) {
    QStringList shown;
    for (size_t i = 0; i < names.size() && int(i) < most; ++i) {
        shown << QString::fromStdString(names[i]);
    }
    if (int(names.size()) > most) {
        shown << QStringLiteral("…");
    }
    return shown.join(QStringLiteral(", "));
}

} // namespace

DatasetQualityWindow::DatasetQualityWindow(QualityBridge* bridge, RatingBridge* rating,
                                           ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_bridge(bridge)
    , m_rating(rating)
    , m_thumbnails(thumbnails) {
    setWindowTitle(tr("Dataset quality"));
    m_tabs = new QTabWidget;
    m_tabs->addTab(buildNearDuplicatesTab(), tr("&Near-duplicates"));
    m_tabs->addTab(buildBalanceTab(), tr("&Balance"));
    m_tabs->addTab(buildScorerTab(), tr("&Scorer report"));

    m_progress = new QProgressBar;
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_bridge->cancel();
        if (m_evaluating) {
            m_rating->cancel();
        }
    });
    auto* status = new QHBoxLayout;
    status->addWidget(m_progress, 1);
    status->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(status);

    connect(m_bridge, &QualityBridge::busyChanged, this, &DatasetQualityWindow::setBusy);
    connect(m_bridge, &QualityBridge::progress, this, [this](qulonglong done, qulonglong total) {
        m_progress->setRange(0, int(std::min<qulonglong>(total, INT_MAX)));
        m_progress->setValue(int(std::min<qulonglong>(done, INT_MAX)));
        m_progress->setFormat(tr("%1 of %2 images compared").arg(done).arg(total));
    });
    connect(m_bridge, &QualityBridge::nearDuplicatesReady, this, &DatasetQualityWindow::onNearDuplicates);
    connect(m_bridge, &QualityBridge::balanceReady, this, &DatasetQualityWindow::onBalance);
    connect(m_bridge, &QualityBridge::failed, this, [this](const QString& message) {
        QLabel* summaries[] = {m_nearSummary, m_balanceSummary, m_scorerSummary};
        summaries[std::clamp(m_tabs->currentIndex(), 0, 2)]->setText(tr("Failed: %1").arg(message));
    });
    connect(m_bridge, &QualityBridge::savedToRelease, m_scorerSummary, &QLabel::setText);
    // The rating bridge also serves the score dock: only what this window asked for is shown here.
    connect(m_rating, &RatingBridge::scorerEvaluated, this, &DatasetQualityWindow::onScorerEvaluated);
    connect(m_rating, &RatingBridge::progress, this, [this](qulonglong done, qulonglong total) {
        if (m_evaluating) {
            m_progress->setRange(0, int(std::min<qulonglong>(total, INT_MAX)));
            m_progress->setValue(int(std::min<qulonglong>(done, INT_MAX)));
            m_progress->setFormat(tr("%1 of %2 images scored").arg(done).arg(total));
        }
    });
    connect(m_rating, &RatingBridge::busyChanged, this, [this](bool busy) {
        if (!busy && m_evaluating) {
            m_evaluating = false;
            setBusy(m_bridge->isBusy());
        }
    });
    connect(m_rating, &RatingBridge::failed, this, [this](const QString& message) {
        if (m_evaluating) {
            m_scorerSummary->setText(tr("Failed: %1").arg(message));
        }
    });
    connect(m_rating, &RatingBridge::cancelled, this, [this](const QString&) {
        if (m_evaluating) {
            m_scorerSummary->setText(tr("Cancelled: the scorer report was stopped."));
        }
    });
    connect(m_bridge, &QualityBridge::cancelled, this,
            [this] { m_nearSummary->setText(tr("Cancelled: the search for near-duplicates was stopped.")); });
    resize(960, 640);
}

QWidget* DatasetQualityWindow::buildNearDuplicatesTab() {
    auto* page = new QWidget;
    m_threshold = new QDoubleSpinBox;
    m_threshold->setRange(0.5, 1.0);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.005);
    m_threshold->setValue(defaults::kNearDuplicateThreshold);
    // The value is read when Find is pressed; no search per keystroke.
    m_threshold->setKeyboardTracking(false);
    m_threshold->setToolTip(
        tr("Two images are near-duplicates when the cosine of their embeddings reaches this"));
    m_find = new QPushButton(tr("&Find near-duplicates"));
    connect(m_find, &QPushButton::clicked, this, [this] {
        m_nearSummary->setText(tr("Comparing the dataset's images…"));
        m_bridge->findNearDuplicates(m_threshold->value());
    });
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Cosine threshold:")));
    controls->addWidget(m_threshold);
    controls->addWidget(m_find);
    controls->addStretch(1);

    m_nearSummary =
        new QLabel(tr("Find the groups of near-duplicate images in the checked-out branch's dataset."));
    m_nearSummary->setWordWrap(true);
    m_nearSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_groups = new QListWidget;
    connect(m_groups, &QListWidget::currentRowChanged, this, &DatasetQualityWindow::showGroup);

    m_groupTitle = new QLabel;
    m_groupTitle->setWordWrap(true);
    m_membersModel = new CommitSampleModel(m_thumbnails, this);
    m_members = new QListView;
    m_members->setModel(m_membersModel);
    m_members->setViewMode(QListView::IconMode);
    m_members->setFlow(QListView::LeftToRight);
    m_members->setWrapping(true);
    m_members->setResizeMode(QListView::Adjust);
    m_members->setMovement(QListView::Static);
    m_members->setUniformItemSizes(true);
    m_members->setIconSize({kMemberIconSide, kMemberIconSide});
    m_members->setGridSize({kMemberIconSide + 16, kMemberIconSide + 2 * fontMetrics().height() + 12});
    m_members->setTextElideMode(Qt::ElideMiddle);
    m_members->setWordWrap(true);
    connect(m_membersModel, &QAbstractItemModel::dataChanged, m_members, &QListView::doItemsLayout);

    auto* groupPane = new QWidget;
    auto* groupLayout = new QVBoxLayout(groupPane);
    groupLayout->setContentsMargins(0, 0, 0, 0);
    groupLayout->addWidget(m_groupTitle);
    groupLayout->addWidget(m_members, 1);

    auto* splitter = new QSplitter;
    splitter->addWidget(m_groups);
    splitter->addWidget(groupPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes(
        {fontMetrics().horizontalAdvance(QStringLiteral("000 images, cosine 0.000–0.000")) + 40, 700});

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(controls);
    layout->addWidget(m_nearSummary);
    layout->addWidget(splitter, 1);
    return page;
}

QWidget* DatasetQualityWindow::buildBalanceTab() {
    auto* page = new QWidget;
    m_target = new QSpinBox;
    m_target->setRange(1, 1000000);
    m_target->setValue(int(defaults::kBalanceTarget));
    m_target->setKeyboardTracking(false);
    m_target->setToolTip(tr("Images each attribute should hold; the attributes under it are listed"));
    m_report = new QPushButton(tr("&Report balance"));
    connect(m_report, &QPushButton::clicked, this, [this] { m_bridge->balance(m_target->value()); });
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Target per attribute:")));
    controls->addWidget(m_target);
    controls->addWidget(m_report);
    m_hideEmpty = new QCheckBox(tr("Only attributes with &images"));
    controls->addWidget(m_hideEmpty);
    controls->addStretch(1);

    m_balanceSummary =
        new QLabel(tr("Images per taxonomy attribute and direction in the checked-out branch."));
    m_balanceSummary->setWordWrap(true);
    m_balanceSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_chart = new BalanceChartView;
    connect(m_hideEmpty, &QCheckBox::toggled, m_chart, &BalanceChartView::setHideEmpty);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(controls);
    layout->addWidget(m_balanceSummary);
    layout->addWidget(scroll, 1);
    return page;
}

QWidget* DatasetQualityWindow::buildScorerTab() {
    auto* page = new QWidget;
    m_seed = new QSpinBox;
    m_seed->setRange(0, INT_MAX);
    m_seed->setToolTip(tr("Seed of the preference pairs (the same seed gives the same pairs)"));
    m_evaluate = new QPushButton(tr("&Evaluate the scorer"));
    connect(m_evaluate, &QPushButton::clicked, this, [this] {
        m_evaluating = true;
        setBusy(true);
        m_scorerSummary->setText(tr("Forming the preference pairs and scoring both sides…"));
        m_rating->evaluateScorer(quint64(m_seed->value()));
    });
    m_saveToRelease = new QPushButton(tr("Save with a &release…"));
    m_saveToRelease->setToolTip(tr("Add this report (JSON, plot, a section of the card) to a release of "
                                   "this workspace, as evaluate-scorer --release does"));
    m_saveToRelease->setEnabled(false);
    connect(m_saveToRelease, &QPushButton::clicked, this, &DatasetQualityWindow::chooseReleaseForReport);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Seed:")));
    controls->addWidget(m_seed);
    controls->addWidget(m_evaluate);
    controls->addWidget(m_saveToRelease);
    controls->addStretch(1);

    m_scorerSummary = new QLabel(tr(
        "Pairs each anti-aesthetic image of the dataset with its nearest clean image and asks how often the "
        "workspace's scorer prefers the anti-aesthetic one for a prompt that asks for it (50% is no "
        "preference; a scorer that respects the prompt is near 100%)."));
    m_scorerSummary->setWordWrap(true);
    m_scorerSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_scorerTable = new QTableWidget(0, 7);
    m_scorerTable->setHorizontalHeaderLabels({tr("Attribute"), tr("Pairs"), tr("Anti preferred"), tr("Ties"),
                                              tr("Preference rate"), tr("Anti mean"), tr("Clean mean")});
    m_scorerTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scorerTable->verticalHeader()->hide();
    m_scorerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scorerPlot = new QSvgWidget;
    m_scorerPlot->hide();

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_scorerTable);
    splitter->addWidget(m_scorerPlot);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(controls);
    layout->addWidget(m_scorerSummary);
    layout->addWidget(splitter, 1);
    return page;
}

void DatasetQualityWindow::showTab(int tab) {
    m_tabs->setCurrentIndex(tab);
    if (!m_placed && parentWidget()) {
        // First shown over the middle of the main window, not where the window manager puts new windows.
        m_placed = true;
        move(parentWidget()->frameGeometry().center() - rect().center());
    }
    show();
    raise();
    activateWindow();
}

void DatasetQualityWindow::showScorerReport() {
    showTab(2);
}

void DatasetQualityWindow::chooseReleaseForReport() {
    const std::vector<std::string> tags = releaseTags(m_bridge->workspaceDirectory().toStdString());
    if (tags.empty()) {
        m_scorerSummary->setText(tr("There is no release to save the report with yet: make one with File > "
                                    "Export release, then save the report."));
        return;
    }
    QStringList items;
    for (const std::string& tag : tags) {
        items << QString::fromStdString(tag);
    }
    // Not exec(): no nested event loop; the choice arrives by signal.
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("releaseChoice"));
    dialog->setWindowTitle(tr("Save the scorer report with a release"));
    dialog->setLabelText(tr("Release:"));
    dialog->setComboBoxItems(items);
    dialog->setTextValue(items.last());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString& tag) {
        if (m_evaluation) {
            m_bridge->saveScorerReport(m_evaluation, tag);
        }
    });
    dialog->open();
}

void DatasetQualityWindow::onScorerEvaluated(const std::shared_ptr<const ScorerEvaluation>& evaluation,
                                             const QByteArray& svg) {
    m_evaluation = evaluation;
    m_saveToRelease->setEnabled(!m_bridge->isBusy());
    m_scorerSummary->setText(
        tr("%1 on %2: %3 of %4 pairs scored; the scorer prefers the anti-aesthetic image in %5 of them (%6 "
           "ties). Scores: %7 from the cache, %8 made.")
            .arg(QString::fromStdString(evaluation->scorer))
            .arg(QString::fromStdString(evaluation->branch))
            .arg(evaluation->pairsScored)
            .arg(evaluation->pairsFormed)
            .arg(QStringLiteral("%1%").arg(100.0 * evaluation->overall.preferenceRate, 0, 'f', 1))
            .arg(evaluation->overall.ties)
            .arg(evaluation->scoresFromCache)
            .arg(evaluation->scoresMade));
    std::vector<const AttributeEvaluation*> rows;
    for (const AttributeEvaluation& attribute : evaluation->attributes) {
        rows.push_back(&attribute);
    }
    rows.push_back(&evaluation->overall);
    m_scorerTable->setRowCount(int(rows.size()));
    for (int row = 0; row < int(rows.size()); ++row) {
        const AttributeEvaluation& attribute = *rows[size_t(row)];
        const QStringList cells = {QString::fromStdString(attribute.attribute),
                                   QString::number(attribute.pairs),
                                   QString::number(attribute.antiPreferred),
                                   QString::number(attribute.ties),
                                   QStringLiteral("%1%").arg(100.0 * attribute.preferenceRate, 0, 'f', 1),
                                   QString::number(attribute.anti.mean, 'f', 2),
                                   QString::number(attribute.clean.mean, 'f', 2)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setTextAlignment(column == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignRight | Qt::AlignVCenter);
            m_scorerTable->setItem(row, column, item);
        }
    }
    // The plot is the SVG `evaluate-scorer --plot` writes, drawn as it is.
    m_scorerPlot->load(svg);
    m_scorerPlot->setVisible(!svg.isEmpty());
    if (m_scorerPlot->renderer()->isValid()) {
        const QSize size = m_scorerPlot->renderer()->defaultSize();
        m_scorerPlot->setMinimumHeight(std::min(size.height(), 420));
    }
}

void DatasetQualityWindow::showNearDuplicates() {
    showTab(0);
}

void DatasetQualityWindow::showBalance() {
    showTab(1);
    if (!m_bridge->isBusy() && m_chart->rowLabels().isEmpty()) {
        m_bridge->balance(m_target->value());
    }
}

void DatasetQualityWindow::setBusy(bool busy) {
    busy = busy || m_evaluating;
    m_find->setEnabled(!busy);
    m_report->setEnabled(!busy);
    m_evaluate->setEnabled(!busy);
    m_saveToRelease->setEnabled(!busy && m_evaluation);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(QString());
    }
}

void DatasetQualityWindow::onNearDuplicates(std::shared_ptr<const NearDuplicateView> view) {
    m_view = std::move(view);
    const NearDuplicateReport& report = m_view->report;
    QString summary = tr("%1, cosine ≥ %2 (%3): %n group(s)", nullptr, int(report.groups.size()))
                          .arg(QString::fromStdString(report.branch))
                          .arg(report.threshold, 0, 'f', 3)
                          .arg(QString::fromStdString(report.method));
    summary += tr(" holding %1 of the %2 images; keeping one image per group would drop %3.")
                   .arg(report.imagesInGroups)
                   .arg(report.datasetImages)
                   .arg(report.removable);
    if (report.embeddedImages < report.datasetImages) {
        summary += QLatin1Char(' ') + tr("%1 images have no embedding of %2 and were not compared.")
                                          .arg(report.datasetImages - report.embeddedImages)
                                          .arg(QString::fromStdString(report.model));
    }
    m_nearSummary->setText(summary);
    m_groups->clear();
    for (const NearDuplicateGroup& group : report.groups) {
        const NearDuplicateMember& kept = group.members.front();
        auto* item = new QListWidgetItem(tr("%n image(s), cosine %1–%2", nullptr, int(group.members.size()))
                                             .arg(group.minSimilarity, 0, 'f', 3)
                                             .arg(group.maxSimilarity, 0, 'f', 3));
        item->setToolTip(tr("Kept: %1").arg(QString::fromStdString(kept.source + "/" + kept.id)));
        m_groups->addItem(item);
    }
    if (!report.groups.empty()) {
        m_groups->setCurrentRow(0);
    } else {
        showGroup(-1);
    }
}

void DatasetQualityWindow::showGroup(int row) {
    if (!m_view || row < 0 || row >= m_view->groupImages.size()) {
        m_groupTitle->setText(
            m_view && m_view->report.groups.empty()
                ? tr("No two images of the dataset reach a cosine of %1: nothing to de-duplicate.")
                      .arg(m_view->report.threshold, 0, 'f', 3)
                : QString());
        m_membersModel->setImages({});
        return;
    }
    const NearDuplicateGroup& group = m_view->report.groups[size_t(row)];
    QVector<CommitSampleImage> images = m_view->groupImages[row];
    for (int i = 0; i < images.size(); ++i) {
        const NearDuplicateMember& member = group.members[size_t(i)];
        const QString commits = tr("in %n commit(s)", nullptr, int(member.commits));
        images[i].caption = member.kept ? tr("kept; %1").arg(commits) : commits;
        images[i].name = (member.kept ? tr("kept: %1") : QStringLiteral("%1")).arg(images[i].key) +
                         QLatin1Char('\n') + commits;
    }
    m_groupTitle->setText(
        tr("Group %1 of %2: the first image is the one a de-duplication keeps (held by the most "
           "commits); the others would be dropped.")
            .arg(row + 1)
            .arg(m_view->report.groups.size()));
    m_membersModel->setImages(images);
}

void DatasetQualityWindow::onBalance(std::shared_ptr<const BalanceReport> report) {
    QString summary =
        tr("%1: %2 images; %3 of %4 attributes hold images; evenness J = %5, smallest/largest %6.")
            .arg(QString::fromStdString(report->branch))
            .arg(report->datasetImages)
            .arg(report->attributesCovered)
            .arg(report->attributes.size())
            .arg(report->evenness, 0, 'f', 3)
            .arg(report->minMaxRatio, 0, 'f', 3);
    if (!report->underTarget.empty()) {
        summary += QLatin1Char(' ') +
                   tr("%n attribute(s) under the target of %1: %2", nullptr, int(report->underTarget.size()))
                       .arg(report->target)
                       .arg(joinNames(report->underTarget, 8));
    }
    m_balanceSummary->setText(summary);
    m_chart->setReport(std::move(report));
}

} // namespace curator::ui
