// Readers: .npy and .safetensors files written byte by byte (and by numpy when it is installed), the
// .npy writer, and ids files.

#include "testhelpers.h"

#include "common/half.h"
#include "store/idsfile.h"
#include "store/tensorfile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

using curatortest::contains;
using curatortest::TemporaryDirectory;

namespace {

std::vector<float> sampleValues(size_t count, uint64_t seed) {
    std::vector<float> values = curatortest::gaussianMatrix(1, count, seed);
    values[0] = 0.0f; // a few special values in every file
    if (count > 3) {
        values[1] = -0.0f;
        values[2] = 1e-6f;
        values[3] = -65504.0f;
    }
    return values;
}

// Values exactly representable in half and bfloat16 alike, so one list checks both readers.
std::vector<float> shortValues() {
    return {1.0f, -2.5f, 0.15625f, 3.0f, -0.375f, 96.0f, 0.0f, -1024.0f};
}

void expectRowsEqual(const curator::TensorFile& tensor, const std::vector<float>& expected) {
    ASSERT_EQ(tensor.rows() * tensor.columns(), expected.size());
    const std::vector<float> all = tensor.readAll();
    ASSERT_EQ(all.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(all[i], expected[i]) << tensor.path() << " element " << i;
        ASSERT_EQ(std::signbit(all[i]), std::signbit(expected[i])) << tensor.path() << " element " << i;
    }
    std::vector<float> row(tensor.columns());
    for (size_t r = 0; r < tensor.rows(); ++r) {
        tensor.readRow(r, row.data());
        for (size_t c = 0; c < tensor.columns(); ++c) {
            ASSERT_EQ(row[c], expected[r * tensor.columns() + c]) << "row " << r << " column " << c;
        }
    }
}

std::vector<float> halvesOf(const std::vector<float>& values) {
    std::vector<float> rounded;
    for (float value : values) {
        rounded.push_back(curator::halfToFloat(curator::floatToHalf(value)));
    }
    return rounded;
}

std::vector<uint16_t> bfloat16Of(const std::vector<float>& values) {
    std::vector<uint16_t> result;
    for (float value : values) {
        uint32_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        result.push_back(static_cast<uint16_t>(bits >> 16)); // exact for the chosen values
    }
    return result;
}

} // namespace

TEST(NpyReader, readsFloat32Matrix) {
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(7 * 13, 11);
    const std::string path = directory.filePath("m.npy");
    curatortest::writeBytes(path,
                            curatortest::npyBytes("<f4", "(7, 13)", curatortest::float32Payload(values)));
    auto tensor = curator::TensorFile::open(path);
    CURATOR_ASSERT_OK(tensor);
    EXPECT_EQ(tensor->elementType(), curator::ElementType::Float32);
    EXPECT_EQ(tensor->shape(), (std::vector<size_t>{7, 13}));
    EXPECT_EQ(tensor->rank(), 2u);
    EXPECT_EQ(tensor->rows(), 7u);
    EXPECT_EQ(tensor->columns(), 13u);
    EXPECT_EQ(tensor->shapeText(), "(7, 13)");
    expectRowsEqual(*tensor, values);
}

TEST(NpyReader, rowsReleasedFromMemoryReadTheSameAgain) {
    // Larger than a few pages, so that releasing the rows behind a read window drops whole pages.
    TemporaryDirectory directory;
    const size_t rows = 600, columns = 64; // 150 KiB
    const std::vector<float> values = sampleValues(rows * columns, 5);
    const std::string path = directory.filePath("big.npy");
    curatortest::writeBytes(path,
                            curatortest::npyBytes("<f4", "(600, 64)", curatortest::float32Payload(values)));
    auto tensor = curator::TensorFile::open(path);
    CURATOR_ASSERT_OK(tensor);
    tensor->adviseSequential();
    std::vector<float> row(columns);
    for (size_t r = 0; r < rows; ++r) {
        if (r % 100 == 0) {
            tensor->releaseRowsBefore(r);
        }
        tensor->readRow(r, row.data());
        ASSERT_EQ(std::memcmp(row.data(), values.data() + r * columns, columns * sizeof(float)), 0) << r;
    }
    tensor->releaseRowsBefore(rows + 10); // past the end: clamped
    expectRowsEqual(*tensor, values);     // read again from the file
}

