#pragma once

// The curation layer: the one place where a query becomes a scan and a scan becomes results, shared by
// curator-cli, the workstation's bridges and the agent's tools. A session belongs to one workspace and
// one thread; it keeps the opened store, the embedder, embedded texts, row descriptions and the scanner
// between actions.

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "curation/rowdescriber.h"
#include "curation/scanner.h"
#include "dataset/querycommit.h"
#include "models/embedder.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace curator {

// A query as any front end states it. Texts go through the session's embedder; vector files (a tensor
// file: one row for the query, any number for negatives) are read as they are.
struct QueryRequest {
    std::string text;
    std::string vectorFile;
    std::vector<std::string> negativeTexts;
    std::vector<std::string> negativeVectorFiles;
    double negativeThreshold = defaults::kNegativeThreshold; // recorded in commits exactly as given
    std::vector<std::string> sources; // empty, or holding "all": every source of the model
    std::string model;                // empty: the embedder's (texts), else the workspace's only model
};

// A query ready to scan. `segments` point into the session's store: valid until the session is
// reopened or destroyed.
struct PreparedQuery {
    std::string query;                  // the text, or the vector file's path: commit provenance
    std::vector<std::string> negatives; // likewise, one per negative vector
    double negativeThreshold = defaults::kNegativeThreshold;
    std::vector<std::string> sources; // of the matrices scanned, in scan order
    std::vector<const EmbeddingMatrix*> segments;
    QuerySet querySet;
    std::vector<std::string> warnings; // e.g. words the builtin embedder does not know
};

// What a commit by query records besides the query.
struct CommitDetails {
    double threshold = 0;
    std::string message;
    std::string author = "human";
    std::vector<std::string> tags;
    std::string branch; // empty: the checked-out branch
    // Images a person rejected in review: a commit of a threshold leaves them out (and says how many).
    // The CLI and the agent leave it empty.
    std::vector<ChosenImage> excluded;
    // Above 0: leave out new images that are near-duplicates (cosine >= this) of the branch's dataset or
    // of an earlier new image of the selection (QueryCommitProvenance::excludeNearDuplicates).
    double excludeNearDuplicates = 0;
};

using EmbedderFactory = std::function<Result<std::unique_ptr<Embedder>>()>;

class CurationSession {
public:
    // `makeEmbedder` runs on the first text query only (a vector query never needs a model); the default
    // makes the workspace's embedder from its settings.json.
    explicit CurationSession(std::string workspaceDirectory, ScanPlace place = ScanPlace::Auto,
                             EmbedderFactory makeEmbedder = {});
    // With an embedder the caller owns (the agent's run).
    CurationSession(std::string workspaceDirectory, Embedder& embedder, ScanPlace place = ScanPlace::Auto);
    ~CurationSession();
    CurationSession(const CurationSession&) = delete;
    CurationSession& operator=(const CurationSession&) = delete;

    const std::string& workspaceDirectory() const { return m_workspace; }

    // Opens the store on first use.
    Result<EmbeddingStore*> store();
    Result<Embedder*> embedder();
    // The embedding of a text, embedded once per session.
    Result<TextEmbedding> embedText(const std::string& text);
    size_t embeddedTextCount() const { return m_textCache.size(); }

    // Resolves the model and sources, embeds or reads the vectors and checks them against the store's
    // model: a text needs the store's model, a vector file its dimension (errors name both sides).
    Result<PreparedQuery> prepare(const QueryRequest& request);
    // The matrices of `request.model` (or the embedder's) and `request.sources`, with no query.
    Result<std::vector<const EmbeddingMatrix*>> selectSegments(const QueryRequest& request);

    // One pass over the matrices for everything `wants` asks.
    Result<CombinedScan> scan(const PreparedQuery& query, const ScanWants& wants);
    Result<CountResult> count(const PreparedQuery& query, float threshold);
    Result<SampleResult> sample(const PreparedQuery& query, float minimum, float maximum, size_t count,
                                uint64_t seed);
    // Commits every unmasked image at or above `details.threshold` (the scan count uses) except
    // `details.excluded`; the outcome's `excluded` counts those left out. A selection that is empty is
    // refused, recording nothing: the same everywhere.
    Result<QueryCommitOutcome> commit(CurationLog& log, const PreparedQuery& query,
                                      const CommitDetails& details);
    // Commits exactly these images (review: the accepted ones) with the query's provenance.
    Result<QueryCommitOutcome> commitChosen(CurationLog& log, const PreparedQuery& query,
                                            const CommitDetails& details,
                                            const std::vector<ChosenImage>& chosen);

    // Describes hits (source, id, path, caption, similarity); the store must be open.
    std::vector<DescribedRow> describe(const PreparedQuery& query, const std::vector<SearchHit>& hits);
    Result<DescribedRow> find(const std::string& source, const std::string& id);

    Scanner& scanner() { return m_scanner; }

    // Drops the store and what was read from it (after an ingest or an import); embedded texts stay.
    void reopen();

private:
    QueryCommitProvenance provenance(const PreparedQuery& query, const CommitDetails& details) const;
    Result<std::vector<float>> embedForQuery(const std::string& text, const std::string& model,
                                             std::vector<std::string>& warnings);
    Result<RowDescriber*> describer();

    std::string m_workspace;
    EmbedderFactory m_makeEmbedder;
    Embedder* m_embedder = nullptr;
    std::unique_ptr<Embedder> m_ownedEmbedder;
    std::optional<EmbeddingStore> m_store;
    std::unique_ptr<RowDescriber> m_describer;
    std::map<std::string, TextEmbedding> m_textCache;
    Scanner m_scanner;
};

} // namespace curator
