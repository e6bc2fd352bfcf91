#include "models/builtinembedder.h"

#include "common/fileutil.h"
#include "models/opencvimage.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <set>
#include <thread>

namespace curator {

namespace {

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
constexpr Calibration kCalibration[FeatureCount] = {
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

constexpr Axes kAxes = makeAxes();
static_assert(kAxes.count == BuiltinEmbedder::kDimension, "descriptor layout and kDimension disagree");

constexpr int kWorkingSide = 512; // longer side the image is reduced to before measuring
constexpr double kDeadZone = 0.75;
constexpr double kCap = 4.0;

double medianOf(const cv::Mat& values) {
    cv::Mat flat = values.reshape(1, 1).clone();
    auto* begin = flat.ptr<float>();
    auto* end = begin + flat.total();
    auto* middle = begin + flat.total() / 2;
    std::nth_element(begin, middle, end);
    return *middle;
}

double meanOf(const cv::Mat& m) {
    return cv::mean(m)[0];
}

// JPEG blocking: steps across the 8x8 grid between pixels that are flat on both sides, counted against
// the same pattern half a block off the grid (log ratio: about 0 for an image without blocks).
double blockiness(const cv::Mat& gray8) {
    if (gray8.cols < 24 || gray8.rows < 24)
        return 0;
    auto count = [&](int phase) {
        double hits = 0;
        for (int y = 0; y < gray8.rows; ++y) {
            const uchar* p = gray8.ptr<uchar>(y);
            for (int x = phase; x + 2 < gray8.cols; x += 8) {
                const int step = std::abs(int(p[x + 1]) - int(p[x]));
                const int flat =
                    std::max(std::abs(int(p[x]) - int(p[x - 1])), std::abs(int(p[x + 2]) - int(p[x + 1])));
                hits += step >= 2 && step >= 3 * flat;
            }
        }
        for (int y = phase; y + 2 < gray8.rows; y += 8) {
            const uchar* above = gray8.ptr<uchar>(y - 1);
            const uchar* p0 = gray8.ptr<uchar>(y);
            const uchar* p1 = gray8.ptr<uchar>(y + 1);
            const uchar* below = gray8.ptr<uchar>(y + 2);
            for (int x = 0; x < gray8.cols; ++x) {
                const int step = std::abs(int(p1[x]) - int(p0[x]));
                const int flat =
                    std::max(std::abs(int(p0[x]) - int(above[x])), std::abs(int(below[x]) - int(p1[x])));
                hits += step >= 2 && step >= 3 * flat;
            }
        }
        return hits;
    };
    const double pixels = double(gray8.total());
    return std::log((count(7) + 0.002 * pixels) / (count(3) + 0.002 * pixels));
}

// Dominant deviation (degrees) of near-axis straight lines from the axes.
double dominantTilt(const cv::Mat& edges) {
    std::vector<cv::Vec4i> lines;
    cv::HoughLinesP(edges, lines, 1, CV_PI / 180, 40, 30, 4);
    std::vector<double> histogram(51, 0.0); // -25..25 degrees
    double total = 0;
    for (const auto& l : lines) {
        const double dx = l[2] - l[0], dy = l[3] - l[1];
        const double length = std::sqrt(dx * dx + dy * dy);
        double angle = std::atan2(dy, dx) * 180 / CV_PI; // -180..180
        angle = std::fmod(angle + 360, 90);              // 0..90
        if (angle >= 45)
            angle -= 90; // -45..45: deviation from the nearest axis
        if (std::abs(angle) > 25)
            continue; // perspective diagonals, not a tilt
        histogram[size_t(std::lround(angle + 25))] += length;
        total += length;
    }
    if (total < 60)
        return 0;
    size_t peak = 0;
    double best = -1;
    for (size_t i = 0; i < histogram.size(); ++i) {
        const double smooth = histogram[i] + 0.5 * ((i > 0 ? histogram[i - 1] : 0) +
                                                    (i + 1 < histogram.size() ? histogram[i + 1] : 0));
        if (smooth > best) {
            best = smooth;
            peak = i;
        }
    }
    double sum = 0, weight = 0;
    for (size_t i = peak > 2 ? peak - 2 : 0; i <= std::min(histogram.size() - 1, peak + 2); ++i) {
        sum += histogram[i] * (double(i) - 25);
        weight += histogram[i];
    }
    return weight > 0 ? std::abs(sum / weight) : 0;
}

// How far red and blue edges are shifted sideways against each other: > 0 when a shift fits better.
double chromaShift(const cv::Mat& red, const cv::Mat& blue) {
    cv::Mat gr, gb;
    cv::Sobel(red, gr, CV_32F, 1, 0, 3);
    cv::Sobel(blue, gb, CV_32F, 1, 0, 3);
    const double norm = std::sqrt(gr.dot(gr) * gb.dot(gb)) + 1e-9;
    auto correlation = [&](int s) {
        const int w = gr.cols - std::abs(s);
        const cv::Mat a = gr.colRange(std::max(0, -s), std::max(0, -s) + w);
        const cv::Mat b = gb.colRange(std::max(0, s), std::max(0, s) + w);
        return a.dot(b) / norm;
    };
    const double atZero = correlation(0);
    double shifted = -1;
    for (int s = 2; s <= 7; ++s)
        shifted = std::max({shifted, correlation(s), correlation(-s)});
    return shifted - atZero;
}

double regionMean(const cv::Mat& m, double x0, double y0, double x1, double y1) {
    const cv::Rect r(int(x0 * m.cols), int(y0 * m.rows), std::max(1, int((x1 - x0) * m.cols)),
                     std::max(1, int((y1 - y0) * m.rows)));
    return cv::mean(m(r & cv::Rect(0, 0, m.cols, m.rows)))[0];
}

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) {
            current += char(std::tolower(u));
        } else if (!current.empty()) {
            words.push_back(current);
            current.clear();
        }
    }
    if (!current.empty())
        words.push_back(current);
    return words;
}

