#include "store/embeddingstore.h"

#include "common/fileutil.h"
#include "common/half.h"
#include "common/nametext.h"
#include "common/stagingdirectory.h"
#include "common/utf8text.h"
#include "store/idsfile.h"
#include "store/tensorfile.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string_view>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;

Result<EmbeddingStore> EmbeddingStore::open(const std::string& workspaceDirectory) {
    EmbeddingStore store;
    const fs::path root = workspace::embeddingsDirectory(workspaceDirectory);
    std::error_code error;
    if (!fs::is_directory(root, error)) {
        return store;
    }
    std::vector<fs::path> directories;
    for (const auto& entry : fs::directory_iterator(root, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory() && !name.empty() && name[0] != '.') {
            directories.push_back(entry.path());
        }
    }
    std::sort(directories.begin(), directories.end());
    for (const auto& directory : directories) {
        auto matrix = EmbeddingMatrix::open(directory.string());
        if (!matrix) {
            return makeError("workspace '" + workspaceDirectory + "': " + matrix.error());
        }
        store.m_matrices.push_back(std::move(*matrix));
    }
    return store;
}

std::vector<std::string> EmbeddingStore::models() const {
    std::set<std::string> models;
    for (const auto& matrix : m_matrices) {
        models.insert(matrix->model());
    }
    return {models.begin(), models.end()};
}

const EmbeddingMatrix* EmbeddingStore::find(const std::string& source, const std::string& model) const {
    for (const auto& matrix : m_matrices) {
        if (matrix->source() == source && matrix->model() == model) {
            return matrix.get();
        }
    }
    return nullptr;
}

static std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

Result<std::vector<const EmbeddingMatrix*>>
EmbeddingStore::select(const std::string& model, const std::vector<std::string>& sources) const {
    if (m_matrices.empty()) {
        return makeError("the workspace holds no embeddings: import some with 'store import'");
    }
    const std::vector<std::string> allModels = models();
    std::string chosenModel = model;
    if (chosenModel.empty()) {
        if (allModels.size() > 1) {
            return makeError("the workspace holds embeddings of several models (" + joined(allModels) +
                             "): name one with --model");
        }
        chosenModel = allModels.front();
    } else if (std::find(allModels.begin(), allModels.end(), chosenModel) == allModels.end()) {
        return makeError("no embeddings of model '" + chosenModel +
                         "' in the workspace (it holds: " + joined(allModels) + ")");
    }
    std::vector<const EmbeddingMatrix*> selected;
    for (const auto& source : sources) {
        const EmbeddingMatrix* matrix = find(source, chosenModel);
        if (matrix == nullptr) {
            std::vector<std::string> known;
            for (const auto& m : m_matrices) {
                if (m->model() == chosenModel) {
                    known.push_back(m->source());
                }
            }
            return makeError("no source '" + source + "' for model '" + chosenModel +
                             "' (sources: " + joined(known) + ")");
        }
        if (std::find(selected.begin(), selected.end(), matrix) == selected.end()) {
            selected.push_back(matrix);
        }
    }
    if (sources.empty()) {
        for (const auto& matrix : m_matrices) {
            if (matrix->model() == chosenModel) {
                selected.push_back(matrix.get());
            }
        }
    }
    return selected;
}

std::string rowDetailsLine(const RowIdentity& identity) {
    nlohmann::json line = {{"id", identity.id}, {"path", identity.path}, {"caption", identity.caption}};
    if (identity.fileSize >= 0) {
        line["file_size"] = identity.fileSize;
        line["file_mtime"] = identity.fileModified;
    }
    return dumpJsonSafely(line) + '\n'; // a path from outside may hold any bytes
}

