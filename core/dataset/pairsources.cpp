#include "dataset/pairsources.h"

#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"

namespace curator {

Result<PairSources> openPairSources(const std::string& workspace, const std::string& taxonomyFile) {
    CURATOR_TRY(const WorkspaceSettings settings, WorkspaceSettings::load(workspace));
    CURATOR_TRY(Taxonomy taxonomy,
                workspaceTaxonomy(workspace, taxonomyFile.empty() ? settings.taxonomy : taxonomyFile));
    CURATOR_TRY(CurationLog log, CurationLog::open(workspace));
    CURATOR_TRY(EmbeddingStore store, EmbeddingStore::open(workspace));
    return PairSources{std::move(taxonomy), std::move(log), std::move(store)};
}

} // namespace curator
