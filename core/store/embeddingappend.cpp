// Appending rows to a matrix in place, for ingest. The commit point is meta.json's row count.
#include "store/embeddingstore.h"

#include "common/fileutil.h"
#include "common/half.h"
#include "common/nametext.h"
#include "common/stagingdirectory.h"
#include "common/utf8text.h"
#include "store/idsfile.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <unordered_set>

namespace curator {

namespace fs = std::filesystem;

namespace {

std::string metaJson(const std::string& source, const std::string& model, size_t rows, size_t dimension,
                     StorageType storage, const std::string& createdAt) {
    return dumpJsonSafely(nlohmann::json{{"format_version", 1},
                                         {"source", source},
                                         {"model", model},
                                         {"rows", rows},
                                         {"dimension", dimension},
                                         {"storage", storageTypeName(storage)},
                                         {"normalized", "l2"},
                                         {"created_at", createdAt},
                                         {"imported_from", "ingest"}},
                          2) +
           "\n";
}

// Cuts `path` to `size` bytes (dropping an uncommitted tail), then appends `bytes` and flushes.
Status truncateAndAppend(const fs::path& path, uint64_t size, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(path.string() + ": cannot open for appending: " + std::strerror(errno));
    }
    Status status;
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0 || ::lseek(fd, 0, SEEK_END) < 0) {
        status = makeError(path.string() + ": cannot truncate: " + std::strerror(errno));
    }
    size_t written = 0;
    while (status && written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno != EINTR) {
            status = makeError(path.string() + ": write failed: " + std::strerror(errno));
        } else if (n > 0) {
            written += static_cast<size_t>(n);
        }
    }
    if (status && ::fsync(fd) != 0) {
        status = makeError(path.string() + ": fsync failed: " + std::strerror(errno));
    }
    ::close(fd);
    return status;
}

std::string utcNowText() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

} // namespace

Result<std::vector<RowIdentity>> readRowIdentities(const EmbeddingMatrix& matrix) {
    const fs::path details = fs::path(matrix.directory()) / matrixfiles::kRowDetails;
    std::vector<RowIdentity> identities;
    std::error_code error;
    if (fs::exists(details, error)) {
        auto rows = readIdsFile(details.string());
        if (!rows) {
            return rows.takeError();
        }
        identities = std::move(*rows);
        if (identities.size() < matrix.rows()) {
            return makeError(details.string() + ": holds " + std::to_string(identities.size()) +
                             " rows, the matrix has " + std::to_string(matrix.rows()));
        }
        identities.resize(matrix.rows());
        return identities;
    }
    identities.resize(matrix.rows());
    for (size_t row = 0; row < matrix.rows(); ++row) {
        identities[row].id = std::string(matrix.id(row));
        // Ids end up in JSON and in one-line messages: the rule of readIdsFile, for a matrix's own ids.
        if (!isCleanText(identities[row].id)) {
            const fs::path ids = fs::path(matrix.directory()) / matrixfiles::kIds;
            return makeError(ids.string() + ": row " + std::to_string(row + 1) + ": id '" +
                             escapedText(identities[row].id) + "' " + uncleanReason(identities[row].id) +
                             ": ids must be UTF-8 text without control characters");
        }
    }
    return identities;
}

namespace {

// An empty matrix (meta.json with 0 rows) of a new source and model, staged then renamed into place;
// its directory.
Result<std::string> createEmptyMatrix(const std::string& workspaceDirectory, const std::string& source,
                                      const std::string& model, size_t dimension, StorageType storage) {
    const fs::path embeddings = workspace::embeddingsDirectory(workspaceDirectory);
    std::error_code error;
    fs::create_directories(embeddings, error);
    CURATOR_TRY(const StagingDirectory stagingDirectory, StagingDirectory::create(embeddings, kAppendPrefix));
    const fs::path& staging = stagingDirectory.path();
    const uint64_t zero = 0;
    Status created = writeFileAtomically((staging / matrixfiles::matrixFileName(storage)).string(), "");
    if (created) {
        created = writeFileAtomically((staging / matrixfiles::kIds).string(), "");
    }
    if (created) {
        created = writeFileAtomically((staging / matrixfiles::kIdOffsets).string(),
                                      std::string_view(reinterpret_cast<const char*>(&zero), sizeof zero));
    }
    if (created) {
        created = writeFileAtomically((staging / matrixfiles::kMeta).string(),
                                      metaJson(source, model, 0, dimension, storage, utcNowText()));
    }
    std::string slug;
    for (unsigned char c : model) {
        slug += (std::isalnum(c) || c == '.' || c == '-' || c == '_') ? static_cast<char>(c) : '_';
    }
    fs::path target = embeddings / (source + "@" + slug);
    for (int suffix = 2; fs::exists(target, error); ++suffix) {
        target = embeddings / (source + "@" + slug + "-" + std::to_string(suffix));
    }
    if (created) {
        fs::rename(staging, target, error);
        if (error) {
            created = makeError(target.string() + ": cannot create: " + error.message());
        }
    }
    if (!created) {
        return created.takeError(); // the staging directory goes with stagingDirectory
    }
    return target.string();
}

// New ids must be valid, unique among themselves and not in the matrix yet.
Status checkNewIds(const std::string& source, const EmbeddingMatrix& matrix,
                   const std::vector<RowIdentity>& identities) {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < identities.size(); ++i) {
        const std::string& id = identities[i].id;
        if (id.empty() || !isCleanText(id)) {
            return makeError("append to source '" + source + "': row " + std::to_string(i) + " has an id ('" +
                             escapedText(id) +
                             "') that is empty or not UTF-8 text without control characters");
        }
        if (!seen.insert(id).second || matrix.findRow(id)) {
            return makeError("append to source '" + source + "': id '" + escapedText(id) +
                             "' is already in the matrix");
        }
    }
    return {};
}

} // namespace

