// The device scan (the GPU scan's code, run on LibTorch's CPU device here) against the CPU scan:
// same top-k ids and order, similarities within 1e-4, same counts, over fp32 and fp16 stores.

#include "curation/scanner.h"
#include "plugin/torchplugin.h"
#include "search/scanbenchmark.h"
#include "torchtesthelpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

using namespace curator;

namespace {

struct Store {
    torchtest::TemporaryDirectory directory;
    std::vector<std::unique_ptr<EmbeddingMatrix>> matrices;
    std::vector<const EmbeddingMatrix*> segments() const {
        std::vector<const EmbeddingMatrix*> out;
        for (const auto& matrix : matrices) {
            out.push_back(matrix.get());
        }
        return out;
    }
};

void addMatrix(Store& store, const std::string& source, size_t rows, size_t dimension, StorageType storage,
               uint64_t seed) {
    const std::string directory = (store.directory.path() / source).string();
    ASSERT_TRUE(writeSyntheticMatrix(directory, source, "synthetic", rows, dimension, storage, seed).ok());
    auto matrix = EmbeddingMatrix::open(directory);
    ASSERT_TRUE(matrix.ok()) << matrix.error();
    store.matrices.push_back(std::move(*matrix));
}

// A query near row `row` of the first segment (so the top of the ranking is well separated), and
// `negatives` random negatives.
QuerySet makeQueries(const Store& store, size_t row, size_t negatives, float threshold, uint64_t seed) {
    const EmbeddingMatrix& first = *store.matrices.front();
    std::vector<float> query(first.dimension());
    first.readRow(row, query.data());
    std::mt19937_64 random(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (float& value : query) {
        value += 0.05f * normal(random);
    }
    std::vector<std::vector<float>> negativeVectors(negatives, std::vector<float>(first.dimension()));
    for (auto& vector : negativeVectors) {
        for (float& value : vector) {
            value = normal(random);
        }
    }
    auto set = makeQuerySet(query, negativeVectors, threshold);
    EXPECT_TRUE(set.ok()) << set.error();
    return *set;
}

void expectSameSearch(const Store& store, const QuerySet& queries, size_t k) {
    auto cpu = searchTopK(store.segments(), queries, k);
    ASSERT_TRUE(cpu.ok()) << cpu.error();
    auto scanner = DeviceScanner::create(store.segments(), ScanDevice::Cpu);
    ASSERT_TRUE(scanner.ok()) << scanner.error();
    EXPECT_EQ((*scanner)->device(), "cpu");
    auto device = (*scanner)->searchTopK(queries, k);
    ASSERT_TRUE(device.ok()) << device.error();

    EXPECT_EQ(device->scanned, cpu->scanned);
    EXPECT_EQ(device->masked, cpu->masked);
    ASSERT_EQ(device->hits.size(), cpu->hits.size());
    float worst = 0;
    for (size_t i = 0; i < cpu->hits.size(); ++i) {
        EXPECT_EQ(device->hits[i].ref, cpu->hits[i].ref) << "rank " << i;
        EXPECT_EQ(device->hits[i].id, cpu->hits[i].id) << "rank " << i;
        EXPECT_EQ(device->hits[i].source, cpu->hits[i].source) << "rank " << i;
        worst = std::max(worst, std::fabs(device->hits[i].similarity - cpu->hits[i].similarity));
    }
    std::printf("[device scan] %zu hits, %zu masked of %zu rows, max |similarity difference| = %.3g\n",
                cpu->hits.size(), cpu->masked, cpu->scanned, static_cast<double>(worst));
    EXPECT_LE(worst, 1e-4f);

    for (float threshold : {-1.0f, 0.0f, 0.1f, 0.3f, 0.9f}) {
        auto cpuCount = countAbove(store.segments(), queries, threshold);
        auto deviceCount = (*scanner)->countAbove(queries, threshold);
        ASSERT_TRUE(cpuCount.ok() && deviceCount.ok());
        EXPECT_EQ(deviceCount->count, cpuCount->count) << "threshold " << threshold;
        EXPECT_EQ(deviceCount->masked, cpuCount->masked) << "threshold " << threshold;
        EXPECT_EQ(deviceCount->maskedAboveThreshold, cpuCount->maskedAboveThreshold)
            << "threshold " << threshold;
        EXPECT_EQ(deviceCount->scanned, cpuCount->scanned);
    }
}

} // namespace

TEST(DeviceScan, Float32StoreGivesTheCpuScansTopKAndCounts) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Store store;
    addMatrix(store, "photos", 3000, 64, StorageType::Float32, 11);
    expectSameSearch(store, makeQueries(store, 17, 0, 0.3f, 1), 50);
    expectSameSearch(store, makeQueries(store, 1234, 3, 0.2f, 2), 50);
}

TEST(DeviceScan, Float16StoreGivesTheCpuScansTopKAndCounts) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Store store;
    addMatrix(store, "photos", 4000, 96, StorageType::Float16, 12);
    expectSameSearch(store, makeQueries(store, 5, 0, 0.3f, 3), 50);
    expectSameSearch(store, makeQueries(store, 3999, 4, 0.15f, 4), 100);
}

TEST(DeviceScan, SeveralSegmentsOfBothStoragesAndLargeK) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Store store;
    addMatrix(store, "photos", 2500, 64, StorageType::Float16, 21);
    addMatrix(store, "artwork", 1500, 64, StorageType::Float32, 22);
    addMatrix(store, "dreamcore", 700, 64, StorageType::Float16, 23);
    expectSameSearch(store, makeQueries(store, 100, 2, 0.2f, 5), 20);
    // k beyond the number of unmasked rows: every unmasked row, in order.
    expectSameSearch(store, makeQueries(store, 100, 2, 0.2f, 6), 10000);
}

