#include "rating/scorerevaluation.h"

#include "dataset/curationlog.h"
#include "dataset/releaseadditions.h"
#include "dataset/releasecard.h"
#include "models/captioner.h"
#include "models/scorer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

// Every item of an evaluation carries its pair's prompt as its known caption; no caption is cached under
// this name, so aestheticsRate takes the prompt and never calls the captioner.
class PairPromptCaptioner : public Captioner {
public:
    std::string modelName() const override { return "pair-prompt"; }
    Result<std::string> caption(const RgbImage&, const std::string& imagePath) override {
        return makeError(imagePath + ": an evaluation scores with the pair's prompt, it captions nothing");
    }
};

std::string itemKey(const std::string& source, const std::string& id, const std::string& prompt) {
    return source + '\n' + id + '\n' + prompt;
}

std::string fixed(double value, int digits = 2) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

ordered_json histogramJson(const ScoreHistogram& histogram) {
    return {{"count", histogram.count},  {"mean", histogram.mean},   {"std", histogram.standardDeviation},
            {"min", histogram.minimum},  {"p25", histogram.p25},     {"median", histogram.median},
            {"p75", histogram.p75},      {"max", histogram.maximum}, {"edges", histogram.edges},
            {"counts", histogram.counts}};
}

ordered_json attributeJson(const AttributeEvaluation& row) {
    return {{"attribute", row.attribute},
            {"pairs", row.pairs},
            {"anti_preferred", row.antiPreferred},
            {"ties", row.ties},
            {"preference_rate", row.preferenceRate},
            {"anti", histogramJson(row.anti)},
            {"clean", histogramJson(row.clean)}};
}

