#include "store/embeddingmatrix.h"

#include "common/fileutil.h"
#include "common/half.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>

namespace curator {

namespace fs = std::filesystem;

const char* storageTypeName(StorageType type) {
    return type == StorageType::Float16 ? "f16" : "f32";
}

std::optional<StorageType> parseStorageType(const std::string& text) {
    if (text == "f16" || text == "float16" || text == "fp16") {
        return StorageType::Float16;
    }
    if (text == "f32" || text == "float32" || text == "fp32") {
        return StorageType::Float32;
    }
    return std::nullopt;
}

std::string matrixfiles::matrixFileName(StorageType storage) {
    return std::string("matrix.") + storageTypeName(storage);
}

namespace {

// The largest dimension accepted from meta.json: far above any embedding model, low enough that buffers
// of one row are never a problem.
constexpr size_t kMaxDimension = size_t(1) << 20;

// A size field of meta.json: a non-negative integer.
Result<size_t> sizeField(const nlohmann::json& meta, const char* field, const std::string& metaPath) {
    if (!meta.contains(field) || !meta[field].is_number_unsigned()) {
        return makeError(metaPath + ": field \"" + field + "\" must be a non-negative integer");
    }
    return meta[field].get<size_t>();
}

// `a * b * c`, or nullopt when it does not fit in 64 bits.
std::optional<uint64_t> checkedProduct(uint64_t a, uint64_t b, uint64_t c) {
    uint64_t ab = 0;
    uint64_t abc = 0;
    if (__builtin_mul_overflow(a, b, &ab) || __builtin_mul_overflow(ab, c, &abc)) {
        return std::nullopt;
    }
    return abc;
}

// Every one of the rows + 1 first offsets of ids.idx, in one pass: increasing by at least one byte (each
// id is followed by '\n') and within ids.txt, so that id(row) can never leave the mapping.
Status checkIdOffsets(const MappedFile& offsets, size_t rows, const MappedFile& ids) {
    const unsigned char* bytes = offsets.data();
    uint64_t previous = 0;
    for (size_t i = 0; i <= rows; ++i) {
        uint64_t offset;
        std::memcpy(&offset, bytes + i * sizeof(uint64_t), sizeof offset);
        if (offset > ids.size()) {
            return makeError(offsets.path() + ": offset " + std::to_string(i) + " is " +
                             std::to_string(offset) + ", past the end of " + ids.path() + " (" +
                             std::to_string(ids.size()) + " bytes)");
        }
        if (i > 0 && offset <= previous) {
            return makeError(offsets.path() + ": offset " + std::to_string(i) + " is " +
                             std::to_string(offset) + " after " + std::to_string(previous) +
                             ": expected increasing offsets (each id ends with a newline)");
        }
        previous = offset;
    }
    return {};
}

} // namespace

Result<std::unique_ptr<EmbeddingMatrix>> EmbeddingMatrix::open(const std::string& directory) {
    const std::string metaPath = (fs::path(directory) / matrixfiles::kMeta).string();
    auto metaText = readWholeFile(metaPath);
    if (!metaText) {
        return metaText.takeError();
    }
    auto matrix = std::make_unique<EmbeddingMatrix>();
    matrix->m_directory = directory;
    MatrixInfo& info = matrix->m_info;
    try {
        const auto meta = nlohmann::json::parse(*metaText);
        if (!meta.is_object()) {
            return makeError(metaPath + ": expected a JSON object");
        }
        info.source = meta.at("source").get<std::string>();
        info.model = meta.at("model").get<std::string>();
        CURATOR_TRY(info.rows, sizeField(meta, "rows", metaPath));
        CURATOR_TRY(info.dimension, sizeField(meta, "dimension", metaPath));
        const auto storage = parseStorageType(meta.at("storage").get<std::string>());
        if (!storage) {
            return makeError(metaPath + ": field \"storage\" must be \"f16\" or \"f32\"");
        }
        info.storage = *storage;
        info.createdAt = meta.value("created_at", "");
        info.importedFrom = meta.value("imported_from", "");
    } catch (const std::exception& e) {
        return makeError(metaPath + ": malformed: " + e.what());
    }
    if (info.dimension == 0 || info.dimension > kMaxDimension) {
        return makeError(metaPath + ": field \"dimension\" is " + std::to_string(info.dimension) +
                         ": expected 1 to " + std::to_string(kMaxDimension));
    }
    // Every size below is computed from meta.json's numbers: checked for overflow before any is used.
    const auto expected = checkedProduct(info.rows, info.dimension, storageElementSize(info.storage));
    const auto offsetBytes = checkedProduct(info.rows + 1, sizeof(uint64_t), 1);
    if (!expected || !offsetBytes || info.rows == SIZE_MAX) {
        return makeError(metaPath + ": field \"rows\" is " + std::to_string(info.rows) + ": " +
                         std::to_string(info.rows) + " x " + std::to_string(info.dimension) + " " +
                         storageTypeName(info.storage) + " values overflow 64-bit sizes");
    }
    auto mapped =
        MappedFile::open((fs::path(directory) / matrixfiles::matrixFileName(info.storage)).string());
    if (!mapped) {
        return mapped.takeError();
    }
    // A longer file is the tail of an append that was interrupted before meta.json committed it: the
    // rows past meta.json's count are not part of the matrix (the next append cuts them off).
    if (mapped->size() < *expected) {
        return makeError(mapped->path() + ": holds " + std::to_string(mapped->size()) +
                         " bytes, meta.json says " + std::to_string(info.rows) + " x " +
                         std::to_string(info.dimension) + " " + storageTypeName(info.storage) + " = " +
                         std::to_string(*expected) + " (truncated or replaced?)");
    }
    matrix->m_matrix = std::move(*mapped);
    auto ids = MappedFile::open((fs::path(directory) / matrixfiles::kIds).string());
    if (!ids) {
        return ids.takeError();
    }
    auto offsets = MappedFile::open((fs::path(directory) / matrixfiles::kIdOffsets).string());
    if (!offsets) {
        return offsets.takeError();
    }
    // Extra offsets are, like extra matrix bytes, the tail of an interrupted append.
    if (offsets->size() < *offsetBytes) {
        return makeError(offsets->path() + ": holds " + std::to_string(offsets->size()) +
                         " bytes: expected " + std::to_string(info.rows + 1) + " offsets (" +
                         std::to_string(*offsetBytes) + " bytes) for the " + std::to_string(info.rows) +
                         " rows of meta.json");
    }
    if (auto checked = checkIdOffsets(*offsets, info.rows, *ids); !checked) {
        return checked.takeError();
    }
    matrix->m_ids = std::move(*ids);
    matrix->m_idOffsets = std::move(*offsets);
    return matrix;
}

void EmbeddingMatrix::readRow(size_t row, float* out) const {
    const size_t dimension = m_info.dimension;
    if (m_info.storage == StorageType::Float32) {
        std::memcpy(out, float32Rows() + row * dimension, dimension * sizeof(float));
    } else {
        const uint16_t* halves = float16Rows() + row * dimension;
        for (size_t c = 0; c < dimension; ++c) {
            out[c] = halfToFloat(halves[c]);
        }
    }
}

std::string_view EmbeddingMatrix::id(size_t row) const {
    uint64_t range[2];
    std::memcpy(range, m_idOffsets.data() + row * sizeof(uint64_t), sizeof range);
    // Each id is stored followed by '\n'.
    return {reinterpret_cast<const char*>(m_ids.data()) + range[0],
            static_cast<size_t>(range[1] - range[0] - 1)};
}

std::optional<size_t> EmbeddingMatrix::findRow(std::string_view id) const {
    std::call_once(m_rowByIdOnce, [this] {
        m_rowById.reserve(m_info.rows);
        for (size_t row = 0; row < m_info.rows; ++row) {
            m_rowById.emplace(this->id(row), row);
        }
    });
    const auto it = m_rowById.find(id);
    if (it == m_rowById.end()) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace curator
