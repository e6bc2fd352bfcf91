#include "ingest/ingest.h"

#include "common/nametext.h"
#include "common/parallel.h"
#include "dataset/catalogsync.h"
#include "dataset/curationlog.h"
#include "media/imagecodecs.h"
#include "models/opencvimage.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unordered_map>

namespace curator {

namespace fs = std::filesystem;

namespace {

constexpr int kThumbnailSide = 256;

bool isImageFile(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const known[] = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return extension == k; });
}

struct Candidate {
    fs::path path;
    std::string id; // relative to the images directory, '/'-separated
    int64_t size = 0;
    int64_t modified = 0;
};

int64_t modifiedSeconds(const fs::path& path) {
    std::error_code error;
    const auto time = fs::last_write_time(path, error);
    if (error) {
        return -1;
    }
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// Captions from one .jsonl file: keyed by file name and by the path as written.
Status readCaptions(const fs::path& file, std::unordered_map<std::string, std::string>& captions) {
    std::ifstream in(file);
    if (!in) {
        return makeError(file.string() + ": cannot open");
    }
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) {
            continue;
        }
        const auto object = nlohmann::json::parse(line, nullptr, false);
        if (object.is_discarded() || !object.is_object() || !object.contains("caption") ||
            !object["caption"].is_string()) {
            return makeError(file.string() + ":" + std::to_string(number) +
                             ": expected {\"file\" or \"path\", \"caption\"}");
        }
        for (const char* key : {"file", "path", "id"}) {
            if (object.contains(key) && object[key].is_string()) {
                const std::string name = object[key].get<std::string>();
                captions[name] = object["caption"].get<std::string>();
                captions[fs::path(name).filename().string()] = object["caption"].get<std::string>();
            }
        }
    }
    return {};
}

struct Decoded {
    RgbImage image;
    std::string error; // the file is reported and skipped (a later run tries it again)
};

// A 256-px JPEG of the image; OpenCV's exceptions and a failed write are errors naming the thumbnail.
Status writeThumbnail(const RgbImage& image, const fs::path& thumbnail) {
    const std::string name = "thumbnail " + thumbnail.string();
    try {
        const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
        const double scale = static_cast<double>(kThumbnailSide) / std::max(image.width, image.height);
        cv::Mat small;
        if (scale < 1.0) {
            // A strip one pixel thin would scale to zero pixels, which resize refuses.
            const cv::Size size(cvRound(image.width * scale), cvRound(image.height * scale));
            if (size.width > 0 && size.height > 0) {
                cv::resize(rgb, small, cv::Size(), scale, scale, cv::INTER_AREA);
            } else {
                cv::resize(rgb, small, cv::Size(std::max(1, size.width), std::max(1, size.height)), 0, 0,
                           cv::INTER_AREA);
            }
        } else {
            small = rgb;
        }
        cv::Mat bgr;
        cv::cvtColor(small, bgr, cv::COLOR_RGB2BGR);
        std::error_code error;
        fs::create_directories(thumbnail.parent_path(), error);
        if (error) {
            return makeError(name + ": cannot create its directory: " + error.message());
        }
        if (!codecs::imwrite(thumbnail.string(), bgr, {cv::IMWRITE_JPEG_QUALITY, 85})) {
            return makeError(name + ": cannot write it (is the directory writable?)");
        }
    } catch (const std::exception& exception) {
        return makeError(name + ": " + exception.what());
    }
    return {};
}

Decoded decodeAndThumbnail(const Candidate& candidate, const fs::path& thumbnail) {
    Decoded decoded;
    auto image = decodeImageFile(candidate.path.string());
    if (!image) {
        decoded.error = image.error();
        return decoded;
    }
    if (!thumbnail.empty()) {
        if (auto status = writeThumbnail(*image, thumbnail); !status) {
            decoded.error = status.error();
            return decoded;
        }
    }
    decoded.image = std::move(*image);
    return decoded;
}

