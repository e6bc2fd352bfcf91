// undo_commit: reverts a commit on the run's branch (undoing a revert redoes it).
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "dataset/curationlog.h"

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"undo_commit",
            "Reverts a commit of this run (any unique prefix of its id); undoing a revert redoes "
            "it.",
            {{"commit_id", ParamType::String, true, std::nullopt, std::nullopt,
              "The commit id or a unique prefix (8 characters are shown)."}},
            {{"id", "commit_id"}}};
}

ToolResult run(ToolContext& context, const json& arguments) {
    return undoCommitAs(context, arguments.at("commit_id").get<std::string>(), context.author());
}

} // namespace

ToolResult undoCommitAs(ToolContext& context, const std::string& commitId, const std::string& author) {
    auto log = context.curationLog();
    if (!log) {
        return errorResult("undo_commit: " + log.error());
    }
    // On the run's branch, whatever the person has checked out.
    auto outcome = (*log)->undoCommit(commitId, author, context.branch());
    if (!outcome) {
        return errorResult("undo_commit: " + outcome.error());
    }
    ToolResult result;
    result.ok = true;
    result.text = std::string(outcome->redo ? "Redid " : "Reverted ") + shortId(outcome->target) + " with " +
                  shortId(outcome->id) + " on '" + outcome->branch + "': " + formatCount(outcome->affected) +
                  " images " + (outcome->redo ? "re-entered" : "left") + " the dataset\n";
    result.data = {{"id", outcome->id},         {"short_id", shortId(outcome->id)},
                   {"target", outcome->target}, {"branch", outcome->branch},
                   {"redo", outcome->redo},     {"affected", outcome->affected},
                   {"author", author}};
    return result;
}

const ToolDefinition& undoCommitTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
