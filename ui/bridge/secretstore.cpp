#include "bridge/secretstore.h"

#include "common/secrets.h"

#include <qt6keychain/keychain.h>

#include <QHash>

#include <cstdlib>

namespace curator::ui {

namespace {

// Where each registered key came from, for origin(). GUI thread only.
QHash<QString, QString>& registeredOrigins() {
    static QHash<QString, QString> origins;
    return origins;
}

} // namespace

SecretStore::SecretStore(QObject* parent)
    : QObject(parent) {}

QString SecretStore::serviceName() {
    return QStringLiteral("wide-spectrum-curator");
}

void SecretStore::load(const QStringList& names) {
    for (const QString& name : names) {
        auto* job = new QKeychain::ReadPasswordJob(serviceName(), this);
        job->setKey(name);
        connect(job, &QKeychain::Job::finished, this, [this, name](QKeychain::Job* finished) {
            auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
            const bool found = read->error() == QKeychain::NoError && !read->textData().isEmpty();
            if (found) {
                registerSecret(name.toStdString(), read->textData().toStdString());
                registeredOrigins().insert(name, QStringLiteral("keychain"));
            } else if (read->error() != QKeychain::EntryNotFound && read->error() != QKeychain::NoError) {
                Q_EMIT keychainUnavailable(read->errorString());
            }
            Q_EMIT loaded(name, found);
        });
        job->start();
    }
}

void SecretStore::store(const QString& name, const QString& value) {
    // Usable at once, whatever the keychain answers.
    registerSecret(name.toStdString(), value.toStdString());
    registeredOrigins().insert(name, QStringLiteral("session"));
    auto* job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(name);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this, name](QKeychain::Job* finished) {
        const bool persisted = finished->error() == QKeychain::NoError;
        if (persisted) {
            registeredOrigins().insert(name, QStringLiteral("keychain"));
        }
        Q_EMIT stored(name, persisted,
                      persisted ? tr("%1 saved in the system keychain").arg(name)
                                : tr("the system keychain is unavailable (%1): %2 is kept for this session "
                                     "only; set it in the environment to keep it")
                                      .arg(finished->errorString(), name));
    });
    job->start();
}

void SecretStore::remove(const QString& name) {
    forgetSecret(name.toStdString());
    registeredOrigins().remove(name);
    auto* job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(name);
    job->start();
}

QString SecretStore::origin(const QString& name) {
    if (const char* value = std::getenv(name.toLocal8Bit().constData()); value && *value) {
        return QStringLiteral("environment");
    }
    return secretFor(name.toStdString()).empty() ? QString() : registeredOrigins().value(name);
}

} // namespace curator::ui
