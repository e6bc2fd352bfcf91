#pragma once

#include <QLabel>
#include <QString>
#include <QVector>

namespace curator::ui {

// The messages a person typed during a run, under the message box: "pending: TEXT" from the moment the
// run records it (human_action inject) until the agent receives it at its next turn (message_delivered),
// then "delivered: TEXT". The last few are kept; hidden when there are none.
class PendingMessagesView : public QLabel {
    Q_OBJECT
public:
    explicit PendingMessagesView(QWidget* parent = nullptr);

    void addPending(qint64 messageId, const QString& text);
    void markDelivered(qint64 messageId);
    // The run ended: what it never received says so.
    void markUndelivered();
    void clearMessages();

    int pendingCount() const;
    // One line per message, as shown (plain text): "pending: ..." or "delivered: ...".
    QStringList lines() const;

private:
    enum class State { Pending, Delivered, Undelivered };
    struct Message {
        qint64 id = 0;
        QString text;
        State state = State::Pending;
    };
    void refresh();

    QVector<Message> m_messages;
};

} // namespace curator::ui
