#pragma once

// The agent's seven curation tools (issue 5 §2, issue 8 §3), called by name with the raw argument text a
// model wrote. Each tool is one file under tools/ (schema, rules and handler); the registry
// (tools/toolregistry.h) lists them, and this class dispatches through it. Arguments that arrive as strings
// ("0.45", "[\"watermark\"]", "5") are coerced, then validated against the schema (tools/toolarguments.h);
// any problem (malformed JSON, an unknown tool, a wrong type, a missing field, a value out of range, an
// unknown source) is an error RESULT the model can read and correct: execute() never throws and never
// aborts a run.

#include "agent/llmclient.h"
#include "agent/tools/compositegrid.h"
#include "agent/tools/tooldefaults.h"
#include "agent/tools/toolresult.h"
#include "common/result.h"
#include "curation/commitwhatif.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace curator {

class ToolContext;
class ToolRegistry;

class CurationToolbox {
public:
    // `author` is "agent:<run id>"; `branch` is where commits and undos go (it must exist and be open).
    CurationToolbox(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer, Captioner& captioner,
                    std::string author, std::string branch);
    ~CurationToolbox();
    CurationToolbox(const CurationToolbox&) = delete;
    CurationToolbox& operator=(const CurationToolbox&) = delete;

    // The seven schemas, in the registry's stable order. Source enums list the workspace's sources of the
    // embedder's model.
    std::vector<ToolSchema> schemas();
    static std::vector<std::string> toolNames();

    // Parses, coerces and validates `argumentsJson`, then runs the tool. Never throws.
    ToolResult execute(const std::string& name, const std::string& argumentsJson);
    // The same, for a call a person approved (what only a person may allow, e.g. a commit below the
    // threshold floor, runs).
    ToolResult executeApproved(const std::string& name, const std::string& argumentsJson);

    // Coerces string-typed values to the tool's schema types and validates; on success `arguments`
    // holds the coerced object. Exposed for tests and for the approval flow.
    Status coerceAndValidate(const std::string& name, nlohmann::json& arguments);

    // The tools as core functions, on already validated arguments.
    ToolResult search(const nlohmann::json& arguments);
    ToolResult sample(const nlohmann::json& arguments);
    ToolResult aestheticsRateTool(const nlohmann::json& arguments);
    ToolResult commit(const nlohmann::json& arguments);
    ToolResult undoCommit(const nlohmann::json& arguments);
    ToolResult status(const nlohmann::json& arguments);
    ToolResult sampleFromCommitted(const nlohmann::json& arguments);

    // What a commit of these validated arguments would take, for the person asked to approve it:
    // {"count", "masked", "threshold", "rows": [{"source","id","path","caption","similarity"}]}, the rows a
    // seeded sample of at most `sampleSize` of the selection, best first. One scan; nothing is written.
    Result<nlohmann::json> commitPreview(const nlohmann::json& arguments, size_t sampleSize);
    // What the commit of these (validated) arguments would take on the run's branch at any threshold.
    Result<CommitWhatIf> commitWhatIf(const nlohmann::json& arguments);

    // An undo on behalf of a person (author "human"), on the run's branch.
    ToolResult humanUndo(const std::string& commitId);

    const std::string& branch() const;
    const std::string& author() const;
    const std::string& workspaceDirectory() const;
    // Texts embedded so far (query and negative texts are embedded once per run).
    size_t embeddedTextCount() const;
    // The tile size of the grid images the tools return (checkGridTileSize first).
    void setGridTileSize(int pixels);
    int gridTileSize() const;
    // The run's stop flag, watched by the tools that take long (a rating gives up within about 50 ms).
    void setCancelFlag(const std::atomic<bool>* cancel);
    // Requests in flight and images per scorer call of aesthetics_rate (0: the rating's defaults).
    void setRatingRequests(size_t concurrency, size_t scoreBatchSize);
    // The sources of the embedder's model in the workspace, sorted.
    std::vector<std::string> sources();

private:
    const ToolRegistry& m_registry;
    std::unique_ptr<ToolContext> m_context;
};

} // namespace curator