TEST(NpyReader, readsFloat16Matrix) {
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(5 * 9, 12);
    const std::string path = directory.filePath("m.npy");
    curatortest::writeBytes(path,
                            curatortest::npyBytes("<f2", "(5, 9)", curatortest::float16Payload(values)));
    auto tensor = curator::TensorFile::open(path);
    CURATOR_ASSERT_OK(tensor);
    EXPECT_EQ(tensor->elementType(), curator::ElementType::Float16);
    EXPECT_EQ(tensor->shape(), (std::vector<size_t>{5, 9}));
    expectRowsEqual(*tensor, halvesOf(values));
}

TEST(NpyReader, readsOneDimensionalVectorsAsOneRow) {
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(17, 13);
    const std::string path32 = directory.filePath("v32.npy");
    const std::string path16 = directory.filePath("v16.npy");
    curatortest::writeBytes(path32,
                            curatortest::npyBytes("<f4", "(17,)", curatortest::float32Payload(values)));
    curatortest::writeBytes(path16,
                            curatortest::npyBytes("<f2", "(17,)", curatortest::float16Payload(values)));
    for (const auto& [path, expected] : {std::pair{path32, values}, std::pair{path16, halvesOf(values)}}) {
        auto tensor = curator::TensorFile::open(path);
        CURATOR_ASSERT_OK(tensor);
        EXPECT_EQ(tensor->rank(), 1u);
        EXPECT_EQ(tensor->rows(), 1u);
        EXPECT_EQ(tensor->columns(), 17u);
        EXPECT_EQ(tensor->shapeText(), "(17,)");
        expectRowsEqual(*tensor, expected);
    }
}

// Version 2.0 headers carry a 4-byte length (numpy writes them when the header exceeds 65535 bytes).
TEST(NpyReader, readsVersion2Header) {
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(3 * 5, 17);
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }";
    header.append((64 - (12 + header.size() + 1) % 64) % 64, ' ');
    header += '\n';
    std::string bytes("\x93NUMPY\x02\x00", 8);
    for (int i = 0; i < 4; ++i) {
        bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
    }
    const std::string path = directory.filePath("v2.npy");
    curatortest::writeBytes(path, bytes + header + curatortest::float32Payload(values));
    auto tensor = curator::TensorFile::open(path);
    CURATOR_ASSERT_OK(tensor);
    EXPECT_EQ(tensor->shape(), (std::vector<size_t>{3, 5}));
    expectRowsEqual(*tensor, values);
}

TEST(NpyReader, refusesMalformedFilesNamingThem) {
    TemporaryDirectory directory;
    struct Case {
        std::string name;
        std::string bytes;
        std::string problem;
    };
    const std::string payload = curatortest::float32Payload(sampleValues(12, 14));
    const std::vector<Case> cases = {
        {"fortran.npy", curatortest::npyBytes("<f4", "(3, 4)", payload, true), "Fortran"},
        {"bigendian.npy", curatortest::npyBytes(">f4", "(3, 4)", payload), "big-endian"},
        {"float64.npy", curatortest::npyBytes("<f8", "(3, 2)", payload), "unsupported dtype"},
        {"scalar.npy", curatortest::npyBytes("<f4", "()", payload), "rank 0"},
        {"empty.npy", curatortest::npyBytes("<f4", "(0, 4)", ""), "empty dimension"},
        {"header.npy", curatortest::npyBytes("<f4", "(3, 4)", payload).substr(0, 40),
         "truncated .npy header"},
        {"tiny.npy", "\x93NUM", "not a .npy"},
    };
    for (const auto& c : cases) {
        const std::string path = directory.filePath(c.name);
        curatortest::writeBytes(path, c.bytes);
        auto tensor = curator::TensorFile::open(path);
        ASSERT_FALSE(tensor.ok()) << c.name;
        EXPECT_TRUE(contains(tensor.error(), path)) << tensor.error();
        EXPECT_TRUE(contains(tensor.error(), c.problem)) << c.name << ": " << tensor.error();
    }
    auto wrongType = curator::TensorFile::open(directory.filePath("data.csv"));
    ASSERT_FALSE(wrongType.ok());
    EXPECT_TRUE(contains(wrongType.error(), "unsupported file type")) << wrongType.error();
}

