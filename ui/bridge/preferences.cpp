#include "bridge/preferences.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace curator::ui::preferences {

QString lastWorkspace() {
    return QSettings().value(QStringLiteral("workspace/last")).toString();
}

void setLastWorkspace(const QString& directory) {
    QSettings().setValue(QStringLiteral("workspace/last"), QDir(directory).absolutePath());
}

namespace {

// The QSettings group of a workspace's own choices: a digest of its absolute path (a path's slashes would
// nest groups).
QString workspaceGroup(const QString& workspaceDirectory) {
    const QByteArray path = QDir(workspaceDirectory).absolutePath().toUtf8();
    return QStringLiteral("workspaces/") +
           QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex());
}

AgentEndpoint readEndpoint(QSettings& settings, const QString& group) {
    settings.beginGroup(group);
    AgentEndpoint endpoint;
    endpoint.baseUrl = settings.value(QStringLiteral("baseUrl")).toString();
    endpoint.model = settings.value(QStringLiteral("model")).toString();
    endpoint.reasoningEffort = settings.value(QStringLiteral("reasoningEffort")).toString();
    endpoint.apiKeyEnvironmentVariable =
        settings.value(QStringLiteral("apiKeyEnvironmentVariable"), endpoint.apiKeyEnvironmentVariable)
            .toString();
    settings.endGroup();
    return endpoint;
}

void writeEndpoint(QSettings& settings, const QString& group, const AgentEndpoint& endpoint) {
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("baseUrl"), endpoint.baseUrl);
    settings.setValue(QStringLiteral("model"), endpoint.model);
    settings.setValue(QStringLiteral("reasoningEffort"), endpoint.reasoningEffort);
    settings.setValue(QStringLiteral("apiKeyEnvironmentVariable"), endpoint.apiKeyEnvironmentVariable);
    settings.endGroup();
}

} // namespace

AgentEndpoint agentEndpoint(const QString& workspaceDirectory) {
    QSettings settings;
    if (!workspaceDirectory.isEmpty()) {
        const QString group = workspaceGroup(workspaceDirectory);
        if (settings.contains(group + QStringLiteral("/agent/baseUrl"))) {
            return readEndpoint(settings, group + QStringLiteral("/agent"));
        }
    }
    return readEndpoint(settings, QStringLiteral("agent"));
}

void setAgentEndpoint(const QString& workspaceDirectory, const AgentEndpoint& endpoint) {
    QSettings settings;
    writeEndpoint(settings, workspaceGroup(workspaceDirectory) + QStringLiteral("/agent"), endpoint);
    writeEndpoint(settings, QStringLiteral("agent"), endpoint); // the default of workspaces with none
}

QString defaultDemoWorkspace() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo-workspace"));
}

} // namespace curator::ui::preferences
