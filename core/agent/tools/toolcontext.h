#pragma once

// What the tools share during a run: the workspace's store and curation log (opened on first use), the
// backends, the run's author and branch, the query preparation with its text-embedding cache, the row
// describer with its cache, and the last search or sample results (what aesthetics_rate "last" rates).
// Queries, scans and row descriptions go through the curation layer (core/curation) that the CLI and the
// workstation use too; this context only turns validated tool arguments into its requests.

#include "agent/tools/tooldefaults.h"
#include "agent/tools/toolresult.h"
#include "common/result.h"
#include "curation/curationsession.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "rating/aestheticsrate.h"
#include "search/searchoperations.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace curator {

class CurationLog;
class EmbeddingMatrix;
class EmbeddingStore;

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
    Result<CurationLog*> curationLog();
    Result<EmbeddingStore*> store();
    // The curation session of the run (scans, describes rows, embeds texts once per run).
    CurationSession& session() { return m_session; }
    // Hits as the model is shown them: with path, caption and similarity.
    std::vector<ToolImage> describe(const PreparedQuery& query, const std::vector<SearchHit>& hits);
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
    // Whether a person approved the call being run (the approval flow of AgentRun): a commit below the
    // threshold floor runs only then.
    bool humanApproved() const { return m_humanApproved; }
    void setHumanApproved(bool approved) { m_humanApproved = approved; }
    size_t embeddedTextCount() const { return m_session.embeddedTextCount(); }
    // The tile size of the run's grid images (kMinGridTileSize to kMaxGridTileSize; the caller checks).
    int gridTileSize() const { return m_gridTileSize; }
    void setGridTileSize(int pixels) { m_gridTileSize = pixels; }
    // The run's stop flag: long tools (aesthetics_rate) watch it and give up what is in flight.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    // How aesthetics_rate requests captions and scores (concurrency, images per scorer call).
    const RatingOptions& ratingOptions() const { return m_rating; }
    void setRatingOptions(const RatingOptions& options) { m_rating = options; }

private:
    std::string m_workspace;
    Embedder& m_embedder;
    Scorer& m_scorer;
    Captioner& m_captioner;
    std::string m_author;
    std::string m_branch;
    CurationSession m_session;
    std::unique_ptr<CurationLog> m_log;
    std::vector<ToolImage> m_lastResults; // of the last search or sample
    std::string m_lastQuery;
    bool m_humanApproved = false;
    int m_gridTileSize = kGridTileSize;
    const std::atomic<bool>* m_cancel = nullptr;
    RatingOptions m_rating;
};

} // namespace curator
