#pragma once

// Shared by the core tests: temporary directories, deterministic synthetic data, hand-written .npy and
// .safetensors files, directory snapshots, and a double-precision reference scan.

#include "search/scanengine.h"
#include "search/searchoperations.h"
#include "search/simd.h"
#include "store/embeddingmatrix.h"
#include "store/embeddingstore.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace curatortest {

// A fresh directory under the system temporary directory, named after the running test and the
// process, removed with everything in it on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string filePath(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

// SplitMix64 with Box-Muller: the std distributions differ between standard libraries, this does not.
class Random {
public:
    explicit Random(uint64_t seed)
        : m_state(seed) {}
    uint64_t next();
    double uniform(); // [0, 1)
    double normal();
    size_t below(size_t bound);

private:
    uint64_t m_state;
};

std::vector<float> gaussianVector(size_t dimension, uint64_t seed);
std::vector<float> gaussianMatrix(size_t rows, size_t dimension, uint64_t seed);
// Rows scattered around `clusterCount` random unit centres with per-coordinate noise `spread`, rows
// assigned to centres round-robin; the centres come back in `centres` when given.
std::vector<float> clusteredMatrix(size_t rows, size_t dimension, size_t clusterCount, float spread,
                                   uint64_t seed, std::vector<float>* centres = nullptr);

// Files written byte by byte, so the readers are tested against the formats, not against our writer.
void writeBytes(const std::string& path, const std::string& bytes);
std::string readBytes(const std::string& path);
std::string float32Payload(const std::vector<float>& values);
std::string halfPayload(const std::vector<uint16_t>& halves);
std::string float16Payload(const std::vector<float>& values); // rounded with curator::floatToHalf
// A version 1.0 .npy: magic, version, header length, the dict padded with spaces to a multiple of 64.
std::string npyBytes(const std::string& descr, const std::string& shape, const std::string& payload,
                     bool fortranOrder = false);
std::string npyShape(const std::vector<size_t>& shape); // "(3, 4)" / "(5,)"
void writeFloat32Npy(const std::string& path, const std::vector<float>& values, size_t rows,
                     size_t dimension);

struct SafetensorsTensor {
    std::string name;
    std::string dtype;
    std::vector<size_t> shape;
    std::string payload;
};
// Tensors laid out back to back in the given order; `metadata` adds a __metadata__ entry.
std::string safetensorsBytes(const std::vector<SafetensorsTensor>& tensors, bool metadata = false);

void writeLines(const std::string& path, const std::vector<std::string>& lines);

// Writes `values` as a float32 .npy (and `ids`, when given, as a .txt) in `inputDirectory` and imports
// them as `source`.
curator::Result<curator::ImportSummary>
importMatrix(const std::string& workspace, const std::string& inputDirectory, const std::string& source,
             const std::vector<float>& values, size_t rows, size_t dimension, curator::StorageType storage,
             const std::string& model = "test-model", bool replace = false,
             const std::vector<std::string>& ids = {});

// A weighted sum of centres plus Gaussian noise of `noise` per coordinate.
std::vector<float> mixOfCentres(const std::vector<float>& centres, size_t dimension,
                                const std::vector<std::pair<size_t, float>>& weights, float noise,
                                uint64_t seed);

// Two sources of one model in a temporary workspace: "alpha" stored as f16, "beta" as f32, of clustered
// rows with ids "alpha-<row>" / "beta-<row>". More rows than the scan's chunk (8192) give several chunks.
struct TwoSourceWorkspace {
    TemporaryDirectory directory;
    curator::EmbeddingStore store;
    std::vector<const curator::EmbeddingMatrix*> segments; // alpha, beta
    std::vector<float> centres;
    size_t dimension = 0;
    size_t totalRows() const { return segments[0]->rows() + segments[1]->rows(); }
};
curator::Result<std::unique_ptr<TwoSourceWorkspace>> makeTwoSourceWorkspace(size_t alphaRows, size_t betaRows,
                                                                            size_t dimension,
                                                                            size_t clusterCount,
                                                                            uint64_t seed);

// Every file and directory under a root with its size and a hash of its contents.
struct FileEntry {
    bool directory = false;
    uintmax_t size = 0;
    size_t contentHash = 0;
    bool operator==(const FileEntry& other) const {
        return directory == other.directory && size == other.size && contentHash == other.contentHash;
    }
};
using DirectorySnapshot = std::map<std::string, FileEntry>;
// nullopt when the root does not exist.
std::optional<DirectorySnapshot> snapshotDirectory(const std::filesystem::path& root);
std::string describeSnapshot(const std::optional<DirectorySnapshot>& snapshot);

// A matrix's stored rows as float (what the kernels see).
std::vector<float> storedRows(const curator::EmbeddingMatrix& matrix);

struct ReferenceRow {
    curator::RowRef ref;
    double similarity = 0.0;
    double maxNegative = -2.0; // below any cosine when there are no negatives
};

// Every row of the segments scored in double against the (already normalised) query set.
class ReferenceScan {
public:
    ReferenceScan(const std::vector<const curator::EmbeddingMatrix*>& segments,
                  const curator::QuerySet& querySet);

    const std::vector<ReferenceRow>& rows() const { return m_rows; }
    const ReferenceRow& at(curator::RowRef ref) const { return m_rows[m_offsets[ref.segment] + ref.row]; }
    bool masked(const ReferenceRow& row) const;
    size_t maskedCount() const;
    // Unmasked rows, best first, ties by (segment, row).
    std::vector<ReferenceRow> topK(size_t k) const;
    std::vector<double> similarities() const;
    std::vector<double> maxNegatives() const;

private:
    std::vector<ReferenceRow> m_rows;
    std::vector<size_t> m_offsets;
    size_t m_negativeCount = 0;
    float m_threshold = 0.0f;
};

// A value near the `quantile` of `values` with no value closer than minimumGap / 2, so that float
// rounding in the kernels cannot move any row across it. NaN when there is no such gap.
double thresholdInGap(std::vector<double> values, double quantile, double minimumGap = 4e-5);

std::vector<curator::SimdLevel> supportedSimdLevels();

bool contains(const std::string& text, const std::string& part);

} // namespace curatortest

// Ends the calling test (ASSERT) when a curator::Result failed, printing its message. The expression is
// evaluated once (an import must not run again just to print why it failed).
#define CURATOR_ASSERT_OK(expression)                                                                        \
    do {                                                                                                     \
        const auto& curatorAssertResult = (expression);                                                      \
        ASSERT_TRUE(curatorAssertResult.ok()) << curatorAssertResult.error();                                \
    } while (false)
