#include "rating/aestheticsrate.h"

#include "common/parallel.h"
#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>

namespace curator {

namespace {

double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) {
        return 0;
    }
    const double position = q * static_cast<double>(sorted.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - static_cast<double>(below));
}

// The two caches over the workspace database's tables (schema version 2).
class RatingCache {
public:
    explicit RatingCache(SqliteDatabase& database)
        : m_database(database) {}

    Result<std::string> caption(const RateItem& item, const std::string& model) {
        auto statement = m_database.prepare(
            "SELECT caption FROM caption_cache WHERE source = ?1 AND name = ?2 AND model = ?3");
        if (!statement) {
            return statement.takeError();
        }
        statement->bindText(1, item.source);
        statement->bindText(2, item.id);
        statement->bindText(3, model);
        auto row = statement->step();
        if (!row) {
            return row.takeError();
        }
        return *row ? statement->columnText(0) : std::string();
    }

    Status storeCaption(const RateItem& item, const std::string& model, const std::string& caption) {
        auto statement =
            m_database.prepare("INSERT OR REPLACE INTO caption_cache(source, name, model, caption, "
                               "created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
        if (!statement) {
            return statement.takeError();
        }
        statement->bindText(1, item.source);
        statement->bindText(2, item.id);
        statement->bindText(3, model);
        statement->bindText(4, caption);
        statement->bindText(5, utcTimestamp());
        return statement->run();
    }

    Result<std::optional<double>> score(const RateItem& item, const std::string& model,
                                        const std::string& captionHash) {
        auto statement =
            m_database.prepare("SELECT score FROM score_cache WHERE source = ?1 AND name = ?2 AND "
                               "model = ?3 AND caption_sha256 = ?4");
        if (!statement) {
            return statement.takeError();
        }
        statement->bindText(1, item.source);
        statement->bindText(2, item.id);
        statement->bindText(3, model);
        statement->bindText(4, captionHash);
        auto row = statement->step();
        if (!row) {
            return row.takeError();
        }
        return *row ? std::optional<double>(statement->columnDouble(0)) : std::nullopt;
    }

    Status storeScore(const RateItem& item, const std::string& model, const std::string& captionHash,
                      double value) {
        auto statement =
            m_database.prepare("INSERT OR REPLACE INTO score_cache(source, name, model, caption_sha256, "
                               "score, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        if (!statement) {
            return statement.takeError();
        }
        statement->bindText(1, item.source);
        statement->bindText(2, item.id);
        statement->bindText(3, model);
        statement->bindText(4, captionHash);
        statement->bindDouble(5, value);
        statement->bindText(6, utcTimestamp());
        return statement->run();
    }

private:
    SqliteDatabase& m_database;
};

} // namespace

ScoreHistogram fixedBinHistogram(const std::vector<double>& scores, ScoreRange range, size_t bins) {
    ScoreHistogram histogram;
    bins = std::max<size_t>(1, bins);
    const double width = (range.maximum - range.minimum) / static_cast<double>(bins);
    for (size_t i = 0; i <= bins; ++i) {
        histogram.edges.push_back(range.minimum + width * static_cast<double>(i));
    }
    histogram.counts.assign(bins, 0);
    histogram.count = scores.size();
    if (scores.empty()) {
        return histogram;
    }
    double sum = 0;
    for (double score : scores) {
        const double position = width > 0 ? (score - range.minimum) / width : 0;
        const size_t bin = position < 0 ? 0 : std::min(bins - 1, static_cast<size_t>(position));
        ++histogram.counts[bin];
        sum += score;
    }
    histogram.mean = sum / static_cast<double>(scores.size());
    double squares = 0;
    for (double score : scores) {
        squares += (score - histogram.mean) * (score - histogram.mean);
    }
    histogram.standardDeviation = std::sqrt(squares / static_cast<double>(scores.size()));
    std::vector<double> sorted = scores;
    std::sort(sorted.begin(), sorted.end());
    histogram.minimum = sorted.front();
    histogram.maximum = sorted.back();
    histogram.p10 = quantile(sorted, 0.10);
    histogram.p25 = quantile(sorted, 0.25);
    histogram.median = quantile(sorted, 0.50);
    histogram.p75 = quantile(sorted, 0.75);
    histogram.p90 = quantile(sorted, 0.90);
    return histogram;
}

