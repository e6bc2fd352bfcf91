#include "agent/tools/runadditions.h"

#include "agent/tools/toolcontext.h"
#include "agent/tools/toolformat.h"
#include "dataset/curationlog.h"

#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace curator {

using nlohmann::json;
using namespace tooltext;

namespace {

// The commits reachable from `head` through parent links (a merge has two).
std::set<std::string> reachableFrom(const CommitGraph& graph, const std::string& head) {
    std::unordered_map<std::string, const GraphCommit*> byId;
    for (const auto& commit : graph.commits) {
        byId.emplace(commit.info.id, &commit);
    }
    std::set<std::string> reached;
    std::vector<std::string> pending;
    if (!head.empty()) {
        pending.push_back(head);
    }
    while (!pending.empty()) {
        const std::string id = std::move(pending.back());
        pending.pop_back();
        const auto found = byId.find(id);
        if (found == byId.end() || !reached.insert(id).second) {
            continue;
        }
        for (const auto& parent : found->second->parents) {
            if (!parent.empty()) {
                pending.push_back(parent);
            }
        }
    }
    return reached;
}

} // namespace

Result<RunAdditions> runAdditions(CurationLog& log, const std::string& branch) {
    auto graph = log.log();
    if (!graph) {
        return graph.takeError();
    }
    const BranchInfo* info = nullptr;
    for (const auto& candidate : graph->branches) {
        if (candidate.name == branch) {
            info = &candidate;
        }
    }
    if (!info) {
        return makeError("unknown branch '" + branch + "'");
    }
    auto status = log.status(branch);
    if (!status) {
        return status.takeError();
    }
    RunAdditions additions;
    additions.base = info->base;
    const std::set<std::string> beforeFork = reachableFrom(*graph, info->base);
    using ImageKey = std::pair<std::string, std::string>;
    // What the branch holds from main: the images of its live commits made before the fork.
    std::set<ImageKey> inherited;
    std::vector<const StatusCommit*> own;
    for (const auto& commit : status->liveCommits) {
        if (commit.kind != CommitKind::Commit) {
            continue;
        }
        if (!beforeFork.count(commit.id)) {
            own.push_back(&commit);
            continue;
        }
        auto images = log.commitImages(commit.id);
        if (!images) {
            return images.takeError();
        }
        for (const auto& image : *images) {
            inherited.emplace(image.source, image.name);
        }
    }
    additions.commits = own.size();
    additions.inheritedImages = inherited.size();
    std::set<ImageKey> added;
    std::map<std::string, std::set<ImageKey>> byTag;
    for (const StatusCommit* commit : own) {
        auto images = log.commitImages(commit->id);
        if (!images) {
            return images.takeError();
        }
        for (const auto& image : *images) {
            ImageKey key{image.source, image.name};
            if (inherited.count(key)) {
                continue;
            }
            for (const auto& tag : commit->tags) {
                byTag[tag].insert(key);
            }
            if (added.insert(key).second) {
                ++additions.imagesBySource[image.source];
            }
        }
    }
    additions.distinctImages = added.size();
    for (const auto& [tag, images] : byTag) {
        additions.imagesByTag[tag] = images.size();
    }
    return additions;
}

std::string runAdditionsText(const RunAdditions& additions) {
    std::string text = "This run added " + formatCount(additions.distinctImages) +
                       " distinct images since its branch forked from main" +
                       (additions.base.empty() ? std::string() : " at " + shortId(additions.base)) + " (" +
                       formatCount(additions.commits) + " live commits of its own; " +
                       formatCount(additions.inheritedImages) +
                       " images came from main and do not count towards the theme's target)\n";
    if (!additions.imagesBySource.empty()) {
        text += "added by source:";
        for (const auto& [source, count] : additions.imagesBySource) {
            text += " " + source + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    if (!additions.imagesByTag.empty()) {
        text += "added by tag:";
        for (const auto& [tag, count] : additions.imagesByTag) {
            text += " " + tag + " " + formatCount(count) + ";";
        }
        text += "\n";
    }
    return text;
}

json runAdditionsJson(const RunAdditions& additions) {
    return {{"base", additions.base},
            {"commits", additions.commits},
            {"distinct_images", additions.distinctImages},
            {"inherited_images", additions.inheritedImages},
            {"images_by_source", additions.imagesBySource},
            {"images_by_tag", additions.imagesByTag}};
}

void appendRunAdditions(ToolContext& context, ToolResult& result) {
    auto log = context.curationLog();
    if (!log) {
        result.text += "(what this run added is unknown: " + log.error() + ")\n";
        return;
    }
    auto additions = runAdditions(**log, context.branch());
    if (!additions) {
        result.text += "(what this run added is unknown: " + additions.error() + ")\n";
        return;
    }
    result.text += runAdditionsText(*additions);
    if (!result.data.is_object()) {
        result.data = json::object();
    }
    result.data["run_added"] = runAdditionsJson(*additions);
}

} // namespace curator
