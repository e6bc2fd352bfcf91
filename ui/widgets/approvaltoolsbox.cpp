#include "widgets/approvaltoolsbox.h"

#include <QCheckBox>
#include <QHBoxLayout>

namespace curator::ui {

ApprovalToolsBox::ApprovalToolsBox(QWidget* parent)
    : QWidget(parent)
    , m_undo(new QCheckBox(tr("undos")))
    , m_rate(new QCheckBox(tr("ratings"))) {
    setObjectName(QStringLiteral("agentApprovalTools"));
    m_undo->setObjectName(QStringLiteral("agentApproveUndo"));
    m_rate->setObjectName(QStringLiteral("agentApproveRate"));
    m_undo->setProperty("tool", QStringLiteral("undo_commit"));
    m_rate->setProperty("tool", QStringLiteral("aesthetics_rate"));
    m_undo->setToolTip(tr("The agent's undo of a commit waits for your approval"));
    m_rate->setToolTip(tr("The agent's aesthetic ratings (a model call per image) wait for your approval"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_undo);
    layout->addWidget(m_rate);
    for (QCheckBox* box : {m_undo, m_rate}) {
        connect(box, &QCheckBox::toggled, this,
                [this, box](bool on) { Q_EMIT approvalToggled(box->property("tool").toString(), on); });
    }
}

QStringList ApprovalToolsBox::checkedTools() const {
    QStringList tools;
    for (QCheckBox* box : {m_undo, m_rate}) {
        if (box->isChecked()) {
            tools << box->property("tool").toString();
        }
    }
    return tools;
}

void ApprovalToolsBox::setToolChecked(const QString& tool, bool checked) {
    for (QCheckBox* box : {m_undo, m_rate}) {
        if (box->property("tool").toString() == tool) {
            box->setChecked(checked);
        }
    }
}

} // namespace curator::ui
