#pragma once

#include "models/modelcheck.h"

#include <QWidget>

#include <memory>

class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace curator::ui {

class ModelCheckBridge;

// The Settings dialog's model check: a Check models button (Stop check while one runs), a progress bar
// and a few lines of results (the embedder's dimension against the store's, the test caption and score,
// or each failure as the core words it). The check runs on a worker (ModelCheckBridge); stopping it
// returns at once.
class ModelCheckPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelCheckPanel(QWidget* parent = nullptr);

    void start(curator::ModelCheckRequest request);
    bool isBusy() const;
    // A neutral note in the results' place (what a preset needs next).
    void showNote(const QString& text);

    QPushButton* button() const { return m_button; }
    QPlainTextEdit* resultView() const { return m_result; }

public Q_SLOTS:
    void stop();

Q_SIGNALS:
    // The button was pressed while no check ran: the owner starts one with its fields' values.
    void checkRequested();
    void busyChanged(bool busy);
    void stopped();
    void finished(std::shared_ptr<const curator::ModelCheckReport> report);

private:
    void setBusy(bool busy);
    void showReport(const curator::ModelCheckReport& report);

    ModelCheckBridge* m_checker;
    QPushButton* m_button;
    QProgressBar* m_progress;
    QPlainTextEdit* m_result;
};

} // namespace curator::ui
