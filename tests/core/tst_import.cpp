// importEmbeddings: normalisation and fp16 rounding of what it stores, every kind of bad input refused
// with a message naming the file and the problem while the workspace stays exactly as it was, and the
// store's selection of matrices.

#include "testhelpers.h"

#include "common/half.h"
#include "store/tensorfile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <ostream>

namespace fs = std::filesystem;
using curator::StorageType;
using curatortest::contains;
using curatortest::TemporaryDirectory;

namespace {

constexpr const char* kModel = "test-model";

// Rows with magnitudes from 1e-3 to 1e3, so that normalisation visibly matters.
std::vector<float> scaledRows(size_t rows, size_t dimension, uint64_t seed) {
    std::vector<float> values = curatortest::gaussianMatrix(rows, dimension, seed);
    for (size_t r = 0; r < rows; ++r) {
        const float scale = std::pow(10.0f, static_cast<float>(r % 7) - 3.0f);
        for (size_t c = 0; c < dimension; ++c) {
            values[r * dimension + c] *= scale;
        }
    }
    return values;
}

// What import promises to store before any rounding to half: the row times 1/|row|, in double.
std::vector<float> normalisedRow(const float* row, size_t dimension) {
    double squaredNorm = 0.0;
    for (size_t c = 0; c < dimension; ++c) {
        squaredNorm += static_cast<double>(row[c]) * row[c];
    }
    const double inverseNorm = 1.0 / std::sqrt(squaredNorm);
    std::vector<float> normalised(dimension);
    for (size_t c = 0; c < dimension; ++c) {
        normalised[c] = static_cast<float>(row[c] * inverseNorm);
    }
    return normalised;
}

double norm(const float* row, size_t dimension) {
    double squared = 0.0;
    for (size_t c = 0; c < dimension; ++c) {
        squared += static_cast<double>(row[c]) * row[c];
    }
    return std::sqrt(squared);
}

std::unique_ptr<curator::EmbeddingMatrix> openMatrix(const std::string& directory) {
    auto matrix = curator::EmbeddingMatrix::open(directory);
    EXPECT_TRUE(matrix.ok()) << matrix.error();
    return matrix.ok() ? std::move(*matrix) : nullptr;
}

void checkImportedMatrix(StorageType storage, size_t dimension) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const size_t rows = 700;
    const std::vector<float> values = scaledRows(rows, dimension, 100 + dimension);
    auto summary = curatortest::importMatrix(workspace, directory.path().string(), "photos", values, rows,
                                             dimension, storage);
    CURATOR_ASSERT_OK(summary);
    EXPECT_EQ(summary->info.rows, rows);
    EXPECT_EQ(summary->info.dimension, dimension);
    EXPECT_EQ(summary->info.storage, storage);
    EXPECT_EQ(summary->info.source, "photos");
    EXPECT_EQ(summary->info.model, kModel);
    EXPECT_FALSE(summary->replaced);

    const auto matrix = openMatrix(summary->directory);
    ASSERT_NE(matrix, nullptr);
    EXPECT_EQ(matrix->rows(), rows);
    EXPECT_EQ(matrix->dimension(), dimension);
    EXPECT_EQ(matrix->storage(), storage);
    EXPECT_EQ(matrix->byteSize(), rows * dimension * curator::storageElementSize(storage));

    std::vector<float> stored(dimension);
    for (size_t r = 0; r < rows; ++r) {
        const float* input = values.data() + r * dimension;
        const std::vector<float> expected = normalisedRow(input, dimension);
        matrix->readRow(r, stored.data());
        if (storage == StorageType::Float32) {
            ASSERT_NEAR(norm(stored.data(), dimension), 1.0, 1e-6) << "row " << r;
            for (size_t c = 0; c < dimension; ++c) {
                // Within one float ulp of the double-precision normalisation.
                ASSERT_LE(std::fabs(stored[c] - expected[c]), std::fabs(expected[c]) * 0x1p-23f)
                    << "row " << r << " column " << c;
            }
        } else {
            ASSERT_NEAR(norm(stored.data(), dimension), 1.0, 1e-3) << "row " << r;
            const uint16_t* halves = matrix->float16Rows() + r * dimension;
            for (size_t c = 0; c < dimension; ++c) {
                ASSERT_EQ(halves[c], curator::floatToHalf(expected[c]))
                    << "row " << r << " column " << c << ": " << expected[c] << " is not correctly rounded";
            }
        }
        ASSERT_EQ(matrix->id(r), std::to_string(r)); // no ids file: ids are row numbers
    }
    EXPECT_EQ(matrix->findRow("123"), std::optional<size_t>(123));
    EXPECT_EQ(matrix->findRow("no-such-id"), std::nullopt);
}

} // namespace

