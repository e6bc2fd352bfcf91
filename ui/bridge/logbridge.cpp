#include "bridge/logbridge.h"

#include <QMetaObject>

namespace curator::ui {

LogBridge::LogBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    qRegisterMetaType<std::shared_ptr<const curator::CommitGraph>>();
    qRegisterMetaType<std::shared_ptr<const curator::StatusReport>>();
    m_pool.setMaxThreadCount(1);
}

LogBridge::~LogBridge() {
    m_pool.waitForDone();
}

void LogBridge::refresh() {
    const quint64 generation = ++m_generation;
    const std::string workspace = m_workspaceDirectory.toStdString();
    m_pool.start([this, workspace, generation] {
        auto fail = [this](const std::string& message) {
            QMetaObject::invokeMethod(
                this, [this, message] { Q_EMIT failed(QString::fromStdString(message)); },
                Qt::QueuedConnection);
        };
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto graph = log->log();
        if (!graph) {
            return fail(graph.error());
        }
        auto status = log->status();
        if (!status) {
            return fail(status.error());
        }
        auto sharedGraph = std::make_shared<const CommitGraph>(std::move(*graph));
        auto sharedStatus = std::make_shared<const StatusReport>(std::move(*status));
        QMetaObject::invokeMethod(
            this,
            [this, generation, sharedGraph, sharedStatus] {
                if (generation == m_generation) {
                    Q_EMIT graphReady(sharedGraph, sharedStatus);
                }
            },
            Qt::QueuedConnection);
    });
}

void LogBridge::undo(const QString& commitId) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string id = commitId.toStdString();
    m_pool.start([this, workspace, id] {
        auto log = CurationLog::open(workspace);
        auto outcome = log ? log->undoCommit(id) : Result<RevertOutcome>(log.takeError());
        const QString message =
            outcome ? tr("%1 %2: %3 images %4")
                          .arg(outcome->redo ? tr("redid") : tr("reverted"),
                               QString::fromStdString(shortId(outcome->target)))
                          .arg(outcome->affected)
                          .arg(outcome->redo ? tr("re-entered the dataset") : tr("left the dataset"))
                    : QString::fromStdString(outcome.error());
        const bool ok = outcome.ok();
        QMetaObject::invokeMethod(
            this,
            [this, ok, message] {
                ok ? Q_EMIT undone(message) : Q_EMIT failed(message);
                refresh();
            },
            Qt::QueuedConnection);
    });
}

} // namespace curator::ui
