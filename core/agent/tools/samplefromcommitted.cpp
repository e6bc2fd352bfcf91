// sample_from_committed: a random sample of the run's dataset or of one commit, with captions and as one
// numbered grid.
#include "agent/tools/compositegrid.h"
#include "agent/tools/runadditions.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"
#include "search/searchoperations.h"

#include <algorithm>
#include <atomic>

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"sample_from_committed",
            "A random sample of committed images (of one commit, or \"all\" of the dataset), "
            "returned with captions and as one numbered grid image.",
            {{"commit_id", ParamType::String, false, std::nullopt, std::nullopt,
              "A commit id or prefix, or \"all\" (default)."},
             {"n", ParamType::Integer, false, 1.0, double(kMaxSampleCount),
              "How many images (default " + std::to_string(kDefaultSampleCount) + ")."}},
            {{"id", "commit_id"}, {"count", "n"}}};
}

// The images drawn, how many there were to draw from, and how the text names them.
struct Draw {
    std::vector<ToolImage> images;
    size_t population = 0;
    std::string what;
};

Result<Draw> drawFromDataset(CurationLog& log, const std::string& branch, size_t n, uint64_t seed) {
    auto dataset = log.datasetImages(branch);
    if (!dataset) {
        return dataset.takeError();
    }
    Draw draw;
    draw.population = dataset->size();
    for (size_t index : drawWithoutReplacement(dataset->size(), std::min(n, dataset->size()), seed)) {
        const CatalogImage& image = (*dataset)[index];
        draw.images.push_back({image.source, image.name, image.path, image.caption, 0.0});
    }
    draw.what = "the dataset of '" + branch + "'";
    return draw;
}

Result<Draw> drawFromCommit(CurationLog& log, const std::string& commitId, size_t n, uint64_t seed) {
    auto info = log.commitInfo(commitId);
    if (!info) {
        return info.takeError();
    }
    Draw draw;
    draw.population = info->size;
    auto sampled = log.sampleFromCommitted(info->id, n, seed);
    if (!sampled) {
        return sampled.takeError();
    }
    for (const auto& image : *sampled) {
        draw.images.push_back({image.source, image.name, image.path, image.caption, 0.0});
    }
    draw.what = "commit " + shortId(info->id) + " (\"" + truncateUtf8(info->message, 80) + "\")";
    return draw;
}

ToolResult run(ToolContext& context, const json& arguments) {
    std::string commitId = trim(arguments.value("commit_id", std::string("all")));
    const size_t n = static_cast<size_t>(arguments.value("n", int64_t(kDefaultSampleCount)));
    auto log = context.curationLog();
    if (!log) {
        return errorResult("sample_from_committed: " + log.error());
    }
    static std::atomic<uint64_t> counter{0x5eed};
    const uint64_t seed = counter++;
    const bool wholeDataset = commitId.empty() || commitId == "all";
    auto draw = wholeDataset ? drawFromDataset(**log, context.branch(), n, seed)
                             : drawFromCommit(**log, commitId, n, seed);
    if (!draw) {
        return errorResult("sample_from_committed: " + draw.error());
    }
    if (wholeDataset) {
        commitId = "all";
    }
    const std::vector<ToolImage>& images = draw->images;
    ToolResult result;
    result.ok = true;
    result.text = "Sampled " + std::to_string(images.size()) + " of " + formatCount(draw->population) +
                  " images from " + draw->what + "\n";
    json list = json::array();
    if (!images.empty()) {
        result.text += "the grid image numbers the tiles as listed:\n";
    }
    for (size_t i = 0; i < images.size(); ++i) {
        result.text += imageLine(i + 1, images[i], false, true);
        list.push_back(imageJson(images[i]));
    }
    if (!images.empty()) {
        auto grid = compositeGridDataUrl(images, context.gridTileSize());
        if (grid) {
            result.imageDataUrls.push_back(std::move(*grid));
        } else {
            result.text += "(no grid image: " + grid.error() + ")\n";
        }
    }
    result.data = {{"commit", commitId}, {"population", draw->population}, {"seed", seed}, {"results", list}};
    if (wholeDataset) {
        appendRunAdditions(context, result);
    }
    return result;
}

} // namespace

const ToolDefinition& sampleFromCommittedTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
