// The curation log's mutations: commit, undo, create/checkout/merge/discard a branch. Each runs on one
// preamble (mutate: the writer lock, then the graph as of that lock; committed only when the body
// succeeds), so a mutation never acts on a graph another process changed meanwhile.

#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace curator {

using namespace curationdetail;

namespace {

bool isValidBranchName(const std::string& name) {
    if (name.empty() || name.size() > 100 || name[0] == '-' || name[0] == '.' || name[0] == '/') {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':';
    });
}

Status requireValidAuthor(const char* verb, const std::string& author) {
    if (author == "human" || (author.rfind("agent:", 0) == 0 && author.size() > 6)) {
        return {};
    }
    return makeError(std::string(verb) + ": author '" + author + "' must be 'human' or 'agent:<run id>'");
}

// The shared preamble: BEGIN IMMEDIATE, load the graph, run the body on it, COMMIT when the body
// succeeded (the transaction rolls back otherwise).
template <typename Body>
auto mutate(SqliteDatabase& database, Body body) -> decltype(body(std::declval<const HistoryGraph&>())) {
    SqliteTransaction transaction(database);
    CURATOR_TRY_STATUS(transaction.began());
    CURATOR_TRY(const HistoryGraph graph, loadHistory(database));
    auto result = body(graph);
    if (result) {
        CURATOR_TRY_STATUS(transaction.commit());
    }
    return result;
}

// Flags by image key of a branch's dataset before and after a change written in this transaction.
struct DatasetChange {
    std::vector<char> before;
    std::vector<char> after;
};

// `before`: the graph as the mutation found it; `headBefore`: the branch's head in it.
Result<DatasetChange> datasetChange(SqliteDatabase& database, const HistoryGraph& before,
                                    const std::string& headBefore, const std::string& branch) {
    CURATOR_TRY(const HistoryGraph graph, loadHistory(database));
    const HistoryBranch* info = graph.branch(branch);
    if (!info) {
        return makeError("unknown branch '" + branch + "'");
    }
    DatasetChange change;
    CURATOR_TRY(change.before, liveMembership(database, before, headBefore));
    CURATOR_TRY(change.after, liveMembership(database, graph, info->head));
    return change;
}

size_t changedImages(const DatasetChange& change) {
    size_t changed = 0;
    for (size_t key = 0; key < change.before.size(); ++key) {
        changed += change.before[key] != change.after[key] ? 1 : 0;
    }
    return changed;
}

// The open branch a revert goes to: `name`, or the checked-out one when it is empty.
Result<const HistoryBranch*> openBranchFor(const char* verb, const HistoryGraph& graph,
                                           const std::string& name) {
    const std::string branch = name.empty() ? graph.checkedOut() : name;
    const HistoryBranch* info = graph.branch(branch);
    if (!info) {
        return makeError(std::string(verb) + ": there is no branch '" + branch + "'");
    }
    if (info->state != BranchState::Open) {
        return makeError(std::string(verb) + ": the branch '" + branch + "' is " +
                         branchStateName(info->state) + ", not open");
    }
    return info;
}

// A revert row of `target` on `branch`, on top of its head; the caller sets the message (and images).
CommitRow revertRow(const std::string& id, const std::string& branch, const std::string& head,
                    const std::string& target, const std::string& author) {
    CommitRow row;
    row.id = id;
    row.kind = CommitKind::Revert;
    row.branch = branch;
    row.parent = head;
    row.target = target;
    row.author = author;
    row.createdAt = utcTimestamp();
    return row;
}

// A commit's image entries by "source/name": its image and source keys.
Result<std::map<std::string, std::pair<int64_t, int64_t>>> entriesByName(SqliteDatabase& database,
                                                                         int64_t seq) {
    CURATOR_TRY(SqliteStatement query,
                database.prepare("SELECT c.image_key, c.source_key, s.name, i.name FROM commit_images c "
                                 "JOIN images i ON i.image_key = c.image_key "
                                 "JOIN sources s ON s.source_key = i.source_key WHERE c.commit_seq = ?1",
                                 {seq}));
    std::map<std::string, std::pair<int64_t, int64_t>> entries;
    CURATOR_TRY_STATUS(query.forEachRow([&entries](const SqliteStatement& row) {
        entries[row.columnText(2) + "/" + row.columnText(3)] = {row.columnInt(0), row.columnInt(1)};
    }));
    return entries;
}

} // namespace

