#include "widgets/replaypanel.h"

#include "agent/agentevents.h"
#include "models/agentsummaries.h"
#include "models/agenttimelinemodel.h"
#include "models/agentturnstats.h"
#include "models/replaycontroller.h"
#include "models/thumbnailcache.h"
#include "widgets/agentcarddelegate.h"
#include "widgets/rawcallwindow.h"
#include "widgets/replaystepbar.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTextEdit>
#include <QVBoxLayout>

namespace curator::ui {

namespace {

constexpr int kGridThumbnailSide = 96;

bool isType(const QString& type, EventKind kind) {
    return type == QLatin1String(eventKindName(kind));
}

QString text(const QJsonObject& object, const char* name) {
    return object.value(QLatin1String(name)).toString();
}

const QColor kHumanColor(20, 90, 170);
const QColor kErrorColor(190, 30, 30);
const QColor kReasoningColor(110, 110, 110);
const QColor kStatsColor(120, 120, 120);

} // namespace

ReplayPanel::ReplayPanel(const QString& workspaceDirectory, ThumbnailCache* cardThumbnails, QWidget* parent)
    : QWidget(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_controller(new ReplayController(workspaceDirectory, this))
    , m_gridThumbnails(new ThumbnailCache(kGridThumbnailSide, this))
    , m_timeline(new AgentTimelineModel(this))
    , m_cardDelegate(new AgentCardDelegate(cardThumbnails, workspaceDirectory, this))
    , m_stepBar(new ReplayStepBar)
    , m_title(new QLabel)
    , m_fork(new QPushButton(tr("Fork from this turn\u2026")))
    , m_leave(new QPushButton(tr("Leave replay")))
    , m_stream(new QTextEdit)
    , m_timelineView(new QListView)
    , m_gridCaption(new QLabel)
    , m_gridStrip(new QHBoxLayout) {
    setObjectName(QStringLiteral("replayPanel"));
    m_title->setObjectName(QStringLiteral("replayTitle"));
    m_stream->setObjectName(QStringLiteral("replayReasoning"));
    m_timelineView->setObjectName(QStringLiteral("replayTimeline"));
    m_gridCaption->setObjectName(QStringLiteral("replayGridCaption"));
    m_fork->setObjectName(QStringLiteral("replayFork"));
    m_leave->setObjectName(QStringLiteral("replayLeave"));
    m_fork->setToolTip(tr("A new run from the end of this turn, with the dataset as it was then"));
    m_leave->setToolTip(tr("Back to the live view of the agent"));
    m_fork->setEnabled(false);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    // Set apart from the live view: this is a record, nothing here runs.
    m_title->setStyleSheet(
        QStringLiteral("QLabel#replayTitle { background: #e8f0fb; border: 1px solid #9bb7e0; "
                       "border-radius: 4px; padding: 3px 6px; font-weight: 600; }"));
    m_stream->setReadOnly(true);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setItemDelegate(m_cardDelegate);
    m_timelineView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timelineView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_timelineView->setResizeMode(QListView::Adjust);
    m_timelineView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timelineView->setMouseTracking(true);
    m_gridCaption->setWordWrap(false);
    m_gridCaption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    // The grids of the turn, in a row that scrolls sideways when there are many.
    auto* strip = new QWidget;
    strip->setLayout(m_gridStrip);
    m_gridStrip->setContentsMargins(0, 0, 0, 0);
    m_gridStrip->addStretch();
    auto* stripScroll = new QScrollArea;
    stripScroll->setObjectName(QStringLiteral("replayGrids"));
    stripScroll->setWidget(strip);
    stripScroll->setWidgetResizable(true);
    stripScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    stripScroll->setFrameShape(QFrame::NoFrame);
    stripScroll->setFixedHeight(kGridThumbnailSide + 8 +
                                stripScroll->horizontalScrollBar()->sizeHint().height());

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_stream);
    splitter->addWidget(m_timelineView);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    // The step bar takes a row of its own: beside the fork and leave buttons it overflowed the dock's
    // width at 1280x800 ("Leave replay" was cut off).
    layout->addWidget(m_stepBar);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_fork);
    actionRow->addStretch(1);
    actionRow->addWidget(m_leave);
    layout->addLayout(actionRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_gridCaption);
    layout->addWidget(stripScroll);

