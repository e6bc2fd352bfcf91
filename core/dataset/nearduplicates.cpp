#include "dataset/nearduplicates.h"

#include "common/parallel.h"
#include "dataset/curationlog_internal.h"
#include "dataset/releaselabels.h"
#include "search/hnswindex.h"
#include "search/simd.h"
#include "store/embeddingstore.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
#include <unordered_map>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

// Queries per kernel call: each block of rows is read once for this many queries.
constexpr size_t kQueryBlock = 16;
// Rows scored per kernel call (the output buffer is kRowChunk x kQueryBlock floats).
constexpr size_t kRowChunk = 1024;
// Groups up to this size get their min/max similarity over every pair of members.
constexpr size_t kAllPairsGroupLimit = 1000;
// First neighbour count asked of an hnsw graph; doubled while the last one still reaches the threshold.
constexpr size_t kFirstNeighbours = 16;
constexpr size_t kNotEmbeddedSample = 5;

std::string imageKey(const std::string& source, const std::string& name) {
    return source + '\n' + name;
}

// The rows as one contiguous fp32 block (the kernels take consecutive rows): N x D x 4 bytes.
std::vector<float> gatherRows(const std::vector<const EmbeddingMatrix*>& segments,
                              const std::vector<EmbeddedRow>& rows, size_t dimension) {
    std::vector<float> gathered(rows.size() * dimension);
    for (size_t i = 0; i < rows.size(); ++i) {
        segments[rows[i].segment]->readRow(rows[i].row, gathered.data() + i * dimension);
    }
    return gathered;
}

Status checkSegments(const std::vector<const EmbeddingMatrix*>& segments,
                     const std::vector<EmbeddedRow>& rows, size_t* dimension) {
    *dimension = 0;
    for (const EmbeddedRow& row : rows) {
        if (row.segment >= segments.size() || row.row >= segments[row.segment]->rows()) {
            return makeError("near-duplicates: row " + std::to_string(row.row) + " of segment " +
                             std::to_string(row.segment) + " does not exist");
        }
        const size_t d = segments[row.segment]->dimension();
        if (*dimension != 0 && d != *dimension) {
            return makeError("near-duplicates: matrices of dimensions " + std::to_string(*dimension) +
                             " and " + std::to_string(d) + " cannot be compared (choose one model)");
        }
        *dimension = d;
    }
    return {};
}

// Calls found(query, row, similarity) for every row of `rows` (count x dimension) reaching the threshold
// against each of the queries (queryCount x dimension); rows are scored kRowChunk at a time.
template <typename Found>
void scoreBlock(const DotKernels& kernels, const float* queries, size_t queryCount, const float* rows,
                size_t rowCount, size_t dimension, float threshold, std::vector<float>& scratch,
                Found&& found) {
    scratch.resize(kRowChunk * kQueryBlock);
    for (size_t first = 0; first < rowCount; first += kRowChunk) {
        const size_t count = std::min(kRowChunk, rowCount - first);
        kernels.float32(rows + first * dimension, count, dimension, queries, queryCount, scratch.data());
        for (size_t r = 0; r < count; ++r) {
            for (size_t q = 0; q < queryCount; ++q) {
                const float similarity = scratch[r * queryCount + q];
                if (similarity >= threshold) {
                    found(q, first + r, similarity);
                }
            }
        }
    }
}

ParallelOptions parallelOptions(unsigned threads, const std::atomic<bool>* cancel, size_t total,
                                const std::atomic<size_t>& done, const NearDuplicateProgress& progress) {
    ParallelOptions options;
    options.threads = threads;
    options.cancel = cancel;
    if (progress) {
        options.monitor = [&done, total, progress] { return progress(done.load(), total); };
    }
    return options;
}

// The first report (0 done) before any work, so a caller that answers "stop" at once stops for sure.
Status startProgress(const NearDuplicateProgress& progress, size_t total) {
    if (progress && !progress(0, total)) {
        return makeError(kCancelledMessage);
    }
    return {};
}

