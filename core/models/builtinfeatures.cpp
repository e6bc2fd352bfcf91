#include "models/builtinfeatures.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace curator::builtin {

namespace {

constexpr int kWorkingSide = 512; // longer side the image is reduced to before measuring

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

// The lean of one band of detail (Gaussian blur at `fine` minus at `coarse`) as the structure tensor's
// doubled-angle vector over its trace: length 0 when gradients go every way, 1 when all share one direction.
cv::Vec2d orientation(const cv::Mat& luma, double fine, double coarse) {
    cv::Mat sharp, soft, gx, gy;
    cv::GaussianBlur(luma, sharp, {0, 0}, fine);
    cv::GaussianBlur(luma, soft, {0, 0}, coarse);
    const cv::Mat band = sharp - soft;
    cv::Sobel(band, gx, CV_32F, 1, 0, 3);
    cv::Sobel(band, gy, CV_32F, 0, 1, 3);
    const double jxx = meanOf(gx.mul(gx)), jyy = meanOf(gy.mul(gy)), jxy = meanOf(gx.mul(gy));
    const double trace = jxx + jyy + 1e-12;
    return {(jxx - jyy) / trace, 2 * jxy / trace};
}

// How far the straight lines that are nearly upright or level lean, in degrees, times how much of their
// length leans that way: natural clutter (grass, branches) spreads its lines over every angle and scores
// low, a crooked frame moves its verticals and its horizon together.
double dominantTilt(const cv::Mat& edges) {
    std::vector<cv::Vec4i> lines;
    const int minimumLength = std::max(30, std::min(edges.cols, edges.rows) / 8);
    cv::HoughLinesP(edges, lines, 1, CV_PI / 360, 40, minimumLength, 3);
    constexpr int kRange = 16; // degrees either side of an axis; beyond it, perspective or content
    std::vector<double> histogram(2 * kRange + 1, 0.0);
    double total = 0;
    for (const auto& l : lines) {
        const double dx = l[2] - l[0], dy = l[3] - l[1];
        const double length = std::sqrt(dx * dx + dy * dy);
        double angle = std::atan2(dy, dx) * 180 / CV_PI; // -180..180
        angle = std::fmod(angle + 360, 90);              // 0..90
        if (angle >= 45)
            angle -= 90; // -45..45: deviation from the nearest axis
        if (std::abs(angle) > kRange)
            continue;
        histogram[size_t(std::lround(angle + kRange))] += length;
        total += length;
    }
    if (total < 3.0 * minimumLength)
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
        sum += histogram[i] * (double(i) - kRange);
        weight += histogram[i];
    }
    return weight > 0 ? std::abs(sum / weight) * (weight / total) : 0;
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
    for (int s = 2; s <= 8; ++s)
        shifted = std::max({shifted, correlation(s), correlation(-s)});
    return shifted - atZero;
}

// JPEG blocks sit on the file's 8x8 grid: measured at the original resolution (a grid-aligned crop of at
// most 1024x1024 keeps large photos cheap).
void measureBlocks(const cv::Mat& original, std::vector<double>& f) {
    {
        const int cw = std::min(original.cols, 1024), ch = std::min(original.rows, 1024);
        const int x0 = ((original.cols - cw) / 2) & ~7, y0 = ((original.rows - ch) / 2) & ~7;
        cv::Mat gray;
        cv::cvtColor(original(cv::Rect(x0, y0, cw, ch)), gray, cv::COLOR_RGB2GRAY);
        f[Blockiness] = blockiness(gray);
    }
}

// Grain, scanlines and haloing, on the luma of the working size.
void measureFineDetail(const cv::Mat& luma, std::vector<double>& f) {
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
            f[Haloing] = std::log(cv::mean(highPass, mask)[0] / (cv::mean(magnitude, mask)[0] + 1e-4) + 1e-3);
        } else {
            f[Haloing] = std::log(0.5);
        }
    }
}

// Fine detail against local contrast in the sharpest tenth of the frame (32-px tiles of the working size):
// a photo with a blurred background still has a sharp subject, a blurred photo has none.
double sharpestDetail(const cv::Mat& luma) {
    cv::Mat denoised, laplacian;
    cv::GaussianBlur(luma, denoised, {0, 0}, 0.8);
    cv::Laplacian(denoised, laplacian, CV_32F, 1);
    constexpr int kTile = 32;
    std::vector<double> tiles;
    for (int y = 0; y + kTile <= luma.rows; y += kTile)
        for (int x = 0; x + kTile <= luma.cols; x += kTile) {
            const cv::Rect r(x, y, kTile, kTile);
            cv::Mat mean, sd;
            cv::meanStdDev(denoised(r), mean, sd);
            const double variance = sd.at<double>(0) * sd.at<double>(0);
            if (variance < 0.03 * 0.03)
                continue; // flat: sky, a wall, a bokeh blob say nothing about focus
            const cv::Mat lap = laplacian(r);
            tiles.push_back(std::log(lap.dot(lap) / double(lap.total()) / variance + 1e-7));
        }
    if (tiles.empty())
        return std::log(1e-7);
    const size_t index = tiles.size() * 9 / 10;
    std::nth_element(tiles.begin(), tiles.begin() + long(index), tiles.end());
    return tiles[index];
}

