// Import of a dataset.json, step one: parse the file into a plan, validating every field and the commit
// graph it describes (curationimportapply.cpp applies the plan).

#include "dataset/curationimport.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/utf8text.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace curator {
namespace curationdetail {

namespace {

using ordered_json = nlohmann::ordered_json;

// Imported original-format commits say who made them as far as we know: the original's agent.
constexpr const char* kOriginalAuthor = "agent:original-system";

std::string fileNameOf(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool isStringArray(const ordered_json& value) {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const ordered_json& item) { return item.is_string(); });
}

// Checks one commit entry's fields; messages name the commit, its position and the field.
class EntryChecker {
public:
    EntryChecker(const std::string& file, const std::string& id, size_t position, const ordered_json& entry)
        : m_where(file + ": commit '" + id + "' (entry " + std::to_string(position + 1) + ")")
        , m_entry(entry) {}

    Status require(const char* field, const char* expected) {
        const auto it = m_entry.find(field);
        if (it == m_entry.end()) {
            return makeError(m_where + ": missing field '" + field + "'");
        }
        return check(field, *it, expected);
    }
    Status optional(const char* field, const char* expected) {
        const auto it = m_entry.find(field);
        if (it == m_entry.end() || it->is_null()) {
            return {};
        }
        return check(field, *it, expected);
    }
    Error fail(const std::string& what) const { return makeError(m_where + ": " + what); }

private:
    Status check(const char* field, const ordered_json& value, const std::string& expected) const {
        bool ok = false;
        if (expected == "a string") {
            ok = value.is_string();
        } else if (expected == "a number") {
            ok = value.is_number();
        } else if (expected == "a list of strings") {
            ok = isStringArray(value);
        } else if (expected == "a non-negative integer") {
            ok = value.is_number_unsigned() || (value.is_number_integer() && value.get<int64_t>() >= 0);
        } else if (expected == "an object") {
            ok = value.is_object();
        } else if (expected == "a list") {
            ok = value.is_array();
        } else if (expected == "a string or null") {
            ok = value.is_string() || value.is_null();
        }
        if (!ok) {
            return makeError(m_where + ": field '" + field + "' must be " + expected + ", found " +
                             std::string(value.type_name()));
        }
        return {};
    }

