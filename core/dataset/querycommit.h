#pragma once

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"

#include <string>
#include <vector>

namespace curator {

// What a commit by query records besides the selection: the provenance a person or the agent gives.
struct QueryCommitProvenance {
    std::string query;                        // the text, or the vector file's path
    std::vector<std::string> negativePrompts; // texts or files, one per negative in the query set
    double threshold = 0;
    double negativeThreshold =
        defaults::kNegativeThreshold; // as given (recorded exactly; the scan uses the query set's float)
    std::string message;
    std::string author = "human";
    std::vector<std::string> tags;
    std::string branch; // empty: the checked-out branch
    // Near-duplicate exclusion (docs/dataset-quality.md): when above 0, a selected image new to the branch
    // is left out when its cosine to an image of the branch's dataset, or to an earlier new image of the
    // selection that stays, reaches this. The commit's message records how many and the threshold.
    double excludeNearDuplicates = 0;
    // The matrices the dataset's images are looked up in (those of the query's model, every source);
    // empty: the commit's own segments.
    std::vector<const EmbeddingMatrix*> nearDuplicateSegments;
};

struct QueryCommitOutcome {
    CommitOutcome commit;
    size_t masked = 0;   // images the negatives excluded from the scan
    size_t excluded = 0; // images at or above the threshold left out because the caller excluded them
    size_t nearDuplicatesExcluded = 0; // new images left out as near-duplicates of the dataset
    std::string embeddingModel;
};

struct ChosenImage {
    std::string source;
    std::string name; // the id within the source
};

// The one commit-by-query path of the CLI, the GUI and the agent: selects with selectAbove (the scan and
// predicate of countAbove, so a commit takes exactly what count counted) and records the commit with the
// query vector's hash, the embedding model and the sources scanned. A threshold that selects nothing is
// an error and nothing is recorded: the one empty-selection policy of every front end.
// `excluded` (the images a person rejected in review) are left out of the selection; those that were in
// it are counted in the outcome's `excluded` and the commit's message says how many. Excluded images
// below the threshold change nothing. With provenance.excludeNearDuplicates, new images that are
// near-duplicates of the dataset are left out too (counted in `nearDuplicatesExcluded`, noted in the
// message). A selection that exclusion empties is refused like an empty one.
Result<QueryCommitOutcome> commitQuery(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                       const QuerySet& querySet, const QueryCommitProvenance& provenance,
                                       const ScanOptions& options = {},
                                       const std::vector<ChosenImage>& excluded = {});

// A commit of images a person picked from a search's results (review: accept, then commit): the same
// provenance as commitQuery (query, its vector's hash, negatives, model, sources), with the threshold the
// caller gives (the lowest similarity chosen). Every image must be a row of `segments`; an empty choice
// or an unknown image is an error and nothing is recorded.
Result<QueryCommitOutcome> commitChosen(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                        const QuerySet& querySet, const QueryCommitProvenance& provenance,
                                        const std::vector<ChosenImage>& chosen);

} // namespace curator
