#pragma once

// The builtin embedder measured on real photographs (issue 18): the fetched photos of one split, each
// clean and degraded (photodegradations.h), embedded, and every degradation searched for by its name.

#include "models/builtinembedder.h"

#include <string>
#include <vector>

namespace curator::realphotos {

// One row of DIR/photos.tsv, written by fetch_photos.sh.
struct PhotoEntry {
    std::string file;  // relative to DIR
    std::string split; // calibration or test
    bool horizon = false;
};

// Throws std::runtime_error naming the file and the line when photos.tsv is missing or malformed.
std::vector<PhotoEntry> readPhotoList(const std::string& directory);

struct EmbeddedImage {
    std::string photo;
    bool horizon = false;
    std::string attribute; // empty: clean
    double strength = 0;
    std::vector<double> rawFeatures;
    std::vector<float> vector;
};

inline constexpr int kPhotoLongSide = 768; // a web-sized photo, like most of a collection
inline constexpr int kCopiesPerDegradation = 2;
inline constexpr uint64_t kDegradationSeed = 18;

// The split's photos reduced, degraded and described by the builtin embedder on `threads` threads.
// Throws std::runtime_error naming an unreadable photo.
std::vector<EmbeddedImage> embedSplit(const std::string& directory, const std::string& split,
                                      unsigned threads, int copies = kCopiesPerDegradation);

struct AttributePrecision {
    std::string attribute;
    size_t positives = 0;
    double precision = 0;
};

// For each degradation, its name searched as text over `images`: the share of the top `k` that carry it.
// With `noHorizonOnly`, tilt is searched among the images of photos without a horizon.
std::vector<AttributePrecision> precisionAtK(const std::vector<EmbeddedImage>& images,
                                             BuiltinEmbedder& embedder, size_t k);
AttributePrecision tiltPrecisionWithoutHorizon(const std::vector<EmbeddedImage>& images,
                                               BuiltinEmbedder& embedder, size_t k);

} // namespace curator::realphotos