Status cancelledOr(const Status& status, const std::atomic<bool>* cancel) {
    if (!status) {
        return status;
    }
    if (cancel && cancel->load()) {
        return makeError(kCancelledMessage);
    }
    return {};
}

void sortPairs(std::vector<SimilarPair>& pairs) {
    std::sort(pairs.begin(), pairs.end(), [](const SimilarPair& a, const SimilarPair& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
}

// Pairs from the hnsw graphs: each row's neighbours in every graph, widened while the last still reaches
// the threshold; a pair found from either side counts once.
Result<std::vector<SimilarPair>> indexPairs(const std::vector<const EmbeddingMatrix*>& segments,
                                            const std::vector<const HnswIndex*>& indexes,
                                            const std::vector<EmbeddedRow>& rows, float threshold,
                                            const NearDuplicateOptions& options) {
    size_t dimension = 0;
    CURATOR_TRY_STATUS(checkSegments(segments, rows, &dimension));
    // The dataset entry of each row of each segment (-1: not in the dataset).
    std::vector<std::vector<long>> entryOfRow(segments.size());
    for (size_t s = 0; s < segments.size(); ++s) {
        entryOfRow[s].assign(segments[s]->rows(), -1);
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        entryOfRow[rows[i].segment][rows[i].row] = long(i);
    }
    CURATOR_TRY_STATUS(startProgress(options.progress, rows.size()));
    constexpr size_t kItemsPerTask = 64;
    const size_t tasks = (rows.size() + kItemsPerTask - 1) / kItemsPerTask;
    std::vector<std::vector<SimilarPair>> found(tasks);
    std::atomic<size_t> done{0};
    const Status status = parallelFor(
        tasks, parallelOptions(options.threads, options.cancel, rows.size(), done, options.progress),
        [&](size_t task) {
            std::vector<float> query(dimension);
            const size_t end = std::min(rows.size(), (task + 1) * kItemsPerTask);
            for (size_t i = task * kItemsPerTask; i < end; ++i) {
                segments[rows[i].segment]->readRow(rows[i].row, query.data());
                for (size_t s = 0; s < segments.size(); ++s) {
                    if (!indexes[s]) {
                        continue;
                    }
                    const size_t size = indexes[s]->size();
                    for (size_t k = std::min(kFirstNeighbours, size);; k = std::min(size, k * 2)) {
                        const auto neighbours = indexes[s]->search(query.data(), k, 0);
                        const bool more = neighbours.size() == k && k < size && !neighbours.empty() &&
                                          neighbours.back().second >= threshold;
                        if (more) {
                            continue;
                        }
                        for (const auto& [row, similarity] : neighbours) {
                            const long j = row < entryOfRow[s].size() ? entryOfRow[s][row] : -1;
                            if (similarity >= threshold && j >= 0 && size_t(j) != i) {
                                found[task].push_back(
                                    {std::min(i, size_t(j)), std::max(i, size_t(j)), similarity});
                            }
                        }
                        break;
                    }
                }
                ++done;
            }
        });
    CURATOR_TRY_STATUS(cancelledOr(status, options.cancel));
    std::vector<SimilarPair> pairs;
    for (auto& part : found) {
        pairs.insert(pairs.end(), part.begin(), part.end());
    }
    sortPairs(pairs);
    pairs.erase(std::unique(pairs.begin(), pairs.end(),
                            [](const SimilarPair& a, const SimilarPair& b) {
                                return a.first == b.first && a.second == b.second;
                            }),
                pairs.end());
    return pairs;
}

class UnionFind {
public:
    explicit UnionFind(size_t size)
        : m_parent(size) {
        std::iota(m_parent.begin(), m_parent.end(), size_t(0));
    }
    size_t find(size_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void join(size_t a, size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) {
            m_parent[std::max(a, b)] = std::min(a, b);
        }
    }

private:
    std::vector<size_t> m_parent;
};

std::string formatSimilarity(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

} // namespace

Status checkNearDuplicateThreshold(double threshold, const std::string& what) {
    if (!std::isfinite(threshold) || threshold <= 0.0 || threshold > 1.0) {
        return makeError(
            what + ": expected a cosine in (0, 1] (e.g. 0.97), got " +
            (std::isfinite(threshold) ? formatSimilarity(threshold) : std::string("not a number")));
    }
    return {};
}

Result<std::vector<SimilarPair>> similarPairs(const std::vector<const EmbeddingMatrix*>& segments,
                                              const std::vector<EmbeddedRow>& rows, float threshold,
                                              unsigned threads, const std::atomic<bool>* cancel,
                                              const NearDuplicateProgress& progress) {
    size_t dimension = 0;
    CURATOR_TRY_STATUS(checkSegments(segments, rows, &dimension));
    CURATOR_TRY_STATUS(startProgress(progress, rows.size()));
    if (rows.size() < 2) {
        return std::vector<SimilarPair>{};
    }
    const std::vector<float> gathered = gatherRows(segments, rows, dimension);
    const DotKernels kernels = dotKernels(detectSimdLevel());
    const size_t blocks = (rows.size() + kQueryBlock - 1) / kQueryBlock;
    std::vector<std::vector<SimilarPair>> found(blocks);
    std::atomic<size_t> done{0};
    const Status status = parallelForWorkers(
        blocks, parallelOptions(threads, cancel, rows.size(), done, progress), [&]() -> ParallelBody {
            auto scratch = std::make_shared<std::vector<float>>();
            return [&, scratch](size_t block) -> Status {
                const size_t first = block * kQueryBlock;
                const size_t queries = std::min(kQueryBlock, rows.size() - first);
                // The block's queries against themselves and every row after them: each pair once.
                scoreBlock(kernels, gathered.data() + first * dimension, queries,
                           gathered.data() + first * dimension, rows.size() - first, dimension, threshold,
                           *scratch, [&](size_t q, size_t r, float similarity) {
                               const size_t i = first + q, j = first + r;
                               if (j > i) {
                                   found[block].push_back({i, j, similarity});
                               }
                           });
                done += queries;
                return {};
            };
        });
    CURATOR_TRY_STATUS(cancelledOr(status, cancel));
    std::vector<SimilarPair> pairs;
    for (auto& part : found) {
        pairs.insert(pairs.end(), part.begin(), part.end());
    }
    sortPairs(pairs);
    return pairs;
}

Result<std::vector<std::vector<NearRow>>> nearestRows(const std::vector<const EmbeddingMatrix*>& segments,
                                                      const std::vector<EmbeddedRow>& queries,
                                                      const std::vector<EmbeddedRow>& candidates, size_t k,
                                                      unsigned threads, const std::atomic<bool>* cancel,
                                                      const NearDuplicateProgress& progress) {
    std::vector<EmbeddedRow> all = queries;
    all.insert(all.end(), candidates.begin(), candidates.end());
    size_t dimension = 0;
    CURATOR_TRY_STATUS(checkSegments(segments, all, &dimension));
    CURATOR_TRY_STATUS(startProgress(progress, queries.size()));
    std::vector<std::vector<NearRow>> nearest(queries.size());
    k = std::min(k, candidates.size());
    if (queries.empty() || k == 0) {
        return nearest;
    }
    const std::vector<float> queryRows = gatherRows(segments, queries, dimension);
    const std::vector<float> rows = gatherRows(segments, candidates, dimension);
    const DotKernels kernels = dotKernels(detectSimdLevel());
    const auto closer = [](const NearRow& a, const NearRow& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.index < b.index;
    };
    const size_t blocks = (queries.size() + kQueryBlock - 1) / kQueryBlock;
    std::atomic<size_t> done{0};
    const Status status = parallelForWorkers(
        blocks, parallelOptions(threads, cancel, queries.size(), done, progress), [&]() -> ParallelBody {
            auto scratch = std::make_shared<std::vector<float>>();
            return [&, scratch](size_t block) -> Status {
                const size_t first = block * kQueryBlock;
                const size_t count = std::min(kQueryBlock, queries.size() - first);
                // A heap per query whose top is the farthest of the k kept so far.
                scoreBlock(kernels, queryRows.data() + first * dimension, count, rows.data(),
                           candidates.size(), dimension, -2.0f, *scratch,
                           [&](size_t q, size_t r, float similarity) {
                               std::vector<NearRow>& heap = nearest[first + q];
                               const NearRow row{r, similarity};
                               if (heap.size() < k) {
                                   heap.push_back(row);
                                   std::push_heap(heap.begin(), heap.end(), closer);
                               } else if (closer(row, heap.front())) {
                                   std::pop_heap(heap.begin(), heap.end(), closer);
                                   heap.back() = row;
                                   std::push_heap(heap.begin(), heap.end(), closer);
                               }
                           });
                for (size_t q = 0; q < count; ++q) {
                    std::sort_heap(nearest[first + q].begin(), nearest[first + q].end(), closer);
                }
                done += count;
                return {};
            };
        });
    CURATOR_TRY_STATUS(cancelledOr(status, cancel));
    return nearest;
}

Result<std::vector<char>> nearDuplicatesOfDataset(const std::vector<const EmbeddingMatrix*>& segments,
                                                  const std::vector<EmbeddedRow>& candidates,
                                                  const std::vector<EmbeddedRow>& reference, float threshold,
                                                  unsigned threads) {
    std::vector<EmbeddedRow> all = candidates;
    all.insert(all.end(), reference.begin(), reference.end());
    size_t dimension = 0;
    CURATOR_TRY_STATUS(checkSegments(segments, all, &dimension));
    std::vector<char> flagged(candidates.size(), 0);
    if (candidates.empty()) {
        return flagged;
    }
    // Against the dataset: blocks of candidates against every reference row.
    if (!reference.empty()) {
        const std::vector<float> queries = gatherRows(segments, candidates, dimension);
        const std::vector<float> rows = gatherRows(segments, reference, dimension);
        const DotKernels kernels = dotKernels(detectSimdLevel());
        const size_t blocks = (candidates.size() + kQueryBlock - 1) / kQueryBlock;
        std::atomic<size_t> done{0};
        CURATOR_TRY_STATUS(parallelForWorkers(
            blocks, parallelOptions(threads, nullptr, candidates.size(), done, {}), [&]() -> ParallelBody {
                auto scratch = std::make_shared<std::vector<float>>();
                return [&, scratch](size_t block) -> Status {
                    const size_t first = block * kQueryBlock;
                    const size_t count = std::min(kQueryBlock, candidates.size() - first);
                    // Each block writes only its own candidates' flags.
                    scoreBlock(kernels, queries.data() + first * dimension, count, rows.data(),
                               reference.size(), dimension, threshold, *scratch,
                               [&](size_t q, size_t, float) { flagged[first + q] = 1; });
                    return {};
                };
            }));
    }
    // Among the candidates left: in their order, each one kept flags its later near-duplicates.
    std::vector<EmbeddedRow> left;
    std::vector<size_t> indexOfLeft;
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (!flagged[i]) {
            left.push_back(candidates[i]);
            indexOfLeft.push_back(i);
        }
    }
    CURATOR_TRY(const std::vector<SimilarPair> pairs, similarPairs(segments, left, threshold, threads));
    std::vector<char> dropped(left.size(), 0);
    for (const SimilarPair& pair : pairs) { // sorted by first: a kept first is final when reached
        if (!dropped[pair.first]) {
            dropped[pair.second] = 1;
        }
    }
    for (size_t i = 0; i < left.size(); ++i) {
        if (dropped[i]) {
            flagged[indexOfLeft[i]] = 1;
        }
    }
    return flagged;
}

Result<NearDuplicateReport> findNearDuplicates(CurationLog& log, const EmbeddingStore& store,
                                               const NearDuplicateOptions& options) {
    CURATOR_TRY_STATUS(checkNearDuplicateThreshold(options.threshold, "near-duplicate threshold"));
    const float threshold = static_cast<float>(options.threshold);
    NearDuplicateReport report;
    report.threshold = options.threshold;

    // The dataset and its commits as of one moment.
    std::vector<CatalogImage> images;
    std::unordered_map<std::string, size_t> commitsOfImage;
    {
        SqliteReadTransaction snapshot(log.database());
        CURATOR_TRY_STATUS(snapshot.began());
        CURATOR_TRY(report.branch, curationdetail::resolveBranch(log.database(), options.branch));
        CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(log.database()));
        const HistoryBranch* branch = graph.branch(report.branch);
        if (!branch) {
            return makeError("unknown branch '" + report.branch + "'");
        }
        CURATOR_TRY(images, log.datasetImages(report.branch));
        CURATOR_TRY(const std::vector<std::vector<CatalogImage>> entriesOfLive,
                    curationdetail::liveCommitEntries(log.database(), graph, branch->head));
        for (const std::vector<CatalogImage>& entries : entriesOfLive) {
            std::vector<std::string> keys;
            for (const CatalogImage& entry : entries) {
                keys.push_back(imageKey(entry.source, entry.name));
            }
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            for (const std::string& key : keys) {
                ++commitsOfImage[key];
            }
        }
    }
    report.datasetImages = images.size();
    report.method = options.method == NearDuplicateMethod::Index ? "hnsw" : "exact";
    if (images.empty()) {
        report.model = options.model;
        return report;
    }

    CURATOR_TRY(const std::vector<const EmbeddingMatrix*> segments, store.select(options.model, {}));
    report.model = segments.empty() ? options.model : segments.front()->model();
    std::map<std::string, uint32_t> segmentOfSource;
    for (size_t s = 0; s < segments.size(); ++s) {
        segmentOfSource.emplace(segments[s]->source(), uint32_t(s));
    }
    std::vector<EmbeddedRow> rows;
    std::vector<size_t> imageOfRow;
    for (size_t i = 0; i < images.size(); ++i) {
        const auto segment = segmentOfSource.find(images[i].source);
        const auto row = segment == segmentOfSource.end()
                             ? std::nullopt
                             : segments[segment->second]->findRow(images[i].name);
        if (!row) {
            if (report.notEmbeddedSample.size() < kNotEmbeddedSample) {
                report.notEmbeddedSample.push_back(images[i].source + "/" + images[i].name);
            }
            continue;
        }
        rows.push_back({segment->second, uint32_t(*row)});
        imageOfRow.push_back(i);
    }
    report.embeddedImages = rows.size();

    // The graphs, when asked for or when every source holding dataset rows has one.
    std::vector<std::unique_ptr<HnswIndex>> loaded(segments.size());
    std::vector<const HnswIndex*> indexes(segments.size(), nullptr);
    bool useIndex = options.method != NearDuplicateMethod::Exact;
    if (useIndex) {
        std::vector<char> holds(segments.size(), 0);
        for (const EmbeddedRow& row : rows) {
            holds[row.segment] = 1;
        }
        for (size_t s = 0; s < segments.size() && useIndex; ++s) {
            auto index = HnswIndex::load(*segments[s]);
            if (!index) {
                if (options.method == NearDuplicateMethod::Index && holds[s]) {
                    return makeError("near-duplicates by index: " + index.error() +
                                     " (build it with 'curator-cli index build', or use the exact scan)");
                }
                useIndex = !holds[s];
                continue;
            }
            loaded[s] = std::move(*index);
            indexes[s] = loaded[s].get();
        }
    }
    report.method = useIndex ? "hnsw" : "exact";
    CURATOR_TRY(const std::vector<SimilarPair> pairs,
                useIndex ? indexPairs(segments, indexes, rows, threshold, options)
                         : similarPairs(segments, rows, threshold, options.threads, options.cancel,
                                        options.progress));
    report.pairs = pairs.size();

    const auto label = [&](size_t r) {
        const CatalogImage& image = images[imageOfRow[r]];
        return image.source + "/" + image.name;
    };
    UnionFind sets(rows.size());
    for (const SimilarPair& pair : pairs) {
        sets.join(pair.first, pair.second);
        report.pairList.push_back({label(pair.first), label(pair.second), pair.similarity});
    }
    std::map<size_t, std::vector<size_t>> membersOfRoot;
    std::map<size_t, std::pair<float, float>> edgeRange;
    for (const SimilarPair& pair : pairs) {
        const size_t root = sets.find(pair.first);
        auto [range, fresh] = edgeRange.emplace(root, std::make_pair(pair.similarity, pair.similarity));
        if (!fresh) {
            range->second.first = std::min(range->second.first, pair.similarity);
            range->second.second = std::max(range->second.second, pair.similarity);
        }
    }
    for (size_t r = 0; r < rows.size(); ++r) {
        if (edgeRange.count(sets.find(r)) > 0) {
            membersOfRoot[sets.find(r)].push_back(r);
        }
    }
    const size_t dimension = segments[rows.front().segment]->dimension();
    for (const auto& [root, members] : membersOfRoot) {
        NearDuplicateGroup group;
        group.minSimilarity = edgeRange[root].first;
        group.maxSimilarity = edgeRange[root].second;
        if (members.size() <= kAllPairsGroupLimit) {
            std::vector<EmbeddedRow> memberRows;
            for (size_t r : members) {
                memberRows.push_back(rows[r]);
            }
            const std::vector<float> vectors = gatherRows(segments, memberRows, dimension);
            for (size_t a = 0; a < members.size(); ++a) {
                for (size_t b = a + 1; b < members.size(); ++b) {
                    float dot = 0;
                    for (size_t c = 0; c < dimension; ++c) {
                        dot += vectors[a * dimension + c] * vectors[b * dimension + c];
                    }
                    group.minSimilarity = std::min(group.minSimilarity, dot);
                    group.maxSimilarity = std::max(group.maxSimilarity, dot);
                }
            }
        }
        for (size_t r : members) {
            const CatalogImage& image = images[imageOfRow[r]];
            const auto commits = commitsOfImage.find(imageKey(image.source, image.name));
            group.members.push_back({image.source, image.name, image.path,
                                     commits == commitsOfImage.end() ? 0 : commits->second, false});
        }
        // The keep rule: most live commits, then the smallest id, then the smallest source.
        std::sort(group.members.begin(), group.members.end(),
                  [](const NearDuplicateMember& a, const NearDuplicateMember& b) {
                      if (a.commits != b.commits) {
                          return a.commits > b.commits;
                      }
                      return a.id != b.id ? a.id < b.id : a.source < b.source;
                  });
        group.members.front().kept = true;
        std::sort(group.members.begin() + 1, group.members.end(),
                  [](const NearDuplicateMember& a, const NearDuplicateMember& b) {
                      return a.id != b.id ? a.id < b.id : a.source < b.source;
                  });
        report.imagesInGroups += group.members.size();
        report.groups.push_back(std::move(group));
    }
    report.removable = report.imagesInGroups - report.groups.size();
    std::sort(report.groups.begin(), report.groups.end(),
              [](const NearDuplicateGroup& a, const NearDuplicateGroup& b) {
                  if (a.members.size() != b.members.size()) {
                      return a.members.size() > b.members.size();
                  }
                  const NearDuplicateMember& x = a.members.front();
                  const NearDuplicateMember& y = b.members.front();
                  return x.id != y.id ? x.id < y.id : x.source < y.source;
              });
    return report;
}

