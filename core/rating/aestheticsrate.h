#pragma once

#include "common/result.h"
#include "models/captioner.h"
#include "models/scorer.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace curator {

class CurationLog;

// An image to rate: its identity (source, id) keys the caches, its path is decoded when a model needs it,
// and a known caption (the sidecar caption the catalog got at ingest) spares the captioner.
struct RateItem {
    std::string source;
    std::string id;
    std::string path;
    std::string knownCaption;
};

struct RatedImage {
    std::string source;
    std::string id;
    std::string caption;
    double score = 0;
};

struct RateFailure {
    std::string source;
    std::string id;
    std::string message; // names the image and the step that failed; such an image is not scored
};

// Fixed bins: the same edges for every batch of one scorer (its whole range cut evenly), so batches and
// the dataset can be compared at a glance. Scores outside the range fall in the end bins.
struct ScoreHistogram {
    std::vector<double> edges;  // bins + 1
    std::vector<size_t> counts; // bins
    size_t count = 0;
    double mean = 0;
    double standardDeviation = 0;
    double minimum = 0;
    double maximum = 0;
    double p10 = 0, p25 = 0, median = 0, p75 = 0, p90 = 0;
};

struct RateReport {
    std::string scorer;
    std::string captioner;
    std::vector<RatedImage> rated;     // in the order given
    std::vector<RateFailure> failures; // reported, not scored
    ScoreHistogram histogram;
    size_t captionsFromCache = 0;
    size_t captionsFromSidecar = 0;
    size_t captionsFromCaptioner = 0;
    size_t scoresFromCache = 0;
};

// Called on the calling thread with the images done (captioned and scored, or failed): before each call of
// a serial backend, about every 50 ms while remote requests are in flight. Answering false stops the
// rating: no new request starts and those in flight are abandoned.
using RateProgressCallback = std::function<bool(size_t done, size_t total)>;

// Requests in flight at once by default for backends that allow concurrent calls (remote ones).
inline constexpr size_t kDefaultRatingConcurrency = 8;
// More is clamped to this (a value read from an edited transcript or settings file cannot start a
// thread per image of a large batch).
inline constexpr size_t kMaxRatingConcurrency = 256;

struct RatingOptions {
    size_t bins = 10;
    // Captions, then score batches, requested this many at once (0: kDefaultRatingConcurrency). A
    // backend that does not allow concurrent calls (the builtin and TorchScript ones) is called serially.
    size_t concurrency = 0;
    // Images per scorer call (0: the scorer's preferredBatchSize()).
    size_t scoreBatchSize = 0;
};

// Captions (cache -> known sidecar caption -> captioner), then scores (cache -> scorer), then the
// fixed-bin histogram. New captions and scores are written to the workspace's caches as they arrive,
// keyed by image and model (scores also by the caption's hash, since the scorer reads it). A caption that
// fails is an error for that image, never a placeholder; a score batch that fails is retried image by
// image, so one bad image does not fail its neighbours. Results keep the order of `items`.
Result<RateReport> aestheticsRate(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner,
                                  Scorer& scorer, const RatingOptions& options,
                                  const RateProgressCallback& progress = {});
Result<RateReport> aestheticsRate(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner,
                                  Scorer& scorer, size_t bins = 10,
                                  const RateProgressCallback& progress = {});

ScoreHistogram fixedBinHistogram(const std::vector<double>& scores, ScoreRange range, size_t bins = 10);

// A text rendering for people and for the agent: one line per bin with a bar, then the summary.
std::string formatHistogram(const ScoreHistogram& histogram);

} // namespace curator