Result<MatrixInfo> appendEmbeddings(const std::string& workspaceDirectory, const std::string& source,
                                    const std::string& model, size_t dimension, StorageType storage,
                                    const std::vector<RowIdentity>& identities,
                                    const std::vector<float>& rows,
                                    const SourceWriteLock::WaitNotice& waiting) {
    if (!isValidSourceName(source)) {
        return makeError("source name '" + source + "' is invalid: use letters, digits, '_', '-' or '.'");
    }
    if (dimension == 0 || rows.size() != identities.size() * dimension) {
        return makeError("append: " + std::to_string(identities.size()) + " identities but " +
                         std::to_string(rows.size()) + " values for dimension " + std::to_string(dimension));
    }
    // Held to the end: another writer of the source must not read meta.json before this one renames it.
    auto lock = SourceWriteLock::acquire(workspaceDirectory, source, waiting);
    if (!lock) {
        return lock.takeError();
    }
    removeStaleStoreStaging(workspaceDirectory);
    auto store = EmbeddingStore::open(workspaceDirectory);
    if (!store) {
        return store.takeError();
    }
    const EmbeddingMatrix* existing = store->find(source, model);
    std::error_code error;
    if (existing == nullptr) {
        // A new, empty matrix first: then the one append path below fills it.
        auto created = createEmptyMatrix(workspaceDirectory, source, model, dimension, storage);
        if (!created) {
            return created.takeError();
        }
        store = EmbeddingStore::open(workspaceDirectory);
        if (!store) {
            return store.takeError();
        }
        existing = store->find(source, model);
        if (existing == nullptr) {
            return makeError(*created + ": the new matrix does not open");
        }
    }
    const EmbeddingMatrix& matrix = *existing;
    if (matrix.dimension() != dimension) {
        return makeError("append to source '" + source + "': vectors of dimension " +
                         std::to_string(dimension) + " but the matrix of model '" + model + "' has " +
                         std::to_string(matrix.dimension()));
    }
    if (auto checked = checkNewIds(source, matrix, identities); !checked) {
        return checked.takeError();
    }
    const fs::path directory = matrix.directory();
    const size_t committed = matrix.rows();
    const StorageType stored = matrix.storage();
    const size_t elementBytes = storageElementSize(stored);

    std::string matrixBytes;
    matrixBytes.reserve(rows.size() * elementBytes);
    for (float value : rows) {
        if (stored == StorageType::Float32) {
            matrixBytes.append(reinterpret_cast<const char*>(&value), sizeof value);
        } else {
            const uint16_t half = floatToHalf(value);
            matrixBytes.append(reinterpret_cast<const char*>(&half), sizeof half);
        }
    }
    // The committed prefix of ids.txt and its offsets, then the new ones.
    std::vector<uint64_t> offsets(committed + 1);
    {
        auto mapped = MappedFile::open((directory / matrixfiles::kIdOffsets).string());
        if (!mapped) {
            return mapped.takeError();
        }
        std::memcpy(offsets.data(), mapped->data(), offsets.size() * sizeof(uint64_t));
    }
    std::string ids;
    for (const auto& identity : identities) {
        ids += identity.id + '\n';
        offsets.push_back(offsets.back() + identity.id.size() + 1);
    }
    // rows.jsonl: the committed rows' lines (written now if the matrix had none), then the new ones.
    auto previousIdentities = readRowIdentities(matrix);
    if (!previousIdentities) {
        return previousIdentities.takeError();
    }
    uint64_t detailsPrefix = 0;
    std::string previousDetails;
    for (const auto& identity : *previousIdentities) {
        const std::string line = rowDetailsLine(identity);
        detailsPrefix += line.size();
        previousDetails += line;
    }
    std::string details;
    for (const auto& identity : identities) {
        details += rowDetailsLine(identity);
    }

    const fs::path detailsPath = directory / matrixfiles::kRowDetails;
    Status status = truncateAndAppend(directory / matrixfiles::matrixFileName(stored),
                                      committed * matrix.dimension() * elementBytes, matrixBytes);
    if (status) {
        status = truncateAndAppend(directory / matrixfiles::kIds, offsets[committed], ids);
    }
    if (status) {
        status = writeFileAtomically((directory / matrixfiles::kIdOffsets).string(),
                                     std::string_view(reinterpret_cast<const char*>(offsets.data()),
                                                      offsets.size() * sizeof(uint64_t)));
    }
    if (status) {
        // Rewritten whole when it did not exist or its committed prefix differs (a crash mid-append).
        status = fs::exists(detailsPath, error)
                     ? truncateAndAppend(detailsPath, detailsPrefix, details)
                     : writeFileAtomically(detailsPath.string(), previousDetails + details);
    }
    if (!status) {
        return status.takeError();
    }
    MatrixInfo info = matrix.info();
    info.rows = committed + identities.size();
    if (auto written =
            writeFileAtomically((directory / matrixfiles::kMeta).string(),
                                metaJson(source, model, info.rows, dimension, stored, info.createdAt));
        !written) {
        return written.takeError();
    }
    return info;
}

} // namespace curator