TEST(NpyWriter, writesFilesTheReaderAndNumpyLayoutAgreeOn) {
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(4 * 33, 15);
    const std::string path32 = directory.filePath("w32.npy");
    const std::string path16 = directory.filePath("w16.npy");
    CURATOR_ASSERT_OK(curator::writeNpy(path32, values.data(), {4, 33}));
    CURATOR_ASSERT_OK(curator::writeNpy(path16, values.data(), {4, 33}, curator::ElementType::Float16));
    // Byte-identical to the hand-written format: header padded to 64, data right after.
    EXPECT_EQ(curatortest::readBytes(path32),
              curatortest::npyBytes("<f4", "(4, 33)", curatortest::float32Payload(values)));
    EXPECT_EQ(curatortest::readBytes(path16),
              curatortest::npyBytes("<f2", "(4, 33)", curatortest::float16Payload(values)));
    auto tensor = curator::TensorFile::open(path16);
    CURATOR_ASSERT_OK(tensor);
    expectRowsEqual(*tensor, halvesOf(values));
    EXPECT_FALSE(curator::writeNpy(directory.filePath("bf.npy"), values.data(), {4, 33},
                                   curator::ElementType::BFloat16)
                     .ok());
}

TEST(SafetensorsReader, readsFloat32Float16AndBFloat16) {
    TemporaryDirectory directory;
    const std::vector<float> values = shortValues(); // 2 x 4
    const std::vector<uint16_t> halves = [&] {
        std::vector<uint16_t> h;
        for (float value : values) {
            h.push_back(curator::floatToHalf(value));
        }
        return h;
    }();
    struct Case {
        std::string dtype;
        std::string payload;
        curator::ElementType type;
    };
    const std::vector<Case> cases = {
        {"F32", curatortest::float32Payload(values), curator::ElementType::Float32},
        {"F16", curatortest::halfPayload(halves), curator::ElementType::Float16},
        {"BF16", curatortest::halfPayload(bfloat16Of(values)), curator::ElementType::BFloat16},
    };
    for (const auto& c : cases) {
        const std::string path = directory.filePath(c.dtype + ".safetensors");
        curatortest::writeBytes(
            path, curatortest::safetensorsBytes({{"embeddings", c.dtype, {2, 4}, c.payload}}, true));
        auto tensor = curator::TensorFile::open(path);
        CURATOR_ASSERT_OK(tensor);
        EXPECT_EQ(tensor->elementType(), c.type) << c.dtype;
        EXPECT_EQ(tensor->shape(), (std::vector<size_t>{2, 4}));
        expectRowsEqual(*tensor, values); // every value is exact in all three types
    }
}

