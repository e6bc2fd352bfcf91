#include "widgets/replaystepbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace curator::ui {

ReplayStepBar::ReplayStepBar(QWidget* parent)
    : QWidget(parent)
    , m_first(new QToolButton)
    , m_previous(new QToolButton)
    , m_next(new QToolButton)
    , m_last(new QToolButton)
    , m_label(new QLabel) {
    setObjectName(QStringLiteral("replayStepBar"));
    const struct {
        QToolButton* button;
        const char* name;
        QString text;
        QString tip;
    } buttons[] = {
        {m_first, "replayFirst", tr("First"), tr("The first turn")},
        {m_previous, "replayPrevious", tr("\u25C0 Previous"), tr("The previous turn")},
        {m_next, "replayNext", tr("Next \u25B6"), tr("The next turn")},
        {m_last, "replayLast", tr("Last"), tr("The last turn")},
    };
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (const auto& each : buttons) {
        each.button->setObjectName(QLatin1String(each.name));
        each.button->setText(each.text);
        each.button->setToolTip(each.tip);
        each.button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layout->addWidget(each.button);
        if (each.button == m_previous) {
            layout->addWidget(m_label);
        }
    }
    m_label->setObjectName(QStringLiteral("replayTurnLabel"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(tr("Turn %1 of %2").arg(888).arg(888)));
    layout->addStretch();
    connect(m_first, &QToolButton::clicked, this, &ReplayStepBar::firstRequested);
    connect(m_previous, &QToolButton::clicked, this, &ReplayStepBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &ReplayStepBar::nextRequested);
    connect(m_last, &QToolButton::clicked, this, &ReplayStepBar::lastRequested);
    setStep(0, 0, 0);
}

void ReplayStepBar::setStep(int step, int count, int turn) {
    m_label->setText(count == 0 ? tr("No turns") : tr("Turn %1 of %2").arg(turn).arg(count));
    m_first->setEnabled(step > 0);
    m_previous->setEnabled(step > 0);
    m_next->setEnabled(step + 1 < count);
    m_last->setEnabled(step + 1 < count);
}

} // namespace curator::ui
