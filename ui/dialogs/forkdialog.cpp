#include "dialogs/forkdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace curator::ui {

ForkDialog::ForkDialog(const QString& runId, int turn, int turns, QWidget* parent)
    : QDialog(parent)
    , m_runId(runId)
    , m_turn(turn)
    , m_instruction(new QPlainTextEdit)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("forkDialog"));
    setWindowTitle(tr("Fork from turn %1").arg(turn));
    auto* title =
        new QLabel(turns > 0 ? tr("<b>Fork run %1 after turn %2 of %3</b>").arg(runId).arg(turn).arg(turns)
                             : tr("<b>Fork run %1 after turn %2</b>").arg(runId).arg(turn));
    title->setObjectName(QStringLiteral("forkTitle"));
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);
    auto* explanation =
        new QLabel(tr("A new run starts with the conversation up to the end of this turn, on a new branch "
                      "that holds the dataset as it was then. The original run and its branch stay as they "
                      "are."));
    explanation->setWordWrap(true);
    m_instruction->setObjectName(QStringLiteral("forkInstruction"));
    m_instruction->setPlaceholderText(
        tr("A new instruction for the fork (optional), e.g. \u201Ctry film grain instead\u201D"));
    m_instruction->setTabChangesFocus(true);
    m_instruction->setFixedHeight(m_instruction->fontMetrics().lineSpacing() * 4 + 12);
    QPushButton* fork = m_buttons->addButton(tr("Fork"), QDialogButtonBox::AcceptRole);
    fork->setObjectName(QStringLiteral("forkAccept"));
    fork->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addWidget(new QLabel(tr("Instruction")));
    layout->addWidget(m_instruction);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(440, sizeHint().height());
}

QString ForkDialog::instruction() const {
    return m_instruction->toPlainText().trimmed();
}

} // namespace curator::ui