std::string formatHistogram(const ScoreHistogram& histogram) {
    std::string text;
    const size_t largest =
        histogram.counts.empty() ? 0 : *std::max_element(histogram.counts.begin(), histogram.counts.end());
    char line[160];
    for (size_t i = 0; i < histogram.counts.size(); ++i) {
        const int bar = largest ? static_cast<int>(30 * histogram.counts[i] / largest) : 0;
        std::snprintf(line, sizeof line, "[%6.2f, %6.2f%c %4zu %s\n", histogram.edges[i],
                      histogram.edges[i + 1], i + 1 == histogram.counts.size() ? ']' : ')',
                      histogram.counts[i], std::string(bar, '#').c_str());
        text += line;
    }
    std::snprintf(
        line, sizeof line,
        "n=%zu mean=%.2f std=%.2f min=%.2f p10=%.2f p25=%.2f median=%.2f p75=%.2f p90=%.2f max=%.2f\n",
        histogram.count, histogram.mean, histogram.standardDeviation, histogram.minimum, histogram.p10,
        histogram.p25, histogram.median, histogram.p75, histogram.p90, histogram.maximum);
    text += line;
    return text;
}

namespace {

// One image's way through a rating; written by the one worker that handles it, read after the workers.
struct ItemOutcome {
    std::string caption;
    std::string captionHash;
    double score = 0;
    bool scored = false;
    std::string failure; // set: reported, not scored
};

// One rating. The caches are read on the calling thread; captions, then score batches, are requested on
// up to `concurrency` workers, each result goes into its item's slot (so the report keeps the given
// order) and each new caption or score is stored in the cache under one lock as soon as it arrives (a
// stopped rating keeps what it paid for).
class RatingRun {
public:
    RatingRun(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner, Scorer& scorer,
              const RatingOptions& options, const RateProgressCallback& progress)
        : m_items(items)
        , m_captioner(captioner)
        , m_scorer(scorer)
        , m_options(options)
        , m_progress(progress)
        , m_cache(log.database())
        , m_outcomes(items.size()) {
        m_report.scorer = scorer.modelName();
        m_report.captioner = captioner.modelName();
    }

    Result<RateReport> run() {
        if (!keepGoing()) {
            return cancelled();
        }
        std::vector<size_t> toCaption;
        CURATOR_TRY_STATUS(readCachedCaptions(toCaption));
        CURATOR_TRY_STATUS(concurrently(toCaption.size(), m_captioner.allowsConcurrentCalls(),
                                        [&](size_t k) { return captionOne(toCaption[k]); }));
        if (!keepGoing()) {
            return cancelled();
        }
        std::vector<std::vector<size_t>> batches;
        CURATOR_TRY_STATUS(readCachedScores(batches));
        CURATOR_TRY_STATUS(concurrently(batches.size(), m_scorer.allowsConcurrentCalls(),
                                        [&](size_t b) { return scoreBatch(batches[b]); }));
        if (m_cancel.load()) {
            return cancelled();
        }
        std::vector<double> scores;
        for (size_t i = 0; i < m_items.size(); ++i) {
            const RateItem& item = m_items[i];
            ItemOutcome& outcome = m_outcomes[i];
            if (!outcome.failure.empty()) {
                m_report.failures.push_back({item.source, item.id, std::move(outcome.failure)});
            } else if (outcome.scored) {
                m_report.rated.push_back({item.source, item.id, std::move(outcome.caption), outcome.score});
                scores.push_back(outcome.score);
            }
        }
        m_report.histogram = fixedBinHistogram(scores, m_scorer.range(), m_options.bins);
        return std::move(m_report);
    }

private:
    // Asks the progress callback; a "no" cancels what is in flight (the backends watch m_cancel).
    bool keepGoing() {
        if (m_cancel.load()) {
            return false;
        }
        if (m_progress && !m_progress(m_steps.load() / 2, m_items.size())) {
            m_cancel = true;
            return false;
        }
        return true;
    }