std::string nearDuplicateReportToJson(const NearDuplicateReport& report) {
    ordered_json groups = ordered_json::array();
    for (const NearDuplicateGroup& group : report.groups) {
        ordered_json members = ordered_json::array();
        for (const NearDuplicateMember& member : group.members) {
            members.push_back({{"source", member.source},
                               {"id", member.id},
                               {"path", member.path},
                               {"commits", member.commits},
                               {"kept", member.kept}});
        }
        groups.push_back({{"size", group.members.size()},
                          {"min_similarity", group.minSimilarity},
                          {"max_similarity", group.maxSimilarity},
                          {"members", members}});
    }
    const ordered_json object = {
        {"near_duplicates",
         {{"branch", report.branch},
          {"model", report.model},
          {"threshold", report.threshold},
          {"method", report.method},
          {"dataset_images", report.datasetImages},
          {"embedded_images", report.embeddedImages},
          {"not_embedded_sample", report.notEmbeddedSample},
          {"pairs", report.pairs},
          {"groups_count", report.groups.size()},
          {"images_in_groups", report.imagesInGroups},
          {"removable", report.removable},
          {"keep_rule", "most live commits of the branch, then the smallest id, then the smallest source"},
          {"groups", groups}}}};
    return curationdetail::dumpJson(object, 2, false);
}

