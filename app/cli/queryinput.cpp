#include "queryinput.h"

#include "store/tensorfile.h"
#include "store/workspacesettings.h"

#include <iostream>

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

namespace {

// The spec given for this command, else the workspace's setting, parsed; `pick` chooses the field.
template <typename Pick>
Result<BackendSpec> chosenSpec(const GlobalOptions& global, const std::string& given, Pick pick) {
    std::string text = given;
    if (text.empty()) {
        auto settings = WorkspaceSettings::load(global.workspace);
        if (!settings) {
            return settings.takeError();
        }
        text = pick(*settings);
    }
    return BackendSpec::parse(text);
}

BackendOptions backendOptions(const GlobalOptions& global) {
    BackendOptions options;
    options.apiKeyEnvironmentVariable = global.apiKeyEnv;
    return options;
}

} // namespace

Result<std::unique_ptr<Embedder>> workspaceEmbedder(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.embedder, [](const WorkspaceSettings& s) { return s.embedder; });
    if (!spec) {
        return spec.takeError();
    }
    return createEmbedder(*spec, backendOptions(global));
}

Result<std::unique_ptr<Scorer>> workspaceScorer(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.scorer, [](const WorkspaceSettings& s) { return s.scorer; });
    if (!spec) {
        return spec.takeError();
    }
    return createScorer(*spec, backendOptions(global));
}

Result<std::unique_ptr<Captioner>> workspaceCaptioner(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.captioner, [](const WorkspaceSettings& s) { return s.captioner; });
    if (!spec) {
        return spec.takeError();
    }
    return createCaptioner(*spec, backendOptions(global));
}

namespace {

// Texts become vectors through the embedder of the stored model; a different model is an error naming both.
Result<std::vector<float>> embedQueryText(Embedder& embedder, const std::string& text,
                                          const EmbeddingMatrix& store) {
    if (embedder.modelName() != store.model()) {
        return makeError("the store's embeddings are of model '" + store.model() + "' but the embedder is '" +
                         embedder.modelName() + "': text queries must use the store's model (--embedder)");
    }
    auto embedded = embedder.embedText(text);
    if (!embedded) {
        return embedded.takeError();
    }
    for (const auto& warning : embedded->warnings) {
        std::cerr << "warning: " << warning << '\n';
    }
    return std::move(embedded->vector);
}

} // namespace

Result<PreparedQuery> prepareQuery(const GlobalOptions& global, const QueryOptions& options) {
    PreparedQuery prepared;
    auto store = EmbeddingStore::open(global.workspace);
    if (!store) {
        return store.takeError();
    }
    prepared.store = std::move(*store);
    std::unique_ptr<Embedder> embedder;
    std::string model = options.model;
    if (!options.queryText.empty() || !options.negativeTexts.empty()) {
        auto created = workspaceEmbedder(global);
        if (!created) {
            return created.takeError();
        }
        embedder = std::move(*created);
        if (model.empty() && prepared.store.models().size() > 1) {
            model = embedder->modelName();
        }
    }
    auto segments = prepared.store.select(model, options.sources);
    if (!segments) {
        return segments.takeError();
    }
    prepared.segments = std::move(*segments);
    const EmbeddingMatrix& first = *prepared.segments.front();

    std::vector<float> queryVector;
    if (!options.queryText.empty()) {
        auto embedded = embedQueryText(*embedder, options.queryText, first);
        if (!embedded) {
            return embedded.takeError();
        }
        queryVector = std::move(*embedded);
        prepared.queryDescription = options.queryText;
    } else {
        auto query = readVectors(options.queryVector, true);
        if (!query) {
            return query.takeError();
        }
        queryVector = std::move(query->front());
        prepared.queryDescription = options.queryVector;
        // Name the query file and the store's model when the dimensions disagree.
        if (queryVector.size() != first.dimension()) {
            return makeError(options.queryVector + ": query vector has dimension " +
                             std::to_string(queryVector.size()) + " but the store's model '" + first.model() +
                             "' has dimension " + std::to_string(first.dimension()));
        }
    }
    std::vector<std::vector<float>> negatives;
    for (const auto& path : options.negativeVectors) {
        auto read = readVectors(path, false);
        if (!read) {
            return read.takeError();
        }
        for (auto& vector : *read) {
            if (vector.size() != first.dimension()) {
                return makeError(path + ": negative vector has dimension " + std::to_string(vector.size()) +
                                 " but the store's model '" + first.model() + "' has dimension " +
                                 std::to_string(first.dimension()));
            }
            negatives.push_back(std::move(vector));
            prepared.negativeDescriptions.push_back(path);
        }
    }
    for (const auto& text : options.negativeTexts) {
        auto embedded = embedQueryText(*embedder, text, first);
        if (!embedded) {
            return makeError("negative prompt '" + text + "': " + embedded.error());
        }
        negatives.push_back(std::move(*embedded));
        prepared.negativeDescriptions.push_back(text);
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
