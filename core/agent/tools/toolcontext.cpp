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
    , m_branch(std::move(branch))
    , m_session(m_workspace, embedder) {}

ToolContext::~ToolContext() = default;

void ToolContext::setLastResults(std::vector<ToolImage> images, std::string query) {
    m_lastResults = std::move(images);
    m_lastQuery = std::move(query);
}

Result<EmbeddingStore*> ToolContext::store() {
    return m_session.store();
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

Result<PreparedQuery> ToolContext::prepare(const json& arguments, bool needQuery) {
    QueryRequest request;
    request.model = m_embedder.modelName();
    if (arguments.contains("source")) {
        for (const auto& item : arguments["source"]) {
            request.sources.push_back(item.get<std::string>());
        }
    }
    if (!needQuery) {
        auto segments = m_session.selectSegments(request);
        if (!segments) {
            return segments.takeError();
        }
        PreparedQuery prepared;
        prepared.segments = std::move(*segments);
        for (const auto* matrix : prepared.segments) {
            prepared.sources.push_back(matrix->source());
        }
        return prepared;
    }
    request.text = arguments.at("query").get<std::string>();
    if (arguments.contains("negative_prompts")) {
        for (const auto& item : arguments["negative_prompts"]) {
            request.negativeTexts.push_back(item.get<std::string>());
        }
    }
    request.negativeThreshold = arguments.value("negative_threshold", kDefaultNegativeThreshold);
    return m_session.prepare(request);
}

std::vector<ToolImage> ToolContext::describe(const PreparedQuery& query, const std::vector<SearchHit>& hits) {
    std::vector<ToolImage> images;
    for (auto& row : m_session.describe(query, hits)) {
        images.push_back({std::move(row.source), std::move(row.id), std::move(row.path),
                          std::move(row.caption), row.similarity});
    }
    return images;
}

} // namespace curator
