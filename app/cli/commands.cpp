#include "commands.h"
#include "queryinput.h"

#include "common/utf8text.h"
#include "dataset/catalogsync.h"
#include "dataset/curationlog.h"
#include "demo/demoworkspace.h"
#include "demo/syntheticdemo.h"
#include "ingest/ingest.h"
#include "plugin/torchplugin.h"
#include "search/hnswindex.h"
#include "search/scanbenchmark.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "store/tensorfile.h"
#include "store/workspacesettings.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace curator::cli {

using nlohmann::json;

namespace {

constexpr int kSuccess = 0;
constexpr int kFailure = 1;

void printJson(const json& object) {
    std::cout << dumpJsonSafely(object, 2) << '\n'; // stored names may hold any bytes
}

std::string formatSimilarity(float similarity) {
    char text[16];
    std::snprintf(text, sizeof text, "%.4f", static_cast<double>(similarity));
    return text;
}

// Six decimals: float noise past that only makes the output harder to read.
double rounded(float value) {
    return std::round(static_cast<double>(value) * 1e6) / 1e6;
}

json hitsToJson(const std::vector<SearchHit>& hits) {
    json results = json::array();
    for (const auto& hit : hits) {
        results.push_back({{"id", hit.id}, {"source", hit.source}, {"similarity", rounded(hit.similarity)}});
    }
    return results;
}

void printHits(const std::vector<SearchHit>& hits) {
    size_t rank = 0;
    for (const auto& hit : hits) {
        std::printf("%4zu  %s  %-10s  %s\n", ++rank, formatSimilarity(hit.similarity).c_str(),
                    hit.source.c_str(), hit.id.c_str());
    }
}

std::string sourcesText(const std::vector<const EmbeddingMatrix*>& segments) {
    std::string text;
    for (const auto* matrix : segments) {
        text += (text.empty() ? "" : ", ") + matrix->source();
    }
    return text;
}

} // namespace

// Enters a newly imported matrix's rows into the workspace's image catalog.
Status registerInCatalog(const std::string& workspaceDirectory, const std::string& matrixDirectory) {
    auto matrix = EmbeddingMatrix::open(matrixDirectory);
    if (!matrix) {
        return matrix.takeError();
    }
    auto log = CurationLog::open(workspaceDirectory);
    if (!log) {
        return log.takeError();
    }
    return registerMatrixInCatalog(*log, **matrix);
}

Status repairCatalog(const std::string& workspaceDirectory) {
    auto store = EmbeddingStore::open(workspaceDirectory);
    if (!store) {
        return store.takeError();
    }
    if (store->matrices().empty()) {
        return {};
    }
    auto log = CurationLog::open(workspaceDirectory);
    if (!log) {
        return log.takeError();
    }
    auto repaired = repairCatalogFromStore(*log, *store);
    if (!repaired) {
        return repaired.takeError();
    }
    if (*repaired > 0) {
        std::cerr << "entered " << *repaired
                  << " stored images the catalog lacked (an earlier run was interrupted)\n";
    }
    return {};
}

int fail(const std::string& message) {
    std::cerr << "error: " << message << '\n';
    return kFailure;
}

void printJson(const std::string& jsonText) {
    std::cout << dumpJsonSafely(json::parse(jsonText), 2) << '\n';
}

int storeImport(const GlobalOptions& global, const ImportOptions& options) {
    ImportRequest request;
    request.source = options.source;
    request.model = options.model;
    request.embeddingsPath = options.embeddings;
    request.idsPath = options.ids;
    request.tensorName = options.tensor;
    request.replace = options.replace;
    request.storage = *parseStorageType(options.dtype);
    request.waiting = [](const std::string& message) { std::cerr << message << '\n'; };
    // The catalog follows the store: an import killed after its matrix was in place, before its rows were
    // catalogued, is completed here (the import itself is then refused as already there).
    if (auto status = repairCatalog(global.workspace); !status) {
        return fail(status.error());
    }
    auto summary = importEmbeddings(global.workspace, request);
    if (!summary) {
        return fail(summary.error());
    }
    if (auto status = registerInCatalog(global.workspace, summary->directory); !status) {
        return fail(status.error());
    }
    const MatrixInfo& info = summary->info;
    if (global.json) {
        printJson({{"source", info.source},
                   {"model", info.model},
                   {"rows", info.rows},
                   {"dimension", info.dimension},
                   {"dtype", storageTypeName(info.storage)},
                   {"replaced", summary->replaced},
                   {"directory", summary->directory}});
    } else {
        std::printf("imported %zu x %zu embeddings of model '%s' as source '%s' (%s)%s\n", info.rows,
                    info.dimension, info.model.c_str(), info.source.c_str(), storageTypeName(info.storage),
                    summary->replaced ? ", replacing the previous matrix" : "");
    }
    return kSuccess;
}

