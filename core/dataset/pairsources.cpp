#include "dataset/pairsources.h"

#include "taxonomy/coverage.h"

namespace curator {

Result<PairSources> openPairSources(const std::string& workspace, const std::string& taxonomyFile) {
    CURATOR_TRY(Taxonomy taxonomy, settingsTaxonomy(workspace, taxonomyFile));
    CURATOR_TRY(CurationLog log, CurationLog::open(workspace));
    CURATOR_TRY(EmbeddingStore store, EmbeddingStore::open(workspace));
    return PairSources{std::move(taxonomy), std::move(log), std::move(store)};
}

} // namespace curator
