#include "docks/histogramdock.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace curator::ui {

namespace {
constexpr int kSliderSteps = 1000;
}

HistogramDock::HistogramDock(SearchBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Similarity histogram"), parent)
    , m_bridge(bridge)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart))
    , m_distribution(new QLineSeries)
    , m_thresholdLine(new QLineSeries)
    , m_axisX(new QValueAxis)
    , m_axisY(new QValueAxis)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_countLabel(new QLabel(tr("Search to see how similarities spread.")))
    , m_commit(new QPushButton(tr("Commit above threshold...")))
    , m_countDelay(new QTimer(this)) {
    setObjectName(QStringLiteral("HistogramDock"));
    m_distribution->setName(tr("unmasked images"));
    m_thresholdLine->setName(tr("threshold"));
    QPen thresholdPen(QColor(220, 60, 60));
    thresholdPen.setWidth(2);
    m_thresholdLine->setPen(thresholdPen);
    m_chart->addSeries(m_distribution);
    m_chart->addSeries(m_thresholdLine);
    m_axisX->setTitleText(tr("cosine similarity"));
    m_axisY->setTitleText(tr("images"));
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setLabelFormat(QStringLiteral("%.2f"));
    m_axisX->setTickCount(6);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    for (auto* series : {m_distribution, m_thresholdLine}) {
        series->attachAxis(m_axisX);
        series->attachAxis(m_axisY);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(230);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setEnabled(false);
    m_countDelay->setSingleShot(true);
    m_countDelay->setInterval(120); // count once the drag settles, not for every pixel
    connect(m_countDelay, &QTimer::timeout, this, [this] { m_bridge->countAbove(m_threshold); });
    connect(m_slider, &QSlider::valueChanged, this, &HistogramDock::onSliderMoved);
    m_commit->setEnabled(false);
    connect(m_commit, &QPushButton::clicked, this, [this] {
        // What the user saw when asking: a search arriving while the dialog is open must not change it.
        const double threshold = m_threshold;
        const quint64 generation = m_searchGeneration;
        bool ok = false;
        const QString message = QInputDialog::getText(
            this, tr("Commit"),
            tr("Why do the images at or above %1 belong in the dataset?").arg(threshold, 0, 'f', 3),
            QLineEdit::Normal, QString(), &ok);
        if (ok && !message.trimmed().isEmpty()) {
            m_bridge->commitAbove(threshold, message.trimmed(), generation);
        }
    });
    connect(m_bridge, &SearchBridge::countReady, this, [this](double threshold, qulonglong count) {
        m_countLabel->setText(tr("%n image(s) at or above %1", nullptr, static_cast<int>(count))
                                  .arg(QString::number(threshold, 'f', 3)));
    });

    auto* layout = new QVBoxLayout;
    layout->addWidget(m_view);
    layout->addWidget(m_slider);
    auto* countRow = new QHBoxLayout;
    countRow->addWidget(m_countLabel, 1);
    countRow->addWidget(m_commit);
    layout->addLayout(countRow);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);
}

void HistogramDock::setSnapshot(const SearchSnapshot& snapshot) {
    m_searchGeneration = snapshot.generation;
    const auto& counts = snapshot.distribution.counts;
    if (counts.empty()) {
        return;
    }
    const double width =
        (snapshot.distribution.maximum - snapshot.distribution.minimum) / static_cast<double>(counts.size());
    size_t first = counts.size();
    size_t last = 0;
    for (size_t b = 0; b < counts.size(); ++b) {
        if (counts[b] > 0) {
            first = std::min(first, b);
            last = b;
        }
    }
    if (first > last) {
        return;
    }
    QList<QPointF> points;
    m_peak = 1;
    for (size_t b = first; b <= last; ++b) {
        const double centre = snapshot.distribution.minimum + width * (static_cast<double>(b) + 0.5);
        points << QPointF(centre, static_cast<double>(counts[b]));
        m_peak = std::max(m_peak, static_cast<double>(counts[b]));
    }
    m_distribution->replace(points);
    // A few bins can tower over the rest (images far from the query pile up at one similarity): the
    // y range stops at the tallest bin that is not such an outlier, so the shape near a threshold shows.
    std::vector<double> heights;
    for (const QPointF& point : points) {
        heights.push_back(point.y());
    }
    std::sort(heights.begin(), heights.end());
    const double typical = heights[static_cast<size_t>(0.95 * static_cast<double>(heights.size() - 1))];
    m_peak = std::min(m_peak, std::max(1.0, typical * 1.5));
    m_minimum = snapshot.distribution.minimum + width * static_cast<double>(first);
    m_maximum = snapshot.distribution.minimum + width * static_cast<double>(last + 1);
    m_axisX->setRange(m_minimum, m_maximum);
    m_axisY->setRange(0, m_peak * 1.05);
    // Start the threshold at the weakest of the results shown, where a commit would begin.
    const double start = snapshot.rows.isEmpty() ? (m_minimum + m_maximum) / 2
                                                 : static_cast<double>(snapshot.rows.last().similarity);
    m_slider->setEnabled(true);
    m_commit->setEnabled(true);
    const int value = static_cast<int>((start - m_minimum) / (m_maximum - m_minimum) * kSliderSteps);
    if (m_slider->value() == value) {
        onSliderMoved(value);
    } else {
        m_slider->setValue(value);
    }
}

void HistogramDock::onSliderMoved(int value) {
    m_threshold = m_minimum + (m_maximum - m_minimum) * value / kSliderSteps;
    drawThreshold();
    m_countLabel->setText(tr("counting at %1 ...").arg(QString::number(m_threshold, 'f', 3)));
    m_countDelay->start();
    Q_EMIT thresholdChanged(m_threshold);
}

void HistogramDock::drawThreshold() {
    m_thresholdLine->replace({QPointF(m_threshold, 0), QPointF(m_threshold, m_peak * 1.05)});
}

} // namespace curator::ui
