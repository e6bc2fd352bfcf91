#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace curator::ui {

// "Fork from this turn": which run and turn a fork starts after, and an optional new instruction that the
// fork reads first. Fork accepts, Cancel rejects; the caller forks (RunForker) on acceptance.
class ForkDialog : public QDialog {
    Q_OBJECT
public:
    ForkDialog(const QString& runId, int turn, int turns, QWidget* parent = nullptr);

    QString instruction() const; // trimmed; empty: none
    int turn() const { return m_turn; }
    const QString& runId() const { return m_runId; }
    QPlainTextEdit* instructionField() const { return m_instruction; }
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    QString m_runId;
    int m_turn;
    QPlainTextEdit* m_instruction;
    QDialogButtonBox* m_buttons;
};

} // namespace curator::ui
