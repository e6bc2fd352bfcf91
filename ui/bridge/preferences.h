#pragma once

#include "agent/contextwindow.h"
#include "agent/tools/tooldefaults.h"

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

// How the workstation's agent runs talk to that endpoint and what each run gets (the CLI's --llm-api,
// --llm-images, --grid-tile-size and --context-budget).
struct AgentRunSettings {
    QString llmApi = QStringLiteral("chat");    // chat | responses (curator::llmApiFromName)
    QString llmImages = QStringLiteral("auto"); // auto | yes | no: grids as image parts
    int gridTileSize = kGridTileSize;           // px per tile, kMinGridTileSize to kMaxGridTileSize
    long contextBudgetTokens = kDefaultContextBudgetTokens;
};

// The workstation's ratings (the CLI's rate --concurrency and --score-batch; 0: the core's default) and
// how long one request to a remote model may take (--request-timeout), for the agent's ratings too.
struct RatingSettings {
    int concurrency = 0;
    int scoreBatchSize = 0;
    int requestTimeoutSeconds = 120;
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

// The same fallback as the endpoint; values out of range read back as the defaults.
AgentRunSettings agentRunSettings(const QString& workspaceDirectory = {});
void setAgentRunSettings(const QString& workspaceDirectory, const AgentRunSettings& settings);

RatingSettings ratingSettings(const QString& workspaceDirectory = {});
void setRatingSettings(const QString& workspaceDirectory, const RatingSettings& settings);

// Where `curator --demo` puts the demo workspace when no --workspace is given.
QString defaultDemoWorkspace();

} // namespace preferences
} // namespace curator::ui