TEST(DeviceScan, DimensionMismatchAndMissingCudaAreErrors) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Store store;
    addMatrix(store, "photos", 100, 64, StorageType::Float32, 31);
    addMatrix(store, "other", 100, 32, StorageType::Float32, 32);
    auto mixed = DeviceScanner::create(store.segments(), ScanDevice::Cpu);
    ASSERT_FALSE(mixed.ok());
    EXPECT_NE(mixed.error().find("one dimension"), std::string::npos) << mixed.error();

    auto scanner = DeviceScanner::create({store.matrices.front().get()}, ScanDevice::Cpu);
    ASSERT_TRUE(scanner.ok()) << scanner.error();
    auto wrong = makeQuerySet(std::vector<float>(32, 1.0f), {}, 0.3f);
    ASSERT_TRUE(wrong.ok());
    auto result = (*scanner)->searchTopK(*wrong, 5);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("dimension 32"), std::string::npos) << result.error();

    auto backend = loadTorchBackend();
    ASSERT_TRUE(backend.ok());
    if (!(*backend)->cudaAvailable()) {
        auto cuda = DeviceScanner::create({store.matrices.front().get()}, ScanDevice::Cuda);
        ASSERT_FALSE(cuda.ok());
        EXPECT_NE(cuda.error().find("CUDA"), std::string::npos) << cuda.error();
    }
}

// The workspace's scanner on the device path (run on LibTorch's CPU device): every operation a front end
// asks for (a search with its histogram and count, a band sample, a commit's selection) comes from the
// device's row scores and agrees with the CPU scanner.
TEST(DeviceScan, TheScannerServesEveryOperationFromTheDevice) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Store store;
    addMatrix(store, "photos", 2500, 64, StorageType::Float16, 41);
    addMatrix(store, "artwork", 1500, 64, StorageType::Float32, 42);
    const QuerySet queries = makeQueries(store, 100, 2, 0.2f, 7);
    Scanner cpu(ScanPlace::Cpu);
    Scanner device(ScanPlace::Gpu, {}, ScanDevice::Cpu);

    ScanWants wants;
    wants.topK = 30;
    wants.distributionBins = 50;
    wants.countThreshold = 0.2f;
    auto cpuScan = cpu.scan(store.segments(), queries, wants);
    auto deviceScan = device.scan(store.segments(), queries, wants);
    ASSERT_TRUE(cpuScan.ok()) << cpuScan.error();
    ASSERT_TRUE(deviceScan.ok()) << deviceScan.error();
    EXPECT_EQ(device.device(), "cpu"); // LibTorch's CPU device, through the device path
    ASSERT_EQ(deviceScan->top.hits.size(), cpuScan->top.hits.size());
    for (size_t i = 0; i < cpuScan->top.hits.size(); ++i) {
        EXPECT_EQ(deviceScan->top.hits[i].id, cpuScan->top.hits[i].id) << "rank " << i;
        EXPECT_EQ(deviceScan->top.hits[i].source, cpuScan->top.hits[i].source) << "rank " << i;
    }
    EXPECT_EQ(deviceScan->top.masked, cpuScan->top.masked);
    EXPECT_GT(deviceScan->top.masked, 0u);
    // Float rounding may move a row that sits on a bin edge; nothing more.
    size_t moved = 0;
    for (size_t bin = 0; bin < cpuScan->distribution->counts.size(); ++bin) {
        moved +=
            static_cast<size_t>(std::llabs(static_cast<long long>(deviceScan->distribution->counts[bin]) -
                                           static_cast<long long>(cpuScan->distribution->counts[bin])));
    }
    EXPECT_LE(moved, 2u);
    EXPECT_NEAR(static_cast<double>(deviceScan->count->count), static_cast<double>(cpuScan->count->count),
                1.0);

    auto cpuSample = cpu.sample(store.segments(), queries, 0.0f, 0.3f, 10, 5);
    auto deviceSample = device.sample(store.segments(), queries, 0.0f, 0.3f, 10, 5);
    ASSERT_TRUE(cpuSample.ok() && deviceSample.ok());
    EXPECT_GT(cpuSample->eligible, 10u);
    EXPECT_NEAR(static_cast<double>(deviceSample->eligible), static_cast<double>(cpuSample->eligible), 1.0);
    EXPECT_EQ(deviceSample->hits.size(), 10u);

    auto options = device.optionsFor(store.segments());
    ASSERT_TRUE(options.ok()) << options.error();
    ASSERT_TRUE(static_cast<bool>(options->rowScores)); // a commit's selection takes the device's scores
    auto cpuSelection = selectAbove(store.segments(), queries, 0.2f);
    auto deviceSelection = selectAbove(store.segments(), queries, 0.2f, *options);
    ASSERT_TRUE(cpuSelection.ok() && deviceSelection.ok());
    EXPECT_NEAR(static_cast<double>(deviceSelection->rows.size()),
                static_cast<double>(cpuSelection->rows.size()), 1.0);
    EXPECT_GT(cpuSelection->rows.size(), 0u);
    auto cpuOptions = cpu.optionsFor(store.segments());
    ASSERT_TRUE(cpuOptions.ok());
    EXPECT_FALSE(static_cast<bool>(cpuOptions->rowScores));
}
