#pragma once

#include <QString>

namespace curator::ui {

// The agent's LLM endpoint as the user set it in Settings. Not a secret: the key itself is read from the
// environment variable named here, or from the keychain under that name.
struct AgentEndpoint {
    QString baseUrl; // empty: the offline heuristic planner
    QString model;
    QString reasoningEffort;
    QString apiKeyEnvironmentVariable = QStringLiteral("OPENAI_API_KEY");
};

// The user's preferences that belong to no workspace, in QSettings: the last workspace opened and the
// agent's endpoint. (Per-workspace choices live in the workspace's settings.json.)
namespace preferences {

QString lastWorkspace();
void setLastWorkspace(const QString& directory);

AgentEndpoint agentEndpoint();
void setAgentEndpoint(const AgentEndpoint& endpoint);

// Where `curator --demo` puts the demo workspace when no --workspace is given.
QString defaultDemoWorkspace();

} // namespace preferences
} // namespace curator::ui
