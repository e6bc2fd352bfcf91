#include "docks/agentdock.h"

#include "agent/agentevents.h"
#include "bridge/agentbridge.h"
#include "bridge/preferences.h"
#include "bridge/runforker.h"
#include "common/urlredaction.h"
#include "dialogs/approvaldialog.h"
#include "dialogs/forkdialog.h"
#include "models/agentsummaries.h"
#include "models/agenttimelinemodel.h"
#include "models/replaycontroller.h"
#include "models/thumbnailcache.h"
#include "widgets/agentcarddelegate.h"
#include "widgets/approvaltoolsbox.h"
#include "widgets/pendingmessagesview.h"
#include "widgets/rawcallwindow.h"
#include "widgets/replaypanel.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextEdit>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

constexpr int kApprovalThumbnailSide = 96;
constexpr int kCardThumbnailSide = 112; // drawn at 56 px: sharp on a 2x screen
constexpr double kMaxTurnDelaySeconds = 10;

bool isType(const QString& type, EventKind kind) {
    return type == QLatin1String(eventKindName(kind));
}

} // namespace

AgentDock::AgentDock(AgentBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Agent"), parent)
    , m_bridge(bridge)
    , m_timeline(new AgentTimelineModel(this))
    , m_thumbnails(new ThumbnailCache(kApprovalThumbnailSide, this))
    , m_cardThumbnails(new ThumbnailCache(kCardThumbnailSide, this))
    , m_cardDelegate(new AgentCardDelegate(m_cardThumbnails, bridge->workspaceDirectory(), this))
    , m_approvalDialog(new ApprovalDialog(m_thumbnails, bridge->workspaceDirectory(), this))
    , m_theme(new QLineEdit)
    , m_run(new QPushButton(tr("Run")))
    , m_pause(new QPushButton(tr("Pause")))
    , m_resume(new QPushButton(tr("Resume")))
    , m_step(new QPushButton(tr("Step")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_approval(new QCheckBox(tr("Approve commits")))
    , m_approvalTools(new ApprovalToolsBox)
    , m_turnDelay(new QDoubleSpinBox)
    , m_pauseBeforeTurn(new QCheckBox(tr("Pause before each turn")))
    , m_pauseBeforeCommit(new QCheckBox(tr("each commit")))
    , m_runState(new QLabel)
    , m_pendingRow(new QWidget)
    , m_reviewApproval(new QPushButton(tr("Review\u2026")))
    , m_questionRow(new QFrame)
    , m_questionText(new QLabel)
    , m_answer(new QLineEdit)
    , m_sendAnswer(new QPushButton(tr("Answer")))
    , m_stream(new QTextEdit)
    , m_timelineView(new QListView)
    , m_message(new QLineEdit)
    , m_pendingMessages(new PendingMessagesView)
    , m_usage(new QLabel)
    , m_forker(new RunForker(bridge->workspaceDirectory(), this))
    , m_replay(new ReplayPanel(bridge->workspaceDirectory(), m_cardThumbnails))
    , m_pages(new QStackedWidget)
    , m_fork(new QPushButton(tr("Fork\u2026")))
    , m_notice(new QLabel) {
    setObjectName(QStringLiteral("AgentDock"));
    // Names for tests and accessibility tools.
    m_theme->setObjectName(QStringLiteral("agentTheme"));
    m_run->setObjectName(QStringLiteral("agentRun"));
    m_pause->setObjectName(QStringLiteral("agentPause"));
    m_resume->setObjectName(QStringLiteral("agentResume"));
    m_step->setObjectName(QStringLiteral("agentStep"));
    m_stop->setObjectName(QStringLiteral("agentStop"));
    m_approval->setObjectName(QStringLiteral("agentApproval"));
    m_turnDelay->setObjectName(QStringLiteral("agentTurnDelay"));
    m_pauseBeforeTurn->setObjectName(QStringLiteral("agentPauseBeforeTurn"));
    m_pauseBeforeCommit->setObjectName(QStringLiteral("agentPauseBeforeCommit"));
    m_runState->setObjectName(QStringLiteral("agentRunState"));
    m_reviewApproval->setObjectName(QStringLiteral("agentReviewApproval"));
    m_stream->setObjectName(QStringLiteral("agentReasoning"));
    m_timelineView->setObjectName(QStringLiteral("agentTimeline"));
    m_message->setObjectName(QStringLiteral("agentMessage"));
    m_questionRow->setObjectName(QStringLiteral("agentQuestion"));
    m_questionText->setObjectName(QStringLiteral("agentQuestionText"));
    m_answer->setObjectName(QStringLiteral("agentAnswer"));
    m_sendAnswer->setObjectName(QStringLiteral("agentSendAnswer"));
    m_theme->setPlaceholderText(tr("Theme, e.g. VHS decay and analog glitch"));
    m_stream->setReadOnly(true);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setItemDelegate(m_cardDelegate);
    m_timelineView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timelineView->setHorizontalScrollBarPolicy(
        Qt::ScrollBarAlwaysOff); // cards elide, never scroll sideways
    m_timelineView->setResizeMode(QListView::Adjust);
    m_timelineView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timelineView->setMouseTracking(true);
    m_message->setPlaceholderText(tr("Message to the agent (seen at its next turn)"));
    m_turnDelay->setRange(0, kMaxTurnDelaySeconds);
    m_turnDelay->setDecimals(1);
    m_turnDelay->setSingleStep(0.5);
    m_turnDelay->setSuffix(tr(" s"));
    m_turnDelay->setToolTip(tr("Wait this long before each turn, to watch the run (Step goes on at once)"));
    m_pauseBeforeTurn->setToolTip(tr("The run waits before each turn: Step runs one turn, Resume one too"));
    m_pauseBeforeCommit->setToolTip(tr("Pause before each commit: Step or Resume commits, Stop does not"));
    m_runState->setWordWrap(false);
    m_runState->setMinimumWidth(0); // a long reason is cut rather than widening the dock
    m_runState->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_runState->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* themeRow = new QHBoxLayout;
    themeRow->addWidget(m_theme);
    themeRow->addWidget(m_run);
    auto* controls = new QHBoxLayout;
    for (auto* button : {m_pause, m_resume, m_step, m_stop}) {
        controls->addWidget(button);
    }
    controls->addWidget(m_approval);
    controls->addStretch();
    auto* pacing = new QHBoxLayout;
    pacing->addWidget(new QLabel(tr("Delay per turn")));
    pacing->addWidget(m_turnDelay);
    pacing->addWidget(m_pauseBeforeTurn);
    pacing->addWidget(m_pauseBeforeCommit);
    pacing->addStretch();
    auto* pendingLayout = new QHBoxLayout(m_pendingRow);
    pendingLayout->setContentsMargins(0, 0, 0, 0);
    auto* pendingLabel = new QLabel(tr("<b>A commit awaits your approval.</b>"));
    pendingLabel->setObjectName(QStringLiteral("agentPendingApproval"));
    pendingLayout->addWidget(pendingLabel);
    pendingLayout->addWidget(m_reviewApproval);
    pendingLayout->addStretch();
    m_pendingRow->setVisible(false);
    // The agent's question stands out above the reasoning until it is answered. Its text is the model's:
    // plain text, never rich text.
    m_questionRow->setFrameShape(QFrame::StyledPanel);
    m_questionRow->setStyleSheet(QStringLiteral(
        "QFrame#agentQuestion { background: #fff4cc; border: 1px solid #d9a400; border-radius: 4px; }"));
    auto* questionLayout = new QVBoxLayout(m_questionRow);
    questionLayout->setContentsMargins(6, 4, 6, 4);
    auto* questionTitle = new QLabel(tr("<b>The agent asks you:</b>"));
    m_questionText->setTextFormat(Qt::PlainText);
    m_questionText->setWordWrap(true);
    m_questionText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_answer->setPlaceholderText(tr("Your answer (the agent waits for it)"));
    auto* answerRow = new QHBoxLayout;
    answerRow->addWidget(m_answer, 1);
    answerRow->addWidget(m_sendAnswer);
    questionLayout->addWidget(questionTitle);
    questionLayout->addWidget(m_questionText);
    questionLayout->addLayout(answerRow);
    m_questionRow->setVisible(false);
    // The reasoning is what a person reads: it gets most of the height.
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("agentSplitter"));
    splitter->addWidget(m_stream);
    splitter->addWidget(m_timelineView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout;
    layout->addLayout(themeRow);
    layout->addLayout(controls);
    layout->addLayout(pacing);
    // Approval of undos and ratings on a row of its own: the rows above set the dock's width.
    auto* approvalRow = new QHBoxLayout;
    approvalRow->addWidget(new QLabel(tr("Approve also")));
    approvalRow->addWidget(m_approvalTools);
    approvalRow->addStretch();
    approvalRow->addWidget(m_fork);
    layout->addLayout(approvalRow);
    layout->addWidget(m_pendingRow);
    layout->addWidget(m_questionRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_pendingMessages);
    // Why the run waits, and the tokens, share the last line: the reasoning keeps the height.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_runState, 1);
    statusRow->addWidget(m_usage);
    layout->addLayout(statusRow);
    auto* content = new QWidget;
    content->setLayout(layout);
    // The live view, or a replay in its place; a fork's progress or error under either.
    m_pages->addWidget(content);
    m_pages->addWidget(m_replay);
    showPage(content);
    m_fork->setObjectName(QStringLiteral("agentFork"));
    m_fork->setToolTip(tr("Fork from the selected card's turn: a new run from the end of that turn, with the "
                          "dataset as it was then (also in the cards' context menu)"));
    m_notice->setObjectName(QStringLiteral("agentNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setVisible(false);
    m_notice->setContentsMargins(9, 0, 9, 6);
    auto* outer = new QWidget;
    auto* outerLayout = new QVBoxLayout(outer);
    outerLayout->setContentsMargins(0, 0, 0, 0);
    outerLayout->addWidget(m_pages, 1);
    outerLayout->addWidget(m_notice);
    setWidget(outer);
    setRunning(false);

    connect(m_run, &QPushButton::clicked, this, [this] { startRun(m_theme->text().trimmed()); });
    connect(m_pause, &QPushButton::clicked, m_bridge, &AgentBridge::pause);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        m_runState->clear();
        m_bridge->resume();
    });
    connect(m_step, &QPushButton::clicked, this, [this] {
        m_runState->clear();
        m_bridge->step();
    });
    connect(m_stop, &QPushButton::clicked, m_bridge, &AgentBridge::stop);
    connect(m_approval, &QCheckBox::toggled, m_bridge, &AgentBridge::setApprovalMode);
    connect(m_approvalTools, &ApprovalToolsBox::approvalToggled, m_bridge, &AgentBridge::setApprovalRequired);
    connect(m_turnDelay, &QDoubleSpinBox::valueChanged, this, &AgentDock::applyPacing);
    connect(m_pauseBeforeTurn, &QCheckBox::toggled, this, &AgentDock::applyPacing);
    connect(m_pauseBeforeCommit, &QCheckBox::toggled, this, &AgentDock::applyPacing);
    connect(m_reviewApproval, &QPushButton::clicked, this, &AgentDock::reviewPendingApproval);
    connect(m_approvalDialog, &ApprovalDialog::approveRequested, this, [this] {
        setPending({});
        m_bridge->approve();
    });
    connect(m_approvalDialog, &ApprovalDialog::rejectRequested, this, [this](const QString& reason) {
        setPending({});
        m_bridge->reject(reason);
    });
    connect(m_approvalDialog, &ApprovalDialog::approveWithThresholdRequested, this, [this](double threshold) {
        setPending({});
        m_bridge->approveWithThreshold(threshold);
    });
    connect(m_message, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_message->text().trimmed();
        if (text.isEmpty()) {
            return;
        }
        if (questionPending()) {
            sendAnswer(text); // while the agent waits, what the person writes is the answer
        } else {
            m_bridge->inject(text);
        }
        m_message->clear();
    });
    connect(m_answer, &QLineEdit::returnPressed, this, [this] { sendAnswer(m_answer->text().trimmed()); });
    connect(m_sendAnswer, &QPushButton::clicked, this, [this] { sendAnswer(m_answer->text().trimmed()); });
    connect(m_bridge, &AgentBridge::eventReceived, this, &AgentDock::onEvent);
    connect(m_cardThumbnails, &ThumbnailCache::loaded, m_timelineView->viewport(),
            qOverload<>(&QWidget::update));
    // A result changes a card's height: the list lays the cards out again (deferred, once per event loop).
    connect(m_timeline, &QAbstractItemModel::dataChanged, m_cardDelegate,
            [this](const QModelIndex& topLeft) { Q_EMIT m_cardDelegate->sizeHintChanged(topLeft); });
    connect(m_cardDelegate, &AgentCardDelegate::showInGridRequested, this, &AgentDock::showCallInGrid);
    connect(m_cardDelegate, &AgentCardDelegate::rawRequested, this, &AgentDock::showRawCall);
    connect(m_cardDelegate, &AgentCardDelegate::openGridRequested, this, &AgentDock::openAgentGrid);
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid() && !m_timeline->resultEvent(current.row()).isEmpty()) {
                    Q_EMIT callSelected(m_timeline->resultEvent(current.row()),
                                        searchEventBefore(current.row()));
                }
            });
    // Time travel: forks from a card (menu or button) or from the replayed turn; the replay in place of
    // the live view.
    m_timelineView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_timelineView, &QListView::customContextMenuRequested, this, &AgentDock::showTimelineMenu);
    connect(m_fork, &QPushButton::clicked, this,
            [this] { forkFromRow(m_timelineView->currentIndex().row()); });
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &AgentDock::updateForkButton);
    connect(m_forker, &RunForker::forked, this, &AgentDock::onForked);
    connect(m_forker, &RunForker::failed, this, [this](const QString& message) {
        showNotice(tr("The fork failed: %1").arg(message), true);
        Q_EMIT forkFailed(message);
    });
    connect(m_replay, &ReplayPanel::forkRequested, this, &AgentDock::askFork);
    connect(m_replay, &ReplayPanel::leaveRequested, this, &AgentDock::leaveReplay);
    connect(m_replay, &ReplayPanel::callSelected, this, &AgentDock::callSelected);
    connect(m_replay, &ReplayPanel::showInGridRequested, this, &AgentDock::showInGridRequested);
    connect(m_replay, &ReplayPanel::loadFailed, this, [this](const QString& message) {
        showNotice(tr("The replay cannot be shown: %1").arg(message), true);
        leaveReplay();
    });
    connect(m_bridge, &AgentBridge::finished, this, [this](bool ok, const QString& message) {
        setRunning(false);
        setPending({});
        setQuestion({});
        m_runState->clear();
        appendText(ok ? tr("Run finished: %1").arg(message) : tr("Run failed: %1").arg(message), false);
        m_betweenTurns = false;
        Q_EMIT runFinished(ok, message);
        if (m_pendingFork.turn > 0) { // the run was stopped to be forked
            const PendingFork fork = m_pendingFork;
            m_pendingFork = {};
            forkRun(fork.runId, fork.turn, fork.instruction);
        }
        updateForkButton();
    });
    connect(m_bridge, &AgentBridge::controlFailed, this, [this](const QString& message) {
        showNotice(tr("The control did not reach the run: %1").arg(message), true);
    });
    // Each run of a batch (Agent > Run a batch of themes) is followed as a run started here.
    connect(m_bridge, &AgentBridge::batchThemeStarted, this, [this](int, int, const QString& theme) {
        m_theme->setText(theme);
        m_timeline->clearRun();
        m_stream->clear();
        m_lastStream.clear();
        m_plannerName.clear();
        m_runState->clear();
        setPending({});
        setQuestion({});
        setRunning(true);
    });
}