    connect(m_stepBar, &ReplayStepBar::firstRequested, m_controller, &ReplayController::first);
    connect(m_stepBar, &ReplayStepBar::previousRequested, m_controller, &ReplayController::previous);
    connect(m_stepBar, &ReplayStepBar::nextRequested, m_controller, &ReplayController::next);
    connect(m_stepBar, &ReplayStepBar::lastRequested, m_controller, &ReplayController::last);
    connect(m_leave, &QPushButton::clicked, this, &ReplayPanel::leaveRequested);
    connect(m_fork, &QPushButton::clicked, this, [this] {
        if (m_controller->isLoaded() && forkTurn() > 0) {
            Q_EMIT forkRequested(m_controller->data()->runId, forkTurn());
        }
    });
    m_timelineView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_timelineView, &QListView::customContextMenuRequested, this, &ReplayPanel::showContextMenu);
    connect(m_controller, &ReplayController::loaded, this, [this] {
        const ReplayData* replay = m_controller->data();
        QString title = tr("Replay of run %1: %2").arg(replay->runId, replay->theme);
        if (!replay->forkedFrom.isEmpty()) {
            title += QLatin1Char(' ') +
                     tr("(forked from %1 at turn %2)").arg(replay->forkedFrom).arg(replay->forkedTurn);
        }
        if (!replay->finished) {
            title += QLatin1Char(' ') + tr("(stopped before it finished)");
        }
        m_title->setText(title);
        m_title->setToolTip(title);
        showStep(0);
    });
    connect(m_controller, &ReplayController::failed, this, &ReplayPanel::loadFailed);
    connect(m_controller, &ReplayController::stepChanged, this, &ReplayPanel::showStep);
    connect(cardThumbnails, &ThumbnailCache::loaded, m_timelineView->viewport(),
            qOverload<>(&QWidget::update));
    connect(m_gridThumbnails, &ThumbnailCache::loaded, this, [this] { showGrids(m_shownGridFiles); });
    connect(m_cardDelegate, &AgentCardDelegate::showInGridRequested, this, [this](int row) {
        selectRow(row);
        Q_EMIT showInGridRequested(m_timeline->resultEvent(row), searchEventBefore(row));
    });
    connect(m_cardDelegate, &AgentCardDelegate::openGridRequested, this, &ReplayPanel::selectRow);
    connect(m_cardDelegate, &AgentCardDelegate::rawRequested, this, &ReplayPanel::showRaw);
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid()) {
                    return;
                }
                const AgentCard& card = m_timeline->card(current.row());
                if (!card.gridFiles.isEmpty()) {
                    QStringList files;
                    const QDir runs(QDir(m_workspaceDirectory).filePath(QStringLiteral("runs")));
                    for (const QString& file : card.gridFiles) {
                        files << QDir::cleanPath(runs.filePath(file));
                    }
                    m_gridCaption->setText(
                        tr("The grids the agent received from %1 (turn %2):").arg(card.tool).arg(card.turn));
                    showGrids(files);
                }
                if (!m_timeline->resultEvent(current.row()).isEmpty()) {
                    Q_EMIT callSelected(m_timeline->resultEvent(current.row()),
                                        searchEventBefore(current.row()));
                }
            });
}

void ReplayPanel::load(const QString& runId) {
    m_timeline->clearRun();
    m_stream->clear();
    m_title->setText(tr("Reading the transcript of run %1\u2026").arg(runId));
    m_stepBar->setStep(0, 0, 0);
    m_fork->setEnabled(false);
    showGrids({});
    m_controller->load(runId);
}

