#include "store/tensorfile.h"

#include "common/fileutil.h"
#include "common/half.h"
#include "common/jsonguard.h"
#include "common/jsonnumber.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <regex>
#include <sstream>

namespace curator {

const char* elementTypeName(ElementType type) {
    switch (type) {
    case ElementType::Float32:
        return "float32";
    case ElementType::Float16:
        return "float16";
    case ElementType::BFloat16:
        return "bfloat16";
    }
    return "?";
}

size_t elementSize(ElementType type) {
    return type == ElementType::Float32 ? 4 : 2;
}

std::string TensorFile::shapeText() const {
    std::string text = "(";
    for (size_t i = 0; i < m_shape.size(); ++i) {
        text += (i ? ", " : "") + std::to_string(m_shape[i]);
    }
    return text + (m_shape.size() == 1 ? ",)" : ")");
}

Result<TensorFile> TensorFile::open(const std::string& path, const std::string& tensorName) {
    const std::string extension = lowercaseExtension(path);
    if (extension == ".npy") {
        if (!tensorName.empty()) {
            return makeError(path + ": --tensor applies to .safetensors files only");
        }
        return openNpy(path);
    }
    if (extension == ".safetensors") {
        return openSafetensors(path, tensorName);
    }
    return makeError(path + ": unsupported file type '" + extension + "': expected .npy or .safetensors");
}

static bool multiplyChecked(size_t a, size_t b, size_t& out) {
    if (a != 0 && b > std::numeric_limits<size_t>::max() / a) {
        return false;
    }
    out = a * b;
    return true;
}

static Status checkShape(const std::string& path, const std::vector<size_t>& shape) {
    if (shape.size() != 1 && shape.size() != 2) {
        return makeError(path + ": tensor has rank " + std::to_string(shape.size()) +
                         ": expected a 2-D matrix (rows, dimension) or a 1-D vector");
    }
    for (size_t extent : shape) {
        if (extent == 0) {
            return makeError(path + ": tensor has an empty dimension");
        }
    }
    return {};
}

// numpy writes the header as a Python dict literal, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
Result<TensorFile> TensorFile::openNpy(const std::string& path) {
    auto mapped = MappedFile::open(path);
    if (!mapped) {
        return mapped.takeError();
    }
    const unsigned char* bytes = mapped->data();
    const size_t size = mapped->size();
    static const unsigned char magic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (size < 10 || std::memcmp(bytes, magic, sizeof magic) != 0) {
        return makeError(path + ": not a .npy file (missing the \\x93NUMPY magic)");
    }
    const unsigned major = bytes[6];
    size_t headerLength = 0;
    size_t headerStart = 0;
    if (major == 1) {
        headerLength = bytes[8] | (static_cast<size_t>(bytes[9]) << 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12) {
            return makeError(path + ": truncated .npy header");
        }
        headerLength = bytes[8] | (static_cast<size_t>(bytes[9]) << 8) |
                       (static_cast<size_t>(bytes[10]) << 16) | (static_cast<size_t>(bytes[11]) << 24);
        headerStart = 12;
    } else {
        return makeError(path + ": unsupported .npy format version " + std::to_string(major));
    }
    if (headerStart + headerLength > size) {
        return makeError(path + ": truncated .npy header (needs " +
                         std::to_string(headerStart + headerLength) + " bytes, file has " +
                         std::to_string(size) + ")");
    }
    const std::string header(reinterpret_cast<const char*>(bytes + headerStart), headerLength);

    std::smatch match;
    static const std::regex descrPattern(R"('descr'\s*:\s*'([^']*)')");
    static const std::regex fortranPattern(R"('fortran_order'\s*:\s*(True|False))");
    static const std::regex shapePattern(R"('shape'\s*:\s*\(([^)]*)\))");
    if (!std::regex_search(header, match, descrPattern)) {
        return makeError(path + ": malformed .npy header (no 'descr'): " + header);
    }
    const std::string descr = match[1];
    if (!std::regex_search(header, match, fortranPattern)) {
        return makeError(path + ": malformed .npy header (no 'fortran_order')");
    }
    if (match[1] == "True") {
        return makeError(path + ": array is in Fortran order: expected C order (numpy.ascontiguousarray)");
    }
    if (!std::regex_search(header, match, shapePattern)) {
        return makeError(path + ": malformed .npy header (no 'shape')");
    }
    std::vector<size_t> shape;
    {
        std::stringstream stream(match[1].str());
        std::string item;
        while (std::getline(stream, item, ',')) {
            const auto first = item.find_first_not_of(" \t");
            if (first == std::string::npos) {
                continue;
            }
            try {
                shape.push_back(static_cast<size_t>(std::stoull(item.substr(first))));
            } catch (const std::exception&) {
                return makeError(path + ": malformed .npy shape '" + match[1].str() + "'");
            }
        }
    }

    TensorFile tensor;
    if (descr == "<f4" || descr == "=f4") {
        tensor.m_type = ElementType::Float32;
    } else if (descr == "<f2" || descr == "=f2") {
        tensor.m_type = ElementType::Float16;
    } else if (descr.size() == 3 && (descr[0] == '>')) {
        return makeError(path + ": big-endian dtype '" + descr +
                         "': expected little-endian float32 or float16");
    } else if (descr.size() >= 2 && (descr[1] == 'i' || descr[1] == 'u' || descr[1] == 'b')) {
        return makeError(path + ": integer dtype '" + descr + "': expected float32 or float16 embeddings");
    } else {
        return makeError(path + ": unsupported dtype '" + descr +
                         "': expected float32 ('<f4') or float16 ('<f2')");
    }
    if (auto status = checkShape(path, shape); !status) {
        return status.takeError();
    }
    size_t elements = 1;
    for (size_t extent : shape) {
        if (!multiplyChecked(elements, extent, elements)) {
            return makeError(path + ": shape overflows");
        }
    }
    size_t dataBytes = 0;
    if (!multiplyChecked(elements, elementSize(tensor.m_type), dataBytes)) {
        return makeError(path + ": shape overflows");
    }
    const size_t dataStart = headerStart + headerLength;
    if (size - dataStart < dataBytes) {
        tensor.m_shape = shape;
        return makeError(path + ": truncated: shape " + tensor.shapeText() + " of " +
                         elementTypeName(tensor.m_type) + " needs " + std::to_string(dataBytes) +
                         " bytes of data, the file holds " + std::to_string(size - dataStart));
    }
    tensor.m_shape = std::move(shape);
    tensor.m_file = std::move(*mapped);
    tensor.m_data = tensor.m_file.data() + dataStart;
    return tensor;
}

Result<TensorFile> TensorFile::openSafetensors(const std::string& path, const std::string& tensorName) {
    auto mapped = MappedFile::open(path);
    if (!mapped) {
        return mapped.takeError();
    }
    const unsigned char* bytes = mapped->data();
    const size_t size = mapped->size();
    if (size < 8) {
        return makeError(path + ": truncated .safetensors file (no header length)");
    }
    uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i) {
        headerLength = (headerLength << 8) | bytes[i];
    }
    if (headerLength > size - 8 || headerLength > (100u << 20)) {
        return makeError(path + ": not a .safetensors file or truncated (header length " +
                         std::to_string(headerLength) + ", file size " + std::to_string(size) + ")");
    }
    const std::string_view headerText(reinterpret_cast<const char*>(bytes + 8), headerLength);
    CURATOR_TRY_STATUS(checkJsonDepth(headerText, path + ": .safetensors header"));
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText);
    } catch (const std::exception& e) {
        return makeError(path + ": malformed .safetensors header: " + e.what());
    }
    if (!header.is_object()) {
        return makeError(path + ": malformed .safetensors header: expected a JSON object");
    }
    std::string chosen = tensorName;
    if (chosen.empty()) {
        std::vector<std::string> matrices;
        std::vector<std::string> all;
        for (auto it = header.begin(); it != header.end(); ++it) {
            if (it.key() == "__metadata__") {
                continue;
            }
            all.push_back(it.key());
            if (it.value().is_object() && it.value().value("shape", nlohmann::json::array()).size() == 2) {
                matrices.push_back(it.key());
            }
        }
        if (matrices.size() == 1) {
            chosen = matrices.front();
        } else if (all.size() == 1) {
            chosen = all.front();
        } else {
            std::string names;
            for (const auto& name : all) {
                names += (names.empty() ? "" : ", ") + name;
            }
            return makeError(path + ": holds " + std::to_string(all.size()) + " tensors (" + names +
                             "): choose one with --tensor NAME");
        }
    }
    if (!header.contains(chosen) || !header[chosen].is_object()) {
        return makeError(path + ": no tensor named '" + chosen + "'");
    }
    const auto& entry = header[chosen];
    TensorFile tensor;
    try {
        const std::string dtype = entry.at("dtype").get<std::string>();
        if (dtype == "F32") {
            tensor.m_type = ElementType::Float32;
        } else if (dtype == "F16") {
            tensor.m_type = ElementType::Float16;
        } else if (dtype == "BF16") {
            tensor.m_type = ElementType::BFloat16;
        } else {
            return makeError(path + ": tensor '" + chosen + "' has dtype " + dtype +
                             ": expected F32, F16 or BF16");
        }
        const auto& shape = entry.at("shape");
        const auto& offsets = entry.at("data_offsets");
        if (!shape.is_array() || !offsets.is_array() || offsets.size() != 2) {
            return makeError(path + ": tensor '" + chosen +
                             "': expected \"shape\" as a list and \"data_offsets\" as [begin, end]");
        }
        for (const auto& extent : shape) {
            const std::optional<uint64_t> length = jsonCount(extent);
            if (!length) {
                return makeError(path + ": tensor '" + chosen + "': shape holds " + extent.dump(-1) +
                                 ", expected whole numbers >= 0");
            }
            tensor.m_shape.push_back(static_cast<size_t>(*length));
        }
        const std::optional<uint64_t> first = jsonCount(offsets.at(0));
        const std::optional<uint64_t> last = jsonCount(offsets.at(1));
        if (!first || !last) {
            return makeError(path + ": tensor '" + chosen + "': data_offsets " + offsets.dump(-1) +
                             " are not whole numbers >= 0");
        }
        const size_t begin = static_cast<size_t>(*first);
        const size_t end = static_cast<size_t>(*last);
        if (auto status = checkShape(path, tensor.m_shape); !status) {
            return makeError(status.error() + " (tensor '" + chosen + "')");
        }
        size_t elements = 1;
        for (size_t extent : tensor.m_shape) {
            if (!multiplyChecked(elements, extent, elements)) {
                return makeError(path + ": shape overflows");
            }
        }
        const size_t dataStart = 8 + static_cast<size_t>(headerLength);
        if (end < begin || end - begin != elements * elementSize(tensor.m_type)) {
            return makeError(path + ": tensor '" + chosen + "' data_offsets [" + std::to_string(begin) +
                             ", " + std::to_string(end) + ") do not match shape " + tensor.shapeText());
        }
        if (end > size - dataStart) {
            return makeError(path + ": truncated: tensor '" + chosen + "' ends at byte " +
                             std::to_string(dataStart + end) + ", the file has " + std::to_string(size));
        }
        tensor.m_file = std::move(*mapped);
        tensor.m_data = tensor.m_file.data() + dataStart + begin;
    } catch (const nlohmann::json::exception& e) {
        return makeError(path + ": malformed entry for tensor '" + chosen + "': " + e.what());
    }
    return tensor;
}