void AgentDock::startRun(const QString& theme) {
    if (theme.isEmpty() || m_bridge->isRunning()) {
        return;
    }
    m_theme->setText(theme);
    launchRun(theme, {});
}

void AgentDock::resumeRun(const QString& runId) {
    if (runId.isEmpty() || m_bridge->isRunning()) {
        return;
    }
    launchRun({}, runId);
}

void AgentDock::clearLiveView() {
    m_timeline->clearRun();
    m_turnStats.clear();
    m_pendingMessages->clearMessages();
    m_stream->clear();
    m_lastStream.clear();
    m_plannerName.clear();
    m_runState->clear();
    setPending({});
    setQuestion({});
}

bool AgentDock::followRun(const QString& runId) {
    if (runId.isEmpty()) {
        return false;
    }
    if (m_bridge->isFollowing() && m_bridge->currentRunId() == runId) {
        leaveReplay();
        return true; // already in view
    }
    if (m_bridge->isRunning()) {
        showNotice(
            tr("A run is in progress here: stop it (or wait for it) before supervising run %1.").arg(runId),
            true);
        return false;
    }
    leaveReplay();
    clearLiveView();
    if (!m_bridge->follow(runId)) {
        showNotice(tr("Run %1 is not running in another process (no process holds its lock).").arg(runId),
                   true);
        return false;
    }
    showNotice({}, false);
    appendHumanText(
        tr("Supervising run %1, which runs in another process: what it does appears here as it happens, and "
           "your controls are sent to it.")
            .arg(runId));
    setRunning(true);
    return true;
}

