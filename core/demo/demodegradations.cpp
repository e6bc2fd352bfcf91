#include "demo/demodegradations.h"

#include "media/imagecodecs.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>

// The demo's degradations: each applies one taxonomy attribute to a rendered image.

namespace curator::demo {

cv::Mat toFloat(const cv::Mat& image) {
    cv::Mat result;
    image.convertTo(result, CV_32FC3, 1.0 / 255);
    return result;
}

cv::Mat toBytes(const cv::Mat& image) {
    cv::Mat result;
    image.convertTo(result, CV_8UC3, 255);
    return result;
}

cv::Mat multiplyEach(const cv::Mat& image3, const cv::Mat& gain1) {
    cv::Mat gain3;
    cv::merge(std::vector<cv::Mat>{gain1, gain1, gain1}, gain3);
    return image3.mul(gain3);
}

void addNoise(cv::Mat& image, Random& random, double sigma, double colorShare) {
    cv::Mat mono(image.size(), CV_32F), color(image.size(), CV_32FC3);
    random.rng.fill(mono, cv::RNG::NORMAL, 0, sigma * (1 - colorShare));
    random.rng.fill(color, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(sigma * colorShare));
    cv::Mat mono3;
    cv::merge(std::vector<cv::Mat>{mono, mono, mono}, mono3);
    cv::Mat f;
    image.convertTo(f, CV_32FC3);
    f += mono3 + color;
    f.convertTo(image, CV_8UC3);
}

namespace {

// Normalised distance from the centre, 0 there and 1 at the corners.
cv::Mat radialDistance(int rows, int cols) {
    cv::Mat result(rows, cols, CV_32F);
    const float cx = (cols - 1) / 2.0f, cy = (rows - 1) / 2.0f, norm = std::sqrt(cx * cx + cy * cy);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            result.at<float>(y, x) = std::sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / norm;
    return result;
}

void tilt(cv::Mat& image, Random& random) {
    const double angle = random.uniform(6, 14) * (random.chance(0.5) ? 1 : -1);
    const double radians = std::abs(angle) * kPi / 180;
    const double zoom = std::cos(radians) + std::sin(radians); // fills the corners the rotation empties
    const cv::Mat rotation = cv::getRotationMatrix2D({kSize / 2.0f, kSize / 2.0f}, angle, zoom);
    cv::Mat rotated;
    cv::warpAffine(image, rotated, rotation, image.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    image = rotated;
}

void motionBlur(cv::Mat& image, Random& random) {
    const int length = random.integer(17, 33);
    const double angle = random.uniform(0, kPi);
    cv::Mat kernel = cv::Mat::zeros(length, length, CV_32F);
    const cv::Point2d c((length - 1) / 2.0, (length - 1) / 2.0), d(std::cos(angle), std::sin(angle));
    cv::line(kernel, c - d * (length / 2.0), c + d * (length / 2.0), cv::Scalar(1), 1, cv::LINE_AA);
    kernel /= cv::sum(kernel)[0];
    cv::filter2D(image, image, -1, kernel, {-1, -1}, 0, cv::BORDER_REFLECT);
}

void defocus(cv::Mat& image, Random& random) {
    cv::GaussianBlur(image, image, {0, 0}, random.uniform(3.5, 6));
}

void scanlines(cv::Mat& image, Random& random, double darkMin, double darkMax) {
    const int period = random.integer(2, 4);
    const double dark = random.uniform(darkMin, darkMax);
    for (int y = 0; y < image.rows; ++y)
        if (y % period < std::max(1, period / 2))
            image.row(y).convertTo(image.row(y), -1, dark);
}

void vhs(cv::Mat& image, Random& random) {
    // Chroma bleed: red and blue drift apart sideways and smear; then scanlines and tape noise.
    std::vector<cv::Mat> channels;
    cv::split(image, channels);
    const int shift = random.integer(3, 6);
    for (int c : {0, 2}) {
        const int dx = c == 2 ? shift : -shift;
        const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, 0);
        cv::warpAffine(channels[c], channels[c], m, image.size(), cv::INTER_NEAREST, cv::BORDER_REPLICATE);
        cv::blur(channels[c], channels[c], {7, 1});
    }
    cv::merge(channels, image);
    cv::blur(image, image, {3, 1});
    scanlines(image, random, 0.7, 0.82);
    addNoise(image, random, random.uniform(7, 12), 0.4);
    // A tracking band: a strip displaced sideways.
    const int bandY = random.integer(0, image.rows - 30), bandH = random.integer(8, 24),
              dx = random.integer(6, 20);
    cv::Mat band = image.rowRange(bandY, bandY + bandH).clone();
    band.colRange(0, image.cols - dx).copyTo(image.rowRange(bandY, bandY + bandH).colRange(dx, image.cols));
}

void jpegDecay(cv::Mat& image, Random& random) {
    std::vector<uchar> bytes;
    codecs::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, random.integer(4, 9)});
    image = codecs::imdecode(bytes, cv::IMREAD_COLOR);
}

