// search: the exact top matches of a text query, with the count of unmasked and masked images and a
// histogram of all unmasked similarities.
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "search/scanengine.h"
#include "search/searchoperations.h"

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

// Unmasked similarities of every row, collected per chunk (merged in chunk order: deterministic).
class SimilarityCollector : public ScanVisitor {
public:
    void prepare(size_t chunkCount) override { m_chunks.assign(chunkCount, {}); }
    void visit(const ScanBlock& block) override {
        auto& out = m_chunks[block.chunk];
        for (size_t i = 0; i < block.rowCount; ++i) {
            if (!block.masked[i]) {
                out.push_back(block.similarity[i]);
            }
        }
    }
    std::vector<float> all() const {
        std::vector<float> values;
        for (const auto& chunk : m_chunks) {
            values.insert(values.end(), chunk.begin(), chunk.end());
        }
        return values;
    }

private:
    std::vector<std::vector<float>> m_chunks;
};

ToolSpec spec() {
    return {"search",
            "Exact similarity search of a text query over the collection. Shows the best matches "
            "with their similarity, how many images are unmasked and masked, and a 10-bin "
            "histogram of all unmasked similarities (to see where matches stop).",
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
    const size_t topK = static_cast<size_t>(arguments.value("top_k", int64_t(kDefaultTopK)));
    auto found = searchTopK(prepared->segments, prepared->querySet, topK);
    if (!found) {
        return errorResult("search: " + found.error());
    }
    SimilarityCollector collector;
    if (auto scanned = scanMatrices(prepared->segments, prepared->querySet, collector); !scanned) {
        return errorResult("search: " + scanned.error());
    }
    const std::vector<float> similarities = collector.all();
    describeHits(prepared->segments, found->hits);

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
    text += "scanned " + formatCount(found->scanned) + " images: " + formatCount(similarities.size()) +
            " unmasked, " + formatCount(found->masked) + " masked by negatives\n";
    text += "top " + std::to_string(found->hits.size()) + " by similarity:\n";
    std::vector<ToolImage> shown;
    json hits = json::array();
    for (size_t i = 0; i < found->hits.size(); ++i) {
        const SearchHit& hit = found->hits[i];
        ToolImage image = context.describe(hit.source, hit.id, hit.similarity);
        text += imageLine(i + 1, image, true, false);
        hits.push_back(imageJson(image));
        shown.push_back(std::move(image));
    }
    context.setLastResults(std::move(shown), prepared->query);
    json histogram = histogramJson(similarities, text);
    result.data = {{"query", prepared->query},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"scanned", found->scanned},
                   {"unmasked", similarities.size()},
                   {"masked", found->masked},
                   {"results", hits},
                   {"histogram", histogram}};
    return result;
}

} // namespace

const ToolDefinition& searchTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
