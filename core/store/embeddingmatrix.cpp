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
        info.source = meta.at("source").get<std::string>();
        info.model = meta.at("model").get<std::string>();
        info.rows = meta.at("rows").get<size_t>();
        info.dimension = meta.at("dimension").get<size_t>();
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
    auto mapped =
        MappedFile::open((fs::path(directory) / matrixfiles::matrixFileName(info.storage)).string());
    if (!mapped) {
        return mapped.takeError();
    }
    const size_t expected = info.rows * info.dimension * storageElementSize(info.storage);
    // A longer file is the tail of an append that was interrupted before meta.json committed it: the
    // rows past meta.json's count are not part of the matrix (the next append cuts them off).
    if (mapped->size() < expected) {
        return makeError(mapped->path() + ": holds " + std::to_string(mapped->size()) +
                         " bytes, meta.json says " + std::to_string(info.rows) + " x " +
                         std::to_string(info.dimension) + " " + storageTypeName(info.storage) + " = " +
                         std::to_string(expected) + " (truncated or replaced?)");
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
    if (offsets->size() < (info.rows + 1) * sizeof(uint64_t)) {
        return makeError(offsets->path() + ": expected " + std::to_string(info.rows + 1) + " offsets");
    }
    uint64_t lastOffset;
    std::memcpy(&lastOffset, offsets->data() + info.rows * sizeof(uint64_t), sizeof lastOffset);
    if (lastOffset > ids->size()) {
        return makeError(offsets->path() + ": offsets run past the end of ids.txt");
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
