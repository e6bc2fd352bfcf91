// The curation log's image catalog: image and source rows, the packed image lists of commits, which
// images a set of commits holds, and the catalog views (commit images, dataset images, samples).

#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"
#include "search/searchoperations.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace curator {

namespace {

CatalogImage readCatalogImage(const SqliteStatement& row, int first) {
    return {row.columnText(first),        row.columnText(first + 1), row.columnText(first + 2),
            row.columnText(first + 3),    row.columnInt(first + 4),  row.columnInt(first + 5),
            row.columnInt(first + 6) != 0};
}

} // namespace

std::optional<ImageRef> parseImageRef(const std::string& text) {
    const size_t slash = text.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) {
        return std::nullopt;
    }
    return ImageRef{text.substr(0, slash), text.substr(slash + 1)};
}

namespace curationdetail {

std::string packImage(int64_t imageKey, int64_t sourceKey) {
    const uint64_t packed = uint64_t(imageKey) | (uint64_t(sourceKey) << kPackedSourceShift);
    std::string bytes(8, '\0');
    for (size_t i = 0; i < 8; ++i) {
        bytes[i] = char(uint8_t(packed >> (8 * i)));
    }
    return bytes;
}

Status storePackedImages(SqliteDatabase& database, int64_t seq, const std::string& packed) {
    return database.execute("UPDATE commits SET packed_images = ?2 WHERE seq = ?1",
                            {seq, SqlValue::blob(packed)});
}

Status forEachImageRow(SqliteDatabase& database, const std::vector<int64_t>& seqs,
                       const std::function<void(int64_t, int64_t, int64_t)>& visit) {
    // The packed copy: one blob per commit instead of a row per image (status reads a million in ms).
    CURATOR_TRY(SqliteStatement statement,
                database.prepare("SELECT packed_images FROM commits WHERE seq = ?1"));
    constexpr uint64_t keyMask = (uint64_t(1) << kPackedSourceShift) - 1;
    for (int64_t seq : seqs) {
        statement.bindInt(1, seq);
        CURATOR_TRY_STATUS(statement.forEachRow([&](const SqliteStatement& row) {
            const std::string_view bytes = row.columnBlobView(0);
            const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
            for (size_t offset = 0; offset + 8 <= bytes.size(); offset += 8) {
                uint64_t packed = 0;
                for (size_t i = 0; i < 8; ++i) {
                    packed |= uint64_t(data[offset + i]) << (8 * i);
                }
                visit(seq, int64_t(packed & keyMask), int64_t(packed >> kPackedSourceShift));
            }
        }));
    }
    return {};
}

Status CommitImageWriter::prepare() {
    CURATOR_TRY(m_insert,
                m_database.prepare("INSERT INTO commit_images(commit_seq, position, image_key, source_key, "
                                   "original_path) VALUES(?1, ?2, ?3, ?4, ?5)"));
    return {};
}

void CommitImageWriter::begin(int64_t seq) {
    m_seq = seq;
    m_position = 0;
    m_packed.clear();
}

Status CommitImageWriter::add(int64_t imageKey, int64_t sourceKey,
                              std::optional<std::string_view> originalPath) {
    m_insert.bindAll(
        {m_seq, m_position, imageKey, sourceKey, originalPath ? SqlValue(*originalPath) : SqlValue(nullptr)});
    CURATOR_TRY_STATUS(m_insert.run());
    ++m_position;
    m_packed += packImage(imageKey, sourceKey);
    return {};
}

Status CommitImageWriter::finish() {
    return storePackedImages(m_database, m_seq, m_packed);
}

Result<RemovedImages> removedImages(SqliteDatabase& database, const HistoryGraph& graph,
                                    const std::string& headId) {
    RemovedImages removed;
    for (const HistoryGraph::Removal& removal : graph.liveRemovals(headId)) {
        const int64_t target = graph.commits()[removal.target].info.seq;
        CURATOR_TRY_STATUS(
            forEachImageRow(database, {graph.commits()[removal.revert].info.seq},
                            [&](int64_t, int64_t key, int64_t) { removed[target].push_back(key); }));
    }
    for (auto& [seq, keys] : removed) {
        std::sort(keys.begin(), keys.end());
    }
    return removed;
}

bool isRemoved(const RemovedImages& removed, int64_t seq, int64_t imageKey) {
    const auto found = removed.find(seq);
    return found != removed.end() && std::binary_search(found->second.begin(), found->second.end(), imageKey);
}

Status forEachLiveImageRow(SqliteDatabase& database, const HistoryGraph& graph, const std::string& headId,
                           const std::function<void(int64_t, int64_t, int64_t)>& visit) {
    if (headId.empty()) {
        return {}; // a branch without commits
    }
    CURATOR_TRY(const RemovedImages removed, removedImages(database, graph, headId));
    if (removed.empty()) {
        return forEachImageRow(database, graph.liveSeqs(headId), visit);
    }
    return forEachImageRow(database, graph.liveSeqs(headId), [&](int64_t seq, int64_t key, int64_t source) {
        if (!isRemoved(removed, seq, key)) {
            visit(seq, key, source);
        }
    });
}

Result<std::vector<char>> liveMembership(SqliteDatabase& database, const HistoryGraph& graph,
                                         const std::string& headId) {
    CURATOR_TRY(const int64_t maxKey, maxImageKey(database));
    std::vector<char> members(size_t(maxKey) + 1, 0);
    CURATOR_TRY_STATUS(forEachLiveImageRow(
        database, graph, headId, [&members](int64_t, int64_t key, int64_t) { members[size_t(key)] = 1; }));
    return members;
}

Status readCommitEntries(SqliteDatabase& database, int64_t seq, const RemovedImages& removed,
                         std::vector<CatalogImage>& images) {
    CURATOR_TRY(SqliteStatement query,
                database.prepare("SELECT c.image_key, s.name, i.name, coalesce(c.original_path, i.path), "
                                 "i.caption, i.width, i.height, i.in_catalog "
                                 "FROM commit_images c JOIN images i ON i.image_key = c.image_key "
                                 "JOIN sources s ON s.source_key = i.source_key WHERE c.commit_seq = ?1 "
                                 "ORDER BY c.position",
                                 {seq}));
    return query.forEachRow([&](const SqliteStatement& row) {
        if (!isRemoved(removed, seq, row.columnInt(0))) {
            images.push_back(readCatalogImage(row, 1));
        }
    });
}

Result<std::vector<std::vector<CatalogImage>>>
liveCommitEntries(SqliteDatabase& database, const HistoryGraph& graph, const std::string& headId) {
    std::vector<std::vector<CatalogImage>> entries;
    if (headId.empty()) {
        return entries;
    }
    CURATOR_TRY(const RemovedImages removed, removedImages(database, graph, headId));
    for (size_t index : graph.liveCommits(headId)) {
        CURATOR_TRY_STATUS(
            readCommitEntries(database, graph.commits()[index].info.seq, removed, entries.emplace_back()));
    }
    return entries;
}

Result<int64_t> maxImageKey(SqliteDatabase& database) {
    return database.queryInt("SELECT coalesce(max(image_key), 0) FROM images");
}

Status ImageKeyWriter::prepare() {
    const std::pair<SqliteStatement*, const char*> statements[] = {
        {&m_findSource, "SELECT source_key FROM sources WHERE name = ?1"},
        {&m_insertSource, "INSERT INTO sources(name) VALUES(?1)"},
        {&m_find, "SELECT image_key, in_catalog FROM images WHERE source_key = ?1 AND name = ?2"},
        {&m_insert, "INSERT INTO images(source_key, name, path, caption, width, height, in_catalog) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&m_update, "UPDATE images SET path = CASE WHEN ?2 <> '' THEN ?2 ELSE path END, "
                    "caption = CASE WHEN ?3 <> '' THEN ?3 ELSE caption END, "
                    "width = CASE WHEN ?4 > 0 THEN ?4 ELSE width END, "
                    "height = CASE WHEN ?5 > 0 THEN ?5 ELSE height END, in_catalog = 1 WHERE image_key = ?1"},
    };
    for (const auto& [target, sql] : statements) {
        CURATOR_TRY(*target, m_database.prepare(sql));
    }
    return {};
}

namespace {

// Binds, runs and resets one of the writer's prepared statements.
Status runPrepared(SqliteStatement& statement, SqlBindings bindings) {
    statement.bindAll(bindings);
    Status status = statement.run();
    statement.reset();
    return status;
}

} // namespace

Result<int64_t> ImageKeyWriter::sourceKey(const std::string& source) {
    const auto cached = m_sourceKeys.find(source);
    if (cached != m_sourceKeys.end()) {
        return cached->second;
    }
    m_findSource.bindText(1, source);
    CURATOR_TRY(const bool found, m_findSource.step());
    int64_t key = found ? m_findSource.columnInt(0) : 0;
    m_findSource.reset();
    if (!found) {
        CURATOR_TRY_STATUS(runPrepared(m_insertSource, {source}));
        key = m_database.lastInsertRowId();
    }
    m_sourceKeys.emplace(source, key);
    return key;
}

Result<std::optional<ImageKeyWriter::Found>> ImageKeyWriter::find(int64_t source, const std::string& name) {
    m_find.bindInt(1, source);
    m_find.bindText(2, name);
    CURATOR_TRY(const bool found, m_find.step());
    std::optional<Found> row;
    if (found) {
        row = Found{m_find.columnInt(0), m_find.columnInt(1) != 0};
    }
    m_find.reset();
    return row;
}

Result<int64_t> ImageKeyWriter::insertImage(int64_t source, const CatalogImage& image) {
    CURATOR_TRY_STATUS(runPrepared(m_insert, {source, image.name, image.path, image.caption, image.width,
                                              image.height, image.inCatalog ? 1 : 0}));
    return m_database.lastInsertRowId();
}

Result<int64_t> ImageKeyWriter::keyForCatalogImage(int64_t source, const CatalogImage& image,
                                                   bool overwrite) {
    CURATOR_TRY(const std::optional<Found> found, find(source, image.name));
    if (!found) {
        CatalogImage known = image;
        known.inCatalog = true;
        return insertImage(source, known);
    }
    if (!found->inCatalog || overwrite) {
        CURATOR_TRY_STATUS(
            runPrepared(m_update, {found->key, image.path, image.caption, image.width, image.height}));
    }
    return found->key;
}

Result<int64_t> ImageKeyWriter::keyForNamedImage(int64_t source, const std::string& name,
                                                 const std::string& path, bool* wasUnknown) {
    CURATOR_TRY(const std::optional<Found> found, find(source, name));
    if (found) {
        *wasUnknown = !found->inCatalog;
        return found->key;
    }
    *wasUnknown = true;
    return insertImage(source, CatalogImage{{}, name, path, "", 0, 0, false});
}

} // namespace curationdetail

