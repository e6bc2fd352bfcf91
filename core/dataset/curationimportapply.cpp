// Import of a dataset.json, step two: apply a parsed plan to the workspace in one transaction
// (curationimport.cpp parses the file into the plan).

#include "dataset/curationimport.h"

#include <nlohmann/json.hpp>

#include <set>
#include <unordered_set>

namespace curator {
namespace curationdetail {

namespace {

// How many images the report names that the catalog does not know.
constexpr size_t kUnknownSampleSize = 10;

// What the workspace must allow before anything is written: an open checked-out branch, no commit id
// it already has, revert targets it or the file knows.
Status checkPlanAgainstWorkspace(const ImportPlan& plan, const HistoryGraph& graph,
                                 const std::set<std::string>& inFile) {
    const HistoryBranch* branch = graph.branch(graph.checkedOut());
    if (!branch || branch->state != BranchState::Open) {
        return makeError("import: the checked-out branch '" + graph.checkedOut() + "' is not open");
    }
    std::vector<std::string> clashes;
    for (const ImportedCommit& commit : plan.commits) {
        if (graph.contains(commit.row.id)) {
            clashes.push_back(commit.row.id);
        }
    }
    if (!clashes.empty()) {
        std::string list;
        for (size_t i = 0; i < clashes.size() && i < 5; ++i) {
            list += (i ? ", " : "") + clashes[i];
        }
        return makeError(plan.file + ": " + std::to_string(clashes.size()) +
                         " commit id(s) already exist in this workspace (" + list +
                         (clashes.size() > 5 ? ", ..." : "") + "); nothing was imported");
    }
    for (const ImportedCommit& commit : plan.commits) {
        const std::string& target = commit.row.target;
        if (!target.empty() && !inFile.count(target) && !graph.contains(target)) {
            return makeError(plan.file + ": commit '" + commit.row.id + "' (entry " +
                             std::to_string(commit.position + 1) + "): field 'reverts' names commit '" +
                             target + "', which is neither in the file nor in the workspace");
        }
    }
    return {};
}

// Writes the plan's commits and their image entries; fills the report's counts.
class ImportWriter {
public:
    ImportWriter(SqliteDatabase& database, const ImportPlan& plan, ImportReport& report)
        : m_database(database)
        , m_plan(plan)
        , m_report(report)
        , m_keys(database)
        , m_entries(database) {}

    Status prepare() {
        CURATOR_TRY_STATUS(m_keys.prepare());
        return m_entries.prepare();
    }

    Status writeCatalogImages() {
        for (const CatalogImage& image : m_plan.catalogImages) {
            CURATOR_TRY(const int64_t source, m_keys.sourceKey(image.source));
            CURATOR_TRY_STATUS(m_keys.keyForCatalogImage(source, image, false));
        }
        return {};
    }

    Status writeCommit(const ImportedCommit& commit, const CommitRow& row) {
        Result<int64_t> seq = insertCommitRow(m_database, row);
        if (!seq) {
            return makeError(m_plan.file + ": commit '" + row.id + "': " + seq.error());
        }
        m_entries.begin(*seq);
        // Original path strings are kept exactly for commits that came from the original's format.
        const bool keepPaths = !row.originalJson.empty();
        for (const ImportedImage& image : commit.images) {
            CURATOR_TRY(const int64_t source, m_keys.sourceKey(image.source));
            bool wasUnknown = false;
            CURATOR_TRY(const int64_t key,
                        m_keys.keyForNamedImage(source, image.name, image.path, &wasUnknown));
            m_distinct.insert(key);
            if (wasUnknown && m_unknown.insert(key).second &&
                m_report.unknownSample.size() < kUnknownSampleSize) {
                m_report.unknownSample.push_back(image.source + "/" + image.name);
            }
            CURATOR_TRY_STATUS(m_entries.add(
                key, source, keepPaths ? std::optional<std::string_view>(image.path) : std::nullopt));
        }
        CURATOR_TRY_STATUS(m_entries.finish());
        m_report.entries += commit.images.size();
        ++m_report.imported;
        return {};
    }

    void finishReport() {
        m_report.distinctImages = m_distinct.size();
        m_report.unknownImages = m_unknown.size();
    }

private:
    SqliteDatabase& m_database;
    const ImportPlan& m_plan;
    ImportReport& m_report;
    ImageKeyWriter m_keys;
    CommitImageWriter m_entries;
    std::unordered_set<int64_t> m_distinct;
    std::unordered_set<int64_t> m_unknown;
};

} // namespace

Result<ImportReport> applyImportPlan(SqliteDatabase& database, const ImportPlan& plan) {
    SqliteTransaction transaction(database);
    CURATOR_TRY_STATUS(transaction.began());
    CURATOR_TRY(const HistoryGraph graph, loadHistory(database));
    std::set<std::string> inFile;
    for (const ImportedCommit& commit : plan.commits) {
        inFile.insert(commit.row.id);
    }
    CURATOR_TRY_STATUS(checkPlanAgainstWorkspace(plan, graph, inFile));
    const std::string& checkedOut = graph.checkedOut();
    const std::string head = graph.branch(checkedOut)->head;

    ImportReport report;
    report.format = plan.format;
    ImportWriter writer(database, plan, report);
    CURATOR_TRY_STATUS(writer.prepare());
    CURATOR_TRY_STATUS(writer.writeCatalogImages());
    const std::string importedAt = utcTimestamp();
    for (const ImportedCommit& commit : plan.commits) {
        CommitRow row = commit.row;
        if (row.branch.empty()) {
            row.branch = checkedOut;
        }
        // Parents outside the file (the root) attach to the branch being imported onto.
        row.parent = inFile.count(row.parent) ? row.parent : head;
        row.secondParent = inFile.count(row.secondParent) ? row.secondParent : std::string();
        if (commit.stampedAtImport) {
            row.createdAt = importedAt;
        }
        CURATOR_TRY_STATUS(writer.writeCommit(commit, row));
    }
    if (!plan.commits.empty()) {
        CURATOR_TRY_STATUS(moveHead(database, checkedOut, plan.commits.back().row.id));
    }
    CURATOR_TRY_STATUS(transaction.commit());
    writer.finishReport();
    return report;
}

} // namespace curationdetail

Result<ImportReport> CurationLog::importDataset(const std::string& file) {
    CURATOR_TRY(const curationdetail::ImportPlan plan, curationdetail::parseImportFile(file));
    return curationdetail::applyImportPlan(m_database, plan);
}

std::string importReportToJson(const ImportReport& report) {
    const nlohmann::json value = {{"imported", report.imported},
                                  {"entries", report.entries},
                                  {"distinct_images", report.distinctImages},
                                  {"unknown_images", report.unknownImages},
                                  {"unknown_sample", report.unknownSample},
                                  {"format", report.format}};
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace curator
