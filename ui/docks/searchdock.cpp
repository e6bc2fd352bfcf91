#include "docks/searchdock.h"

#include "curation/curationdefaults.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/wordcompleter.h"

#include <algorithm>

namespace curator::ui {

SearchDock::SearchDock(QWidget* parent)
    : QDockWidget(tr("Search"), parent)
    , m_query(new QLineEdit)
    , m_negatives(new QLineEdit)
    , m_negativeThreshold(new QDoubleSpinBox)
    , m_source(new QComboBox)
    , m_topK(new QSpinBox)
    , m_showMasked(new QCheckBox(tr("Show masked results (greyed)")))
    , m_bandMinimum(new QDoubleSpinBox)
    , m_bandMaximum(new QDoubleSpinBox)
    , m_bandCount(new QSpinBox)
    , m_bandSeed(new QSpinBox)
    , m_message(new QLabel)
    , m_queryWords(new WordCompleter(m_query, this))
    , m_negativeWords(new WordCompleter(m_negatives, this)) {
    setObjectName(QStringLiteral("SearchDock"));
    m_query->setPlaceholderText(tr("e.g. motion blur"));
    m_negatives->setPlaceholderText(tr("comma-separated, e.g. text overlay, watermark"));
    m_negativeThreshold->setRange(-1.0, 1.0);
    m_negativeThreshold->setSingleStep(0.05);
    m_negativeThreshold->setValue(defaults::kNegativeThreshold);
    m_topK->setRange(1, 100000);
    m_topK->setValue(static_cast<int>(defaults::kWorkstationTopK));
    m_source->addItem(tr("All sources"));
    m_message->setWordWrap(true);
    auto* search = new QPushButton(tr("Search"));
    search->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Query"), m_query);
    form->addRow(tr("Negatives"), m_negatives);
    form->addRow(tr("Negative threshold"), m_negativeThreshold);
    form->addRow(tr("Source"), m_source);
    form->addRow(tr("Top k"), m_topK);
    form->addRow(QString(), m_showMasked);

    // The band sampler: what lies just below a threshold, to calibrate it.
    for (QDoubleSpinBox* bound : {m_bandMinimum, m_bandMaximum}) {
        bound->setRange(-1.0, 1.0);
        bound->setDecimals(3);
        bound->setSingleStep(0.01);
    }
    m_bandMinimum->setValue(0.15);
    m_bandMaximum->setValue(0.25);
    m_bandCount->setRange(1, 10000);
    m_bandCount->setValue(50);
    m_bandSeed->setRange(0, 1000000000);
    m_bandSeed->setSpecialValueText(tr("random"));
    auto* sample = new QPushButton(tr("Sample band"));
    sample->setToolTip(tr("Draw images uniformly from the similarity band of the last search"));
    auto* bandForm = new QFormLayout;
    bandForm->addRow(tr("From"), m_bandMinimum);
    bandForm->addRow(tr("To"), m_bandMaximum);
    bandForm->addRow(tr("Images"), m_bandCount);
    bandForm->addRow(tr("Seed"), m_bandSeed);
    bandForm->addRow(sample);
    auto* band = new QGroupBox(tr("Similarity band sampler"));
    band->setLayout(bandForm);

    auto* layout = new QVBoxLayout;
    layout->addLayout(form);
    layout->addWidget(search);
    layout->addWidget(band);
    layout->addWidget(m_message);
    layout->addStretch();
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    auto emitRequest = [this] { Q_EMIT searchRequested(request()); };
    connect(search, &QPushButton::clicked, this, emitRequest);
    connect(m_query, &QLineEdit::returnPressed, this, emitRequest);
    connect(m_negatives, &QLineEdit::returnPressed, this, emitRequest);
    connect(sample, &QPushButton::clicked, this, [this] {
        Q_EMIT bandSampleRequested(m_bandMinimum->value(), m_bandMaximum->value(), m_bandCount->value(),
                                   static_cast<quint64>(m_bandSeed->value()));
    });
}

void SearchDock::setBandAround(double threshold) {
    const double width = std::max(0.01, m_bandMaximum->value() - m_bandMinimum->value());
    m_bandMaximum->setValue(threshold);
    m_bandMinimum->setValue(threshold - width);
}

void SearchDock::setSources(const QStringList& sources) {
    while (m_source->count() > 1) {
        m_source->removeItem(1);
    }
    m_source->addItems(sources);
}

SearchRequestValues SearchDock::request() const {
    SearchRequestValues values;
    values.query = m_query->text().trimmed();
    for (const QString& negative : m_negatives->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!negative.trimmed().isEmpty()) {
            values.negatives << negative.trimmed();
        }
    }
    values.negativeThreshold = m_negativeThreshold->value();
    if (m_source->currentIndex() > 0) {
        values.sources << m_source->currentText();
    }
    values.topK = m_topK->value();
    values.showMasked = m_showMasked->isChecked();
    return values;
}

void SearchDock::setQuery(const QString& query, const QStringList& negatives) {
    m_query->setText(query);
    m_negatives->setText(negatives.join(QStringLiteral(", ")));
}

void SearchDock::showMessage(const QString& message) {
    m_message->setText(message);
}

void SearchDock::focusQuery() {
    show();
    raise();
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void SearchDock::setSuggestions(const QStringList& phrases) {
    m_queryWords->setPhrases(phrases);
    m_negativeWords->setPhrases(phrases);
}

} // namespace curator::ui