Result<CommitOutcome> CurationLog::commit(const CommitRequest& request) {
    CURATOR_TRY_STATUS(requireValidAuthor("commit", request.author));
    std::vector<std::string> sources = request.sources;
    for (size_t i = 0; i < request.images.size(); ++i) {
        const CatalogImage& image = request.images[i];
        if (image.source.empty() || image.name.empty()) {
            return makeError("commit: image " + std::to_string(i) + " has an empty source or name");
        }
        if (request.sources.empty() &&
            std::find(sources.begin(), sources.end(), image.source) == sources.end()) {
            sources.push_back(image.source);
        }
    }
    return mutate(m_database, [&](const HistoryGraph& graph) -> Result<CommitOutcome> {
        const std::string branch = request.branch.empty() ? graph.checkedOut() : request.branch;
        const HistoryBranch* info = graph.branch(branch);
        if (!info) {
            return makeError("commit: unknown branch '" + branch + "'");
        }
        if (info->state != BranchState::Open) {
            return makeError("commit: branch '" + branch + "' is " + branchStateName(info->state) +
                             "; commit to an open branch");
        }
        CURATOR_TRY(std::vector<char> seen, liveMembership(m_database, graph, info->head));

        CommitOutcome outcome;
        outcome.id = newUuidV4();
        outcome.branch = branch;
        outcome.parent = info->head;
        outcome.selected = request.images.size();
        CommitRow row;
        row.id = outcome.id;
        row.kind = CommitKind::Commit;
        row.branch = branch;
        row.parent = info->head;
        row.query = request.query;
        row.queryVectorSha256 = request.queryVectorSha256;
        row.embeddingModel = request.embeddingModel;
        row.threshold = request.threshold;
        row.negativePromptsJson = jsonStringArray(request.negativePrompts);
        row.negativeThreshold = request.negativeThreshold;
        row.sourcesJson = jsonStringArray(sources);
        row.dataset = joinSources(sources);
        row.message = request.message;
        row.author = request.author;
        row.createdAt = utcTimestamp();
        row.tagsJson = jsonStringArray(request.tags);
        row.size = request.images.size();
        CURATOR_TRY(const int64_t seq, insertCommitRow(m_database, row));

        ImageKeyWriter keys(m_database);
        CommitImageWriter entries(m_database);
        CURATOR_TRY_STATUS(keys.prepare());
        CURATOR_TRY_STATUS(entries.prepare());
        entries.begin(seq);
        for (const CatalogImage& image : request.images) {
            CURATOR_TRY(const int64_t source, keys.sourceKey(image.source));
            CURATOR_TRY(const int64_t key, keys.keyForCatalogImage(source, image, false));
            if (size_t(key) >= seen.size()) {
                seen.resize(size_t(key) + 1, 0);
            }
            if (!seen[size_t(key)]) {
                seen[size_t(key)] = 1;
                ++outcome.added;
            }
            CURATOR_TRY_STATUS(entries.add(key, source));
        }
        CURATOR_TRY_STATUS(entries.finish());
        CURATOR_TRY_STATUS(moveHead(m_database, branch, outcome.id));
        return outcome;
    });
}

Result<RevertOutcome> CurationLog::undoCommit(const std::string& idOrPrefix, const std::string& author,
                                              const std::string& onBranch) {
    CURATOR_TRY_STATUS(requireValidAuthor("undo", author));
    return mutate(m_database, [&](const HistoryGraph& graph) -> Result<RevertOutcome> {
        CURATOR_TRY(const std::string id, resolveId(idOrPrefix));
        CURATOR_TRY(const HistoryBranch* info, openBranchFor("undo", graph, onBranch));
        const std::string& branch = info->name;
        const size_t index = *graph.indexOf(id);
        const HistoryCommit& target = graph.commits()[index];
        if (target.info.kind == CommitKind::Merge) {
            return makeError("undo: " + shortId(id) + " is a merge; undo the commits it brought instead");
        }
        const std::vector<char> reached = graph.reachable(info->head);
        if (!reached[index]) {
            return makeError("undo: commit " + shortId(id) + " is not in the history of branch '" + branch +
                             "'");
        }
        const std::vector<long> undone = graph.undoneBy(reached);
        if (undone[index] >= 0) {
            return makeError("undo: commit " + shortId(id) + " is already reverted (by " +
                             shortId(graph.commits()[size_t(undone[index])].info.id) + ")");
        }

        RevertOutcome outcome;
        outcome.id = newUuidV4();
        outcome.target = id;
        outcome.branch = branch;
        outcome.redo = target.info.kind == CommitKind::Revert;
        CommitRow row = revertRow(outcome.id, branch, info->head, id, author);
        row.message = (isPartialRevert(target.info) ? "Undo "
                       : outcome.redo               ? "Redo "
                                                    : "Revert ") +
                      shortId(id);
        if (!target.info.message.empty()) {
            row.message += ": " + target.info.message;
        }
        CURATOR_TRY_STATUS(insertCommitRow(m_database, row));
        CURATOR_TRY_STATUS(moveHead(m_database, branch, outcome.id));
        CURATOR_TRY(const DatasetChange change, datasetChange(m_database, graph, info->head, branch));
        outcome.affected = changedImages(change);
        return outcome;
    });
}