void AgentDock::launchRun(const QString& theme, const QString& resumeId) {
    clearLiveView();
    // The endpoint set in Settings; none: the offline heuristic planner.
    const AgentEndpoint endpoint = preferences::agentEndpoint(m_bridge->workspaceDirectory());
    AgentStartValues values;
    values.theme = theme;
    values.baseUrl = endpoint.baseUrl;
    values.model = endpoint.model;
    values.reasoningEffort = endpoint.reasoningEffort;
    values.apiKeyEnvironmentVariable = endpoint.apiKeyEnvironmentVariable;
    values.approveCommits = m_approval->isChecked();
    values.approveTools = m_approvalTools->checkedTools();
    values.turnDelaySeconds = m_turnDelay->value();
    values.pauseBeforeTurn = m_pauseBeforeTurn->isChecked();
    values.pauseBeforeCommit = m_pauseBeforeCommit->isChecked();
    appendText(endpoint.baseUrl.isEmpty()
                   ? tr("Planner: offline heuristic (it cannot read messages)\n")
                   : tr("Planner: %1 at %2\n")
                         .arg(endpoint.model,
                              QString::fromStdString(redactUrlUserInfo(endpoint.baseUrl.toStdString()))),
               false);
    setRunning(true);
    if (resumeId.isEmpty()) {
        m_bridge->start(values);
    } else {
        appendText(tr("Resuming run %1\n").arg(resumeId), false);
        m_bridge->resumeRun(resumeId, values);
    }
}

