#include "search/scanbenchmark.h"

#include "common/fileutil.h"
#include "common/half.h"
#include "search/searchoperations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace curator {

namespace fs = std::filesystem;

namespace {

// xorshift64*: fast, and good enough for benchmark data.
struct FastRandom {
    uint64_t state;
    float uniform() { // [-1, 1)
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        const uint64_t bits = state * 0x2545F4914F6CDD1Dull;
        return static_cast<float>(static_cast<double>(bits >> 11) * (2.0 / 9007199254740992.0) - 1.0);
    }
};

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// A row's spread around its centre, per coordinate, relative to the centres' own spread: rows of one
// cluster then have a cosine similarity of about 0.8.
constexpr float kClusterNoise = 0.5f;

// The centres come first in the random stream, so syntheticCentre can draw them again.
std::vector<float> drawCentres(FastRandom& random, size_t dimension, size_t clusters) {
    std::vector<float> centres(clusters * dimension);
    for (float& value : centres) {
        value = random.uniform();
    }
    return centres;
}

} // namespace

std::vector<float> syntheticCentre(size_t dimension, size_t clusters, size_t index, uint64_t seed) {
    FastRandom random{seed | 1};
    const std::vector<float> centres = drawCentres(random, dimension, clusters);
    return std::vector<float>(centres.begin() + static_cast<std::ptrdiff_t>(index * dimension),
                              centres.begin() + static_cast<std::ptrdiff_t>((index + 1) * dimension));
}

Status writeSyntheticMatrix(const std::string& directory, const std::string& source, const std::string& model,
                            size_t rows, size_t dimension, StorageType storage, uint64_t seed,
                            size_t clusters) {
    std::error_code error;
    fs::create_directories(directory, error);
    if (error) {
        return makeError(directory + ": cannot create: " + error.message());
    }
    const std::string matrixPath = (fs::path(directory) / matrixfiles::matrixFileName(storage)).string();
    std::FILE* out = std::fopen(matrixPath.c_str(), "wb");
    if (out == nullptr) {
        return makeError(matrixPath + ": cannot create");
    }
    FastRandom random{seed | 1};
    const std::vector<float> centres = drawCentres(random, dimension, clusters);
    std::vector<float> row(dimension);
    std::vector<uint16_t> halves(dimension);
    bool written = true;
    for (size_t r = 0; r < rows && written; ++r) {
        const float* centre = clusters > 0 ? centres.data() + (r % clusters) * dimension : nullptr;
        double squaredNorm = 0;
        for (size_t c = 0; c < dimension; ++c) {
            row[c] = centre ? centre[c] + kClusterNoise * random.uniform() : random.uniform();
            squaredNorm += static_cast<double>(row[c]) * row[c];
        }
        const float inverseNorm = static_cast<float>(1.0 / std::sqrt(squaredNorm));
        if (storage == StorageType::Float32) {
            for (auto& value : row) {
                value *= inverseNorm;
            }
            written = std::fwrite(row.data(), sizeof(float), dimension, out) == dimension;
        } else {
            for (size_t c = 0; c < dimension; ++c) {
                halves[c] = floatToHalf(row[c] * inverseNorm);
            }
            written = std::fwrite(halves.data(), sizeof(uint16_t), dimension, out) == dimension;
        }
    }
    if (std::fclose(out) != 0 || !written) {
        return makeError(matrixPath + ": write failed (disk full?)");
    }
    std::string ids;
    std::vector<uint64_t> offsets;
    offsets.reserve(rows + 1);
    for (size_t r = 0; r < rows; ++r) {
        offsets.push_back(ids.size());
        ids += std::to_string(r);
        ids += '\n';
    }
    offsets.push_back(ids.size());
    if (auto status = writeFileAtomically((fs::path(directory) / matrixfiles::kIds).string(), ids); !status) {
        return status;
    }
    if (auto status = writeFileAtomically((fs::path(directory) / matrixfiles::kIdOffsets).string(),
                                          std::string_view(reinterpret_cast<const char*>(offsets.data()),
                                                           offsets.size() * sizeof(uint64_t)));
        !status) {
        return status;
    }
    const nlohmann::json meta = {{"format_version", 1},    {"source", source},
                                 {"model", model},         {"rows", rows},
                                 {"dimension", dimension}, {"storage", storageTypeName(storage)},
                                 {"normalized", "l2"},     {"synthetic", true}};
    return writeFileAtomically((fs::path(directory) / matrixfiles::kMeta).string(), meta.dump(2) + "\n");
}

