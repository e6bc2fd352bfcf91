#include "docks/runsdock.h"

#include "bridge/agentbridge.h"
#include "bridge/logbridge.h"
#include "common/threadhandoff.h"
#include "models/runlistmodel.h"

#include "agent/agentevents.h"
#include "agent/runlist.h"
#include "dataset/curationlog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace curator::ui {

RunsDock::RunsDock(AgentBridge* agent, LogBridge* log, const QString& workspaceDirectory, QWidget* parent)
    : QDockWidget(tr("Runs"), parent)
    , m_agent(agent)
    , m_log(log)
    , m_workspaceDirectory(workspaceDirectory)
    , m_model(new RunListModel(this))
    , m_view(new QTableView)
    , m_resume(new QPushButton(tr("Resume")))
    , m_replay(new QPushButton(tr("Replay")))
    , m_follow(new QPushButton(tr("Supervise")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_merge(new QPushButton(tr("Merge into main")))
    , m_discard(new QPushButton(tr("Discard branch")))
    , m_status(new QLabel) {
    setObjectName(QStringLiteral("runsDock"));
    m_pool.setMaxThreadCount(1);
    m_view->setObjectName(QStringLiteral("runsList"));
    m_resume->setObjectName(QStringLiteral("runsResume"));
    m_replay->setObjectName(QStringLiteral("runsReplay"));
    m_follow->setObjectName(QStringLiteral("runsFollow"));
    m_stop->setObjectName(QStringLiteral("runsStop"));
    m_merge->setObjectName(QStringLiteral("runsMerge"));
    m_discard->setObjectName(QStringLiteral("runsDiscard"));
    m_status->setObjectName(QStringLiteral("runsStatus"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6); // compact rows
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The theme gets a fixed share (elided, whole in the tooltip) so that the state stays in view.
    m_view->horizontalHeader()->setSectionResizeMode(RunListModel::ThemeColumn, QHeaderView::Interactive);
    m_view->horizontalHeader()->resizeSection(RunListModel::ThemeColumn, 160);
    m_resume->setToolTip(tr("Continue the selected run from its transcript, on its branch"));
    m_replay->setToolTip(tr("Step through the selected run's turns as they were, without calling the model"));
    m_follow->setToolTip(tr("Follow the selected run, live in another process, in the Agent dock: its "
                            "reasoning, calls and approvals as they happen, and your controls sent to it"));
    m_merge->setToolTip(tr("Merge the selected run's branch into main"));
    m_discard->setToolTip(tr("Discard the selected run's branch (its commits stay in the log)"));
    m_status->setWordWrap(true);

    // Two rows, the run's controls over its branch's: in one row they overflowed the dock's width at
    // 1280x800 (Merge and Discard were scrolled out of view).
    auto* runButtons = new QHBoxLayout;
    auto* branchButtons = new QHBoxLayout;
    for (QPushButton* button : {m_resume, m_follow, m_replay, m_stop}) {
        runButtons->addWidget(button);
    }
    for (QPushButton* button : {m_merge, m_discard}) {
        branchButtons->addWidget(button);
    }
    runButtons->addStretch();
    branchButtons->addStretch();
    auto* layout = new QVBoxLayout;
    layout->addWidget(m_view, 1);
    layout->addLayout(runButtons);
    layout->addLayout(branchButtons);
    layout->addWidget(m_status);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsDock::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsDock::updateButtons);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const QString runId = selectedRunId();
        if (!runId.isEmpty()) {
            Q_EMIT resumeRequested(runId);
        }
    });
    connect(m_replay, &QPushButton::clicked, this, [this] {
        const QString runId = selectedRunId();
        if (!runId.isEmpty()) {
            Q_EMIT replayRequested(runId);
        }
    });
    connect(m_follow, &QPushButton::clicked, this, [this] {
        const QString runId = selectedRunId();
        if (!runId.isEmpty()) {
            Q_EMIT followRequested(runId);
        }
    });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        const QString runId = selectedRunId();
        const bool elsewhere = !runId.isEmpty() && selectedState() == QLatin1String("live");
        if (elsewhere && !(m_agent->isFollowing() && m_agent->currentRunId() == runId)) {
            m_status->setText(tr("Asked the process running %1 to stop it.").arg(runId));
            m_agent->stopElsewhere(runId);
            return;
        }
        m_agent->stop();
    });
    connect(m_merge, &QPushButton::clicked, this, [this] {
        const QString branch = selectedBranch();
        if (!branch.isEmpty()) {
            m_status->setText(tr("Merging %1 into main\u2026").arg(branch));
            m_log->merge(branch);
        }
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        const QString branch = selectedBranch();
        if (!branch.isEmpty()) {
            m_status->setText(tr("Discarding %1\u2026").arg(branch));
            m_log->discard(branch);
        }
    });
    connect(m_log, &LogBridge::logChanged, this, [this](const QString& message) {
        m_status->setText(message);
        refresh();
    });
    connect(m_log, &LogBridge::failed, this, [this](const QString& message) { m_status->setText(message); });
    connect(m_agent, &AgentBridge::eventReceived, this, [this](const QString& type, const QByteArray&) {
        const auto kind = eventKindFromName(type.toStdString());
        if (kind == EventKind::RunStarted || kind == EventKind::RunResumed ||
            kind == EventKind::RunFinished || kind == EventKind::Commit) {
            refresh();
        }
    });
    connect(m_agent, &AgentBridge::finished, this, [this] { refresh(); });
    refresh();
}

