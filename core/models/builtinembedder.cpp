#include "models/builtinembedder.h"

#include "common/fileutil.h"
#include "common/parallel.h"
#include "models/builtinfeatures.h"
#include "models/opencvimage.h"

#include <algorithm>
#include <cmath>

// The builtin embedder's image side: raw features (builtinfeatures.cpp) standardised into a descriptor.

namespace curator {

using builtin::FeatureCount;
using builtin::kAxes;
using builtin::kCalibration;

namespace {

constexpr double kDeadZone = 0.75;
constexpr double kCap = 4.0;

} // namespace

const std::vector<std::string>& BuiltinEmbedder::featureNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const auto& c : kCalibration)
            result.push_back(c.name);
        return result;
    }();
    return names;
}

Result<std::vector<double>> BuiltinEmbedder::measureFeatures(const RgbImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != size_t(image.width) * size_t(image.height) * 3)
        return makeError("builtin embedder: an image of " + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + " with " + std::to_string(image.pixels.size()) +
                         " bytes (expected width * height * 3 > 0)");
    if (image.width < 16 || image.height < 16)
        return makeError("builtin embedder: an image of " + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + " is too small to measure (at least 16x16)");
    std::vector<double> f(FeatureCount, 0.0);
    keepOpenCvSingleThreaded(); // the scorer measures here too, one image per rating thread
    try {
        f = builtin::measureRawFeatures(rgbView(image));
    } catch (const cv::Exception& error) {
        return makeError(std::string("builtin embedder: OpenCV failed: ") + error.what());
    }
    for (double& value : f)
        if (!std::isfinite(value))
            value = 0;
    return f;
}

std::vector<double> BuiltinEmbedder::standardize(const std::vector<double>& raw) {
    std::vector<double> z(raw.size(), 0.0);
    for (size_t i = 0; i < raw.size() && i < FeatureCount; ++i)
        z[i] = (raw[i] - kCalibration[i].centre) / kCalibration[i].spread;
    return z;
}

Result<std::vector<float>> BuiltinEmbedder::describe(const RgbImage& image) {
    auto raw = measureFeatures(image);
    if (!raw)
        return raw.takeError();
    const std::vector<double> z = standardize(*raw);
    std::vector<float> v(kDimension, 0.0f);
    v[0] = 1.0f; // the constant axis: a clean image points mostly here
    for (size_t i = 0; i < FeatureCount; ++i) {
        const double shrunk = std::copysign(std::max(0.0, std::abs(z[i]) - kDeadZone), z[i]);
        const double capped = kCap * std::tanh(shrunk / kCap);
        v[kAxes.high[i]] = float(std::max(0.0, capped));
        if (kAxes.low[i] >= 0)
            v[size_t(kAxes.low[i])] = float(std::max(0.0, -capped));
    }
    double norm = 0;
    for (float x : v)
        norm += double(x) * x;
    norm = std::sqrt(norm);
    for (float& x : v)
        x = float(x / norm);
    return v;
}

Result<std::vector<std::vector<float>>> BuiltinEmbedder::embedImages(const std::vector<RgbImage>& images) {
    std::vector<std::vector<float>> result(images.size());
    ParallelOptions options;
    options.threads = m_threads;
    options.describeItem = [](size_t i) { return "image " + std::to_string(i); };
    keepOpenCvSingleThreaded();
    // The error of the lowest failing image is reported, whatever the thread count.
    Status status = parallelFor(images.size(), options, [&](size_t i) -> Status {
        auto v = describe(images[i]);
        if (!v)
            return makeError("image " + std::to_string(i) + ": " + v.error());
        result[i] = std::move(*v);
        return {};
    });
    if (!status)
        return status.takeError();
    return result;
}

Result<std::unique_ptr<BuiltinEmbedder>> BuiltinEmbedder::create(const std::string& vocabularyPath,
                                                                 unsigned threads) {
    auto text = readWholeFile(vocabularyPath);
    if (!text)
        return makeError("builtin embedder vocabulary: " + text.error());
    return fromVocabularyJson(*text, vocabularyPath, threads);
}

} // namespace curator