TEST(SafetensorsReader, choosesTensorsByNameAndHonoursOffsets) {
    TemporaryDirectory directory;
    const std::vector<float> first = {1, 2, 3, 4, 5, 6};
    const std::vector<float> second = {-1, -2, -3, -4, -5, -6, -7, -8};
    const std::vector<float> bias = {0.5f, 0.25f};
    const std::string path = directory.filePath("two.safetensors");
    curatortest::writeBytes(path, curatortest::safetensorsBytes({
                                      {"image", "F32", {3, 2}, curatortest::float32Payload(first)},
                                      {"text", "F32", {2, 4}, curatortest::float32Payload(second)},
                                      {"bias", "F32", {2}, curatortest::float32Payload(bias)},
                                  }));
    auto text = curator::TensorFile::open(path, "text"); // lies after another tensor's data
    CURATOR_ASSERT_OK(text);
    EXPECT_EQ(text->shape(), (std::vector<size_t>{2, 4}));
    expectRowsEqual(*text, second);
    auto missing = curator::TensorFile::open(path, "audio");
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(contains(missing.error(), "audio")) << missing.error();
    auto ambiguous = curator::TensorFile::open(path);
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_TRUE(contains(ambiguous.error(), "image") && contains(ambiguous.error(), "text"))
        << ambiguous.error();

    // With a single 2-D tensor beside 1-D ones, no name is needed.
    const std::string single = directory.filePath("single.safetensors");
    curatortest::writeBytes(single, curatortest::safetensorsBytes({
                                        {"bias", "F32", {2}, curatortest::float32Payload(bias)},
                                        {"image", "F32", {3, 2}, curatortest::float32Payload(first)},
                                    }));
    auto chosen = curator::TensorFile::open(single);
    CURATOR_ASSERT_OK(chosen);
    expectRowsEqual(*chosen, first);
    auto tensorForNpy = curator::TensorFile::open(directory.filePath("x.npy"), "image");
    EXPECT_FALSE(tensorForNpy.ok());
}

// A header's numbers are read only when they are whole numbers that fit: a shape of 1e300 (which the
// JSON parser reads as a float) is refused naming the field, never cast.
TEST(SafetensorsReader, refusesShapesAndOffsetsThatAreNotWholeNumbers) {
    TemporaryDirectory directory;
    const std::string payload = curatortest::float32Payload({1, 2, 3, 4});
    const auto writeWithHeader = [&](const std::string& name, const std::string& header) {
        std::string bytes;
        for (int i = 0; i < 8; ++i) {
            bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
        }
        const std::string path = directory.filePath(name);
        curatortest::writeBytes(path, bytes + header + payload);
        return path;
    };
    const std::string good =
        writeWithHeader("good.safetensors", R"({"m":{"dtype":"F32","shape":[2.0,2],"data_offsets":[0,16]}})");
    CURATOR_ASSERT_OK(curator::TensorFile::open(good));
    for (const auto& [header, expected] : std::vector<std::pair<std::string, std::string>>{
             {R"({"m":{"dtype":"F32","shape":[1e300,2],"data_offsets":[0,16]}})", "shape holds 1e+300"},
             {R"({"m":{"dtype":"F32","shape":[-2,2],"data_offsets":[0,16]}})", "shape holds -2"},
             {R"({"m":{"dtype":"F32","shape":[2,2],"data_offsets":[0,6.9e115]}})", "data_offsets"},
             {R"({"m":{"dtype":"F32","shape":[2,2],"data_offsets":[0]}})", "data_offsets"},
             {R"({"m":{"dtype":"F32","shape":{"a":1},"data_offsets":[0,16]}})", "\"shape\" as a list"}}) {
        const std::string path = writeWithHeader("bad.safetensors", header);
        auto opened = curator::TensorFile::open(path);
        ASSERT_FALSE(opened.ok()) << header;
        EXPECT_TRUE(contains(opened.error(), expected)) << opened.error();
        EXPECT_TRUE(contains(opened.error(), "bad.safetensors")) << opened.error();
    }
}

TEST(IdsFile, readsTextLines) {
    TemporaryDirectory directory;
    const std::string path = directory.filePath("ids.txt");
    curatortest::writeBytes(path, "alpha\r\nbeta\ngamma delta\nlast-without-newline");
    auto ids = curator::readIdsFile(path);
    CURATOR_ASSERT_OK(ids);
    ASSERT_EQ(ids->size(), 4u);
    EXPECT_EQ((*ids)[0].id, "alpha"); // CR of CRLF dropped
    EXPECT_EQ((*ids)[1].id, "beta");
    EXPECT_EQ((*ids)[2].id, "gamma delta");
    EXPECT_EQ((*ids)[3].id, "last-without-newline");
    EXPECT_TRUE((*ids)[0].path.empty());
}

