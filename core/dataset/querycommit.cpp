#include "dataset/querycommit.h"

#include "dataset/nearduplicates.h"
#include "dataset/sha256.h"

#include <algorithm>
#include <cstdio>
#include <map>
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

// Leaves out of request.images the new images that are near-duplicates of the branch's dataset (or of an
// earlier new one that stays); returns how many.
Result<size_t> excludeNearDuplicates(CurationLog& log, const std::vector<const EmbeddingMatrix*>& segments,
                                     const QueryCommitProvenance& provenance, const ScanOptions& options,
                                     CommitRequest& request) {
    CURATOR_TRY_STATUS(checkNearDuplicateThreshold(provenance.excludeNearDuplicates,
                                                   "commit: --exclude-near-duplicates threshold"));
    std::vector<const EmbeddingMatrix*> all = provenance.nearDuplicateSegments;
    for (const EmbeddingMatrix* matrix : segments) {
        if (std::find(all.begin(), all.end(), matrix) == all.end()) {
            all.push_back(matrix);
        }
    }
    std::map<std::string, uint32_t> segmentOfSource;
    for (size_t s = 0; s < all.size(); ++s) {
        if (all[s]->dimension() == segments.front()->dimension() &&
            all[s]->model() == segments.front()->model()) {
            segmentOfSource.emplace(all[s]->source(), uint32_t(s));
        }
    }
    const auto rowOf = [&](const std::string& source, const std::string& name) -> std::optional<EmbeddedRow> {
        const auto segment = segmentOfSource.find(source);
        if (segment == segmentOfSource.end()) {
            return std::nullopt;
        }
        const auto row = all[segment->second]->findRow(name);
        return row ? std::optional<EmbeddedRow>(EmbeddedRow{segment->second, uint32_t(*row)}) : std::nullopt;
    };
    CURATOR_TRY(const std::vector<CatalogImage> dataset, log.datasetImages(provenance.branch));
    std::set<std::pair<std::string, std::string>> inDataset;
    std::vector<EmbeddedRow> reference;
    for (const CatalogImage& image : dataset) {
        inDataset.emplace(image.source, image.name);
        if (const auto row = rowOf(image.source, image.name)) {
            reference.push_back(*row);
        }
    }
    std::vector<EmbeddedRow> candidates;
    std::vector<size_t> candidateImage;
    for (size_t i = 0; i < request.images.size(); ++i) {
        const CatalogImage& image = request.images[i];
        if (inDataset.count({image.source, image.name}) > 0) {
            continue; // already held: it adds nothing, so it duplicates nothing new
        }
        if (const auto row = rowOf(image.source, image.name)) {
            candidates.push_back(*row);
            candidateImage.push_back(i);
        }
    }
    CURATOR_TRY(const std::vector<char> flagged,
                nearDuplicatesOfDataset(all, candidates, reference,
                                        static_cast<float>(provenance.excludeNearDuplicates),
                                        options.threads));
    std::vector<char> drop(request.images.size(), 0);
    size_t dropped = 0;
    for (size_t c = 0; c < candidates.size(); ++c) {
        if (flagged[c]) {
            drop[candidateImage[c]] = 1;
            ++dropped;
        }
    }
    std::vector<CatalogImage> kept;
    kept.reserve(request.images.size() - dropped);
    for (size_t i = 0; i < request.images.size(); ++i) {
        if (!drop[i]) {
            kept.push_back(std::move(request.images[i]));
        }
    }
    request.images = std::move(kept);
    return dropped;
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
    size_t nearDuplicates = 0;
    if (provenance.excludeNearDuplicates != 0) {
        CURATOR_TRY(nearDuplicates, excludeNearDuplicates(log, segments, provenance, options, request));
        if (request.images.empty()) {
            return makeError("every image at or above the threshold was left out (" +
                             std::to_string(nearDuplicates) +
                             " as near-duplicates of the dataset); nothing was committed");
        }
    }
    // The record has no field for these: the message carries them, so the log says why images are missing.
    std::vector<std::string> notes;
    if (excludedCount > 0) {
        notes.push_back(std::to_string(excludedCount) + " rejected image" + (excludedCount == 1 ? "" : "s") +
                        " left out");
    }
    if (provenance.excludeNearDuplicates != 0) {
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%.3f", provenance.excludeNearDuplicates);
        notes.push_back(std::to_string(nearDuplicates) + " near-duplicate" +
                        (nearDuplicates == 1 ? "" : "s") +
                        " of the dataset left out (cosine >= " + threshold + ")");
    }
    if (!notes.empty()) {
        std::string note;
        for (const std::string& part : notes) {
            note += (note.empty() ? "" : "; ") + part;
        }
        request.message = request.message.empty() ? note : request.message + " (" + note + ")";
    }
    auto outcome = log.commit(request);
    if (!outcome) {
        return outcome.takeError();
    }
    return QueryCommitOutcome{std::move(*outcome), selection->masked, excludedCount, nearDuplicates,
                              request.embeddingModel};
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
    return QueryCommitOutcome{std::move(*outcome), 0, 0, 0, request.embeddingModel};
}

} // namespace curator
