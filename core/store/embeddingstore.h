#pragma once

#include "common/result.h"
#include "store/embeddingmatrix.h"
#include "store/sourcelock.h"

#include <memory>
#include <string>
#include <vector>

namespace curator {

// Every embedding matrix of a workspace, mapped. Opening reads only the small meta.json files.
class EmbeddingStore {
public:
    // An absent workspace or one with no embeddings opens as an empty store.
    static Result<EmbeddingStore> open(const std::string& workspaceDirectory);

    const std::vector<std::unique_ptr<EmbeddingMatrix>>& matrices() const { return m_matrices; }
    std::vector<std::string> models() const;
    const EmbeddingMatrix* find(const std::string& source, const std::string& model) const;

    // The matrices a query should scan: those of `model` (may be empty when the workspace holds a single
    // model), restricted to `sources` when not empty. Unknown sources, an unknown model, or an ambiguous
    // choice are errors that list what exists.
    Result<std::vector<const EmbeddingMatrix*>> select(const std::string& model,
                                                       const std::vector<std::string>& sources) const;

private:
    std::vector<std::unique_ptr<EmbeddingMatrix>> m_matrices;
};

struct ImportRequest {
    std::string source;
    std::string model = "unnamed";
    std::string embeddingsPath; // .npy or .safetensors
    std::string idsPath;        // .txt or .jsonl; empty: ids are row numbers
    std::string tensorName;     // safetensors only
    StorageType storage = StorageType::Float16;
    bool replace = false;                // replace an existing matrix of the same source and model
    SourceWriteLock::WaitNotice waiting; // told when another writer of the source holds its lock
};

struct ImportSummary {
    MatrixInfo info;
    std::string directory;
    bool replaced = false;
};

// Validates the input completely (rank, dtype, NaN/Inf and all-zero rows, id count), L2-normalises each
// row, and writes the matrix into the workspace through a temporary directory renamed into place. A
// refused import leaves the workspace exactly as it was (directories it created are removed again). The
// swap into place holds the source's SourceWriteLock, so it never interleaves with an append.
Result<ImportSummary> importEmbeddings(const std::string& workspaceDirectory, const ImportRequest& request);

bool isValidSourceName(const std::string& name);

struct RowIdentity;

// Appends rows (already L2-normalised, rows x dimension, row-major) with their identities to the matrix
// of (source, model), creating it when absent. meta.json's row count is the commit point, rewritten
// last: a crash mid-append leaves the matrix as it was (the uncommitted tail is cut off next time).
// Ids must be new to the matrix. Writers of one source take turns: the whole append (reading meta.json,
// writing the rows, renaming meta.json) holds the source's SourceWriteLock; a second writer waits,
// telling `waiting` once.
Result<MatrixInfo> appendEmbeddings(const std::string& workspaceDirectory, const std::string& source,
                                    const std::string& model, size_t dimension, StorageType storage,
                                    const std::vector<RowIdentity>& identities,
                                    const std::vector<float>& rows,
                                    const SourceWriteLock::WaitNotice& waiting = {});

// Every row identity of a matrix: from rows.jsonl where the import or ingest wrote one (with path,
// caption and file provenance), else the ids alone. Only the first matrix.rows() lines count.
Result<std::vector<RowIdentity>> readRowIdentities(const EmbeddingMatrix& matrix);

// The rows.jsonl line of one row.
std::string rowDetailsLine(const RowIdentity& identity);

// The staging directories of embeddings/ (common/stagingdirectory.h): an import's, a new matrix's, a
// replaced matrix moved aside.
constexpr const char* kImportPrefix = ".import-";
constexpr const char* kAppendPrefix = ".append-";
constexpr const char* kRetiredPrefix = ".retired-";
// Removes those that killed writers left (never a live one's); every import and append calls it first.
size_t removeStaleStoreStaging(const std::string& workspaceDirectory);

} // namespace curator
