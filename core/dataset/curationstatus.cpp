// The curation log's status (a branch's dataset in figures) and the text and JSON views of the status
// and the log.

#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace curator {

using nlohmann::json;

namespace {

constexpr size_t kRecentCommits = 5;

StatusCommit toStatusCommit(const CommitInfo& info) {
    StatusCommit entry;
    entry.id = info.id;
    entry.kind = info.kind;
    entry.author = info.author;
    entry.message = info.message;
    entry.query = info.query;
    entry.sources = info.sources;
    entry.tags = info.tags;
    entry.createdAt = info.createdAt;
    entry.target = info.target;
    entry.images = info.size;
    return entry;
}

// Counts the distinct images of the live commits, by source and by tag, in one pass over their packed
// image lists. Flags indexed by image key instead of sets: a million rows are counted in one pass.
class ImageCounter {
public:
    ImageCounter(const HistoryGraph& graph, const std::vector<size_t>& live, size_t keyCount)
        : m_seen(keyCount, 0) {
        for (size_t index : live) {
            const CommitInfo& commit = graph.commits()[index].info;
            for (const std::string& tag : commit.tags) {
                const size_t tagIndex =
                    size_t(std::find(m_tagNames.begin(), m_tagNames.end(), tag) - m_tagNames.begin());
                if (tagIndex == m_tagNames.size()) {
                    m_tagNames.push_back(tag);
                }
                m_tagsOfCommit[commit.seq].push_back(tagIndex);
            }
        }
        m_tagSeen.assign(m_tagNames.size(), std::vector<char>(keyCount, 0));
        m_tagCounts.assign(m_tagNames.size(), 0);
    }

    void visit(int64_t seq, int64_t key, int64_t source) {
        if (!m_seen[size_t(key)]) {
            m_seen[size_t(key)] = 1;
            ++m_distinct;
            if (size_t(source) >= m_bySourceKey.size()) {
                m_bySourceKey.resize(size_t(source) + 1, 0);
            }
            ++m_bySourceKey[size_t(source)];
        }
        if (seq != m_currentSeq) { // rows arrive grouped by commit
            m_currentSeq = seq;
            const auto it = m_tagsOfCommit.find(seq);
            m_currentTags = it == m_tagsOfCommit.end() ? nullptr : &it->second;
        }
        if (m_currentTags) {
            for (size_t tag : *m_currentTags) {
                if (!m_tagSeen[tag][size_t(key)]) {
                    m_tagSeen[tag][size_t(key)] = 1;
                    ++m_tagCounts[tag];
                }
            }
        }
    }

    size_t distinct() const { return m_distinct; }
    size_t countOfSource(size_t sourceKey) const {
        return sourceKey < m_bySourceKey.size() ? m_bySourceKey[sourceKey] : 0;
    }
    std::map<std::string, size_t> byTag() const {
        std::map<std::string, size_t> counts;
        for (size_t tag = 0; tag < m_tagNames.size(); ++tag) {
            counts[m_tagNames[tag]] = m_tagCounts[tag];
        }
        return counts;
    }

private:
    std::vector<char> m_seen;
    size_t m_distinct = 0;
    std::vector<size_t> m_bySourceKey;
    std::vector<std::string> m_tagNames;
    std::map<int64_t, std::vector<size_t>> m_tagsOfCommit; // seq -> tag indices
    std::vector<std::vector<char>> m_tagSeen;
    std::vector<size_t> m_tagCounts;
    int64_t m_currentSeq = -1;
    const std::vector<size_t>* m_currentTags = nullptr;
};

} // namespace

Result<StatusReport> CurationLog::status(const std::string& branchName) {
    CURATOR_TRY(const std::string branch, curationdetail::resolveBranch(m_database, branchName));
    // One read snapshot: consistent figures while another process commits.
    SqliteReadTransaction snapshot(m_database);
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    const HistoryBranch* info = graph.branch(branch);
    if (!info) {
        return makeError("status: unknown branch '" + branch + "'");
    }
    StatusReport report;
    report.branch = branch;
    report.checkedOut = graph.checkedOut();
    report.branches = graph.branchInfos();

    const std::vector<size_t> live = graph.liveCommits(info->head);
    std::map<int64_t, size_t> liveCommitOfSeq;
    for (size_t index : live) {
        const CommitInfo& commit = graph.commits()[index].info;
        liveCommitOfSeq[commit.seq] = report.liveCommits.size();
        report.liveCommits.push_back(toStatusCommit(commit));
        report.liveCommits.back().images = 0; // counted below: the entries the dataset holds
    }
    const std::vector<char> reached = graph.reachable(info->head);
    for (size_t i = graph.commits().size(); i-- > 0 && report.recentCommits.size() < kRecentCommits;) {
        if (reached[i]) {
            report.recentCommits.push_back(toStatusCommit(graph.commits()[i].info));
        }
    }

    CURATOR_TRY(const int64_t maxKey, curationdetail::maxImageKey(m_database));
    ImageCounter counter(graph, live, size_t(maxKey) + 1);
    CURATOR_TRY_STATUS(curationdetail::forEachLiveImageRow(
        m_database, graph, info->head, [&](int64_t seq, int64_t key, int64_t source) {
            counter.visit(seq, key, source);
            ++report.liveCommits[liveCommitOfSeq.at(seq)].images;
            ++report.summedCommitSizes;
        }));
    report.distinctImages = counter.distinct();
    report.imagesByTag = counter.byTag();
    CURATOR_TRY(SqliteStatement names, m_database.prepare("SELECT source_key, name FROM sources"));
    CURATOR_TRY_STATUS(names.forEachRow([&](const SqliteStatement& row) {
        const size_t count = counter.countOfSource(size_t(row.columnInt(0)));
        if (count > 0) {
            report.imagesBySource[row.columnText(1)] = count;
        }
    }));
    CURATOR_TRY(const int64_t unresolved,
                m_database.queryInt("SELECT count(*) FROM images WHERE in_catalog = 0"));
    report.unresolvedImages = size_t(unresolved);
    return report;
}

