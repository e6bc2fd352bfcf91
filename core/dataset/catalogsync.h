#pragma once

#include "common/result.h"

#include <cstddef>

namespace curator {

class CurationLog;
class EmbeddingMatrix;
class EmbeddingStore;

// Enters every row of a matrix into the workspace's image catalog (source, id, and the path and caption
// its ids file carried), so commits, status and exports can name the images. Images that an imported
// dataset.json named before they were ingested resolve here.
Status registerMatrixInCatalog(CurationLog& log, const EmbeddingMatrix& matrix);

// The catalog follows the store. Ingest and `store import` commit the matrix first and the catalog after
// it; a process killed in between left rows the matrix has and the catalog lacks, which a resumed ingest
// skips as already there. This enters them (path and caption from rows.jsonl; the size stays unknown)
// and returns how many. A matrix whose source has at least as many catalog rows as it has rows is not
// read, so the check costs one query per matrix.
Result<size_t> repairCatalogFromMatrix(CurationLog& log, const EmbeddingMatrix& matrix);
Result<size_t> repairCatalogFromStore(CurationLog& log, const EmbeddingStore& store);

} // namespace curator
