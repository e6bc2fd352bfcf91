#include "bridge/agentbridge.h"

#include "common/threadhandoff.h"

#include "agent/agentrun.h"
#include "agent/plannerfactory.h"
#include "common/urlredaction.h"
#include "models/workspacebackends.h"

#include <atomic>
#include <cstdlib>

namespace curator::ui {

AgentBridge::AgentBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {}

AgentBridge::~AgentBridge() {
    stop();
    if (m_thread != nullptr) {
        m_thread->wait();
    }
}

bool AgentBridge::isRunning() const {
    return m_thread != nullptr && m_thread->isRunning();
}

void AgentBridge::start(const AgentStartValues& values) {
    launch(values, {});
}

void AgentBridge::resumeRun(const QString& runId, const AgentStartValues& values) {
    if (!runId.isEmpty()) {
        launch(values, runId);
    }
}

QString AgentBridge::currentRunId() const {
    if (auto run = std::atomic_load(&m_run)) {
        return QString::fromStdString(run->runId());
    }
    return {};
}

void AgentBridge::launch(const AgentStartValues& values, const QString& resumeId) {
    if (isRunning()) {
        return;
    }
    if (m_thread != nullptr) {
        m_thread->deleteLater();
    }
    m_run.reset();
    setPacing(values.turnDelaySeconds, values.pauseBeforeTurn, values.pauseBeforeCommit);
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string runId = resumeId.toStdString();
    m_thread = QThread::create([this, workspace, values, runId] {
        auto fail = [this](const std::string& message) {
            postTo(this, [this, message] { Q_EMIT finished(false, QString::fromStdString(message)); });
        };
        BackendOptions options;
        options.apiKeyEnvironmentVariable = values.apiKeyEnvironmentVariable.toStdString();
        auto embedder = createWorkspaceEmbedder(workspace, options);
        if (!embedder) {
            return fail(embedder.error());
        }
        auto scorer = createWorkspaceScorer(workspace, options);
        if (!scorer) {
            return fail(scorer.error());
        }
        auto captioner = createWorkspaceCaptioner(workspace, options);
        if (!captioner) {
            return fail(captioner.error());
        }
        PlannerOptions plannerOptions;
        plannerOptions.baseUrl = values.baseUrl.toStdString(); // none: the offline heuristic planner
        plannerOptions.model = values.model.toStdString();
        plannerOptions.reasoningEffort = values.reasoningEffort.toStdString();
        plannerOptions.apiKeyEnvironmentVariable = options.apiKeyEnvironmentVariable;
        plannerOptions.requireModel = false;
        auto planner = createPlanner(plannerOptions, **embedder);
        if (!planner) {
            return fail(planner.error());
        }
        AgentConfig config;
        config.theme = values.theme.toStdString();
        config.maxTurns = values.maxTurns;
        config.approveCommits = values.approveCommits;
        for (const QString& tool : values.approveTools) {
            config.approveTools.push_back(tool.toStdString());
        }
        config.extra = {{"base_url", redactUrlUserInfo(values.baseUrl.toStdString())},
                        {"model", values.model.toStdString()},
                        {"reasoning_effort", values.reasoningEffort.toStdString()},
                        {"started_from", "workstation"}};
        AgentEventListener listener = [this](const nlohmann::json& event) {
            const QString type = QString::fromStdString(event.value("type", ""));
            const QByteArray json = QByteArray::fromStdString(event.dump());
            postTo(this, [this, type, json] { Q_EMIT eventReceived(type, json); });
        };
        auto run = runId.empty() ? AgentRun::create(workspace, config, std::move(*planner), **embedder,
                                                    **scorer, **captioner, std::move(listener))
                                 : AgentRun::resume(workspace, runId, std::move(*planner), **embedder,
                                                    **scorer, **captioner, std::move(listener));
        if (!run) {
            return fail(run.error());
        }
        std::shared_ptr<AgentRun> shared(std::move(*run));
        if (!runId.empty()) {
            // A resumed run keeps its transcript's approvals and adds what the person asks now.
            if (values.approveCommits) {
                shared->setApprovalRequired("commit", true);
            }
            for (const std::string& tool : config.approveTools) {
                shared->setApprovalRequired(tool, true);
            }
        }
        shared->setHumanAttached(true); // the researcher answers the agent's questions in the dock
        std::atomic_store(&m_run, shared);
        {
            std::lock_guard<std::mutex> lock(m_pacingMutex);
            shared->setPacing({m_turnDelaySeconds, m_pauseBeforeTurn, m_pauseBeforeCommit});
        }
        const Status result = shared->run();
        const bool ok = result.ok();
        const std::string message = ok ? shared->finishReason() : result.error();
        postTo(this, [this, ok, message] { Q_EMIT finished(ok, QString::fromStdString(message)); });
    });
    m_thread->start();
}

namespace {
template <typename Action>
void withRun(const std::shared_ptr<AgentRun>& slot, Action action) {
    if (auto run = std::atomic_load(&slot)) {
        action(*run);
    }
}
} // namespace

void AgentBridge::pause() {
    withRun(m_run, [](AgentRun& run) { run.pause(); });
}
void AgentBridge::resume() {
    withRun(m_run, [](AgentRun& run) { run.resume(); });
}
void AgentBridge::step() {
    withRun(m_run, [](AgentRun& run) { run.step(); });
}
void AgentBridge::stop() {
    withRun(m_run, [](AgentRun& run) { run.stop(); });
}
void AgentBridge::inject(const QString& message) {
    withRun(m_run, [&message](AgentRun& run) { run.inject(message.toStdString()); });
}
void AgentBridge::answer(const QString& text) {
    withRun(m_run, [&text](AgentRun& run) { run.answer(text.toStdString()); });
}
void AgentBridge::setApprovalMode(bool on) {
    withRun(m_run, [on](AgentRun& run) { run.setApprovalMode(on); });
}
void AgentBridge::setApprovalRequired(const QString& tool, bool on) {
    withRun(m_run, [&tool, on](AgentRun& run) { run.setApprovalRequired(tool.toStdString(), on); });
}

std::shared_ptr<const CommitWhatIf> AgentBridge::pendingCommitWhatIf() const {
    if (auto run = std::atomic_load(&m_run)) {
        return run->pendingCommitWhatIf();
    }
    return nullptr;
}

void AgentBridge::approve() {
    withRun(m_run, [](AgentRun& run) { run.approve(); });
}
void AgentBridge::reject(const QString& reason) {
    withRun(m_run, [&reason](AgentRun& run) { run.reject(reason.toStdString()); });
}
void AgentBridge::approveWithThreshold(double threshold) {
    withRun(m_run, [threshold](AgentRun& run) { run.approveWithThreshold(threshold); });
}
void AgentBridge::setPacing(double turnDelaySeconds, bool pauseBeforeTurn, bool pauseBeforeCommit) {
    std::lock_guard<std::mutex> lock(m_pacingMutex); // held while applied: the worker reads it the same way
    m_turnDelaySeconds = turnDelaySeconds;
    m_pauseBeforeTurn = pauseBeforeTurn;
    m_pauseBeforeCommit = pauseBeforeCommit;
    withRun(m_run, [&](AgentRun& run) {
        run.setPacing({turnDelaySeconds, pauseBeforeTurn, pauseBeforeCommit});
    });
}

void AgentBridge::humanUndo(const QString& commitId) {
    withRun(m_run, [&commitId](AgentRun& run) { run.humanUndo(commitId.toStdString()); });
}

} // namespace curator::ui
