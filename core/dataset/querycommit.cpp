#include "dataset/querycommit.h"

#include "dataset/sha256.h"

#include <cstdio>

namespace curator {

Result<QueryCommitOutcome> commitQuery(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                       const QuerySet& querySet, const QueryCommitProvenance& provenance,
                                       EmptySelection empty, const ScanOptions& options) {
    if (segments.empty()) {
        return makeError("commit: no embeddings to select from");
    }
    auto selection = selectAbove(segments, querySet, static_cast<float>(provenance.threshold), options);
    if (!selection) {
        return selection.takeError();
    }
    if (selection->rows.empty() && empty == EmptySelection::Refuse) {
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%.3f", provenance.threshold);
        return makeError("no unmasked image has similarity >= " + std::string(threshold) +
                         "; nothing was committed (lower the threshold)");
    }
    CommitRequest request;
    request.query = provenance.query;
    request.queryVectorSha256 = Sha256::hashHex(std::string_view(
        reinterpret_cast<const char*>(querySet.query()), querySet.dimension * sizeof(float)));
    request.embeddingModel = segments.front()->model();
    request.threshold = provenance.threshold;
    request.negativePrompts = provenance.negativePrompts;
    request.negativeThreshold = provenance.negativeThreshold;
    for (const auto* matrix : segments) {
        request.sources.push_back(matrix->source());
    }
    request.message = provenance.message;
    request.author = provenance.author;
    request.tags = provenance.tags;
    request.branch = provenance.branch;
    request.images.reserve(selection->rows.size());
    for (const RowRef& ref : selection->rows) {
        const EmbeddingMatrix& matrix = *segments[ref.segment];
        CatalogImage image;
        image.source = matrix.source();
        image.name = std::string(matrix.id(ref.row));
        request.images.push_back(std::move(image));
    }
    auto outcome = log.commit(request);
    if (!outcome) {
        return outcome.takeError();
    }
    return QueryCommitOutcome{std::move(*outcome), selection->masked, request.embeddingModel};
}

} // namespace curator
