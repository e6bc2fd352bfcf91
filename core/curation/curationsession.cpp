#include "curation/curationsession.h"

#include "models/workspacebackends.h"
#include "store/tensorfile.h"

#include <algorithm>

namespace curator {

namespace {

// A query (one vector) or negatives (one or more) from a tensor file.
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

Status checkDimension(const std::string& path, const char* what, const std::vector<float>& vector,
                      const EmbeddingMatrix& store) {
    if (vector.size() == store.dimension()) {
        return {};
    }
    return makeError(path + ": " + what + " vector has dimension " + std::to_string(vector.size()) +
                     " but the store's model '" + store.model() + "' has dimension " +
                     std::to_string(store.dimension()));
}

} // namespace

CurationSession::CurationSession(std::string workspaceDirectory, ScanPlace place,
                                 EmbedderFactory makeEmbedder)
    : m_workspace(std::move(workspaceDirectory))
    , m_makeEmbedder(std::move(makeEmbedder))
    , m_scanner(place) {
    if (!m_makeEmbedder) {
        m_makeEmbedder = [workspace = m_workspace] { return createWorkspaceEmbedder(workspace); };
    }
}

CurationSession::CurationSession(std::string workspaceDirectory, Embedder& embedder, ScanPlace place)
    : m_workspace(std::move(workspaceDirectory))
    , m_embedder(&embedder)
    , m_scanner(place) {}

CurationSession::~CurationSession() = default;

Result<EmbeddingStore*> CurationSession::store() {
    if (!m_store) {
        auto opened = EmbeddingStore::open(m_workspace);
        if (!opened) {
            return opened.takeError();
        }
        m_store = std::move(*opened);
    }
    return &*m_store;
}

Result<Embedder*> CurationSession::embedder() {
    if (m_embedder == nullptr) {
        auto created = m_makeEmbedder();
        if (!created) {
            return created.takeError();
        }
        m_ownedEmbedder = std::move(*created);
        m_embedder = m_ownedEmbedder.get();
    }
    return m_embedder;
}

Result<TextEmbedding> CurationSession::embedText(const std::string& text) {
    if (auto found = m_textCache.find(text); found != m_textCache.end()) {
        return found->second;
    }
    auto model = embedder();
    if (!model) {
        return model.takeError();
    }
    auto embedded = (*model)->embedText(text);
    if (!embedded) {
        return embedded.takeError();
    }
    return m_textCache.emplace(text, std::move(*embedded)).first->second;
}

Result<std::vector<float>> CurationSession::embedForQuery(const std::string& text, const std::string& model,
                                                          std::vector<std::string>& warnings) {
    auto embedderUsed = embedder();
    if (!embedderUsed) {
        return embedderUsed.takeError();
    }
    // THE model check: a text is comparable with a matrix only through the model that embedded it.
    if ((*embedderUsed)->modelName() != model) {
        return makeError("the store's embeddings are of model '" + model + "' but the embedder is '" +
                         (*embedderUsed)->modelName() +
                         "': text queries must use the store's model (set the workspace's embedder, or "
                         "--embedder)");
    }
    auto embedded = embedText(text);
    if (!embedded) {
        return embedded.takeError();
    }
    warnings.insert(warnings.end(), embedded->warnings.begin(), embedded->warnings.end());
    return std::move(embedded->vector);
}

Result<std::vector<const EmbeddingMatrix*>> CurationSession::selectSegments(const QueryRequest& request) {
    auto opened = store();
    if (!opened) {
        return opened.takeError();
    }
    std::vector<std::string> sources = request.sources;
    if (std::find(sources.begin(), sources.end(), "all") != sources.end()) {
        sources.clear();
    }
    std::string model = request.model;
    const bool byText = request.vectorFile.empty();
    if (model.empty() && byText && (*opened)->models().size() > 1) {
        // Several models: a text query can only mean the embedder's.
        auto embedderUsed = embedder();
        if (!embedderUsed) {
            return embedderUsed.takeError();
        }
        model = (*embedderUsed)->modelName();
    }
    return (*opened)->select(model, sources);
}

Result<PreparedQuery> CurationSession::prepare(const QueryRequest& request) {
    if (request.text.empty() == request.vectorFile.empty()) {
        return makeError("a query needs exactly one of a text or a vector file");
    }
    auto segments = selectSegments(request);
    if (!segments) {
        return segments.takeError();
    }
    PreparedQuery prepared;
    prepared.segments = std::move(*segments);
    const EmbeddingMatrix& first = *prepared.segments.front();
    for (const auto* matrix : prepared.segments) {
        prepared.sources.push_back(matrix->source());
    }

    std::vector<float> queryVector;
    if (!request.text.empty()) {
        auto embedded = embedForQuery(request.text, first.model(), prepared.warnings);
        if (!embedded) {
            return makeError("query '" + request.text + "': " + embedded.error());
        }
        queryVector = std::move(*embedded);
        prepared.query = request.text;
    } else {
        auto read = readVectors(request.vectorFile, true);
        if (!read) {
            return read.takeError();
        }
        queryVector = std::move(read->front());
        if (auto valid = checkDimension(request.vectorFile, "query", queryVector, first); !valid) {
            return valid.takeError();
        }
        prepared.query = request.vectorFile;
    }

    std::vector<std::vector<float>> negatives;
    for (const auto& path : request.negativeVectorFiles) {
        auto read = readVectors(path, false);
        if (!read) {
            return read.takeError();
        }
        for (auto& vector : *read) {
            if (auto valid = checkDimension(path, "negative", vector, first); !valid) {
                return valid.takeError();
            }
            negatives.push_back(std::move(vector));
            prepared.negatives.push_back(path);
        }
    }
    for (const auto& text : request.negativeTexts) {
        auto embedded = embedForQuery(text, first.model(), prepared.warnings);
        if (!embedded) {
            return makeError("negative prompt '" + text + "': " + embedded.error());
        }
        negatives.push_back(std::move(*embedded));
        prepared.negatives.push_back(text);
    }
    prepared.negativeThreshold = request.negativeThreshold;
    auto querySet = makeQuerySet(queryVector, negatives, static_cast<float>(request.negativeThreshold));
    if (!querySet) {
        return querySet.takeError();
    }
    prepared.querySet = std::move(*querySet);
    return prepared;
}

Result<CombinedScan> CurationSession::scan(const PreparedQuery& query, const ScanWants& wants) {
    return m_scanner.scan(query.segments, query.querySet, wants);
}

Result<CountResult> CurationSession::count(const PreparedQuery& query, float threshold) {
    return m_scanner.count(query.segments, query.querySet, threshold);
}

Result<SampleResult> CurationSession::sample(const PreparedQuery& query, float minimum, float maximum,
                                             size_t count, uint64_t seed) {
    return m_scanner.sample(query.segments, query.querySet, minimum, maximum, count, seed);
}

QueryCommitProvenance CurationSession::provenance(const PreparedQuery& query,
                                                  const CommitDetails& details) const {
    QueryCommitProvenance result;
    result.query = query.query;
    result.negativePrompts = query.negatives;
    result.threshold = details.threshold;
    result.negativeThreshold = query.negativeThreshold;
    result.message = details.message;
    result.author = details.author;
    result.tags = details.tags;
    result.branch = details.branch;
    result.excludeNearDuplicates = details.excludeNearDuplicates;
    return result;
}

Result<QueryCommitOutcome> CurationSession::commit(CurationLog& log, const PreparedQuery& query,
                                                   const CommitDetails& details) {
    CURATOR_TRY(ScanOptions options, m_scanner.optionsFor(query.segments));
    QueryCommitProvenance said = provenance(query, details);
    if (details.excludeNearDuplicates != 0 && !query.segments.empty()) {
        // The dataset's images are looked up in every source of the query's model, not only those scanned.
        CURATOR_TRY(EmbeddingStore * opened, store());
        CURATOR_TRY(said.nearDuplicateSegments, opened->select(query.segments.front()->model(), {}));
    }
    return commitQuery(log, query.segments, query.querySet, said, options, details.excluded);
}

Result<QueryCommitOutcome> CurationSession::commitChosen(CurationLog& log, const PreparedQuery& query,
                                                         const CommitDetails& details,
                                                         const std::vector<ChosenImage>& chosen) {
    return curator::commitChosen(log, query.segments, query.querySet, provenance(query, details), chosen);
}

Result<RowDescriber*> CurationSession::describer() {
    if (!m_describer) {
        auto opened = store();
        if (!opened) {
            return opened.takeError();
        }
        m_describer = std::make_unique<RowDescriber>(**opened);
    }
    return m_describer.get();
}

std::vector<DescribedRow> CurationSession::describe(const PreparedQuery& query,
                                                    const std::vector<SearchHit>& hits) {
    auto rows = describer();
    if (!rows) {
        return {};
    }
    return (*rows)->describe(query.segments, hits);
}

Result<DescribedRow> CurationSession::find(const std::string& source, const std::string& id) {
    auto rows = describer();
    if (!rows) {
        return rows.takeError();
    }
    return (*rows)->find(source, id);
}

void CurationSession::reopen() {
    m_scanner.reset();
    m_describer.reset();
    m_store.reset();
}

} // namespace curator