bool wordMatches(const std::string& vocabularyWord, const std::string& word) {
    if (vocabularyWord == word)
        return true;
    // Plurals: "scanlines" matches "scanline", "glitches" matches "glitch".
    for (const char* suffix : {"s", "es"}) {
        const std::string s(suffix);
        if (word.size() > s.size() && word.compare(word.size() - s.size(), s.size(), s) == 0 &&
            word.substr(0, word.size() - s.size()) == vocabularyWord)
            return true;
    }
    return false;
}

const std::set<std::string>& stopWords() {
    static const std::set<std::string> words = {
        "a",       "an",      "the",      "of",     "with",  "and",     "or",      "in",
        "on",      "at",      "by",       "to",     "from",  "image",   "images",  "photo",
        "photos",  "picture", "pictures", "very",   "heavy", "heavily", "strong",  "strongly",
        "lots",    "lot",     "style",    "styled", "look",  "looks",   "looking", "effect",
        "effects", "like",    "some",     "much",   "many",  "kind",    "full",    "is",
        "are",     "that",    "this",     "has",    "have",  "showing", "shot",    "frame"};
    return words;
}

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
    try {
        const cv::Mat original = rgbView(image);

        // JPEG blocks sit on the file's 8x8 grid: measured at the original resolution (a grid-aligned
        // crop of at most 1024x1024 keeps large photos cheap).
        {
            const int cw = std::min(original.cols, 1024), ch = std::min(original.rows, 1024);
            const int x0 = ((original.cols - cw) / 2) & ~7, y0 = ((original.rows - ch) / 2) & ~7;
            cv::Mat gray;
            cv::cvtColor(original(cv::Rect(x0, y0, cw, ch)), gray, cv::COLOR_RGB2GRAY);
            f[Blockiness] = blockiness(gray);
        }

        cv::Mat work8 = original;
        const int longSide = std::max(original.cols, original.rows);
        if (longSide > kWorkingSide) {
            const double s = double(kWorkingSide) / longSide;
            cv::resize(original, work8, {}, s, s, cv::INTER_AREA);
        }
        cv::Mat rgb, luma;
        work8.convertTo(rgb, CV_32FC3, 1.0 / 255);
        cv::cvtColor(rgb, luma, cv::COLOR_RGB2GRAY);

        // Grain: robust spread of a horizontal high-pass (scanlines, constant along rows, drop out).
        {
            cv::Mat smooth, residual;
            cv::GaussianBlur(luma, smooth, {7, 1}, 1.5, 0);
            cv::absdiff(luma, smooth, residual);
            f[Noise] = std::log(1.4826 * medianOf(residual) + 1e-3);
        }
        // Scanlines: a vertical high-pass averaged along rows; isolated edges touch few rows (median).
        {
            cv::Mat smooth, residual, rows;
            cv::GaussianBlur(luma, smooth, {1, 7}, 0, 1.5);
            residual = luma - smooth;
            cv::reduce(residual, rows, 1, cv::REDUCE_AVG);
            f[Scanlines] = std::log(medianOf(cv::abs(rows)) + 1e-4);
        }
        // Haloing: high-pass amplitude along strong edges relative to the edge gradient.
        {
            cv::Mat smooth, gx, gy, magnitude;
            cv::GaussianBlur(luma, smooth, {0, 0}, 3);
            cv::Sobel(smooth, gx, CV_32F, 1, 0, 3, 0.125);
            cv::Sobel(smooth, gy, CV_32F, 0, 1, 3, 0.125);
            cv::magnitude(gx, gy, magnitude);
            cv::Mat m, sd;
            cv::meanStdDev(luma, m, sd);
            // Relative to the image's contrast, so that a dim or flat image is measured the same way.
            const cv::Mat mask = magnitude > std::max(0.002, 0.125 * sd.at<double>(0));
            if (cv::countNonZero(mask) > 50) {
                const cv::Mat highPass = cv::abs(luma - smooth);
                f[Haloing] =
                    std::log(cv::mean(highPass, mask)[0] / (cv::mean(magnitude, mask)[0] + 1e-4) + 1e-3);
            } else {
                f[Haloing] = std::log(0.5);
            }
        }

        // Everything else at half the working size.
        cv::Mat half, halfLuma;
        cv::resize(rgb, half, {}, 0.5, 0.5, cv::INTER_AREA);
        cv::cvtColor(half, halfLuma, cv::COLOR_RGB2GRAY);
        const double pixels = double(halfLuma.total());

        cv::Mat mean, stddev;
        cv::meanStdDev(halfLuma, mean, stddev);
        const double variance = stddev.at<double>(0) * stddev.at<double>(0);
        f[Brightness] = mean.at<double>(0);
        f[Contrast] = stddev.at<double>(0);
        f[ClippedHighlights] = cv::countNonZero(halfLuma >= 0.96f) / pixels;
        f[ClippedShadows] = cv::countNonZero(halfLuma <= 0.04f) / pixels;

        cv::Mat denoised;
        cv::GaussianBlur(halfLuma, denoised, {0, 0}, 1.0);
        {
            cv::Mat laplacian, gx, gy;
            cv::Laplacian(denoised, laplacian, CV_32F, 1);
            // Contrast-normalised, so a dim or flat image is not taken for a blurred one.
            f[Sharpness] = std::log(meanOf(laplacian.mul(laplacian)) / (variance + 1e-3) + 1e-7);
            // Direction of the fine detail that is left: motion blur removes it along one direction only.
            cv::Mat band, fine, smooth;
            cv::GaussianBlur(luma, fine, {0, 0}, 1.0);
            cv::GaussianBlur(luma, smooth, {0, 0}, 3.0);
            band = fine - smooth;
            cv::Sobel(band, gx, CV_32F, 1, 0, 3);
            cv::Sobel(band, gy, CV_32F, 0, 1, 3);
            const double jxx = meanOf(gx.mul(gx)), jyy = meanOf(gy.mul(gy)), jxy = meanOf(gx.mul(gy));
            f[BlurAnisotropy] = std::sqrt((jxx - jyy) * (jxx - jyy) + 4 * jxy * jxy) / (jxx + jyy + 1e-9);
        }
        {
            cv::Mat bytes, edges, density;
            denoised.convertTo(bytes, CV_8U, 255);
            cv::Canny(bytes, edges, 50, 150);
            f[EdgeDensity] = cv::countNonZero(edges) / pixels;
            // Text: many short strokes packed together, unlike the sparse lines of a scene.
            cv::Mat edgeFloat;
            edges.convertTo(edgeFloat, CV_32F, 1.0 / 255);
            cv::blur(edgeFloat, density, {12, 12});
            f[DenseEdges] = cv::countNonZero(density > 0.22f) / pixels;
            f[Tilt] = dominantTilt(edges);
        }

        std::vector<cv::Mat> channels;
        cv::split(half, channels); // R G B
        f[ChromaShift] = chromaShift(channels[0], channels[2]);
        {
            const cv::Mat rg = channels[0] - channels[1];
            const cv::Mat yb = 0.5 * (channels[0] + channels[1]) - channels[2];
            cv::Mat mrg, srg, myb, syb;
            cv::meanStdDev(rg, mrg, srg);
            cv::meanStdDev(yb, myb, syb);
            const double sd = std::hypot(srg.at<double>(0), syb.at<double>(0));
            const double mu = std::hypot(mrg.at<double>(0), myb.at<double>(0));
            f[Colorfulness] = sd + 0.3 * mu; // Hasler and Suesstrunk (2003), on a 0..1 scale
            f[Warmth] = meanOf(channels[0] - channels[2]);
        }
        {
            cv::Mat hsv;
            cv::cvtColor(half, hsv, cv::COLOR_RGB2HSV); // H 0..360, S and V 0..1
            double histogram[12] = {};
            double saturatedCount = 0, neonCount = 0, saturationSum = 0;
            for (int y = 0; y < hsv.rows; ++y) {
                const auto* p = hsv.ptr<cv::Vec3f>(y);
                for (int x = 0; x < hsv.cols; ++x) {
                    const float h = p[x][0], s = p[x][1], v = p[x][2];
                    saturationSum += s;
                    if (s > 0.5f && v > 0.3f) {
                        histogram[std::min(11, int(h / 30))] += s * v;
                        ++saturatedCount;
                    }
                    // Fluorescent: fully saturated and bright, in acid green, cyan or magenta-pink.
                    if (s > 0.7f && v > 0.85f && ((h >= 85 && h <= 200) || (h >= 270 && h <= 345)))
                        ++neonCount;
                }
            }
            f[Saturation] = saturationSum / pixels;
            f[Neon] = neonCount / pixels;
            double total = 0;
            for (double h : histogram)
                total += h;
            double opposition = 0;
            if (total > 0)
                for (int i = 0; i < 12; ++i)
                    for (int j = 0; j < 12; ++j)
                        opposition += histogram[i] * histogram[j] * (1 - std::cos((i - j) * CV_PI / 6)) / 2;
            // 1 for two equal opposite hues, 0 for one hue; times the share of strongly coloured pixels.
            f[HueClash] = total > 0 ? 2 * opposition / (total * total) * (saturatedCount / pixels) : 0;
        }
        {
            cv::Mat lab;
            cv::cvtColor(half, lab, cv::COLOR_RGB2Lab);
            const cv::Scalar m = cv::mean(lab);
            f[CastGreenRed] = m[1];
            f[CastBlueYellow] = m[2];
        }
        {
            // Centre against each corner: a vignette darkens all four (the minimum).
            const double centre = regionMean(halfLuma, 0.35, 0.35, 0.65, 0.65);
            double darkest = 1e9;
            for (double cx : {0.03, 0.82})
                for (double cy : {0.03, 0.82})
                    darkest = std::min(darkest, centre - regionMean(halfLuma, cx, cy, cx + 0.15, cy + 0.15));
            f[Vignette] = darkest;

            const cv::Mat clipped = halfLuma >= 0.95f;
            cv::Mat clippedFloat;
            clipped.convertTo(clippedFloat, CV_32F, 1.0 / 255);
            const double centreClip = regionMean(clippedFloat, 0.3, 0.3, 0.7, 0.7);
            double borderClip = 0, borderLuma = 0;
            for (const auto& r : {cv::Vec4d(0, 0, 1, 0.15), cv::Vec4d(0, 0.85, 1, 1),
                                  cv::Vec4d(0, 0.15, 0.15, 0.85), cv::Vec4d(0.85, 0.15, 1, 0.85)}) {
                borderClip += 0.25 * regionMean(clippedFloat, r[0], r[1], r[2], r[3]);
                borderLuma += 0.25 * regionMean(halfLuma, r[0], r[1], r[2], r[3]);
            }
            f[Flash] = centreClip - borderClip + 0.5 * (centre - borderLuma);

            // Light leak: blown orange-red light crowded in one corner or edge; a cast or a warm scene
            // spreads it over every region alike.
            const cv::Mat warm = (channels[0] > 0.85f) & ((channels[0] - channels[2]) > 0.3f) &
                                 ((channels[0] - channels[1]) > 0.1f);
            cv::Mat warmFloat;
            warm.convertTo(warmFloat, CV_32F, 1.0 / 255);
            const cv::Vec4d regions[] = {{0, 0, 0.25, 0.25},  {0.75, 0, 1, 0.25},  {0, 0.75, 0.25, 1},
                                         {0.75, 0.75, 1, 1},  {0, 0.3, 0.15, 0.7}, {0.85, 0.3, 1, 0.7},
                                         {0.3, 0, 0.7, 0.15}, {0.3, 0.85, 0.7, 1}};
            std::vector<double> values;
            for (const auto& r : regions)
                values.push_back(regionMean(warmFloat, r[0], r[1], r[2], r[3]));
            std::sort(values.begin(), values.end());
            const double strongest = values.back(), typical = 0.5 * (values[3] + values[4]);
            f[LightLeak] = strongest - typical;
        }
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
    std::vector<std::string> errors(images.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < images.size(); i = next++) {
            auto v = describe(images[i]);
            if (v)
                result[i] = std::move(*v);
            else
                errors[i] = v.error();
        }
    };
    const unsigned threads = unsigned(std::min<size_t>(m_threads, images.size()));
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back(work);
        for (auto& thread : pool)
            thread.join();
    }
    for (size_t i = 0; i < images.size(); ++i)
        if (!errors[i].empty())
            return makeError("image " + std::to_string(i) + ": " + errors[i]);
    return result;
}