std::string escapeXml(const std::string& text) {
    std::string escaped;
    for (char c : text) {
        switch (c) {
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '&':
            escaped += "&amp;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

} // namespace

ScorerEvaluation summariseScoredPairs(const std::vector<ScoredPair>& pairs, ScoreRange range, size_t bins) {
    ScorerEvaluation evaluation;
    evaluation.range = range;
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> sides;
    const auto count = [](AttributeEvaluation& row, const ScoredPair& pair) {
        ++row.pairs;
        row.antiPreferred += pair.anti > pair.clean ? 1 : 0;
        row.ties += pair.anti == pair.clean ? 1 : 0;
    };
    std::map<std::string, AttributeEvaluation> rows;
    std::vector<double> allAnti, allClean;
    for (const ScoredPair& pair : pairs) {
        if (rows.count(pair.attribute) == 0) {
            order.push_back(pair.attribute);
            rows[pair.attribute].attribute = pair.attribute;
        }
        count(rows[pair.attribute], pair);
        count(evaluation.overall, pair);
        sides[pair.attribute].first.push_back(pair.anti);
        sides[pair.attribute].second.push_back(pair.clean);
        allAnti.push_back(pair.anti);
        allClean.push_back(pair.clean);
    }
    const auto finish = [&](AttributeEvaluation& row, const std::vector<double>& anti,
                            const std::vector<double>& clean) {
        row.preferenceRate = row.pairs == 0 ? 0.0 : double(row.antiPreferred) / double(row.pairs);
        row.anti = fixedBinHistogram(anti, range, bins);
        row.clean = fixedBinHistogram(clean, range, bins);
    };
    for (const std::string& name : order) {
        AttributeEvaluation& row = rows[name];
        finish(row, sides[name].first, sides[name].second);
        evaluation.attributes.push_back(std::move(row));
    }
    evaluation.overall.attribute = "all";
    finish(evaluation.overall, allAnti, allClean);
    evaluation.pairsScored = pairs.size();
    return evaluation;
}

Result<ScorerEvaluation> evaluateScorer(CurationLog& log, const EmbeddingStore& store,
                                        const Taxonomy& taxonomy, Scorer& scorer,
                                        const ScorerEvaluationOptions& options) {
    CURATOR_TRY(const PreferencePairSet set, preferencePairs(log, store, taxonomy, options.pairs));
    // One item per image and prompt: a clean image rejected twice for one attribute is scored once.
    std::vector<RateItem> items;
    std::map<std::string, size_t> itemOf;
    const auto add = [&](const PairImage& image, const std::string& prompt) {
        if (itemOf.emplace(itemKey(image.source, image.id, prompt), items.size()).second) {
            items.push_back({image.source, image.id, image.path, prompt});
        }
    };
    for (const PreferencePair& pair : set.pairs) {
        add(pair.chosen, pair.prompt);
        add(pair.rejected, pair.prompt);
    }
    PairPromptCaptioner captioner;
    auto report = aestheticsRate(log, items, captioner, scorer, options.rating, options.progress);
    if (!report) {
        return makeError("scorer " + scorer.modelName() + ": " + report.error());
    }
    if (report->rated.empty() && !report->failures.empty()) {
        const RateFailure& first = report->failures.front();
        return makeError("scorer " + scorer.modelName() + " failed on all " +
                         std::to_string(report->failures.size()) + " images (first: " + first.source + "/" +
                         first.id + ": " + first.message + ")");
    }
    std::map<std::string, double> scoreOf;
    for (const RatedImage& rated : report->rated) {
        scoreOf[itemKey(rated.source, rated.id, rated.caption)] = rated.score;
    }
    std::vector<ScoredPair> scored;
    for (const PreferencePair& pair : set.pairs) {
        const auto anti = scoreOf.find(itemKey(pair.chosen.source, pair.chosen.id, pair.prompt));
        const auto clean = scoreOf.find(itemKey(pair.rejected.source, pair.rejected.id, pair.prompt));
        if (anti != scoreOf.end() && clean != scoreOf.end()) {
            scored.push_back({pair.attribute, anti->second, clean->second});
        }
    }
    const size_t bins = options.rating.bins == 0 ? 10 : options.rating.bins;
    ScorerEvaluation evaluation = summariseScoredPairs(scored, scorer.range(), bins);
    evaluation.scorer = report->scorer;
    evaluation.branch = set.branch;
    evaluation.model = set.model;
    evaluation.seed = set.seed;
    evaluation.pairsFormed = set.pairs.size();
    evaluation.scoresFromCache = report->scoresFromCache;
    evaluation.scoresMade = report->rated.size() - report->scoresFromCache;
    evaluation.failures = std::move(report->failures);
    return evaluation;
}

std::string scorerEvaluationToJson(const ScorerEvaluation& evaluation) {
    ordered_json attributes = ordered_json::array();
    for (const AttributeEvaluation& row : evaluation.attributes) {
        attributes.push_back(attributeJson(row));
    }
    ordered_json failures = ordered_json::array();
    for (const RateFailure& failure : evaluation.failures) {
        failures.push_back({{"source", failure.source}, {"id", failure.id}, {"error", failure.message}});
    }
    const ordered_json object = {
        {"scorer_evaluation",
         {{"scorer", evaluation.scorer},
          {"branch", evaluation.branch},
          {"model", evaluation.model},
          {"seed", evaluation.seed},
          {"range", {evaluation.range.minimum, evaluation.range.maximum}},
          {"measure",
           "preference_rate: the fraction of pairs in which the anti-aesthetic image scores strictly "
           "above its clean neighbour, both scored with the pair's prompt (ties count against)"},
          {"pairs_formed", evaluation.pairsFormed},
          {"pairs_scored", evaluation.pairsScored},
          {"scores_cached", evaluation.scoresFromCache},
          {"scores_made", evaluation.scoresMade},
          {"overall", attributeJson(evaluation.overall)},
          {"attributes", attributes},
          {"failures", failures}}}};
    return object.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

std::string formatScorerEvaluation(const ScorerEvaluation& evaluation) {
    std::string text = "scorer " + evaluation.scorer + " on '" + evaluation.branch +
                       "': " + std::to_string(evaluation.pairsScored) + " of " +
                       std::to_string(evaluation.pairsFormed) + " pairs scored (model " + evaluation.model +
                       ", seed " + std::to_string(evaluation.seed) +
                       "; scores: " + std::to_string(evaluation.scoresFromCache) + " cached, " +
                       std::to_string(evaluation.scoresMade) + " made)\n";
    text += "  preference rate: pairs whose anti-aesthetic image scores above its clean neighbour, both "
            "given the "
            "prompt asking for the attribute\n";
    char line[320];
    std::snprintf(line, sizeof line, "  %-30s %6s %9s %5s  %-30s %s\n", "attribute", "pairs", "pref.rate",
                  "ties", "anti mean  median [p25, p75]", "clean mean  median [p25, p75]");
    text += line;
    const auto row = [&](const AttributeEvaluation& r) {
        const auto side = [](const ScoreHistogram& h) {
            return fixed(h.mean) + "  " + fixed(h.median) + " [" + fixed(h.p25) + ", " + fixed(h.p75) + "]";
        };
        std::snprintf(line, sizeof line, "  %-30s %6zu %8.1f%% %5zu  %-30s %s\n", r.attribute.c_str(),
                      r.pairs, 100.0 * r.preferenceRate, r.ties, side(r.anti).c_str(), side(r.clean).c_str());
        text += line;
    };
    for (const AttributeEvaluation& attribute : evaluation.attributes) {
        row(attribute);
    }
    row(evaluation.overall);
    if (!evaluation.failures.empty()) {
        text += "  " + std::to_string(evaluation.failures.size()) +
                " images failed (their pairs left out), first: " + evaluation.failures.front().source + "/" +
                evaluation.failures.front().id + ": " + evaluation.failures.front().message + "\n";
    }
    return text;
}

std::string scorerEvaluationCardSection(const ScorerEvaluation& evaluation, const std::string& plotPath) {
    std::string text = "## Reward-model report: " + evaluation.scorer + "\n\n";
    text += "How often the scorer prefers the prompt-faithful anti-aesthetic image over its nearest clean "
            "neighbour, both scored with the prompt that asks for the attribute (`curator-cli "
            "evaluate-scorer`; branch `" +
            evaluation.branch + "`, embedding model `" + evaluation.model + "`, seed " +
            std::to_string(evaluation.seed) + ", " + std::to_string(evaluation.pairsScored) + " of " +
            std::to_string(evaluation.pairsFormed) + " pairs scored).\n\n";
    text += "![Score distributions and preference rate per attribute](" + plotPath + ")\n\n";
    text += "| attribute | pairs | preference rate | ties | anti median | clean median |\n";
    text += "|---|---:|---:|---:|---:|---:|\n";
    const auto row = [&text](const AttributeEvaluation& r) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.1f%%", 100.0 * r.preferenceRate);
        text += "| " + r.attribute + " | " + std::to_string(r.pairs) + " | " + rate + " | " +
                std::to_string(r.ties) + " | " + fixed(r.anti.median) + " | " + fixed(r.clean.median) +
                " |\n";
    };
    for (const AttributeEvaluation& attribute : evaluation.attributes) {
        row(attribute);
    }
    row(evaluation.overall);
    return text;
}

Result<std::vector<std::string>> saveScorerEvaluationToRelease(const std::string& releaseDirectory,
                                                               const ScorerEvaluation& evaluation) {
    // Beside the card's pictures, out of imagefolder's way.
    const std::string stem =
        std::string(kCardPictureFolder) + "/" + scorerEvaluationFileStem(evaluation.scorer);
    ReleaseAddition addition;
    addition.kind = "scorer_report";
    addition.name = evaluation.scorer;
    addition.files = {{stem + ".json", scorerEvaluationToJson(evaluation) + "\n"},
                      {stem + ".svg", scorerEvaluationSvg(evaluation)}};
    addition.cardSection = scorerEvaluationCardSection(evaluation, stem + ".svg");
    CURATOR_TRY_STATUS(addToRelease(releaseDirectory, addition));
    return std::vector<std::string>{releaseDirectory + "/" + stem + ".json",
                                    releaseDirectory + "/" + stem + ".svg"};
}

std::string scorerEvaluationSvg(const ScorerEvaluation& evaluation) {
    constexpr int kWidth = 1040, kRowHeight = 40, kTop = 70, kNameWidth = 250;
    constexpr int kPlotLeft = kNameWidth + 10, kPlotRight = 760, kRateLeft = 800, kRateRight = 980;
    std::vector<const AttributeEvaluation*> rows;
    for (const AttributeEvaluation& row : evaluation.attributes) {
        rows.push_back(&row);
    }
    rows.push_back(&evaluation.overall);
    const int height = kTop + kRowHeight * int(rows.size()) + 30;
    const double span = std::max(1e-9, evaluation.range.maximum - evaluation.range.minimum);
    const auto x = [&](double score) {
        const double t = std::clamp((score - evaluation.range.minimum) / span, 0.0, 1.0);
        return kPlotLeft + t * (kPlotRight - kPlotLeft);
    };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kWidth) +
                      "\" height=\"" + std::to_string(height) +
                      "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg += "<text x=\"10\" y=\"20\" font-size=\"15\">" +
           escapeXml("Scorer " + evaluation.scorer + " on '" + evaluation.branch +
                     "': anti-aesthetic (red) vs clean "
                     "(blue) scores with the pair's prompt") +
           "</text>\n";
    svg +=
        "<text x=\"" + std::to_string(kRateLeft) + "\" y=\"45\">preference rate (anti above clean)</text>\n";
    for (int tick = 0; tick <= 5; ++tick) {
        const double score = evaluation.range.minimum + span * tick / 5.0;
        const std::string px = fixed(x(score), 1);
        svg += "<line x1=\"" + px + "\" y1=\"" + std::to_string(kTop - 10) + "\" x2=\"" + px + "\" y2=\"" +
               std::to_string(height - 30) + "\" stroke=\"#ddd\"/>\n";
        svg += "<text x=\"" + px + "\" y=\"" + std::to_string(kTop - 14) + "\" text-anchor=\"middle\">" +
               fixed(score, 1) + "</text>\n";
    }
    const std::string half = fixed((kRateLeft + kRateRight) / 2.0, 1);
    svg += "<line x1=\"" + half + "\" y1=\"" + std::to_string(kTop - 10) + "\" x2=\"" + half + "\" y2=\"" +
           std::to_string(height - 30) + "\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>\n";
    for (size_t i = 0; i < rows.size(); ++i) {
        const AttributeEvaluation& row = *rows[i];
        const int top = kTop + kRowHeight * int(i);
        svg += "<text x=\"10\" y=\"" + std::to_string(top + 24) + "\"" +
               (row.attribute == "all" ? " font-weight=\"bold\"" : "") + ">" +
               escapeXml(row.attribute + " (" + std::to_string(row.pairs) + ")") + "</text>\n";
        const auto box = [&](const ScoreHistogram& h, int y, const char* colour) {
            if (h.count == 0) {
                return;
            }
            const std::string yMid = std::to_string(y + 6);
            svg += "<line x1=\"" + fixed(x(h.minimum), 1) + "\" y1=\"" + yMid + "\" x2=\"" +
                   fixed(x(h.maximum), 1) + "\" y2=\"" + yMid + "\" stroke=\"" + colour + "\"/>\n";
            svg += "<rect x=\"" + fixed(x(h.p25), 1) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
                   fixed(std::max(1.0, x(h.p75) - x(h.p25)), 1) + "\" height=\"12\" fill=\"" + colour +
                   "\" fill-opacity=\"0.35\" stroke=\"" + colour + "\"/>\n";
            svg += "<line x1=\"" + fixed(x(h.median), 1) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" +
                   fixed(x(h.median), 1) + "\" y2=\"" + std::to_string(y + 12) + "\" stroke=\"" + colour +
                   "\" stroke-width=\"2\"/>\n";
        };
        box(row.anti, top + 5, "#c0392b");
        box(row.clean, top + 20, "#2e6da4");
        const double width = row.preferenceRate * (kRateRight - kRateLeft);
        svg += "<rect x=\"" + std::to_string(kRateLeft) + "\" y=\"" + std::to_string(top + 10) +
               "\" width=\"" + fixed(width, 1) + "\" height=\"16\" fill=\"#8e44ad\"/>\n";
        svg += "<text x=\"" + fixed(kRateLeft + width + 4, 1) + "\" y=\"" + std::to_string(top + 23) + "\">" +
               fixed(100.0 * row.preferenceRate, 1) + "%</text>\n";
    }
    svg += "</svg>\n";
    return svg;
}

std::string scorerEvaluationFileStem(const std::string& scorer) {
    std::string slug;
    for (char c : scorer) {
        slug += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    }
    return "scorer-evaluation-" + slug;
}

} // namespace curator
