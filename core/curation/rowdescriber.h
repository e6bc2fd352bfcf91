#pragma once

#include "common/result.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <map>
#include <string>
#include <vector>

namespace curator {

// An image as every front end shows it: where it comes from, its file and caption, and (for a hit) its
// similarity to the query.
struct DescribedRow {
    std::string source;
    std::string id;
    std::string path;    // empty when the matrix was imported without paths
    std::string caption; // empty when none is known
    double similarity = 0;
};

// Looks rows up in the ids files of a store's matrices (rows.jsonl where an import or ingest wrote one),
// reading each matrix's file once and keeping it. The store must outlive the describer.
class RowDescriber {
public:
    // `model`: the matrices searched by source name (empty: the first matrix of that source).
    explicit RowDescriber(const EmbeddingStore& store, std::string model = {});

    // A row of a matrix; path and caption stay empty when the ids file cannot be read.
    DescribedRow describe(const EmbeddingMatrix& matrix, size_t row);
    // Search hits, in order.
    std::vector<DescribedRow> describe(const std::vector<const EmbeddingMatrix*>& segments,
                                       const std::vector<SearchHit>& hits);
    // An image by (source, id); an unknown source or id is an error naming it.
    Result<DescribedRow> find(const std::string& source, const std::string& id);

private:
    const EmbeddingMatrix* matrixOf(const std::string& source) const;
    const std::vector<RowIdentity>* identities(const EmbeddingMatrix& matrix);

    const EmbeddingStore& m_store;
    std::string m_model;
    std::map<const EmbeddingMatrix*, std::vector<RowIdentity>> m_identities;
};

} // namespace curator
