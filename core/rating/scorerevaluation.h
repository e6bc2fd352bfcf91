#pragma once

// The reward-model report (issue 17 §5): how a scorer ranks prompt-faithful anti-aesthetic images against
// clean images of similar content. The pairs are the preference pairs' (dataset/preferencepairs.h, one
// rule); both images of a pair are scored with the pair's prompt as their caption, the prompt asking for
// the anti-aesthetic attribute. Per attribute: the score distribution of each side and the preference
// rate, the fraction of pairs in which the anti-aesthetic image scores strictly above the clean one (ties
// count against it and are reported). Scores come from the score cache (keyed by the prompt's hash) and,
// for what is missing, from aestheticsRate, which caches them. docs/dataset-quality.md shows a report.

#include "common/result.h"
#include "dataset/preferencepairs.h"
#include "rating/aestheticsrate.h"

#include <string>
#include <vector>

namespace curator {

class CurationLog;
class EmbeddingStore;
class Scorer;
class Taxonomy;

struct ScorerEvaluationOptions {
    PreferencePairOptions pairs;
    RatingOptions rating; // bins of the histograms, concurrency, batch size
    RateProgressCallback progress;
};

struct AttributeEvaluation {
    std::string attribute; // "all" for the overall row
    size_t pairs = 0;      // pairs scored on both sides
    size_t antiPreferred = 0;
    size_t ties = 0;
    double preferenceRate = 0; // antiPreferred / pairs
    ScoreHistogram anti;       // the chosen (anti-aesthetic) side
    ScoreHistogram clean;      // the rejected (clean) side
};

struct ScorerEvaluation {
    std::string scorer;
    std::string branch;
    std::string model; // the embedding model the pairs were matched with
    uint64_t seed = 0;
    ScoreRange range;
    size_t pairsFormed = 0;
    size_t pairsScored = 0; // both sides scored (a side that failed drops its pair)
    size_t scoresFromCache = 0;
    size_t scoresMade = 0;
    std::vector<AttributeEvaluation> attributes; // those with a scored pair, in taxonomy order
    AttributeEvaluation overall;
    std::vector<RateFailure> failures;
};

// One pair's two scores.
struct ScoredPair {
    std::string attribute;
    double anti = 0;
    double clean = 0;
};

// The figures of scored pairs (attributes in first-seen order); the part of evaluateScorer without I/O.
ScorerEvaluation summariseScoredPairs(const std::vector<ScoredPair>& pairs, ScoreRange range, size_t bins);

// Errors: those of preferencePairs, a rating error, every image failing (the first failure named).
Result<ScorerEvaluation> evaluateScorer(CurationLog& log, const EmbeddingStore& store,
                                        const Taxonomy& taxonomy, Scorer& scorer,
                                        const ScorerEvaluationOptions& options);

std::string scorerEvaluationToJson(const ScorerEvaluation& evaluation);
std::string formatScorerEvaluation(const ScorerEvaluation& evaluation);
// A self-contained SVG: per attribute the two sides' box plots (p25-p75, median, min-max whiskers) over
// the scorer's range and the preference rate as a bar.
std::string scorerEvaluationSvg(const ScorerEvaluation& evaluation);
// The report as a section of a release's card: a sentence on the measure, the plot (at `plotPath`,
// relative to the card) and the table per attribute.
std::string scorerEvaluationCardSection(const ScorerEvaluation& evaluation, const std::string& plotPath);
// Saves the report with a release (addToRelease): .card/<stem>.json and .svg, listed in its manifest,
// and the card's section. Returns the paths written. `curator-cli evaluate-scorer --release` and the
// workstation's scorer report both call it.
Result<std::vector<std::string>> saveScorerEvaluationToRelease(const std::string& releaseDirectory,
                                                               const ScorerEvaluation& evaluation);

// "scorer-evaluation-<scorer, letters and digits kept>" (the files add .json and .svg).
std::string scorerEvaluationFileStem(const std::string& scorer);

} // namespace curator
