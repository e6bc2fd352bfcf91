#include "widgets/jobstatuswidget.h"

#include "bridge/jobrunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace curator::ui {

JobStatusWidget::JobStatusWidget(JobRunner* runner, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel)
    , m_bar(new QProgressBar)
    , m_cancel(new QToolButton) {
    m_bar->setMaximumWidth(220);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();

    connect(m_cancel, &QToolButton::clicked, runner, [this, runner] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("%1: cancelling ...").arg(runner->title()));
        runner->cancel();
    });
    connect(runner, &JobRunner::started, this, [this](const QString& title) {
        m_label->setText(title);
        m_bar->setRange(0, 0);
        m_cancel->setEnabled(true);
        show();
    });
    connect(runner, &JobRunner::progressed, this,
            [this, runner](qint64 done, qint64 total, const QString& text) {
                if (!m_cancel->isEnabled()) {
                    return; // keep saying "cancelling"
                }
                m_label->setText(text.isEmpty() ? runner->title()
                                                : QStringLiteral("%1: %2").arg(runner->title(), text));
                // QProgressBar holds ints: scale large totals down.
                const qint64 scale = total > 1000000 ? total / 1000000 + 1 : 1;
                m_bar->setRange(0, static_cast<int>(total / scale));
                m_bar->setValue(static_cast<int>(done / scale));
            });
    connect(runner, &JobRunner::finished, this, [this] { hide(); });
}

} // namespace curator::ui
