#include "dataset/catalogsync.h"

#include "dataset/curationlog.h"
#include "store/embeddingmatrix.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <unordered_set>

namespace curator {

namespace {

CatalogImage catalogImage(const std::string& source, RowIdentity&& row) {
    return {source, std::move(row.id), std::move(row.path), std::move(row.caption)};
}

} // namespace

Status registerMatrixInCatalog(CurationLog& log, const EmbeddingMatrix& matrix) {
    // Only the committed rows: rows.jsonl may hold the tail of an append that never committed.
    CURATOR_TRY(auto rows, readRowIdentities(matrix));
    std::vector<CatalogImage> images;
    images.reserve(rows.size());
    for (auto& row : rows) {
        images.push_back(catalogImage(matrix.source(), std::move(row)));
    }
    return log.upsertImages(images);
}

Result<size_t> repairCatalogFromMatrix(CurationLog& log, const EmbeddingMatrix& matrix) {
    SqliteDatabase& database = log.database();
    CURATOR_TRY(
        const int64_t catalogued,
        database.queryInt("SELECT count(*) FROM images i JOIN sources s ON s.source_key = i.source_key "
                          "WHERE s.name = ?1 AND i.in_catalog = 1",
                          {matrix.source()}));
    if (catalogued >= 0 && size_t(catalogued) >= matrix.rows()) {
        return size_t(0);
    }
    CURATOR_TRY(SqliteStatement query,
                database.prepare("SELECT i.name FROM images i JOIN sources s ON s.source_key = i.source_key "
                                 "WHERE s.name = ?1 AND i.in_catalog = 1",
                                 {matrix.source()}));
    std::unordered_set<std::string> known;
    CURATOR_TRY_STATUS(
        query.forEachRow([&known](const SqliteStatement& row) { known.insert(row.columnText(0)); }));
    CURATOR_TRY(auto rows, readRowIdentities(matrix));
    std::vector<CatalogImage> missing;
    for (auto& row : rows) {
        if (known.count(row.id) == 0) {
            missing.push_back(catalogImage(matrix.source(), std::move(row)));
        }
    }
    if (!missing.empty()) {
        CURATOR_TRY_STATUS(log.upsertImages(missing));
    }
    return missing.size();
}

Result<size_t> repairCatalogFromStore(CurationLog& log, const EmbeddingStore& store) {
    size_t repaired = 0;
    for (const auto& matrix : store.matrices()) {
        CURATOR_TRY(const size_t added, repairCatalogFromMatrix(log, *matrix));
        repaired += added;
    }
    return repaired;
}

} // namespace curator