uint64_t plainRead(const void* data, size_t bytes, unsigned threads) {
    const size_t words = bytes / sizeof(uint64_t);
    const auto* values = static_cast<const uint64_t*>(data);
    threads = std::max(1u, threads);
    std::vector<uint64_t> sums(threads, 0);
    auto work = [&](unsigned t) {
        const size_t begin = words * t / threads;
        const size_t end = words * (t + 1) / threads;
        uint64_t a = 0, b = 0, c = 0, d = 0;
        size_t i = begin;
        for (; i + 4 <= end; i += 4) {
            a += values[i];
            b += values[i + 1];
            c += values[i + 2];
            d += values[i + 3];
        }
        for (; i < end; ++i) {
            a += values[i];
        }
        sums[t] = a + b + c + d;
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(work, t);
    }
    work(0);
    for (auto& thread : pool) {
        thread.join();
    }
    uint64_t total = 0;
    for (uint64_t sum : sums) {
        total += sum;
    }
    return total;
}

Result<ScanBenchmarkFigures> runScanBenchmark(const ScanBenchmarkRequest& request) {
    if (request.rows == 0 || request.dimension == 0 || request.repeats == 0) {
        return makeError("bench: rows, dimension and repeats must be at least 1");
    }
    if (request.negatives > kMaxNegatives) {
        return makeError("bench: at most " + std::to_string(kMaxNegatives) + " negatives");
    }
    const fs::path scratch =
        request.scratchDirectory.empty()
            ? fs::temp_directory_path() / ("curator-bench-" + std::to_string(randomSeed()))
            : fs::path(request.scratchDirectory);
    const bool ownScratch = request.scratchDirectory.empty();
    struct Cleanup {
        fs::path path;
        bool active;
        ~Cleanup() {
            std::error_code ignored;
            if (active) {
                fs::remove_all(path, ignored);
            }
        }
    } cleanup{scratch, ownScratch};

    const fs::path directory = scratch / "bench";
    if (auto status = writeSyntheticMatrix(directory.string(), "bench", "synthetic", request.rows,
                                           request.dimension, request.storage, 42);
        !status) {
        return status.takeError();
    }
    auto matrix = EmbeddingMatrix::open(directory.string());
    if (!matrix) {
        return matrix.takeError();
    }
    const std::vector<const EmbeddingMatrix*> segments{matrix->get()};

    FastRandom random{7};
    auto randomVector = [&] {
        std::vector<float> vector(request.dimension);
        for (auto& value : vector) {
            value = random.uniform();
        }
        return vector;
    };
    std::vector<std::vector<float>> negatives;
    for (size_t n = 0; n < request.negatives; ++n) {
        negatives.push_back(randomVector());
    }
    const std::vector<float> query = randomVector();
    auto queryOnly = makeQuerySet(query, {}, 0.3f);
    auto withNegatives = makeQuerySet(query, negatives, 0.3f);
    if (!queryOnly || !withNegatives) {
        return makeError("bench: cannot build the queries");
    }

    ScanBenchmarkFigures figures;
    figures.rows = request.rows;
    figures.dimension = request.dimension;
    figures.storage = request.storage;
    figures.bytes = (*matrix)->byteSize();
    figures.threads = request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
    figures.simd = simdLevelName(detectSimdLevel());
    figures.negatives = request.negatives;
    figures.plainReadMs = figures.queryOnlyMs = figures.withNegativesMs = 1e300;
    figures.workstationSearchMs = figures.agentSearchMs = 1e300;
    ScanWants workstation;
    workstation.topK = 200;
    workstation.distributionBins = 200;
    ScanWants agent;
    agent.topK = 20;
    agent.distributionBins = 200;
    agent.collectSimilarities = true;

    ScanOptions options;
    options.threads = figures.threads;
    volatile uint64_t sink =
        plainRead((*matrix)->data(), figures.bytes, figures.threads); // warm the page cache
    for (unsigned repeat = 0; repeat < request.repeats; ++repeat) {
        auto start = std::chrono::steady_clock::now();
        sink = sink + plainRead((*matrix)->data(), figures.bytes, figures.threads);
        figures.plainReadMs = std::min(figures.plainReadMs, millisecondsSince(start));

        start = std::chrono::steady_clock::now();
        auto first = searchTopK(segments, *queryOnly, 50, options);
        figures.queryOnlyMs = std::min(figures.queryOnlyMs, millisecondsSince(start));

        start = std::chrono::steady_clock::now();
        auto second = searchTopK(segments, *withNegatives, 50, options);
        figures.withNegativesMs = std::min(figures.withNegativesMs, millisecondsSince(start));
        if (!first || !second) {
            return makeError("bench: search failed: " + (first ? second.error() : first.error()));
        }

        start = std::chrono::steady_clock::now();
        auto third = scanOnce(segments, *withNegatives, workstation, options);
        figures.workstationSearchMs = std::min(figures.workstationSearchMs, millisecondsSince(start));
        start = std::chrono::steady_clock::now();
        auto fourth = scanOnce(segments, *withNegatives, agent, options);
        figures.agentSearchMs = std::min(figures.agentSearchMs, millisecondsSince(start));
        if (!third || !fourth) {
            return makeError("bench: search failed: " + (third ? fourth.error() : third.error()));
        }
    }
    (void)sink;
    return figures;
}

} // namespace curator
