#include "models/builtinscorer.h"

#include "models/builtinembedder.h"

#include <algorithm>
#include <cmath>

namespace curator {

namespace {

double clamp01(double x) {
    return std::clamp(x, 0.0, 1.0);
}

// Indices into BuiltinEmbedder::featureNames(), looked up once by name.
size_t featureIndex(const char* name) {
    const auto& names = BuiltinEmbedder::featureNames();
    return size_t(std::find(names.begin(), names.end(), name) - names.begin());
}

} // namespace

Result<double> BuiltinScorer::scoreImage(const RgbImage& image) {
    static const size_t sharpness = featureIndex("sharpness"), noise = featureIndex("noise"),
                        brightness = featureIndex("brightness"), contrast = featureIndex("contrast"),
                        colorfulness = featureIndex("colorfulness"),
                        clippedHigh = featureIndex("clipped_highlights"),
                        clippedLow = featureIndex("clipped_shadows");
    auto features = BuiltinEmbedder::measureFeatures(image);
    if (!features)
        return features.takeError();
    const auto& f = *features;
    const double s = clamp01((f[sharpness] + 6.5) / 3);
    const double e = clamp01(1 - std::abs(f[brightness] - 0.5) / 0.4 - 2 * (f[clippedHigh] + f[clippedLow]));
    const double c = clamp01(f[colorfulness] / 0.25);
    const double n = clamp01(1 - (f[noise] + 6) / 3);
    const double k = clamp01(f[contrast] / 0.2);
    return 15 * (0.30 * s + 0.25 * e + 0.15 * c + 0.20 * n + 0.10 * k);
}

Result<std::vector<double>> BuiltinScorer::score(const std::vector<RgbImage>& images,
                                                 const std::vector<std::string>& captions) {
    if (captions.size() != images.size())
        return makeError("builtin-proxy scorer: " + std::to_string(images.size()) + " images but " +
                         std::to_string(captions.size()) + " captions (expected one caption per image)");
    std::vector<double> scores;
    scores.reserve(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        auto value = scoreImage(images[i]);
        if (!value)
            return makeError("builtin-proxy scorer: image " + std::to_string(i) + ": " + value.error());
        scores.push_back(*value);
    }
    return scores;
}

} // namespace curator
