#pragma once

#include "dataset/curationlog.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace curator::ui {

// Reads the curation log (graph and status) of one workspace on a worker thread; results arrive by
// signal on the GUI thread. Readers never block the agent's writer: SQLite in WAL mode.
class LogBridge : public QObject {
    Q_OBJECT
public:
    explicit LogBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~LogBridge() override;

    void refresh();
    // Records a revert of the commit (undoing a revert redoes it), then refreshes.
    void undo(const QString& commitId);

Q_SIGNALS:
    void graphReady(std::shared_ptr<const curator::CommitGraph> graph,
                    std::shared_ptr<const curator::StatusReport> status);
    void failed(const QString& message);
    void undone(const QString& message);

private:
    QString m_workspaceDirectory;
    QThreadPool m_pool;
    quint64 m_generation = 0;
};

} // namespace curator::ui
