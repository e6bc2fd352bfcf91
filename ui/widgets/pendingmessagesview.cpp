#include "widgets/pendingmessagesview.h"

#include <algorithm>

namespace curator::ui {

namespace {
constexpr int kShownMessages = 3; // the newest; older ones were read long ago
constexpr int kShownCharacters = 120;
} // namespace

PendingMessagesView::PendingMessagesView(QWidget* parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("agentPendingMessages"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setVisible(false);
}

void PendingMessagesView::addPending(qint64 messageId, const QString& text) {
    m_messages.push_back({messageId, text, State::Pending});
    while (m_messages.size() > kShownMessages) {
        m_messages.removeFirst();
    }
    refresh();
}

void PendingMessagesView::markDelivered(qint64 messageId) {
    for (Message& message : m_messages) {
        if (message.id == messageId) {
            message.state = State::Delivered;
        }
    }
    refresh();
}

void PendingMessagesView::markUndelivered() {
    for (Message& message : m_messages) {
        if (message.state == State::Pending) {
            message.state = State::Undelivered;
        }
    }
    refresh();
}

void PendingMessagesView::clearMessages() {
    m_messages.clear();
    refresh();
}

int PendingMessagesView::pendingCount() const {
    return static_cast<int>(std::count_if(m_messages.begin(), m_messages.end(), [](const Message& message) {
        return message.state == State::Pending;
    }));
}

QStringList PendingMessagesView::lines() const {
    QStringList lines;
    for (const Message& message : m_messages) {
        const QString shown = message.text.size() > kShownCharacters
                                  ? message.text.left(kShownCharacters) + QStringLiteral("\u2026")
                                  : message.text;
        switch (message.state) {
        case State::Pending:
            lines << tr("pending: %1").arg(shown);
            break;
        case State::Delivered:
            lines << tr("delivered: %1").arg(shown);
            break;
        case State::Undelivered:
            lines << tr("not delivered (the run ended): %1").arg(shown);
            break;
        }
    }
    return lines;
}

void PendingMessagesView::refresh() {
    const QStringList plain = lines();
    QStringList html;
    for (int i = 0; i < plain.size(); ++i) {
        // Pending stands out (the agent has not read it yet); delivered fades.
        const QString colour =
            m_messages[i].state == State::Pending ? QStringLiteral("#8a5a00") : QStringLiteral("#707070");
        html << QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, plain[i].toHtmlEscaped());
    }
    setText(html.join(QStringLiteral("<br>")));
    setToolTip(plain.join(QLatin1Char('\n')));
    setVisible(!plain.isEmpty());
}

} // namespace curator::ui
