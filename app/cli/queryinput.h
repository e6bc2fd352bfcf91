#pragma once

#include "commands.h"
#include "search/scanengine.h"
#include "store/embeddingstore.h"

#include <string>
#include <vector>

namespace curator::cli {

// The opened store, the matrices to scan and the query set: what search, sample, count and commit share.
struct PreparedQuery {
    EmbeddingStore store;
    std::vector<const EmbeddingMatrix*> segments;
    QuerySet querySet;
    ScanOptions scan;
};

// Opens the workspace's store, selects the matrices, reads the query and negative vector files and
// checks their dimensions against the store's model (errors name the file and both dimensions).
Result<PreparedQuery> prepareQuery(const GlobalOptions& global, const QueryOptions& options);

} // namespace curator::cli