Result<std::unique_ptr<BuiltinEmbedder>> BuiltinEmbedder::create(const std::string& vocabularyPath,
                                                                 unsigned threads) {
    auto text = readWholeFile(vocabularyPath);
    if (!text)
        return makeError("builtin embedder vocabulary: " + text.error());
    return fromVocabularyJson(*text, vocabularyPath, threads);
}

Result<std::unique_ptr<BuiltinEmbedder>>
BuiltinEmbedder::fromVocabularyJson(std::string_view json, const std::string& label, unsigned threads) {
    nlohmann::ordered_json root;
    try {
        root = nlohmann::ordered_json::parse(json.begin(), json.end());
    } catch (const std::exception& error) {
        return makeError(label + ": not valid JSON: " + error.what());
    }
    if (!root.is_object() || !root.contains("attributes") || !root["attributes"].is_object())
        return makeError(
            label +
            ": expected an object with \"attributes\": {attribute: {phrases, raises, lowers, avoids}}");
    std::unique_ptr<BuiltinEmbedder> embedder(new BuiltinEmbedder());
    embedder->m_threads = std::max(1u, threads);
    const auto& names = featureNames();
    auto featureIndex = [&](const std::string& name) -> long {
        const auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? -1 : long(it - names.begin());
    };
    for (auto it = root["attributes"].begin(); it != root["attributes"].end(); ++it) {
        const std::string& attribute = it.key();
        const auto& entry = it.value();
        const std::string path = label + ": attributes." + attribute;
        if (!entry.is_object())
            return makeError(path + ": expected an object with phrases, raises, lowers, avoids");
        std::vector<float> direction(kDimension, 0.0f);
        for (const char* key : {"raises", "lowers", "avoids", "avoids_low"}) {
            if (!entry.contains(key))
                continue;
            const std::string k(key);
            const auto& weights = entry[key];
            if (!weights.is_object())
                return makeError(path + "." + k + ": expected an object of feature -> weight");
            for (auto w = weights.begin(); w != weights.end(); ++w) {
                const long index = featureIndex(w.key());
                if (index < 0)
                    return makeError(path + "." + k + "." + w.key() + ": not a builtin feature");
                if (!w.value().is_number())
                    return makeError(path + "." + k + "." + w.key() + ": expected a number");
                const float weight = w.value().get<float>();
                const bool low = k == "lowers" || k == "avoids_low";
                if (low && kAxes.low[index] < 0)
                    return makeError(path + "." + k + "." + w.key() +
                                     ": a one-sided feature can only be raised or avoided");
                const size_t axis = low ? size_t(kAxes.low[index]) : kAxes.high[index];
                direction[axis] += (k == "raises" || k == "lowers") ? weight : -weight;
            }
        }
        double norm = 0;
        for (float x : direction)
            norm += double(x) * x;
        if (norm <= 0)
            return makeError(path + ": raises, lowers or avoids must name at least one feature");
        for (float& x : direction)
            x = float(x / std::sqrt(norm));
        embedder->m_directions[attribute] = direction;
        embedder->m_attributeOrder.push_back(attribute);

        // The attribute's own name is always a phrase ("motion_blur" -> "motion blur").
        std::vector<std::vector<std::string>> phrases = {splitWords(attribute)};
        if (entry.contains("phrases")) {
            if (!entry["phrases"].is_array())
                return makeError(path + ".phrases: expected an array of strings");
            for (const auto& phrase : entry["phrases"]) {
                if (!phrase.is_string())
                    return makeError(path + ".phrases: expected an array of strings");
                auto words = splitWords(phrase.get<std::string>());
                if (!words.empty())
                    phrases.push_back(std::move(words));
            }
        }
        for (auto& words : phrases)
            embedder->m_phrases.push_back({std::move(words), attribute});
    }
    if (embedder->m_attributeOrder.empty())
        return makeError(label + ": no attributes");
    std::stable_sort(embedder->m_phrases.begin(), embedder->m_phrases.end(),
                     [](const Phrase& a, const Phrase& b) { return a.words.size() > b.words.size(); });
    return embedder;
}

