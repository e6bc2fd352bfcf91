#pragma once

#include "common/mappedfile.h"
#include "common/result.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace curator {

enum class StorageType { Float16, Float32 };

const char* storageTypeName(StorageType type); // "f16" / "f32"
std::optional<StorageType> parseStorageType(const std::string& text);
inline size_t storageElementSize(StorageType type) {
    return type == StorageType::Float16 ? 2 : 4;
}

// What meta.json beside a matrix says about it.
struct MatrixInfo {
    std::string source;
    std::string model;
    size_t rows = 0;
    size_t dimension = 0;
    StorageType storage = StorageType::Float16;
    std::string createdAt;
    std::string importedFrom;
};

// The file names inside one matrix directory.
namespace matrixfiles {
constexpr const char* kMeta = "meta.json";
constexpr const char* kIds = "ids.txt";
constexpr const char* kIdOffsets = "ids.idx";     // (rows + 1) little-endian uint64 offsets into ids.txt
constexpr const char* kRowDetails = "rows.jsonl"; // path and caption per row, when the ids file had them
constexpr const char* kHnswIndex = "hnsw.bin";
std::string matrixFileName(StorageType storage); // "matrix.f16" / "matrix.f32"
} // namespace matrixfiles

// One source's L2-normalised embeddings for one model: an N x D row-major matrix memory-mapped from
// the workspace, with its row ids. Opening maps the files and reads only meta.json. Thread-safe for
// concurrent readers.
class EmbeddingMatrix {
public:
    static Result<std::unique_ptr<EmbeddingMatrix>> open(const std::string& directory);

    const MatrixInfo& info() const { return m_info; }
    const std::string& source() const { return m_info.source; }
    const std::string& model() const { return m_info.model; }
    size_t rows() const { return m_info.rows; }
    size_t dimension() const { return m_info.dimension; }
    StorageType storage() const { return m_info.storage; }
    const std::string& directory() const { return m_directory; }

    const void* data() const { return m_matrix.data(); }
    const float* float32Rows() const { return reinterpret_cast<const float*>(m_matrix.data()); }
    const uint16_t* float16Rows() const { return reinterpret_cast<const uint16_t*>(m_matrix.data()); }
    size_t byteSize() const { return m_matrix.size(); }
    void adviseSequential() const { m_matrix.adviseSequential(); }

    void readRow(size_t row, float* out) const;
    std::string_view id(size_t row) const;
    // Row of an id; builds a hash map on first use.
    std::optional<size_t> findRow(std::string_view id) const;

private:
    std::string m_directory;
    MatrixInfo m_info;
    MappedFile m_matrix;
    MappedFile m_ids;
    MappedFile m_idOffsets;
    mutable std::once_flag m_rowByIdOnce;
    mutable std::unordered_map<std::string_view, size_t> m_rowById;
};

} // namespace curator