int storeList(const GlobalOptions& global) {
    auto store = EmbeddingStore::open(global.workspace);
    if (!store) {
        return fail(store.error());
    }
    if (global.json) {
        json matrices = json::array();
        for (const auto& matrix : store->matrices()) {
            const MatrixInfo& info = matrix->info();
            matrices.push_back({{"source", info.source},
                                {"model", info.model},
                                {"rows", info.rows},
                                {"dimension", info.dimension},
                                {"dtype", storageTypeName(info.storage)},
                                {"bytes", matrix->byteSize()},
                                {"created_at", info.createdAt}});
        }
        printJson({{"workspace", global.workspace}, {"matrices", matrices}});
        return kSuccess;
    }
    if (store->matrices().empty()) {
        std::printf("workspace '%s' holds no embeddings\n", global.workspace.c_str());
        return kSuccess;
    }
    std::printf("%-12s %-28s %10s %6s %5s\n", "source", "model", "rows", "dim", "dtype");
    for (const auto& matrix : store->matrices()) {
        std::printf("%-12s %-28s %10zu %6zu %5s\n", matrix->source().c_str(), matrix->model().c_str(),
                    matrix->rows(), matrix->dimension(), storageTypeName(matrix->storage()));
    }
    return kSuccess;
}

int search(const GlobalOptions& global, const SearchOptions& options) {
    auto session = openSession(global, options.query);
    if (!session) {
        return fail(session.error());
    }
    auto prepared = prepareQuery(**session, options.query);
    if (!prepared) {
        return fail(prepared.error());
    }
    Result<SearchResult> result = makeError("unreachable");
    if (options.approximate) {
        std::vector<std::unique_ptr<HnswIndex>> owned;
        std::vector<const HnswIndex*> indexes;
        for (const auto* matrix : prepared->segments) {
            auto index = HnswIndex::load(*matrix);
            if (!index) {
                return fail(index.error());
            }
            indexes.push_back(index->get());
            owned.push_back(std::move(*index));
        }
        result = searchApproximate(prepared->segments, indexes, prepared->querySet, options.topK);
    } else {
        ScanWants wants;
        wants.topK = options.topK;
        auto scanned = (*session)->scan(*prepared, wants);
        if (!scanned) {
            return fail(scanned.error());
        }
        result = std::move(scanned->top);
    }
    if (!result) {
        return fail(result.error());
    }
    if (global.json) {
        printJson({{"results", hitsToJson(result->hits)},
                   {"scanned", result->scanned},
                   {"masked", result->masked},
                   {"approximate", result->approximate},
                   {"negative_threshold", options.query.negativeThreshold}});
        return kSuccess;
    }
    std::printf("top %zu of %zu images in %s (%zu masked by %zu negative%s at >= %.2f)%s\n",
                result->hits.size(), result->scanned, sourcesText(prepared->segments).c_str(), result->masked,
                prepared->querySet.negativeCount, prepared->querySet.negativeCount == 1 ? "" : "s",
                static_cast<double>(prepared->querySet.negativeThreshold),
                result->approximate ? " [approximate]" : "");
    printHits(result->hits);
    return kSuccess;
}

int sample(const GlobalOptions& global, const SampleOptions& options) {
    auto session = openSession(global, options.query);
    if (!session) {
        return fail(session.error());
    }
    auto prepared = prepareQuery(**session, options.query);
    if (!prepared) {
        return fail(prepared.error());
    }
    const uint64_t seed = options.seed.value_or(randomSeed());
    auto result = (*session)->sample(*prepared, options.minimum, options.maximum, options.count, seed);
    if (!result) {
        return fail(result.error());
    }
    if (global.json) {
        printJson({{"results", hitsToJson(result->hits)},
                   {"eligible", result->eligible},
                   {"masked", result->masked},
                   {"scanned", result->scanned},
                   {"seed", result->seed}});
        return kSuccess;
    }
    std::printf("sampled %zu of %zu candidates with similarity in [%.4f, %.4f] (%zu masked; seed %llu)\n",
                result->hits.size(), result->eligible, static_cast<double>(options.minimum),
                static_cast<double>(options.maximum), result->masked,
                static_cast<unsigned long long>(result->seed));
    printHits(result->hits);
    return kSuccess;
}

int count(const GlobalOptions& global, const CountOptions& options) {
    auto session = openSession(global, options.query);
    if (!session) {
        return fail(session.error());
    }
    auto prepared = prepareQuery(**session, options.query);
    if (!prepared) {
        return fail(prepared.error());
    }
    auto result = (*session)->count(*prepared, options.threshold);
    if (!result) {
        return fail(result.error());
    }
    if (global.json) {
        printJson({{"count", result->count},
                   {"masked", result->masked},
                   {"masked_above_threshold", result->maskedAboveThreshold},
                   {"scanned", result->scanned}});
        return kSuccess;
    }
    std::printf(
        "%zu images with similarity >= %.4f (%zu more were masked by negatives; %zu masked in all, of %zu)\n",
        result->count, static_cast<double>(options.threshold), result->maskedAboveThreshold, result->masked,
        result->scanned);
    return kSuccess;
}

