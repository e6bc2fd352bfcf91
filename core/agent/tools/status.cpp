// status: the dataset of the run's branch: distinct images, per source and per tag, and the live commits.
#include "agent/tools/runadditions.h"
#include "agent/tools/tool.h"
#include "agent/tools/toolformat.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

ToolSpec spec() {
    return {"status",
            "The dataset of this run's branch: distinct images, per source and per tag, and the "
            "live commits; and, beside these totals, what this run added since its branch forked from "
            "main (distinct images, per source and per tag), which is what the theme's target counts. "
            "Use it to monitor balance.",
            {},
            {}};
}

std::string statusText(const StatusReport& report) {
    std::string text = "Branch '" + report.branch + "': " + formatCount(report.distinctImages) +
                       " distinct images in " + std::to_string(report.liveCommits.size()) +
                       " live commits (summed commit sizes " + formatCount(report.summedCommitSizes) + ")\n";
    if (!report.imagesBySource.empty()) {
        text += "by source:";
        for (const auto& [source, count] : report.imagesBySource) {
            text += " " + source + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    if (!report.imagesByTag.empty()) {
        text += "by tag:";
        for (const auto& [tag, count] : report.imagesByTag) {
            text += " " + tag + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    const size_t first = report.liveCommits.size() > 20 ? report.liveCommits.size() - 20 : 0;
    if (!report.liveCommits.empty()) {
        text += "live commits" + std::string(first ? " (last 20)" : "") + ":\n";
    }
    for (size_t i = first; i < report.liveCommits.size(); ++i) {
        const StatusCommit& commit = report.liveCommits[i];
        text += "  " + shortId(commit.id) + " " + formatCount(commit.images) + " images";
        if (!commit.tags.empty()) {
            text += " [" + joined(commit.tags) + "]";
        }
        if (!commit.query.empty()) {
            text += " query \"" + commit.query + "\"";
        }
        text += ": " + truncateUtf8(commit.message, 120) + "\n";
    }
    return text;
}

ToolResult run(ToolContext& context, const json& /*arguments*/) {
    auto log = context.curationLog();
    if (!log) {
        return errorResult("status: " + log.error());
    }
    auto report = (*log)->status(context.branch());
    if (!report) {
        return errorResult("status: " + report.error());
    }
    ToolResult result;
    result.ok = true;
    result.text = statusText(*report);
    result.data = json::parse(statusToJson(*report), nullptr, false);
    if (result.data.is_discarded()) {
        result.data = json::object();
    }
    appendRunAdditions(context, result);
    return result;
}

} // namespace

const ToolDefinition& statusTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