// Exposure and edges at half the working size; sharpness and blur direction on the working size.
void measureExposureAndEdges(const cv::Mat& luma, const cv::Mat& halfLuma, std::vector<double>& f) {
    const double pixels = double(halfLuma.total());
    cv::Mat mean, stddev;
    cv::meanStdDev(halfLuma, mean, stddev);
    f[Brightness] = mean.at<double>(0);
    f[Contrast] = stddev.at<double>(0);
    f[ClippedHighlights] = cv::countNonZero(halfLuma >= 0.96f) / pixels;
    f[ClippedShadows] = cv::countNonZero(halfLuma <= 0.04f) / pixels;

    cv::Mat denoised;
    cv::GaussianBlur(halfLuma, denoised, {0, 0}, 1.0);
    {
        f[Sharpness] = sharpestDetail(luma);
        // Motion blur removes fine detail along one direction only, while the scene's own grain (grass, a
        // ribbed facade) leans the same way at every scale: the fine band's anisotropy beyond the coarse
        // band's, along the fine band's direction. The coarse band is 8-24 px of the working size (at 4-12
        // the demo's 17-33 px smears reached it too), taken at half size: at full size it halved ingest.
        const cv::Vec2d fineLean = orientation(luma, 1.0, 3.0), coarseLean = orientation(halfLuma, 4.0, 12.0);
        const double fineStrength = cv::norm(fineLean);
        f[BlurAnisotropy] = (fineLean - coarseLean).dot(fineLean) / (fineStrength + 1e-9);
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
}

// Colour statistics; channels are half's R, G and B.
void measureColour(const cv::Mat& half, const std::vector<cv::Mat>& channels, std::vector<double>& f) {
    const double pixels = double(half.total());
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
        // A cast tints the shadows and the highlights alike, where a scene's own colours (foliage, a
        // sunset) rarely reach both: the mean a* and b* of the darkest and the brightest fifth.
        cv::Mat lab, luma;
        cv::cvtColor(half, lab, cv::COLOR_RGB2Lab);
        cv::cvtColor(half, luma, cv::COLOR_RGB2GRAY);
        cv::Mat sorted = luma.reshape(1, 1).clone();
        cv::sort(sorted, sorted, cv::SORT_EVERY_ROW | cv::SORT_ASCENDING);
        const float low = sorted.at<float>(0, int(sorted.cols * 0.2)),
                    high = sorted.at<float>(0, int(sorted.cols * 0.8));
        const cv::Scalar shadows = cv::mean(lab, luma <= low), highlights = cv::mean(lab, luma >= high);
        f[CastGreenRed] = 0.5 * (shadows[1] + highlights[1]);
        f[CastBlueYellow] = 0.5 * (shadows[2] + highlights[2]);
    }
}

// The frame's radial fall-off, as the median slope of log luminance along the radius (per unit radius,
// positive when it darkens outwards) in a ring, over pixels that are neither blown nor crushed. A scene's
// own edges go either way and hardly move the median; a gain that falls with the radius shifts every
// pixel's slope (the radial gradient symmetry of Zheng et al., "Single-image vignetting correction",
// 2008). Vignetting falls off at the rim, an on-camera flash already half-way out.
class RadialFalloff {
public:
    explicit RadialFalloff(const cv::Mat& luma) {
        cv::Mat smooth, logLuma, gx, gy;
        cv::GaussianBlur(luma, smooth, {0, 0}, 1.5);
        cv::log(smooth + 0.02, logLuma);
        cv::Sobel(logLuma, gx, CV_32F, 1, 0, 3, 0.125);
        cv::Sobel(logLuma, gy, CV_32F, 0, 1, 3, 0.125);
        cv::Mat measurable = (luma > 0.03f) & (luma < 0.97f);
        cv::erode(measurable, measurable, cv::Mat::ones(5, 5, CV_8U));
        const double cx = 0.5 * (luma.cols - 1), cy = 0.5 * (luma.rows - 1),
                     halfDiagonal = std::hypot(cx, cy);
        samples_.reserve(luma.total());
        for (int y = 0; y < luma.rows; ++y) {
            const auto* ok = measurable.ptr<uchar>(y);
            const auto* rowX = gx.ptr<float>(y);
            const auto* rowY = gy.ptr<float>(y);
            for (int x = 0; x < luma.cols; ++x) {
                const double dx = x - cx, dy = y - cy, r = std::hypot(dx, dy);
                if (!ok[x] || r < kInnermost * halfDiagonal)
                    continue;
                samples_.push_back({r / halfDiagonal, -(rowX[x] * dx + rowY[x] * dy) / r * halfDiagonal});
            }
        }
    }

    static constexpr double kInnermost = 0.3; // no ring asked for starts nearer the centre

