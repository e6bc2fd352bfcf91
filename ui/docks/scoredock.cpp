#include "docks/scoredock.h"

#include "widgets/scorehistogramview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace curator::ui {

namespace {

QString number(double value) {
    return QString::number(value, 'f', 2);
}

const QColor kBatchColour(52, 120, 198);
const QColor kDatasetColour(40, 40, 40);
const QColor kCollectionColour(30, 150, 60);

} // namespace

ScoreDock::ScoreDock(RatingBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Aesthetics scores"), parent)
    , m_bridge(bridge)
    , m_view(new ScoreHistogramView)
    , m_summary(new QLabel)
    , m_status(new QLabel(tr("Search, then rate the results to compare them with the dataset.")))
    , m_rateBatch(new QAction(tr("Rate results"), this))
    , m_rateDataset(new QAction(tr("Rate dataset"), this))
    , m_rateCollection(new QAction(tr("Rate collection sample"), this))
    , m_progress(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_failureLabel(new QLabel)
    , m_failureModel(new QStringListModel(this))
    , m_failureView(new QListView) {
    setObjectName(QStringLiteral("ScoreDock"));
    m_summary->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_rateBatch->setEnabled(false);
    m_rateBatch->setToolTip(tr("Rate the results shown in the grid (masked ones excepted)"));
    m_rateDataset->setToolTip(tr("Rate the committed images that have no score yet"));
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_failureLabel->setVisible(false);
    m_failureView->setModel(m_failureModel);
    m_failureView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failureView->setMaximumHeight(90);
    m_failureView->setVisible(false);

    m_rateBatch->setObjectName(QStringLiteral("rateResultsAction"));
    m_rateDataset->setObjectName(QStringLiteral("rateDatasetAction"));
    m_rateCollection->setObjectName(QStringLiteral("rateCollectionAction"));
    m_rateCollection->setToolTip(
        tr("Rate %1 images drawn from the whole collection: the reference a batch of clean or of degraded "
           "images is read against")
            .arg(RatingBridge::kCollectionSample));
    connect(m_rateBatch, &QAction::triggered, this, &ScoreDock::rateBatch);
    connect(m_rateDataset, &QAction::triggered, this, &ScoreDock::rateDataset);
    connect(m_rateCollection, &QAction::triggered, this, &ScoreDock::rateCollectionSample);
    connect(m_cancel, &QPushButton::clicked, m_bridge, &RatingBridge::cancel);
    connect(m_bridge, &RatingBridge::busyChanged, this, &ScoreDock::setBusy);
    connect(m_bridge, &RatingBridge::progress, this, [this](qulonglong done, qulonglong total) {
        m_progress->setRange(0, static_cast<int>(std::max<qulonglong>(total, 1)));
        m_progress->setValue(static_cast<int>(done));
        m_progress->setFormat(tr("%1 of %2 rated").arg(done).arg(total));
    });
    connect(m_bridge, &RatingBridge::batchRated, this,
            [this](const std::shared_ptr<const RateReport>& report) {
                // A rating of rows the grid no longer shows is kept in the caches, not drawn as this batch.
                if (m_awaitingBatch) {
                    m_awaitingBatch = false;
                    showBatchReport(*report);
                }
            });
    connect(m_bridge, &RatingBridge::datasetRated, this,
            [this](const std::shared_ptr<const RateReport>& report) {
                showFailures(*report);
                m_status->setText(tr("Rated %n unscored dataset image(s).", nullptr,
                                     static_cast<int>(report->rated.size())));
            });
    connect(m_bridge, &RatingBridge::collectionRated, this,
            [this](const std::shared_ptr<const RateReport>& report) {
                m_collection = report->histogram;
                showFailures(*report);
                m_status->setText(tr("Rated a sample of %n collection image(s).", nullptr,
                                     static_cast<int>(report->rated.size())));
                redraw();
            });
    connect(m_bridge, &RatingBridge::datasetReady, this, &ScoreDock::showDatasetHistogram);
    connect(m_bridge, &RatingBridge::cancelled, this,
            [this](const QString& message) { m_status->setText(tr("Cancelled: %1").arg(message)); });
    connect(m_bridge, &RatingBridge::failed, this,
            [this](const QString& message) { m_status->setText(tr("Rating failed: %1").arg(message)); });

    auto* buttons = new QHBoxLayout;
    for (QAction* action : {m_rateBatch, m_rateDataset, m_rateCollection}) {
        auto* button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto* layout = new QVBoxLayout;
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addLayout(progressRow);
    layout->addWidget(m_failureLabel);
    layout->addWidget(m_failureView);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    redraw();
    m_bridge->refreshDataset();
}

void ScoreDock::setBatch(const QVector<SearchResultRow>& rows) {
    m_rows = rows;
    m_batch.reset();
    m_awaitingBatch = false;
    m_rateBatch->setEnabled(!m_rows.isEmpty() && !m_bridge->isRating());
    m_status->setText(
        tr("%n result(s) in the grid, not rated yet.", nullptr, static_cast<int>(m_rows.size())));
    redraw();
}

void ScoreDock::showAgentRating(const ScoreHistogram& histogram, const QString& what) {
    m_batch = histogram;
    m_awaitingBatch = false;
    m_status->setText(what);
    redraw();
}

void ScoreDock::rateBatch() {
    QVector<SearchResultRow> unmasked;
    for (const SearchResultRow& row : m_rows) {
        if (!row.masked) {
            unmasked.push_back(row);
        }
    }
    if (unmasked.isEmpty()) {
        return;
    }
    m_status->setText(tr("Rating %n result(s)...", nullptr, static_cast<int>(unmasked.size())));
    m_awaitingBatch = true;
    m_bridge->rateBatch(unmasked);
}

void ScoreDock::rateDataset() {
    m_status->setText(tr("Rating the dataset's unscored images..."));
    m_bridge->rateDataset();
}

void ScoreDock::rateCollectionSample() {
    m_status->setText(tr("Rating a sample of the collection..."));
    m_bridge->rateCollectionSample();
}

QStringList ScoreDock::failures() const {
    return m_failureModel->stringList();
}

void ScoreDock::showBatchReport(const RateReport& report) {
    m_batch = report.histogram;
    m_status->setText(tr("Batch rated by %1: %2 from the cache, %3 scored now, %4 failed.")
                          .arg(QString::fromStdString(report.scorer))
                          .arg(report.scoresFromCache)
                          .arg(report.rated.size() - report.scoresFromCache)
                          .arg(report.failures.size()));
    showFailures(report);
    redraw();
}

void ScoreDock::showDatasetHistogram(const DatasetHistogram& histogram) {
    m_dataset = histogram.histogram;
    if (histogram.datasetImages == 0) {
        m_datasetNote = tr("no committed images on %1 yet").arg(histogram.branch);
    } else if (histogram.unscored > 0) {
        m_datasetNote = tr("%1 of %2 committed images on %3 not rated yet")
                            .arg(histogram.unscored)
                            .arg(histogram.datasetImages)
                            .arg(histogram.branch);
    } else {
        m_datasetNote =
            tr("all %1 committed images on %2 rated").arg(histogram.datasetImages).arg(histogram.branch);
    }
    redraw();
}

void ScoreDock::showFailures(const RateReport& report) {
    QStringList lines;
    for (const RateFailure& failure : report.failures) {
        lines << QStringLiteral("%1/%2: %3")
                     .arg(QString::fromStdString(failure.source), QString::fromStdString(failure.id),
                          QString::fromStdString(failure.message));
    }
    m_failureModel->setStringList(lines);
    m_failureLabel->setText(tr("%n image(s) could not be rated:", nullptr, static_cast<int>(lines.size())));
    m_failureLabel->setVisible(!lines.isEmpty());
    m_failureView->setVisible(!lines.isEmpty());
}

void ScoreDock::setBusy(bool busy) {
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0); // busy until the first progress report
    }
    m_rateBatch->setEnabled(!busy && !m_rows.isEmpty());
    m_rateDataset->setEnabled(!busy);
    m_rateCollection->setEnabled(!busy);
}

void ScoreDock::redraw() {
    // The batch as bars over the references' outlines: whether it scores lower or higher reads off at once.
    QVector<ScoreHistogramView::Series> series;
    if (m_batch) {
        series.push_back({tr("this batch"), kBatchColour, ScoreHistogramView::Style::Bars, *m_batch});
    }
    if (m_dataset) {
        series.push_back(
            {tr("dataset so far"), kDatasetColour, ScoreHistogramView::Style::Outline, *m_dataset});
    }
    if (m_collection) {
        series.push_back({tr("collection sample"), kCollectionColour,
                          ScoreHistogramView::Style::DashedOutline, *m_collection});
    }
    m_view->setEmptyText(m_rows.isEmpty()
                             ? tr("Search, then rate the results to see their scores.")
                             : tr("Rate the results to see their scores against the references."));
    m_view->setSeries(series);
    updateSummary();
}

void ScoreDock::updateSummary() {
    auto column = [](const std::optional<ScoreHistogram>& histogram, int field) -> QString {
        if (!histogram || histogram->count == 0) {
            return QStringLiteral("-");
        }
        switch (field) {
        case 0:
            return QString::number(histogram->count);
        case 1:
            return number(histogram->mean);
        case 2:
            return number(histogram->median);
        case 3:
            return number(histogram->p10);
        default:
            return number(histogram->p90);
        }
    };
    // Only the groups rated so far get a row, so the dock stays short until there is something to compare.
    const std::pair<QString, const std::optional<ScoreHistogram>*> rows[] = {
        {tr("this batch"), &m_batch},
        {tr("dataset so far"), &m_dataset},
        {tr("collection sample"), &m_collection}};
    const QStringList headers = {tr("n"), tr("mean"), tr("median"), tr("p10"), tr("p90")};
    QString html;
    for (const auto& [label, histogram] : rows) {
        if (!*histogram || (*histogram)->count == 0) {
            continue;
        }
        if (html.isEmpty()) {
            html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\"><tr><td></td>");
            for (const QString& header : headers) {
                html += QStringLiteral("<th align=\"right\">&nbsp;&nbsp;%1</th>").arg(header.toHtmlEscaped());
            }
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("<tr><td>%1</td>").arg(label.toHtmlEscaped());
        for (int field = 0; field < headers.size(); ++field) {
            html += QStringLiteral("<td align=\"right\">%1</td>").arg(column(*histogram, field));
        }
        html += QStringLiteral("</tr>");
    }
    if (!html.isEmpty()) {
        html += QStringLiteral("</table>");
    }
    if (!m_datasetNote.isEmpty()) {
        html += QStringLiteral("<small>%1</small>").arg(m_datasetNote.toHtmlEscaped());
    }
    m_summary->setText(html);
}

} // namespace curator::ui