bool isValidSourceName(const std::string& name) {
    if (name.empty() || name.size() > 64 || name[0] == '.' || name[0] == '-') {
        return false;
    }
    return std::all_of(name.begin(), name.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.'; });
}

size_t removeStaleStoreStaging(const std::string& workspaceDirectory) {
    return removeStaleStaging(workspace::embeddingsDirectory(workspaceDirectory),
                              {kImportPrefix, kAppendPrefix, kRetiredPrefix});
}

static std::string directoryNameFor(const std::string& source, const std::string& model) {
    std::string slug;
    for (unsigned char c : model) {
        slug += (std::isalnum(c) || c == '.' || c == '-' || c == '_') ? static_cast<char>(c) : '_';
    }
    return source + "@" + slug;
}

static std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

namespace {

// Removes, on destruction, what an unfinished import created, unless committed.
class ImportRollback {
public:
    void created(const fs::path& path) { m_created.push_back(path); }
    void commit() { m_committed = true; }
    ~ImportRollback() {
        if (m_committed) {
            return;
        }
        std::error_code error;
        for (auto it = m_created.rbegin(); it != m_created.rend(); ++it) {
            fs::remove_all(*it, error);
        }
    }

private:
    std::vector<fs::path> m_created;
    bool m_committed = false;
};

Status createDirectoryTracked(const fs::path& path, ImportRollback& rollback) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
        return {};
    }
    if (!fs::create_directory(path, error) || error) {
        return makeError(path.string() + ": cannot create directory: " + error.message());
    }
    rollback.created(path);
    return {};
}

// The tensor's rows, checked finite and non-zero, L2-normalised and converted to `storage`, into matrixPath.
Status writeNormalizedMatrix(const TensorFile& tensor, const std::string& embeddingsPath, StorageType storage,
                             const fs::path& matrixPath) {
    const size_t rows = tensor.rows();
    const size_t dimension = tensor.columns();
    std::FILE* out = std::fopen(matrixPath.c_str(), "wb");
    if (out == nullptr) {
        return makeError(matrixPath.string() + ": cannot create");
    }
    std::vector<float> row(dimension);
    std::vector<uint16_t> halves(dimension);
    bool written = true;
    // Read once, front to back, in a window: the rows behind it leave memory (a 270,000 x 4096 float32
    // matrix is 4.4 GB; docs/benchmarks.md has the peak resident set of importing it).
    tensor.adviseSequential();
    constexpr size_t kWindowBytes = size_t(64) << 20;
    const size_t windowRows =
        std::max<size_t>(1, kWindowBytes / std::max<size_t>(1, dimension * sizeof(float)));
    for (size_t r = 0; r < rows && written; ++r) {
        if (r % windowRows == 0) {
            tensor.releaseRowsBefore(r);
        }
        tensor.readRow(r, row.data());
        double squaredNorm = 0.0;
        for (size_t c = 0; c < dimension; ++c) {
            if (!std::isfinite(row[c])) {
                std::fclose(out);
                return makeError(embeddingsPath + ": row " + std::to_string(r) + " column " +
                                 std::to_string(c) + " is " + (std::isnan(row[c]) ? "NaN" : "infinite") +
                                 ": every value must be finite");
            }
            squaredNorm += static_cast<double>(row[c]) * row[c];
        }
        if (squaredNorm == 0.0) {
            std::fclose(out);
            return makeError(embeddingsPath + ": row " + std::to_string(r) +
                             " is all zeros: it has no direction to compare");
        }
        const double inverseNorm = 1.0 / std::sqrt(squaredNorm);
        if (storage == StorageType::Float32) {
            for (size_t c = 0; c < dimension; ++c) {
                row[c] = static_cast<float>(row[c] * inverseNorm);
            }
            written = std::fwrite(row.data(), sizeof(float), dimension, out) == dimension;
        } else {
            for (size_t c = 0; c < dimension; ++c) {
                halves[c] = floatToHalf(static_cast<float>(row[c] * inverseNorm));
            }
            written = std::fwrite(halves.data(), sizeof(uint16_t), dimension, out) == dimension;
        }
    }
    if (std::fflush(out) != 0 || ::fsync(fileno(out)) != 0) {
        written = false;
    }
    if (std::fclose(out) != 0 || !written) {
        return makeError(matrixPath.string() + ": write failed (disk full?)");
    }
    return {};
}

