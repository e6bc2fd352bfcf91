// EmbeddingMatrix::open against hostile files (issue 13, item 7): sizes in meta.json whose products
// overflow, and ids.idx offsets that run backwards, repeat or leave ids.txt. Each is refused at open with
// a message naming the file and what was expected, instead of a crash on first use.

#include "testhelpers.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using curatortest::contains;
using curatortest::TemporaryDirectory;

namespace {

// A valid 3-row matrix of dimension 4 with ids "a", "b", "c" (ids.txt "a\nb\nc\n"); its directory.
std::string makeMatrix(const TemporaryDirectory& directory, curator::StorageType storage) {
    const std::string workspace = directory.filePath("workspace");
    auto summary = curatortest::importMatrix(workspace, directory.path().string(), "photos",
                                             curatortest::gaussianMatrix(3, 4, 7), 3, 4, storage,
                                             "test-model", false, {"a", "b", "c"});
    EXPECT_TRUE(summary.ok()) << summary.error();
    return summary.ok() ? summary->directory : std::string();
}

void setMetaField(const std::string& directory, const std::string& field, const nlohmann::json& value) {
    const std::string path = (fs::path(directory) / "meta.json").string();
    auto meta = nlohmann::json::parse(curatortest::readBytes(path));
    meta[field] = value;
    curatortest::writeBytes(path, meta.dump(2));
}

void writeOffsets(const std::string& directory, const std::vector<uint64_t>& offsets) {
    curatortest::writeBytes(
        (fs::path(directory) / "ids.idx").string(),
        std::string(reinterpret_cast<const char*>(offsets.data()), offsets.size() * sizeof(uint64_t)));
}

// Opening fails, and the message holds every one of `parts`.
void expectRefused(const std::string& directory, const std::vector<std::string>& parts) {
    auto matrix = curator::EmbeddingMatrix::open(directory);
    ASSERT_FALSE(matrix.ok()) << "opened a matrix of " << (*matrix)->rows() << " rows";
    for (const auto& part : parts) {
        EXPECT_TRUE(contains(matrix.error(), part)) << matrix.error() << "\nlacks: " << part;
    }
}

} // namespace

TEST(MatrixFiles, aValidMatrixOpensWithItsIds) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    auto matrix = curator::EmbeddingMatrix::open(matrixDirectory);
    CURATOR_ASSERT_OK(matrix);
    EXPECT_EQ((*matrix)->id(0), "a");
    EXPECT_EQ((*matrix)->id(2), "c");
}

// rows * dimension * 2 = 2^61 * 4 * 2 wraps to 0 bytes, and (rows + 1) * 8 wraps to 8: before the check,
// the matrix opened with 2^61 rows and a search allocated 12.6 GB, then aborted.
TEST(MatrixFiles, rowCountsWhoseByteSizesOverflowAreRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    setMetaField(matrixDirectory, "rows", uint64_t(1) << 61);
    expectRefused(matrixDirectory, {"meta.json", "2305843009213693952", "overflow"});
}

TEST(MatrixFiles, theLargestRowCountIsRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float32);
    setMetaField(matrixDirectory, "rows", UINT64_MAX); // rows + 1 wraps to 0
    expectRefused(matrixDirectory, {"meta.json", "rows"});
}

// With dimension 0 the matrix holds no bytes whatever the row count, and (2^61 - 1 + 1) * 8 wraps to 0: the
// last offset was read 16 EiB past the mapping.
TEST(MatrixFiles, aZeroDimensionIsRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    setMetaField(matrixDirectory, "dimension", 0);
    setMetaField(matrixDirectory, "rows", (uint64_t(1) << 61) - 1);
    expectRefused(matrixDirectory, {"meta.json", "dimension"});
}

TEST(MatrixFiles, negativeOrFractionalSizesAreRefused) {
    for (const nlohmann::json& value : {nlohmann::json(-1), nlohmann::json(2.5), nlohmann::json("3")}) {
        TemporaryDirectory directory;
        const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
        setMetaField(matrixDirectory, "rows", value);
        expectRefused(matrixDirectory, {"meta.json", "\"rows\""});
    }
}

// ids.txt is "a\nb\nc\n" (6 bytes). An offset far past it in the middle: id(0) read 100,000 bytes of a
// 6-byte mapping (SIGBUS).
TEST(MatrixFiles, anOffsetPastTheIdsFileInTheMiddleIsRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    writeOffsets(matrixDirectory, {0, 100000, 4, 6});
    expectRefused(matrixDirectory, {"ids.idx", "offset 1", "100000"});
}

// Offsets that go backwards: id(1) had a length of 2^64 - 2.
TEST(MatrixFiles, decreasingOffsetsAreRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    writeOffsets(matrixDirectory, {0, 4, 2, 6});
    expectRefused(matrixDirectory, {"ids.idx", "offset 2"});
}

// Equal offsets: an id of length -1 (every id is followed by '\n', so each takes at least one byte).
TEST(MatrixFiles, equalOffsetsAreRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    writeOffsets(matrixDirectory, {0, 2, 2, 6});
    expectRefused(matrixDirectory, {"ids.idx", "offset 2"});
}

TEST(MatrixFiles, tooFewOffsetsAreRefused) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float16);
    writeOffsets(matrixDirectory, {0, 2, 4});
    expectRefused(matrixDirectory, {"ids.idx", "4 offsets"});
}

// An append killed after writing ids.idx but before meta.json leaves more offsets than rows: the extra
// ones are not part of the matrix, and whatever they hold does not matter.
TEST(MatrixFiles, offsetsPastTheRowCountAreIgnored) {
    TemporaryDirectory directory;
    const std::string matrixDirectory = makeMatrix(directory, curator::StorageType::Float32);
    writeOffsets(matrixDirectory, {0, 2, 4, 6, 3, 999999});
    auto matrix = curator::EmbeddingMatrix::open(matrixDirectory);
    CURATOR_ASSERT_OK(matrix);
    EXPECT_EQ((*matrix)->id(1), "b");
}