TEST(IdsFile, readsJsonLinesWithPathAndCaption) {
    TemporaryDirectory directory;
    const std::string path = directory.filePath("ids.jsonl");
    curatortest::writeLines(path, {
                                      R"({"id": "img-1", "path": "/data/a.jpg", "caption": "a red \"fox\""})",
                                      R"({"id": 42, "path": "/data/b.png"})",
                                      R"({"id": "img-3", "caption": null, "extra": [1, 2]})",
                                  });
    auto ids = curator::readIdsFile(path);
    CURATOR_ASSERT_OK(ids);
    ASSERT_EQ(ids->size(), 3u);
    EXPECT_EQ((*ids)[0].id, "img-1");
    EXPECT_EQ((*ids)[0].path, "/data/a.jpg");
    EXPECT_EQ((*ids)[0].caption, "a red \"fox\"");
    EXPECT_EQ((*ids)[1].id, "42");
    EXPECT_EQ((*ids)[1].path, "/data/b.png");
    EXPECT_TRUE((*ids)[1].caption.empty());
    EXPECT_EQ((*ids)[2].id, "img-3");
}

TEST(IdsFile, refusesBadLinesNamingTheLine) {
    TemporaryDirectory directory;
    struct Case {
        std::string name;
        std::string contents;
        std::string where;
        std::string problem;
    };
    const std::vector<Case> cases = {
        {"dup.txt", "a\nb\nc\nb\n", ":4", "duplicate id 'b'"},
        {"blank.txt", "a\n\nb\n", ":2", "empty line"},
        {"bad.jsonl", "{\"id\": \"a\"}\n{\"id\": \n", ":2", "invalid JSON"},
        {"noid.jsonl", "{\"id\": \"a\"}\n{\"path\": \"x\"}\n", ":2", "\"id\""},
        {"empty.txt", "", "", "no ids"},
        {"ids.csv", "a\n", "", "unsupported ids file type"},
    };
    for (const auto& c : cases) {
        const std::string path = directory.filePath(c.name);
        curatortest::writeBytes(path, c.contents);
        auto ids = curator::readIdsFile(path);
        ASSERT_FALSE(ids.ok()) << c.name;
        EXPECT_TRUE(contains(ids.error(), path + c.where)) << ids.error();
        EXPECT_TRUE(contains(ids.error(), c.problem)) << ids.error();
    }
}

// ---- numpy interop: files numpy writes are read exactly, and numpy reads ours.

