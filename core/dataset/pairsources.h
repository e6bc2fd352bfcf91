#pragma once

// What preference pairs and the scorer report read (preferencepairs.h, scorerevaluation.h): the
// workspace's taxonomy, curation log and embedding store, opened together by the CLI and the workstation.

#include "common/result.h"
#include "dataset/curationlog.h"
#include "store/embeddingstore.h"
#include "taxonomy/taxonomy.h"

#include <string>

namespace curator {

struct PairSources {
    Taxonomy taxonomy;
    CurationLog log;
    EmbeddingStore store;
};

// `taxonomyFile` empty: the one settings.json names (else the built-in one). Errors name what failed.
Result<PairSources> openPairSources(const std::string& workspace, const std::string& taxonomyFile = {});

} // namespace curator
