#include "docks/searchdock.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace curator::ui {

SearchDock::SearchDock(QWidget* parent)
    : QDockWidget(tr("Search"), parent)
    , m_query(new QLineEdit)
    , m_negatives(new QLineEdit)
    , m_negativeThreshold(new QDoubleSpinBox)
    , m_source(new QComboBox)
    , m_topK(new QSpinBox)
    , m_message(new QLabel) {
    setObjectName(QStringLiteral("SearchDock"));
    m_query->setPlaceholderText(tr("e.g. motion blur"));
    m_negatives->setPlaceholderText(tr("comma-separated, e.g. text overlay, watermark"));
    m_negativeThreshold->setRange(-1.0, 1.0);
    m_negativeThreshold->setSingleStep(0.05);
    m_negativeThreshold->setValue(0.3);
    m_topK->setRange(1, 100000);
    m_topK->setValue(200);
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
    auto* layout = new QVBoxLayout;
    layout->addLayout(form);
    layout->addWidget(search);
    layout->addWidget(m_message);
    layout->addStretch();
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    auto emitRequest = [this] { Q_EMIT searchRequested(request()); };
    connect(search, &QPushButton::clicked, this, emitRequest);
    connect(m_query, &QLineEdit::returnPressed, this, emitRequest);
    connect(m_negatives, &QLineEdit::returnPressed, this, emitRequest);
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
    return values;
}

void SearchDock::setQuery(const QString& query, const QStringList& negatives) {
    m_query->setText(query);
    m_negatives->setText(negatives.join(QStringLiteral(", ")));
}

void SearchDock::showMessage(const QString& message) {
    m_message->setText(message);
}

} // namespace curator::ui
