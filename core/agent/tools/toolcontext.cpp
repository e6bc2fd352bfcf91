#include "agent/tools/toolcontext.h"

#include "dataset/curationlog.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <algorithm>

namespace curator {

using nlohmann::json;

ToolContext::ToolContext(std::string workspaceDirectory, Embedder& embedder, Scorer& scorer,
                         Captioner& captioner, std::string author, std::string branch)
    : m_workspace(std::move(workspaceDirectory))
    , m_embedder(embedder)
    , m_scorer(scorer)
    , m_captioner(captioner)
    , m_author(std::move(author))
    , m_branch(std::move(branch)) {}

ToolContext::~ToolContext() = default;

void ToolContext::setLastResults(std::vector<ToolImage> images, std::string query) {
    m_lastResults = std::move(images);
    m_lastQuery = std::move(query);
}

Result<EmbeddingStore*> ToolContext::store() {
    if (!m_store) {
        auto opened = EmbeddingStore::open(m_workspace);
        if (!opened) {
            return opened.takeError();
        }
        m_store = std::make_unique<EmbeddingStore>(std::move(*opened));
    }
    return m_store.get();
}

Result<CurationLog*> ToolContext::curationLog() {
    if (!m_log) {
        auto opened = CurationLog::open(m_workspace);
        if (!opened) {
            return opened.takeError();
        }
        m_log = std::make_unique<CurationLog>(std::move(*opened));
    }
    return m_log.get();
}

std::vector<std::string> ToolContext::sources() {
    std::vector<std::string> names;
    auto opened = store();
    if (!opened) {
        return names;
    }
    for (const auto& matrix : (*opened)->matrices()) {
        if (matrix->model() == m_embedder.modelName()) {
            names.push_back(matrix->source());
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Result<std::vector<float>> ToolContext::embedCached(const std::string& text) {
    auto found = m_textCache.find(text);
    if (found == m_textCache.end()) {
        auto embedded = m_embedder.embedText(text);
        if (!embedded) {
            return embedded.takeError();
        }
        found = m_textCache.emplace(text, std::move(*embedded)).first;
    }
    return found->second.vector;
}

Result<PreparedQuery> ToolContext::prepare(const json& arguments, bool needQuery) {
    PreparedQuery prepared;
    auto opened = store();
    if (!opened) {
        return opened.takeError();
    }
    if (arguments.contains("source")) {
        for (const auto& item : arguments["source"]) {
            if (item.get<std::string>() == "all") {
                prepared.sources.clear();
                break;
            }
            prepared.sources.push_back(item.get<std::string>());
        }
    }
    auto segments = (*opened)->select(m_embedder.modelName(), prepared.sources);
    if (!segments) {
        return segments.takeError();
    }
    prepared.segments = std::move(*segments);
    prepared.sources.clear();
    for (const auto* matrix : prepared.segments) {
        prepared.sources.push_back(matrix->source());
    }
    if (!needQuery) {
        return prepared;
    }
    prepared.query = arguments.at("query").get<std::string>();
    auto queryVector = embedCached(prepared.query);
    if (!queryVector) {
        return makeError("query '" + prepared.query + "': " + queryVector.error());
    }
    for (const auto& warning : m_textCache[prepared.query].warnings) {
        prepared.warnings.push_back(warning);
    }
    std::vector<std::vector<float>> negatives;
    if (arguments.contains("negative_prompts")) {
        for (const auto& item : arguments["negative_prompts"]) {
            const std::string text = item.get<std::string>();
            auto vector = embedCached(text);
            if (!vector) {
                return makeError("negative prompt '" + text + "': " + vector.error());
            }
            negatives.push_back(std::move(*vector));
            prepared.negatives.push_back(text);
        }
    }
    prepared.negativeThreshold = arguments.value("negative_threshold", kDefaultNegativeThreshold);
    auto querySet = makeQuerySet(*queryVector, negatives, static_cast<float>(prepared.negativeThreshold));
    if (!querySet) {
        return querySet.takeError();
    }
    prepared.querySet = std::move(*querySet);
    return prepared;
}

const std::vector<ToolImage>* ToolContext::identities(const std::string& source) {
    auto found = m_identities.find(source);
    if (found != m_identities.end()) {
        return &found->second;
    }
    auto opened = store();
    if (!opened) {
        return nullptr;
    }
    const EmbeddingMatrix* matrix = (*opened)->find(source, m_embedder.modelName());
    if (!matrix) {
        return nullptr;
    }
    auto rows = readRowIdentities(*matrix);
    if (!rows) {
        return nullptr;
    }
    std::vector<ToolImage> images;
    auto& index = m_identityIndex[source];
    images.reserve(rows->size());
    for (auto& row : *rows) {
        index[row.id] = images.size();
        images.push_back({source, row.id, row.path, row.caption, 0.0});
    }
    return &(m_identities[source] = std::move(images));
}

ToolImage ToolContext::describe(const std::string& source, const std::string& id, double similarity) {
    ToolImage image{source, id, {}, {}, similarity};
    if (const auto* rows = identities(source)) {
        const auto& index = m_identityIndex[source];
        if (auto found = index.find(id); found != index.end()) {
            image.path = (*rows)[found->second].path;
            image.caption = (*rows)[found->second].caption;
        }
    }
    return image;
}

} // namespace curator