namespace {

json statusCommitJson(const StatusCommit& commit) {
    json value = {
        {"id", commit.id},         {"short_id", shortId(commit.id)}, {"kind", commitKindName(commit.kind)},
        {"author", commit.author}, {"message", commit.message},      {"created_at", commit.createdAt},
        {"images", commit.images}};
    if (commit.kind == CommitKind::Commit) {
        value["query"] = commit.query;
        value["sources"] = commit.sources;
        value["tags"] = commit.tags;
    }
    if (!commit.target.empty()) {
        value["target"] = commit.target;
    }
    return value;
}

json branchJson(const BranchInfo& branch) {
    return {{"name", branch.name},
            {"head", branch.head.empty() ? json(nullptr) : json(branch.head)},
            {"base", branch.base.empty() ? json(nullptr) : json(branch.base)},
            {"state", branchStateName(branch.state)},
            {"created_at", branch.createdAt},
            {"live_commits", branch.liveCommits},
            {"checked_out", branch.checkedOut}};
}

} // namespace

std::string statusToJson(const StatusReport& report) {
    json value;
    value["branch"] = report.branch;
    value["checked_out"] = report.checkedOut;
    value["distinct_images"] = report.distinctImages;
    value["summed_commit_sizes"] = report.summedCommitSizes;
    value["unresolved_images"] = report.unresolvedImages;
    value["images_by_source"] = report.imagesBySource;
    value["images_by_tag"] = report.imagesByTag;
    value["live_commits"] = json::array();
    for (const StatusCommit& commit : report.liveCommits) {
        value["live_commits"].push_back(statusCommitJson(commit));
    }
    value["recent_commits"] = json::array();
    for (const StatusCommit& commit : report.recentCommits) {
        value["recent_commits"].push_back(statusCommitJson(commit));
    }
    value["branches"] = json::array();
    for (const BranchInfo& branch : report.branches) {
        value["branches"].push_back(branchJson(branch));
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string formatStatus(const StatusReport& report) {
    std::ostringstream out;
    out << "On branch " << report.branch << (report.branch == report.checkedOut ? " (checked out)" : "")
        << "\n";
    out << "Dataset: " << report.distinctImages << " distinct images in " << report.liveCommits.size()
        << " live commits (summed commit sizes: " << report.summedCommitSizes << ")\n";
    for (const auto& [source, count] : report.imagesBySource) {
        out << "  source " << source << ": " << count << "\n";
    }
    for (const auto& [tag, count] : report.imagesByTag) {
        out << "  tag " << tag << ": " << count << "\n";
    }
    if (report.unresolvedImages > 0) {
        out << "Images named by imports but not yet ingested: " << report.unresolvedImages << "\n";
    }
    out << "Live commits:\n";
    for (const StatusCommit& commit : report.liveCommits) {
        out << "  " << shortId(commit.id) << "  " << commit.images << " images  " << commit.author << "  "
            << commit.message << "\n";
    }
    out << "Recent:\n";
    for (const StatusCommit& commit : report.recentCommits) {
        out << "  " << shortId(commit.id) << "  " << commitKindName(commit.kind) << "  " << commit.createdAt
            << "  " << commit.message << "\n";
    }
    out << "Branches:\n";
    for (const BranchInfo& branch : report.branches) {
        out << (branch.checkedOut ? "* " : "  ") << branch.name << "  " << branchStateName(branch.state)
            << "  " << branch.liveCommits << " live commits  head "
            << (branch.head.empty() ? "-" : shortId(branch.head)) << "\n";
    }
    return out.str();
}

std::string graphToJson(const CommitGraph& graph) {
    json value;
    value["checked_out"] = graph.checkedOut;
    value["branches"] = json::array();
    for (const BranchInfo& branch : graph.branches) {
        value["branches"].push_back(branchJson(branch));
    }
    value["commits"] = json::array();
    for (const GraphCommit& commit : graph.commits) {
        const CommitInfo& info = commit.info;
        json entry = {
            {"id", info.id},           {"short_id", shortId(info.id)}, {"kind", commitKindName(info.kind)},
            {"branch", info.branch},   {"parents", commit.parents},    {"author", info.author},
            {"message", info.message}, {"created_at", info.createdAt}, {"size", info.size},
            {"undone", commit.undone}};
        if (commit.undone) {
            entry["undone_by"] = commit.undoneBy;
        }
        if (!info.target.empty()) {
            entry["target"] = info.target;
        }
        if (info.kind == CommitKind::Commit) {
            entry["query"] = info.query;
            entry["sources"] = info.sources;
            entry["tags"] = info.tags;
        }
        value["commits"].push_back(std::move(entry));
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace curator
