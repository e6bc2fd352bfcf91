#include "docks/agentdock.h"

#include "agent/agentevents.h"
#include "bridge/agentbridge.h"
#include "bridge/preferences.h"
#include "common/urlredaction.h"
#include "models/agenttimelinemodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTextEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace curator::ui {

AgentDock::AgentDock(AgentBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Agent"), parent)
    , m_bridge(bridge)
    , m_timeline(new AgentTimelineModel(this))
    , m_theme(new QLineEdit)
    , m_run(new QPushButton(tr("Run")))
    , m_pause(new QPushButton(tr("Pause")))
    , m_resume(new QPushButton(tr("Resume")))
    , m_step(new QPushButton(tr("Step")))
    , m_stop(new QPushButton(tr("Stop")))
    , m_approval(new QCheckBox(tr("Approve commits")))
    , m_stream(new QTextEdit)
    , m_timelineView(new QTreeView)
    , m_message(new QLineEdit)
    , m_usage(new QLabel) {
    setObjectName(QStringLiteral("AgentDock"));
    // Names for tests and accessibility tools.
    m_theme->setObjectName(QStringLiteral("agentTheme"));
    m_run->setObjectName(QStringLiteral("agentRun"));
    m_pause->setObjectName(QStringLiteral("agentPause"));
    m_resume->setObjectName(QStringLiteral("agentResume"));
    m_step->setObjectName(QStringLiteral("agentStep"));
    m_stop->setObjectName(QStringLiteral("agentStop"));
    m_approval->setObjectName(QStringLiteral("agentApproval"));
    m_message->setObjectName(QStringLiteral("agentMessage"));
    m_theme->setPlaceholderText(tr("Theme, e.g. VHS decay and analog glitch"));
    m_stream->setReadOnly(true);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setUniformRowHeights(true);
    m_timelineView->header()->setStretchLastSection(true);
    m_message->setPlaceholderText(tr("Message to the agent (seen at its next turn)"));

    auto* themeRow = new QHBoxLayout;
    themeRow->addWidget(m_theme);
    themeRow->addWidget(m_run);
    auto* controls = new QHBoxLayout;
    for (auto* button : {m_pause, m_resume, m_step, m_stop}) {
        controls->addWidget(button);
    }
    controls->addWidget(m_approval);
    controls->addStretch();
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_stream);
    splitter->addWidget(m_timelineView);
    auto* layout = new QVBoxLayout;
    layout->addLayout(themeRow);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_usage);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);
    setRunning(false);

    connect(m_run, &QPushButton::clicked, this, [this] { startRun(m_theme->text().trimmed()); });
    connect(m_pause, &QPushButton::clicked, m_bridge, &AgentBridge::pause);
    connect(m_resume, &QPushButton::clicked, m_bridge, &AgentBridge::resume);
    connect(m_step, &QPushButton::clicked, m_bridge, &AgentBridge::step);
    connect(m_stop, &QPushButton::clicked, m_bridge, &AgentBridge::stop);
    connect(m_approval, &QCheckBox::toggled, m_bridge, &AgentBridge::setApprovalMode);
    connect(m_message, &QLineEdit::returnPressed, this, [this] {
        if (!m_message->text().trimmed().isEmpty()) {
            m_bridge->inject(m_message->text().trimmed());
            m_message->clear();
        }
    });
    connect(m_bridge, &AgentBridge::eventReceived, this, &AgentDock::onEvent);
    connect(m_bridge, &AgentBridge::finished, this, [this](bool ok, const QString& message) {
        setRunning(false);
        appendText(ok ? tr("Run finished: %1").arg(message) : tr("Run failed: %1").arg(message), false);
        Q_EMIT runFinished(ok, message);
    });
}