void AgentDock::applyPacing() {
    m_bridge->setPacing(m_turnDelay->value(), m_pauseBeforeTurn->isChecked(),
                        m_pauseBeforeCommit->isChecked());
}

void AgentDock::setRunning(bool running) {
    updateForkButton();
    m_run->setEnabled(!running);
    m_theme->setEnabled(!running);
    for (auto* button : {m_pause, m_resume, m_step, m_stop}) {
        button->setEnabled(running);
    }
    m_message->setEnabled(running);
    // The pacing of a run of another process is its process's (no control reaches it).
    const bool elsewhere = running && m_bridge->isFollowing();
    for (QWidget* pacing :
         std::initializer_list<QWidget*>{m_turnDelay, m_pauseBeforeTurn, m_pauseBeforeCommit}) {
        pacing->setEnabled(!elsewhere);
    }
}

void AgentDock::appendText(const QString& text, bool reasoning) {
    QTextCursor cursor = m_stream->textCursor();
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(reasoning ? QColor(110, 110, 110) : m_stream->palette().color(QPalette::Text));
    format.setFontItalic(reasoning);
    cursor.insertText(text, format);
    m_stream->setTextCursor(cursor);
    m_stream->ensureCursorVisible();
}

// What the person did, set apart from the agent's words.
void AgentDock::appendHumanText(const QString& text) {
    QTextCursor cursor = m_stream->textCursor();
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(QColor(20, 90, 170));
    format.setFontWeight(QFont::DemiBold);
    cursor.insertText(QStringLiteral("\n") + text + QStringLiteral("\n"), format);
    m_stream->setTextCursor(cursor);
    m_stream->ensureCursorVisible();
    m_lastStream.clear();
}

