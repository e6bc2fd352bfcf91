#include "taxonomy/coverage.h"

#include "dataset/curationlog.h"
#include "dataset/curationlog_internal.h"
#include "resources/embeddedresources.h"
#include "store/workspacesettings.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <unordered_map>

namespace curator {

namespace {

// Distinct images over sets of commits, without a set per node: an image is counted once per node by
// stamping it with the node's number.
class DistinctCounter {
public:
    DistinctCounter(const std::vector<std::vector<int64_t>>& imagesOfCommit, size_t keyCount)
        : m_imagesOfCommit(imagesOfCommit)
        , m_stamps(keyCount, 0) {}

    CoverageCount count(const std::vector<size_t>& commits) {
        ++m_stamp;
        CoverageCount result;
        result.commits = commits.size();
        for (size_t commit : commits) {
            for (int64_t key : m_imagesOfCommit[commit]) {
                uint32_t& stamp = m_stamps[size_t(key)];
                if (stamp != m_stamp) {
                    stamp = m_stamp;
                    ++result.images;
                }
            }
        }
        return result;
    }

private:
    const std::vector<std::vector<int64_t>>& m_imagesOfCommit;
    std::vector<uint32_t> m_stamps;
    uint32_t m_stamp = 0;
};

void appendUnique(std::vector<size_t>& values, size_t value) {
    if (values.empty() || values.back() != value) { // commits arrive in order: duplicates are adjacent
        values.push_back(value);
    }
}

} // namespace

Result<TaxonomyCoverage> taxonomyCoverage(const Taxonomy& taxonomy, CurationLog& log,
                                          const std::string& branch) {
    SqliteReadTransaction snapshot(log.database()); // status, graph and images as of one moment
    if (!snapshot.began()) {
        return makeError(snapshot.began().error());
    }
    auto status = log.status(branch);
    if (!status) {
        return status.takeError();
    }
    auto graph = curationdetail::loadHistory(log.database());
    if (!graph) {
        return graph.takeError();
    }
    std::unordered_map<std::string, int64_t> seqOfCommit;
    for (const HistoryCommit& commit : graph->commits()) {
        seqOfCommit.emplace(commit.info.id, commit.info.seq);
    }

    TaxonomyCoverage coverage;
    coverage.branch = status->branch;
    coverage.datasetImages = status->distinctImages;
    coverage.liveCommits = status->liveCommits.size();

    // The taxonomy's nodes, and attributes by normalised name (two groups may share a name).
    std::unordered_map<std::string, std::vector<size_t>> attributesByName;
    std::vector<size_t> categoryOfAttribute;
    std::vector<size_t> groupOfCategory;
    for (const TaxonomyGroup& group : taxonomy.groups()) {
        coverage.groups.push_back({group.name, 0, 0, {}});
        for (const TaxonomyCategory& category : group.categories) {
            coverage.categories.push_back({group.name, category.name, category.attributes.size(), 0, {}});
            groupOfCategory.push_back(coverage.groups.size() - 1);
            coverage.groups.back().attributes += category.attributes.size();
            for (const TaxonomyAttribute& attribute : category.attributes) {
                attributesByName[Taxonomy::normalizedName(attribute.name)].push_back(
                    coverage.attributes.size());
                coverage.attributes.push_back(
                    {group.name, category.name, attribute.name, attribute.description, {}});
                categoryOfAttribute.push_back(coverage.categories.size() - 1);
            }
        }
    }

    // Which attributes each live commit belongs to.
    std::vector<std::vector<size_t>> commitsOfAttribute(coverage.attributes.size());
    std::vector<std::vector<size_t>> commitsOfCategory(coverage.categories.size());
    std::vector<std::vector<size_t>> commitsOfGroup(coverage.groups.size());
    std::vector<size_t> unmatchedCommits;
    std::unordered_map<int64_t, size_t> commitOfSeq;
    for (size_t c = 0; c < status->liveCommits.size(); ++c) {
        const StatusCommit& commit = status->liveCommits[c];
        const auto seq = seqOfCommit.find(commit.id);
        if (seq == seqOfCommit.end()) {
            return makeError("taxonomy coverage: live commit " + shortId(commit.id) + " is not in the log");
        }
        commitOfSeq.emplace(seq->second, c);

        std::vector<std::string> labels = commit.tags;
        if (labels.empty() && !commit.query.empty()) {
            labels.push_back(commit.query);
        }
        std::vector<size_t> matched;
        for (const std::string& label : labels) {
            const auto found = attributesByName.find(Taxonomy::normalizedName(label));
            if (found != attributesByName.end()) {
                matched.insert(matched.end(), found->second.begin(), found->second.end());
            }
        }
        if (matched.empty()) {
            unmatchedCommits.push_back(c);
            for (const std::string& label : labels) {
                if (std::find(coverage.unmatchedLabels.begin(), coverage.unmatchedLabels.end(), label) ==
                    coverage.unmatchedLabels.end()) {
                    coverage.unmatchedLabels.push_back(label);
                }
            }
            continue;
        }
        std::sort(matched.begin(), matched.end());
        matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
        for (size_t attribute : matched) {
            const size_t category = categoryOfAttribute[attribute];
            appendUnique(commitsOfAttribute[attribute], c);
            appendUnique(commitsOfCategory[category], c);
            appendUnique(commitsOfGroup[groupOfCategory[category]], c);
        }
    }

    // The images the live commits hold in the dataset: one packed blob per commit.
    auto maxKey = log.database().queryInt("SELECT coalesce(max(image_key), 0) FROM images");
    if (!maxKey) {
        return maxKey.takeError();
    }
    std::vector<std::vector<int64_t>> imagesOfCommit(status->liveCommits.size());
    const HistoryBranch* branchInfo = graph->branch(status->branch);
    Status read = curationdetail::forEachLiveImageRow(
        log.database(), *graph, branchInfo ? branchInfo->head : std::string(),
        [&](int64_t seq, int64_t key, int64_t) { imagesOfCommit[commitOfSeq.at(seq)].push_back(key); });
    if (!read) {
        return read.takeError();
    }

    DistinctCounter counter(imagesOfCommit, size_t(*maxKey) + 1);
    for (size_t a = 0; a < coverage.attributes.size(); ++a) {
        coverage.attributes[a].count = counter.count(commitsOfAttribute[a]);
        if (coverage.attributes[a].count.images == 0) {
            const size_t category = categoryOfAttribute[a];
            ++coverage.categories[category].gaps;
            ++coverage.groups[groupOfCategory[category]].gaps;
        }
    }
    for (size_t c = 0; c < coverage.categories.size(); ++c) {
        coverage.categories[c].count = counter.count(commitsOfCategory[c]);
    }
    for (size_t g = 0; g < coverage.groups.size(); ++g) {
        coverage.groups[g].count = counter.count(commitsOfGroup[g]);
    }
    coverage.unmatched = counter.count(unmatchedCommits);
    return coverage;
}

Result<Taxonomy> settingsTaxonomy(const std::string& workspaceDirectory, const std::string& overrideFile) {
    if (!overrideFile.empty()) {
        return workspaceTaxonomy(workspaceDirectory, overrideFile);
    }
    auto settings = WorkspaceSettings::load(workspaceDirectory);
    if (!settings) {
        return settings.takeError();
    }
    return workspaceTaxonomy(workspaceDirectory, settings->taxonomy);
}

Result<Taxonomy> workspaceTaxonomy(const std::string& workspaceDirectory, const std::string& file) {
    if (file.empty()) {
        return Taxonomy::parse(resources::classesJson(), "classes.json (built in)");
    }
    const std::filesystem::path given(file);
    const std::filesystem::path inWorkspace = std::filesystem::path(workspaceDirectory) / given;
    const bool fromWorkspace = given.is_relative() && std::filesystem::exists(inWorkspace);
    return Taxonomy::loadFile(fromWorkspace ? inWorkspace.string() : given.string());
}

} // namespace curator