// Image files under root (sorted by id), and the captions of the captions file or of the captions.jsonl
// files found beside them.
// Files whose name (relative to root) is not clean text are not candidates: they go to `skipped`, named
// escaped (an id must be clean text to be stored, shown and dumped as JSON).
Status discoverImages(const fs::path& root, const std::string& captionsFile,
                      std::vector<Candidate>& candidates,
                      std::unordered_map<std::string, std::string>& captions,
                      std::vector<IngestFailure>& skipped) {
    if (!captionsFile.empty()) {
        if (auto status = readCaptions(captionsFile, captions); !status) {
            return status;
        }
    }
    std::error_code error;
    for (auto it =
             fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) {
            break;
        }
        if (it->is_regular_file(error) && captionsFile.empty() && it->path().filename() == "captions.jsonl") {
            if (auto status = readCaptions(it->path(), captions); !status) {
                return status;
            }
        }
        if (it->is_regular_file(error) && isImageFile(it->path())) {
            Candidate candidate;
            candidate.path = it->path();
            candidate.id = fs::relative(it->path(), root, error).generic_string();
            if (!isCleanText(candidate.id)) {
                skipped.push_back({escapedText(candidate.path.string()),
                                   "skipped: its name " + uncleanReason(candidate.id) +
                                       " (names must be UTF-8 text without control characters: rename it "
                                       "to ingest it)"});
                continue;
            }
            candidate.size = static_cast<int64_t>(it->file_size(error));
            candidate.modified = modifiedSeconds(it->path());
            candidates.push_back(std::move(candidate));
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
    return {};
}

// Skips what the store already holds with the same size and time; a changed file under a stored id
// cannot be appended again (ids are unique), so it is reported rather than silently duplicated.
Status dropAlreadyIngested(const IngestRequest& request, std::vector<Candidate>& candidates,
                           IngestReport& report) {
    auto store = EmbeddingStore::open(request.workspaceDirectory);
    if (!store) {
        return store.takeError();
    }
    const EmbeddingMatrix* matrix = store->find(request.source, report.model);
    if (!matrix) {
        return {};
    }
    auto identities = readRowIdentities(*matrix);
    if (!identities) {
        return identities.takeError();
    }
    std::unordered_map<std::string, const RowIdentity*> byId;
    for (const auto& identity : *identities) {
        byId.emplace(identity.id, &identity);
    }
    std::vector<Candidate> remaining;
    for (auto& candidate : candidates) {
        const auto found = byId.find(candidate.id);
        if (found == byId.end()) {
            remaining.push_back(std::move(candidate));
        } else if (found->second->fileSize == candidate.size &&
                   found->second->fileModified == candidate.modified) {
            ++report.alreadyIngested;
        } else {
            report.failures.push_back({candidate.path.string(),
                                       "changed since it was ingested (size or time differ); "
                                       "re-ingesting a changed file is not supported yet"});
        }
    }
    candidates = std::move(remaining);
    return {};
}

// One ingest after discovery: batches decoded on a thread pool, embedded, and appended to the store and the
// catalog every checkpointRows rows.
class IngestRun {
public:
    IngestRun(const IngestRequest& request, Embedder& embedder, CurationLog& log,
              const std::vector<Candidate>& candidates,
              const std::unordered_map<std::string, std::string>& captions, IngestReport& report)
        : m_request(request)
        , m_embedder(embedder)
        , m_log(log)
        , m_candidates(candidates)
        , m_captions(captions)
        , m_report(report) {}

    Status run(const IngestProgressCallback& progress, std::chrono::steady_clock::time_point start) {
        const size_t batchSize = std::max<size_t>(1, m_request.batchSize);
        const size_t total = m_candidates.size();
        for (size_t first = 0; first < total; first += batchSize) {
            const size_t count = std::min(batchSize, total - first);
            if (auto status = ingestBatch(first, count); !status) {
                return stopWith(status.error());
            }
            if (m_pendingIdentities.size() >= m_request.checkpointRows) {
                if (auto status = flush(); !status) {
                    return status;
                }
            }
            if (progress && !progress(progressAt(first + count, total, start))) {
                m_report.cancelled = true;
                break;
            }
        }
        return flush();
    }

private:
    // Keeps what was embedded so far, then fails with a message that says a later run resumes.
    Status stopWith(const std::string& message) {
        if (auto status = flush(); !status) {
            return status;
        }
        return makeError(message + " (" + std::to_string(m_report.ingested) +
                         " images were stored; run again to resume)");
    }

    Status ingestBatch(size_t first, size_t count) {
        std::vector<Decoded> decoded(count);
        ParallelOptions options;
        options.threads = m_request.threads;
        options.describeItem = [&](size_t i) { return m_candidates[first + i].path.string(); };
        keepOpenCvSingleThreaded();
        const Status status = parallelFor(count, options, [&](size_t i) {
            const Candidate& candidate = m_candidates[first + i];
            decoded[i] = decodeAndThumbnail(
                candidate, m_request.thumbnails ? fs::path(thumbnailPath(m_request.workspaceDirectory,
                                                                         m_request.source, candidate.id))
                                                : fs::path());
        });
        if (!status) {
            return makeError("decoding images failed: " + status.error());
        }
        std::vector<RgbImage> images;
        std::vector<size_t> indexes;
        std::vector<fs::path> thumbnails; // written for this batch's decoded images
        for (size_t i = 0; i < count; ++i) {
            if (decoded[i].error.empty()) {
                images.push_back(std::move(decoded[i].image));
                indexes.push_back(first + i);
                if (m_request.thumbnails) {
                    thumbnails.push_back(thumbnailPath(m_request.workspaceDirectory, m_request.source,
                                                       m_candidates[first + i].id));
                }
            } else {
                m_report.failures.push_back({m_candidates[first + i].path.string(), decoded[i].error});
            }
        }
        if (images.empty()) {
            return {};
        }
        auto vectors = m_embedder.embedImages(images);
        if (!vectors) {
            removeThumbnails(thumbnails);
            return makeError("embedding images with '" + m_report.model + "' failed: " + vectors.error());
        }
        for (size_t k = 0; k < indexes.size(); ++k) {
            addPending(m_candidates[indexes[k]], images[k], (*vectors)[k]);
        }
        m_pendingThumbnails.insert(m_pendingThumbnails.end(), thumbnails.begin(), thumbnails.end());
        return {};
    }

    // Thumbnails of images that were not stored: a failed run leaves none behind (a later run writes them
    // again with the rows).
    static void removeThumbnails(std::vector<fs::path>& thumbnails) {
        for (const auto& thumbnail : thumbnails) {
            std::error_code ignored;
            fs::remove(thumbnail, ignored);
        }
        thumbnails.clear();
    }

    void addPending(const Candidate& candidate, const RgbImage& image, const std::vector<float>& vector) {
        RowIdentity identity;
        identity.id = candidate.id;
        identity.path = candidate.path.string();
        const auto caption = m_captions.find(candidate.id);
        const auto byName = m_captions.find(candidate.path.filename().string());
        identity.caption = caption != m_captions.end()  ? caption->second
                           : byName != m_captions.end() ? byName->second
                                                        : std::string();
        identity.fileSize = candidate.size;
        identity.fileModified = candidate.modified;
        m_pendingCatalog.push_back(
            {m_request.source, identity.id, identity.path, identity.caption, image.width, image.height});
        m_pendingIdentities.push_back(std::move(identity));
        m_pendingRows.insert(m_pendingRows.end(), vector.begin(), vector.end());
    }

    Status flush() {
        if (m_pendingIdentities.empty()) {
            return {};
        }
        auto appended = appendEmbeddings(m_request.workspaceDirectory, m_request.source, m_report.model,
                                         m_embedder.dimension(), m_request.storage, m_pendingIdentities,
                                         m_pendingRows, m_request.waiting);
        if (!appended) {
            removeThumbnails(m_pendingThumbnails);
            return appended.takeError();
        }
        // The rows are stored from here on (the catalog is repaired from them if this fails): their
        // thumbnails stay.
        m_pendingThumbnails.clear();
        if (auto status = m_log.upsertImages(m_pendingCatalog); !status) {
            return status;
        }
        m_report.ingested += m_pendingIdentities.size();
        m_pendingIdentities.clear();
        m_pendingRows.clear();
        m_pendingCatalog.clear();
        return {};
    }

    static IngestProgress progressAt(size_t done, size_t total, std::chrono::steady_clock::time_point start) {
        IngestProgress state;
        state.done = done;
        state.total = total;
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.imagesPerSecond = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        state.etaSeconds =
            state.imagesPerSecond > 0 ? static_cast<double>(total - done) / state.imagesPerSecond : 0;
        return state;
    }

    const IngestRequest& m_request;
    Embedder& m_embedder;
    CurationLog& m_log;
    const std::vector<Candidate>& m_candidates;
    const std::unordered_map<std::string, std::string>& m_captions;
    IngestReport& m_report;
    std::vector<RowIdentity> m_pendingIdentities;
    std::vector<float> m_pendingRows;
    std::vector<CatalogImage> m_pendingCatalog;
    std::vector<fs::path> m_pendingThumbnails; // of the pending rows
};

} // namespace

