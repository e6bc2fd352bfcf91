// The curation log's releases: exports/TAG/ with dataset.json, metadata.jsonl (labelled rows),
// manifest.json, the dataset card README.md and its pictures (and the images when asked), written into a
// staging directory and renamed into place, so a release is whole or absent. Image files are read only under
// the workspace's image roots (imageroots.cpp) and copied, never hard-linked.

#include "dataset/curationlog.h"

#include "common/fileutil.h"
#include "common/stagingdirectory.h"
#include "dataset/curationlog_internal.h"
#include "dataset/preferencepairs.h"
#include "dataset/releasecard.h"
#include "dataset/releaselabels.h"
#include "dataset/reviewmarks.h"
#include "dataset/sha256.h"
#include "store/embeddingstore.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h> // FICLONE
#endif

namespace curator {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;
using curationdetail::dumpJson;

namespace {

bool isValidTag(const std::string& tag) {
    if (tag.empty() || tag.size() > 100 || tag[0] == '.' || tag[0] == '-') {
        return false;
    }
    return std::all_of(tag.begin(), tag.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '+';
    });
}

// A file descriptor, closed on destruction.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Reads `in` from its offset to the end, hashing the bytes and writing them to `out` (-1: nowhere).
Result<std::string> hashStream(int in, int out, const std::string& inName, const std::string& outName,
                               std::vector<char>& buffer) {
    Sha256 hash;
    for (;;) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return makeError(inName + ": read failed: " + std::strerror(errno));
        }
        if (n == 0) {
            return hash.finalHex();
        }
        hash.update(buffer.data(), size_t(n));
        for (size_t written = 0; out >= 0 && written < size_t(n);) {
            const ssize_t w = ::write(out, buffer.data() + written, size_t(n) - written);
            if (w < 0 && errno != EINTR) {
                return makeError(outName + ": write failed: " + std::strerror(errno));
            }
            written += w > 0 ? size_t(w) : 0;
        }
    }
}

