#pragma once

// The agent's seven curation tools (issue 5 §2, issue 8 §3): one core function and one JSON schema each,
// called by name with the raw argument text a model wrote. Arguments that arrive as strings ("0.45",
// "[\"watermark\"]", "5") are coerced, then validated against the schema; any problem (malformed JSON,
// an unknown tool, a wrong type, a missing field, a value out of range, an unknown source) is an error
// RESULT the model can read and correct: execute() never throws and never aborts a run.

#include "agent/llmclient.h"
#include "common/result.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace curator {

class CurationLog;
class EmbeddingStore;

// One default negative threshold for every tool (the original used 0.3 in search and 0.2 in commit).
constexpr double kDefaultNegativeThreshold = 0.3;

// Tile layout of the composite image sent back to a vision model.
constexpr int kGridColumns = 5;
constexpr int kGridTileSize = 192;

struct ToolResult {
    bool ok = false;
    std::string text;                       // compact text for the model
    nlohmann::json data;                    // structured (GUI, events, the heuristic planner)
    std::vector<std::string> imageDataUrls; // at most one composite grid (sample, sample_from_committed)
};

// An image shown to the model: what the grid tiles and the tool texts are made of.
struct ToolImage {
    std::string source;
    std::string id;
    std::string path;
    std::string caption;
    double similarity = 0;
};

class CurationToolbox {
public:
    // `author` is "agent:<run id>"; `branch` is where commits and undos go (it must exist and be open).
    CurationToolbox(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer, Captioner& captioner,
                    std::string author, std::string branch);
    ~CurationToolbox();
    CurationToolbox(const CurationToolbox&) = delete;
    CurationToolbox& operator=(const CurationToolbox&) = delete;

    // The seven schemas, in a stable order. Source enums list the workspace's sources of the
    // embedder's model.
    std::vector<ToolSchema> schemas();
    static std::vector<std::string> toolNames();

    // Parses, coerces and validates `argumentsJson`, then runs the tool. Never throws.
    ToolResult execute(const std::string& name, const std::string& argumentsJson);

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

    // An undo on behalf of a person (author "human"), on the run's branch.
    ToolResult humanUndo(const std::string& commitId);

    const std::string& branch() const { return m_branch; }
    const std::string& author() const { return m_author; }
    const std::string& workspaceDirectory() const { return m_workspace; }
    // Texts embedded so far (query and negative texts are embedded once per run).
    size_t embeddedTextCount() const { return m_textCache.size(); }
    // The sources of the embedder's model in the workspace, sorted.
    std::vector<std::string> sources();

private:
    struct Prepared;
    Result<Prepared> prepare(const nlohmann::json& arguments, bool needQuery);
    Result<std::vector<float>> embedCached(const std::string& text);
    Result<CurationLog*> curationLog();
    Result<EmbeddingStore*> store();
    const std::vector<ToolImage>* identities(const std::string& source);
    ToolImage describe(const std::string& source, const std::string& id, double similarity);
    ToolResult undoAs(const std::string& commitId, const std::string& author);

    std::string m_workspace;
    Embedder& m_embedder;
    Scorer& m_scorer;
    Captioner& m_captioner;
    std::string m_author;
    std::string m_branch;
    std::map<std::string, TextEmbedding> m_textCache;
    std::unique_ptr<CurationLog> m_log;
    std::unique_ptr<EmbeddingStore> m_store;
    std::map<std::string, std::vector<ToolImage>> m_identities;           // per source, by row
    std::map<std::string, std::map<std::string, size_t>> m_identityIndex; // source -> id -> row
    std::vector<ToolImage> m_lastResults;                                 // of the last search or sample
    std::string m_lastQuery;
};

// One composite JPEG data URL of the images (5 tiles per row, numbered from 1 in order). Images that fail
// to decode become grey tiles marked with an X (the text names them).
Result<std::string> compositeGridDataUrl(const std::vector<ToolImage>& images);

} // namespace curator