void ReplayPanel::showStep(int step) {
    const ReplayData* replay = m_controller->data();
    const ReplayTurn* turn = m_controller->currentTurn();
    if (replay == nullptr || turn == nullptr) {
        return;
    }
    m_stepBar->setStep(step, m_controller->stepCount(), turn->turn);
    m_fork->setEnabled(true);
    m_timeline->clearRun();
    m_stream->clear();
    m_plannerName.clear();
    AgentTurnStats stats;
    int lastTurn = 0;
    for (int i = 0; i <= turn->lastEvent && i < replay->events.size(); ++i) {
        const ReplayEvent& each = replay->events[i];
        m_timeline->addEvent(each.type, each.json);
        const QJsonObject event = QJsonDocument::fromJson(each.json).object();
        const QString cost = stats.add(each.type, event);
        if (!cost.isEmpty()) {
            append(cost, kStatsColor, false, false);
        }
        appendEvent(each.type, event, lastTurn);
    }
    // The turn shown starts at the top of the stream, what came before it above.
    m_stream->scrollToAnchor(QStringLiteral("turn%1").arg(turn->turn));
    // The turn's grids until a call is selected; then the turn's first answered call.
    m_gridCaption->setText(turn->gridFiles.isEmpty()
                               ? tr("The agent received no grid in turn %1.").arg(turn->turn)
                               : tr("The grids the agent received in turn %1:").arg(turn->turn));
    showGrids(turn->gridFiles);
    int selected = -1;
    for (int row = 0; row < m_timeline->rowCount(); ++row) {
        if (m_timeline->card(row).turn == turn->turn && !m_timeline->resultEvent(row).isEmpty()) {
            selected = row;
            break;
        }
    }
    m_timelineView->clearSelection();
    m_timelineView->setCurrentIndex({});
    if (selected >= 0) {
        selectRow(selected);
    } else if (m_timeline->rowCount() > 0) {
        m_timelineView->scrollToBottom();
    }
    Q_EMIT stepShown(step);
}

void ReplayPanel::selectRow(int row) {
    if (row < 0 || row >= m_timeline->rowCount()) {
        return;
    }
    const QModelIndex index = m_timeline->index(row);
    m_timelineView->setCurrentIndex(index);
    m_timelineView->scrollTo(index, QAbstractItemView::PositionAtTop);
}

void ReplayPanel::showRaw(int row) {
    if (row < 0 || row >= m_timeline->rowCount()) {
        return;
    }
    if (m_rawWindow == nullptr) {
        m_rawWindow = new RawCallWindow(QStringLiteral("replayRaw"), this);
    }
    const AgentCard& card = m_timeline->card(row);
    m_rawWindow->showCall(
        tr("%1 (call %2): raw").arg(card.tool, card.callId),
        tr("Arguments, as the agent wrote them:\n%1\n\nResult:\n%2")
            .arg(card.rawArguments, card.rawResult.isEmpty() ? tr("(none)") : card.rawResult));
}

int ReplayPanel::forkTurn() const {
    const QModelIndex current = m_timelineView->currentIndex();
    if (current.isValid() && m_timeline->card(current.row()).turn > 0) {
        return m_timeline->card(current.row()).turn;
    }
    const ReplayTurn* turn = m_controller->currentTurn();
    return turn != nullptr ? turn->turn : 0;
}

void ReplayPanel::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_timelineView->indexAt(position);
    if (!index.isValid() || !m_controller->isLoaded()) {
        return;
    }
    const int turn = m_timeline->card(index.row()).turn;
    QMenu menu(this);
    QAction* fork = menu.addAction(tr("Fork from turn %1\u2026").arg(turn));
    fork->setEnabled(turn > 0);
    if (menu.exec(m_timelineView->viewport()->mapToGlobal(position)) == fork) {
        Q_EMIT forkRequested(m_controller->data()->runId, turn);
    }
}

QByteArray ReplayPanel::searchEventBefore(int row) const {
    const int search = m_timeline->searchBefore(row);
    return search < 0 ? QByteArray() : m_timeline->resultEvent(search);
}

void ReplayPanel::showGrids(const QStringList& files) {
    m_shownGridFiles = files;
    while (m_gridStrip->count() > 0) {
        QLayoutItem* item = m_gridStrip->takeAt(0);
        delete item->widget();
        delete item;
    }
    for (const QString& file : files) {
        auto* label = new QLabel;
        label->setObjectName(QStringLiteral("replayGrid"));
        label->setFixedSize(kGridThumbnailSide, kGridThumbnailSide);
        label->setAlignment(Qt::AlignCenter);
        label->setFrameShape(QFrame::StyledPanel);
        label->setToolTip(QDir::toNativeSeparators(file));
        const QImage image = m_gridThumbnails->thumbnail(file);
        if (image.isNull()) {
            label->setText(QFileInfo::exists(file) ? tr("\u2026") : tr("missing"));
            m_gridThumbnails->request(file, {file});
        } else {
            label->setPixmap(QPixmap::fromImage(image));
        }
        m_gridStrip->addWidget(label);
    }
    m_gridStrip->addStretch();
}

