#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace curator::ui {

// API keys in the system keychain (qtkeychain), named by the environment variable the core reads
// (OPENAI_API_KEY, ...). Loaded keys go into the core's in-memory registry (common/secrets.h), where the
// environment still wins. Keys are never written to a file: when the keychain is unavailable (no D-Bus
// session, no keyring) a stored key lasts for this session only, and the user is told so.
class SecretStore : public QObject {
    Q_OBJECT
public:
    explicit SecretStore(QObject* parent = nullptr);

    static QString serviceName();

    // Asynchronous; `loaded` fires once for every name, found or not.
    void load(const QStringList& names);
    void store(const QString& name, const QString& value);
    void remove(const QString& name);

    // Where a key would come from now: "environment", "keychain", "session" or "" (none).
    static QString origin(const QString& name);

Q_SIGNALS:
    void loaded(const QString& name, bool found);
    void keychainUnavailable(const QString& message);
    void stored(const QString& name, bool persisted, const QString& message);
};

} // namespace curator::ui
