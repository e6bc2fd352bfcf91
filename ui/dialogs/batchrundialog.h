#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace curator::ui {

class AgentBridge;

// Agent > Run a batch of themes: the themes one per line, or those of a taxonomy category picked from a
// list, run one after another as AgentBridge::startBatch (one run and branch per theme, checkpointed, so a
// stopped batch continues with `curator-cli agent batch resume`). The agent dock follows each run; this
// dialog says which theme runs ("theme i of n: ...") and stops the batch. Never blocks the GUI thread: the
// batch runs on the bridge's thread.
class BatchRunDialog : public QDialog {
    Q_OBJECT
public:
    BatchRunDialog(AgentBridge* bridge, QWidget* parent = nullptr);

    // The themes the batch would run: the box's non-blank lines, without '#' comments.
    QStringList themes() const;

    QComboBox* sourceBox() const { return m_source; }
    QPlainTextEdit* themesField() const { return m_themes; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* statusLabel() const { return m_status; }

    void start();

Q_SIGNALS:
    void batchStarted();

private:
    void fillCategories();
    void setRunning(bool running);

    AgentBridge* m_bridge;
    QComboBox* m_source;
    QPlainTextEdit* m_themes;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_status;
    bool m_running = false;
    bool m_filling = false; // the box is being filled from a category
};

} // namespace curator::ui