TEST(Import, normalisesFloat32Rows) {
    for (size_t dimension : {64u, 257u}) {
        SCOPED_TRACE("dimension " + std::to_string(dimension));
        checkImportedMatrix(StorageType::Float32, dimension);
    }
}

TEST(Import, storesCorrectlyRoundedHalvesOfNormalisedRows) {
    for (size_t dimension : {64u, 100u, 257u}) {
        SCOPED_TRACE("dimension " + std::to_string(dimension));
        checkImportedMatrix(StorageType::Float16, dimension);
    }
}

TEST(Import, readsEveryInputFormatWithIds) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const size_t rows = 6;
    const size_t dimension = 8;
    // Values exact in half and bfloat16, so that every input format holds the same matrix.
    std::vector<float> values(rows * dimension);
    for (size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<float>(static_cast<int>(i % 11) - 5) * 0.25f + (i % 8 == 0 ? 3.0f : 0.0f);
    }
    std::vector<uint16_t> halves;
    std::vector<uint16_t> bfloats;
    for (float value : values) {
        halves.push_back(curator::floatToHalf(value));
        uint32_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        bfloats.push_back(static_cast<uint16_t>(bits >> 16));
    }
    const std::string jsonIds = directory.filePath("ids.jsonl");
    std::vector<std::string> jsonLines;
    for (size_t r = 0; r < rows; ++r) {
        jsonLines.push_back(R"({"id": "img-)" + std::to_string(r) + R"(", "path": "/p/)" + std::to_string(r) +
                            R"(.jpg", "caption": "picture )" + std::to_string(r) + R"("})");
    }
    curatortest::writeLines(jsonIds, jsonLines);

    struct Input {
        std::string source;
        std::string file;
        std::string bytes;
        std::string tensorName;
    };
    const std::vector<Input> inputs = {
        {"from-npy16", "m16.npy", curatortest::npyBytes("<f2", "(6, 8)", curatortest::halfPayload(halves)),
         ""},
        {"from-st-bf16", "m.safetensors",
         curatortest::safetensorsBytes(
             {{"pooled", "F32", {1, 8}, curatortest::float32Payload(values).substr(0, 32)},
              {"embeddings", "BF16", {6, 8}, curatortest::halfPayload(bfloats)}}),
         "embeddings"},
    };
    for (const auto& input : inputs) {
        SCOPED_TRACE(input.source);
        curator::ImportRequest request;
        request.source = input.source;
        request.model = kModel;
        request.embeddingsPath = directory.filePath(input.file);
        request.idsPath = jsonIds;
        request.tensorName = input.tensorName;
        request.storage = StorageType::Float32;
        curatortest::writeBytes(request.embeddingsPath, input.bytes);
        auto summary = curator::importEmbeddings(workspace, request);
        CURATOR_ASSERT_OK(summary);
        const auto matrix = openMatrix(summary->directory);
        ASSERT_NE(matrix, nullptr);
        std::vector<float> stored(dimension);
        for (size_t r = 0; r < rows; ++r) {
            matrix->readRow(r, stored.data());
            const std::vector<float> expected = normalisedRow(values.data() + r * dimension, dimension);
            for (size_t c = 0; c < dimension; ++c) {
                ASSERT_EQ(stored[c], expected[c]) << "row " << r << " column " << c;
            }
            EXPECT_EQ(matrix->id(r), "img-" + std::to_string(r));
            EXPECT_EQ(matrix->findRow("img-" + std::to_string(r)), std::optional<size_t>(r));
        }
        // The ids file's paths and captions are kept beside the matrix.
        const std::string details = curatortest::readBytes(
            (fs::path(summary->directory) / curator::matrixfiles::kRowDetails).string());
        EXPECT_TRUE(contains(details, "/p/3.jpg")) << details;
        EXPECT_TRUE(contains(details, "picture 5")) << details;
    }
}