void AgentDock::onEvent(const QString& type, const QByteArray& json) {
    m_timeline->addEvent(type, json);
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    // Between turns (a fork may start from here) while the run waits before a turn or for an answer.
    if (isType(type, EventKind::RunWaiting) || isType(type, EventKind::Question)) {
        m_betweenTurns = event.value(QLatin1String(eventfield::kReason)).toString() !=
                         QLatin1String(waitreason::kBeforeCommit);
        updateForkButton();
    } else if (isType(type, EventKind::Context) || isType(type, EventKind::ToolCall) ||
               isType(type, EventKind::ReasoningDelta) || isType(type, EventKind::MessageDelta)) {
        if (m_betweenTurns) {
            m_betweenTurns = false;
            updateForkButton();
        }
    }
    appendTurnStats(m_turnStats.add(type, event));
    if (isType(type, EventKind::RunFinished)) {
        appendTurnStats(m_turnStats.finish(
            QDateTime::fromString(event.value(QLatin1String(eventfield::kTime)).toString(), Qt::ISODate)));
    }
    if (isType(type, EventKind::ReasoningDelta) || isType(type, EventKind::MessageDelta)) {
        m_runState->clear();
        if (m_lastStream != type) {
            appendText(QStringLiteral("\n"), false);
            m_lastStream = type;
        }
        appendText(event.value(QLatin1String(eventfield::kDelta)).toString(),
                   isType(type, EventKind::ReasoningDelta));
    } else if (isType(type, EventKind::RunStarted) || isType(type, EventKind::RunResumed)) {
        m_plannerName = event.value(QLatin1String(eventfield::kPlanner)).toString();
        m_liveRunId = event.value(QLatin1String(eventfield::kRunId)).toString();
        if (m_bridge->isFollowing()) {
            showApprovals(event.value(QStringLiteral("config")).toObject());
        }
    } else if (isType(type, EventKind::RunForked)) {
        appendHumanText(forkSummary(event));
    } else if (isType(type, EventKind::ToolCall)) {
        m_runState->clear();
    } else if (isType(type, EventKind::Commit)) {
        const QJsonObject commit = event.value(QLatin1String(eventfield::kCommit)).toObject();
        appendText(QStringLiteral("\n") + commitSummary(event) + QStringLiteral("\n"), false);
        m_lastStream.clear();
        Q_EMIT commitMade();
    } else if (isType(type, EventKind::HumanAction)) {
        appendHumanText(humanActionSummary(event, m_plannerName));
        const auto action =
            humanActionFromName(event.value(QLatin1String(eventfield::kAction)).toString().toStdString());
        // A decision made elsewhere (Stop rejects a pending commit) ends the pending approval too.
        if (action == HumanActionKind::Approve || action == HumanActionKind::Reject ||
            action == HumanActionKind::ApproveWithThreshold) {
            setPending({});
        }
        if (action == HumanActionKind::Answer || action == HumanActionKind::Stop) {
            setQuestion({});
            m_runState->clear(); // "waits for your answer" no longer holds
        }
        if (m_bridge->isFollowing() &&
            (action == HumanActionKind::ApprovalModeOn || action == HumanActionKind::ApprovalModeOff)) {
            showApproval(event.value(QLatin1String(eventfield::kTool)).toString(),
                         action == HumanActionKind::ApprovalModeOn);
        }
        if (action == HumanActionKind::Inject) {
            m_pendingMessages->addPending(event.value(QLatin1String(eventfield::kMessageId)).toInteger(),
                                          event.value(QLatin1String(eventfield::kMessage)).toString());
        }
    } else if (isType(type, EventKind::MessageDelivered)) {
        m_pendingMessages->markDelivered(event.value(QLatin1String(eventfield::kMessageId)).toInteger());
        appendHumanText(deliveredSummary(event));
    } else if (isType(type, EventKind::RunWaiting)) {
        const QString summary = waitingSummary(event);
        m_runState->setText(summary);
        m_runState->setToolTip(summary);
        if (event.value(QLatin1String(eventfield::kReason)).toString() ==
            QLatin1String(waitreason::kBeforeCommit)) {
            appendHumanText(summary);
        }
    } else if (isType(type, EventKind::Usage)) {
        const int prompt = event.value(QLatin1String(eventfield::kPromptTokens)).toInt();
        const int completion = event.value(QLatin1String(eventfield::kCompletionTokens)).toInt();
        m_usageText = tr("%1 in, %2 out").arg(prompt).arg(completion);
        m_usageDetail = tr("The last answer: %1 prompt tokens, %2 completion tokens (as the endpoint counted "
                           "them).")
                            .arg(prompt)
                            .arg(completion);
        showUsage();
    } else if (isType(type, EventKind::Context)) {
        showContext(event);
    } else if (isType(type, EventKind::Error)) {
        appendErrorText(errorSummary(event));
    } else if (isType(type, EventKind::ContextCompacted)) {
        appendText(
            tr("\nThe conversation was compacted before turn %1 to stay within the context budget "
               "(about %2 \u2192 %3 tokens). The agent's notes:\n%4\n")
                .arg(event.value(QLatin1String(eventfield::kTurn)).toInt())
                .arg(QLocale().toString(event.value(QLatin1String(eventfield::kTokensBefore)).toInteger()),
                     QLocale().toString(event.value(QLatin1String(eventfield::kTokensAfter)).toInteger()))
                .arg(event.value(QLatin1String(eventfield::kNotes)).toString()),
            false);
        m_lastStream.clear();
    } else if (isType(type, EventKind::ApprovalNeeded)) {
        askApproval(event);
    } else if (isType(type, EventKind::Question)) {
        showQuestion(event);
    } else if (isType(type, EventKind::RunFinished)) {
        m_pendingMessages->markUndelivered();
        const QString summary = event.value(QLatin1String(eventfield::kSummary)).toString();
        if (!summary.isEmpty()) {
            appendText(tr("\nThe agent's summary: %1\n").arg(summary), false);
            m_lastStream.clear();
        }
    }
}

