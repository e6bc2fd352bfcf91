#include "photodegradations.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>

namespace curator::realphotos {

namespace {

using Rng = std::mt19937_64;

double lerp(double a, double b, double t) {
    return a + (b - a) * t;
}

double uniform(Rng& rng, double a, double b) {
    return std::uniform_real_distribution<double>(a, b)(rng);
}

cv::Mat toFloat(const cv::Mat& rgb8) {
    cv::Mat f;
    rgb8.convertTo(f, CV_32FC3, 1.0 / 255);
    return f;
}

cv::Mat toBytes(const cv::Mat& f) {
    cv::Mat b;
    f.convertTo(b, CV_8UC3, 255); // saturates: what a camera or an editor clips
    return b;
}

// Per-pixel gain (CV_32F, one channel) applied to the three channels.
cv::Mat applyGain(const cv::Mat& f, const cv::Mat& gain) {
    cv::Mat gain3;
    cv::merge(std::vector<cv::Mat>{gain, gain, gain}, gain3);
    return f.mul(gain3);
}

// Distance from the centre, 1 at the corners.
cv::Mat radius(const cv::Size& size) {
    cv::Mat r(size, CV_32F);
    const double cx = (size.width - 1) / 2.0, cy = (size.height - 1) / 2.0, corner = std::hypot(cx, cy);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            r.at<float>(y, x) = float(std::hypot(x - cx, y - cy) / corner);
    return r;
}

cv::Mat luma(const cv::Mat& f) {
    cv::Mat y;
    cv::cvtColor(f, y, cv::COLOR_RGB2GRAY);
    return y;
}

cv::Mat motionBlur(const cv::Mat& f, double s, Rng& rng) {
    const int length = int(std::lround(lerp(7, 24, s)));
    const double angle = uniform(rng, 0, CV_PI);
    const int side = length | 1;
    cv::Mat kernel = cv::Mat::zeros(side, side, CV_32F);
    const double c = side / 2.0, dx = std::cos(angle) * length / 2.0, dy = std::sin(angle) * length / 2.0;
    cv::line(kernel, cv::Point2d(c - dx, c - dy) * 16, cv::Point2d(c + dx, c + dy) * 16, 1.0, 1, cv::LINE_AA,
             4);
    kernel /= cv::sum(kernel)[0];
    cv::Mat out;
    cv::filter2D(f, out, -1, kernel, {-1, -1}, 0, cv::BORDER_REFLECT);
    return out;
}

cv::Mat focusBlur(const cv::Mat& f, double s) {
    const int r = int(std::lround(lerp(3, 9, s)));
    cv::Mat kernel = cv::Mat::zeros(2 * r + 1, 2 * r + 1, CV_32F);
    cv::circle(kernel, {r, r}, r, 1.0, cv::FILLED, cv::LINE_AA);
    kernel /= cv::sum(kernel)[0];
    cv::Mat out;
    cv::filter2D(f, out, -1, kernel, {-1, -1}, 0, cv::BORDER_REFLECT);
    return out;
}

// Every `period`-th pair of rows darkened, as a CRT or a TV capture shows it.
void darkenRows(cv::Mat& f, int period, double darkness) {
    for (int y = 0; y < f.rows; ++y)
        if (y % period == 0)
            f.row(y) *= 1.0 - darkness;
}

cv::Mat scanlines(const cv::Mat& f, double s, Rng& rng) {
    cv::Mat out = f.clone();
    darkenRows(out, rng() % 2 ? 3 : 4, lerp(0.2, 0.55, s));
    return out;
}

// Tape: smeared (luma less than chroma), chroma off to the side, tracking jitter, lines, hiss, washed blacks.
cv::Mat vhs(const cv::Mat& f, double s, Rng& rng) {
    cv::Mat ycc;
    cv::cvtColor(f, ycc, cv::COLOR_RGB2YCrCb);
    std::vector<cv::Mat> ch;
    cv::split(ycc, ch);
    auto smear = [](cv::Mat& m, double factor) {
        cv::Mat small;
        cv::resize(m, small, {std::max(8, int(m.cols * factor)), m.rows}, 0, 0, cv::INTER_AREA);
        cv::resize(small, m, m.size(), 0, 0, cv::INTER_LINEAR);
    };
    smear(ch[0], lerp(0.55, 0.3, s));
    const int shift = int(std::lround(lerp(2, 6, s)));
    for (int k : {1, 2}) {
        smear(ch[k], lerp(0.2, 0.1, s));
        cv::Mat shifted;
        const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, k == 1 ? shift : -shift, 0, 1, 0);
        cv::warpAffine(ch[k], shifted, m, ch[k].size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        ch[k] = 0.5 + (shifted - 0.5) * lerp(0.9, 0.7, s);
    }
    cv::merge(ch, ycc);
    cv::Mat out;
    cv::cvtColor(ycc, out, cv::COLOR_YCrCb2RGB);
    // Tracking: a band of rows pulled sideways near the bottom.
    const int bandTop = int(out.rows * uniform(rng, 0.75, 0.9)), band = std::max(4, out.rows / 40);
    for (int y = bandTop; y < std::min(out.rows, bandTop + band); ++y) {
        const int dx = int(uniform(rng, 3, 12));
        cv::Mat row = out.row(y).clone();
        row.colRange(0, out.cols - dx).copyTo(out.row(y).colRange(dx, out.cols));
    }
    darkenRows(out, 3, lerp(0.12, 0.3, s));
    cv::Mat noise(out.size(), CV_32FC3);
    cv::randn(noise, 0, lerp(0.015, 0.04, s));
    out += noise;
    out.convertTo(out, CV_32FC3, 0.9, 0.06); // washed blacks
    return out;
}

// A synthwave gradient map: shadows to deep violet, mid-tones to magenta, highlights to cyan and acid green.
cv::Mat neon(const cv::Mat& f, double s, Rng& rng) {
    const std::vector<cv::Vec3f> palettes[] = {
        {{0.15f, 0.0f, 0.35f}, {1.0f, 0.05f, 0.75f}, {0.0f, 1.0f, 0.95f}, {0.75f, 1.0f, 0.1f}},
        {{0.05f, 0.0f, 0.25f}, {0.0f, 0.9f, 1.0f}, {1.0f, 0.1f, 0.85f}, {1.0f, 0.95f, 0.2f}},
    };
    const auto& palette = palettes[rng() % 2];
    const cv::Mat y = luma(f);
    cv::Mat mapped(f.size(), CV_32FC3);
    for (int r = 0; r < f.rows; ++r)
        for (int c = 0; c < f.cols; ++c) {
            const double t = std::clamp(double(y.at<float>(r, c)), 0.0, 1.0) * (palette.size() - 1);
            const size_t i = std::min(palette.size() - 2, size_t(t));
            const double w = t - double(i);
            mapped.at<cv::Vec3f>(r, c) = palette[i] * float(1 - w) + palette[i + 1] * float(w);
        }
    const double mix = lerp(0.65, 1.0, s);
    return f * (1 - mix) + mapped * mix;
}

// On-camera flash at night: a blown centre, the rest falling off into the dark, contrast pushed.
cv::Mat flash(const cv::Mat& f, double s) {
    const cv::Mat r = radius(f.size());
    cv::Mat falloff;
    cv::exp(-r.mul(r) / (2 * 0.35 * 0.35), falloff);
    const cv::Mat gain = lerp(0.45, 0.25, s) + falloff * lerp(1.6, 2.6, s);
    cv::Mat out;
    const double contrast = lerp(1.15, 1.4, s);
    applyGain(f, gain).convertTo(out, CV_32FC3, contrast, 0.5 * (1 - contrast));
    return out;
}

// A milky haze: every pixel pulled towards a pale grey, colour with it.
cv::Mat washedOut(const cv::Mat& f, double s) {
    const double pull = lerp(0.45, 0.72, s);
    cv::Mat out;
    f.convertTo(out, CV_32FC3, 1 - pull, lerp(0.6, 0.7, s) * pull);
    return out;
}

// Film grain: mostly luminance, a little colour, slightly clumped.
cv::Mat grain(const cv::Mat& f, double s) {
    cv::Mat mono(f.size(), CV_32F), colour(f.size(), CV_32FC3);
    const double sigma = lerp(0.035, 0.09, s);
    cv::randn(mono, 0, sigma);
    cv::randn(colour, 0, sigma * 0.3);
    cv::GaussianBlur(mono, mono, {0, 0}, 0.6);
    cv::Mat mono3;
    cv::merge(std::vector<cv::Mat>{mono, mono, mono}, mono3);
    return f + mono3 * 1.4 + colour;
}

// A crooked snapshot: rotated, then cropped to the largest upright rectangle and scaled back.
cv::Mat tilt(const cv::Mat& f, double s, Rng& rng) {
    return turnAndCrop(f, lerp(4, 12, s) * (rng() % 2 ? 1 : -1));
}

cv::Mat vignette(const cv::Mat& f, double s) {
    cv::Mat r = radius(f.size()), shaped;
    cv::pow(r, lerp(2.4, 1.8, s), shaped);
    return applyGain(f, 1.0 - shaped * lerp(0.45, 0.8, s));
}

// Light leaking into the camera: a warm glow screened over one edge or corner.
cv::Mat lightLeak(const cv::Mat& f, double s, Rng& rng) {
    const cv::Point2d anchors[] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 0.5}, {1, 0.5}};
    const cv::Point2d anchor = anchors[rng() % 6];
    const cv::Vec3f colour = rng() % 2 ? cv::Vec3f(1.0f, 0.45f, 0.1f) : cv::Vec3f(1.0f, 0.22f, 0.15f);
    const double reach = lerp(0.35, 0.6, s) * std::max(f.cols, f.rows), strength = lerp(0.6, 1.0, s);
    cv::Mat out = f.clone();
    for (int y = 0; y < f.rows; ++y)
        for (int x = 0; x < f.cols; ++x) {
            const double d = std::hypot(x - anchor.x * f.cols, y - anchor.y * f.rows) / reach;
            const float g = float(strength * std::exp(-d * d * 1.5));
            auto& p = out.at<cv::Vec3f>(y, x);
            for (int k = 0; k < 3; ++k)
                p[k] = 1 - (1 - p[k]) * (1 - g * colour[k]); // screen
        }
    return out;
}