TEST(Import, refusesAnExistingSourceUnlessReplacing) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const size_t dimension = 32;
    auto first = curatortest::importMatrix(workspace, directory.path().string(), "photos",
                                           curatortest::gaussianMatrix(50, dimension, 1), 50, dimension,
                                           StorageType::Float16);
    CURATOR_ASSERT_OK(first);
    const auto before = curatortest::snapshotDirectory(workspace);

    auto again = curatortest::importMatrix(workspace, directory.path().string(), "photos",
                                           curatortest::gaussianMatrix(60, dimension, 2), 60, dimension,
                                           StorageType::Float16);
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(contains(again.error(), "already exists")) << again.error();
    EXPECT_EQ(curatortest::snapshotDirectory(workspace), before);

    auto badName = curatortest::importMatrix(workspace, directory.path().string(), "../escape",
                                             curatortest::gaussianMatrix(5, dimension, 3), 5, dimension,
                                             StorageType::Float16);
    ASSERT_FALSE(badName.ok());
    EXPECT_TRUE(contains(badName.error(), "../escape")) << badName.error();
    EXPECT_EQ(curatortest::snapshotDirectory(workspace), before);

    auto otherDimension =
        curatortest::importMatrix(workspace, directory.path().string(), "artwork",
                                  curatortest::gaussianMatrix(5, 48, 4), 5, 48, StorageType::Float16);
    ASSERT_FALSE(otherDimension.ok());
    EXPECT_TRUE(contains(otherDimension.error(), "48") && contains(otherDimension.error(), "32"))
        << otherDimension.error();
    EXPECT_EQ(curatortest::snapshotDirectory(workspace), before);

    auto replaced = curatortest::importMatrix(workspace, directory.path().string(), "photos",
                                              curatortest::gaussianMatrix(60, dimension, 2), 60, dimension,
                                              StorageType::Float32, kModel, true);
    CURATOR_ASSERT_OK(replaced);
    EXPECT_TRUE(replaced->replaced);
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    ASSERT_EQ(store->matrices().size(), 1u);
    EXPECT_EQ(store->matrices()[0]->rows(), 60u);
    EXPECT_EQ(store->matrices()[0]->storage(), StorageType::Float32);
    // Nothing of the old matrix, the staging or the retired directory is left behind.
    for (const auto& entry : fs::recursive_directory_iterator(workspace)) {
        const std::string name = entry.path().filename().string();
        EXPECT_FALSE(contains(name, ".import-") || contains(name, ".retired-") || contains(name, ".tmp-"))
            << name;
        EXPECT_NE(name, "matrix.f16");
    }
}

// Two models whose names differ only in characters the directory name cannot hold ("clip/vit" and
// "clip_vit") are different (source, model) pairs: importing one must neither be refused because of the
// other nor, with replace, delete the other.
TEST(Import, modelsWithSimilarNamesKeepSeparateMatrices) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const std::string inputs = directory.path().string();
    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, inputs, "photos",
                                                curatortest::gaussianMatrix(10, 8, 1), 10, 8,
                                                StorageType::Float16, "clip/vit"));

    auto second =
        curatortest::importMatrix(workspace, inputs, "photos", curatortest::gaussianMatrix(12, 16, 2), 12, 16,
                                  StorageType::Float16, "clip_vit");
    EXPECT_TRUE(second.ok()) << "importing model 'clip_vit' was refused: " << second.error();
    if (!second.ok()) {
        // What a user told to "pass --replace" would do next.
        auto replaced =
            curatortest::importMatrix(workspace, inputs, "photos", curatortest::gaussianMatrix(12, 16, 2), 12,
                                      16, StorageType::Float16, "clip_vit", true);
        EXPECT_TRUE(replaced.ok()) << replaced.error();
    }
    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    const curator::EmbeddingMatrix* original = store->find("photos", "clip/vit");
    ASSERT_NE(original, nullptr) << "importing model 'clip_vit' deleted the matrix of model 'clip/vit'";
    EXPECT_EQ(original->rows(), 10u);
    EXPECT_EQ(original->dimension(), 8u);
    const curator::EmbeddingMatrix* other = store->find("photos", "clip_vit");
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->rows(), 12u);
}

// ---- Bad inputs: refused, named, and the workspace untouched.