Status CurationLog::upsertImages(const std::vector<CatalogImage>& images) {
    SqliteTransaction transaction(m_database);
    CURATOR_TRY_STATUS(transaction.began());
    curationdetail::ImageKeyWriter writer(m_database);
    CURATOR_TRY_STATUS(writer.prepare());
    for (size_t i = 0; i < images.size(); ++i) {
        const CatalogImage& image = images[i];
        if (image.source.empty() || image.name.empty()) {
            return makeError("catalog image " + std::to_string(i) + ": source and name must not be empty");
        }
        CURATOR_TRY(const int64_t source, writer.sourceKey(image.source));
        CURATOR_TRY_STATUS(writer.keyForCatalogImage(source, image, true));
    }
    return transaction.commit();
}

Result<size_t> CurationLog::catalogSize() {
    CURATOR_TRY(const int64_t count, m_database.queryInt("SELECT count(*) FROM images WHERE in_catalog = 1"));
    return size_t(count);
}

Result<std::vector<CatalogImage>> CurationLog::commitImages(const std::string& idOrPrefix) {
    CURATOR_TRY(const CommitInfo info, commitInfo(idOrPrefix));
    CURATOR_TRY(
        SqliteStatement query,
        m_database.prepare("SELECT s.name, i.name, coalesce(c.original_path, i.path), i.caption, i.width, "
                           "i.height, i.in_catalog "
                           "FROM commit_images c JOIN images i ON i.image_key = c.image_key "
                           "JOIN sources s ON s.source_key = i.source_key WHERE c.commit_seq = ?1 "
                           "ORDER BY c.position",
                           {info.seq}));
    std::vector<CatalogImage> images;
    CURATOR_TRY_STATUS(query.forEachRow(
        [&images](const SqliteStatement& row) { images.push_back(readCatalogImage(row, 0)); }));
    return images;
}