// ids.txt with its offsets (ids.idx), and rows.jsonl when the ids file had paths or captions.
Status writeIdFiles(const std::vector<RowIdentity>& identities, const fs::path& staging) {
    const size_t rows = identities.size();
    std::string ids;
    std::vector<uint64_t> offsets;
    offsets.reserve(rows + 1);
    std::string details;
    bool anyDetails = false;
    for (const auto& identity : identities) {
        offsets.push_back(ids.size());
        ids += identity.id;
        ids += '\n';
        anyDetails = anyDetails || !identity.path.empty() || !identity.caption.empty();
    }
    offsets.push_back(ids.size());
    if (anyDetails) {
        for (const auto& identity : identities) {
            details += rowDetailsLine(identity);
        }
    }
    for (const auto& [name, contents] :
         {std::pair<const char*, std::string_view>{matrixfiles::kIds, ids},
          {matrixfiles::kIdOffsets, std::string_view(reinterpret_cast<const char*>(offsets.data()),
                                                     offsets.size() * sizeof(uint64_t))},
          {matrixfiles::kRowDetails, details}}) {
        if (std::string_view(name) == matrixfiles::kRowDetails && !anyDetails) {
            continue;
        }
        if (auto status = writeFileAtomically((staging / name).string(), contents); !status) {
            return status.takeError();
        }
    }
    return {};
}

// Moves a written staging directory into place, under the source's lock: another writer of the source (an
// ingest, an import) may have changed it while the staging directory was written, so the store is looked
// at again first. A replaced matrix is moved aside first and deleted only after the rename. Model names
// that differ only in characters the slug replaces ("clip/vit", "clip_vit") must not share a directory: a
// new matrix takes the first free name.
Result<fs::path> swapIntoPlace(const std::string& workspaceDirectory, const ImportRequest& request,
                               const fs::path& staging, bool& replaced) {
    CURATOR_TRY(const SourceWriteLock lock,
                SourceWriteLock::acquire(workspaceDirectory, request.source, request.waiting));
    CURATOR_TRY(const EmbeddingStore existing, EmbeddingStore::open(workspaceDirectory));
    const EmbeddingMatrix* previous = existing.find(request.source, request.model);
    if (previous != nullptr && !request.replace) {
        return makeError("source '" + request.source + "' of model '" + request.model +
                         "' was created by another writer meanwhile: pass --replace to replace it");
    }
    const fs::path embeddings = workspace::embeddingsDirectory(workspaceDirectory);
    std::error_code error;
    fs::path target = previous ? fs::path(previous->directory())
                               : embeddings / directoryNameFor(request.source, request.model);
    for (int suffix = 2; !previous && fs::exists(target, error); ++suffix) {
        target =
            embeddings / (directoryNameFor(request.source, request.model) + "-" + std::to_string(suffix));
    }
    // The old matrix moved aside under a reserved name: deleted when `retired` goes, after the rename (and
    // by the next writer if this process is killed first).
    std::optional<StagingDirectory> retired;
    if (previous) {
        CURATOR_TRY(StagingDirectory reserved, StagingDirectory::create(embeddings, kRetiredPrefix, false));
        retired = std::move(reserved);
        fs::rename(target, retired->path(), error);
        if (error) {
            return makeError(target.string() + ": cannot move the old matrix aside: " + error.message());
        }
        replaced = true;
    }
    fs::rename(staging, target, error);
    if (error) {
        if (retired) {
            std::error_code ignored;
            fs::rename(retired->path(), target, ignored);
        }
        return makeError(target.string() + ": cannot rename the import into place: " + error.message());
    }
    syncDirectory(embeddings.string());
    return target;
}

} // namespace