void neonPalette(cv::Mat& image, Random& random) {
    // Fluorescent magenta / cyan / acid green on near-black, with a glow.
    cv::Mat hsv;
    cv::cvtColor(image, hsv, cv::COLOR_BGR2HSV_FULL);
    const uchar hues[] = {213, 128, 64, 234}; // magenta, cyan, acid green, hot pink (of 256)
    const int offset = random.integer(0, 3);
    for (int y = 0; y < hsv.rows; ++y) {
        auto* p = hsv.ptr<cv::Vec3b>(y);
        for (int x = 0; x < hsv.cols; ++x) {
            const int band = (p[x][0] / 64 + p[x][2] / 86 + offset) % 4;
            p[x][0] = hues[band];
            p[x][1] = 255;
            p[x][2] = p[x][2] > 120 ? 255 : uchar(p[x][2] / 5);
        }
    }
    cv::cvtColor(hsv, image, cv::COLOR_HSV2BGR_FULL);
    cv::Mat glow;
    cv::GaussianBlur(image, glow, {0, 0}, 6);
    cv::addWeighted(image, 1.0, glow, 0.5, 0, image);
}

void clashingColors(cv::Mat& image, Random& random) {
    // Opposing hues in neighbouring regions, strongly saturated, at moderate brightness.
    static const int pairs[][2] = {{0, 85}, {21, 160}, {40, 190}, {0, 170}, {230, 100}}; // of 256
    const auto& pair = pairs[random.integer(0, 4)];
    cv::Mat hsv;
    cv::cvtColor(image, hsv, cv::COLOR_BGR2HSV_FULL);
    for (int y = 0; y < hsv.rows; ++y) {
        auto* p = hsv.ptr<cv::Vec3b>(y);
        for (int x = 0; x < hsv.cols; ++x) {
            const int band = (p[x][0] / 32 + p[x][2] / 40) % 2;
            p[x][0] = uchar(pair[band]);
            p[x][1] = 235;
            p[x][2] = uchar(110 + p[x][2] * 90 / 255);
        }
    }
    cv::cvtColor(hsv, image, cv::COLOR_HSV2BGR_FULL);
}

void sicklyCast(cv::Mat& image, Random& random) {
    cv::Mat f = toFloat(image);
    const cv::Scalar gain(random.uniform(0.4, 0.55), random.uniform(1.0, 1.06), random.uniform(0.82, 0.92));
    const cv::Scalar lift(0.0, 0.06, 0.04);
    cv::multiply(f, gain, f);
    cv::add(f, lift, f);
    image = toBytes(f);
}

void harshFlash(cv::Mat& image, Random& random) {
    cv::Mat f = toFloat(image);
    const cv::Mat r = radialDistance(image.rows, image.cols);
    cv::Mat gain;
    cv::exp(r.mul(r) * -random.uniform(6, 10), gain);
    gain = gain * random.uniform(1.6, 2.1) + 0.3;
    f = multiplyEach(f, gain);
    f.convertTo(f, -1, 1.25, -0.025); // harsher contrast: (f - 0.1) * 1.25 + 0.1
    cv::add(f, cv::Scalar(0.05, 0.02, 0), f);
    image = toBytes(f);
}

void lightLeak(cv::Mat& image, Random& random) {
    cv::Mat f = toFloat(image);
    const int origin = random.integer(0, 7); // 4 corners then 4 edges
    const float strength = float(random.uniform(0.95, 1.0)), reach = float(random.uniform(0.4, 0.6));
    cv::Mat leak(image.size(), CV_32F);
    for (int y = 0; y < image.rows; ++y) {
        for (int x = 0; x < image.cols; ++x) {
            const float u = float(x) / image.cols, v = float(y) / image.rows;
            float d = 0;
            switch (origin) {
            case 0:
                d = std::sqrt(u * u + v * v);
                break;
            case 1:
                d = std::sqrt((1 - u) * (1 - u) + v * v);
                break;
            case 2:
                d = std::sqrt(u * u + (1 - v) * (1 - v));
                break;
            case 3:
                d = std::sqrt((1 - u) * (1 - u) + (1 - v) * (1 - v));
                break;
            case 4:
                d = u;
                break;
            case 5:
                d = 1 - u;
                break;
            case 6:
                d = v;
                break;
            default:
                d = 1 - v;
                break;
            }
            leak.at<float>(y, x) = strength * std::exp(-d / reach);
        }
    }
    const cv::Scalar tint =
        random.chance(0.6) ? cv::Scalar(0.1, 0.5, 1.0) : cv::Scalar(0.25, 0.2, 1.0); // BGR
    std::vector<cv::Mat> channels;
    cv::split(f, channels);
    for (int c = 0; c < 3; ++c) // screen blend
        channels[c] = 1 - (1 - channels[c]).mul(1 - leak * tint[c]);
    cv::merge(channels, f);
    image = toBytes(f);
}

