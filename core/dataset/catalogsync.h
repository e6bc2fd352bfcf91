#pragma once

#include "common/result.h"

namespace curator {

class CurationLog;
class EmbeddingMatrix;

// Enters every row of a matrix into the workspace's image catalog (source, id, and the path and caption
// its ids file carried), so commits, status and exports can name the images. Images that an imported
// dataset.json named before they were ingested resolve here.
Status registerMatrixInCatalog(CurationLog& log, const EmbeddingMatrix& matrix);

} // namespace curator
