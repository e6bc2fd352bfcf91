#include "widgets/modelcheckpanel.h"

#include "bridge/modelcheckbridge.h"

#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

const QString kFailedStyle = QStringLiteral("color: #b00020");
const QString kPassedStyle = QStringLiteral("color: #1b5e20");

QString roleTitle(ModelRole role) {
    switch (role) {
    case ModelRole::Embedder:
        return ModelCheckPanel::tr("Embedder");
    case ModelRole::Scorer:
        return ModelCheckPanel::tr("Scorer");
    case ModelRole::Captioner:
        return ModelCheckPanel::tr("Captioner");
    }
    return {};
}

// What one role's check found, in a line.
QString outcomeLine(const ModelCheckOutcome& outcome, const ModelCheckReport& report) {
    const QString role = roleTitle(outcome.role);
    const QString model = QString::fromStdString(outcome.model);
    if (!outcome.ok) {
        return QStringLiteral("\u2717 ") +
               ModelCheckPanel::tr("%1 failed: %2").arg(role, QString::fromStdString(outcome.message));
    }
    QString found;
    switch (outcome.role) {
    case ModelRole::Embedder:
        found = report.storeDimension > 0
                    ? ModelCheckPanel::tr("%1: %2, %3 dimensions, as the store's rows")
                          .arg(role, model)
                          .arg(report.dimension)
                    : ModelCheckPanel::tr("%1: %2, %3 dimensions (the store is empty: any dimension fits)")
                          .arg(role, model)
                          .arg(report.dimension);
        break;
    case ModelRole::Scorer:
        found = ModelCheckPanel::tr("%1: %2, test score %3 on [%4, %5]")
                    .arg(role, model)
                    .arg(report.score.value_or(0), 0, 'g', 3)
                    .arg(report.scoreRange ? report.scoreRange->minimum : 0, 0, 'g', 3)
                    .arg(report.scoreRange ? report.scoreRange->maximum : 0, 0, 'g', 3);
        break;
    case ModelRole::Captioner:
        found = report.caption.empty()
                    ? ModelCheckPanel::tr("%1: %2, reads the captions beside the images").arg(role, model)
                    : ModelCheckPanel::tr("%1: %2: \"%3\"")
                          .arg(role, model, QString::fromStdString(report.caption));
        break;
    }
    return QStringLiteral("\u2713 ") + found;
}

} // namespace

ModelCheckPanel::ModelCheckPanel(QWidget* parent)
    : QWidget(parent)
    , m_checker(new ModelCheckBridge(this))
    , m_button(new QPushButton(tr("Check models")))
    , m_progress(new QProgressBar)
    , m_result(new QPlainTextEdit) {
    m_button->setObjectName(QStringLiteral("settingsCheckModels"));
    m_button->setToolTip(tr("Try each model on a test image: the embedder's dimension against the "
                            "store's, a test caption and a test score. OK checks changed models too."));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_button->sizeHint().height() / 2);
    m_progress->hide();
    // A fixed few lines that scroll, so that a long error never reflows the dialog.
    m_result->setObjectName(QStringLiteral("settingsCheckResult"));
    m_result->setReadOnly(true);
    m_result->setFrameShape(QFrame::NoFrame);
    m_result->viewport()->setAutoFillBackground(false);
    m_result->setFixedHeight(m_result->fontMetrics().lineSpacing() * 5 + 8);
    m_result->setPlaceholderText(tr("Check models tries each model on a test image: the embedder's "
                                    "dimension against the store's, a caption, a score."));
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_button);
    buttonRow->addWidget(m_progress, 1);
    buttonRow->addStretch(0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttonRow);
    layout->addWidget(m_result);

    connect(m_button, &QPushButton::clicked, this, [this] {
        if (isBusy()) {
            stop();
        } else {
            Q_EMIT checkRequested();
        }
    });
    connect(m_checker, &ModelCheckBridge::progressed, this, [this](int step, int steps, const QString& what) {
        m_progress->setRange(0, steps);
        m_progress->setValue(step - 1);
        showNote(tr("Checking %1 of %2: %3...").arg(step).arg(steps).arg(what));
    });
    connect(m_checker, &ModelCheckBridge::finished, this,
            [this](const std::shared_ptr<const ModelCheckReport>& report) {
                setBusy(false);
                showReport(*report);
                Q_EMIT finished(report);
            });
}

bool ModelCheckPanel::isBusy() const {
    return m_checker->isBusy();
}

void ModelCheckPanel::start(ModelCheckRequest request) {
    m_checker->start(std::move(request));
    setBusy(true);
    showNote(tr("Checking the models..."));
}

void ModelCheckPanel::stop() {
    if (!isBusy()) {
        return;
    }
    m_checker->cancel(); // its late report is dropped; nothing waits for it
    setBusy(false);
    showNote(tr("Check stopped; nothing was saved."));
    Q_EMIT stopped();
}

void ModelCheckPanel::showNote(const QString& text) {
    m_result->setStyleSheet(QString());
    m_result->setPlainText(text);
}

void ModelCheckPanel::setBusy(bool busy) {
    m_button->setText(busy ? tr("Stop check") : tr("Check models"));
    m_progress->setRange(0, 0); // busy until the first step is told
    m_progress->setVisible(busy);
    Q_EMIT busyChanged(busy);
}

void ModelCheckPanel::showReport(const ModelCheckReport& report) {
    QStringList lines;
    for (const ModelCheckOutcome* outcome : report.checkedOutcomes()) {
        lines << outcomeLine(*outcome, report);
    }
    if (report.cancelled) {
        lines << tr("Stopped before every model was checked.");
    }
    if (lines.isEmpty()) {
        lines << tr("No model changed: nothing to check.");
    }
    m_result->setStyleSheet(report.ok() ? kPassedStyle : kFailedStyle);
    m_result->setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace curator::ui