Result<std::vector<CatalogImage>> CurationLog::datasetImages(const std::string& branchName) {
    CURATOR_TRY(const std::string branch, curationdetail::resolveBranch(m_database, branchName));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    const HistoryBranch* info = graph.branch(branch);
    if (!info) {
        return makeError("unknown branch '" + branch + "'");
    }
    CURATOR_TRY(const std::vector<char> members,
                curationdetail::liveMembership(m_database, graph, info->head));
    CURATOR_TRY(
        SqliteStatement query,
        m_database.prepare("SELECT i.image_key, s.name, i.name, i.path, i.caption, i.width, i.height, "
                           "i.in_catalog FROM images i JOIN sources s ON s.source_key = i.source_key "
                           "ORDER BY i.image_key"));
    std::vector<CatalogImage> images;
    CURATOR_TRY_STATUS(query.forEachRow([&](const SqliteStatement& row) {
        const size_t key = size_t(row.columnInt(0));
        if (key < members.size() && members[key]) {
            images.push_back(readCatalogImage(row, 1));
        }
    }));
    return images;
}

Result<std::vector<LiveCommitImages>> CurationLog::liveCommitImages(const std::string& branchName) {
    SqliteReadTransaction snapshot(m_database); // the graph and the image rows from one state
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(const std::string branch, curationdetail::resolveBranch(m_database, branchName));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    const HistoryBranch* info = graph.branch(branch);
    if (!info) {
        return makeError("unknown branch '" + branch + "'");
    }
    CURATOR_TRY(std::vector<std::vector<CatalogImage>> entries,
                curationdetail::liveCommitEntries(m_database, graph, info->head));
    std::vector<LiveCommitImages> commits;
    const std::vector<size_t> live =
        info->head.empty() ? std::vector<size_t>{} : graph.liveCommits(info->head);
    for (size_t i = 0; i < live.size(); ++i) {
        commits.push_back({graph.commits()[live[i]].info.id, std::move(entries[i])});
    }
    return commits;
}