void TensorFile::releaseRowsBefore(size_t row) const {
    m_file.releaseRange(m_file.data(), m_data + std::min(row, rows()) * columns() * elementSize(m_type));
}

void TensorFile::readRow(size_t row, float* out) const {
    const size_t columns = this->columns();
    const unsigned char* start = m_data + row * columns * elementSize(m_type);
    switch (m_type) {
    case ElementType::Float32:
        std::memcpy(out, start, columns * sizeof(float));
        break;
    case ElementType::Float16:
        for (size_t c = 0; c < columns; ++c) {
            uint16_t h;
            std::memcpy(&h, start + 2 * c, 2);
            out[c] = halfToFloat(h);
        }
        break;
    case ElementType::BFloat16:
        for (size_t c = 0; c < columns; ++c) {
            uint16_t b;
            std::memcpy(&b, start + 2 * c, 2);
            out[c] = bfloat16ToFloat(b);
        }
        break;
    }
}

std::vector<float> TensorFile::readAll() const {
    std::vector<float> values(rows() * columns());
    for (size_t r = 0; r < rows(); ++r) {
        readRow(r, values.data() + r * columns());
    }
    return values;
}

Status writeNpy(const std::string& path, const float* values, const std::vector<size_t>& shape,
                ElementType type) {
    if (shape.empty() || shape.size() > 2 || type == ElementType::BFloat16) {
        return makeError(path + ": writeNpy takes rank 1 or 2 and float32 or float16");
    }
    std::string header = std::string("{'descr': '") + (type == ElementType::Float32 ? "<f4" : "<f2") +
                         "', 'fortran_order': False, 'shape': (" + std::to_string(shape[0]) +
                         (shape.size() == 2 ? ", " + std::to_string(shape[1]) + ")" : ",)") + ", }";
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string contents("\x93NUMPY\x01\x00", 8);
    contents += static_cast<char>(header.size() & 0xff);
    contents += static_cast<char>((header.size() >> 8) & 0xff);
    contents += header;
    size_t elements = 1;
    for (size_t extent : shape) {
        elements *= extent;
    }
    if (type == ElementType::Float32) {
        contents.append(reinterpret_cast<const char*>(values), elements * sizeof(float));
    } else {
        for (size_t i = 0; i < elements; ++i) {
            const uint16_t h = floatToHalf(values[i]);
            contents.append(reinterpret_cast<const char*>(&h), 2);
        }
    }
    return writeFileAtomically(path, contents);
}

} // namespace curator