std::string thumbnailPath(const std::string& workspaceDirectory, const std::string& source,
                          const std::string& id) {
    return (fs::path(workspaceDirectory) / "thumbs" / source / (id + ".jpg")).string();
}

Result<IngestReport> ingestImages(const IngestRequest& request, Embedder& embedder,
                                  const IngestProgressCallback& progress) {
    const auto start = std::chrono::steady_clock::now();
    IngestReport report;
    report.model = embedder.modelName();
    if (!isValidSourceName(request.source)) {
        return makeError("source name '" + request.source +
                         "' is invalid: use letters, digits, '_', '-' or '.'");
    }
    std::error_code error;
    const fs::path root = fs::absolute(request.imagesDirectory, error);
    if (!fs::is_directory(root, error)) {
        return makeError(request.imagesDirectory + ": not a directory");
    }
    // Every stored path starts with the folder's own: it must be clean text like the names under it.
    if (!isCleanText(root.string())) {
        return makeError("images folder '" + escapedText(root.string()) + "': its path " +
                         uncleanReason(root.string()) +
                         ": rename it (paths must be UTF-8 text without control characters)");
    }
    std::vector<Candidate> candidates;
    std::unordered_map<std::string, std::string> captions;
    if (auto status = discoverImages(root, request.captionsFile, candidates, captions, report.failures);
        !status) {
        return status.takeError();
    }
    report.found = candidates.size() + report.failures.size();
    if (auto status = dropAlreadyIngested(request, candidates, report); !status) {
        return status.takeError();
    }
    auto log = CurationLog::open(request.workspaceDirectory);
    if (!log) {
        return log.takeError();
    }
    // A release may copy the files of a folder that was ingested, and only those (see exportRelease).
    if (auto status = log->addImageRoot(root.string(), "ingest:" + request.source); !status) {
        return status.takeError();
    }
    // The catalog follows the matrices: rows a killed run committed to a matrix but not to the catalog,
    // which this run skips as already there, are entered now.
    if (auto store = EmbeddingStore::open(request.workspaceDirectory); !store) {
        return store.takeError();
    } else if (auto repaired = repairCatalogFromStore(*log, *store); !repaired) {
        return repaired.takeError();
    } else {
        report.catalogRepaired = *repaired;
    }
    IngestRun run(request, embedder, *log, candidates, captions, report);
    if (auto status = run.run(progress, start); !status) {
        return status.takeError();
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace curator