std::vector<std::string> BuiltinEmbedder::knownAttributes() const {
    return m_attributeOrder;
}

Result<TextEmbedding> BuiltinEmbedder::embedText(const std::string& text) {
    const std::vector<std::string> words = splitWords(text);
    if (words.empty())
        return makeError("the builtin embedder cannot embed an empty text");
    std::vector<std::string> matched, unknown;
    for (size_t i = 0; i < words.size();) {
        const Phrase* best = nullptr;
        for (const auto& phrase : m_phrases) { // longest first
            if (phrase.words.size() > words.size() - i)
                continue;
            bool all = true;
            for (size_t k = 0; k < phrase.words.size() && all; ++k)
                all = wordMatches(phrase.words[k], words[i + k]);
            if (all) {
                best = &phrase;
                break;
            }
        }
        if (best) {
            if (std::find(matched.begin(), matched.end(), best->attribute) == matched.end())
                matched.push_back(best->attribute);
            i += best->words.size();
        } else {
            if (!stopWords().count(words[i]))
                unknown.push_back(words[i]);
            ++i;
        }
    }
    if (matched.empty()) {
        std::string examples;
        for (size_t i = 0; i < m_attributeOrder.size() && i < 8; ++i)
            examples += (i ? ", " : "") + m_attributeOrder[i];
        return makeError("the builtin embedder does not know any word of '" + text +
                         "'; it knows taxonomy attributes such as " + examples +
                         " (pixel statistics only; use a vision-language model for other queries)");
    }
    TextEmbedding result;
    result.vector.assign(dimension(), 0.0f);
    for (const auto& attribute : matched) {
        const auto& direction = m_directions.at(attribute);
        for (size_t i = 0; i < direction.size(); ++i)
            result.vector[i] += direction[i];
    }
    double norm = 0;
    for (float x : result.vector)
        norm += double(x) * x;
    norm = std::sqrt(norm);
    if (norm <= 1e-9)
        return makeError("the builtin embedder: the attributes in '" + text + "' cancel each other out");
    for (float& x : result.vector)
        x = float(x / norm);
    if (!unknown.empty()) {
        std::string list;
        for (const auto& w : unknown)
            list += (list.empty() ? "" : ", ") + w;
        result.warnings.push_back("the builtin embedder ignored words it does not know: " + list);
    }
    return result;
}

std::string defaultBuiltinVocabularyPath(const std::string& resourcesDirectory) {
    if (resourcesDirectory.empty())
        return "builtin_vocabulary.json";
    return resourcesDirectory + (resourcesDirectory.back() == '/' ? "" : "/") + "builtin_vocabulary.json";
}

} // namespace curator