void lowContrast(cv::Mat& image, Random& random) {
    const double keep = random.uniform(0.15, 0.28), grey = random.uniform(90, 130);
    image.convertTo(image, -1, keep, grey * (1 - keep));
}

void overexpose(cv::Mat& image, Random& random) {
    image.convertTo(image, -1, random.uniform(1.8, 2.4), random.uniform(30, 60));
}

void underexpose(cv::Mat& image, Random& random) {
    image.convertTo(image, -1, random.uniform(0.15, 0.28), 0);
}

void vignette(cv::Mat& image, Random& random) {
    const cv::Mat r = radialDistance(image.rows, image.cols);
    cv::Mat gain;
    cv::pow(r, 2.2, gain);
    gain = 1 - gain * random.uniform(0.7, 0.9);
    image = toBytes(multiplyEach(toFloat(image), gain));
}

void overSharpen(cv::Mat& image, Random& random) {
    cv::Mat blurred;
    cv::GaussianBlur(image, blurred, {0, 0}, random.uniform(2, 3));
    const double amount = random.uniform(2.5, 4);
    cv::addWeighted(image, 1 + amount, blurred, -amount, 0, image);
}

void textOverlay(cv::Mat& image, Random& random) {
    static const std::vector<std::string> lines = {
        "NO SIGNAL",  "MONDAY AGAIN", "when the", "SALE 50% OFF", "DO NOT ENTER", "lol",
        "WHERE AM I", "me irl",       "LEVEL 0",  "PLAY",         "REC 00:03:14", "wait for it"};
    const int count = random.integer(1, 3);
    for (int i = 0; i < count; ++i) {
        const std::string text = random.pick(lines);
        const double scale = random.uniform(1.3, 2.1);
        const int thickness = random.integer(3, 4),
                  font = random.chance(0.5) ? cv::FONT_HERSHEY_DUPLEX : cv::FONT_HERSHEY_SIMPLEX;
        int baseline = 0;
        const cv::Size size = cv::getTextSize(text, font, scale, thickness + 3, &baseline);
        const int x = std::max(4, (kSize - size.width) / 2 + random.integer(-20, 20));
        const int y = i == 0 ? size.height + 16 : kSize - 16 - (i - 1) * (size.height + 14);
        cv::putText(image, text, {x, y}, font, scale, cv::Scalar(0, 0, 0), thickness + 4, cv::LINE_AA);
        cv::putText(image, text, {x, y}, font, scale, cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
    }
}

void applyGrain(cv::Mat& image, Random& random) {
    addNoise(image, random, random.uniform(14, 26), 0.3);
}
void applyScanlines(cv::Mat& image, Random& random) {
    scanlines(image, random, 0.5, 0.68);
}

} // namespace

const std::vector<Degradation>& degradations() {
    static const std::vector<Degradation> list = {
        {"tilted_snapshot_angle", 0, tilt, "The frame is tilted."},
        {"motion_blur", 1, motionBlur, "The picture is smeared by motion."},
        {"out_of_focus_blur", 1, defocus, "The picture is out of focus."},
        {"toxic_neon_palette", 2, neonPalette, "Everything is drawn in glowing magenta, cyan and green."},
        {"clashing_disharmony", 2, clashingColors, "Regions alternate between two strongly opposed colours."},
        {"sickly_color_cast", 3, sicklyCast, "A yellow-green tint covers the frame."},
        {"harsh_flash", 3, harshFlash, "A flash lights the centre brightly."},
        {"light_leak", 3, lightLeak, "An orange glow bleeds in from one side."},
        {"oppressive_low_contrast", 3, lowContrast, "The tones are flat and grey."},
        {"overexposure", 3, overexpose, "The highlights are blown out to white."},
        {"underexposure", 3, underexpose, "The frame is very dark."},
        {"vignette", 4, vignette, "The corners are dark."},
        {"over_sharpened_haloing", 5, overSharpen, "Edges carry bright and dark halos."},
        {"film_grain", 6, applyGrain, "Grain covers the image."},
        {"scanline_texture", 6, applyScanlines, "Horizontal lines cross the image."},
        {"vhs_decay", 6, vhs, "It looks like a worn videotape, with scanlines and colour bleeding."},
        {"text_overlay", 7, textOverlay, "White text is printed over the picture."},
        {"jpeg_artifacts", 8, jpegDecay, "Heavy compression blocks are visible."},
    };
    return list;
}

const std::vector<std::string>& secondaryDegradations() {
    static const std::vector<std::string> list = {"tilted_snapshot_angle", "vignette", "film_grain",
                                                  "text_overlay", "jpeg_artifacts"};
    return list;
}

const Degradation& degradation(const std::string& attribute) {
    for (const auto& d : degradations())
        if (attribute == d.attribute)
            return d;
    return degradations().front();
}

} // namespace curator::demo