RunsDock::~RunsDock() {
    m_pool.clear();
    m_pool.waitForDone();
}

void RunsDock::refresh() {
    const quint64 generation = ++m_generation;
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_pool, [this, workspace, generation, summaries = m_summaries] {
        auto log = CurationLog::open(workspace);
        auto runs = std::make_shared<std::vector<RunSummary>>(
            listRunSummaries(workspace, log ? &*log : nullptr, summaries.get()));
        postTo(this, [this, runs, generation] {
            if (generation != m_generation) {
                return; // a newer read is on its way
            }
            const QString selected = selectedRunId();
            // A reset scrolls to the top and selecting scrolls to the row: the person's place is kept.
            const int scrolled = m_view->verticalScrollBar()->value();
            const int scrolledAcross = m_view->horizontalScrollBar()->value();
            m_model->setRuns(std::move(*runs));
            // A run of another process keeps its own state ("live"): "running" is this window's run.
            m_model->setLiveRun(m_agent->isRunning() && !m_agent->isFollowing() ? m_agent->currentRunId()
                                                                                : QString());
            if (!selected.isEmpty()) {
                selectRun(selected);
            }
            m_view->verticalScrollBar()->setValue(scrolled);
            m_view->horizontalScrollBar()->setValue(scrolledAcross);
            updateButtons();
            Q_EMIT refreshed();
        });
    });
}

QString RunsDock::selectedRunId() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->data(rows.first(), RunListModel::RunIdRole).toString();
}

bool RunsDock::selectRun(const QString& runId) {
    const int row = m_model->rowOf(runId);
    if (row < 0) {
        return false;
    }
    m_view->selectRow(row);
    return true;
}

QString RunsDock::selectedState() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->data(rows.first(), RunListModel::StateRole).toString();
}

QString RunsDock::selectedBranch() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->data(rows.first(), RunListModel::BranchRole).toString();
}

void RunsDock::updateButtons() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool any = !rows.isEmpty();
    const QString state = any ? m_model->data(rows.first(), RunListModel::StateRole).toString() : QString();
    const QString branchState =
        any ? m_model->data(rows.first(), RunListModel::BranchStateRole).toString() : QString();
    const bool live = state == QLatin1String("live"); // in another process
    const bool running = state == QLatin1String("running") || live;
    const bool open = branchState == QLatin1String("open");
    m_resume->setEnabled(any && !m_agent->isRunning() && !running && state != QLatin1String("unreadable") &&
                         open);
    m_follow->setEnabled(live && !m_agent->isRunning());
    // Resume and Supervise never both apply: one place in the row (four buttons overflow the dock at
    // 1280x800).
    m_resume->setVisible(!live);
    m_follow->setVisible(live);
    // A run is replayed once it finished or stopped (not the one in progress).
    m_replay->setEnabled(any && !running && state != QLatin1String("unreadable"));
    m_stop->setEnabled(running);
    m_merge->setEnabled(any && !running && open);
    m_discard->setEnabled(any && !running && open);
}

} // namespace curator::ui
