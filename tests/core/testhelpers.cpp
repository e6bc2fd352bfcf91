#include "testhelpers.h"

#include "common/half.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace curatortest {

// ---- TemporaryDirectory

static std::string currentTestName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "-" + info->name() : "outside-test";
    for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
            c = '_';
        }
    }
    return name;
}

TemporaryDirectory::TemporaryDirectory() {
    static std::atomic<unsigned> counter{0};
    // The pid keeps parallel ctest processes apart; the counter, several directories of one test.
    m_path = fs::temp_directory_path() / ("curator-core-tests-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(counter++) + "-" + currentTestName());
    fs::remove_all(m_path);
    fs::create_directories(m_path);
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code error;
    fs::remove_all(m_path, error);
}

// ---- Random

uint64_t Random::next() {
    uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double Random::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::normal() {
    constexpr double kPi = 3.14159265358979323846;
    const double u1 = 1.0 - uniform(); // (0, 1]: log stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
}

size_t Random::below(size_t bound) {
    return static_cast<size_t>(uniform() * static_cast<double>(bound));
}

// ---- Synthetic data

std::vector<float> gaussianVector(size_t dimension, uint64_t seed) {
    return gaussianMatrix(1, dimension, seed);
}

std::vector<float> gaussianMatrix(size_t rows, size_t dimension, uint64_t seed) {
    Random random(seed);
    std::vector<float> values(rows * dimension);
    for (float& value : values) {
        value = static_cast<float>(random.normal());
    }
    return values;
}

std::vector<float> clusteredMatrix(size_t rows, size_t dimension, size_t clusterCount, float spread,
                                   uint64_t seed, std::vector<float>* centres) {
    Random random(seed);
    std::vector<float> centreValues(clusterCount * dimension);
    for (size_t c = 0; c < clusterCount; ++c) {
        double squaredNorm = 0.0;
        for (size_t d = 0; d < dimension; ++d) {
            const double value = random.normal();
            centreValues[c * dimension + d] = static_cast<float>(value);
            squaredNorm += value * value;
        }
        const double inverse = 1.0 / std::sqrt(squaredNorm);
        for (size_t d = 0; d < dimension; ++d) {
            centreValues[c * dimension + d] = static_cast<float>(centreValues[c * dimension + d] * inverse);
        }
    }
    std::vector<float> values(rows * dimension);
    for (size_t r = 0; r < rows; ++r) {
        const float* centre = centreValues.data() + (r % clusterCount) * dimension;
        for (size_t d = 0; d < dimension; ++d) {
            values[r * dimension + d] = centre[d] + spread * static_cast<float>(random.normal());
        }
    }
    if (centres) {
        *centres = std::move(centreValues);
    }
    return values;
}

// ---- Files

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string float32Payload(const std::vector<float>& values) {
    std::string bytes(values.size() * sizeof(float), '\0');
    std::memcpy(bytes.data(), values.data(), bytes.size()); // little-endian host, as .npy '<f4' wants
    return bytes;
}

std::string halfPayload(const std::vector<uint16_t>& halves) {
    std::string bytes(halves.size() * sizeof(uint16_t), '\0');
    std::memcpy(bytes.data(), halves.data(), bytes.size());
    return bytes;
}

std::string float16Payload(const std::vector<float>& values) {
    std::vector<uint16_t> halves(values.size());
    std::transform(values.begin(), values.end(), halves.begin(), curator::floatToHalf);
    return halfPayload(halves);
}

std::string npyBytes(const std::string& descr, const std::string& shape, const std::string& payload,
                     bool fortranOrder) {
    std::string header = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                         ", 'shape': " + shape + ", }";
    // magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>((header.size() >> 8) & 0xff);
    return bytes + header + payload;
}

std::string npyShape(const std::vector<size_t>& shape) {
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i) {
        text += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return text + (shape.size() == 1 ? ",)" : ")");
}

void writeFloat32Npy(const std::string& path, const std::vector<float>& values, size_t rows,
                     size_t dimension) {
    writeBytes(path, npyBytes("<f4", npyShape({rows, dimension}), float32Payload(values)));
}

std::string safetensorsBytes(const std::vector<SafetensorsTensor>& tensors, bool metadata) {
    std::string json = "{";
    if (metadata) {
        json += "\"__metadata__\":{\"format\":\"pt\"},";
    }
    size_t offset = 0;
    std::string data;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto& tensor = tensors[i];
        std::string shape;
        for (size_t extent : tensor.shape) {
            shape += (shape.empty() ? "" : ",") + std::to_string(extent);
        }
        json += (i ? "," : "") + std::string("\"") + tensor.name + "\":{\"dtype\":\"" + tensor.dtype +
                "\",\"shape\":[" + shape + "],\"data_offsets\":[" + std::to_string(offset) + "," +
                std::to_string(offset + tensor.payload.size()) + "]}";
        offset += tensor.payload.size();
        data += tensor.payload;
    }
    json += "}";
    std::string bytes;
    for (int i = 0; i < 8; ++i) {
        bytes += static_cast<char>((static_cast<uint64_t>(json.size()) >> (8 * i)) & 0xff);
    }
    return bytes + json + data;
}

void writeLines(const std::string& path, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line + "\n";
    }
    writeBytes(path, text);
}

