// aesthetics_rate: captions and scores a batch (the last results, a query's top matches or a random
// sample of a query's band) and summarises the scores with a fixed-bin histogram.
#include "rating/aestheticsrate.h"

#include "agent/tools/compositegrid.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "common/utf8text.h"
#include "curation/querybatch.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"

#include <algorithm>
#include <cstdio>

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"aesthetics_rate",
            "Captions and scores images with the aesthetics scorer and returns a fixed-bin "
            "histogram with a summary. Rates the last search or sample results (query \"last\" or "
            "no query), or a query's top matches, or a random sample of a query's band when "
            "min_threshold is given. With grid true, also returns one numbered grid image of the " +
                std::to_string(kRatingGridExtremes) + " lowest and " + std::to_string(kRatingGridExtremes) +
                " highest scored images, each tile captioned with its score, so you can see what the "
                "scorer punishes and rewards. For an anti-aesthetic theme a LOW score is success.",
            {{"query", ParamType::String, false, std::nullopt, std::nullopt,
              "A text query, or \"last\" for the last results (default)."},
             sourceParam(),
             {"min_threshold", ParamType::Number, false, -1.0, 1.0, "Lower similarity bound."},
             {"max_threshold", ParamType::Number, false, -1.0, 1.0, "Upper similarity bound."},
             {"sample_size", ParamType::Integer, false, 1.0, double(kMaxRatingSampleSize),
              "How many images to rate (default " + std::to_string(kDefaultRatingSampleSize) + ")."},
             negativePromptsParam(),
             negativeThresholdParam(),
             {"grid", ParamType::Boolean, false, std::nullopt, std::nullopt,
              "true: also a grid image of the lowest and highest scored images with their scores "
              "(default false)."}},
            {{"dataset", "source"}, {"n", "sample_size"}, {"count", "sample_size"}, {"show_grid", "grid"}}};
}

// The images to rate and how the text names them.
struct Batch {
    std::vector<ToolImage> images;
    std::string what;
};

Result<Batch> lastResults(ToolContext& context, size_t sampleSize) {
    const std::vector<ToolImage>& last = context.lastResults();
    if (last.empty()) {
        return makeError("there are no last results yet; run search or sample first, or give a query");
    }
    Batch batch;
    batch.images.assign(last.begin(), last.begin() + static_cast<long>(std::min(sampleSize, last.size())));
    batch.what = "the last results (\"" + context.lastQuery() + "\")";
    return batch;
}

// A random sample of the query's band when a bound is given, else its top matches.
Result<Batch> queryResults(ToolContext& context, const json& arguments, const std::string& query,
                           size_t sampleSize) {
    auto prepared = context.prepare(arguments, true);
    if (!prepared) {
        return prepared.takeError();
    }
    BatchChoice choice;
    choice.size = sampleSize;
    if (arguments.contains("min_threshold") || arguments.contains("max_threshold")) {
        choice.minimum = static_cast<float>(arguments.value("min_threshold", -1.0));
        choice.maximum = static_cast<float>(arguments.value("max_threshold", 1.0));
    }
    auto selected = queryBatch(context.session(), *prepared, choice);
    if (!selected) {
        return selected.takeError();
    }
    Batch batch;
    if (choice.isBand()) {
        batch.what = "a sample of " + formatCount(selected->eligible) + " images with similarity in [" +
                     thresholdText(*choice.minimum) + ", " + thresholdText(*choice.maximum) + "] to \"" +
                     query + "\"";
    } else {
        batch.what = "the top matches of \"" + query + "\"";
    }
    for (auto& row : selected->images) {
        batch.images.push_back({std::move(row.source), std::move(row.id), std::move(row.path),
                                std::move(row.caption), row.similarity});
    }
    return batch;
}

std::string reportText(const RateReport& report, const Batch& batch, const ScoreRange& range) {
    std::string text = "Rated " + std::to_string(report.rated.size()) + " of " +
                       std::to_string(batch.images.size()) + " images: " + batch.what + " (scorer " +
                       report.scorer + ", range " + thresholdText(range.minimum) + " to " +
                       thresholdText(range.maximum) + ")\n";
    text += formatHistogram(report.histogram);
    if (!text.empty() && text.back() != '\n') {
        text += '\n';
    }
    std::vector<RatedImage> sorted = report.rated;
    std::sort(sorted.begin(), sorted.end(), [](const RatedImage& a, const RatedImage& b) {
        return a.score < b.score || (a.score == b.score && a.id < b.id);
    });
    auto listScores = [&](const char* label, size_t from, size_t to) {
        text += label;
        for (size_t i = from; i < to; ++i) {
            char score[32];
            std::snprintf(score, sizeof score, "%.2f", sorted[i].score);
            text += " " + sorted[i].source + "/" + sorted[i].id + " " + score + (i + 1 < to ? "," : "");
        }
        text += "\n";
    };
    const size_t shown = std::min<size_t>(3, sorted.size());
    if (shown) {
        listScores("lowest:", 0, shown);
        listScores("highest:", sorted.size() - shown, sorted.size());
    }
    if (!report.failures.empty()) {
        text += std::to_string(report.failures.size()) + " images could not be rated, e.g. " +
                report.failures.front().message + "\n";
    }
    return text;
}

