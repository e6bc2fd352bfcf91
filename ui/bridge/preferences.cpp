#include "bridge/preferences.h"

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

AgentEndpoint agentEndpoint() {
    QSettings settings;
    AgentEndpoint endpoint;
    endpoint.baseUrl = settings.value(QStringLiteral("agent/baseUrl")).toString();
    endpoint.model = settings.value(QStringLiteral("agent/model")).toString();
    endpoint.reasoningEffort = settings.value(QStringLiteral("agent/reasoningEffort")).toString();
    endpoint.apiKeyEnvironmentVariable =
        settings.value(QStringLiteral("agent/apiKeyEnvironmentVariable"), endpoint.apiKeyEnvironmentVariable)
            .toString();
    return endpoint;
}

void setAgentEndpoint(const AgentEndpoint& endpoint) {
    QSettings settings;
    settings.setValue(QStringLiteral("agent/baseUrl"), endpoint.baseUrl);
    settings.setValue(QStringLiteral("agent/model"), endpoint.model);
    settings.setValue(QStringLiteral("agent/reasoningEffort"), endpoint.reasoningEffort);
    settings.setValue(QStringLiteral("agent/apiKeyEnvironmentVariable"), endpoint.apiKeyEnvironmentVariable);
}

QString defaultDemoWorkspace() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo-workspace"));
}

} // namespace curator::ui::preferences
