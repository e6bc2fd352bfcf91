#include "ingest/ingest.h"

#include "dataset/curationlog.h"
#include "media/imagecodecs.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
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
    std::string error;
};

Decoded decodeAndThumbnail(const Candidate& candidate, const fs::path& thumbnail) {
    Decoded decoded;
    auto image = decodeImageFile(candidate.path.string());
    if (!image) {
        decoded.error = image.error();
        return decoded;
    }
    decoded.image = std::move(*image);
    if (!thumbnail.empty()) {
        const cv::Mat rgb(decoded.image.height, decoded.image.width, CV_8UC3, decoded.image.pixels.data());
        const double scale =
            static_cast<double>(kThumbnailSide) / std::max(decoded.image.width, decoded.image.height);
        cv::Mat small;
        if (scale < 1.0) {
            cv::resize(rgb, small, cv::Size(), scale, scale, cv::INTER_AREA);
        } else {
            small = rgb;
        }
        cv::Mat bgr;
        cv::cvtColor(small, bgr, cv::COLOR_RGB2BGR);
        std::error_code error;
        fs::create_directories(thumbnail.parent_path(), error);
        codecs::imwrite(thumbnail.string(), bgr, {cv::IMWRITE_JPEG_QUALITY, 85});
    }
    return decoded;
}

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

    std::vector<Candidate> candidates;
    std::unordered_map<std::string, std::string> captions;
    if (!request.captionsFile.empty()) {
        if (auto status = readCaptions(request.captionsFile, captions); !status) {
            return status.takeError();
        }
    }
    for (auto it =
             fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) {
            break;
        }
        if (it->is_regular_file(error) && request.captionsFile.empty() &&
            it->path().filename() == "captions.jsonl") {
            if (auto status = readCaptions(it->path(), captions); !status) {
                return status.takeError();
            }
        }
        if (it->is_regular_file(error) && isImageFile(it->path())) {
            Candidate candidate;
            candidate.path = it->path();
            candidate.id = fs::relative(it->path(), root, error).generic_string();
            candidate.size = static_cast<int64_t>(it->file_size(error));
            candidate.modified = modifiedSeconds(it->path());
            candidates.push_back(std::move(candidate));
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
    report.found = candidates.size();

    // Skip what the store already holds with the same size and time; a changed file under a stored id
    // cannot be appended again (ids are unique), so it is reported rather than silently duplicated.
    {
        auto store = EmbeddingStore::open(request.workspaceDirectory);
        if (!store) {
            return store.takeError();
        }
        if (const EmbeddingMatrix* matrix = store->find(request.source, report.model)) {
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
        }
    }

    auto log = CurationLog::open(request.workspaceDirectory);
    if (!log) {
        return log.takeError();
    }
    std::vector<RowIdentity> pendingIdentities;
    std::vector<float> pendingRows;
    std::vector<CatalogImage> pendingCatalog;
    auto flush = [&]() -> Status {
        if (pendingIdentities.empty()) {
            return {};
        }
        auto appended =
            appendEmbeddings(request.workspaceDirectory, request.source, report.model, embedder.dimension(),
                             request.storage, pendingIdentities, pendingRows);
        if (!appended) {
            return appended.takeError();
        }
        if (auto status = log->upsertImages(pendingCatalog); !status) {
            return status;
        }
        report.ingested += pendingIdentities.size();
        pendingIdentities.clear();
        pendingRows.clear();
        pendingCatalog.clear();
        return {};
    };

    const unsigned threadCount =
        request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
    const size_t batchSize = std::max<size_t>(1, request.batchSize);
    const size_t total = candidates.size();
    size_t done = 0;
    for (size_t first = 0; first < total; first += batchSize) {
        const size_t count = std::min(batchSize, total - first);
        std::vector<Decoded> decoded(count);
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < count; i = next++) {
                const Candidate& candidate = candidates[first + i];
                decoded[i] = decodeAndThumbnail(
                    candidate, request.thumbnails ? fs::path(thumbnailPath(request.workspaceDirectory,
                                                                           request.source, candidate.id))
                                                  : fs::path());
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < std::min<unsigned>(threadCount, static_cast<unsigned>(count)); ++t) {
            pool.emplace_back(work);
        }
        work();
        for (auto& thread : pool) {
            thread.join();
        }
        std::vector<RgbImage> images;
        std::vector<size_t> indexes;
        for (size_t i = 0; i < count; ++i) {
            if (decoded[i].error.empty()) {
                images.push_back(std::move(decoded[i].image));
                indexes.push_back(i);
            } else {
                report.failures.push_back({candidates[first + i].path.string(), decoded[i].error});
            }
        }
        if (!images.empty()) {
            auto vectors = embedder.embedImages(images);
            if (!vectors) {
                if (auto status = flush(); !status) {
                    return status.takeError();
                }
                return makeError("embedding images with '" + report.model + "' failed: " + vectors.error() +
                                 " (" + std::to_string(report.ingested) +
                                 " images were stored; run again to resume)");
            }
            for (size_t k = 0; k < indexes.size(); ++k) {
                const Candidate& candidate = candidates[first + indexes[k]];
                RowIdentity identity;
                identity.id = candidate.id;
                identity.path = candidate.path.string();
                const auto caption = captions.find(candidate.id);
                const auto byName = captions.find(candidate.path.filename().string());
                identity.caption = caption != captions.end()  ? caption->second
                                   : byName != captions.end() ? byName->second
                                                              : std::string();
                identity.fileSize = candidate.size;
                identity.fileModified = candidate.modified;
                pendingCatalog.push_back({request.source, identity.id, identity.path, identity.caption,
                                          images[k].width, images[k].height});
                pendingIdentities.push_back(std::move(identity));
                pendingRows.insert(pendingRows.end(), (*vectors)[k].begin(), (*vectors)[k].end());
            }
        }
        done += count;
        if (pendingIdentities.size() >= request.checkpointRows) {
            if (auto status = flush(); !status) {
                return status.takeError();
            }
        }
        if (progress) {
            IngestProgress state;
            state.done = done;
            state.total = total;
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            state.imagesPerSecond = seconds > 0 ? static_cast<double>(done) / seconds : 0;
            state.etaSeconds =
                state.imagesPerSecond > 0 ? static_cast<double>(total - done) / state.imagesPerSecond : 0;
            if (!progress(state)) {
                report.cancelled = true;
                break;
            }
        }
    }
    if (auto status = flush(); !status) {
        return status.takeError();
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace curator
