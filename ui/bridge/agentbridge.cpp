#include "bridge/agentbridge.h"

#include "common/threadhandoff.h"

#include "agent/agentrun.h"
#include "agent/batchrun.h"
#include "agent/plannerfactory.h"
#include "agent/runcontrol.h"
#include "agent/transcript.h"
#include "common/urlredaction.h"
#include "models/workspacebackends.h"

#include <atomic>
#include <cstdlib>

namespace curator::ui {

namespace {

// What every run the bridge starts is made of: the workspace's backends (made once, on the worker) and
// the values from Settings. A batch makes all its runs through one.
class RunMaker {
public:
    static Result<std::unique_ptr<RunMaker>>
    make(const std::string& workspace, const AgentStartValues& values, AgentEventListener listener) {
        std::unique_ptr<RunMaker> maker(new RunMaker);
        maker->m_workspace = workspace;
        maker->m_values = values;
        maker->m_settings =
            values.runSettings.value_or(preferences::agentRunSettings(QString::fromStdString(workspace)));
        maker->m_rating = preferences::ratingSettings(QString::fromStdString(workspace));
        maker->m_listener = std::move(listener);
        BackendOptions options;
        options.apiKeyEnvironmentVariable = values.apiKeyEnvironmentVariable.toStdString();
        options.requestTimeoutSeconds = maker->m_rating.requestTimeoutSeconds;
        auto embedder = createWorkspaceEmbedder(workspace, options);
        if (!embedder) {
            return embedder.takeError();
        }
        auto scorer = createWorkspaceScorer(workspace, options);
        if (!scorer) {
            return scorer.takeError();
        }
        auto captioner = createWorkspaceCaptioner(workspace, options);
        if (!captioner) {
            return captioner.takeError();
        }
        maker->m_embedder = std::move(*embedder);
        maker->m_scorer = std::move(*scorer);
        maker->m_captioner = std::move(*captioner);
        return maker;
    }

    Result<std::unique_ptr<AgentRun>> create(const std::string& theme, const std::string& runId = {},
                                             const std::string& batchId = {}) {
        auto planner = makePlanner();
        if (!planner) {
            return planner.takeError();
        }
        AgentConfig config;
        config.theme = theme;
        config.runId = runId;
        config.maxTurns = m_values.maxTurns;
        config.approveCommits = m_values.approveCommits;
        for (const QString& tool : m_values.approveTools) {
            config.approveTools.push_back(tool.toStdString());
        }
        config.gridTileSize = m_settings.gridTileSize;
        config.contextBudgetTokens = m_settings.contextBudgetTokens;
        config.ratingConcurrency = static_cast<size_t>(std::max(0, m_rating.concurrency));
        config.ratingScoreBatchSize = static_cast<size_t>(std::max(0, m_rating.scoreBatchSize));
        config.extra = recordedSettings();
        if (!batchId.empty()) {
            config.extra["batch_id"] = batchId;
        }
        return AgentRun::create(m_workspace, config, std::move(*planner), *m_embedder, *m_scorer,
                                *m_captioner, m_listener);
    }

    Result<std::unique_ptr<AgentRun>> resume(const std::string& runId) {
        auto planner = makePlanner();
        if (!planner) {
            return planner.takeError();
        }
        return AgentRun::resume(m_workspace, runId, std::move(*planner), *m_embedder, *m_scorer, *m_captioner,
                                m_listener);
    }

    // Recorded in run_started (and a batch's checkpoint) as the CLI records its options; no secrets.
    nlohmann::json recordedSettings() const {
        return {{"base_url", redactUrlUserInfo(m_values.baseUrl.toStdString())},
                {"model", m_values.model.toStdString()},
                {"reasoning_effort", m_values.reasoningEffort.toStdString()},
                {"llm_api", m_settings.llmApi.toStdString()},
                {"llm_images", m_settings.llmImages.toStdString()},
                {"api_key_env", m_values.apiKeyEnvironmentVariable.toStdString()},
                {"started_from", "workstation"}};
    }

private:
    RunMaker() = default;

