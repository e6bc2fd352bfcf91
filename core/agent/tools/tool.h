#pragma once

// One agent tool: its parameters (the schema the model sees), the rules beyond the schema, and the handler
// that runs it on validated arguments. Each tool lives in a file of its own (tools/<name>.cpp) and is
// listed once in the registry (toolregistry.cpp).

#include "agent/tools/toolarguments.h"
#include "agent/tools/toolcontext.h"
#include "agent/tools/toolresult.h"
#include "common/result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace curator {

struct ToolDefinition {
    ToolSpec spec;
    // Runs the tool on arguments the shared coercion accepted (canonical names, coerced types).
    ToolResult (*run)(ToolContext& context, const nlohmann::json& arguments) = nullptr;
    // Rules of this tool beyond its schema, on the coerced arguments; null when there are none.
    Status (*validate)(const nlohmann::json& arguments) = nullptr;
};

// The tools, one file each.
const ToolDefinition& searchTool();
const ToolDefinition& sampleTool();
const ToolDefinition& aestheticsRateTool();
const ToolDefinition& commitTool();
const ToolDefinition& undoCommitTool();
const ToolDefinition& statusTool();
const ToolDefinition& sampleFromCommittedTool();
const ToolDefinition& finishTool(); // ends the run with a summary

// undo_commit on behalf of another author (a person's undo during a run is "human").
ToolResult undoCommitAs(ToolContext& context, const std::string& commitId, const std::string& author);

} // namespace curator
