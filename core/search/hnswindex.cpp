// The only file that includes hnswlib: its header defines non-inline functions.
#include "search/hnswindex.h"

#include "common/fileutil.h"
#include "common/jsonnumber.h"
#include "common/mappedfile.h"
#include "common/parallel.h"
#include "search/simd.h"

#include <hnswlib/hnswlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <queue>
#include <random>
#include <set>
#include <stdexcept>

#include <sys/mman.h>

namespace curator {

namespace fs = std::filesystem;

namespace {

// hnswlib picks its SIMD at compile time, and this file is built for the baseline CPU (SSE only). This
// space computes the inner-product distance with the scan's kernels, chosen at run time instead.
class DispatchedInnerProductSpace final : public hnswlib::SpaceInterface<float> {
public:
    explicit DispatchedInnerProductSpace(size_t dimension)
        : m_dimension(dimension) {
        s_kernel = dotKernels(detectSimdLevel()).float32;
    }
    size_t get_data_size() override { return m_dimension * sizeof(float); }
    hnswlib::DISTFUNC<float> get_dist_func() override { return &distance; }
    void* get_dist_func_param() override { return &m_dimension; }

private:
    static float distance(const void* a, const void* b, const void* dimension) {
        float dot;
        s_kernel(static_cast<const float*>(a), 1, *static_cast<const size_t*>(dimension),
                 static_cast<const float*>(b), 1, &dot);
        return 1.0f - dot;
    }

    static inline DotKernelF32 s_kernel = nullptr;
    size_t m_dimension;
};

// Calibration: the ef values tried, smallest first (all above kCalibrationTopK).
constexpr size_t kEfLadder[] = {64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096};
constexpr size_t kCalibrationQueries = 64;

// Queries near rows of the matrix (a row plus noise of a third of its length), so the calibration sees
// what searches see: queries that land among the data, not between clusters.
std::vector<float> calibrationQueries(const EmbeddingMatrix& matrix, size_t count) {
    const size_t dimension = matrix.dimension();
    std::mt19937_64 random(0x5eedULL + matrix.rows());
    std::normal_distribution<float> noise(0.0f, 0.33f / std::sqrt(static_cast<float>(dimension)));
    std::vector<float> queries(count * dimension);
    for (size_t q = 0; q < count; ++q) {
        float* query = queries.data() + q * dimension;
        matrix.readRow(random() % matrix.rows(), query);
        double squaredNorm = 0;
        for (size_t c = 0; c < dimension; ++c) {
            query[c] += noise(random);
            squaredNorm += static_cast<double>(query[c]) * query[c];
        }
        const float inverse = squaredNorm > 0 ? static_cast<float>(1.0 / std::sqrt(squaredNorm)) : 0.0f;
        for (size_t c = 0; c < dimension; ++c) {
            query[c] *= inverse;
        }
    }
    return queries;
}

// The exact top-k rows of each query, by one pass over the matrix with the scan's kernel.
std::vector<std::set<size_t>> exactTopK(const EmbeddingMatrix& matrix, const std::vector<float>& queries,
                                        size_t count, size_t k) {
    const DotKernels kernels = dotKernels(detectSimdLevel());
    const size_t dimension = matrix.dimension();
    constexpr size_t kBlock = 256;
    using Entry = std::pair<float, size_t>; // (similarity, row); the heap keeps the worst on top
    std::vector<std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>>> best(count);
    std::vector<float> scores(kBlock * count);
    for (size_t first = 0; first < matrix.rows(); first += kBlock) {
        const size_t rows = std::min(kBlock, matrix.rows() - first);
        if (matrix.storage() == StorageType::Float32) {
            kernels.float32(matrix.float32Rows() + first * dimension, rows, dimension, queries.data(), count,
                            scores.data());
        } else {
            kernels.float16(matrix.float16Rows() + first * dimension, rows, dimension, queries.data(), count,
                            scores.data());
        }
        for (size_t r = 0; r < rows; ++r) {
            for (size_t q = 0; q < count; ++q) {
                const Entry entry{scores[r * count + q], first + r};
                if (best[q].size() < k) {
                    best[q].push(entry);
                } else if (best[q].top() < entry) {
                    best[q].pop();
                    best[q].push(entry);
                }
            }
        }
    }
    std::vector<std::set<size_t>> rows(count);
    for (size_t q = 0; q < count; ++q) {
        for (; !best[q].empty(); best[q].pop()) {
            rows[q].insert(best[q].top().second);
        }
    }
    return rows;
}

} // namespace

// A saved graph opened in place: the level-0 block (links, fp32 rows and labels, most of the file) stays
// in the file's mapping and is paged in as a search touches it, so one search from a fresh process reads
// a few thousand nodes instead of the whole file (hnswlib's own loader reads and copies all of it, and
// builds a label map that searches do not use). Only searches run on it: no points are added or saved.
class MappedGraph final : public hnswlib::HierarchicalNSW<float> {
public:
    explicit MappedGraph(hnswlib::SpaceInterface<float>* space)
        : HierarchicalNSW(space) {
        // hnswlib's bare constructor leaves these unset; its destructor frees them.
        data_level0_memory_ = nullptr;
        linkLists_ = nullptr;
        visited_list_pool_ = nullptr;
        cur_element_count = 0;
        num_deleted_ = 0;
    }
    ~MappedGraph() override { data_level0_memory_ = nullptr; } // the mapping is not hnswlib's to free
    MappedGraph(const MappedGraph&) = delete;
    MappedGraph& operator=(const MappedGraph&) = delete;

