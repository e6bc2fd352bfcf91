#include "curation/commitwhatif.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string_view>
#include <utility>

namespace curator {

namespace {
// Below every similarity (they lie in [-1, 1]): the selection holds every unmasked row.
constexpr float kBelowEverything = -2.0f;
} // namespace

Result<CommitWhatIf> CommitWhatIf::compute(CurationSession& session, CurationLog& log,
                                           const PreparedQuery& query, const std::string& branch) {
    if (query.segments.empty()) {
        return makeError("commit preview: no embeddings to select from");
    }
    CURATOR_TRY(ScanOptions options, session.scanner().optionsFor(query.segments));
    CURATOR_TRY(SelectionResult selection,
                selectAbove(query.segments, query.querySet, kBelowEverything, options));
    CURATOR_TRY(std::vector<CatalogImage> held, log.datasetImages(branch));
    std::set<std::pair<std::string_view, std::string_view>> inBranch;
    for (const CatalogImage& image : held) {
        inBranch.emplace(image.source, image.name);
    }
    std::vector<size_t> order(selection.rows.size());
    std::iota(order.begin(), order.end(), size_t{0});
    // Best first; ties in scan order, so the result never depends on the sort.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return selection.similarities[a] > selection.similarities[b];
    });
    CommitWhatIf whatIf;
    whatIf.m_masked = selection.masked;
    whatIf.m_similarities.reserve(order.size());
    whatIf.m_freshBefore.reserve(order.size() + 1);
    whatIf.m_freshBefore.push_back(0);
    for (size_t index : order) {
        const RowRef& ref = selection.rows[index];
        const EmbeddingMatrix& matrix = *query.segments[ref.segment];
        const bool fresh = inBranch.count({matrix.source(), matrix.id(ref.row)}) == 0;
        whatIf.m_similarities.push_back(selection.similarities[index]);
        whatIf.m_freshBefore.push_back(whatIf.m_freshBefore.back() + (fresh ? 1 : 0));
    }
    return whatIf;
}

ThresholdAdmission CommitWhatIf::at(double threshold) const {
    // The commit's predicate: similarity >= the threshold as the scan's float (commitQuery casts it so).
    const float cut = static_cast<float>(threshold);
    const auto end = std::partition_point(m_similarities.begin(), m_similarities.end(),
                                          [cut](float similarity) { return similarity >= cut; });
    const size_t admitted = static_cast<size_t>(end - m_similarities.begin());
    return {threshold, admitted, m_freshBefore[admitted]};
}

SimilarityDistribution CommitWhatIf::distribution(size_t bins) const {
    return distributionOf(m_similarities, bins, m_masked);
}

} // namespace curator
