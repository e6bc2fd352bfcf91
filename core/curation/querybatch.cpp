#include "curation/querybatch.h"

namespace curator {

Result<QueryBatch> queryBatch(CurationSession& session, const PreparedQuery& query,
                              const BatchChoice& choice) {
    QueryBatch batch;
    if (choice.isBand()) {
        auto sampled = session.sample(query, choice.minimum.value_or(-1.0f), choice.maximum.value_or(1.0f),
                                      choice.size, choice.seed);
        if (!sampled) {
            return sampled.takeError();
        }
        batch.eligible = sampled->eligible;
        batch.images = session.describe(query, sampled->hits);
        return batch;
    }
    ScanWants wants;
    wants.topK = choice.size;
    auto found = session.scan(query, wants);
    if (!found) {
        return found.takeError();
    }
    batch.images = session.describe(query, found->top.hits);
    return batch;
}

std::vector<RateItem> rateItems(const std::vector<DescribedRow>& images) {
    std::vector<RateItem> items;
    items.reserve(images.size());
    for (const auto& image : images) {
        items.push_back({image.source, image.id, image.path, image.caption});
    }
    return items;
}

} // namespace curator
