#pragma once

// Degradations of real photographs as a photo editor or an old camera makes them, written apart from the
// demo generator's (core/demo) so that the builtin embedder is measured on effects it was not drawn with.
// Each takes an RGB CV_8UC3 image and a strength in [0, 1] (0: the mildest that is still plainly there).

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace curator::realphotos {

struct Degradation {
    std::string attribute; // the taxonomy attribute it shows, also the text searched for it
    // Further attributes a search for which may rightly return it (VHS decay carries scanlines).
    std::vector<std::string> alsoShows;
};

// The fourteen degradations of issue 18, in a fixed order.
const std::vector<Degradation>& photoDegradations();

// Applies the named degradation; `seed` picks its free choices (direction, hue, corner). Throws
// std::invalid_argument for an unknown attribute.
cv::Mat degradePhoto(const cv::Mat& rgb8, const std::string& attribute, double strength, uint64_t seed);

// The tilt degradation's geometry: the image turned by `degrees` (positive: anticlockwise) and cropped to
// the largest upright rectangle of its aspect inside the turned frame, scaled back to its size. With `turn`
// false, the same crop and scale without the turn: a copy that differs from the tilted one by the turn
// alone (realphoto_tool --tilt-pairs).
cv::Mat turnAndCrop(const cv::Mat& image, double degrees, bool turn = true);

// The photo reduced so that its longer side is `longSide` (never enlarged).
cv::Mat reducePhoto(const cv::Mat& rgb8, int longSide);

// One image of a degraded set: a photo, clean or degraded, as a decoder would return it.
struct DegradedImage {
    std::string photo;
    std::string attribute; // empty: the clean photo
    double strength = 0;
    cv::Mat rgb8;
};

// The clean photo and `copies` degraded copies per degradation at random strengths (seeded by the photo's
// name and `seed`). Every copy goes through JPEG (quality 92, or the blocking degradation's own quality).
std::vector<DegradedImage> degradedSet(const std::string& photo, const cv::Mat& rgb8, int copies,
                                       uint64_t seed);

} // namespace curator::realphotos
