#include "queryinput.h"

#include "store/tensorfile.h"

namespace curator::cli {

namespace {

// Reads a query (one vector) or negatives (one or more) from a tensor file.
Result<std::vector<std::vector<float>>> readVectors(const std::string& path, bool single) {
    auto tensor = TensorFile::open(path);
    if (!tensor) {
        return tensor.takeError();
    }
    if (single && tensor->rows() != 1) {
        return makeError(path + ": query vector has shape " + tensor->shapeText() +
                         ": expected (D) or (1, D)");
    }
    std::vector<std::vector<float>> vectors;
    for (size_t row = 0; row < tensor->rows(); ++row) {
        std::vector<float> vector(tensor->columns());
        tensor->readRow(row, vector.data());
        vectors.push_back(std::move(vector));
    }
    return vectors;
}

} // namespace

Result<PreparedQuery> prepareQuery(const GlobalOptions& global, const QueryOptions& options) {
    PreparedQuery prepared;
    auto store = EmbeddingStore::open(global.workspace);
    if (!store) {
        return store.takeError();
    }
    prepared.store = std::move(*store);
    auto segments = prepared.store.select(options.model, options.sources);
    if (!segments) {
        return segments.takeError();
    }
    prepared.segments = std::move(*segments);
    auto query = readVectors(options.queryVector, true);
    if (!query) {
        return query.takeError();
    }
    std::vector<std::vector<float>> negatives;
    for (const auto& path : options.negativeVectors) {
        auto read = readVectors(path, false);
        if (!read) {
            return read.takeError();
        }
        negatives.insert(negatives.end(), read->begin(), read->end());
    }
    // Name the query file and the store's model when the dimensions disagree.
    const EmbeddingMatrix& first = *prepared.segments.front();
    const std::vector<float>& queryVector = query->front();
    if (queryVector.size() != first.dimension()) {
        return makeError(options.queryVector + ": query vector has dimension " +
                         std::to_string(queryVector.size()) + " but the store's model '" + first.model() +
                         "' has dimension " + std::to_string(first.dimension()));
    }
    for (size_t i = 0; i < negatives.size(); ++i) {
        if (negatives[i].size() != first.dimension()) {
            return makeError("negative vector " + std::to_string(i + 1) + " has dimension " +
                             std::to_string(negatives[i].size()) + " but the store's model '" +
                             first.model() + "' has dimension " + std::to_string(first.dimension()));
        }
    }
    auto querySet = makeQuerySet(queryVector, negatives, static_cast<float>(options.negativeThreshold));
    if (!querySet) {
        return querySet.takeError();
    }
    prepared.querySet = std::move(*querySet);
    prepared.scan.threads = options.threads;
    return prepared;
}

} // namespace curator::cli
