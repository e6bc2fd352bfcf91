// sample: a seeded random draw of the images whose similarity to a query lies in a band, shown as one
// numbered grid.
#include "agent/tools/compositegrid.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "search/searchoperations.h"

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"sample",
            "A random sample of the images whose similarity to the query lies in "
            "[min_threshold, max_threshold]: use it to look at a similarity band and decide "
            "where matches stop. The images come back as one numbered grid.",
            {{"query", ParamType::String, true, std::nullopt, std::nullopt, "The text query.", true},
             sourceParam(),
             {"min_threshold", ParamType::Number, true, -1.0, 1.0, "Lower similarity bound."},
             {"max_threshold", ParamType::Number, false, -1.0, 1.0, "Upper similarity bound (default 1)."},
             {"count", ParamType::Integer, false, 1.0, double(kMaxSampleCount),
              "How many images (default " + std::to_string(kDefaultSampleCount) + ")."},
             negativePromptsParam(),
             negativeThresholdParam(),
             {"seed", ParamType::Integer, false, 0.0, 9007199254740991.0,
              "Seed of the draw (default: random, reported)."}},
            {{"dataset", "source"}, {"n", "count"}, {"min", "min_threshold"}, {"max", "max_threshold"}}};
}

ToolResult run(ToolContext& context, const json& arguments) {
    auto prepared = context.prepare(arguments, true);
    if (!prepared) {
        return errorResult("sample: " + prepared.error());
    }
    const double minimum = arguments.at("min_threshold").get<double>();
    const double maximum = arguments.value("max_threshold", 1.0);
    const size_t count = static_cast<size_t>(arguments.value("count", int64_t(kDefaultSampleCount)));
    const uint64_t seed =
        arguments.contains("seed") ? static_cast<uint64_t>(arguments["seed"].get<int64_t>()) : randomSeed();
    auto sampled = context.session().sample(*prepared, static_cast<float>(minimum),
                                            static_cast<float>(maximum), count, seed);
    if (!sampled) {
        return errorResult("sample: " + sampled.error());
    }
    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text =
        "Sampled " + std::to_string(sampled->hits.size()) + " from " + formatCount(sampled->eligible) +
        " candidates with similarity in [" + thresholdText(minimum) + ", " + thresholdText(maximum) +
        "] to " +
        describeQuery(prepared->query, prepared->negatives, prepared->negativeThreshold, prepared->sources) +
        " (" + formatCount(sampled->masked) + " masked; seed " + std::to_string(seed) + ")\n";
    std::vector<ToolImage> images = context.describe(*prepared, sampled->hits);
    json hits = json::array();
    for (const auto& image : images) {
        hits.push_back(imageJson(image));
    }
    if (!images.empty()) {
        text += "the grid image numbers the tiles as listed:\n";
    }
    for (size_t i = 0; i < images.size(); ++i) {
        text += imageLine(i + 1, images[i], true, true);
    }
    if (!images.empty()) {
        auto grid = compositeGridDataUrl(images, context.gridTileSize());
        if (grid) {
            result.imageDataUrls.push_back(std::move(*grid));
        } else {
            text += "(no grid image: " + grid.error() + ")\n";
        }
    }
    context.setLastResults(images, prepared->query);
    result.data = {{"query", prepared->query},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"min_threshold", minimum},
                   {"max_threshold", maximum},
                   {"eligible", sampled->eligible},
                   {"masked", sampled->masked},
                   {"seed", seed},
                   {"results", hits}};
    return result;
}

} // namespace

const ToolDefinition& sampleTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
