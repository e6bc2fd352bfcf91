#include "dataset/imageprovenance.h"

#include "dataset/historygraph.h"
#include "dataset/sha256.h"

#include <algorithm>
#include <unordered_map>

namespace curator {

Result<std::vector<std::string>> liveCommitIds(const CommitGraph& graph, const std::string& branch) {
    const auto info =
        std::find_if(graph.branches.begin(), graph.branches.end(),
                     [&branch](const BranchInfo& candidate) { return candidate.name == branch; });
    if (info == graph.branches.end()) {
        return makeError("unknown branch '" + branch + "'");
    }
    const HistoryGraph history = HistoryGraph::fromCommitGraph(graph);
    std::vector<std::string> live;
    for (size_t index : history.liveCommits(info->head)) {
        live.push_back(history.commits()[index].info.id);
    }
    return live;
}

Result<ImageProvenance> imageProvenance(CurationLog& log, const std::string& source,
                                        const std::string& name) {
    const std::string label = "image '" + source + "/" + name + "'";
    SqliteDatabase& database = log.database();
    SqliteReadTransaction snapshot(database); // the graph and the image rows from one state
    if (!snapshot.began()) {
        return makeError(label + ": " + snapshot.began().error());
    }
    ImageProvenance provenance;
    provenance.image.source = source;
    provenance.image.name = name;

    // The catalog entry, then the commits holding it in one query (commit_images has no index on
    // image_key: one scan of it, not one lookup per commit).
    Result<SqliteStatement> catalogRow = database.prepare(
        "SELECT i.image_key, i.path, i.caption, i.width, i.height, i.in_catalog FROM images i "
        "JOIN sources s ON s.source_key = i.source_key WHERE s.name = ?1 AND i.name = ?2");
    if (!catalogRow) {
        return makeError(label + ": " + catalogRow.error());
    }
    catalogRow->bindText(1, source);
    catalogRow->bindText(2, name);
    Result<bool> stepped = catalogRow->step();
    if (!stepped) {
        return makeError(label + ": " + stepped.error());
    }
    const bool known = *stepped;
    std::vector<std::string> holding;
    if (known) {
        const int64_t imageKey = catalogRow->columnInt(0);
        provenance.image.path = catalogRow->columnText(1);
        provenance.image.caption = catalogRow->columnText(2);
        provenance.image.width = catalogRow->columnInt(3);
        provenance.image.height = catalogRow->columnInt(4);
        provenance.image.inCatalog = catalogRow->columnInt(5) != 0;
        Result<SqliteStatement> rows =
            database.prepare("SELECT id FROM commits WHERE seq IN (SELECT commit_seq FROM commit_images "
                             "WHERE image_key = ?1) ORDER BY seq");
        if (!rows) {
            return makeError(label + ": " + rows.error());
        }
        rows->bindInt(1, imageKey);
        while (true) {
            Result<bool> row = rows->step();
            if (!row) {
                return makeError(label + ": " + row.error());
            }
            if (!*row) {
                break;
            }
            holding.push_back(rows->columnText(0));
        }
    }
    if (!known) {
        return makeError(label + " is not in the workspace's catalog");
    }

    if (!holding.empty()) {
        Result<CommitGraph> graph = log.log();
        if (!graph) {
            return makeError(label + ": " + graph.error());
        }
        provenance.checkedOutBranch = graph->checkedOut;
        Result<std::vector<std::string>> live = liveCommitIds(*graph, graph->checkedOut);
        if (!live) {
            return makeError(label + ": " + live.error());
        }
        // Live partial reverts holding this image took it out of their target: the target does not count.
        std::unordered_map<std::string, std::string> removedBy;   // target -> partial revert
        std::unordered_map<std::string, std::string> liveRemoval; // partial revert -> target
        const HistoryGraph history = HistoryGraph::fromCommitGraph(*graph);
        if (const HistoryBranch* checkedOut = history.branch(graph->checkedOut)) {
            for (const HistoryGraph::Removal& removal : history.liveRemovals(checkedOut->head)) {
                const std::string& revert = history.commits()[removal.revert].info.id;
                if (std::find(holding.begin(), holding.end(), revert) != holding.end()) {
                    removedBy[history.commits()[removal.target].info.id] = revert;
                    liveRemoval[revert] = history.commits()[removal.target].info.id;
                }
            }
        }
        std::unordered_map<std::string, const GraphCommit*> byId;
        for (const GraphCommit& commit : graph->commits) {
            byId.emplace(commit.info.id, &commit);
        }
        for (const std::string& id : holding) {
            const auto found = byId.find(id);
            if (found == byId.end()) {
                continue; // cannot happen inside one read transaction
            }
            const CommitInfo& info = found->second->info;
            ProvenanceCommit entry;
            entry.id = info.id;
            entry.kind = info.kind;
            entry.branch = info.branch;
            entry.author = info.author;
            entry.createdAt = info.createdAt;
            entry.query = info.query;
            entry.threshold = info.threshold;
            entry.message = info.message;
            entry.tags = info.tags;
            entry.undoneBy = found->second->undoneBy;
            if (info.kind == CommitKind::Revert) {
                entry.target = info.target;
                entry.live = liveRemoval.count(id) > 0;
            } else {
                const auto removal = removedBy.find(id);
                entry.removedBy = removal == removedBy.end() ? std::string() : removal->second;
                entry.live =
                    entry.removedBy.empty() && std::find(live->begin(), live->end(), id) != live->end();
            }
            provenance.inDataset = provenance.inDataset || (entry.live && info.kind == CommitKind::Commit);
            provenance.commits.push_back(std::move(entry));
        }
    } else {
        Result<std::string> branch = log.checkedOutBranch();
        if (!branch) {
            return makeError(label + ": " + branch.error());
        }
        provenance.checkedOutBranch = *branch;
    }

    // Both caches in one query; scores newest first within a model.
    Result<SqliteStatement> cached = database.prepare(
        "SELECT 0, model, caption, '', 0.0, created_at FROM caption_cache WHERE source = ?1 AND name = ?2 "
        "UNION ALL "
        "SELECT 1, model, '', caption_sha256, score, created_at FROM score_cache "
        "WHERE source = ?1 AND name = ?2 "
        "ORDER BY 1, 2, 6 DESC");
    if (!cached) {
        return makeError(label + ": " + cached.error());
    }
    cached->bindText(1, source);
    cached->bindText(2, name);
    while (true) {
        Result<bool> row = cached->step();
        if (!row) {
            return makeError(label + ": " + row.error());
        }
        if (!*row) {
            break;
        }
        if (cached->columnInt(0) == 0) {
            provenance.captions.push_back(
                {cached->columnText(1), cached->columnText(2), cached->columnText(5)});
        } else {
            CachedScore score;
            score.model = cached->columnText(1);
            score.captionSha256 = cached->columnText(3);
            score.score = cached->columnDouble(4);
            score.createdAt = cached->columnText(5);
            provenance.scores.push_back(std::move(score));
        }
    }
    // Name the caption each score read, by the hash the scorer's cache key holds.
    for (CachedScore& score : provenance.scores) {
        for (const CachedCaption& caption : provenance.captions) {
            if (Sha256::hashHex(caption.caption) == score.captionSha256) {
                score.captionSource = caption.model;
                break;
            }
        }
        if (score.captionSource.empty() && !provenance.image.caption.empty() &&
            Sha256::hashHex(provenance.image.caption) == score.captionSha256) {
            score.captionSource = "catalog";
        }
    }
    return provenance;
}

} // namespace curator
