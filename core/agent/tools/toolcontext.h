#pragma once

// What the tools share during a run: the workspace's store and curation log (opened on first use), the
// backends, the run's author and branch, the query preparation with its text-embedding cache, the row
// describer with its cache, and the last search or sample results (what aesthetics_rate "last" rates).
// These helpers are kept together so that a curation layer shared by every front end can take their
// place in one step.

#include "agent/tools/tooldefaults.h"
#include "agent/tools/toolresult.h"
#include "common/result.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "search/searchoperations.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace curator {

class CurationLog;
class EmbeddingMatrix;
class EmbeddingStore;

// A tool's query made ready to scan: the selected matrices and the query set (query, negatives,
// threshold) built from the validated arguments.
struct PreparedQuery {
    std::vector<const EmbeddingMatrix*> segments;
    QuerySet querySet;
    std::string query;
    std::vector<std::string> negatives;
    double negativeThreshold = kDefaultNegativeThreshold;
    std::vector<std::string> sources;
    std::vector<std::string> warnings;
};

class ToolContext {
public:
    // `author` is "agent:<run id>"; `branch` is where commits and undos go.
    ToolContext(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer, Captioner& captioner,
                std::string author, std::string branch);
    ~ToolContext();
    ToolContext(const ToolContext&) = delete;
    ToolContext& operator=(const ToolContext&) = delete;

    // The matrices of "source" (all when absent or "all") and, when `needQuery`, the query set of "query",
    // "negative_prompts" and "negative_threshold", on validated arguments.
    Result<PreparedQuery> prepare(const nlohmann::json& arguments, bool needQuery);
    // A text's vector, embedded once per run.
    Result<std::vector<float>> embedCached(const std::string& text);
    Result<CurationLog*> curationLog();
    Result<EmbeddingStore*> store();
    // A source's rows (id, path, caption), read once; null when the source cannot be read.
    const std::vector<ToolImage>* identities(const std::string& source);
    // An image with its path and caption (empty when the row is unknown).
    ToolImage describe(const std::string& source, const std::string& id, double similarity);
    // The sources of the embedder's model in the workspace, sorted.
    std::vector<std::string> sources();

    // The last search or sample results, and their query.
    const std::vector<ToolImage>& lastResults() const { return m_lastResults; }
    const std::string& lastQuery() const { return m_lastQuery; }
    void setLastResults(std::vector<ToolImage> images, std::string query);

    const std::string& workspaceDirectory() const { return m_workspace; }
    const std::string& author() const { return m_author; }
    const std::string& branch() const { return m_branch; }
    Embedder& embedder() { return m_embedder; }
    Scorer& scorer() { return m_scorer; }
    Captioner& captioner() { return m_captioner; }
    size_t embeddedTextCount() const { return m_textCache.size(); }

private:
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

} // namespace curator