    Result<std::unique_ptr<Planner>> makePlanner() {
        PlannerOptions options;
        options.baseUrl = m_values.baseUrl.toStdString(); // none: the offline heuristic planner
        options.model = m_values.model.toStdString();
        options.reasoningEffort = m_values.reasoningEffort.toStdString();
        options.apiKeyEnvironmentVariable = m_values.apiKeyEnvironmentVariable.toStdString();
        options.api = llmApiFromName(m_settings.llmApi.toStdString()).value_or(LlmApi::ChatCompletions);
        options.dialect.images = m_settings.llmImages == QLatin1String("yes")  ? EndpointSupport::Yes
                                 : m_settings.llmImages == QLatin1String("no") ? EndpointSupport::No
                                                                               : EndpointSupport::Auto;
        options.requireModel = false;
        return createPlanner(options, *m_embedder);
    }

    std::string m_workspace;
    AgentStartValues m_values;
    AgentRunSettings m_settings;
    RatingSettings m_rating; // aesthetics_rate's requests, as the workstation's own ratings make them
    AgentEventListener m_listener;
    std::unique_ptr<Embedder> m_embedder;
    std::unique_ptr<Scorer> m_scorer;
    std::unique_ptr<Captioner> m_captioner;
};

} // namespace

AgentBridge::AgentBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    m_followPool.setMaxThreadCount(1);
    m_controlPool.setMaxThreadCount(1);
    m_followTimer.setInterval(kFollowIntervalMs);
    connect(&m_followTimer, &QTimer::timeout, this, &AgentBridge::pollFollowed);
}

AgentBridge::~AgentBridge() {
    unfollow(); // a run of another process goes on when the window closes
    stop();
    if (m_thread != nullptr) {
        m_thread->wait();
    }
    m_followPool.waitForDone();
    m_controlPool.waitForDone(); // a control given just before closing still reaches the run
}

bool AgentBridge::isRunning() const {
    return (m_thread != nullptr && m_thread->isRunning()) || isFollowing();
}

bool AgentBridge::follow(const QString& runId) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    if (isRunning() || !isValidRunId(runId.toStdString()) || !runIsLive(workspace, runId.toStdString())) {
        return false;
    }
    m_followedRunId = runId;
    ++m_followGeneration;
    m_followReading = false;
    // From the transcript's first line: the dock shows the run as a run of this process would be shown.
    m_followTail = std::make_shared<JsonLinesTail>(Transcript::path(workspace, runId.toStdString()), false);
    m_followTimer.start();
    pollFollowed();
    return true;
}

void AgentBridge::unfollow() {
    m_followTimer.stop();
    m_followedRunId.clear();
    m_followTail.reset();
    ++m_followGeneration;
    m_followReading = false;
}

void AgentBridge::pollFollowed() {
    if (!isFollowing() || m_followReading) {
        return;
    }
    m_followReading = true;
    const quint64 generation = m_followGeneration;
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string runId = m_followedRunId.toStdString();
    runOnPool(m_followPool, [this, tail = m_followTail, generation, workspace, runId] {
        // The lock first, then the lines: when the owner has let go, every line it wrote is read here.
        const bool live = runIsLive(workspace, runId);
        auto events = std::make_shared<std::vector<nlohmann::json>>(tail->poll());
        postTo(this, [this, generation, live, events] {
            if (generation != m_followGeneration) {
                return; // unfollowed (or another run followed) meanwhile
            }
            m_followReading = false;
            QString finishReason;
            bool finished = false;
            for (const nlohmann::json& event : *events) {
                const std::string type =
                    event.is_object() ? event.value("type", std::string()) : std::string();
                if (type.empty()) {
                    continue;
                }
                Q_EMIT eventReceived(QString::fromStdString(type), QByteArray::fromStdString(event.dump()));
                if (generation != m_followGeneration) {
                    return; // a receiver stopped following
                }
                if (eventKindFromName(type) == EventKind::RunFinished) {
                    finished = true;
                    finishReason = QString::fromStdString(event.value(eventfield::kReason, std::string()));
                }
            }
            if (finished || !live) {
                const QString followed = m_followedRunId;
                unfollow();
                Q_EMIT this->finished(
                    finished, finished ? finishReason
                                       : tr("run %1 ended in its process without finishing (its lock was "
                                            "released); resume it to go on")
                                             .arg(followed));
            }
        });
    });
}