json reportJson(const RateReport& report) {
    json scores = json::array();
    for (const auto& rated : report.rated) {
        scores.push_back({{"source", rated.source}, {"id", rated.id}, {"score", rated.score}});
    }
    const ScoreHistogram& h = report.histogram;
    return {{"scorer", report.scorer},
            {"captioner", report.captioner},
            {"rated", report.rated.size()},
            {"failures", report.failures.size()},
            {"mean", h.mean},
            {"median", h.median},
            {"minimum", h.minimum},
            {"maximum", h.maximum},
            {"edges", h.edges},
            {"counts", h.counts},
            {"scores", scores}};
}

// The lowest and highest scored images as one grid, each tile captioned with its score; the text maps the
// tiles to ids and the data lists them.
void addExtremesGrid(ToolContext& context, const RateReport& report, const Batch& batch, ToolResult& result) {
    std::vector<RatedImage> sorted = report.rated;
    std::sort(sorted.begin(), sorted.end(), [](const RatedImage& a, const RatedImage& b) {
        return a.score < b.score || (a.score == b.score && a.id < b.id);
    });
    std::vector<size_t> chosen;
    const size_t lowest = std::min(kRatingGridExtremes, sorted.size());
    for (size_t i = 0; i < lowest; ++i) {
        chosen.push_back(i);
    }
    const size_t highestFrom = std::max(lowest, sorted.size() - std::min(kRatingGridExtremes, sorted.size()));
    for (size_t i = highestFrom; i < sorted.size(); ++i) {
        chosen.push_back(i);
    }
    std::vector<ToolImage> images;
    std::vector<std::string> labels;
    json tiles = json::array();
    std::string text = "the grid image shows the " + std::to_string(lowest) + " lowest scored (tiles 1-" +
                       std::to_string(lowest) + ")";
    if (chosen.size() > lowest) {
        text += " and the " + std::to_string(chosen.size() - lowest) + " highest scored (tiles " +
                std::to_string(lowest + 1) + "-" + std::to_string(chosen.size()) + ")";
    }
    text += " images, each captioned with its score:\n";
    for (size_t index : chosen) {
        const RatedImage& rated = sorted[index];
        ToolImage image{rated.source, rated.id, {}, rated.caption, rated.score};
        for (const auto& candidate : batch.images) {
            if (candidate.source == rated.source && candidate.id == rated.id) {
                image.path = candidate.path;
                break;
            }
        }
        char score[32];
        std::snprintf(score, sizeof score, "%.2f", rated.score);
        text += "  " + std::to_string(images.size() + 1) + ". score " + score + "  " + rated.source + "/" +
                rated.id + (rated.caption.empty() ? "" : "  \"" + truncateUtf8(rated.caption, 160) + "\"") +
                "\n";
        tiles.push_back({{"tile", images.size() + 1},
                         {"source", rated.source},
                         {"id", rated.id},
                         {"score", rated.score}});
        labels.push_back(score);
        images.push_back(std::move(image));
    }
    if (images.empty()) {
        return;
    }
    auto grid = compositeGridDataUrl(images, context.gridTileSize(), labels);
    if (grid) {
        result.text += text;
        result.imageDataUrls.push_back(std::move(*grid));
        result.data["grid"] = tiles;
    } else {
        result.text += "(no grid image: " + grid.error() + ")\n";
    }
}

ToolResult run(ToolContext& context, const json& arguments) {
    const std::string query = trim(arguments.value("query", std::string()));
    const size_t sampleSize =
        static_cast<size_t>(arguments.value("sample_size", int64_t(kDefaultRatingSampleSize)));
    auto batch = query.empty() || query == "last" ? lastResults(context, sampleSize)
                                                  : queryResults(context, arguments, query, sampleSize);
    if (!batch) {
        return errorResult("aesthetics_rate: " + batch.error());
    }
    if (batch->images.empty()) {
        return errorResult("aesthetics_rate: no images to rate (the band or query matched none)");
    }
    auto log = context.curationLog();
    if (!log) {
        return errorResult("aesthetics_rate: " + log.error());
    }
    std::vector<RateItem> items;
    for (const auto& image : batch->images) {
        items.push_back({image.source, image.id, image.path, image.caption});
    }
    // A stop of the run abandons the requests in flight (checked about every 50 ms).
    auto report = aestheticsRate(**log, items, context.captioner(), context.scorer(), context.ratingOptions(),
                                 [&context](size_t, size_t) { return !context.cancelled(); });
    if (!report) {
        return errorResult("aesthetics_rate: " + report.error());
    }
    ToolResult result;
    result.ok = true;
    result.text = reportText(*report, *batch, context.scorer().range());
    result.data = reportJson(*report);
    if (arguments.value("grid", false)) {
        addExtremesGrid(context, *report, *batch, result);
    }
    return result;
}

} // namespace

const ToolDefinition& aestheticsRateTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