Result<RevertOutcome> CurationLog::removeImages(const std::string& idOrPrefix,
                                                const std::vector<ImageRef>& images,
                                                const std::string& author, const std::string& onBranch) {
    CURATOR_TRY_STATUS(requireValidAuthor("remove", author));
    if (images.empty()) {
        return makeError("remove: name at least one image (source/name) to remove from the commit");
    }
    return mutate(m_database, [&](const HistoryGraph& graph) -> Result<RevertOutcome> {
        CURATOR_TRY(const std::string id, resolveId(idOrPrefix));
        CURATOR_TRY(const HistoryBranch* info, openBranchFor("remove", graph, onBranch));
        const std::string& branch = info->name;
        const size_t index = *graph.indexOf(id);
        const CommitInfo& target = graph.commits()[index].info;
        if (target.kind != CommitKind::Commit) {
            return makeError("remove: " + shortId(id) + " is a " + commitKindName(target.kind) +
                             "; remove images from the commit that holds them");
        }
        const std::vector<size_t> live =
            info->head.empty() ? std::vector<size_t>{} : graph.liveCommits(info->head);
        if (std::find(live.begin(), live.end(), index) == live.end()) {
            return makeError("remove: commit " + shortId(id) + " is not live on branch '" + branch +
                             "' (undone, or not in its history)");
        }
        CURATOR_TRY(const RemovedImages removed, removedImages(m_database, graph, info->head));
        CURATOR_TRY(const auto entries, entriesByName(m_database, target.seq));
        std::vector<std::pair<int64_t, int64_t>> keys;
        std::vector<std::string> names;
        for (const ImageRef& image : images) {
            const std::string name = image.source + "/" + image.name;
            const auto found = entries.find(name);
            if (found == entries.end()) {
                return makeError("remove: commit " + shortId(id) + " does not hold image '" + name + "'");
            }
            if (isRemoved(removed, target.seq, found->second.first)) {
                return makeError("remove: image '" + name + "' was already removed from commit " +
                                 shortId(id));
            }
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(name);
                keys.push_back(found->second);
            }
        }

        RevertOutcome outcome;
        outcome.id = newUuidV4();
        outcome.target = id;
        outcome.branch = branch;
        outcome.removed = keys.size();
        CommitRow row = revertRow(outcome.id, branch, info->head, id, author);
        row.message = "Remove " +
                      (names.size() == 1 ? names.front() : std::to_string(names.size()) + " images") +
                      " from " + shortId(id);
        if (!target.message.empty()) {
            row.message += ": " + target.message;
        }
        row.size = keys.size();
        CURATOR_TRY(const int64_t seq, insertCommitRow(m_database, row));
        CommitImageWriter writer(m_database);
        CURATOR_TRY_STATUS(writer.prepare());
        writer.begin(seq);
        for (const auto& [imageKey, sourceKey] : keys) {
            CURATOR_TRY_STATUS(writer.add(imageKey, sourceKey));
        }
        CURATOR_TRY_STATUS(writer.finish());
        CURATOR_TRY_STATUS(moveHead(m_database, branch, outcome.id));
        CURATOR_TRY(const DatasetChange change, datasetChange(m_database, graph, info->head, branch));
        outcome.affected = changedImages(change);
        return outcome;
    });
}

Status CurationLog::createBranch(const std::string& name) {
    if (!isValidBranchName(name)) {
        return makeError("branch name '" + name +
                         "' is invalid: use letters, digits, '_', '-', '.', '/' or ':' (e.g. agent/run-42)");
    }
    return mutate(m_database, [&](const HistoryGraph& graph) -> Status {
        if (const HistoryBranch* existing = graph.branch(name)) {
            return makeError("branch '" + name + "' already exists (" + branchStateName(existing->state) +
                             ")");
        }
        const std::string mainHead = graph.branch(kMainBranch)->head;
        return m_database.execute(
            "INSERT INTO branches(name, head, base, state, created_at) VALUES(?1, ?2, ?2, ?3, ?4)",
            {name, SqlValue::textOrNull(mainHead), branchStateName(BranchState::Open), utcTimestamp()});
    });
}