Result<std::vector<SampledImage>> CurationLog::sampleFromCommitted(const std::string& commitIdOrPrefix,
                                                                   size_t count, uint64_t seed) {
    std::vector<CatalogImage> population;
    if (commitIdOrPrefix.empty()) {
        CURATOR_TRY(population, datasetImages());
    } else {
        // The commit's images less those removed from it on the checked-out branch (what its dataset holds).
        SqliteReadTransaction snapshot(m_database);
        CURATOR_TRY_STATUS(snapshot.began());
        CURATOR_TRY(const CommitInfo info, commitInfo(commitIdOrPrefix));
        CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
        const HistoryBranch* checkedOut = graph.branch(graph.checkedOut());
        CURATOR_TRY(
            const curationdetail::RemovedImages removed,
            curationdetail::removedImages(m_database, graph, checkedOut ? checkedOut->head : std::string()));
        std::vector<CatalogImage> images;
        CURATOR_TRY_STATUS(curationdetail::readCommitEntries(m_database, info.seq, removed, images));
        // A commit may list an image twice; sample distinct images.
        std::set<std::pair<std::string, std::string>> seen;
        for (CatalogImage& image : images) {
            if (seen.emplace(image.source, image.name).second) {
                population.push_back(std::move(image));
            }
        }
    }
    std::vector<SampledImage> sample;
    for (size_t index : drawWithoutReplacement(population.size(), count, seed)) {
        const CatalogImage& image = population[index];
        sample.push_back({image.source, image.name, image.path, image.caption});
    }
    return sample;
}

} // namespace curator