void AgentDock::showApprovals(const QJsonObject& config) {
    if (config.isEmpty()) {
        return;
    }
    const QJsonArray tools = config.value(QStringLiteral("approve_tools")).toArray();
    showApproval(QStringLiteral("commit"), config.value(QStringLiteral("approve_commits")).toBool() ||
                                               tools.contains(QStringLiteral("commit")));
    for (const auto& tool : tools) {
        showApproval(tool.toString(), true);
    }
}

void AgentDock::showApproval(const QString& tool, bool on) {
    // What the run does already: shown, not sent back to it.
    const QSignalBlocker commits(m_approval);
    const QSignalBlocker others(m_approvalTools);
    if (tool == QLatin1String("commit") || tool == QLatin1String("all")) {
        m_approval->setChecked(on);
    }
    if (tool == QLatin1String("all")) {
        for (const QString& each : {QStringLiteral("undo_commit"), QStringLiteral("aesthetics_rate")}) {
            m_approvalTools->setToolChecked(each, on);
        }
    } else if (tool != QLatin1String("commit")) {
        m_approvalTools->setToolChecked(tool, on);
    }
}

void AgentDock::showContext(const QJsonObject& event) {
    const auto tokens = [&](const char* field) {
        return QString::number(event.value(QLatin1String(field)).toInteger());
    };
    // Short, beside the run state in a narrow dock; the tooltip says it all.
    const auto thousands = [&](const char* field) {
        return QString::number(event.value(QLatin1String(field)).toDouble() / 1000.0, 'f', 1) +
               QStringLiteral("k");
    };
    // A run without a budget (an MCP client's run: the client keeps its own context) records the largest
    // number it can: no budget is shown then.
    constexpr double kLargestShownBudget = 1e12;
    const double budget = event.value(QLatin1String(eventfield::kBudget)).toDouble();
    m_contextText =
        budget > 0 && budget < kLargestShownBudget
            ? tr("~%1/%2 ctx").arg(thousands(eventfield::kEstimatedTokens), thousands(eventfield::kBudget))
            : tr("~%1 ctx").arg(thousands(eventfield::kEstimatedTokens));
    QString detail = tr("Estimated cost of the request for turn %1: %2 text tokens and %3 image tokens (%4 "
                        "images); the run's budget is %5 tokens.")
                         .arg(event.value(QLatin1String(eventfield::kTurn)).toInt())
                         .arg(tokens(eventfield::kTextTokens), tokens(eventfield::kImageTokens),
                              tokens(eventfield::kImages), tokens(eventfield::kBudget));
    if (event.contains(QLatin1String(eventfield::kTokensBefore))) {
        detail += tr(" Older turns were trimmed from ~%1 tokens: %2 grids downscaled, %3 removed, %4 results "
                     "shortened.")
                      .arg(tokens(eventfield::kTokensBefore), tokens(eventfield::kDownscaled),
                           tokens(eventfield::kRemovedImages), tokens(eventfield::kShortened));
    }
    m_contextDetail = detail;
    showUsage();
}

void AgentDock::showUsage() {
    QStringList parts;
    for (const QString& part : {m_contextText, m_usageText}) {
        if (!part.isEmpty()) {
            parts << part;
        }
    }
    m_usage->setText(parts.join(QStringLiteral(" \u00B7 ")));
    m_usage->setToolTip(QStringList{m_contextDetail, m_usageDetail}.join(QLatin1Char('\n')).trimmed());
}

void AgentDock::askApproval(const QJsonObject& event) {
    setPending(event);
    const QJsonObject arguments = event.value(QLatin1String(eventfield::kArguments)).toObject();
    const QJsonObject preview = event.value(QLatin1String(eventfield::kPreview)).toObject();
    const QString tool = event.value(QLatin1String(eventfield::kName)).toString();
    if (!tool.isEmpty() && tool != QLatin1String("commit")) {
        appendText(tr("\nThe agent asks to run %1: it waits for your approval.\n").arg(tool), false);
        m_lastStream.clear();
        m_approvalDialog->setRequest(event);
        reviewPendingApproval();
        return;
    }
    appendText(tr("\nThe agent asks to commit %1 images of \u201C%2\u201D at similarity \u2265 %3: it waits "
                  "for your "
                  "approval.\n")
                   .arg(preview.contains(QStringLiteral("count"))
                            ? QString::number(preview.value(QStringLiteral("count")).toInteger())
                            : tr("an unknown number of"),
                        arguments.value(QStringLiteral("query")).toString())
                   .arg(arguments.value(QStringLiteral("threshold")).toDouble(), 0, 'f', 3),
               false);
    m_lastStream.clear();
    m_approvalDialog->setRequest(event, m_bridge->pendingCommitWhatIf());
    reviewPendingApproval();
}

bool AgentDock::questionPending() const {
    return !m_questionText->text().isEmpty();
}