// The taxonomy's sickly colour cast: a green to yellow tint over the whole frame, shadows included.
cv::Mat colourCast(const cv::Mat& f, double s, Rng& rng) {
    const cv::Vec3f casts[] = {
        {-0.6f, 1.0f, -0.5f}, {0.3f, 0.9f, -0.9f}, {0.7f, 0.6f, -1.0f}, {-0.8f, 0.7f, 0.1f}};
    const cv::Vec3f cast = casts[rng() % 4];
    const double k = lerp(0.15, 0.32, s);
    std::vector<cv::Mat> ch;
    cv::split(f, ch);
    for (int c = 0; c < 3; ++c)
        ch[c] = ch[c] * (1 + k * cast[c]) + 0.25 * k * cast[c];
    cv::Mat out;
    cv::merge(ch, out);
    return out;
}

cv::Mat overSharpen(const cv::Mat& f, double s) {
    cv::Mat blurred;
    cv::GaussianBlur(f, blurred, {0, 0}, lerp(1.5, 3.0, s));
    return f + (f - blurred) * lerp(1.8, 4.0, s);
}

int jpegQuality(double s) {
    return int(std::lround(lerp(20, 6, s)));
}

cv::Mat throughJpeg(const cv::Mat& rgb8, int quality) {
    cv::Mat bgr;
    cv::cvtColor(rgb8, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> bytes;
    cv::imencode(".jpg", bgr, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
    cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_COLOR), rgb;
    cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

} // namespace

const std::vector<Degradation>& photoDegradations() {
    static const std::vector<Degradation> all = {
        {"motion_blur", {}},
        {"out_of_focus_blur", {}},
        {"vhs_decay", {"scanline_texture"}},
        {"scanline_texture", {}},
        {"jpeg_artifacts", {}},
        {"toxic_neon_palette", {}},
        {"harsh_flash", {}},
        {"oppressive_low_contrast", {}},
        {"film_grain", {}},
        {"tilted_snapshot_angle", {}},
        {"vignette", {}},
        {"light_leak", {}},
        {"sickly_color_cast", {}},
        {"over_sharpened_haloing", {}},
    };
    return all;
}

cv::Mat degradePhoto(const cv::Mat& rgb8, const std::string& attribute, double strength, uint64_t seed) {
    Rng rng(seed);
    cv::theRNG().state = seed | 1; // cv::randn
    const double s = std::clamp(strength, 0.0, 1.0);
    if (attribute == "jpeg_artifacts")
        return throughJpeg(rgb8, jpegQuality(s));
    const cv::Mat f = toFloat(rgb8);
    const std::map<std::string, std::function<cv::Mat()>> apply = {
        {"motion_blur", [&] { return motionBlur(f, s, rng); }},
        {"out_of_focus_blur", [&] { return focusBlur(f, s); }},
        {"vhs_decay", [&] { return vhs(f, s, rng); }},
        {"scanline_texture", [&] { return scanlines(f, s, rng); }},
        {"toxic_neon_palette", [&] { return neon(f, s, rng); }},
        {"harsh_flash", [&] { return flash(f, s); }},
        {"oppressive_low_contrast", [&] { return washedOut(f, s); }},
        {"film_grain", [&] { return grain(f, s); }},
        {"tilted_snapshot_angle", [&] { return tilt(f, s, rng); }},
        {"vignette", [&] { return vignette(f, s); }},
        {"light_leak", [&] { return lightLeak(f, s, rng); }},
        {"sickly_color_cast", [&] { return colourCast(f, s, rng); }},
        {"over_sharpened_haloing", [&] { return overSharpen(f, s); }},
    };
    const auto found = apply.find(attribute);
    if (found == apply.end())
        throw std::invalid_argument("no photo degradation named '" + attribute + "'");
    return toBytes(found->second());
}

cv::Mat turnAndCrop(const cv::Mat& image, double degrees, bool turn) {
    const double a = std::abs(degrees) * CV_PI / 180, w = image.cols, h = image.rows;
    // Largest axis-aligned rectangle of the image's aspect inside the rotated frame.
    const double scale = 1.0 / (std::cos(a) + std::sin(a) * std::max(w / h, h / w));
    const cv::Mat m =
        cv::getRotationMatrix2D({float(w / 2), float(h / 2)}, turn ? degrees : 0.0, 1.0 / scale);
    cv::Mat out;
    cv::warpAffine(image, out, m, image.size(), cv::INTER_CUBIC, cv::BORDER_REFLECT);
    return out;
}

cv::Mat reducePhoto(const cv::Mat& rgb8, int longSide) {
    const int longer = std::max(rgb8.cols, rgb8.rows);
    if (longer <= longSide)
        return rgb8.clone();
    cv::Mat out;
    const double scale = double(longSide) / longer;
    cv::resize(rgb8, out, {}, scale, scale, cv::INTER_AREA);
    return out;
}

std::vector<DegradedImage> degradedSet(const std::string& photo, const cv::Mat& rgb8, int copies,
                                       uint64_t seed) {
    Rng rng(seed ^ std::hash<std::string>()(photo));
    std::vector<DegradedImage> set;
    set.push_back({photo, "", 0, throughJpeg(rgb8, 92)});
    for (const auto& degradation : photoDegradations())
        for (int k = 0; k < copies; ++k) {
            // Mixed strengths: one copy per equal slice of [0, 1], placed at random inside it.
            const double strength = (k + uniform(rng, 0, 1)) / copies;
            const cv::Mat degraded = degradePhoto(rgb8, degradation.attribute, strength, rng());
            set.push_back({photo, degradation.attribute, strength,
                           degradation.attribute == "jpeg_artifacts" ? degraded : throughJpeg(degraded, 92)});
        }
    return set;
}

} // namespace curator::realphotos
