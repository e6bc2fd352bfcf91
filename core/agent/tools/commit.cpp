// commit: every unmasked image at or above a similarity threshold into the run's branch, with the query,
// negatives, thresholds, message and tags as provenance.
#include "agent/tools/runadditions.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "dataset/curationlog.h"
#include "dataset/querycommit.h"

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"commit",
            "Adds every unmasked image with similarity >= threshold to the dataset (the run's "
            "branch), with full provenance. Explain the choice of threshold in the message. A threshold "
            "below " +
                thresholdText(kCommitThresholdFloor) + " is refused unless a person approves it.",
            {{"query", ParamType::String, true, std::nullopt, std::nullopt, "The text query.", true},
             sourceParam(),
             {"threshold", ParamType::Number, true, -1.0, 1.0, "Similarity threshold."},
             negativePromptsParam(),
             negativeThresholdParam(),
             {"message", ParamType::String, true, std::nullopt, std::nullopt,
              "Why these images, and why this threshold."},
             {"tags", ParamType::StringList, false, std::nullopt, std::nullopt,
              "Taxonomy attributes the images carry."},
             {"exclude_near_duplicates", ParamType::Number, false, 0.5, 1.0,
              "Optional: leave out images new to the dataset whose embedding cosine to an image already in "
              "it (or to an earlier new one) reaches this, e.g. 0.97."}},
            {{"dataset", "source"}}};
}

Status validate(const json& arguments) {
    if (trim(arguments.at("message").get<std::string>()).empty()) {
        return makeError("tool 'commit': argument 'message' must explain the commit, got an empty text");
    }
    return {};
}

ToolResult run(ToolContext& context, const json& arguments) {
    auto prepared = context.prepare(arguments, true);
    if (!prepared) {
        return errorResult("commit: " + prepared.error());
    }
    const double threshold = arguments.at("threshold").get<double>();
    if (threshold < kCommitThresholdFloor && !context.humanApproved()) {
        return errorResult("commit: threshold " + thresholdText(threshold) + " is below the floor of " +
                           thresholdText(kCommitThresholdFloor) +
                           " for commits the agent makes on its own (it would take rows unlike the query, at "
                           "-1 every unmasked image); nothing was committed. Use a threshold of at least " +
                           thresholdText(kCommitThresholdFloor) +
                           " chosen from the samples, or ask the person to approve this one (approval mode)");
    }
    auto log = context.curationLog();
    if (!log) {
        return errorResult("commit: " + log.error());
    }
    CommitDetails details;
    details.threshold = threshold;
    details.message = arguments.at("message").get<std::string>();
    details.author = context.author();
    details.branch = context.branch();
    if (arguments.contains("tags")) {
        for (const auto& tag : arguments["tags"]) {
            details.tags.push_back(tag.get<std::string>());
        }
    }
    if (arguments.contains("exclude_near_duplicates")) {
        details.excludeNearDuplicates = arguments.at("exclude_near_duplicates").get<double>();
    }
    // The one commit-by-query path (exactly what count counts), refusing an empty selection.
    auto committed = context.session().commit(**log, *prepared, details);
    if (!committed) {
        return errorResult("commit: " + committed.error() + " (query \"" + prepared->query + "\")");
    }
    const CommitOutcome* outcome = &committed->commit;
    ToolResult result;
    result.ok = true;
    result.text = "Committed " + shortId(outcome->id) + " on '" + outcome->branch +
                  "': " + formatCount(outcome->selected) +
                  " images selected (similarity >= " + thresholdText(threshold) + "), " +
                  formatCount(outcome->added) + " new to the dataset; " + formatCount(committed->masked) +
                  " masked by negatives (negative threshold " + thresholdText(prepared->negativeThreshold) +
                  ")\n";
    if (details.excludeNearDuplicates != 0) {
        result.text += formatCount(committed->nearDuplicatesExcluded) +
                       " near-duplicates of the dataset left out (cosine >= " +
                       thresholdText(details.excludeNearDuplicates) + ")\n";
    }
    result.data = {{"id", outcome->id},
                   {"short_id", shortId(outcome->id)},
                   {"branch", outcome->branch},
                   {"parent", outcome->parent},
                   {"selected", outcome->selected},
                   {"added", outcome->added},
                   {"masked", committed->masked},
                   {"near_duplicates_excluded", committed->nearDuplicatesExcluded},
                   {"query", prepared->query},
                   {"threshold", threshold},
                   {"negative_prompts", prepared->negatives},
                   {"negative_threshold", prepared->negativeThreshold},
                   {"sources", prepared->sources},
                   {"tags", details.tags},
                   {"message", details.message},
                   {"embedding_model", committed->embeddingModel},
                   {"author", context.author()}};
    appendRunAdditions(context, result);
    return result;
}

} // namespace

const ToolDefinition& commitTool() {
    static const ToolDefinition tool{spec(), &run, &validate};
    return tool;
}

} // namespace curator