    Error cancelled() const {
        return makeError("rating cancelled after " + std::to_string(m_steps.load() / 2) + " of " +
                         std::to_string(m_items.size()));
    }

    // A backend that does not allow concurrent calls runs on the calling thread, which asks about progress
    // before each call (as it always did). Remote ones run on workers (even one: a stop then abandons the
    // request in flight) while the calling thread reports progress, so the callback stays on its thread.
    Status concurrently(size_t count, bool allowsConcurrentCalls, const std::function<Status(size_t)>& body) {
        if (!allowsConcurrentCalls) {
            for (size_t k = 0; k < count && keepGoing(); ++k) {
                CURATOR_TRY_STATUS(body(k));
            }
            return {};
        }
        ParallelOptions parallel;
        parallel.threads = static_cast<unsigned>(
            std::min(m_options.concurrency ? m_options.concurrency : kDefaultRatingConcurrency,
                     kMaxRatingConcurrency));
        parallel.cancel = &m_cancel;
        if (m_progress) {
            parallel.monitor = [this] { return keepGoing(); };
            parallel.monitorInterval = std::chrono::milliseconds(50);
        }
        parallel.describeItem = [](size_t index) { return "rating request " + std::to_string(index); };
        Status status = parallelFor(count, parallel, body);
        return isCancellation(status) ? Status{} : status; // run() reports the cancellation
    }

    Status readCachedCaptions(std::vector<size_t>& toCaption) {
        for (size_t i = 0; i < m_items.size(); ++i) {
            CURATOR_TRY(std::string cached, m_cache.caption(m_items[i], m_report.captioner));
            if (!cached.empty()) {
                m_outcomes[i].caption = std::move(cached);
                ++m_report.captionsFromCache;
            } else if (!m_items[i].knownCaption.empty()) {
                m_outcomes[i].caption = m_items[i].knownCaption;
                ++m_report.captionsFromSidecar;
            } else {
                toCaption.push_back(i);
                continue;
            }
            ++m_steps;
        }
        return {};
    }

    void fail(size_t index, std::string message) { m_outcomes[index].failure = std::move(message); }

    Status captionOne(size_t index) {
        const RateItem& item = m_items[index];
        auto image = decodeImageFile(item.path);
        if (!image) {
            fail(index, "caption: " + image.error());
            m_steps += 2; // no score step follows
            return {};
        }
        auto made = m_captioner.captionUnlessCancelled(*image, item.path, m_cancel);
        if (m_cancel.load()) {
            return {}; // abandoned: the rating reports the cancellation
        }
        if (!made) {
            fail(index, "caption: " + made.error());
            m_steps += 2;
            return {};
        }
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        CURATOR_TRY_STATUS(m_cache.storeCaption(item, m_report.captioner, *made));
        m_outcomes[index].caption = std::move(*made);
        ++m_report.captionsFromCaptioner;
        ++m_steps;
        return {};
    }

