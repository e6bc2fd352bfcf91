// search: the exact top matches of a text query, with the count of unmasked and masked images, a
// histogram of all unmasked similarities and a numbered grid of the best matches.
#include "agent/tools/compositegrid.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "curation/searchrecord.h"
#include "search/searchoperations.h"

#include <algorithm>

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"search",
            "Exact similarity search of a text query over the collection. Shows the best matches "
            "with their similarity (the first " +
                std::to_string(kSearchGridImages) +
                " also as one numbered grid image), how many images are unmasked and masked, and a "
                "10-bin histogram of all unmasked similarities (to see where matches stop).",
            {{"query", ParamType::String, true, std::nullopt, std::nullopt,
              "What to look for, described visually.", true},
             sourceParam(),
             negativePromptsParam(),
             negativeThresholdParam(),
             {"top_k", ParamType::Integer, false, 1.0, double(kMaxTopK),
              "How many best matches to list (default " + std::to_string(kDefaultTopK) + ")."}},
            {{"dataset", "source"}, {"k", "top_k"}}};
}

ToolResult run(ToolContext& context, const json& arguments) {
    auto prepared = context.prepare(arguments, true);
    if (!prepared) {
        return errorResult("search: " + prepared.error());
    }
    // One pass: the top k, every unmasked similarity (the text histogram) and the distribution that the
    // workstation shows beside the agent's results.
    ScanWants wants;
    wants.topK = static_cast<size_t>(arguments.value("top_k", int64_t(kDefaultTopK)));
    wants.collectSimilarities = true;
    wants.distributionBins = defaults::kDistributionBins;
    auto found = context.session().scan(*prepared, wants);
    if (!found) {
        return errorResult("search: " + found.error());
    }
    const std::vector<float>& similarities = found->similarities;

    ToolResult result;
    result.ok = true;
    std::string& text = result.text;
    text =
        "search " +
        describeQuery(prepared->query, prepared->negatives, prepared->negativeThreshold, prepared->sources) +
        "\n";
    for (const auto& warning : prepared->warnings) {
        text += "note: " + warning + "\n";
    }
    text += "scanned " + formatCount(found->top.scanned) + " images: " + formatCount(similarities.size()) +
            " unmasked, " + formatCount(found->top.masked) + " masked by negatives\n";
    text += "top " + std::to_string(found->top.hits.size()) + " by similarity:\n";
    std::vector<ToolImage> shown = context.describe(*prepared, found->top.hits);
    SearchRecord record;
    record.query = prepared->query;
    record.negatives = prepared->negatives;
    record.negativeThreshold = prepared->negativeThreshold;
    record.sources = prepared->sources;
    record.scanned = found->top.scanned;
    record.masked = found->top.masked;
    record.unmasked = similarities.size();
    record.distribution = *found->distribution;
    for (size_t i = 0; i < shown.size(); ++i) {
        text += imageLine(i + 1, shown[i], true, false);
        record.results.push_back(
            {shown[i].source, shown[i].id, shown[i].path, shown[i].caption, shown[i].similarity});
    }
    if (!shown.empty()) {
        // The model judges what it sees: the best matches as a grid, numbered as listed.
        const std::vector<ToolImage> gridded(shown.begin(),
                                             shown.begin() + std::min(shown.size(), kSearchGridImages));
        auto grid = compositeGridDataUrl(gridded, context.gridTileSize());
        if (grid) {
            text += "the grid image shows matches 1-" + std::to_string(gridded.size()) + " as numbered\n";
            result.imageDataUrls.push_back(std::move(*grid));
        } else {
            text += "(no grid image: " + grid.error() + ")\n";
        }
    }
    context.setLastResults(std::move(shown), prepared->query);
    json histogram = histogramJson(similarities, text);
    result.data = searchRecordJson(record);
    result.data["histogram"] = histogram;
    return result;
}

} // namespace

const ToolDefinition& searchTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
