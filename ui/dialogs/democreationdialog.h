#pragma once

#include <QProgressDialog>

namespace curator::ui {

class JobRunner;

// Creates the demo workspace (generate the collection, ingest it) on a worker with a progress dialog and
// Cancel. A cancelled creation keeps what was ingested; the next one completes it.
class DemoCreationDialog : public QProgressDialog {
    Q_OBJECT
public:
    DemoCreationDialog(const QString& workspaceDirectory, QWidget* parent = nullptr);

    void start();

Q_SIGNALS:
    void created(const QString& workspaceDirectory);
    void failed(const QString& message);

private:
    QString m_workspaceDirectory;
    JobRunner* m_runner;
};

} // namespace curator::ui
