#pragma once

#include "common/mappedfile.h"
#include "common/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace curator {

enum class ElementType { Float32, Float16, BFloat16 };

const char* elementTypeName(ElementType type);
size_t elementSize(ElementType type);

// A floating-point tensor of rank 1 or 2 lying in a memory-mapped .npy or .safetensors file.
// Rank-1 tensors read as one row. Row-major (C order) only.
class TensorFile {
public:
    // Picks the reader by extension (.npy, .safetensors). `tensorName` selects a safetensors tensor;
    // empty means "the only 2-D tensor in the file".
    static Result<TensorFile> open(const std::string& path, const std::string& tensorName = {});
    static Result<TensorFile> openNpy(const std::string& path);
    static Result<TensorFile> openSafetensors(const std::string& path, const std::string& tensorName = {});

    const std::string& path() const { return m_file.path(); }
    ElementType elementType() const { return m_type; }
    const std::vector<size_t>& shape() const { return m_shape; }
    size_t rank() const { return m_shape.size(); }
    size_t rows() const { return m_shape.size() == 2 ? m_shape[0] : 1; }
    size_t columns() const { return m_shape.empty() ? 0 : m_shape.back(); }
    std::string shapeText() const;

    // Converts one row to float32.
    void readRow(size_t row, float* out) const;
    // Every row as float32, row-major.
    std::vector<float> readAll() const;
    // The whole file is about to be read once, front to back; rows [0, row) are done and need not stay in
    // memory (MappedFile::releaseRange). Importing a matrix larger than memory reads it in a window.
    void adviseSequential() const { m_file.adviseSequential(); }
    void releaseRowsBefore(size_t row) const;

private:
    MappedFile m_file;
    const unsigned char* m_data = nullptr;
    ElementType m_type = ElementType::Float32;
    std::vector<size_t> m_shape;
};

// Writes a float32 or float16 .npy (version 1.0, C order). `shape` has rank 1 or 2.
Status writeNpy(const std::string& path, const float* values, const std::vector<size_t>& shape,
                ElementType type = ElementType::Float32);

} // namespace curator