// Copies the open file `in` into a new file `target`: a reflink where the file system offers one, else
// its bytes; never a hard link, so a later edit of the source cannot change the release. Returns the
// SHA-256 of the bytes the copy holds.
Result<std::string> copyInto(int in, const std::string& inName, const fs::path& target,
                             std::vector<char>& buffer) {
    FileDescriptor out(::open(target.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (out.get() < 0) {
        return makeError(target.string() + ": cannot create: " + std::strerror(errno));
    }
    bool cloned = false;
#ifdef FICLONE
    cloned = ::ioctl(out.get(), FICLONE, in) == 0;
#endif
    // After a reflink the copy is read back: the manifest's hash is of what the release holds.
    CURATOR_TRY(const std::string hash, cloned ? hashStream(out.get(), -1, target.string(), {}, buffer)
                                               : hashStream(in, out.get(), inName, target.string(), buffer));
    if (::fsync(out.get()) != 0) {
        return makeError(target.string() + ": fsync failed: " + std::strerror(errno));
    }
    return hash;
}

// The files of a release as they are written, with their hashes for the manifest.
class ReleaseFiles {
public:
    ReleaseFiles(const fs::path& staging, std::vector<fs::path> roots, ReleaseReport& report)
        : m_staging(staging)
        , m_roots(std::move(roots))
        , m_report(report) {}

    Status write(const std::string& name, const std::string& contents) {
        CURATOR_TRY_STATUS(writeFileAtomically((m_staging / name).string(), contents));
        m_fileHashes[name] = Sha256::hashHex(contents);
        return {};
    }

    Status writeBytes(const std::string& name, const std::vector<uint8_t>& bytes) {
        std::error_code error;
        fs::create_directories((m_staging / name).parent_path(), error);
        const std::string contents(bytes.begin(), bytes.end());
        return write(name, contents);
    }

    // Hashes one image when it exists under an image root (and copies it in when asked); returns its
    // hash, empty when it was not read.
    Result<std::string> addImage(const CatalogImage& image, const std::string& relative, bool copyImages) {
        ++m_report.images;
        std::string hash;
        CURATOR_TRY_STATUS(readImage(image, relative, copyImages, hash));
        return hash;
    }

    const ordered_json& fileHashes() const { return m_fileHashes; }
    const ordered_json& imageHashes() const { return m_imageHashes; }
    const ordered_json& refused() const { return m_refused; }

private:
    bool underARoot(const fs::path& resolved) const {
        return std::any_of(m_roots.begin(), m_roots.end(),
                           [&](const fs::path& root) { return curationdetail::isWithin(resolved, root); });
    }

    void refuse(const CatalogImage& image) {
        ++m_report.imagesRefused;
        if (m_report.refusedSample.size() < 5) {
            m_report.refusedSample.push_back(image.source + "/" + image.name + ": " + image.path);
        }
        // The path itself may name a home folder: the release holds its hash only.
        m_refused.push_back({{"image", image.source + "/" + image.name},
                             {"path_sha256", Sha256::hashHex(image.path)},
                             {"reason", kNotUnderImageRoot}});
    }

    // Where an open descriptor really leads: a directory on the way may have become a symlink since the
    // path was resolved. Without /proc, the resolved path stands.
    bool openedWithinARoot(int fd) const {
        std::error_code error;
        const fs::path opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), error);
        return error || underARoot(opened);
    }

    Status readImage(const CatalogImage& image, const std::string& relative, bool copyImages,
                     std::string& hash) {
        std::error_code error;
        const fs::path resolved = image.path.empty() ? fs::path() : fs::canonical(image.path, error);
        if (resolved.empty() || error || !fs::is_regular_file(resolved, error)) {
            ++m_report.imagesMissing;
            return {};
        }
        if (!underARoot(resolved)) {
            refuse(image);
            return {};
        }
        FileDescriptor in(::open(resolved.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (in.get() < 0 && errno == ELOOP) {
            refuse(image); // became a symlink since it was resolved
            return {};
        }
        if (in.get() < 0) {
            return makeError(image.path + ": cannot open: " + std::strerror(errno));
        }
        struct stat status {};
        if (!openedWithinARoot(in.get()) || ::fstat(in.get(), &status) != 0 || !S_ISREG(status.st_mode)) {
            refuse(image);
            return {};
        }
        if (copyImages) {
            const fs::path target = m_staging / relative;
            fs::create_directories(target.parent_path(), error);
            CURATOR_TRY(hash, copyInto(in.get(), image.path, target, m_buffer));
            m_fileHashes[relative] = hash;
            ++m_report.imagesCopied;
        } else {
            CURATOR_TRY(hash, hashStream(in.get(), -1, image.path, {}, m_buffer));
        }
        m_imageHashes[image.source + "/" + image.name] = hash;
        ++m_report.imagesHashed;
        return {};
    }

    fs::path m_staging;
    std::vector<fs::path> m_roots;
    ReleaseReport& m_report;
    std::vector<char> m_buffer = std::vector<char>(size_t(1) << 20);
    ordered_json m_fileHashes = ordered_json::object();
    ordered_json m_imageHashes = ordered_json::object();
    ordered_json m_refused = ordered_json::array();
};

// A name when the release holds one, several joined, null when none.
ordered_json namesOrNull(const std::vector<std::string>& names) {
    if (names.empty()) {
        return nullptr;
    }
    std::string text;
    for (const std::string& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

ordered_json releaseManifest(const std::string& tag, const std::string& branch, const ReleaseReport& report,
                             const std::vector<std::string>& models, const StatusReport& figures,
                             const ReleaseLabels& labels, const ReleaseFiles& files) {
    ordered_json manifest;
    manifest["format"] = "curator-release";
    manifest["format_version"] = 2;
    manifest["tag"] = tag;
    manifest["tool_version"] = CURATOR_VERSION;
    manifest["created_at"] = utcTimestamp();
    manifest["branch"] = branch;
    manifest["head_commit"] =
        report.headCommit.empty() ? ordered_json(nullptr) : ordered_json(report.headCommit);
    // What produced what the release holds: the embedders of its commits, the scorers of its cached
    // scores, the captioners of its captions ("catalog": from the ingest's sidecars or an import).
    manifest["embedding_models"] = models;
    manifest["embedder"] = namesOrNull(models);
    manifest["scorers"] = labels.scorers;
    manifest["scorer"] = namesOrNull(labels.scorers);
    manifest["captioners"] = labels.captioners;
    manifest["captioner"] = namesOrNull(labels.captioners);
    manifest["counts"] = {{"images", figures.distinctImages},
                          {"live_commits", figures.liveCommits.size()},
                          {"summed_commit_sizes", figures.summedCommitSizes},
                          {"by_source", figures.imagesBySource},
                          {"by_tag", figures.imagesByTag},
                          {"by_direction", report.imagesByDirection},
                          {"images_scored", report.imagesScored},
                          {"images_hashed", report.imagesHashed},
                          {"images_missing", report.imagesMissing},
                          {"images_copied", report.imagesCopied},
                          {"images_refused", report.imagesRefused}};
    // The manifest lists every other file's hash; it cannot hold its own.
    manifest["files"] = files.fileHashes();
    manifest["image_sha256"] = files.imageHashes();
    manifest["refused_images"] = files.refused();
    return manifest;
}

} // namespace

Result<ReleaseReport> CurationLog::exportRelease(const std::string& tag, bool copyImages,
                                                 const ReleaseExclusions& exclusions) {
    if (!isValidTag(tag)) {
        return makeError("release tag '" + tag +
                         "' is invalid: use letters, digits, '_', '-', '.' or '+' (e.g. v1.0)");
    }
    const fs::path exportsDirectory = fs::path(m_workspaceDirectory) / "exports";
    const fs::path finalDirectory = exportsDirectory / tag;
    std::error_code error;
    if (fs::exists(finalDirectory, error)) {
        return makeError("release '" + tag + "' already exists (" + finalDirectory.string() +
                         "); releases are immutable, choose another tag");
    }
    CURATOR_TRY(const Taxonomy taxonomy, settingsTaxonomy(m_workspaceDirectory));
    fs::create_directories(exportsDirectory, error);
    if (error) {
        return makeError(exportsDirectory.string() + ": cannot create: " + error.message());
    }
    // A release killed while writing left its staging directory: removed now, unless a live one holds it.
    removeStaleStaging(exportsDirectory, {".staging-"});
    // Whatever fails below, the staging directory goes (once renamed into place, nothing is left to go).
    CURATOR_TRY(const StagingDirectory staging,
                StagingDirectory::create(exportsDirectory, ".staging-" + tag + "-"));

    // One read snapshot: consistent figures while another process commits.
    SqliteReadTransaction snapshot(m_database);
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(const std::string branch, checkedOutBranch());
    ReleaseReport report;
    CURATOR_TRY(const std::string datasetJson,
                curationdetail::buildOurJson(*this, branch, &report.headCommit, false));
    CURATOR_TRY(const StatusReport figures, status(branch));
    CURATOR_TRY(const std::vector<CatalogImage> images, datasetImages(branch));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(m_database));
    std::set<std::string> modelSet;
    for (size_t index : graph.liveCommits(graph.branch(branch)->head)) {
        if (!graph.commits()[index].info.embeddingModel.empty()) {
            modelSet.insert(graph.commits()[index].info.embeddingModel);
        }
    }
    const std::vector<std::string> models(modelSet.begin(), modelSet.end());
    CURATOR_TRY(ReleaseLabels labels,
                gatherReleaseLabels(*this, graph, graph.branch(branch)->head, images, taxonomy));

    CURATOR_TRY(std::vector<fs::path> roots, curationdetail::resolvedImageRoots(m_database));
    ReleaseFiles files(staging.path(), std::move(roots), report);
    CURATOR_TRY_STATUS(files.write("dataset.json", datasetJson + "\n"));

    // metadata.jsonl: one row per image, its file_name relative to the release (Hugging Face's imagefolder
    // layout). With the files copied, an image the release does not hold goes to not_copied.jsonl instead,
    // so that every file_name of metadata.jsonl exists.
    std::string metadata, notCopied;
    ReleaseCardInput cardInput;
    CURATOR_TRY(const std::vector<ReviewRecord> marks, reviewMarks(*this, branch));
    std::unordered_map<std::string, const ReviewRecord*> markOf;
    for (const ReviewRecord& mark : marks) {
        markOf[releaseImageKey(mark.source, mark.name)] = &mark;
    }
    std::vector<std::string> excluded;
    for (const CatalogImage& image : images) {
        if (exclusions.keys.count(releaseImageKey(image.source, image.name)) > 0) {
            excluded.push_back(image.source + "/" + image.name);
            continue;
        }
        const std::string relative = releaseImageFile(image.source, image.name);
        const size_t copiedBefore = report.imagesCopied;
        CURATOR_TRY(const std::string hash, files.addImage(image, relative, copyImages));
        const ReleaseImageLabels& said = labels.byImage[releaseImageKey(image.source, image.name)];
        const ordered_json base = {
            {"file_name", relative},   {"source", image.source},
            {"id", image.name},        {"sha256", hash.empty() ? ordered_json(nullptr) : ordered_json(hash)},
            {"caption", said.caption}, {"caption_from", said.captionFrom},
            {"width", image.width},    {"height", image.height}};
        std::string row = dumpJson(base, -1, false);
        row.pop_back(); // the closing brace: the labelled members follow
        // The person's review mark on this branch, or null.
        const auto marked = markOf.find(releaseImageKey(image.source, image.name));
        const ordered_json review =
            marked == markOf.end() ? ordered_json(nullptr)
                                   : ordered_json{{"verdict", reviewVerdictName(marked->second->verdict)},
                                                  {"author", marked->second->author},
                                                  {"marked_at", marked->second->markedAt}};
        row += "," + labels.rowMembers(said) + ",\"review\":" + dumpJson(review, -1, false) + "}\n";
        const std::string direction = labels.direction(said);
        ++report.imagesByDirection[direction];
        report.imagesScored += said.scores.empty() ? 0 : 1;
        CardImage card{image.source, direction, labels.attributes(said), {}};
        for (const ReleaseScore& score : said.scores) {
            card.scores.emplace_back(score.scorer, score.score);
        }
        cardInput.images.push_back(std::move(card));
        const bool held = !copyImages || report.imagesCopied > copiedBefore;
        (held ? metadata : notCopied) += row;
    }
    CURATOR_TRY_STATUS(files.write("metadata.jsonl", metadata));
    if (!notCopied.empty()) {
        CURATOR_TRY_STATUS(files.write("not_copied.jsonl", notCopied));
    }

    cardInput.tag = tag;
    cardInput.branch = branch;
    cardInput.headCommit = report.headCommit;
    cardInput.createdAt = utcTimestamp();
    cardInput.commits = labels.commits;
    cardInput.taxonomy = labels.taxonomy;
    cardInput.embedders = models;
    cardInput.scorers = labels.scorers;
    cardInput.captioners = labels.captioners;
    cardInput.imagesCopied = report.imagesCopied;
    cardInput.imagesMissing = report.imagesMissing;
    cardInput.imagesRefused = report.imagesRefused;
    cardInput.copyImages = copyImages;
    report.imagesExcluded = excluded.size();
    cardInput.nearDuplicateThreshold = exclusions.threshold;
    cardInput.nearDuplicatesExcluded = excluded.size();
    // The pairs' counts as `curator-cli pairs` would form them (no scan: countsOnly), in this snapshot.
    PreferencePairOptions pairOptions;
    pairOptions.branch = branch;
    pairOptions.countsOnly = true;
    auto pairStore = EmbeddingStore::open(m_workspaceDirectory);
    auto pairs = pairStore ? preferencePairs(*this, *pairStore, taxonomy, pairOptions)
                           : Result<PreferencePairSet>(pairStore.takeError());
    if (pairs) {
        for (const PairAttributeCount& count : pairs->attributes) {
            if (count.images > 0) {
                cardInput.pairCounts.emplace_back(count.name, count.pairs);
            }
        }
    } else {
        cardInput.pairsNote = pairs.error();
    }
    CURATOR_TRY(const ReleaseCard card, buildReleaseCard(cardInput));
    for (const auto& [name, bytes] : card.pictures) {
        CURATOR_TRY_STATUS(files.writeBytes(name, bytes));
    }
    CURATOR_TRY_STATUS(files.write("README.md", card.markdown));

    ordered_json manifest = releaseManifest(tag, branch, report, models, figures, labels, files);
    if (exclusions.threshold > 0) {
        // "counts" describe the branch's dataset; these images of it are not in metadata.jsonl.
        manifest["near_duplicates_excluded"] = {
            {"threshold", exclusions.threshold}, {"images", excluded.size()}, {"excluded", excluded}};
    }
    CURATOR_TRY_STATUS(writeFileAtomically((staging.path() / "manifest.json").string(),
                                           dumpJson(manifest, 2, false) + "\n"));
    // rename() refuses a non-empty target, so a release written meanwhile by another process is kept.
    if (std::rename(staging.path().c_str(), finalDirectory.c_str()) != 0) {
        return makeError(finalDirectory.string() +
                         ": cannot move the release into place: " + std::strerror(errno));
    }
    syncDirectory(exportsDirectory.string());
    report.directory = finalDirectory.string();
    report.card = (finalDirectory / "README.md").string();
    return report;
}

} // namespace curator