    // Cached scores are taken; the others are cut into batches of consecutive images.
    Status readCachedScores(std::vector<std::vector<size_t>>& batches) {
        const size_t batchSize = std::max<size_t>(
            1, m_options.scoreBatchSize ? m_options.scoreBatchSize : m_scorer.preferredBatchSize());
        for (size_t i = 0; i < m_items.size(); ++i) {
            ItemOutcome& outcome = m_outcomes[i];
            if (!outcome.failure.empty()) {
                continue;
            }
            outcome.captionHash = Sha256::hashHex(outcome.caption);
            CURATOR_TRY(std::optional<double> cached,
                        m_cache.score(m_items[i], m_report.scorer, outcome.captionHash));
            if (cached) {
                outcome.score = *cached;
                outcome.scored = true;
                ++m_report.scoresFromCache;
                ++m_steps;
                continue;
            }
            if (batches.empty() || batches.back().size() == batchSize) {
                batches.emplace_back();
            }
            batches.back().push_back(i);
        }
        return {};
    }

    Status scoreBatch(const std::vector<size_t>& batch) {
        std::vector<RgbImage> images;
        std::vector<std::string> captions;
        std::vector<size_t> members;
        for (size_t index : batch) {
            auto image = decodeImageFile(m_items[index].path);
            if (!image) {
                fail(index, "score: " + image.error());
                ++m_steps;
                continue;
            }
            images.push_back(std::move(*image));
            captions.push_back(m_outcomes[index].caption);
            members.push_back(index);
        }
        if (members.empty()) {
            return {};
        }
        auto scored = m_scorer.scoreUnlessCancelled(images, captions, m_cancel);
        if (m_cancel.load()) {
            return {};
        }
        if (scored && scored->size() == members.size()) {
            return storeScores(members, *scored);
        }
        if (members.size() == 1) {
            fail(members.front(), "score: " + scoreError(scored, 1));
            ++m_steps;
            return {};
        }
        // The batch failed: each image alone, so that one the scorer refuses does not fail the others.
        for (size_t k = 0; k < members.size(); ++k) {
            auto single = m_scorer.scoreUnlessCancelled({images[k]}, {captions[k]}, m_cancel);
            if (m_cancel.load()) {
                return {};
            }
            if (single && single->size() == 1) {
                CURATOR_TRY_STATUS(storeScores({members[k]}, *single));
            } else {
                fail(members[k], "score: " + scoreError(single, 1));
                ++m_steps;
            }
        }
        return {};
    }

    static std::string scoreError(const Result<std::vector<double>>& scored, size_t expected) {
        if (!scored) {
            return scored.error();
        }
        return "the scorer returned " + std::to_string(scored->size()) + " scores for " +
               std::to_string(expected) + (expected == 1 ? " image" : " images");
    }

    Status storeScores(const std::vector<size_t>& members, const std::vector<double>& values) {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        for (size_t k = 0; k < members.size(); ++k) {
            ItemOutcome& outcome = m_outcomes[members[k]];
            CURATOR_TRY_STATUS(
                m_cache.storeScore(m_items[members[k]], m_report.scorer, outcome.captionHash, values[k]));
            outcome.score = values[k];
            outcome.scored = true;
            ++m_steps;
        }
        return {};
    }

    const std::vector<RateItem>& m_items;
    Captioner& m_captioner;
    Scorer& m_scorer;
    const RatingOptions m_options;
    const RateProgressCallback& m_progress;
    RatingCache m_cache;
    std::mutex m_cacheMutex; // the cache's one SQLite connection and m_report's counters, on workers
    std::vector<ItemOutcome> m_outcomes;
    RateReport m_report;
    std::atomic<bool> m_cancel{false};
    std::atomic<size_t> m_steps{0}; // two per image: its caption and its score (or its failure)
};

} // namespace

Result<RateReport> aestheticsRate(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner,
                                  Scorer& scorer, const RatingOptions& options,
                                  const RateProgressCallback& progress) {
    return RatingRun(log, items, captioner, scorer, options, progress).run();
}

Result<RateReport> aestheticsRate(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner,
                                  Scorer& scorer, size_t bins, const RateProgressCallback& progress) {
    RatingOptions options;
    options.bins = bins;
    return aestheticsRate(log, items, captioner, scorer, options, progress);
}

} // namespace curator
