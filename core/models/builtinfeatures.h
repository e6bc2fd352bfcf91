#pragma once

// Internals of BuiltinEmbedder shared by its files (not a public header): the features, their calibration,
// the descriptor layout and the measurements.

#include "models/builtinembedder.h"

#include <opencv2/core.hpp>

#include <cstddef>
#include <vector>

namespace curator::builtin {

enum Feature : size_t {
    Sharpness,
    BlurAnisotropy,
    Noise,
    Blockiness,
    Scanlines,
    ChromaShift,
    Saturation,
    Colorfulness,
    HueClash,
    Neon,
    CastGreenRed,
    CastBlueYellow,
    Brightness,
    Contrast,
    ClippedHighlights,
    ClippedShadows,
    Vignette,
    Flash,
    LightLeak,
    Tilt,
    EdgeDensity,
    DenseEdges,
    Haloing,
    Warmth,
    FeatureCount
};
static_assert(FeatureCount == BuiltinEmbedder::kFeatureCount, "feature table and kFeatureCount disagree");

struct Calibration {
    const char* name;
    double centre; // about the median over clean demo images
    double spread; // a robust spread over clean demo images, widened where degradations sit far away
    bool twoSided; // both directions mean something (blurred and over-sharpened); else only "more"
};

// Calibrated on the clean images of the demo collection (seed 7, 1,800 images). Changing any constant
// changes the model: bump the version in kModelName.
inline constexpr Calibration kCalibration[FeatureCount] = {
    {"sharpness", -4.33, 0.6, true},
    {"blur_anisotropy", 0.28, 0.15, false},
    {"noise", -6.02, 0.4, false},
    {"blockiness", 0.78, 0.3, false},
    {"scanlines", -8.3, 0.8, false},
    {"chroma_shift", -0.9, 0.15, false},
    {"saturation", 0.27, 0.11, true},
    {"colorfulness", 0.137, 0.06, true},
    {"hue_clash", 0.0, 0.08, false},
    {"neon", 0.0, 0.05, false},
    {"cast_green_red", -0.36, 6.0, true},
    {"cast_blue_yellow", 7.7, 11.0, true},
    {"brightness", 0.567, 0.055, true},
    {"contrast", 0.16, 0.025, true},
    {"clipped_highlights", 0.0, 0.03, false},
    {"clipped_shadows", 0.0, 0.01, false},
    {"vignette", -0.06, 0.08, false},
    {"flash", 0.0235, 0.06, false},
    {"light_leak", 0.0, 0.04, false},
    {"tilt", 0.0, 1.5, false},
    {"edge_density", 0.025, 0.013, true},
    {"dense_edges", 0.001, 0.008, false},
    {"haloing", 1.094, 0.1, true},
    {"warmth", 0.059, 0.117, true},
};

// Descriptor layout: axis 0 is constant; each feature has a "high" axis, two-sided ones also a "low" one.
struct Axes {
    size_t high[FeatureCount];
    long low[FeatureCount]; // -1: one-sided
    size_t count;
};

constexpr Axes makeAxes() {
    Axes axes{};
    size_t next = 1;
    for (size_t i = 0; i < FeatureCount; ++i) {
        axes.high[i] = next++;
        axes.low[i] = kCalibration[i].twoSided ? long(next++) : -1;
    }
    axes.count = next;
    return axes;
}

inline constexpr Axes kAxes = makeAxes();
static_assert(kAxes.count == BuiltinEmbedder::kDimension, "descriptor layout and kDimension disagree");

// Raw measurements of an 8-bit RGB image of at least 16x16, in Feature order (not yet checked for
// finiteness). OpenCV's exceptions pass through.
std::vector<double> measureRawFeatures(const cv::Mat& original);

} // namespace curator::builtin
