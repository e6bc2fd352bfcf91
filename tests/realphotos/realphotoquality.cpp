#include "realphotoquality.h"

#include "models/image.h"
#include "models/opencvimage.h"
#include "photodegradations.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace curator::realphotos {

std::vector<PhotoEntry> readPhotoList(const std::string& directory) {
    const std::string path = directory + "/photos.tsv";
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(path + ": cannot read (run tests/realphotos/fetch_photos.sh " + directory +
                                 ")");
    std::vector<PhotoEntry> photos;
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
        if (++number == 1 || line.empty())
            continue; // the header
        std::istringstream fields(line);
        PhotoEntry entry;
        std::string horizon;
        if (!std::getline(fields, entry.file, '\t') || !std::getline(fields, entry.split, '\t') ||
            !std::getline(fields, horizon, '\t') || (entry.split != "calibration" && entry.split != "test"))
            throw std::runtime_error(path + ":" + std::to_string(number) +
                                     ": expected file, split (calibration or test), horizon, content");
        entry.horizon = horizon == "yes";
        photos.push_back(entry);
    }
    return photos;
}

std::vector<EmbeddedImage> embedSplit(const std::string& directory, const std::string& split,
                                      unsigned threads, int copies) {
    std::vector<PhotoEntry> photos;
    for (const auto& photo : readPhotoList(directory))
        if (photo.split == split)
            photos.push_back(photo);
    keepOpenCvSingleThreaded();
    std::vector<std::vector<EmbeddedImage>> perPhoto(photos.size());
    std::atomic<size_t> next{0};
    std::mutex errorMutex;
    std::string error;
    auto work = [&] {
        for (size_t i = next++; i < photos.size(); i = next++) {
            auto decoded = decodeImageFile(directory + "/" + photos[i].file);
            if (!decoded) {
                const std::lock_guard<std::mutex> lock(errorMutex);
                error = decoded.error();
                return;
            }
            const cv::Mat reduced = reducePhoto(rgbView(*decoded), kPhotoLongSide);
            for (auto& image : degradedSet(photos[i].file, reduced, copies, kDegradationSeed)) {
                const RgbImage rgb = toRgbImage(image.rgb8, false);
                auto raw = BuiltinEmbedder::measureFeatures(rgb);
                auto vector = BuiltinEmbedder::describe(rgb);
                if (!raw || !vector) {
                    const std::lock_guard<std::mutex> lock(errorMutex);
                    error = photos[i].file + ": " + (raw ? vector.error() : raw.error());
                    return;
                }
                perPhoto[i].push_back({photos[i].file, photos[i].horizon, image.attribute, image.strength,
                                       std::move(*raw), std::move(*vector)});
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::max(1u, threads); ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (!error.empty())
        throw std::runtime_error(error);
    std::vector<EmbeddedImage> all;
    for (auto& images : perPhoto)
        for (auto& image : images)
            all.push_back(std::move(image));
    return all;
}

namespace {

bool shows(const EmbeddedImage& image, const std::string& attribute) {
    if (image.attribute == attribute)
        return true;
    for (const auto& degradation : photoDegradations())
        if (degradation.attribute == image.attribute)
            return std::find(degradation.alsoShows.begin(), degradation.alsoShows.end(), attribute) !=
                   degradation.alsoShows.end();
    return false;
}

AttributePrecision searchFor(const std::string& attribute, const std::vector<const EmbeddedImage*>& pool,
                             BuiltinEmbedder& embedder, size_t k) {
    auto query = embedder.embedText(attribute);
    if (!query)
        throw std::runtime_error("builtin embedder refused '" + attribute + "': " + query.error());
    std::vector<std::pair<double, size_t>> ranked;
    AttributePrecision result{attribute, 0, 0};
    for (size_t i = 0; i < pool.size(); ++i) {
        double dot = 0;
        for (size_t d = 0; d < pool[i]->vector.size(); ++d)
            dot += double(pool[i]->vector[d]) * query->vector[d];
        ranked.emplace_back(dot, i);
        result.positives += shows(*pool[i], attribute);
    }
    k = std::min(k, ranked.size());
    // Ties broken by position, so that the figure never depends on the sort's implementation.
    std::partial_sort(ranked.begin(), ranked.begin() + long(k), ranked.end(),
                      [](const auto& a, const auto& b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                      });
    size_t hits = 0;
    for (size_t r = 0; r < k; ++r)
        hits += shows(*pool[ranked[r].second], attribute);
    result.precision = k ? double(hits) / double(k) : 0;
    return result;
}

} // namespace

std::vector<AttributePrecision> precisionAtK(const std::vector<EmbeddedImage>& images,
                                             BuiltinEmbedder& embedder, size_t k) {
    std::vector<const EmbeddedImage*> pool;
    for (const auto& image : images)
        pool.push_back(&image);
    std::vector<AttributePrecision> table;
    for (const auto& degradation : photoDegradations())
        table.push_back(searchFor(degradation.attribute, pool, embedder, k));
    return table;
}

AttributePrecision tiltPrecisionWithoutHorizon(const std::vector<EmbeddedImage>& images,
                                               BuiltinEmbedder& embedder, size_t k) {
    std::vector<const EmbeddedImage*> pool;
    for (const auto& image : images)
        if (!image.horizon)
            pool.push_back(&image);
    return searchFor("tilted_snapshot_angle", pool, embedder, k);
}

} // namespace curator::realphotos
