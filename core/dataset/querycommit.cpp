#include "dataset/querycommit.h"

#include "dataset/sha256.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

namespace curator {

namespace {

// Everything a commit records about the query, whatever selected its images.
CommitRequest provenanceRequest(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                const QueryCommitProvenance& provenance) {
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
    return request;
}

} // namespace

Result<QueryCommitOutcome> commitQuery(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                       const QuerySet& querySet, const QueryCommitProvenance& provenance,
                                       const ScanOptions& options, const std::vector<ChosenImage>& excluded) {
    if (segments.empty()) {
        return makeError("commit: no embeddings to select from");
    }
    auto selection = selectAbove(segments, querySet, static_cast<float>(provenance.threshold), options);
    if (!selection) {
        return selection.takeError();
    }
    if (selection->rows.empty()) {
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%.3f", provenance.threshold);
        return makeError("no unmasked image has similarity >= " + std::string(threshold) +
                         "; nothing was committed (lower the threshold)");
    }
    std::set<std::pair<std::string_view, std::string_view>> leftOut;
    for (const ChosenImage& image : excluded) {
        leftOut.emplace(image.source, image.name);
    }
    CommitRequest request = provenanceRequest(segments, querySet, provenance);
    request.images.reserve(selection->rows.size());
    size_t excludedCount = 0;
    for (const RowRef& ref : selection->rows) {
        const EmbeddingMatrix& matrix = *segments[ref.segment];
        const std::string_view name = matrix.id(ref.row);
        if (!leftOut.empty() && leftOut.count({matrix.source(), name}) > 0) {
            ++excludedCount;
            continue;
        }
        CatalogImage image;
        image.source = matrix.source();
        image.name = std::string(name);
        request.images.push_back(std::move(image));
    }
    if (request.images.empty()) {
        return makeError("every image at or above the threshold (" + std::to_string(excludedCount) +
                         ") was left out as rejected; nothing was committed");
    }
    if (excludedCount > 0) {
        // The record has no field for it: the message carries it, so the log says why images are missing.
        const std::string note =
            std::to_string(excludedCount) + " rejected image" + (excludedCount == 1 ? "" : "s") + " left out";
        request.message = request.message.empty() ? note : request.message + " (" + note + ")";
    }
    auto outcome = log.commit(request);
    if (!outcome) {
        return outcome.takeError();
    }
    return QueryCommitOutcome{std::move(*outcome), selection->masked, excludedCount, request.embeddingModel};
}

Result<QueryCommitOutcome> commitChosen(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                        const QuerySet& querySet, const QueryCommitProvenance& provenance,
                                        const std::vector<ChosenImage>& chosen) {
    if (segments.empty()) {
        return makeError("commit: no embeddings to select from");
    }
    if (chosen.empty()) {
        return makeError("no image was chosen; nothing was committed");
    }
    CommitRequest request = provenanceRequest(segments, querySet, provenance);
    request.images.reserve(chosen.size());
    for (const ChosenImage& image : chosen) {
        const bool known = std::any_of(segments.begin(), segments.end(), [&](const EmbeddingMatrix* matrix) {
            return matrix->source() == image.source && matrix->findRow(image.name).has_value();
        });
        if (!known) {
            return makeError("chosen image " + image.source + "/" + image.name +
                             " is not among the searched embeddings; nothing was committed");
        }
        CatalogImage entry;
        entry.source = image.source;
        entry.name = image.name;
        request.images.push_back(std::move(entry));
    }
    auto outcome = log.commit(request);
    if (!outcome) {
        return outcome.takeError();
    }
    return QueryCommitOutcome{std::move(*outcome), 0, 0, request.embeddingModel};
}

} // namespace curator