void AgentBridge::sendControl(const QString& runId, const nlohmann::json& control) {
    if (runId.isEmpty()) {
        return;
    }
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_controlPool, [this, workspace, id = runId.toStdString(), control] {
        const Status written = appendRunControl(workspace, id, control);
        if (!written) {
            const QString message = QString::fromStdString(written.error());
            postTo(this, [this, message] { Q_EMIT controlFailed(message); });
        }
    });
}

void AgentBridge::stopElsewhere(const QString& runId) {
    sendControl(runId, {{"action", "stop"}});
}

void AgentBridge::launch(std::function<void()> work, const AgentStartValues& values) {
    if (isRunning()) {
        return;
    }
    if (m_thread != nullptr) {
        m_thread->deleteLater();
    }
    m_run.reset();
    m_batch.reset();
    m_stopRequested = false;
    setPacing(values.turnDelaySeconds, values.pauseBeforeTurn, values.pauseBeforeCommit);
    m_thread = QThread::create(std::move(work));
    m_thread->start();
}

void AgentBridge::adopt(const std::shared_ptr<AgentRun>& run) {
    run->setHumanAttached(true); // the researcher answers the agent's questions in the dock
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        std::atomic_store(&m_run, run);
    }
    if (m_stopRequested) {
        run->stop(); // Stop was pressed while the run was being set up
    }
    std::lock_guard<std::mutex> lock(m_pacingMutex);
    run->setPacing({m_turnDelaySeconds, m_pauseBeforeTurn, m_pauseBeforeCommit});
}

namespace {
// The listener every run of the bridge reports to: its events, on the GUI thread.
AgentEventListener eventsTo(AgentBridge* bridge) {
    return [bridge](const nlohmann::json& event) {
        const QString type = QString::fromStdString(event.value("type", ""));
        const QByteArray json = QByteArray::fromStdString(event.dump());
        postTo(bridge, [bridge, type, json] { Q_EMIT bridge->eventReceived(type, json); });
    };
}
} // namespace

void AgentBridge::start(const AgentStartValues& values) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    launch(
        [this, workspace, values] {
            auto fail = [this](const std::string& message) {
                postTo(this, [this, message] { Q_EMIT finished(false, QString::fromStdString(message)); });
            };
            auto maker = RunMaker::make(workspace, values, eventsTo(this));
            if (!maker) {
                return fail(maker.error());
            }
            auto run = (*maker)->create(values.theme.toStdString());
            if (!run) {
                return fail(run.error());
            }
            std::shared_ptr<AgentRun> shared(std::move(*run));
            adopt(shared);
            const Status result = shared->run();
            const bool ok = result.ok();
            const std::string message = ok ? shared->finishReason() : result.error();
            postTo(this, [this, ok, message] { Q_EMIT finished(ok, QString::fromStdString(message)); });
        },
        values);
}

void AgentBridge::resumeRun(const QString& runId, const AgentStartValues& values) {
    if (runId.isEmpty()) {
        return;
    }
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string id = runId.toStdString();
    launch(
        [this, workspace, values, id] {
            auto fail = [this](const std::string& message) {
                postTo(this, [this, message] { Q_EMIT finished(false, QString::fromStdString(message)); });
            };
            auto maker = RunMaker::make(workspace, values, eventsTo(this));
            if (!maker) {
                return fail(maker.error());
            }
            auto run = (*maker)->resume(id);
            if (!run) {
                return fail(run.error());
            }
            std::shared_ptr<AgentRun> shared(std::move(*run));
            // A resumed run keeps its transcript's approvals and adds what the person asks now.
            if (values.approveCommits) {
                shared->setApprovalRequired("commit", true);
            }
            for (const QString& tool : values.approveTools) {
                shared->setApprovalRequired(tool.toStdString(), true);
            }
            adopt(shared);
            const Status result = shared->run();
            const bool ok = result.ok();
            const std::string message = ok ? shared->finishReason() : result.error();
            postTo(this, [this, ok, message] { Q_EMIT finished(ok, QString::fromStdString(message)); });
        },
        values);
}