void AgentDock::showQuestion(const QJsonObject& event) {
    const QString question = event.value(QLatin1String(eventfield::kText)).toString();
    if (!event.value(QLatin1String(eventfield::kHumanAttached)).toBool()) {
        appendText(tr("\nThe agent asked, and the run ends here: %1\n").arg(question), false);
        m_lastStream.clear();
        return;
    }
    appendText(tr("\nThe agent asks you: %1\n").arg(question), false);
    m_lastStream.clear();
    setQuestion(question);
    const QString waiting = tr("The agent waits for your answer");
    m_runState->setText(waiting);
    m_runState->setToolTip(waiting);
    m_answer->setFocus();
}

void AgentDock::setQuestion(const QString& question) {
    m_questionText->setText(question);
    m_questionRow->setVisible(!question.isEmpty());
    m_message->setPlaceholderText(question.isEmpty() ? tr("Message to the agent (seen at its next turn)")
                                                     : tr("Your answer to the agent's question"));
    if (question.isEmpty()) {
        m_answer->clear();
    }
}

void AgentDock::sendAnswer(const QString& text) {
    if (text.isEmpty() || !questionPending()) {
        return;
    }
    m_bridge->answer(text);
    m_runState->clear();
    setQuestion({}); // the human_action "answer" shows it in words
}

void AgentDock::reviewPendingApproval() {
    if (m_pendingApproval.isEmpty()) {
        return;
    }
    m_approvalDialog->show();
    m_approvalDialog->raise();
    m_approvalDialog->activateWindow();
}

void AgentDock::setPending(const QJsonObject& approvalEvent) {
    m_pendingApproval = approvalEvent;
    m_pendingRow->setVisible(!approvalEvent.isEmpty());
    if (approvalEvent.isEmpty() && m_approvalDialog->isVisible()) {
        m_approvalDialog->hide();
    }
}

// A failure, in red, apart from the agent's words and the person's.
void AgentDock::appendErrorText(const QString& text) {
    QTextCursor cursor = m_stream->textCursor();
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(QColor(190, 30, 30));
    cursor.insertText(QStringLiteral("\n") + text + QStringLiteral("\n"), format);
    m_stream->setTextCursor(cursor);
    m_stream->ensureCursorVisible();
    m_lastStream.clear();
}

// A turn's cost, small and grey between the turns.
void AgentDock::appendTurnStats(const QString& text) {
    if (text.isEmpty()) {
        return;
    }
    QTextCursor cursor = m_stream->textCursor();
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(QColor(120, 120, 120));
    format.setFontPointSize(std::max(6.0, m_stream->font().pointSizeF() * 0.85));
    cursor.insertText(QStringLiteral("\n") + text + QStringLiteral("\n"), format);
    m_stream->setTextCursor(cursor);
    m_stream->ensureCursorVisible();
    m_lastStream.clear();
}

QByteArray AgentDock::searchEventBefore(int row) const {
    const int search = m_timeline->searchBefore(row);
    return search < 0 ? QByteArray() : m_timeline->resultEvent(search);
}

void AgentDock::showCallInGrid(int row) {
    if (row < 0 || row >= m_timeline->rowCount() || m_timeline->resultEvent(row).isEmpty()) {
        return;
    }
    m_timelineView->setCurrentIndex(m_timeline->index(row));
    Q_EMIT showInGridRequested(m_timeline->resultEvent(row), searchEventBefore(row));
}

void AgentDock::showRawCall(int row) {
    if (row < 0 || row >= m_timeline->rowCount()) {
        return;
    }
    if (m_rawWindow == nullptr) {
        m_rawWindow = new RawCallWindow(QStringLiteral("agentRaw"), this);
    }
    const AgentCard& card = m_timeline->card(row);
    m_rawWindow->showCall(
        tr("%1 (call %2): raw").arg(card.tool, card.callId),
        tr("Arguments, as the agent wrote them:\n%1\n\nResult:\n%2")
            .arg(card.rawArguments, card.rawResult.isEmpty() ? tr("(not yet)") : card.rawResult));
}

void AgentDock::openAgentGrid(int row) {
    if (row < 0 || row >= m_timeline->rowCount() || m_timeline->card(row).gridFiles.isEmpty()) {
        return;
    }
    if (m_gridView == nullptr) {
        auto* window = new QDialog(this);
        window->setObjectName(QStringLiteral("agentGridWindow"));
        window->resize(820, 820);
        m_gridView = new QLabel;
        m_gridView->setObjectName(QStringLiteral("agentGridImage"));
        m_gridView->setAlignment(Qt::AlignCenter);
        auto* scroll = new QScrollArea;
        scroll->setWidget(m_gridView);
        scroll->setWidgetResizable(true);
        auto* layout = new QVBoxLayout(window);
        layout->addWidget(scroll);
    }
    // The grid files are relative to the workspace's runs/ directory; the first is the first grid sent.
    const QString relative = m_timeline->card(row).gridFiles.first();
    const QString path = QDir(m_bridge->workspaceDirectory()).filePath(QStringLiteral("runs/") + relative);
    const QPixmap grid(path);
    if (grid.isNull()) {
        m_gridView->setPixmap({});
        m_gridView->setText(tr("The grid %1 cannot be read.").arg(QDir::toNativeSeparators(path)));
    } else {
        m_gridView->setPixmap(grid);
    }
    auto* window = m_gridView->window();
    window->setWindowTitle(tr("The grid the agent saw: %1").arg(relative));
    window->show();
    window->raise();
}

} // namespace curator::ui

