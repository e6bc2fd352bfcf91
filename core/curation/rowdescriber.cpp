#include "curation/rowdescriber.h"

namespace curator {

RowDescriber::RowDescriber(const EmbeddingStore& store, std::string model)
    : m_store(store)
    , m_model(std::move(model)) {}

const std::vector<RowIdentity>* RowDescriber::identities(const EmbeddingMatrix& matrix) {
    auto found = m_identities.find(&matrix);
    if (found == m_identities.end()) {
        auto read = readRowIdentities(matrix);
        // An unreadable ids file leaves path and caption empty; the id itself comes from the matrix.
        found = m_identities.emplace(&matrix, read ? std::move(*read) : std::vector<RowIdentity>()).first;
    }
    return &found->second;
}

DescribedRow RowDescriber::describe(const EmbeddingMatrix& matrix, size_t row) {
    DescribedRow described;
    described.source = matrix.source();
    if (row < matrix.rows()) {
        described.id = std::string(matrix.id(row));
    }
    const auto* rows = identities(matrix);
    if (row < rows->size()) {
        described.path = (*rows)[row].path;
        described.caption = (*rows)[row].caption;
    }
    return described;
}

std::vector<DescribedRow> RowDescriber::describe(const std::vector<const EmbeddingMatrix*>& segments,
                                                 const std::vector<SearchHit>& hits) {
    std::vector<DescribedRow> rows;
    rows.reserve(hits.size());
    for (const auto& hit : hits) {
        DescribedRow row = describe(*segments.at(hit.ref.segment), hit.ref.row);
        row.similarity = hit.similarity;
        rows.push_back(std::move(row));
    }
    return rows;
}

const EmbeddingMatrix* RowDescriber::matrixOf(const std::string& source) const {
    if (!m_model.empty()) {
        return m_store.find(source, m_model);
    }
    for (const auto& matrix : m_store.matrices()) {
        if (matrix->source() == source) {
            return matrix.get();
        }
    }
    return nullptr;
}

Result<DescribedRow> RowDescriber::find(const std::string& source, const std::string& id) {
    const EmbeddingMatrix* matrix = matrixOf(source);
    if (matrix == nullptr) {
        return makeError("no source '" + source + "' in the workspace" +
                         (m_model.empty() ? std::string() : " for model '" + m_model + "'"));
    }
    const auto row = matrix->findRow(id);
    if (!row) {
        return makeError("no image '" + id + "' in source '" + source + "'");
    }
    return describe(*matrix, *row);
}

} // namespace curator