namespace {

constexpr size_t kBadRows = 20;
constexpr size_t kBadDimension = 16;

std::vector<float> goodValues() {
    return curatortest::gaussianMatrix(kBadRows, kBadDimension, 77);
}

std::string goodNpy(const std::vector<float>& values) {
    return curatortest::npyBytes("<f4", curatortest::npyShape({kBadRows, kBadDimension}),
                                 curatortest::float32Payload(values));
}

std::vector<std::string> idLines(size_t count) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < count; ++i) {
        lines.push_back("id-" + std::to_string(i));
    }
    return lines;
}

struct BadImportCase {
    std::string name;
    // Writes the input files into `inputs` and returns the request (source and model are filled in later).
    std::function<curator::ImportRequest(const std::string& inputs)> prepare;
    std::vector<std::string> problem; // substrings the message must hold
    bool blamesIdsFile = false;       // the message must name the ids file rather than the embeddings file
};

void PrintTo(const BadImportCase& badCase, std::ostream* out) {
    *out << badCase.name;
}

curator::ImportRequest npyRequest(const std::string& inputs, const std::string& bytes,
                                  const std::string& name = "embeddings.npy") {
    curator::ImportRequest request;
    request.embeddingsPath = (fs::path(inputs) / name).string();
    curatortest::writeBytes(request.embeddingsPath, bytes);
    return request;
}

curator::ImportRequest withBadValue(const std::string& inputs, size_t row, float value, bool wholeRow) {
    std::vector<float> values = goodValues();
    for (size_t c = 0; c < kBadDimension; ++c) {
        if (wholeRow || c == 3) {
            values[row * kBadDimension + c] = value;
        }
    }
    return npyRequest(inputs, goodNpy(values));
}

curator::ImportRequest withIds(const std::string& inputs, const std::vector<std::string>& lines) {
    curator::ImportRequest request = npyRequest(inputs, goodNpy(goodValues()));
    request.idsPath = (fs::path(inputs) / "ids.txt").string();
    curatortest::writeLines(request.idsPath, lines);
    return request;
}