Status CurationLog::createBranchAt(const std::string& name, const std::string& commitIdOrPrefix) {
    if (!isValidBranchName(name)) {
        return makeError("branch name '" + name +
                         "' is invalid: use letters, digits, '_', '-', '.', '/' or ':' (e.g. agent/run-42)");
    }
    std::string head;
    if (!commitIdOrPrefix.empty()) {
        CURATOR_TRY(head, resolveId(commitIdOrPrefix));
    }
    return mutate(m_database, [&](const HistoryGraph& graph) -> Status {
        if (const HistoryBranch* existing = graph.branch(name)) {
            return makeError("branch '" + name + "' already exists (" + branchStateName(existing->state) +
                             ")");
        }
        if (!head.empty() && !graph.contains(head)) {
            return makeError("branch '" + name + "': unknown commit '" + commitIdOrPrefix + "'");
        }
        return m_database.execute(
            "INSERT INTO branches(name, head, base, state, created_at) VALUES(?1, ?2, ?2, ?3, ?4)",
            {name, SqlValue::textOrNull(head), branchStateName(BranchState::Open), utcTimestamp()});
    });
}

Status CurationLog::checkout(const std::string& name) {
    return mutate(m_database, [&](const HistoryGraph& graph) -> Status {
        const HistoryBranch* info = graph.branch(name);
        if (!info) {
            return makeError("checkout: unknown branch '" + name + "'");
        }
        if (info->state != BranchState::Open) {
            return makeError("checkout: branch '" + name + "' is " + branchStateName(info->state));
        }
        return m_database.execute("INSERT OR REPLACE INTO settings(key, value) VALUES('checked_out', ?1)",
                                  {name});
    });
}

Result<CommitOutcome> CurationLog::mergeBranch(const std::string& name, const std::string& author,
                                               const std::string& message) {
    CURATOR_TRY_STATUS(requireValidAuthor("merge", author));
    return mutate(m_database, [&](const HistoryGraph& graph) -> Result<CommitOutcome> {
        const HistoryBranch* info = graph.branch(name);
        if (!info) {
            return makeError("merge: unknown branch '" + name + "'");
        }
        if (name == kMainBranch) {
            return makeError("merge: cannot merge 'main' into itself");
        }
        if (info->state != BranchState::Open) {
            return makeError("merge: branch '" + name + "' is already " + branchStateName(info->state));
        }
        if (info->head.empty() || info->head == info->base) {
            return makeError("merge: branch '" + name + "' has no commits of its own to merge");
        }
        const HistoryBranch* main = graph.branch(kMainBranch);
        CommitOutcome outcome;
        outcome.id = newUuidV4();
        outcome.branch = kMainBranch;
        outcome.parent = main->head;
        CommitRow row;
        row.id = outcome.id;
        row.kind = CommitKind::Merge;
        row.branch = kMainBranch;
        row.parent = main->head;
        row.secondParent = info->head;
        row.message = message.empty() ? "Merge branch '" + name + "' into main" : message;
        row.author = author;
        row.createdAt = utcTimestamp();
        CURATOR_TRY_STATUS(insertCommitRow(m_database, row));
        CURATOR_TRY_STATUS(moveHead(m_database, kMainBranch, outcome.id));
        CURATOR_TRY_STATUS(m_database.execute("UPDATE branches SET state = ?2 WHERE name = ?1",
                                              {name, branchStateName(BranchState::Merged)}));
        if (graph.checkedOut() == name) {
            CURATOR_TRY_STATUS(m_database.execute("UPDATE settings SET value = ?1 WHERE key = 'checked_out'",
                                                  {kMainBranch}));
        }
        CURATOR_TRY(const DatasetChange change, datasetChange(m_database, graph, main->head, kMainBranch));
        for (size_t key = 0; key < change.after.size(); ++key) {
            if (change.after[key]) {
                ++outcome.selected;
                outcome.added += change.before[key] ? 0 : 1;
            }
        }
        return outcome;
    });
}

Status CurationLog::discardBranch(const std::string& name) {
    if (name == kMainBranch) {
        return makeError("discard: 'main' cannot be discarded");
    }
    return mutate(m_database, [&](const HistoryGraph& graph) -> Status {
        const HistoryBranch* info = graph.branch(name);
        if (!info) {
            return makeError("discard: unknown branch '" + name + "'");
        }
        if (info->state != BranchState::Open) {
            return makeError("discard: branch '" + name + "' is already " + branchStateName(info->state));
        }
        CURATOR_TRY_STATUS(m_database.execute("UPDATE branches SET state = ?2 WHERE name = ?1",
                                              {name, branchStateName(BranchState::Discarded)}));
        if (graph.checkedOut() == name) {
            CURATOR_TRY_STATUS(m_database.execute("UPDATE settings SET value = ?1 WHERE key = 'checked_out'",
                                                  {kMainBranch}));
        }
        return {};
    });
}

} // namespace curator
