#include "rating/aestheticsrate.h"

#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

Result<RateReport> aestheticsRate(CurationLog& log, const std::vector<RateItem>& items, Captioner& captioner,
                                  Scorer& scorer, size_t bins, const RateProgressCallback& progress) {
    RateReport report;
    report.scorer = scorer.modelName();
    report.captioner = captioner.modelName();
    RatingCache cache(log.database());
    std::vector<double> scores;
    for (size_t i = 0; i < items.size(); ++i) {
        const RateItem& item = items[i];
        if (progress && !progress(i, items.size())) {
            return makeError("rating cancelled after " + std::to_string(i) + " of " +
                             std::to_string(items.size()));
        }
        RgbImage image; // decoded only when a model needs the pixels
        bool decoded = false;
        auto pixels = [&]() -> Status {
            if (decoded) {
                return {};
            }
            auto read = decodeImageFile(item.path);
            if (!read) {
                return read.takeError();
            }
            image = std::move(*read);
            decoded = true;
            return {};
        };

        auto cachedCaption = cache.caption(item, report.captioner);
        if (!cachedCaption) {
            return cachedCaption.takeError();
        }
        std::string caption = *cachedCaption;
        if (!caption.empty()) {
            ++report.captionsFromCache;
        } else if (!item.knownCaption.empty()) {
            caption = item.knownCaption;
            ++report.captionsFromSidecar;
        } else {
            if (auto status = pixels(); !status) {
                report.failures.push_back({item.source, item.id, "caption: " + status.error()});
                continue;
            }
            auto made = captioner.caption(image, item.path);
            if (!made) {
                report.failures.push_back({item.source, item.id, "caption: " + made.error()});
                continue;
            }
            caption = *made;
            ++report.captionsFromCaptioner;
            if (auto stored = cache.storeCaption(item, report.captioner, caption); !stored) {
                return stored.takeError();
            }
        }

        const std::string captionHash = Sha256::hashHex(caption);
        auto cachedScore = cache.score(item, report.scorer, captionHash);
        if (!cachedScore) {
            return cachedScore.takeError();
        }
        double value = 0;
        if (cachedScore->has_value()) {
            value = **cachedScore;
            ++report.scoresFromCache;
        } else {
            if (auto status = pixels(); !status) {
                report.failures.push_back({item.source, item.id, "score: " + status.error()});
                continue;
            }
            auto scored = scorer.score({image}, {caption});
            if (!scored || scored->size() != 1) {
                report.failures.push_back(
                    {item.source, item.id,
                     "score: " + (scored ? std::string("no score returned") : scored.error())});
                continue;
            }
            value = scored->front();
            if (auto stored = cache.storeScore(item, report.scorer, captionHash, value); !stored) {
                return stored.takeError();
            }
        }
        report.rated.push_back({item.source, item.id, caption, value});
        scores.push_back(value);
    }
    report.histogram = fixedBinHistogram(scores, scorer.range(), bins);
    return report;
}

} // namespace curator
