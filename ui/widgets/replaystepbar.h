#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace curator::ui {

// The step controls of a replay: First, Previous turn, "Turn k of N", Next turn, Last.
// Only buttons and a label: the ReplayController steps.
class ReplayStepBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplayStepBar(QWidget* parent = nullptr);

    // `step` 0-based of `count` steps; the buttons that lead nowhere are disabled.
    void setStep(int step, int count, int turn);
    QLabel* turnLabel() const { return m_label; }

Q_SIGNALS:
    void firstRequested();
    void previousRequested();
    void nextRequested();
    void lastRequested();

private:
    QToolButton* m_first;
    QToolButton* m_previous;
    QToolButton* m_next;
    QToolButton* m_last;
    QLabel* m_label;
};

} // namespace curator::ui
