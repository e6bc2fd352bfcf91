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

} // namespace curator::ui
