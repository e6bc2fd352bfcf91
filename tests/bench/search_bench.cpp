// The search benchmark of docs/benchmarks.md: on the same synthetic matrix and in the same run, a plain
// multi-threaded read (the floor), our exact scan (query alone and query + negatives in one pass), FAISS
// IndexFlatIP (fp32) and IndexScalarQuantizer fp16 (one query, and query + negatives as a batch), and
// hnsw top-50 on a subset. Usage: search_bench [rows] [dims...]; default 255000 rows, 1024 f32 + 4096 f16.
#include "search/hnswindex.h"
#include "search/scanbenchmark.h"
#include "search/searchoperations.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexScalarQuantizer.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using curator::StorageType;

constexpr unsigned kRepeats = 5;
constexpr size_t kTopK = 50;
constexpr size_t kNegatives = 3;
// hnsw builds take minutes on two cores: it is timed on a subset (fewer rows at the wider dimension).
constexpr size_t kHnswRows = 50000;
constexpr size_t kHnswRowsWide = 10000;

double bestMs(const std::function<void()>& run, unsigned repeats = kRepeats) {
    double best = 1e300;
    for (unsigned i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        best = std::min(
            best,
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

std::vector<float> randomUnit(size_t dimension, std::mt19937& random) {
    std::normal_distribution<float> gaussian;
    std::vector<float> v(dimension);
    double norm = 0;
    for (auto& x : v) {
        x = gaussian(random);
        norm += static_cast<double>(x) * x;
    }
    for (auto& x : v) {
        x = static_cast<float>(x / std::sqrt(norm));
    }
    return v;
}

int runOne(size_t rows, size_t dimension, StorageType storage, const fs::path& scratch) {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    omp_set_num_threads(static_cast<int>(threads));
    const fs::path directory = scratch / ("bench-" + std::to_string(dimension));
    if (auto status = curator::writeSyntheticMatrix(directory.string(), "bench", "synthetic", rows, dimension,
                                                    storage, 42);
        !status) {
        std::fprintf(stderr, "%s\n", status.error().c_str());
        return 1;
    }
    auto opened = curator::EmbeddingMatrix::open(directory.string());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().c_str());
        return 1;
    }
    const curator::EmbeddingMatrix& matrix = **opened;
    const std::vector<const curator::EmbeddingMatrix*> segments{&matrix};

    std::mt19937 random(1);
    const std::vector<float> query = randomUnit(dimension, random);
    std::vector<std::vector<float>> negatives;
    std::vector<float> batch = query; // query + negatives, for FAISS
    for (size_t n = 0; n < kNegatives; ++n) {
        negatives.push_back(randomUnit(dimension, random));
        batch.insert(batch.end(), negatives.back().begin(), negatives.back().end());
    }
    auto queryOnly = curator::makeQuerySet(query, {}, 0.3f);
    auto withNegatives = curator::makeQuerySet(query, negatives, 0.3f);

    // FAISS gets the same rows as float32 (what it indexes).
    std::vector<float> rowsAsFloat(rows * dimension);
    for (size_t r = 0; r < rows; ++r) {
        matrix.readRow(r, rowsAsFloat.data() + r * dimension);
    }
    faiss::IndexFlatIP flat(static_cast<faiss::Index::idx_t>(dimension));
    flat.add(static_cast<faiss::Index::idx_t>(rows), rowsAsFloat.data());
    faiss::IndexScalarQuantizer halfIndex(static_cast<faiss::Index::idx_t>(dimension),
                                          faiss::ScalarQuantizer::QT_fp16, faiss::METRIC_INNER_PRODUCT);
    halfIndex.train(static_cast<faiss::Index::idx_t>(rows), rowsAsFloat.data());
    halfIndex.add(static_cast<faiss::Index::idx_t>(rows), rowsAsFloat.data());
    std::vector<float> distances(kTopK * (1 + kNegatives));
    std::vector<faiss::Index::idx_t> labels(kTopK * (1 + kNegatives));
    auto faissSearch = [&](faiss::Index& index, size_t queries) {
        index.search(static_cast<faiss::Index::idx_t>(queries), batch.data(), kTopK, distances.data(),
                     labels.data());
    };

    volatile uint64_t sink = curator::plainRead(matrix.data(), matrix.byteSize(), threads);
    const double readMs =
        bestMs([&] { sink = sink + curator::plainRead(matrix.data(), matrix.byteSize(), threads); });
    const double scanMs = bestMs([&] { (void)curator::searchTopK(segments, *queryOnly, kTopK); });
    const double scanNegMs = bestMs([&] { (void)curator::searchTopK(segments, *withNegatives, kTopK); });
    const double flatMs = bestMs([&] { faissSearch(flat, 1); });
    const double flatBatchMs = bestMs([&] { faissSearch(flat, 1 + kNegatives); });
    const double sqMs = bestMs([&] { faissSearch(halfIndex, 1); }, 3);
    const double sqBatchMs = bestMs([&] { faissSearch(halfIndex, 1 + kNegatives); }, 3);

    const double gigabytes = static_cast<double>(matrix.byteSize()) / 1e9;
    std::printf("\n%zu x %zu %s (%.2f GB), %u threads, %s kernels, best of %u\n", rows, dimension,
                curator::storageTypeName(storage), gigabytes, threads,
                curator::simdLevelName(curator::detectSimdLevel()), kRepeats);
    std::printf("  %-44s %9s %8s %8s\n", "", "ms", "GB/s", "x read");
    auto line = [&](const char* what, double ms, bool ofOurMatrix) {
        if (ofOurMatrix) {
            std::printf("  %-44s %9.1f %8.1f %8.2f\n", what, ms, gigabytes / (ms / 1000), ms / readMs);
        } else {
            std::printf("  %-44s %9.1f %8s %8.2f\n", what, ms, "", ms / readMs);
        }
    };
    line("plain read of the matrix", readMs, true);
    line("curator exact scan, query", scanMs, true);
    line("curator exact scan, query + 3 negatives", scanNegMs, true);
    line("FAISS IndexFlatIP fp32, 1 query", flatMs, false);
    line("FAISS IndexFlatIP fp32, 4 queries", flatBatchMs, false);
    line("FAISS IndexScalarQuantizer fp16, 1 query", sqMs, false);
    line("FAISS IndexScalarQuantizer fp16, 4 queries", sqBatchMs, false);

    const size_t hnswRows = std::min(rows, dimension > 1024 ? kHnswRowsWide : kHnswRows);
    const fs::path subset = scratch / ("hnsw-" + std::to_string(dimension));
    if (curator::writeSyntheticMatrix(subset.string(), "hnsw", "synthetic", hnswRows, dimension, storage,
                                      43)) {
        auto small = curator::EmbeddingMatrix::open(subset.string());
        const auto buildStart = std::chrono::steady_clock::now();
        auto index = curator::HnswIndex::build(**small, {});
        const double buildSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - buildStart).count();
        if (index) {
            const std::vector<const curator::EmbeddingMatrix*> smallSegments{small->get()};
            const std::vector<const curator::HnswIndex*> indexes{index->get()};
            const double hnswMs = bestMs(
                [&] { (void)curator::searchApproximate(smallSegments, indexes, *queryOnly, kTopK); }, 20);
            const double hnswNegMs = bestMs(
                [&] { (void)curator::searchApproximate(smallSegments, indexes, *withNegatives, kTopK); }, 20);
            std::printf(
                "  hnsw top-50 on %zu rows (built in %.1f s): %.2f ms query, %.2f ms query + 3 negatives\n",
                hnswRows, buildSeconds, hnswMs, hnswNegMs);
        }
    }
    (void)sink;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 255000;
    std::vector<std::pair<size_t, StorageType>> configurations;
    for (int i = 2; i < argc; ++i) {
        const size_t dimension = std::strtoull(argv[i], nullptr, 10);
        configurations.emplace_back(dimension,
                                    dimension >= 2048 ? StorageType::Float16 : StorageType::Float32);
    }
    if (configurations.empty()) {
        configurations = {{1024, StorageType::Float32}, {4096, StorageType::Float16}};
    }
    const fs::path scratch =
        fs::temp_directory_path() / ("curator-search-bench-" + std::to_string(::getpid()));
    int code = 0;
    for (const auto& [dimension, storage] : configurations) {
        code |= runOne(rows, dimension, storage, scratch);
        std::error_code ignored;
        fs::remove_all(scratch, ignored);
    }
    return code;
}