int indexBuild(const GlobalOptions& global, const IndexBuildOptions& options) {
    auto store = EmbeddingStore::open(global.workspace);
    if (!store) {
        return fail(store.error());
    }
    auto segments = store->select(options.model, options.sources);
    if (!segments) {
        return fail(segments.error());
    }
    HnswParameters parameters;
    parameters.m = options.m;
    parameters.efConstruction = options.efConstruction;
    json built = json::array();
    for (const auto* matrix : *segments) {
        const auto start = std::chrono::steady_clock::now();
        auto index = HnswIndex::build(*matrix, parameters, [&](size_t done, size_t total) {
            if (!global.json) {
                std::fprintf(stderr, "\rindexing %s: %zu / %zu", matrix->source().c_str(), done, total);
            }
            return true;
        });
        if (!global.json) {
            std::fprintf(stderr, "\n");
        }
        if (!index) {
            return fail(index.error());
        }
        if (auto status = (*index)->save(HnswIndex::pathFor(*matrix)); !status) {
            return fail(status.error());
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        built.push_back({{"source", matrix->source()}, {"rows", matrix->rows()}, {"seconds", seconds}});
        if (!global.json) {
            std::printf("built the hnsw index of '%s' (%zu rows) in %.1f s\n", matrix->source().c_str(),
                        matrix->rows(), seconds);
        }
    }
    if (global.json) {
        printJson({{"indexes", built}});
    }
    return kSuccess;
}

int benchSearch(const GlobalOptions& global, const BenchSearchOptions& options) {
    std::vector<ScanBenchmarkRequest> requests;
    auto make = [&](size_t dimension, StorageType storage) {
        ScanBenchmarkRequest request;
        request.rows = options.rows;
        request.dimension = dimension;
        request.storage = storage;
        request.negatives = options.negatives;
        request.repeats = options.repeats;
        request.threads = options.threads;
        return request;
    };
    if (options.dimension == 0 && options.dtype.empty()) {
        requests.push_back(make(1024, StorageType::Float32));
        requests.push_back(make(4096, StorageType::Float16));
    } else {
        const size_t dimension = options.dimension ? options.dimension : 1024;
        requests.push_back(
            make(dimension, parseStorageType(options.dtype.empty() ? "f16" : options.dtype).value()));
    }
    json rows = json::array();
    if (!global.json) {
        std::printf("%8s %5s %4s %8s | %9s %7s | %9s %7s %6s | %9s %7s %6s\n", "rows", "dim", "type", "MB",
                    "read ms", "GB/s", "query ms", "GB/s", "x read", "q+neg ms", "GB/s", "x read");
    }
    for (const auto& request : requests) {
        auto figures = runScanBenchmark(request);
        if (!figures) {
            return fail(figures.error());
        }
        const double gigabytes = static_cast<double>(figures->bytes) / 1e9;
        auto rate = [&](double ms) { return gigabytes / (ms / 1000.0); };
        if (global.json) {
            rows.push_back({{"rows", figures->rows},
                            {"dimension", figures->dimension},
                            {"dtype", storageTypeName(figures->storage)},
                            {"bytes", figures->bytes},
                            {"threads", figures->threads},
                            {"simd", figures->simd},
                            {"negatives", figures->negatives},
                            {"plain_read_ms", figures->plainReadMs},
                            {"query_ms", figures->queryOnlyMs},
                            {"query_with_negatives_ms", figures->withNegativesMs},
                            {"workstation_search_ms", figures->workstationSearchMs},
                            {"agent_search_ms", figures->agentSearchMs}});
        } else {
            std::printf("%8zu %5zu %4s %8.0f | %9.1f %7.1f | %9.1f %7.1f %6.2f | %9.1f %7.1f %6.2f\n",
                        figures->rows, figures->dimension, storageTypeName(figures->storage),
                        gigabytes * 1000, figures->plainReadMs, rate(figures->plainReadMs),
                        figures->queryOnlyMs, rate(figures->queryOnlyMs),
                        figures->queryOnlyMs / figures->plainReadMs, figures->withNegativesMs,
                        rate(figures->withNegativesMs), figures->withNegativesMs / figures->plainReadMs);
            std::printf("%37s | workstation search (top 200 + histogram) %7.1f ms %6.2f x read; agent search "
                        "(top 20 + similarities + histogram) %7.1f ms %6.2f x read\n",
                        "", figures->workstationSearchMs, figures->workstationSearchMs / figures->plainReadMs,
                        figures->agentSearchMs, figures->agentSearchMs / figures->plainReadMs);
        }
        if (&request == &requests.back() && !global.json) {
            std::printf(
                "(%u threads, %s kernels, %zu negatives, best of %u; x read = time / plain read time)\n",
                figures->threads, figures->simd.c_str(), figures->negatives, request.repeats);
        }
    }
    if (global.json) {
        printJson({{"bench", "search"}, {"runs", rows}});
    }
    return kSuccess;
}

} // namespace curator::cli
