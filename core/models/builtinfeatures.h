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
    double centre; // where the feature starts to count (about the clean images' median, fitted)
    double spread; // how far one unit of the descriptor is (about the clean images' spread, fitted)
    bool twoSided; // both directions mean something (blurred and over-sharpened); else only "more"
};

// Fitted, with the vocabulary's weights, by tests/realphotos/fit_builtin.py on the calibration photos of
// tests/realphotos (clean and degraded) and the demo collection, starting from the demo's medians and
// spreads (v2). v3 measures vignette, flash and light leak anew; their three rows were chosen among a few
// candidates by the same objective with the rest held (a full refit over-fitted the 25 photos). v4
// measures blur anisotropy anew (the fine band's beyond the coarse band's); its row was chosen the same way.
// Changing any constant changes the model: bump the version in kModelName.
inline constexpr Calibration kCalibration[FeatureCount] = {
    {"sharpness", -3.43, 0.48, true},
    {"blur_anisotropy", 0.12, 0.12, false},
    {"noise", -6.02, 0.4, false},
    {"blockiness", 1.005, 0.3, false},
    {"scanlines", -7.7, 0.64, false},
    {"chroma_shift", -0.945, 0.1875, false},
    {"saturation", 0.435, 0.088, true},
    {"colorfulness", 0.137, 0.06, true},
    {"hue_clash", -0.06, 0.08, false},
    {"neon", -0.075, 0.04, false},
    {"cast_green_red", 8.64, 4.8, true},
    {"cast_blue_yellow", 7.7, 8.8, true},
    {"brightness", 0.567, 0.06875, true},
    {"contrast", 0.1788, 0.02, true},
    {"clipped_highlights", 0.009, 0.03, false},
    {"clipped_shadows", 0.0, 0.01, false},
    {"vignette", 1.0, 0.4, false},
    {"flash", 1.0, 0.5, false},
    {"light_leak", 0.45, 0.1, false},
    {"tilt", -2.25, 0.9, false},
    {"edge_density", 0.0445, 0.013, true},
    {"dense_edges", 0.007, 0.008, false},
    {"haloing", 0.944, 0.1, true},
    {"warmth", 0.0941, 0.117, true},
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
