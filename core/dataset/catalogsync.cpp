#include "dataset/catalogsync.h"

#include "dataset/curationlog.h"
#include "store/embeddingmatrix.h"
#include "store/idsfile.h"

#include <filesystem>

namespace curator {

Status registerMatrixInCatalog(CurationLog& log, const EmbeddingMatrix& matrix) {
    std::vector<CatalogImage> images;
    images.reserve(matrix.rows());
    const std::string details =
        (std::filesystem::path(matrix.directory()) / matrixfiles::kRowDetails).string();
    std::error_code error;
    if (std::filesystem::exists(details, error)) {
        CURATOR_TRY(auto rows, readIdsFile(details));
        for (auto& row : rows) {
            images.push_back(
                {matrix.source(), std::move(row.id), std::move(row.path), std::move(row.caption)});
        }
    } else {
        for (size_t row = 0; row < matrix.rows(); ++row) {
            images.push_back({matrix.source(), std::string(matrix.id(row)), {}, {}});
        }
    }
    return log.upsertImages(images);
}

} // namespace curator