curator::Result<curator::ImportSummary>
importMatrix(const std::string& workspace, const std::string& inputDirectory, const std::string& source,
             const std::vector<float>& values, size_t rows, size_t dimension, curator::StorageType storage,
             const std::string& model, bool replace, const std::vector<std::string>& ids) {
    curator::ImportRequest request;
    request.source = source;
    request.model = model;
    request.embeddingsPath =
        (fs::path(inputDirectory) / (source + "-" + std::to_string(rows) + ".npy")).string();
    request.storage = storage;
    request.replace = replace;
    writeFloat32Npy(request.embeddingsPath, values, rows, dimension);
    if (!ids.empty()) {
        request.idsPath =
            (fs::path(inputDirectory) / (source + "-" + std::to_string(rows) + ".txt")).string();
        writeLines(request.idsPath, ids);
    }
    return curator::importEmbeddings(workspace, request);
}

std::vector<float> mixOfCentres(const std::vector<float>& centres, size_t dimension,
                                const std::vector<std::pair<size_t, float>>& weights, float noise,
                                uint64_t seed) {
    Random random(seed);
    std::vector<float> vector(dimension);
    for (size_t d = 0; d < dimension; ++d) {
        double value = noise * random.normal();
        for (const auto& [centre, weight] : weights) {
            value += weight * centres[centre * dimension + d];
        }
        vector[d] = static_cast<float>(value);
    }
    return vector;
}

curator::Result<std::unique_ptr<TwoSourceWorkspace>> makeTwoSourceWorkspace(size_t alphaRows, size_t betaRows,
                                                                            size_t dimension,
                                                                            size_t clusterCount,
                                                                            uint64_t seed) {
    auto fixture = std::make_unique<TwoSourceWorkspace>();
    fixture->dimension = dimension;
    const std::string workspace = fixture->directory.filePath("workspace");
    const std::string inputs = fixture->directory.path().string();
    // Noise of norm ~0.75 around unit centres: clusters that overlap a little.
    const float spread = 0.75f / std::sqrt(static_cast<float>(dimension));
    const std::vector<float> values =
        clusteredMatrix(alphaRows + betaRows, dimension, clusterCount, spread, seed, &fixture->centres);
    const struct {
        const char* source;
        size_t first;
        size_t rows;
        curator::StorageType storage;
    } parts[] = {{"alpha", 0, alphaRows, curator::StorageType::Float16},
                 {"beta", alphaRows, betaRows, curator::StorageType::Float32}};
    for (const auto& part : parts) {
        std::vector<std::string> ids;
        for (size_t r = 0; r < part.rows; ++r) {
            ids.push_back(std::string(part.source) + "-" + std::to_string(r));
        }
        const std::vector<float> slice(values.begin() + static_cast<std::ptrdiff_t>(part.first * dimension),
                                       values.begin() +
                                           static_cast<std::ptrdiff_t>((part.first + part.rows) * dimension));
        auto imported = importMatrix(workspace, inputs, part.source, slice, part.rows, dimension,
                                     part.storage, "test-model", false, ids);
        if (!imported) {
            return imported.takeError();
        }
    }
    auto store = curator::EmbeddingStore::open(workspace);
    if (!store) {
        return store.takeError();
    }
    fixture->store = std::move(*store);
    auto segments = fixture->store.select("test-model", {"alpha", "beta"});
    if (!segments) {
        return segments.takeError();
    }
    fixture->segments = *segments;
    return fixture;
}

// ---- Snapshots

std::optional<DirectorySnapshot> snapshotDirectory(const fs::path& root) {
    if (!fs::exists(root)) {
        return std::nullopt;
    }
    DirectorySnapshot snapshot;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string relative = fs::relative(entry.path(), root).string();
        FileEntry file;
        if (entry.is_directory()) {
            file.directory = true;
        } else {
            file.size = entry.file_size();
            file.contentHash = std::hash<std::string>()(readBytes(entry.path().string()));
        }
        snapshot[relative] = file;
    }
    return snapshot;
}