QString AgentBridge::currentRunId() const {
    if (isFollowing()) {
        return m_followedRunId;
    }
    if (auto run = std::atomic_load(&m_run)) {
        return QString::fromStdString(run->runId());
    }
    return {};
}

void AgentBridge::startBatch(const QStringList& themes, const AgentStartValues& values) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    std::vector<std::string> list;
    for (const QString& theme : themes) {
        list.push_back(theme.trimmed().toStdString());
    }
    launch(
        [this, workspace, values, list] {
            auto fail = [this](const std::string& message) {
                postTo(this, [this, message] { Q_EMIT finished(false, QString::fromStdString(message)); });
            };
            auto maker = RunMaker::make(workspace, values, eventsTo(this));
            if (!maker) {
                return fail(maker.error());
            }
            nlohmann::json config = {{"planner", values.baseUrl.isEmpty() ? "heuristic" : "llm"},
                                     {"max_turns", values.maxTurns},
                                     {"approve_commits", values.approveCommits},
                                     {"extra", (*maker)->recordedSettings()}};
            auto created = BatchRun::create(workspace, list, {}, config);
            if (!created) {
                return fail(created.error());
            }
            std::shared_ptr<BatchRun> batch(std::move(*created));
            std::atomic_store(&m_batch, batch);
            if (m_stopRequested) {
                batch->stop(); // Stop was pressed while the batch was being set up
            }
            const int count = static_cast<int>(list.size());
            RunMaker& make = **maker;
            BatchRunFactory factory;
            factory.create = [this, &make, &batch, count](const std::string& theme,
                                                          const std::string& runId) {
                int index = 0;
                for (const BatchTheme& each : batch->themes()) {
                    if (each.runId == runId) {
                        break;
                    }
                    ++index;
                }
                const QString name = QString::fromStdString(theme);
                postTo(this, [this, index, count, name] { Q_EMIT batchThemeStarted(index, count, name); });
                return make.create(theme, runId, batch->id());
            };
            factory.resume = [&make](const std::string& runId) { return make.resume(runId); };
            // BatchRun owns each run: the controls get a non-owning pointer while it runs, taken back
            // (under the controls' lock) before the run is destroyed.
            const Status result = batch->run(
                factory, [this](AgentRun& run) { adopt(std::shared_ptr<AgentRun>(&run, [](AgentRun*) {})); },
                [this](AgentRun&) {
                    std::lock_guard<std::mutex> lock(m_controlMutex);
                    std::atomic_store(&m_run, std::shared_ptr<AgentRun>());
                });
            size_t done = 0;
            for (const BatchTheme& theme : batch->themes()) {
                done += theme.state == BatchThemeState::Finished ? 1 : 0;
            }
            const bool ok = result.ok();
            const std::string summary =
                "batch " + batch->id() + ": " + std::to_string(done) + " of " + std::to_string(list.size()) +
                " themes finished" +
                (batch->stopped() ? " (stopped; agent batch resume " + batch->id() + ")" : std::string());
            const std::string message = ok ? summary : summary + ": " + result.error();
            postTo(this, [this, ok, message] { Q_EMIT finished(ok, QString::fromStdString(message)); });
        },
        values);
}

namespace {
// Under the controls' lock: a batch's run is not destroyed while a control acts on it.
template <typename Action>
void withRun(std::mutex& controls, const std::shared_ptr<AgentRun>& slot, Action action) {
    std::lock_guard<std::mutex> lock(controls);
    if (auto run = std::atomic_load(&slot)) {
        action(*run);
    }
}
} // namespace

