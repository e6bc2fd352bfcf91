#include "docks/histogramdock.h"

#include "widgets/similarityhistogramview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace curator::ui {

HistogramDock::HistogramDock(SearchBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Similarity histogram"), parent)
    , m_bridge(bridge)
    , m_view(new SimilarityHistogramView)
    , m_countLabel(new QLabel)
    , m_commit(new QPushButton(tr("Commit above threshold...")))
    , m_countDelay(new QTimer(this)) {
    setObjectName(QStringLiteral("HistogramDock"));
    m_countLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_countDelay->setSingleShot(true);
    m_countDelay->setInterval(120); // count once the drag settles, not for every pixel
    connect(m_countDelay, &QTimer::timeout, this, [this] { m_bridge->countAbove(m_threshold); });
    connect(m_view, &SimilarityHistogramView::thresholdMoved, this, &HistogramDock::onThresholdMoved);
    connect(m_view, &SimilarityHistogramView::rangeSelected, this, &HistogramDock::rangeSelected);
    connect(m_view, &SimilarityHistogramView::rangeCleared, this, &HistogramDock::rangeCleared);
    m_commit->setEnabled(false);
    m_commit->setToolTip(tr("Commit the images at or above the threshold (you give the reason next)"));
    connect(m_commit, &QPushButton::clicked, this,
            [this] { Q_EMIT commitAboveRequested(m_threshold, m_searchGeneration); });
    connect(m_bridge, &SearchBridge::countReady, this, [this](double threshold, qulonglong count) {
        m_countLabel->setText(tr("%n image(s) at or above %1", nullptr, static_cast<int>(count))
                                  .arg(QString::number(threshold, 'f', 3)));
    });

    auto* layout = new QVBoxLayout;
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    auto* countRow = new QHBoxLayout;
    countRow->addWidget(m_countLabel, 1);
    countRow->addWidget(m_commit);
    layout->addLayout(countRow);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);
}

QString HistogramDock::countText() const {
    return m_countLabel->text();
}

void HistogramDock::setSnapshot(const SearchSnapshot& snapshot) {
    m_searchGeneration = snapshot.generation;
    m_view->setDistribution(snapshot.distribution);
    m_countDelay->stop();
    if (m_view->isEmpty()) {
        m_commit->setEnabled(false);
        m_countLabel->clear();
        return;
    }
    m_commit->setEnabled(true);
    // Start the threshold at the weakest of the results shown, where a commit would begin.
    const double start = snapshot.rows.isEmpty() ? (m_view->minimum() + m_view->maximum()) / 2
                                                 : static_cast<double>(snapshot.rows.last().similarity);
    m_view->setThreshold(start);
    onThresholdMoved(m_view->threshold()); // a new search: count even when the value is the same
}

void HistogramDock::setThreshold(double threshold) {
    const double before = m_view->threshold();
    m_view->setThreshold(threshold);
    if (m_view->threshold() != before || m_view->threshold() != m_threshold) {
        onThresholdMoved(m_view->threshold());
    }
}

void HistogramDock::setSampledBand(double minimum, double maximum) {
    m_view->setSampledBand(minimum, maximum);
}

void HistogramDock::clearSampledBand() {
    m_view->clearSampledBand();
}

void HistogramDock::onThresholdMoved(double threshold) {
    m_threshold = threshold;
    if (m_view->isEmpty()) {
        Q_EMIT thresholdChanged(m_threshold); // no search yet: nothing to count
        return;
    }
    m_countLabel->setText(tr("counting at %1 ...").arg(QString::number(m_threshold, 'f', 3)));
    m_countDelay->start();
    Q_EMIT thresholdChanged(m_threshold);
}

} // namespace curator::ui