std::vector<BadImportCase> badImportCases() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float infinity = std::numeric_limits<float>::infinity();
    const std::string payload = curatortest::float32Payload(goodValues());
    return {
        {"truncatedNpy",
         [](const std::string& inputs) {
             const std::string bytes = goodNpy(goodValues());
             return npyRequest(inputs, bytes.substr(0, bytes.size() - 10));
         },
         {"truncated", "(20, 16)"}},
        {"garbageNpy",
         [](const std::string& inputs) {
             curatortest::Random random(5);
             std::string bytes;
             for (int i = 0; i < 700; ++i) {
                 bytes += static_cast<char>(random.next() & 0xff);
             }
             return npyRequest(inputs, bytes);
         },
         {"not a .npy"}},
        {"rank3Npy",
         [payload](const std::string& inputs) {
             return npyRequest(inputs, curatortest::npyBytes("<f4", "(2, 10, 16)", payload));
         },
         {"rank 3"}},
        {"rank1Npy",
         [payload](const std::string& inputs) {
             return npyRequest(inputs, curatortest::npyBytes("<f4", "(16,)", payload.substr(0, 64)));
         },
         {"(16,)", "2-D"}},
        {"int32Npy",
         [payload](const std::string& inputs) {
             return npyRequest(inputs, curatortest::npyBytes("<i4", "(20, 16)", payload));
         },
         {"integer dtype", "<i4"}},
        {"int64Npy",
         [payload](const std::string& inputs) {
             return npyRequest(inputs, curatortest::npyBytes("<i8", "(20, 16)", payload + payload));
         },
         {"integer dtype", "<i8"}},
        {"nanRow",
         [nan](const std::string& inputs) { return withBadValue(inputs, 7, nan, false); },
         {"row 7 ", "NaN"}},
        {"nanLastRow",
         [nan](const std::string& inputs) { return withBadValue(inputs, 19, nan, false); },
         {"row 19 ", "NaN"}},
        {"infRow",
         [infinity](const std::string& inputs) { return withBadValue(inputs, 11, -infinity, false); },
         {"row 11 ", "infinite"}},
        {"nanHalfRow",
         [](const std::string& inputs) {
             std::string halves = curatortest::float16Payload(goodValues());
             halves[2 * (2 * kBadDimension + 5)] = '\x01'; // row 2, column 5: 0x7e01 is a NaN half
             halves[2 * (2 * kBadDimension + 5) + 1] = '\x7e';
             return npyRequest(inputs, curatortest::npyBytes("<f2", "(20, 16)", halves));
         },
         {"row 2 ", "NaN"}},
        {"zeroRow",
         [](const std::string& inputs) { return withBadValue(inputs, 5, 0.0f, true); },
         {"row 5 ", "all zeros"}},
        {"idsCountDiffers",
         [](const std::string& inputs) { return withIds(inputs, idLines(19)); },
         {"19", "20"},
         true},
        {"missingEmbeddings",
         [](const std::string& inputs) {
             curator::ImportRequest request;
             request.embeddingsPath = (fs::path(inputs) / "absent.npy").string();
             return request;
         },
         {"cannot open"}},
        {"missingIds",
         [](const std::string& inputs) {
             curator::ImportRequest request = npyRequest(inputs, goodNpy(goodValues()));
             request.idsPath = (fs::path(inputs) / "absent.txt").string();
             return request;
         },
         {"cannot open"},
         true},
        {"duplicateId",
         [](const std::string& inputs) {
             std::vector<std::string> lines = idLines(20);
             lines[11] = "id-3";
             return withIds(inputs, lines);
         },
         {"duplicate id 'id-3'", ":12"},
         true},
        {"safetensorsSeveralTensors",
         [payload](const std::string& inputs) {
             return npyRequest(inputs,
                               curatortest::safetensorsBytes(
                                   {{"image", "F32", {20, 16}, payload}, {"text", "F32", {20, 16}, payload}}),
                               "embeddings.safetensors");
         },
         {"2 tensors", "--tensor"}},
        {"safetensorsI64",
         [payload](const std::string& inputs) {
             return npyRequest(inputs,
                               curatortest::safetensorsBytes({{"embeddings", "I64", {20, 8}, payload}}),
                               "embeddings.safetensors");
         },
         {"I64"}},
        {"safetensorsTruncated",
         [payload](const std::string& inputs) {
             const std::string bytes =
                 curatortest::safetensorsBytes({{"embeddings", "F32", {20, 16}, payload}});
             return npyRequest(inputs, bytes.substr(0, bytes.size() - 100), "embeddings.safetensors");
         },
         {"truncated"}},
        {"safetensorsHeaderPastEnd",
         [payload](const std::string& inputs) {
             std::string bytes = curatortest::safetensorsBytes({{"embeddings", "F32", {20, 16}, payload}});
             bytes[5] = '\x01'; // header length of about 2^40
             return npyRequest(inputs, bytes, "embeddings.safetensors");
         },
         {"header length"}},
    };
}

enum class WorkspaceState { Absent, Empty, Populated };

const char* workspaceStateName(WorkspaceState state) {
    switch (state) {
    case WorkspaceState::Absent:
        return "absentWorkspace";
    case WorkspaceState::Empty:
        return "emptyWorkspace";
    case WorkspaceState::Populated:
        return "populatedWorkspace";
    }
    return "?";
}

void PrintTo(WorkspaceState state, std::ostream* out) {
    *out << workspaceStateName(state);
}

class BadImport : public ::testing::TestWithParam<std::tuple<BadImportCase, WorkspaceState>> {};

} // namespace

TEST_P(BadImport, isRefusedNamingFileAndProblemAndLeavesWorkspaceAsItWas) {
    const auto& [badCase, state] = GetParam();
    TemporaryDirectory directory;
    const std::string inputs = directory.filePath("inputs");
    const std::string workspace = directory.filePath("workspace");
    fs::create_directories(inputs);
    if (state == WorkspaceState::Empty) {
        fs::create_directories(workspace);
    } else if (state == WorkspaceState::Populated) {
        // A matrix of the same model and dimension, so that only the bad input can be what is refused.
        auto existing = curatortest::importMatrix(workspace, inputs, "existing",
                                                  curatortest::gaussianMatrix(30, kBadDimension, 9), 30,
                                                  kBadDimension, StorageType::Float16);
        CURATOR_ASSERT_OK(existing);
    }
    const auto before = curatortest::snapshotDirectory(workspace);

    curator::ImportRequest request = badCase.prepare(inputs);
    request.source = "incoming";
    request.model = kModel;
    const auto result = curator::importEmbeddings(workspace, request);

    ASSERT_FALSE(result.ok()) << badCase.name << " was imported";
    const std::string& blamed = badCase.blamesIdsFile ? request.idsPath : request.embeddingsPath;
    EXPECT_TRUE(contains(result.error(), blamed))
        << "the message does not name " << blamed << ": " << result.error();
    for (const auto& part : badCase.problem) {
        EXPECT_TRUE(contains(result.error(), part))
            << "the message lacks '" << part << "': " << result.error();
    }
    const auto after = curatortest::snapshotDirectory(workspace);
    EXPECT_EQ(after, before) << "before:\n"
                             << curatortest::describeSnapshot(before) << "after:\n"
                             << curatortest::describeSnapshot(after);
    if (state == WorkspaceState::Populated) {
        auto store = curator::EmbeddingStore::open(workspace);
        CURATOR_ASSERT_OK(store);
        ASSERT_EQ(store->matrices().size(), 1u);
        EXPECT_EQ(store->matrices()[0]->source(), "existing");
    }
}