void ReplayPanel::append(const QString& line, const QColor& color, bool italic, bool bold,
                         const QString& anchor) {
    QTextCursor cursor = m_stream->textCursor();
    cursor.movePosition(QTextCursor::End);
    QTextCharFormat format;
    format.setForeground(color);
    format.setFontItalic(italic);
    format.setFontWeight(bold ? QFont::DemiBold : QFont::Normal);
    if (!m_stream->document()->isEmpty()) {
        cursor.insertText(QStringLiteral("\n"), format);
    }
    if (!anchor.isEmpty()) {
        format.setAnchor(true);
        format.setAnchorNames({anchor});
    }
    cursor.insertText(line, format);
    m_stream->setTextCursor(cursor);
    m_stream->ensureCursorVisible();
}

// One event of the transcript in words, as the live stream shows it: never as JSON.
void ReplayPanel::appendEvent(const QString& type, const QJsonObject& event, int& lastTurn) {
    const QColor plain = m_stream->palette().color(QPalette::Text);
    if (isType(type, EventKind::RunStarted)) {
        m_plannerName = text(event, eventfield::kPlanner);
        append(tr("Run %1 started: %2 (planner %3, %4)")
                   .arg(text(event, eventfield::kRunId), text(event, eventfield::kTheme), m_plannerName,
                        text(event, eventfield::kModel)),
               plain, false, false);
    } else if (isType(type, EventKind::RunResumed)) {
        append(tr("The run was resumed after %1 turns.")
                   .arg(event.value(QLatin1String(eventfield::kTurns)).toInt()),
               kHumanColor, false, true);
    } else if (isType(type, EventKind::Message)) {
        const QJsonObject message = event.value(QLatin1String(eventfield::kMessage)).toObject();
        if (message.value(QStringLiteral("role")).toString() != QLatin1String("assistant")) {
            return; // the prompt, the results and the grids are the cards'
        }
        ++lastTurn;
        append(tr("Turn %1").arg(lastTurn), plain, false, true, QStringLiteral("turn%1").arg(lastTurn));
        const QString reasoning = message.value(QStringLiteral("reasoning")).toString().trimmed();
        if (!reasoning.isEmpty()) {
            append(reasoning, kReasoningColor, true, false);
        }
        const QString content = message.value(QStringLiteral("content")).toString().trimmed();
        if (!content.isEmpty()) {
            append(content, plain, false, false);
        }
    } else if (isType(type, EventKind::HumanAction)) {
        append(humanActionSummary(event, m_plannerName), kHumanColor, false, true);
    } else if (isType(type, EventKind::Commit)) {
        append(commitSummary(event), plain, false, false);
    } else if (isType(type, EventKind::Error)) {
        append(errorSummary(event), kErrorColor, false, false);
    } else if (isType(type, EventKind::Question)) {
        append(tr("The agent asked: %1").arg(text(event, eventfield::kText)), plain, false, false);
    } else if (isType(type, EventKind::ApprovalNeeded)) {
        append(tr("The agent asked to run %1 and waited for approval.").arg(text(event, eventfield::kName)),
               plain, false, false);
    } else if (isType(type, EventKind::RunForked)) {
        append(forkSummary(event), kHumanColor, false, true);
    } else if (isType(type, EventKind::MessageDelivered)) {
        append(deliveredSummary(event), kHumanColor, false, false);
    } else if (isType(type, EventKind::ContextCompacted)) {
        append(tr("The conversation was compacted before turn %1 to stay within the context budget.")
                   .arg(event.value(QLatin1String(eventfield::kTurn)).toInt()),
               plain, false, false);
    } else if (isType(type, EventKind::RunFinished)) {
        const QString summary = text(event, eventfield::kSummary);
        append(summary.isEmpty() ? tr("The run finished (%1).").arg(text(event, eventfield::kReason))
                                 : tr("The run finished (%1). The agent's summary: %2")
                                       .arg(text(event, eventfield::kReason), summary),
               plain, false, true);
    }
}

} // namespace curator::ui