    // Median slope of the pixels whose radius (0 at the centre, 1 in a corner) is in [from, to).
    double medianSlope(double from, double to) const {
        assert(from >= kInnermost);
        std::vector<double> slopes;
        for (const auto& s : samples_)
            if (s.radius >= from && s.radius < to)
                slopes.push_back(s.slope);
        if (slopes.size() < 50)
            return 0;
        auto middle = slopes.begin() + long(slopes.size() / 2);
        std::nth_element(slopes.begin(), middle, slopes.end());
        return *middle;
    }

private:
    struct Sample {
        double radius, slope;
    };
    std::vector<Sample> samples_;
};

// Light leak: a warm glow screened in from one edge or corner lifts the floor of red over green and blue
// (even the shadows turn orange) smoothly, more the nearer the edge. The floor (10th percentile) on a
// 16x16 grid of tiles is correlated with such glows from the corners and the side edges at three
// reaches; a warm object (a flower, a bowl) has edges of its own and fits none of them well. Glows
// from the top and bottom edges are left out: a sky, or any scene lit from above, fits them (with them,
// a leak search on the demo found 15 leaks in its top 50, on the real test photos 12 in 20).
double lightLeak(const std::vector<cv::Mat>& channels) {
    constexpr int kGrid = 16;
    const int rows = channels[0].rows, cols = channels[0].cols;
    if (rows < kGrid || cols < kGrid)
        return 0;
    auto tileFloor = [&](const cv::Mat& channel, int i, int j) {
        cv::Mat tile = channel(cv::Range(i * rows / kGrid, (i + 1) * rows / kGrid),
                               cv::Range(j * cols / kGrid, (j + 1) * cols / kGrid))
                           .clone();
        auto* begin = tile.ptr<float>();
        auto* nth = begin + tile.total() / 10;
        std::nth_element(begin, nth, begin + tile.total());
        return double(*nth);
    };
    double floors[kGrid][kGrid];
    double mean = 0;
    for (int i = 0; i < kGrid; ++i)
        for (int j = 0; j < kGrid; ++j) {
            floors[i][j] = tileFloor(channels[0], i, j) -
                           std::max(tileFloor(channels[1], i, j), tileFloor(channels[2], i, j));
            mean += floors[i][j] / (kGrid * kGrid);
        }
    const cv::Point2d anchors[] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 0.5}, {1, 0.5}};
    double best = 0;
    for (const auto& anchor : anchors)
        for (double reach : {0.35, 0.5, 0.65}) {
            double glow[kGrid][kGrid], glowMean = 0;
            for (int i = 0; i < kGrid; ++i)
                for (int j = 0; j < kGrid; ++j) {
                    const double d = std::hypot(((j + 0.5) / kGrid - anchor.x) * cols,
                                                ((i + 0.5) / kGrid - anchor.y) * rows) /
                                     (reach * std::max(rows, cols));
                    glow[i][j] = std::exp(-1.5 * d * d);
                    glowMean += glow[i][j] / (kGrid * kGrid);
                }
            double cross = 0, glowSquares = 0, floorSquares = 0;
            for (int i = 0; i < kGrid; ++i)
                for (int j = 0; j < kGrid; ++j) {
                    const double g = glow[i][j] - glowMean, f = floors[i][j] - mean;
                    cross += g * f;
                    glowSquares += g * g;
                    floorSquares += f * f;
                }
            best = std::max(best, cross / std::sqrt(glowSquares * floorSquares + 1e-12));
        }
    return best;
}

// Vignette, flash and light leak: how the frame's light is laid out.
void measureRegions(const cv::Mat& halfLuma, const std::vector<cv::Mat>& channels, std::vector<double>& f) {
    const RadialFalloff falloff(halfLuma);
    f[Vignette] = falloff.medianSlope(0.75, 2);
    f[Flash] = falloff.medianSlope(0.35, 0.65);
    f[LightLeak] = lightLeak(channels);
}

} // namespace

std::vector<double> measureRawFeatures(const cv::Mat& original) {
    std::vector<double> f(FeatureCount, 0.0);
    measureBlocks(original, f);
    cv::Mat work8 = original;
    const int longSide = std::max(original.cols, original.rows);
    if (longSide > kWorkingSide) {
        const double s = double(kWorkingSide) / longSide;
        cv::resize(original, work8, {}, s, s, cv::INTER_AREA);
    }
    cv::Mat rgb, luma;
    work8.convertTo(rgb, CV_32FC3, 1.0 / 255);
    cv::cvtColor(rgb, luma, cv::COLOR_RGB2GRAY);
    measureFineDetail(luma, f);
    {
        // Colour fringes of a few pixels: measured before any further reduction hides them.
        std::vector<cv::Mat> workChannels;
        cv::split(rgb, workChannels);
        f[ChromaShift] = chromaShift(workChannels[0], workChannels[2]);
    }

    // Everything else at half the working size.
    cv::Mat half, halfLuma;
    cv::resize(rgb, half, {}, 0.5, 0.5, cv::INTER_AREA);
    cv::cvtColor(half, halfLuma, cv::COLOR_RGB2GRAY);
    measureExposureAndEdges(luma, halfLuma, f);

    std::vector<cv::Mat> channels;
    cv::split(half, channels); // R G B
    measureColour(half, channels, f);
    measureRegions(halfLuma, channels, f);
    return f;
}

} // namespace curator::builtin