INSTANTIATE_TEST_SUITE_P(Import, BadImport,
                         ::testing::Combine(::testing::ValuesIn(badImportCases()),
                                            ::testing::Values(WorkspaceState::Absent, WorkspaceState::Empty,
                                                              WorkspaceState::Populated)),
                         [](const ::testing::TestParamInfo<BadImport::ParamType>& parameter) {
                             return std::get<0>(parameter.param).name + "_" +
                                    workspaceStateName(std::get<1>(parameter.param));
                         });

// ---- The store's choice of matrices.

TEST(EmbeddingStore, selectsByModelAndSourceAndExplainsMistakes) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("workspace");
    const std::string inputs = directory.path().string();

    auto emptyStore = curator::EmbeddingStore::open(workspace); // absent workspace: an empty store
    CURATOR_ASSERT_OK(emptyStore);
    EXPECT_TRUE(emptyStore->matrices().empty());
    auto none = emptyStore->select("", {});
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(contains(none.error(), "no embeddings")) << none.error();

    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, inputs, "photos",
                                                curatortest::gaussianMatrix(10, 8, 1), 10, 8,
                                                StorageType::Float16, "clip"));
    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, inputs, "artwork",
                                                curatortest::gaussianMatrix(12, 8, 2), 12, 8,
                                                StorageType::Float32, "clip"));

    auto store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    // A single model needs no name.
    auto all = store->select("", {});
    CURATOR_ASSERT_OK(all);
    EXPECT_EQ(all->size(), 2u);
    auto unknownSource = store->select("clip", {"photos", "dreamcore"});
    ASSERT_FALSE(unknownSource.ok());
    EXPECT_TRUE(contains(unknownSource.error(), "dreamcore")) << unknownSource.error();
    EXPECT_TRUE(contains(unknownSource.error(), "photos") && contains(unknownSource.error(), "artwork"))
        << "the message should list the sources there are: " << unknownSource.error();
    auto unknownModel = store->select("siglip", {});
    ASSERT_FALSE(unknownModel.ok());
    EXPECT_TRUE(contains(unknownModel.error(), "siglip") && contains(unknownModel.error(), "clip"))
        << unknownModel.error();

    CURATOR_ASSERT_OK(curatortest::importMatrix(workspace, inputs, "photos",
                                                curatortest::gaussianMatrix(9, 16, 3), 9, 16,
                                                StorageType::Float16, "siglip"));
    store = curator::EmbeddingStore::open(workspace);
    CURATOR_ASSERT_OK(store);
    EXPECT_EQ(store->models(), (std::vector<std::string>{"clip", "siglip"}));
    auto ambiguous = store->select("", {});
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_TRUE(contains(ambiguous.error(), "clip") && contains(ambiguous.error(), "siglip"))
        << ambiguous.error();
    auto siglip = store->select("siglip", {});
    CURATOR_ASSERT_OK(siglip);
    ASSERT_EQ(siglip->size(), 1u);
    EXPECT_EQ((*siglip)[0]->dimension(), 16u);
    auto artworkOnly = store->select("clip", {"artwork", "artwork"});
    CURATOR_ASSERT_OK(artworkOnly);
    ASSERT_EQ(artworkOnly->size(), 1u);
    EXPECT_EQ((*artworkOnly)[0]->source(), "artwork");
    EXPECT_EQ(store->find("photos", "siglip")->rows(), 9u);
    EXPECT_EQ(store->find("artwork", "siglip"), nullptr);
}