std::string formatNearDuplicateReport(const NearDuplicateReport& report) {
    std::string text = "near-duplicates of '" + report.branch +
                       "' (cosine >= " + formatSimilarity(report.threshold) + ", " +
                       (report.method == "hnsw" ? "hnsw graphs" : "exact scan") +
                       (report.model.empty() ? "" : ", model " + report.model) + ")\n";
    text += "  dataset: " + std::to_string(report.datasetImages) + " images, " +
            std::to_string(report.embeddedImages) + " with an embedding\n";
    if (report.embeddedImages < report.datasetImages) {
        text += "  not embedded (not compared), e.g.:";
        for (const std::string& name : report.notEmbeddedSample) {
            text += " " + name;
        }
        text += "\n";
    }
    const auto counted = [](size_t count, const char* noun) {
        return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
    };
    text += "  " + counted(report.groups.size(), "group") + ", " + counted(report.imagesInGroups, "image") +
            " in groups, " + counted(report.pairs, "pair") + "; keeping one per group removes " +
            std::to_string(report.removable) + "\n";
    text +=
        "  kept (*): the image in the most live commits, then the smallest id, then the smallest source\n";
    for (size_t g = 0; g < report.groups.size(); ++g) {
        const NearDuplicateGroup& group = report.groups[g];
        text += "group " + std::to_string(g + 1) + ": " + std::to_string(group.members.size()) +
                " images, cosine " + formatSimilarity(group.minSimilarity) + " - " +
                formatSimilarity(group.maxSimilarity) + "\n";
        for (const NearDuplicateMember& member : group.members) {
            text += std::string(member.kept ? "  * " : "    ") + member.source + "/" + member.id + "  (" +
                    std::to_string(member.commits) + (member.commits == 1 ? " commit)" : " commits)") +
                    (member.path.empty() ? "" : "  " + member.path) + "\n";
        }
    }
    return text;
}

Result<ReleaseExclusions> nearDuplicateExclusions(CurationLog& log, const EmbeddingStore& store,
                                                  double threshold, const std::atomic<bool>* cancel) {
    NearDuplicateOptions options;
    options.threshold = threshold;
    options.cancel = cancel;
    CURATOR_TRY(const NearDuplicateReport report, findNearDuplicates(log, store, options));
    ReleaseExclusions exclusions;
    exclusions.threshold = threshold;
    for (const NearDuplicateGroup& group : report.groups) {
        for (const NearDuplicateMember& member : group.members) {
            if (!member.kept) {
                exclusions.keys.insert(releaseImageKey(member.source, member.id));
            }
        }
    }
    return exclusions;
}

} // namespace curator