Result<ImportSummary> importEmbeddings(const std::string& workspaceDirectory, const ImportRequest& request) {
    if (!isValidSourceName(request.source)) {
        return makeError(
            "source name '" + request.source +
            "' is invalid: use letters, digits, '_', '-' or '.' (e.g. photos, artwork, dreamcore)");
    }
    if (request.model.empty()) {
        return makeError("the embedding model name is empty");
    }
    if (!isCleanText(request.model)) {
        return makeError("the embedding model name '" + escapedText(request.model) + "' " +
                         uncleanReason(request.model));
    }
    auto tensor = TensorFile::open(request.embeddingsPath, request.tensorName);
    if (!tensor) {
        return tensor.takeError();
    }
    if (tensor->rank() != 2) {
        return makeError(request.embeddingsPath + ": tensor has shape " + tensor->shapeText() +
                         ": expected a 2-D matrix (rows, dimension)");
    }
    const size_t rows = tensor->rows();
    const size_t dimension = tensor->columns();

    std::vector<RowIdentity> identities;
    if (!request.idsPath.empty()) {
        auto read = readIdsFile(request.idsPath);
        if (!read) {
            return read.takeError();
        }
        identities = std::move(*read); // clean text only: readIdsFile refuses the others, naming the line
        if (identities.size() != rows) {
            return makeError(request.idsPath + ": holds " + std::to_string(identities.size()) + " ids but " +
                             request.embeddingsPath + " has " + std::to_string(rows) + " rows");
        }
    } else {
        identities.resize(rows);
        for (size_t row = 0; row < rows; ++row) {
            identities[row].id = std::to_string(row);
        }
    }

    EmbeddingStore existing;
    {
        auto opened = EmbeddingStore::open(workspaceDirectory);
        if (!opened) {
            return opened.takeError();
        }
        existing = std::move(*opened);
    }
    const EmbeddingMatrix* previous = existing.find(request.source, request.model);
    if (previous != nullptr && !request.replace) {
        return makeError("source '" + request.source + "' of model '" + request.model +
                         "' already exists in the workspace: pass --replace to replace it");
    }
    for (const auto& matrix : existing.matrices()) {
        if (matrix->model() == request.model && matrix->dimension() != dimension) {
            return makeError(request.embeddingsPath + ": dimension " + std::to_string(dimension) +
                             " differs from " + std::to_string(matrix->dimension()) + " of source '" +
                             matrix->source() + "' of the same model '" + request.model + "'");
        }
    }

    ImportRollback rollback;
    const fs::path root(workspaceDirectory);
    const fs::path embeddings = workspace::embeddingsDirectory(workspaceDirectory);
    for (const auto& directory : {root, embeddings}) {
        if (auto status = createDirectoryTracked(directory, rollback); !status) {
            return status.takeError();
        }
    }
    removeStaleStoreStaging(workspaceDirectory);
    // Removed with its lock file when this function returns: renamed into place by then, or abandoned.
    CURATOR_TRY(const StagingDirectory stagingDirectory, StagingDirectory::create(embeddings, kImportPrefix));
    const fs::path& staging = stagingDirectory.path();

    if (auto status = writeNormalizedMatrix(*tensor, request.embeddingsPath, request.storage,
                                            staging / matrixfiles::matrixFileName(request.storage));
        !status) {
        return status.takeError();
    }
    if (auto status = writeIdFiles(identities, staging); !status) {
        return status.takeError();
    }

    ImportSummary summary;
    summary.info.source = request.source;
    summary.info.model = request.model;
    summary.info.rows = rows;
    summary.info.dimension = dimension;
    summary.info.storage = request.storage;
    summary.info.createdAt = utcNow();
    summary.info.importedFrom = fs::absolute(request.embeddingsPath).string();
    const nlohmann::json meta = {{"format_version", 1},
                                 {"source", summary.info.source},
                                 {"model", summary.info.model},
                                 {"rows", rows},
                                 {"dimension", dimension},
                                 {"storage", storageTypeName(request.storage)},
                                 {"normalized", "l2"},
                                 {"created_at", summary.info.createdAt},
                                 {"imported_from", summary.info.importedFrom},
                                 {"source_dtype", elementTypeName(tensor->elementType())}};
    if (auto status =
            writeFileAtomically((staging / matrixfiles::kMeta).string(), dumpJsonSafely(meta, 2) + "\n");
        !status) {
        return status.takeError();
    }

    CURATOR_TRY(const fs::path target, swapIntoPlace(workspaceDirectory, request, staging, summary.replaced));
    rollback.commit();
    summary.directory = target.string();
    return summary;
}

} // namespace curator