void AgentDock::startRun(const QString& theme) {
    if (theme.isEmpty() || m_bridge->isRunning()) {
        return;
    }
    m_theme->setText(theme);
    m_timeline->clearRun();
    m_stream->clear();
    m_lastStream.clear();
    // The endpoint set in Settings; none: the offline heuristic planner.
    const AgentEndpoint endpoint = preferences::agentEndpoint();
    AgentStartValues values;
    values.theme = theme;
    values.baseUrl = endpoint.baseUrl;
    values.model = endpoint.model;
    values.reasoningEffort = endpoint.reasoningEffort;
    values.apiKeyEnvironmentVariable = endpoint.apiKeyEnvironmentVariable;
    values.approveCommits = m_approval->isChecked();
    appendText(endpoint.baseUrl.isEmpty()
                   ? tr("Planner: offline heuristic\n")
                   : tr("Planner: %1 at %2\n")
                         .arg(endpoint.model,
                              QString::fromStdString(redactUrlUserInfo(endpoint.baseUrl.toStdString()))),
               false);
    setRunning(true);
    m_bridge->start(values);
}

void AgentDock::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_theme->setEnabled(!running);
    for (auto* button : {m_pause, m_resume, m_step, m_stop}) {
        button->setEnabled(running);
    }
    m_message->setEnabled(running);
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

void AgentDock::onEvent(const QString& type, const QByteArray& json) {
    m_timeline->addEvent(type, json);
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    if (type == QLatin1String(eventKindName(EventKind::ReasoningDelta)) ||
        type == QLatin1String(eventKindName(EventKind::MessageDelta))) {
        if (m_lastStream != type) {
            appendText(QStringLiteral("\n"), false);
            m_lastStream = type;
        }
        appendText(event.value(QStringLiteral("delta")).toString(),
                   type == QLatin1String(eventKindName(EventKind::ReasoningDelta)));
    } else if (type == QLatin1String(eventKindName(EventKind::Commit))) {
        const QJsonObject commit = event.value(QStringLiteral("commit")).toObject();
        appendText(tr("\n[commit %1: %2 images, %3 new]\n")
                       .arg(commit.value(QStringLiteral("short_id")).toString())
                       .arg(commit.value(QStringLiteral("selected")).toInt())
                       .arg(commit.value(QStringLiteral("added")).toInt()),
                   false);
        m_lastStream.clear();
        Q_EMIT commitMade();
    } else if (type == QLatin1String(eventKindName(EventKind::HumanAction))) {
        appendText(
            tr("\n[you: %1]\n").arg(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact))),
            false);
        m_lastStream.clear();
    } else if (type == QLatin1String(eventKindName(EventKind::Usage))) {
        m_usage->setText(tr("tokens: %1 prompt, %2 completion")
                             .arg(event.value(QStringLiteral("prompt_tokens")).toInt())
                             .arg(event.value(QStringLiteral("completion_tokens")).toInt()));
    } else if (type == QLatin1String(eventKindName(EventKind::ApprovalNeeded))) {
        askApproval(json);
    }
}

void AgentDock::askApproval(const QByteArray& json) {
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Approve commit?"),
                        tr("The agent wants to commit:\n%1")
                            .arg(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Indented))),
                        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("approvalDialog"));
    auto* approve = box->addButton(tr("Approve"), QMessageBox::AcceptRole);
    approve->setObjectName(QStringLiteral("approve"));
    auto* edit = box->addButton(tr("Edit threshold..."), QMessageBox::ActionRole);
    box->addButton(tr("Reject..."), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, approve, edit] {
        if (box->clickedButton() == approve) {
            m_bridge->approve();
        } else if (box->clickedButton() == edit) {
            bool ok = false;
            const double threshold = QInputDialog::getDouble(
                this, tr("Threshold"), tr("Commit at similarity >="), 0.5, -1, 1, 3, &ok);
            ok ? m_bridge->approveWithThreshold(threshold) : m_bridge->reject(tr("the human cancelled"));
        } else {
            const QString reason =
                QInputDialog::getText(this, tr("Reject"), tr("Why? (the agent reads this)"));
            m_bridge->reject(reason.isEmpty() ? tr("rejected by the human") : reason);
        }
    });
    box->open();
}

} // namespace curator::ui