    std::string m_where;
    const ordered_json& m_entry;
};

Status checkOriginalEntry(const std::string& file, const std::string& id, size_t position,
                          const ordered_json& entry) {
    EntryChecker checker(file, id, position, entry);
    if (!entry.is_object()) {
        return checker.fail(std::string("must be an object, found ") + entry.type_name());
    }
    const std::pair<const char*, const char*> fields[] = {
        {"query", "a string"},
        {"dataset", "a string"},
        {"threshold", "a number"},
        {"negative_prompts", "a list of strings"},
        {"negative_threshold", "a number"},
        {"message", "a string"},
        {"images", "a list of strings"},
        {"size", "a non-negative integer"},
    };
    for (const auto& [field, expected] : fields) {
        Status status = checker.require(field, expected);
        if (!status) {
            return status;
        }
    }
    if (entry["dataset"].get<std::string>().empty()) {
        return checker.fail("field 'dataset' must name a source, found an empty string");
    }
    if (entry["size"].get<uint64_t>() != entry["images"].size()) {
        return checker.fail("field 'size' is " + std::to_string(entry["size"].get<uint64_t>()) +
                            " but 'images' holds " + std::to_string(entry["images"].size()) + " entries");
    }
    size_t index = 0;
    for (const ordered_json& path : entry["images"]) {
        if (fileNameOf(path.get<std::string>()).empty()) {
            return checker.fail("field 'images' entry " + std::to_string(index) + " ('" +
                                path.get<std::string>() + "') has no file name");
        }
        ++index;
    }
    return {};
}

std::optional<double> numberField(const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    if (it == entry.end() || !it->is_number()) {
        return std::nullopt;
    }
    return it->get<double>();
}

std::string stringField(const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string arrayField(const ordered_json& entry, const char* field) {
    const auto it = entry.find(field);
    return it != entry.end() && it->is_array() ? it->dump() : std::string("[]");
}

// Where a file nests deeper than kMaxJsonDepth, in the words of the import: the commit and its field when
// the excess lies inside a commit entry of either format.
Error nestingError(const std::string& file, std::string_view text, const JsonNestingExcess& excess) {
    const std::string limit = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels (at " +
                              describeJsonPath(excess.path) + ", line " + std::to_string(excess.line) + ")";
    const std::vector<JsonPathStep>& path = excess.path;
    if (path.size() >= 3 && path[0].inObject && path[0].key == "commits" && !path[1].inObject &&
        path[2].inObject) {
        // Ours: the id may follow the deep field, so it is read from a copy that keeps only 3 levels (the
        // callback parser keeps its own stack: nothing recursive runs on the deep part).
        const ordered_json shallow = ordered_json::parse(
            text, [](int depth, ordered_json::parse_event_t, ordered_json&) { return depth <= 3; }, false);
        std::string id;
        if (shallow.is_object() && shallow.contains("commits") && shallow["commits"].is_array() &&
            path[1].index < shallow["commits"].size()) {
            const ordered_json& entry = shallow["commits"][path[1].index];
            id = entry.is_object() ? stringField(entry, "id") : std::string();
        }
        return makeError(file + ": commit '" + snippetOf(id, 64) + "' (entry " +
                         std::to_string(path[1].index + 1) + "): field '" + snippetOf(path[2].key, 64) +
                         "' is " + limit);
    }
    if (path.size() >= 2 && path[0].inObject && path[1].inObject) {
        return makeError(file + ": commit '" + snippetOf(path[0].key, 64) + "' (entry " +
                         std::to_string(path[0].index + 1) + "): field '" + snippetOf(path[1].key, 64) +
                         "' is " + limit);
    }
    return makeError(file + ": " + limit);
}

// The original's format is one object keyed by commit id: a repeated key would silently replace the
// first entry, so the parser's callback notes every top-level key (the callback parser reports them at
// depth 1) and the first repeat is refused.
class RepeatedIdFinder {
public:
    bool operator()(int depth, ordered_json::parse_event_t event, const ordered_json& parsed) {
        if (depth == 1 && event == ordered_json::parse_event_t::key && !m_repeat && parsed.is_string()) {
            const std::string& key = parsed.get_ref<const std::string&>();
            const auto [it, inserted] = m_positions.emplace(key, m_positions.size());
            if (!inserted) {
                m_repeat = {key, it->second, m_positions.size()};
            }
        }
        return true;
    }
    struct Repeat {
        std::string id;
        size_t first = 0;
        size_t second = 0;
    };
    const std::optional<Repeat>& repeat() const { return m_repeat; }

private:
    std::unordered_map<std::string, size_t> m_positions;
    std::optional<Repeat> m_repeat;
};

Result<ordered_json> parseJsonFile(const std::string& file) {
    CURATOR_TRY(const std::string text, readWholeFile(file, kMaxDatasetFileBytes));
    // Checked before parsing: copying or dumping a deeper value would recurse once per level.
    if (const std::optional<JsonNestingExcess> excess = findNestingBeyond(text, kMaxJsonDepth)) {
        return nestingError(file, text, *excess);
    }
    auto finder = std::make_shared<RepeatedIdFinder>();
    ordered_json document;
    try {
        document = ordered_json::parse(
            text, [finder](int depth, ordered_json::parse_event_t event, ordered_json& parsed) {
                return (*finder)(depth, event, parsed);
            });
    } catch (const std::exception& error) {
        return makeError(file + ": not valid JSON (truncated or corrupt?): " + snippetOf(error.what(), 300));
    }
    if (const auto& repeat = finder->repeat()) {
        const std::string positions = " (entries " + std::to_string(repeat->first + 1) + " and " +
                                      std::to_string(repeat->second + 1) + ")";
        if (document.is_object() && document.contains("format")) {
            return makeError(file + ": top-level field '" + snippetOf(repeat->id, 80) + "' appears twice" +
                             positions);
        }
        return makeError(file + ": commit id '" + snippetOf(repeat->id, 80) + "' appears twice" + positions +
                         ": each commit needs its own id, and the later entry would replace the first");
    }
    return document;
}

// ---- our format ----

Status checkOurEntryFields(EntryChecker& checker, const ordered_json& entry) {
    const std::pair<const char*, const char*> required[] = {
        {"images", "a list of strings"}, {"size", "a non-negative integer"}, {"image_ids", "a list"},
        {"author", "a string"},          {"created_at", "a string"},         {"message", "a string"}};
    for (const auto& [field, expected] : required) {
        CURATOR_TRY_STATUS(checker.require(field, expected));
    }
    const std::pair<const char*, const char*> optional[] = {{"query", "a string"},
                                                            {"dataset", "a string"},
                                                            {"negative_prompts", "a list of strings"},
                                                            {"threshold", "a number"},
                                                            {"negative_threshold", "a number"},
                                                            {"parent", "a string or null"},
                                                            {"second_parent", "a string or null"},
                                                            {"reverts", "a string or null"},
                                                            {"tags", "a list of strings"},
                                                            {"sources", "a list of strings"},
                                                            {"embedding_model", "a string"},
                                                            {"query_vector_sha256", "a string"},
                                                            {"branch", "a string"},
                                                            {"original", "an object"}};
    for (const auto& [field, expected] : optional) {
        CURATOR_TRY_STATUS(checker.optional(field, expected));
    }
    const ordered_json& ids = entry["image_ids"];
    if (ids.size() != entry["images"].size() || entry["size"].get<uint64_t>() != ids.size()) {
        return checker.fail("fields 'images', 'image_ids' and 'size' disagree on the number of images");
    }
    for (size_t i = 0; i < ids.size(); ++i) {
        if (!isStringArray(ids[i]) || ids[i].size() != 2 || ids[i][0].get<std::string>().empty() ||
            ids[i][1].get<std::string>().empty()) {
            return checker.fail("field 'image_ids' entry " + std::to_string(i) +
                                " must be [source, name] with two non-empty strings");
        }
    }
    return {};
}

Result<ImportedCommit> parseOurCommit(const std::string& file, size_t position, const ordered_json& entry,
                                      std::set<std::string>& seen) {
    const std::string id = entry.is_object() ? stringField(entry, "id") : std::string();
    EntryChecker checker(file, id, position, entry);
    if (!entry.is_object()) {
        return checker.fail(std::string("must be an object, found ") + entry.type_name());
    }
    if (id.empty()) {
        return checker.fail("field 'id' must be a non-empty string");
    }
    if (!seen.insert(id).second) {
        return checker.fail("the id appears twice in the file");
    }
    const std::optional<CommitKind> kind = parseCommitKind(stringField(entry, "kind"));
    if (!kind) {
        const auto found = entry.find("kind");
        return checker.fail("field 'kind' must be 'commit', 'revert' or 'merge', found " +
                            (found == entry.end() ? std::string("nothing") : found->dump()));
    }
    CURATOR_TRY_STATUS(checkOurEntryFields(checker, entry));
    if (*kind == CommitKind::Revert && stringField(entry, "reverts").empty()) {
        return checker.fail("a revert needs field 'reverts' (the commit it reverts)");
    }
    ImportedCommit commit;
    commit.position = position;
    CommitRow& row = commit.row;
    row.id = id;
    row.kind = *kind;
    row.branch = stringField(entry, "branch");
    row.parent = stringField(entry, "parent");
    row.secondParent = stringField(entry, "second_parent");
    row.target = stringField(entry, "reverts");
    row.query = stringField(entry, "query");
    row.queryVectorSha256 = stringField(entry, "query_vector_sha256");
    row.embeddingModel = stringField(entry, "embedding_model");
    row.threshold = numberField(entry, "threshold");
    row.negativePromptsJson = arrayField(entry, "negative_prompts");
    row.negativeThreshold = numberField(entry, "negative_threshold");
    row.sourcesJson = arrayField(entry, "sources");
    row.dataset = stringField(entry, "dataset");
    row.message = stringField(entry, "message");
    row.author = stringField(entry, "author");
    row.createdAt = stringField(entry, "created_at");
    row.tagsJson = arrayField(entry, "tags");
    const auto original = entry.find("original");
    if (original != entry.end() && original->is_object()) {
        row.originalJson = dumpJson(*original, -1, false);
    }
    const ordered_json& paths = entry["images"];
    const ordered_json& ids = entry["image_ids"];
    for (size_t i = 0; i < ids.size(); ++i) {
        commit.images.push_back(
            {ids[i][0].get<std::string>(), ids[i][1].get<std::string>(), paths[i].get<std::string>()});
    }
    row.size = commit.images.size();
    return commit;
}

Status parseOurFormat(const std::string& file, const ordered_json& document, ImportPlan& plan) {
    if (document["format"] != kOurDatasetFormat) {
        return makeError(file + ": field 'format' is '" + document["format"].get<std::string>() +
                         "', expected '" + kOurDatasetFormat + "'");
    }
    const auto version = document.find("format_version");
    if (version == document.end() || !version->is_number_integer() || version->get<int64_t>() < 1) {
        return makeError(file + ": field 'format_version' must be a positive integer");
    }
    if (version->get<int64_t>() > kOurDatasetFormatVersion) {
        return makeError(file + ": written by a newer version (format_version " +
                         std::to_string(version->get<int64_t>()) + ", this program reads up to " +
                         std::to_string(kOurDatasetFormatVersion) + ")");
    }
    const auto list = document.find("commits");
    if (list == document.end() || !list->is_array()) {
        return makeError(file + ": field 'commits' must be a list");
    }
    const auto images = document.find("images");
    if (images == document.end() || !images->is_array()) {
        return makeError(file + ": field 'images' must be a list");
    }
    std::set<std::string> seen;
    for (size_t position = 0; position < list->size(); ++position) {
        CURATOR_TRY(ImportedCommit commit, parseOurCommit(file, position, (*list)[position], seen));
        plan.commits.push_back(std::move(commit));
    }
    for (size_t i = 0; i < images->size(); ++i) {
        const ordered_json& image = (*images)[i];
        if (!image.is_object() || stringField(image, "source").empty() ||
            stringField(image, "name").empty()) {
            return makeError(file + ": field 'images' entry " + std::to_string(i) +
                             " must be an object with non-empty 'source' and 'name'");
        }
        const auto resolved = image.find("resolved");
        if (resolved != image.end() && resolved->is_boolean() && !resolved->get<bool>()) {
            continue; // unresolved there: stays unresolved here (the commits name it)
        }
        CatalogImage catalogImage{stringField(image, "source"),
                                  stringField(image, "name"),
                                  stringField(image, "path"),
                                  stringField(image, "caption"),
                                  0,
                                  0,
                                  true};
        const auto width = image.find("width");
        const auto height = image.find("height");
        if (width != image.end() && width->is_number_integer()) {
            catalogImage.width = width->get<int64_t>();
        }
        if (height != image.end() && height->is_number_integer()) {
            catalogImage.height = height->get<int64_t>();
        }
        plan.catalogImages.push_back(std::move(catalogImage));
    }
    return {};
}

// ---- the original's format ----

Status parseOriginalFormat(const std::string& file, const ordered_json& document, ImportPlan& plan) {
    size_t position = 0;
    std::string previous; // each commit's parent is the one before it in the file
    for (auto it = document.begin(); it != document.end(); ++it, ++position) {
        if (it.key().empty()) {
            return makeError(file + ": entry " + std::to_string(position + 1) + " has an empty commit id");
        }
        const ordered_json& entry = it.value();
        CURATOR_TRY_STATUS(checkOriginalEntry(file, it.key(), position, entry));
        ImportedCommit commit;
        commit.position = position;
        CommitRow& row = commit.row;
        const std::string dataset = entry["dataset"].get<std::string>();
        row.id = it.key();
        row.kind = CommitKind::Commit;
        row.parent = previous;
        row.query = entry["query"].get<std::string>();
        row.threshold = entry["threshold"].get<double>();
        row.negativePromptsJson = entry["negative_prompts"].dump();
        row.negativeThreshold = entry["negative_threshold"].get<double>();
        row.sourcesJson = ordered_json::array({dataset}).dump();
        row.dataset = dataset;
        row.message = entry["message"].get<std::string>();
        row.author = kOriginalAuthor;
        commit.stampedAtImport = true;
        // Kept as read, minus the (large) image list, which lives in commit_images.
        ordered_json kept = entry;
        kept["images"] = ordered_json::array();
        row.originalJson = dumpJson(kept, -1, false);
        for (const ordered_json& path : entry["images"]) {
            commit.images.push_back({dataset, fileNameOf(path.get<std::string>()), path.get<std::string>()});
        }
        row.size = commit.images.size();
        previous = row.id;
        plan.commits.push_back(std::move(commit));
    }
    return {};
}

// The links a commit makes to other commits of the file, in the words of its fields.
struct CommitLink {
    const char* field;
    const std::string& target;
};

// Follows parent links inside the file from `from`; the commits leading back to `to`, or nothing.
std::vector<size_t> parentPathBetween(const ImportPlan& plan,
                                      const std::unordered_map<std::string, size_t>& index, size_t from,
                                      size_t to) {
    std::unordered_map<size_t, size_t> reachedFrom{{from, from}};
    std::vector<size_t> pending{from};
    while (!pending.empty()) {
        const size_t current = pending.back();
        pending.pop_back();
        if (current == to) {
            std::vector<size_t> path{to};
            for (size_t step = to; step != from;) {
                step = reachedFrom[step];
                path.push_back(step);
            }
            return {path.rbegin(), path.rend()};
        }
        const CommitRow& row = plan.commits[current].row;
        for (const std::string* parent : {&row.parent, &row.secondParent}) {
            const auto found = index.find(*parent);
            if (found != index.end() && reachedFrom.emplace(found->second, current).second) {
                pending.push_back(found->second);
            }
        }
    }
    return {};
}

// Every link to another commit of the file must name an earlier entry, as our exports list them: a
// commit that is its own parent, or parents in a cycle, would otherwise become a head whose history is
// not main's, and a later parent cannot be written before its child exists.
Status checkLinksPointBackwards(const ImportPlan& plan) {
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < plan.commits.size(); ++i) {
        index.emplace(plan.commits[i].row.id, i);
    }
    for (size_t i = 0; i < plan.commits.size(); ++i) {
        const CommitRow& row = plan.commits[i].row;
        const std::string where = plan.file + ": commit '" + row.id + "' (entry " +
                                  std::to_string(plan.commits[i].position + 1) + "): field '";
        for (const CommitLink link :
             {CommitLink{"parent", row.parent}, CommitLink{"second_parent", row.secondParent},
              CommitLink{"reverts", row.target}}) {
            const auto found = index.find(link.target);
            if (found == index.end() || found->second < i) {
                continue; // outside the file (checked against the workspace when applied), or earlier
            }
            const bool isReverts = link.field == std::string("reverts");
            if (found->second == i) {
                return makeError(where + link.field + "' names the commit itself" +
                                 (isReverts ? std::string(": a commit cannot revert itself")
                                            : std::string(": a commit cannot be its own parent (a cycle)")));
            }
            const std::string later = "' names commit '" + link.target + "' (entry " +
                                      std::to_string(plan.commits[found->second].position + 1) + ")";
            if (!isReverts) {
                const std::vector<size_t> cycle = parentPathBetween(plan, index, found->second, i);
                if (!cycle.empty()) {
                    std::string chain = row.id;
                    for (size_t step : cycle) {
                        chain += " -> " + plan.commits[step].row.id;
                    }
                    return makeError(where + link.field + later +
                                     ", whose parents lead back to it: the parent " + "links form a cycle (" +
                                     chain + ")");
                }
            }
            return makeError(where + link.field + later + ", which comes later in the file: " +
                             (isReverts ? "a revert must follow the commit it reverts"
                                        : "parents must be listed before their children"));
        }
    }
    return {};
}

} // namespace

Result<ImportPlan> parseImportFile(const std::string& file) {
    CURATOR_TRY(const ordered_json document, parseJsonFile(file));
    if (!document.is_object()) {
        return makeError(
            file + ": the top level must be a JSON object (commit id -> commit, or our format), found " +
            std::string(document.type_name()));
    }
    ImportPlan plan;
    plan.file = file;
    const bool ours = document.contains("format") && document["format"].is_string();
    plan.format = ours ? "curator" : "original";
    CURATOR_TRY_STATUS(ours ? parseOurFormat(file, document, plan)
                            : parseOriginalFormat(file, document, plan));
    CURATOR_TRY_STATUS(checkLinksPointBackwards(plan));
    return plan;
}

} // namespace curationdetail
} // namespace curator
