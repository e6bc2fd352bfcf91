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

// The workspace's own group when it holds `key`, else the default group every save also writes.
QString groupHolding(QSettings& settings, const QString& workspaceDirectory, const QString& name,
                     const QString& key) {
    if (!workspaceDirectory.isEmpty()) {
        QString group = workspaceGroup(workspaceDirectory) + QLatin1Char('/') + name;
        if (settings.contains(group + QLatin1Char('/') + key)) {
            return group;
        }
    }
    return name;
}

// An integer setting, or `fallback` when missing, not a number or outside [minimum, maximum].
long long boundedValue(const QSettings& settings, const QString& key, long long minimum, long long maximum,
                       long long fallback) {
    bool ok = false;
    const long long value = settings.value(key).toLongLong(&ok);
    return ok && value >= minimum && value <= maximum ? value : fallback;
}

QString oneOf(const QSettings& settings, const QString& key, const QStringList& allowed) {
    const QString value = settings.value(key).toString();
    return allowed.contains(value) ? value : allowed.first();
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

AgentRunSettings agentRunSettings(const QString& workspaceDirectory) {
    QSettings settings;
    settings.beginGroup(groupHolding(settings, workspaceDirectory, QStringLiteral("agentRun"),
                                     QStringLiteral("gridTileSize")));
    AgentRunSettings run;
    run.llmApi =
        oneOf(settings, QStringLiteral("llmApi"), {QStringLiteral("chat"), QStringLiteral("responses")});
    run.llmImages = oneOf(settings, QStringLiteral("llmImages"),
                          {QStringLiteral("auto"), QStringLiteral("yes"), QStringLiteral("no")});
    run.gridTileSize = static_cast<int>(boundedValue(settings, QStringLiteral("gridTileSize"),
                                                     kMinGridTileSize, kMaxGridTileSize, kGridTileSize));
    run.contextBudgetTokens =
        static_cast<long>(boundedValue(settings, QStringLiteral("contextBudgetTokens"),
                                       kMinContextBudgetTokens, 100000000, kDefaultContextBudgetTokens));
    return run;
}

void setAgentRunSettings(const QString& workspaceDirectory, const AgentRunSettings& run) {
    QSettings settings;
    for (const QString& group :
         {workspaceGroup(workspaceDirectory) + QStringLiteral("/agentRun"), QStringLiteral("agentRun")}) {
        settings.beginGroup(group);
        settings.setValue(QStringLiteral("llmApi"), run.llmApi);
        settings.setValue(QStringLiteral("llmImages"), run.llmImages);
        settings.setValue(QStringLiteral("gridTileSize"), run.gridTileSize);
        settings.setValue(QStringLiteral("contextBudgetTokens"),
                          static_cast<qlonglong>(run.contextBudgetTokens));
        settings.endGroup();
    }
}

RatingSettings ratingSettings(const QString& workspaceDirectory) {
    QSettings settings;
    settings.beginGroup(
        groupHolding(settings, workspaceDirectory, QStringLiteral("rating"), QStringLiteral("concurrency")));
    RatingSettings rating;
    rating.concurrency = static_cast<int>(boundedValue(settings, QStringLiteral("concurrency"), 0, 256, 0));
    rating.scoreBatchSize =
        static_cast<int>(boundedValue(settings, QStringLiteral("scoreBatchSize"), 0, 256, 0));
    rating.requestTimeoutSeconds =
        static_cast<int>(boundedValue(settings, QStringLiteral("requestTimeoutSeconds"), 1, 86400, 120));
    return rating;
}

void setRatingSettings(const QString& workspaceDirectory, const RatingSettings& rating) {
    QSettings settings;
    for (const QString& group :
         {workspaceGroup(workspaceDirectory) + QStringLiteral("/rating"), QStringLiteral("rating")}) {
        settings.beginGroup(group);
        settings.setValue(QStringLiteral("concurrency"), rating.concurrency);
        settings.setValue(QStringLiteral("scoreBatchSize"), rating.scoreBatchSize);
        settings.setValue(QStringLiteral("requestTimeoutSeconds"), rating.requestTimeoutSeconds);
        settings.endGroup();
    }
}

QString defaultDemoWorkspace() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo-workspace"));
}

} // namespace curator::ui::preferences