void AgentBridge::pause() {
    if (isFollowing()) {
        return sendControl({{"action", "pause"}});
    }
    withRun(m_controlMutex, m_run, [](AgentRun& run) { run.pause(); });
}
void AgentBridge::resume() {
    if (isFollowing()) {
        return sendControl({{"action", "resume"}});
    }
    withRun(m_controlMutex, m_run, [](AgentRun& run) { run.resume(); });
}
void AgentBridge::step() {
    if (isFollowing()) {
        return sendControl({{"action", "step"}});
    }
    withRun(m_controlMutex, m_run, [](AgentRun& run) { run.step(); });
}
void AgentBridge::stop() {
    if (isFollowing()) {
        return sendControl({{"action", "stop"}});
    }
    m_stopRequested = true;
    if (auto batch = std::atomic_load(&m_batch)) {
        batch->stop(); // stops the run in flight too, and starts no further theme
    }
    withRun(m_controlMutex, m_run, [](AgentRun& run) { run.stop(); });
}
void AgentBridge::inject(const QString& message) {
    if (isFollowing()) {
        return sendControl({{"action", "message"}, {"text", message.toStdString()}});
    }
    withRun(m_controlMutex, m_run, [&message](AgentRun& run) { run.inject(message.toStdString()); });
}
void AgentBridge::answer(const QString& text) {
    if (isFollowing()) { // the run's message is the answer when it waits on a question
        return sendControl({{"action", "message"}, {"text", text.toStdString()}});
    }
    withRun(m_controlMutex, m_run, [&text](AgentRun& run) { run.answer(text.toStdString()); });
}
void AgentBridge::setApprovalMode(bool on) {
    if (isFollowing()) {
        return sendControl({{"action", "approval"}, {"tool", "commit"}, {"on", on}});
    }
    withRun(m_controlMutex, m_run, [on](AgentRun& run) { run.setApprovalMode(on); });
}
void AgentBridge::setApprovalRequired(const QString& tool, bool on) {
    if (isFollowing()) {
        return sendControl({{"action", "approval"}, {"tool", tool.toStdString()}, {"on", on}});
    }
    withRun(m_controlMutex, m_run,
            [&tool, on](AgentRun& run) { run.setApprovalRequired(tool.toStdString(), on); });
}

std::shared_ptr<const CommitWhatIf> AgentBridge::pendingCommitWhatIf() const {
    if (isFollowing()) {
        return nullptr; // the what-if lives in the run's process
    }
    std::lock_guard<std::mutex> lock(m_controlMutex); // a batch's run is not destroyed meanwhile
    if (auto run = std::atomic_load(&m_run)) {
        return run->pendingCommitWhatIf();
    }
    return nullptr;
}

void AgentBridge::approve() {
    if (isFollowing()) {
        return sendControl({{"action", "approve"}});
    }
    withRun(m_controlMutex, m_run, [](AgentRun& run) { run.approve(); });
}
void AgentBridge::reject(const QString& reason) {
    if (isFollowing()) {
        return sendControl({{"action", "reject"}, {"reason", reason.toStdString()}});
    }
    withRun(m_controlMutex, m_run, [&reason](AgentRun& run) { run.reject(reason.toStdString()); });
}
void AgentBridge::approveWithThreshold(double threshold) {
    if (isFollowing()) {
        return sendControl({{"action", "approve_with_threshold"}, {"threshold", threshold}});
    }
    withRun(m_controlMutex, m_run, [threshold](AgentRun& run) { run.approveWithThreshold(threshold); });
}
void AgentBridge::setPacing(double turnDelaySeconds, bool pauseBeforeTurn, bool pauseBeforeCommit) {
    std::lock_guard<std::mutex> lock(m_pacingMutex); // held while applied: the worker reads it the same way
    m_turnDelaySeconds = turnDelaySeconds;
    m_pauseBeforeTurn = pauseBeforeTurn;
    m_pauseBeforeCommit = pauseBeforeCommit;
    withRun(m_controlMutex, m_run, [&](AgentRun& run) {
        run.setPacing({turnDelaySeconds, pauseBeforeTurn, pauseBeforeCommit});
    });
}

void AgentBridge::humanUndo(const QString& commitId) {
    if (isFollowing()) {
        return sendControl({{"action", "undo"}, {"commit_id", commitId.toStdString()}});
    }
    withRun(m_controlMutex, m_run, [&commitId](AgentRun& run) { run.humanUndo(commitId.toStdString()); });
}

} // namespace curator::ui
