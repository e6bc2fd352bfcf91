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

// The user's own preferences, in QSettings: the last workspace opened and the agent's endpoint for each
// workspace (a personal choice, so not in the workspace's settings.json, which others may share).
namespace preferences {

QString lastWorkspace();
void setLastWorkspace(const QString& directory);

// The endpoint chosen for `workspaceDirectory`; a workspace with none of its own gets the endpoint last
// saved for any (so a new workspace starts with the user's usual model), an empty directory that one.
AgentEndpoint agentEndpoint(const QString& workspaceDirectory = {});
void setAgentEndpoint(const QString& workspaceDirectory, const AgentEndpoint& endpoint);

// Where `curator --demo` puts the demo workspace when no --workspace is given.
QString defaultDemoWorkspace();

} // namespace preferences
} // namespace curator::ui