std::string describeSnapshot(const std::optional<DirectorySnapshot>& snapshot) {
    if (!snapshot) {
        return "(absent)";
    }
    std::ostringstream text;
    for (const auto& [name, entry] : *snapshot) {
        text << "  " << name << (entry.directory ? "/" : " " + std::to_string(entry.size)) << "\n";
    }
    return text.str();
}

// ---- Reference

std::vector<float> storedRows(const curator::EmbeddingMatrix& matrix) {
    std::vector<float> values(matrix.rows() * matrix.dimension());
    for (size_t r = 0; r < matrix.rows(); ++r) {
        matrix.readRow(r, values.data() + r * matrix.dimension());
    }
    return values;
}

static double dotDouble(const float* a, const float* b, size_t dimension) {
    double total = 0.0;
    for (size_t i = 0; i < dimension; ++i) {
        total += static_cast<double>(a[i]) * static_cast<double>(b[i]);
    }
    return total;
}

ReferenceScan::ReferenceScan(const std::vector<const curator::EmbeddingMatrix*>& segments,
                             const curator::QuerySet& querySet)
    : m_negativeCount(querySet.negativeCount)
    , m_threshold(querySet.negativeThreshold) {
    for (uint32_t s = 0; s < segments.size(); ++s) {
        m_offsets.push_back(m_rows.size());
        const size_t dimension = segments[s]->dimension();
        const std::vector<float> values = storedRows(*segments[s]);
        for (uint32_t r = 0; r < segments[s]->rows(); ++r) {
            const float* row = values.data() + static_cast<size_t>(r) * dimension;
            ReferenceRow reference;
            reference.ref = {s, r};
            reference.similarity = dotDouble(row, querySet.query(), dimension);
            for (size_t n = 0; n < querySet.negativeCount; ++n) {
                reference.maxNegative =
                    std::max(reference.maxNegative, dotDouble(row, querySet.negative(n), dimension));
            }
            m_rows.push_back(reference);
        }
    }
}

bool ReferenceScan::masked(const ReferenceRow& row) const {
    return m_negativeCount > 0 && row.maxNegative >= static_cast<double>(m_threshold);
}

size_t ReferenceScan::maskedCount() const {
    return static_cast<size_t>(
        std::count_if(m_rows.begin(), m_rows.end(), [this](const ReferenceRow& row) { return masked(row); }));
}

std::vector<ReferenceRow> ReferenceScan::topK(size_t k) const {
    std::vector<ReferenceRow> unmasked;
    std::copy_if(m_rows.begin(), m_rows.end(), std::back_inserter(unmasked),
                 [this](const ReferenceRow& row) { return !masked(row); });
    std::sort(unmasked.begin(), unmasked.end(), [](const ReferenceRow& a, const ReferenceRow& b) {
        if (a.similarity != b.similarity) {
            return a.similarity > b.similarity;
        }
        return a.ref.segment != b.ref.segment ? a.ref.segment < b.ref.segment : a.ref.row < b.ref.row;
    });
    unmasked.resize(std::min(k, unmasked.size()));
    return unmasked;
}

std::vector<double> ReferenceScan::similarities() const {
    std::vector<double> values;
    for (const auto& row : m_rows) {
        values.push_back(row.similarity);
    }
    return values;
}

std::vector<double> ReferenceScan::maxNegatives() const {
    std::vector<double> values;
    for (const auto& row : m_rows) {
        values.push_back(row.maxNegative);
    }
    return values;
}

double thresholdInGap(std::vector<double> values, double quantile, double minimumGap) {
    std::sort(values.begin(), values.end());
    if (values.size() < 2) {
        return std::nan("");
    }
    const size_t start =
        std::min(values.size() - 2, static_cast<size_t>(quantile * static_cast<double>(values.size())));
    // Search outward from the quantile for the nearest gap wide enough.
    for (size_t distance = 0; distance < values.size(); ++distance) {
        const size_t above = start + distance;
        if (above + 1 < values.size() && values[above + 1] - values[above] >= minimumGap) {
            return 0.5 * (values[above] + values[above + 1]);
        }
        if (distance <= start && values[start - distance + 1] - values[start - distance] >= minimumGap) {
            return 0.5 * (values[start - distance] + values[start - distance + 1]);
        }
    }
    return std::nan("");
}

std::vector<curator::SimdLevel> supportedSimdLevels() {
    std::vector<curator::SimdLevel> levels;
    for (auto level : {curator::SimdLevel::Scalar, curator::SimdLevel::Avx2, curator::SimdLevel::Avx512}) {
        if (curator::cpuSupports(level)) {
            levels.push_back(level);
        }
    }
    return levels;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace curatortest
