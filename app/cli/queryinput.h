#pragma once

#include "commands.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "search/scanengine.h"
#include "store/embeddingstore.h"

#include <memory>
#include <string>
#include <vector>

namespace curator::cli {

// The opened store, the matrices to scan and the query set: what search, sample, count and commit share.
struct PreparedQuery {
    std::string queryDescription;                  // the text, or the vector file: commit provenance
    std::vector<std::string> negativeDescriptions; // likewise, one per negative
    EmbeddingStore store;
    std::vector<const EmbeddingMatrix*> segments;
    QuerySet querySet;
    ScanOptions scan;
};

// Opens the workspace's store, selects the matrices, reads the query and negative vector files and
// checks their dimensions against the store's model (errors name the file and both dimensions).
Result<PreparedQuery> prepareQuery(const GlobalOptions& global, const QueryOptions& options);

// The backends of --embedder/--scorer/--captioner, else of the workspace's settings.json.
Result<std::unique_ptr<Embedder>> workspaceEmbedder(const GlobalOptions& global);
Result<std::unique_ptr<Scorer>> workspaceScorer(const GlobalOptions& global);
Result<std::unique_ptr<Captioner>> workspaceCaptioner(const GlobalOptions& global);

} // namespace curator::cli