    // Reads the layout hnswlib 0.6's saveIndex writes: a header, the level-0 block, then per element a
    // 4-byte size and its upper-level links. Every size is checked against the file before it is used.
    Status open(const std::string& path, hnswlib::SpaceInterface<float>* space) {
        auto mapped = MappedFile::open(path);
        if (!mapped) {
            return mapped.takeError();
        }
        m_file = std::move(*mapped);
        const unsigned char* const bytes = m_file.data();
        const size_t size = m_file.size();
        size_t offset = 0;
        bool truncated = false;
        auto read = [&](auto& value) {
            if (offset > size || size - offset < sizeof(value)) {
                truncated = true;
                return;
            }
            std::memcpy(&value, bytes + offset, sizeof(value));
            offset += sizeof(value);
        };
        size_t elementCount = 0;
        read(offsetLevel0_);
        read(max_elements_);
        read(elementCount);
        read(size_data_per_element_);
        read(label_offset_);
        read(offsetData_);
        read(maxlevel_);
        read(enterpoint_node_);
        read(maxM_);
        read(maxM0_);
        read(M_);
        read(mult_);
        read(ef_construction_);
        if (truncated) {
            return makeError(path + ": truncated header");
        }
        data_size_ = space->get_data_size();
        fstdistfunc_ = space->get_dist_func();
        dist_func_param_ = space->get_dist_func_param();
        size_links_per_element_ = maxM_ * sizeof(hnswlib::tableint) + sizeof(hnswlib::linklistsizeint);
        size_links_level0_ = maxM0_ * sizeof(hnswlib::tableint) + sizeof(hnswlib::linklistsizeint);
        const bool layoutMatches = maxM_ < (1u << 20) && maxM0_ < (1u << 20) &&
                                   offsetData_ == size_links_level0_ &&
                                   label_offset_ == size_links_level0_ + data_size_ &&
                                   size_data_per_element_ == label_offset_ + sizeof(hnswlib::labeltype);
        if (!layoutMatches) {
            return makeError(path + ": its rows are not " + std::to_string(data_size_ / sizeof(float)) +
                             "-d, or it is not an hnswlib 0.6 graph");
        }
        if (elementCount > (size - offset) / size_data_per_element_ || maxlevel_ < 0 ||
            (elementCount > 0 && enterpoint_node_ >= elementCount)) {
            return makeError(path + ": truncated or corrupt (" + std::to_string(elementCount) + " rows)");
        }
        data_level0_memory_ = reinterpret_cast<char*>(const_cast<unsigned char*>(bytes + offset));
        offset += elementCount * size_data_per_element_;
        // From here the destructor's view stays consistent: it frees the upper-level links of the first
        // cur_element_count rows whose element_levels_ is above 0.
        linkLists_ = static_cast<char**>(std::calloc(std::max<size_t>(elementCount, 1), sizeof(char*)));
        if (linkLists_ == nullptr) {
            return makeError(path + ": out of memory");
        }
        element_levels_.assign(elementCount, 0);
        max_elements_ = elementCount;
        cur_element_count = elementCount;
        for (size_t i = 0; i < elementCount; ++i) {
            hnswlib::linklistsizeint linkListSize = 0;
            read(linkListSize);
            if (truncated || linkListSize > size - offset || linkListSize % size_links_per_element_ != 0) {
                return makeError(path + ": truncated or corrupt links of row " + std::to_string(i));
            }
            if (linkListSize == 0) {
                continue;
            }
            linkLists_[i] = static_cast<char*>(std::malloc(linkListSize));
            if (linkLists_[i] == nullptr) {
                return makeError(path + ": out of memory");
            }
            std::memcpy(linkLists_[i], bytes + offset, linkListSize);
            element_levels_[i] = static_cast<int>(linkListSize / size_links_per_element_);
            offset += linkListSize;
        }
        if (offset != size) {
            return makeError(path + ": " + std::to_string(size - offset) + " unexpected bytes at the end");
        }
        revSize_ = 1.0 / mult_;
        ef_ = 10;
        visited_list_pool_ = new hnswlib::VisitedListPool(1, std::max<size_t>(elementCount, 1));
        // A search visits a few thousand scattered nodes: read ahead would fetch rows no one asked for.
        ::madvise(const_cast<unsigned char*>(bytes), size, MADV_RANDOM);
        return {};
    }

private:
    MappedFile m_file;
};

struct HnswIndex::Impl {
    explicit Impl(size_t dimensions)
        : space(dimensions)
        , dimension(dimensions) {}
    DispatchedInnerProductSpace space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
    size_t dimension = 0;
    HnswCalibration calibration;
};

namespace {

// The smallest ef of kEfLadder whose recall@k on the calibration queries reaches the target with a
// margin: the mean less two standard errors over the queries, since 64 queries estimate the recall of
// the next ones only so well (the largest ef when none does, with the recall it reached).
HnswCalibration calibrate(const HnswIndex& index, const EmbeddingMatrix& matrix, double targetRecall) {
    HnswCalibration calibration;
    calibration.targetRecall = targetRecall;
    const size_t k = std::min(kCalibrationTopK, matrix.rows());
    const size_t count = std::min(kCalibrationQueries, matrix.rows());
    calibration.queries = count;
    if (count == 0) {
        calibration.recall = 1.0;
        return calibration;
    }
    const std::vector<float> queries = calibrationQueries(matrix, count);
    const std::vector<std::set<size_t>> exact = exactTopK(matrix, queries, count, k);
    for (size_t ef : kEfLadder) {
        double sum = 0.0;
        double squares = 0.0;
        for (size_t q = 0; q < count; ++q) {
            size_t found = 0;
            for (const auto& hit : index.search(queries.data() + q * matrix.dimension(), k, ef)) {
                found += exact[q].count(hit.first);
            }
            const double recall = static_cast<double>(found) / static_cast<double>(k);
            sum += recall;
            squares += recall * recall;
        }
        const double mean = sum / static_cast<double>(count);
        const double variance = std::max(0.0, squares / static_cast<double>(count) - mean * mean);
        const double standardError = std::sqrt(variance / static_cast<double>(count));
        calibration.efSearch = ef;
        calibration.recall = mean;
        if (mean - 2.0 * standardError >= targetRecall) {
            break;
        }
    }
    return calibration;
}

} // namespace

HnswIndex::HnswIndex(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
HnswIndex::~HnswIndex() = default;

std::string HnswIndex::pathFor(const EmbeddingMatrix& matrix) {
    return (fs::path(matrix.directory()) / matrixfiles::kHnswIndex).string();
}

size_t HnswIndex::size() const {
    return m_impl->graph->cur_element_count;
}

Result<std::unique_ptr<HnswIndex>> HnswIndex::build(const EmbeddingMatrix& matrix,
                                                    const HnswParameters& parameters,
                                                    const ProgressCallback& progress) {
    auto impl = std::make_unique<Impl>(matrix.dimension());
    const size_t rows = matrix.rows();
    try {
        impl->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(&impl->space, rows, parameters.m,
                                                                        parameters.efConstruction);
    } catch (const std::exception& e) {
        return makeError("hnsw index for source '" + matrix.source() + "': cannot allocate: " + e.what());
    }
    std::atomic<size_t> done{0};
    ParallelOptions parallel;
    parallel.threads = parameters.threads;
    parallel.describeItem = [&](size_t index) {
        return "hnsw index for source '" + matrix.source() + "': adding row " + std::to_string(index);
    };
    if (progress) { // the calling thread reports progress while the workers build
        parallel.monitor = [&] { return progress(done.load(), rows); };
    }
    Status built = parallelForWorkers(rows, parallel, [&]() -> ParallelBody {
        return [&, row = std::vector<float>(matrix.dimension())](size_t index) mutable -> Status {
            matrix.readRow(index, row.data());
            impl->graph->addPoint(row.data(), index);
            ++done;
            return {};
        };
    });
    if (!built) {
        return built.takeError();
    }
    std::unique_ptr<HnswIndex> index(new HnswIndex(std::move(impl)));
    index->m_impl->calibration = calibrate(*index, matrix, parameters.targetRecall);
    if (progress) {
        progress(rows, rows);
    }
    return index;
}

std::string HnswIndex::calibrationPathFor(const std::string& indexPath) {
    return fs::path(indexPath).replace_extension(".json").string();
}

const HnswCalibration& HnswIndex::calibration() const {
    return m_impl->calibration;
}

Result<std::unique_ptr<HnswIndex>> HnswIndex::load(const EmbeddingMatrix& matrix) {
    const std::string path = pathFor(matrix);
    std::error_code error;
    if (!fs::exists(path, error)) {
        return makeError("source '" + matrix.source() +
                         "' has no hnsw index: build it with 'index build --source " + matrix.source() + "'");
    }
    auto impl = std::make_unique<Impl>(matrix.dimension());
    auto graph = std::make_unique<MappedGraph>(&impl->space);
    if (auto opened = graph->open(path, &impl->space); !opened) {
        return makeError("cannot load the hnsw index: " + opened.error() +
                         " (rebuild it with 'index build')");
    }
    impl->graph = std::move(graph);
    if (impl->graph->cur_element_count != matrix.rows()) {
        return makeError(path + ": stale hnsw index (" + std::to_string(impl->graph->cur_element_count) +
                         " rows, the matrix has " + std::to_string(matrix.rows()) +
                         "): rebuild it with 'index build --source " + matrix.source() + "'");
    }
    // A graph saved before calibration existed has no hnsw.json: it keeps the old fixed ef.
    const std::string calibrationPath = calibrationPathFor(path);
    if (fs::exists(calibrationPath, error)) {
        auto text = readWholeFile(calibrationPath);
        if (!text) {
            return text.takeError();
        }
        try {
            const auto json = nlohmann::json::parse(*text);
            const std::optional<uint64_t> efSearch = jsonCount(json.at("ef_search"));
            const std::optional<uint64_t> queries = jsonCount(json.at("queries"));
            if (!efSearch || !queries) {
                throw std::runtime_error("ef_search and queries must be whole numbers >= 0");
            }
            impl->calibration.efSearch = static_cast<size_t>(*efSearch);
            impl->calibration.recall = json.at("recall").get<double>();
            impl->calibration.targetRecall = json.at("target_recall").get<double>();
            impl->calibration.queries = static_cast<size_t>(*queries);
        } catch (const std::exception& e) {
            return makeError(calibrationPath +
                             ": malformed (fields ef_search, recall, target_recall, queries): " + e.what() +
                             " (rebuild it with 'index build')");
        }
        if (impl->calibration.efSearch == 0) {
            return makeError(calibrationPath + ": field \"ef_search\" must be at least 1");
        }
    }
    return std::unique_ptr<HnswIndex>(new HnswIndex(std::move(impl)));
}

Status HnswIndex::save(const std::string& path) const {
    std::random_device random;
    const std::string temporary = path + ".tmp-" + std::to_string(random());
    try {
        m_impl->graph->saveIndex(temporary);
    } catch (const std::exception& e) {
        std::remove(temporary.c_str());
        return makeError(path + ": cannot save the hnsw index: " + e.what());
    }
    // The calibration first: a graph is never in place without the ef chosen for it.
    const HnswCalibration& calibration = m_impl->calibration;
    const nlohmann::json json = {{"format_version", 1},
                                 {"ef_search", calibration.efSearch},
                                 {"recall_at", kCalibrationTopK},
                                 {"recall", calibration.recall},
                                 {"target_recall", calibration.targetRecall},
                                 {"queries", calibration.queries}};
    if (auto status = writeFileAtomically(calibrationPathFor(path), json.dump(2) + "\n"); !status) {
        std::remove(temporary.c_str());
        return status;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return makeError(path + ": cannot rename the hnsw index into place");
    }
    return {};
}

std::vector<std::pair<size_t, float>> HnswIndex::search(const float* query, size_t k, size_t ef) const {
    // hnswlib keeps ef in the graph object: searches with different ef must not overlap.
    static std::mutex efMutex;
    std::priority_queue<std::pair<float, hnswlib::labeltype>> found;
    {
        std::lock_guard<std::mutex> lock(efMutex);
        m_impl->graph->setEf(std::max(ef != 0 ? ef : m_impl->calibration.efSearch, k));
        found = m_impl->graph->searchKnn(query, std::min(k, size()));
    }
    std::vector<std::pair<size_t, float>> hits;
    while (!found.empty()) { // hnswlib's distance is 1 - inner product; the queue pops the worst first
        hits.emplace_back(static_cast<size_t>(found.top().second), 1.0f - found.top().first);
        found.pop();
    }
    std::reverse(hits.begin(), hits.end());
    return hits;
}

Result<SearchResult> searchApproximate(const std::vector<const EmbeddingMatrix*>& segments,
                                       const std::vector<const HnswIndex*>& indexes, const QuerySet& querySet,
                                       size_t k, const HnswParameters& parameters) {
    if (segments.size() != indexes.size()) {
        return makeError("searchApproximate: one index per source is needed");
    }
    if (k == 0) {
        return makeError("top-k must be at least 1");
    }
    SearchResult result;
    result.approximate = true;
    std::vector<float> row(querySet.dimension);
    auto dot = [&](const float* vector) {
        double total = 0.0;
        for (size_t c = 0; c < querySet.dimension; ++c) {
            total += static_cast<double>(row[c]) * vector[c];
        }
        return static_cast<float>(total);
    };
    for (uint32_t s = 0; s < segments.size(); ++s) {
        const EmbeddingMatrix& matrix = *segments[s];
        if (matrix.dimension() != querySet.dimension) {
            return makeError("the query has dimension " + std::to_string(querySet.dimension) +
                             " but source '" + matrix.source() + "' (model '" + matrix.model() +
                             "') has dimension " + std::to_string(matrix.dimension()));
        }
        // Ask for more than k when negatives may mask some; widen until k survive.
        size_t request = querySet.negativeCount ? 2 * k : k;
        for (;;) {
            const auto candidates = indexes[s]->search(querySet.query(), request, parameters.efSearch);
            std::vector<SearchHit> kept;
            size_t masked = 0;
            for (const auto& [rowIndex, approximateSimilarity] : candidates) {
                matrix.readRow(rowIndex, row.data());
                bool isMasked = false;
                for (size_t n = 0; n < querySet.negativeCount && !isMasked; ++n) {
                    isMasked = dot(querySet.negative(n)) >= querySet.negativeThreshold;
                }
                if (isMasked) {
                    ++masked;
                    continue;
                }
                kept.push_back({{s, static_cast<uint32_t>(rowIndex)}, dot(querySet.query()), {}, {}});
            }
            const bool exhausted = candidates.size() < request || request >= matrix.rows();
            if (kept.size() >= k || exhausted) {
                result.scanned += candidates.size();
                result.masked += masked;
                result.hits.insert(result.hits.end(), kept.begin(), kept.end());
                break;
            }
            request = std::min(matrix.rows(), request * 4);
        }
    }
    sortHitsBestFirst(result.hits);
    if (result.hits.size() > k) {
        result.hits.resize(k);
    }
    describeHits(segments, result.hits);
    return result;
}

} // namespace curator
