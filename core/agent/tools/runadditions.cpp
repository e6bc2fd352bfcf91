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
    auto live = log.liveCommitImages(branch);
    if (!live) {
        return live.takeError();
    }
    std::unordered_map<std::string, const std::vector<std::string>*> tagsOf;
    for (const auto& commit : graph->commits) {
        tagsOf.emplace(commit.info.id, &commit.info.tags);
    }
    RunAdditions additions;
    additions.base = info->base;
    const std::set<std::string> beforeFork = reachableFrom(*graph, info->base);
    using ImageKey = std::pair<std::string, std::string>;
    // What the branch holds from main: the images of its live commits made before the fork.
    std::set<ImageKey> inherited;
    std::vector<const LiveCommitImages*> own;
    for (const LiveCommitImages& commit : *live) {
        if (!beforeFork.count(commit.commitId)) {
            own.push_back(&commit);
            continue;
        }
        for (const auto& image : commit.images) {
            inherited.emplace(image.source, image.name);
        }
    }
    additions.commits = own.size();
    additions.inheritedImages = inherited.size();
    std::set<ImageKey> added;
    std::map<std::string, std::set<ImageKey>> byTag;
    static const std::vector<std::string> noTags;
    for (const LiveCommitImages* commit : own) {
        const auto tags = tagsOf.find(commit->commitId); // a commit made since log() read the graph: none
        const std::vector<std::string>& commitTags = tags == tagsOf.end() ? noTags : *tags->second;
        for (const auto& image : commit->images) {
            ImageKey key{image.source, image.name};
            if (inherited.count(key)) {
                continue;
            }
            for (const auto& tag : commitTags) {
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
