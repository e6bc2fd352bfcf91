#include "bridge/runforker.h"

#include "common/threadhandoff.h"

#include "agent/agentevents.h"
#include "agent/runfork.h"
#include "agent/transcript.h"

namespace curator::ui {

RunForker::RunForker(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    m_pool.setMaxThreadCount(1);
}

RunForker::~RunForker() {
    m_pool.waitForDone();
}

void RunForker::fork(const QString& runId, int turn, const QString& instruction) {
    if (m_busy) {
        return;
    }
    m_busy = true;
    runOnPool(m_pool, [this, workspace = m_workspaceDirectory.toStdString(), id = runId.toStdString(), turn,
                       text = instruction.trimmed().toStdString()] {
        auto outcome = forkRun(workspace, id, turn, text);
        if (!outcome) {
            postTo(this, [this, message = QString::fromStdString(outcome.error())] {
                m_busy = false;
                Q_EMIT failed(message);
            });
            return;
        }
        ForkResult result;
        result.runId = QString::fromStdString(outcome->runId);
        result.branch = QString::fromStdString(outcome->branch);
        result.head = QString::fromStdString(outcome->head);
        result.fromRunId = QString::fromStdString(outcome->fromRunId);
        result.fromBranch = QString::fromStdString(outcome->fromBranch);
        result.turn = outcome->turn;
        if (auto events = Transcript::read(Transcript::path(workspace, outcome->runId))) {
            for (const auto& event : *events) {
                result.history.push_back(
                    {QString::fromStdString(event.value(eventfield::kType, std::string())),
                     QByteArray::fromStdString(event.dump())});
            }
        }
        postTo(this, [this, result] {
            m_busy = false;
            Q_EMIT forked(result);
        });
    });
}

} // namespace curator::ui