namespace curator::ui {

ForkDialog* AgentDock::forkDialog() const {
    return m_forkDialog.data();
}

bool AgentDock::canFork() const {
    return !m_forker->isBusy() && (!m_bridge->isRunning() || m_betweenTurns);
}

void AgentDock::updateForkButton() {
    const QModelIndex current = m_timelineView->currentIndex();
    const bool card = current.isValid() && m_timeline->card(current.row()).turn > 0 && !m_liveRunId.isEmpty();
    m_fork->setEnabled(card && canFork());
}

void AgentDock::showTimelineMenu(const QPoint& position) {
    const QModelIndex index = m_timelineView->indexAt(position);
    if (!index.isValid() || m_liveRunId.isEmpty()) {
        return;
    }
    const int turn = m_timeline->card(index.row()).turn;
    QMenu menu(this);
    QAction* fork = menu.addAction(tr("Fork from turn %1\u2026").arg(turn));
    fork->setEnabled(turn > 0 && canFork());
    if (!canFork()) {
        fork->setToolTip(tr("The run is in the middle of a turn: pause it first"));
    }
    if (menu.exec(m_timelineView->viewport()->mapToGlobal(position)) == fork) {
        askFork(m_liveRunId, turn);
    }
}

void AgentDock::forkFromRow(int row) {
    if (row < 0 || row >= m_timeline->rowCount() || m_liveRunId.isEmpty()) {
        return;
    }
    askFork(m_liveRunId, m_timeline->card(row).turn);
}

void AgentDock::askFork(const QString& runId, int turn) {
    if (runId.isEmpty() || turn < 1) {
        return;
    }
    if (!canFork()) {
        showNotice(tr("A fork starts between turns: pause the run (or wait for it to finish) first."), true);
        return;
    }
    if (m_forkDialog) {
        m_forkDialog->close();
    }
    int turns = 0;
    if (isReplaying() && m_replay->controller()->isLoaded()) {
        turns = m_replay->controller()->stepCount();
    }
    auto* dialog = new ForkDialog(runId, turn, turns, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_forkDialog = dialog;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { forkRun(dialog->runId(), dialog->turn(), dialog->instruction()); });
    dialog->open();
}

void AgentDock::forkRun(const QString& runId, int turn, const QString& instruction) {
    if (m_bridge->isRunning()) {
        if (!m_betweenTurns || runId != m_liveRunId) {
            showNotice(tr("A run is in progress: stop it (or pause it between turns) before forking."), true);
            return;
        }
        // The live run waits between turns: it stops, and the fork is made once it has.
        m_pendingFork = {runId, turn, instruction};
        showNotice(tr("Stopping run %1 to fork it after turn %2\u2026").arg(runId).arg(turn), false);
        m_bridge->stop();
        return;
    }
    showNotice(tr("Forking run %1 after turn %2\u2026").arg(runId).arg(turn), false);
    m_forker->fork(runId, turn, instruction);
    updateForkButton();
}

void AgentDock::onForked(const ForkResult& result) {
    leaveReplay();
    showNotice(result.head.isEmpty()
                   ? tr("Run %1 is a fork of %2 after turn %3, on branch %4 (no commit yet).")
                         .arg(result.runId, result.fromRunId)
                         .arg(result.turn)
                         .arg(result.branch)
                   : tr("Run %1 is a fork of %2 after turn %3, on branch %4 from commit %5.")
                         .arg(result.runId, result.fromRunId)
                         .arg(result.turn)
                         .arg(result.branch, result.head.left(8)),
               false);
    Q_EMIT forked(result.runId, result.fromRunId, result.turn);
    resumeRun(result.runId); // the fork goes on from its last turn, in the live view
    // What the fork keeps of the original: its calls as cards, its origin in words (the resumed run's
    // events follow).
    for (const auto& [type, json] : result.history) {
        m_timeline->addEvent(type, json);
        if (isType(type, EventKind::RunForked)) {
            appendHumanText(forkSummary(QJsonDocument::fromJson(json).object()));
        }
    }
    m_timelineView->scrollToBottom();
}

void AgentDock::showNotice(const QString& text, bool error) {
    m_notice->setText(text);
    m_notice->setToolTip(text);
    m_notice->setStyleSheet(error ? QStringLiteral("color: rgb(190, 30, 30);") : QString());
    m_notice->setVisible(!text.isEmpty());
}

void AgentDock::replayRun(const QString& runId) {
    if (runId.isEmpty()) {
        return;
    }
    showNotice({}, false);
    showPage(m_replay);
    m_replay->load(runId);
}

void AgentDock::leaveReplay() {
    showPage(m_pages->widget(0));
}

void AgentDock::showPage(QWidget* page) {
    // Only the page shown sets the dock's minimum size (a stack takes the largest of its pages'): the
    // live view keeps fitting a short screen whatever the replay needs.
    for (int i = 0; i < m_pages->count(); ++i) {
        QWidget* each = m_pages->widget(i);
        each->setSizePolicy(each == page ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                            each == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_pages->setCurrentWidget(page);
}

bool AgentDock::isReplaying() const {
    return m_pages->currentWidget() == m_replay;
}

} // namespace curator::ui
