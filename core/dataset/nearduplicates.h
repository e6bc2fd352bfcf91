#pragma once

// Near-duplicates among the images of a branch's dataset (issue 17 §3): two images are near-duplicates
// when the cosine of their embeddings reaches a threshold. The pairs are found without an N x N matrix:
// each image is a query whose neighbours among the dataset's rows are scored by the scan's SIMD kernels
// (blocks of 16 queries against the rows after them, one pass per block), or, when every source of the
// dataset has a built hnsw graph, taken from the graphs (widened while the last neighbour still reaches
// the threshold). Pairs join groups by union-find; docs/dataset-quality.md describes the report.

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "dataset/curationlog.h"
#include "store/embeddingmatrix.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace curator {

class EmbeddingStore;

// exact: the SIMD scan over the dataset's rows (every pair found). index: the hnsw graphs (approximate;
// an error when a source has none). automatic: the graphs when every source has one, else the scan.
enum class NearDuplicateMethod { Automatic, Exact, Index };

// Called with (images done, images in all); answering false cancels.
using NearDuplicateProgress = std::function<bool(size_t done, size_t total)>;

struct NearDuplicateOptions {
    double threshold = defaults::kNearDuplicateThreshold; // cosine; (0, 1]
    std::string branch;                                   // empty: the checked-out branch
    std::string model;                                    // empty: the workspace's only model
    NearDuplicateMethod method = NearDuplicateMethod::Automatic;
    unsigned threads = 0; // 0: one per hardware thread
    const std::atomic<bool>* cancel = nullptr;
    NearDuplicateProgress progress;
};

// A row of a matrix among `segments`.
struct EmbeddedRow {
    uint32_t segment = 0;
    uint32_t row = 0;
};

// Two entries of a row list (first < second) and their cosine.
struct SimilarPair {
    size_t first = 0;
    size_t second = 0;
    float similarity = 0;
};

struct NearDuplicateMember {
    std::string source;
    std::string id;
    std::string path;
    size_t commits = 0; // live commits of the branch that hold the image
    bool kept = false;  // the one image of its group that dropping near-duplicates keeps
};

struct NearDuplicateGroup {
    std::vector<NearDuplicateMember> members; // the kept one first, then by (id, source)
    // Over every pair of members (groups over 1,000 members: over the pairs found), so a chain of pairs
    // each above the threshold shows its ends' lower similarity.
    float minSimilarity = 0;
    float maxSimilarity = 0;
};

struct NearDuplicateReport {
    std::string branch;
    std::string model;
    double threshold = 0;
    std::string method;                         // "exact" or "hnsw"
    size_t datasetImages = 0;                   // distinct images of the branch's live commits
    size_t embeddedImages = 0;                  // of them, those with a row in a matrix of the model
    std::vector<std::string> notEmbeddedSample; // a few of the others, "source/id"
    size_t pairs = 0;                           // pairs at or above the threshold
    size_t imagesInGroups = 0;
    size_t removable = 0; // imagesInGroups - groups: what keeping one image per group drops
    // Largest group first, then by the kept member's (id, source).
    std::vector<NearDuplicateGroup> groups;
    // Every pair found, as "source/id" of both and the cosine (first < second by dataset order).
    struct Pair {
        std::string first;
        std::string second;
        float similarity = 0;
    };
    std::vector<Pair> pairList;
};

// The near-duplicate groups of a branch's dataset. The kept member of a group is the image held by the
// most live commits of the branch, then the smallest id, then the smallest source name. Errors: a
// threshold outside (0, 1] or not a number, an unknown branch, a model the store lacks, cancellation
// ("cancelled"). An empty dataset is an empty report.
Result<NearDuplicateReport> findNearDuplicates(CurationLog& log, const EmbeddingStore& store,
                                               const NearDuplicateOptions& options);

// The exact pairs among `rows` with cosine >= threshold, each pair once (first < second), sorted.
Result<std::vector<SimilarPair>> similarPairs(const std::vector<const EmbeddingMatrix*>& segments,
                                              const std::vector<EmbeddedRow>& rows, float threshold,
                                              unsigned threads = 0, const std::atomic<bool>* cancel = nullptr,
                                              const NearDuplicateProgress& progress = {});

// For each of `queries`, its `k` nearest entries of `candidates` (the highest cosine first; ties by the
// smaller index), as (index into candidates, cosine). Blocks of queries against every candidate row,
// through the scan's SIMD kernels; no queries x candidates matrix is kept.
struct NearRow {
    size_t index = 0;
    float similarity = 0;
};
Result<std::vector<std::vector<NearRow>>>
nearestRows(const std::vector<const EmbeddingMatrix*>& segments, const std::vector<EmbeddedRow>& queries,
            const std::vector<EmbeddedRow>& candidates, size_t k, unsigned threads = 0,
            const std::atomic<bool>* cancel = nullptr, const NearDuplicateProgress& progress = {});

// A commit's exclusion rule: flags of `candidates` (in their order) that are near-duplicates (cosine >=
// threshold) of a row of `reference` (the dataset's images) or of an earlier candidate that was not
// flagged itself, so that of several new near-duplicates the first stays.
Result<std::vector<char>> nearDuplicatesOfDataset(const std::vector<const EmbeddingMatrix*>& segments,
                                                  const std::vector<EmbeddedRow>& candidates,
                                                  const std::vector<EmbeddedRow>& reference, float threshold,
                                                  unsigned threads = 0);

// What a release leaves out to hold no near-duplicates: every member of the checked-out branch's groups at
// `threshold` but the kept one (findNearDuplicates' rule, so a release drops what `dedup` reports as
// removable).
Result<ReleaseExclusions> nearDuplicateExclusions(CurationLog& log, const EmbeddingStore& store,
                                                  double threshold,
                                                  const std::atomic<bool>* cancel = nullptr);

// "threshold" must be a number in (0, 1]; the error names `what` and the value.
Status checkNearDuplicateThreshold(double threshold, const std::string& what);

std::string nearDuplicateReportToJson(const NearDuplicateReport& report);
std::string formatNearDuplicateReport(const NearDuplicateReport& report);

} // namespace curator