namespace {

const char* const kPython = "/usr/bin/python3.11";

bool numpyAvailable() {
    if (!std::filesystem::exists(kPython)) {
        return false;
    }
    const std::string command = std::string(kPython) + " -c 'import numpy' > /dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

std::vector<float> readFloatsText(const std::string& path) {
    std::ifstream in(path);
    std::vector<float> values;
    std::string token;
    while (in >> token) {
        values.push_back(std::strtof(token.c_str(), nullptr)); // repr of a float32 round-trips exactly
    }
    return values;
}

} // namespace

TEST(NumpyInterop, readsWhatNumpyWrites) {
    if (!numpyAvailable()) {
        GTEST_SKIP() << kPython << " with numpy is not available";
    }
    TemporaryDirectory directory;
    const std::string script = directory.filePath("make.py");
    curatortest::writeBytes(script,
                            "import sys, numpy as np\n"
                            "d = sys.argv[1]\n"
                            "rng = np.random.default_rng(1234)\n"
                            "a = (rng.standard_normal((37, 21)) * 3).astype(np.float32)\n"
                            "a[0, 0] = 1e-7; a[0, 1] = -0.0; a[0, 2] = 70000.0\n"
                            "np.save(d + '/f32.npy', a)\n"
                            "h = a.astype(np.float16)\n"
                            "h[1, 0] = np.float16(6e-8); h[1, 1] = np.float16(65504)\n"
                            "np.save(d + '/f16.npy', h)\n"
                            "np.save(d + '/v16.npy', h[2])\n"
                            "np.savetxt(d + '/f32.txt', a.reshape(-1), fmt='%.9g')\n"
                            "np.savetxt(d + '/f16.txt', h.astype(np.float32).reshape(-1), fmt='%.9g')\n");
    const std::string command = std::string(kPython) + " " + script + " " + directory.path().string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;

    auto f32 = curator::TensorFile::open(directory.filePath("f32.npy"));
    CURATOR_ASSERT_OK(f32);
    EXPECT_EQ(f32->shape(), (std::vector<size_t>{37, 21}));
    EXPECT_EQ(f32->elementType(), curator::ElementType::Float32);
    expectRowsEqual(*f32, readFloatsText(directory.filePath("f32.txt")));

    auto f16 = curator::TensorFile::open(directory.filePath("f16.npy"));
    CURATOR_ASSERT_OK(f16);
    EXPECT_EQ(f16->elementType(), curator::ElementType::Float16);
    const std::vector<float> halfValues = readFloatsText(directory.filePath("f16.txt"));
    expectRowsEqual(*f16, halfValues);
    // numpy's own float32 -> float16 rounding agrees with floatToHalf.
    const std::vector<float> original = readFloatsText(directory.filePath("f32.txt"));
    for (size_t i = 21; i < original.size(); ++i) { // row 0 and the two cells of row 1 were overwritten
        if (i == 21 || i == 22) {
            continue;
        }
        ASSERT_EQ(curator::halfToFloat(curator::floatToHalf(original[i])), halfValues[i]) << "element " << i;
    }

    auto vector = curator::TensorFile::open(directory.filePath("v16.npy"));
    CURATOR_ASSERT_OK(vector);
    EXPECT_EQ(vector->rank(), 1u);
    expectRowsEqual(*vector, std::vector<float>(halfValues.begin() + 42, halfValues.begin() + 63));
}

TEST(NumpyInterop, numpyReadsWhatWriteNpyWrites) {
    if (!numpyAvailable()) {
        GTEST_SKIP() << kPython << " with numpy is not available";
    }
    TemporaryDirectory directory;
    const std::vector<float> values = sampleValues(6 * 11, 16);
    CURATOR_ASSERT_OK(curator::writeNpy(directory.filePath("ours32.npy"), values.data(), {6, 11}));
    CURATOR_ASSERT_OK(curator::writeNpy(directory.filePath("ours16.npy"), values.data(), {66},
                                        curator::ElementType::Float16));
    const std::string script = directory.filePath("read.py");
    curatortest::writeBytes(script,
                            "import sys, numpy as np\n"
                            "d = sys.argv[1]\n"
                            "a = np.load(d + '/ours32.npy'); h = np.load(d + '/ours16.npy')\n"
                            "assert a.dtype == np.float32 and a.shape == (6, 11), (a.dtype, a.shape)\n"
                            "assert h.dtype == np.float16 and h.shape == (66,), (h.dtype, h.shape)\n"
                            "np.savetxt(d + '/ours32.txt', a.reshape(-1), fmt='%.9g')\n"
                            "np.savetxt(d + '/ours16.txt', h.astype(np.float32), fmt='%.9g')\n");
    const std::string command = std::string(kPython) + " " + script + " " + directory.path().string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    const std::vector<float> read32 = readFloatsText(directory.filePath("ours32.txt"));
    const std::vector<float> read16 = readFloatsText(directory.filePath("ours16.txt"));
    ASSERT_EQ(read32.size(), values.size());
    ASSERT_EQ(read16.size(), values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(read32[i], values[i]) << i;
        EXPECT_EQ(read16[i], curator::halfToFloat(curator::floatToHalf(values[i]))) << i;
    }
}
