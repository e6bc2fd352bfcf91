#include "demo/imagedemo.h"

#include "common/fileutil.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <thread>

namespace curator {

namespace {

constexpr int kSize = 512;
constexpr double kPi = 3.14159265358979323846;

const char* const kSources[] = {"photos", "artwork", "dreamcore"};

uint64_t splitMix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// cv::RNG is the same on every platform, unlike the std distributions.
struct Random {
    cv::RNG rng;
    explicit Random(uint64_t seed)
        : rng(seed == 0 ? 1 : seed) {}
    double uniform(double a, double b) { return rng.uniform(a, b); }
    int integer(int a, int bInclusive) { return rng.uniform(a, bInclusive + 1); }
    bool chance(double p) { return rng.uniform(0.0, 1.0) < p; }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<size_t>(rng.uniform(0, static_cast<int>(items.size())))];
    }
};

struct NamedColor {
    std::string name;
    cv::Scalar bgr;
};

cv::Scalar bgr(int r, int g, int b) {
    return cv::Scalar(b, g, r);
}

cv::Scalar jitter(Random& random, cv::Scalar color, double amount = 14) {
    for (int i = 0; i < 3; ++i)
        color[i] = std::clamp(color[i] + random.uniform(-amount, amount), 0.0, 255.0);
    return color;
}

cv::Scalar scaled(cv::Scalar color, double factor) {
    return cv::Scalar(std::min(255.0, color[0] * factor), std::min(255.0, color[1] * factor),
                      std::min(255.0, color[2] * factor));
}

void verticalGradient(cv::Mat& image, cv::Rect area, const cv::Scalar& top, const cv::Scalar& bottom) {
    area &= cv::Rect(0, 0, image.cols, image.rows);
    for (int y = area.y; y < area.y + area.height; ++y) {
        const double t = area.height > 1 ? double(y - area.y) / (area.height - 1) : 0;
        cv::line(image, {area.x, y}, {area.x + area.width - 1, y}, top * (1 - t) + bottom * t, 1);
    }
}

std::string countWord(int n) {
    static const char* const words[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight"};
    return n >= 0 && n <= 8 ? words[n] : std::to_string(n);
}

std::string plural(int n, const std::string& word) {
    return countWord(n) + " " + word + (n == 1 ? "" : "s");
}

// --- Scenes --------------------------------------------------------------------------------------

std::string drawLandscape(cv::Mat& image, Random& random) {
    const std::vector<NamedColor> skies = {{"blue", bgr(95, 150, 215)},
                                           {"pale blue", bgr(160, 190, 225)},
                                           {"grey", bgr(150, 155, 165)},
                                           {"dusky orange", bgr(190, 165, 140)}};
    const NamedColor sky = random.pick(skies);
    const int horizon = random.integer(int(kSize * 0.5), int(kSize * 0.66));
    verticalGradient(image, {0, 0, kSize, horizon}, scaled(sky.bgr, 0.8), scaled(sky.bgr, 1.15));
    const bool sun = random.chance(0.7);
    if (sun)
        cv::circle(image, {random.integer(60, kSize - 60), random.integer(40, horizon - 80)},
                   random.integer(18, 34), bgr(250, 235, 170), cv::FILLED, cv::LINE_AA);
    const std::vector<NamedColor> grounds = {
        {"green", bgr(70, 130, 60)}, {"brown", bgr(120, 95, 60)}, {"olive", bgr(105, 115, 60)}};
    const NamedColor ground = random.pick(grounds);
    const int hills = random.integer(1, 3);
    for (int h = 0; h < hills; ++h) {
        std::vector<cv::Point> polygon;
        const double amplitude = random.uniform(30, 90), phase = random.uniform(0, 2 * kPi);
        const double frequency = random.uniform(0.6, 1.8);
        const int base = horizon - h * 10;
        for (int x = 0; x <= kSize; x += 8)
            polygon.emplace_back(
                x, int(base - amplitude * (0.5 + 0.5 * std::sin(phase + frequency * kPi * x / kSize))));
        polygon.emplace_back(kSize, kSize);
        polygon.emplace_back(0, kSize);
        cv::fillPoly(image, std::vector<std::vector<cv::Point>>{polygon},
                     jitter(random, scaled(ground.bgr, 1.2 - 0.15 * h)), cv::LINE_AA);
    }
    // A flat field with a straight edge: every scene keeps some horizontal and vertical lines.
    verticalGradient(image, {0, horizon, kSize, kSize - horizon}, scaled(ground.bgr, 0.9),
                     scaled(ground.bgr, 0.6));
    cv::line(image, {0, horizon}, {kSize, horizon}, scaled(ground.bgr, 0.5), 2, cv::LINE_AA);
    const int posts = random.integer(0, 6);
    const int fenceY = random.integer(horizon + 40, kSize - 40);
    for (int p = 0; p < posts; ++p) {
        const int x = 30 + p * random.integer(55, 80);
        cv::line(image, {x, fenceY - 50}, {x, fenceY + 20}, bgr(90, 70, 50), 5, cv::LINE_AA);
    }
    if (posts > 1)
        cv::line(image, {20, fenceY - 35}, {kSize - 20, fenceY - 35}, bgr(90, 70, 50), 4, cv::LINE_AA);
    const int trees = random.integer(0, 3);
    for (int t = 0; t < trees; ++t) {
        const int x = random.integer(40, kSize - 40), y = horizon + random.integer(-10, 30);
        cv::rectangle(image, {x - 4, y - 30}, {x + 4, y + 10}, bgr(80, 55, 35), cv::FILLED);
        std::vector<cv::Point> crown = {{x - 26, y - 25}, {x + 26, y - 25}, {x, y - 95}};
        cv::fillConvexPoly(image, crown, jitter(random, bgr(40, 95, 45)), cv::LINE_AA);
    }
    std::string caption =
        "A landscape with " + plural(hills, ground.name + " hill") + " under a " + sky.name + " sky";
    if (sun)
        caption += " with a low sun";
    if (trees > 0)
        caption += ", " + plural(trees, "tree");
    if (posts > 1)
        caption += " and a wooden fence in the foreground";
    return caption + ".";
}

const std::vector<NamedColor>& wallColors() {
    static const std::vector<NamedColor> colors = {
        {"beige", bgr(205, 190, 160)},      {"pale green", bgr(170, 195, 165)},
        {"light grey", bgr(185, 185, 185)}, {"pale yellow", bgr(215, 205, 150)},
        {"white", bgr(225, 225, 220)},      {"pale blue", bgr(165, 185, 210)}};
    return colors;
}

std::string drawCorridor(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const cv::Point vanish(kSize / 2 + random.integer(-60, 60), kSize / 2 + random.integer(-40, 40));
    const int halfW = random.integer(30, 60), halfH = random.integer(35, 70);
    const cv::Point b0(vanish.x - halfW, vanish.y - halfH), b1(vanish.x + halfW, vanish.y + halfH);
    const cv::Scalar wallColor = jitter(random, wall.bgr, 8);
    // Ceiling, floor, left and right walls as quads from the image corners to the far opening.
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {kSize, 0}, {b1.x, b0.y}, {b0.x, b0.y}},
                       scaled(wallColor, 1.05));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, kSize}, {kSize, kSize}, {b1.x, b1.y}, {b0.x, b1.y}},
                       jitter(random, bgr(120, 110, 95), 20));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {b0.x, b0.y}, {b0.x, b1.y}, {0, kSize}},
                       scaled(wallColor, 0.85));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{kSize, 0}, {b1.x, b0.y}, {b1.x, b1.y}, {kSize, kSize}},
                       scaled(wallColor, 0.75));
    cv::rectangle(image, b0, b1, scaled(wallColor, 0.45), cv::FILLED);
    const cv::Scalar edge = scaled(wallColor, 0.55);
    for (const auto& corner :
         {cv::Point(0, 0), cv::Point(kSize, 0), cv::Point(0, kSize), cv::Point(kSize, kSize)})
        cv::line(image, corner, {corner.x == 0 ? b0.x : b1.x, corner.y == 0 ? b0.y : b1.y}, edge, 2,
                 cv::LINE_AA);
    // Doors: vertical quads on each side wall, evenly spaced in depth.
    const int doors = random.integer(1, 4);
    const cv::Scalar doorColor =
        jitter(random, random.chance(0.5) ? bgr(120, 85, 60) : bgr(90, 100, 110), 15);
    for (int side = 0; side < 2; ++side) {
        for (int d = 0; d < doors; ++d) {
            const double t0 = 0.12 + 0.8 * d / doors, t1 = t0 + 0.35 / doors;
            auto along = [&](double t, cv::Point from, cv::Point to) {
                return cv::Point(int(from.x + (to.x - from.x) * t), int(from.y + (to.y - from.y) * t));
            };
            const cv::Point topFrom =
                side == 0 ? cv::Point(0, int(kSize * 0.25)) : cv::Point(kSize, int(kSize * 0.25));
            const cv::Point topTo =
                side == 0 ? cv::Point(b0.x, vanish.y - halfH / 3) : cv::Point(b1.x, vanish.y - halfH / 3);
            const cv::Point bottomFrom = side == 0 ? cv::Point(0, kSize) : cv::Point(kSize, kSize);
            const cv::Point bottomTo = side == 0 ? cv::Point(b0.x, b1.y) : cv::Point(b1.x, b1.y);
            std::vector<cv::Point> quad = {along(t0, topFrom, topTo), along(t1, topFrom, topTo),
                                           along(t1, bottomFrom, bottomTo), along(t0, bottomFrom, bottomTo)};
            cv::fillConvexPoly(image, quad, doorColor, cv::LINE_AA);
            cv::polylines(image, quad, true, scaled(doorColor, 0.6), 2, cv::LINE_AA);
        }
    }
    const int lights = random.integer(2, 4);
    for (int l = 0; l < lights; ++l) {
        const double t = 0.1 + 0.75 * l / lights;
        const int y = int(t * b0.y), w = int((1 - t) * kSize * 0.15 + 6), h = int((1 - t) * 10 + 2);
        const int x = int((1 - t) * kSize / 2 + t * vanish.x);
        cv::rectangle(image, {x - w, y}, {x + w, y + h}, bgr(250, 250, 235), cv::FILLED);
    }
    for (int f = 1; f < 6; ++f) {
        const int x = f * kSize / 6;
        cv::line(image, {x, kSize}, {vanish.x + (x - kSize / 2) * halfW * 2 / kSize, b1.y},
                 jitter(random, bgr(95, 85, 75), 10), 1, cv::LINE_AA);
    }
    return "A long corridor with " + wall.name + " walls, " + plural(doors * 2, "door") + " and " +
           plural(lights, "ceiling light") + ", receding to a dark opening.";
}

std::string drawRoom(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const cv::Scalar wallColor = jitter(random, wall.bgr, 10);
    const int left = random.integer(70, 130), right = kSize - random.integer(70, 130);
    const int top = random.integer(60, 110), bottom = kSize - random.integer(120, 170);
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {kSize, 0}, {right, top}, {left, top}},
                       scaled(wallColor, 1.05));
    cv::fillConvexPoly(image,
                       std::vector<cv::Point>{{0, kSize}, {kSize, kSize}, {right, bottom}, {left, bottom}},
                       jitter(random, bgr(140, 115, 85), 20));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {left, top}, {left, bottom}, {0, kSize}},
                       scaled(wallColor, 0.85));
    cv::fillConvexPoly(image,
                       std::vector<cv::Point>{{kSize, 0}, {right, top}, {right, bottom}, {kSize, kSize}},
                       scaled(wallColor, 0.8));
    cv::rectangle(image, {left, top}, {right, bottom}, wallColor, cv::FILLED);
    cv::rectangle(image, {left, top}, {right, bottom}, scaled(wallColor, 0.6), 2, cv::LINE_AA);
    const bool door = random.chance(0.7), window = random.chance(0.7);
    if (door) {
        const int x = random.integer(left + 20, right - 90);
        cv::rectangle(image, {x, bottom - 150}, {x + 65, bottom}, jitter(random, bgr(115, 80, 55)),
                      cv::FILLED);
        cv::circle(image, {x + 52, bottom - 75}, 4, bgr(210, 190, 90), cv::FILLED, cv::LINE_AA);
    }
    if (window) {
        const int x = random.integer(left + 10, right - 100);
        cv::rectangle(image, {x, top + 25}, {x + 90, top + 95}, bgr(175, 205, 235), cv::FILLED);
        cv::rectangle(image, {x, top + 25}, {x + 90, top + 95}, bgr(240, 240, 240), 4);
        cv::line(image, {x + 45, top + 25}, {x + 45, top + 95}, bgr(240, 240, 240), 3);
    }
    const bool table = random.chance(0.6);
    if (table) {
        const int x = random.integer(140, 300), y = random.integer(bottom + 20, kSize - 90);
        const cv::Scalar wood = jitter(random, bgr(125, 85, 50));
        cv::rectangle(image, {x, y}, {x + 130, y + 14}, wood, cv::FILLED);
        cv::rectangle(image, {x + 8, y + 14}, {x + 16, y + 70}, scaled(wood, 0.8), cv::FILLED);
        cv::rectangle(image, {x + 114, y + 14}, {x + 122, y + 70}, scaled(wood, 0.8), cv::FILLED);
    }
    std::string caption = "An empty room with " + wall.name + " walls";
    std::vector<std::string> parts;
    if (door)
        parts.push_back("a door");
    if (window)
        parts.push_back("a window");
    if (!parts.empty())
        caption += ", " + parts[0] + (parts.size() > 1 ? " and " + parts[1] : "") + " on the back wall";
    if (table)
        caption += ", and a small table";
    return caption + ".";
}

std::string drawObjects(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const int tableY = random.integer(int(kSize * 0.55), int(kSize * 0.7));
    verticalGradient(image, {0, 0, kSize, tableY}, scaled(wall.bgr, 0.85), scaled(wall.bgr, 1.05));
    const cv::Scalar wood = jitter(random, bgr(140, 100, 65), 20);
    verticalGradient(image, {0, tableY, kSize, kSize - tableY}, scaled(wood, 1.1), scaled(wood, 0.75));
    cv::line(image, {0, tableY}, {kSize, tableY}, scaled(wood, 0.6), 3, cv::LINE_AA);
    const std::vector<NamedColor> fruitColors = {{"red", bgr(200, 40, 35)},
                                                 {"orange", bgr(235, 140, 30)},
                                                 {"green", bgr(110, 170, 50)},
                                                 {"yellow", bgr(235, 205, 60)}};
    const int fruits = random.integer(1, 4), boxes = random.integer(0, 2);
    const NamedColor fruit = random.pick(fruitColors);
    for (int b = 0; b < boxes; ++b) {
        const int w = random.integer(60, 120), h = random.integer(50, 110),
                  x = random.integer(20, kSize - w - 20);
        const int y = tableY + random.integer(5, 30);
        cv::rectangle(image, {x, y - h}, {x + w, y}, jitter(random, bgr(90, 110, 150), 40), cv::FILLED);
        cv::rectangle(image, {x, y - h}, {x + w, y}, bgr(40, 40, 40), 2, cv::LINE_AA);
    }
    for (int f = 0; f < fruits; ++f) {
        const int r = random.integer(26, 45), x = random.integer(50, kSize - 50),
                  y = tableY + random.integer(10, 60) - r;
        const cv::Scalar c = jitter(random, fruit.bgr, 20);
        cv::ellipse(image, {x, y}, {r, int(r * 0.9)}, 0, 0, 360, c, cv::FILLED, cv::LINE_AA);
        cv::ellipse(image, {x - r / 3, y - r / 3}, {r / 4, r / 6}, -30, 0, 360, scaled(c, 1.4), cv::FILLED,
                    cv::LINE_AA);
        cv::line(image, {x, y - int(r * 0.9)}, {x + 4, y - r - 12}, bgr(80, 60, 30), 3, cv::LINE_AA);
    }
    std::string caption = plural(fruits, "round " + fruit.name + " fruit");
    caption[0] = char(std::toupper(static_cast<unsigned char>(caption[0])));
    if (boxes > 0)
        caption += " and " + countWord(boxes) + (boxes > 1 ? " boxes" : " box");
    return caption + " on a wooden table against a " + wall.name + " wall.";
}

std::string drawFigures(cv::Mat& image, Random& random) {
    const bool outdoor = random.chance(0.5);
    const int groundY = random.integer(int(kSize * 0.65), int(kSize * 0.8));
    if (outdoor)
        verticalGradient(image, {0, 0, kSize, groundY}, bgr(110, 160, 220), bgr(185, 210, 235));
    else
        verticalGradient(image, {0, 0, kSize, groundY}, scaled(random.pick(wallColors()).bgr, 0.8),
                         random.pick(wallColors()).bgr);
    verticalGradient(image, {0, groundY, kSize, kSize - groundY},
                     outdoor ? bgr(95, 140, 70) : bgr(130, 115, 100),
                     outdoor ? bgr(60, 100, 50) : bgr(95, 85, 75));
    cv::line(image, {0, groundY}, {kSize, groundY}, bgr(50, 50, 50), 2, cv::LINE_AA);
    const int figures = random.integer(1, 3);
    const bool blobs = random.chance(0.4);
    for (int f = 0; f < figures; ++f) {
        const int x = (f + 1) * kSize / (figures + 1) + random.integer(-30, 30);
        const int height = random.integer(150, 230), feet = groundY + random.integer(0, 20);
        const cv::Scalar c = blobs ? jitter(random, bgr(60, 80, 150), 50) : bgr(35, 35, 35);
        const int headR = height / 9;
        const cv::Point head(x, feet - height + headR);
        if (blobs) {
            cv::ellipse(image, {x, feet - height / 2 + headR}, {height / 7, height / 3}, 0, 0, 360, c,
                        cv::FILLED, cv::LINE_AA);
            cv::circle(image, head, headR, jitter(random, bgr(225, 185, 150)), cv::FILLED, cv::LINE_AA);
        } else {
            cv::circle(image, head, headR, c, 4, cv::LINE_AA);
            const cv::Point neck(x, head.y + headR), hip(x, feet - height * 2 / 5);
            cv::line(image, neck, hip, c, 4, cv::LINE_AA);
            cv::line(image, hip, {x - height / 7, feet}, c, 4, cv::LINE_AA);
            cv::line(image, hip, {x + height / 7, feet}, c, 4, cv::LINE_AA);
            const int armY = neck.y + height / 8;
            cv::line(image, {x - height / 5, armY + random.integer(-25, 25)}, {x, armY}, c, 4, cv::LINE_AA);
            cv::line(image, {x, armY}, {x + height / 5, armY + random.integer(-25, 25)}, c, 4, cv::LINE_AA);
        }
    }
    return std::string(countWord(figures)) + (blobs ? " rounded" : " stick") +
           (figures == 1 ? " figure" : " figures") + " standing on flat ground " +
           (outdoor ? "under a blue sky." : "in front of a plain wall.");
}

// --- Degradations --------------------------------------------------------------------------------

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

// Normalised distance from the centre, 0 there and 1 at the corners.
cv::Mat radialDistance(int rows, int cols) {
    cv::Mat result(rows, cols, CV_32F);
    const float cx = (cols - 1) / 2.0f, cy = (rows - 1) / 2.0f, norm = std::sqrt(cx * cx + cy * cy);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x)
            result.at<float>(y, x) = std::sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / norm;
    return result;
}

cv::Mat multiplyEach(const cv::Mat& image3, const cv::Mat& gain1) {
    cv::Mat gain3;
    cv::merge(std::vector<cv::Mat>{gain1, gain1, gain1}, gain3);
    return image3.mul(gain3);
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
    cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, random.integer(4, 9)});
    image = cv::imdecode(bytes, cv::IMREAD_COLOR);
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

struct Degradation {
    const char* attribute;
    int order; // geometric first, compression last
    void (*apply)(cv::Mat&, Random&);
    const char* captionNote;
};

void applyGrain(cv::Mat& image, Random& random) {
    addNoise(image, random, random.uniform(14, 26), 0.3);
}
void applyScanlines(cv::Mat& image, Random& random) {
    scanlines(image, random, 0.5, 0.68);
}

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

// Degradations that may be added as a second one without hiding the first.
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

struct Plan {
    std::string source;
    std::string scene;
    std::vector<std::string> attributes;
    uint64_t seed = 0;
};

std::vector<Plan> planCollection(size_t count, uint64_t seed) {
    Random random(splitMix64(seed ^ 0xD3E0C011EC7ull));
    const auto& list = degradations();
    // A shuffled deck keeps every degradation equally frequent: about 22% of the images stay clean.
    std::vector<int> deck;
    const size_t slots = list.size() + 5;
    while (deck.size() < count)
        for (size_t i = 0; i < slots; ++i)
            deck.push_back(i < list.size() ? int(i) : -1);
    deck.resize(count);
    for (size_t i = count; i > 1; --i)
        std::swap(deck[i - 1], deck[size_t(random.integer(0, int(i) - 1))]);
    std::vector<Plan> plans(count);
    for (size_t i = 0; i < count; ++i) {
        Plan& plan = plans[i];
        plan.seed = splitMix64(seed * 0x100000001B3ull + i + 1);
        const int s = int(i % 20);
        plan.source = s < 9 ? "photos" : s < 14 ? "artwork" : "dreamcore";
        if (plan.source == "dreamcore")
            plan.scene = random.chance(0.65) ? "corridor" : "room";
        else
            plan.scene =
                random.pick(std::vector<std::string>{"landscape", "objects", "figures", "room", "corridor"});
        if (deck[i] >= 0) {
            const std::string primary = list[size_t(deck[i])].attribute;
            plan.attributes.push_back(primary);
            if (random.chance(0.15)) {
                const std::string& second = random.pick(secondaryDegradations());
                if (second != primary)
                    plan.attributes.push_back(second);
            }
            if (primary == "vhs_decay")
                plan.attributes.push_back("scanline_texture"); // VHS includes scanlines
        }
    }
    return plans;
}

DemoImage renderImage(const Plan& plan, size_t index, cv::Mat& out) {
    Random random(plan.seed);
    cv::Mat image(kSize, kSize, CV_8UC3, cv::Scalar(128, 128, 128));
    std::string caption;
    if (plan.scene == "landscape")
        caption = drawLandscape(image, random);
    else if (plan.scene == "corridor")
        caption = drawCorridor(image, random);
    else if (plan.scene == "room")
        caption = drawRoom(image, random);
    else if (plan.scene == "objects")
        caption = drawObjects(image, random);
    else
        caption = drawFigures(image, random);
    // Soft light falloff and a trace of sensor noise, so that clean images are not flat fills.
    {
        cv::Mat gain(image.size(), CV_32F);
        const double gx = random.uniform(-0.12, 0.12), gy = random.uniform(-0.12, 0.12);
        for (int y = 0; y < kSize; ++y)
            for (int x = 0; x < kSize; ++x)
                gain.at<float>(y, x) =
                    float(1 + gx * (x / double(kSize) - 0.5) + gy * (y / double(kSize) - 0.5));
        image = toBytes(multiplyEach(toFloat(image), gain));
        addNoise(image, random, 1.2, 0.3);
    }
    if (plan.source == "artwork") {
        // A painted look: fewer colour levels and a dark frame.
        image.forEach<cv::Vec3b>([](cv::Vec3b& p, const int*) {
            for (int c = 0; c < 3; ++c)
                p[c] = uchar((p[c] / 24) * 24 + 12);
        });
        cv::rectangle(image, {0, 0}, {kSize - 1, kSize - 1}, cv::Scalar(30, 40, 50), 10);
        caption = "A painting: " + caption;
    }
    std::vector<const Degradation*> steps;
    for (const auto& attribute : plan.attributes)
        if (attribute != "scanline_texture" || plan.attributes.front() != "vhs_decay")
            steps.push_back(&degradation(attribute));
    std::stable_sort(steps.begin(), steps.end(), [](auto* a, auto* b) { return a->order < b->order; });
    for (const auto* step : steps) {
        step->apply(image, random);
        caption += std::string(" ") + step->captionNote;
    }
    out = image;
    char name[32];
    std::snprintf(name, sizeof name, "%06zu", index);
    const bool png = plan.source == "artwork" && index % 10 == 3;
    DemoImage result;
    result.file = plan.source + "/" + name + (png ? ".png" : ".jpg");
    result.source = plan.source;
    result.scene = plan.scene;
    result.attributes = plan.attributes;
    result.caption = caption;
    return result;
}

} // namespace

const std::vector<std::string>& demoDegradationAttributes() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> result;
        for (const auto& d : degradations())
            result.push_back(d.attribute);
        return result;
    }();
    return names;
}

Result<DemoCollection> generateDemoCollection(const std::string& outputDirectory, size_t count, uint64_t seed,
                                              const DemoProgress& progress, unsigned threads) {
    namespace fs = std::filesystem;
    const auto start = std::chrono::steady_clock::now();
    if (count == 0)
        return makeError("demo collection: the image count must be at least 1");
    std::error_code ec;
    for (const char* source : kSources) {
        fs::create_directories(fs::path(outputDirectory) / source, ec);
        if (ec)
            return makeError((fs::path(outputDirectory) / source).string() +
                             ": cannot create directory: " + ec.message());
    }
    const std::vector<Plan> plans = planCollection(count, seed);
    DemoCollection collection;
    collection.directory = outputDirectory;
    collection.images.resize(count);

    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> cancelled{false};
    std::mutex errorMutex;
    std::string firstError;
    auto worker = [&] {
        try {
            for (size_t i = next++; i < count && !cancelled; i = next++) {
                cv::Mat image;
                DemoImage entry = renderImage(plans[i], i, image);
                const std::string path = (fs::path(outputDirectory) / entry.file).string();
                const bool png = lowercaseExtension(path) == ".png";
                const std::vector<int> params = png ? std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, 1}
                                                    : std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 92};
                if (!cv::imwrite(path, image, params))
                    throw std::runtime_error(path + ": cannot write image");
                collection.images[i] = std::move(entry);
                ++done;
            }
        } catch (const std::exception& error) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (firstError.empty())
                firstError = error.what();
            cancelled = true;
        }
    };
    const unsigned workers =
        std::max(1u, std::min<unsigned>(threads ? threads : std::thread::hardware_concurrency(),
                                        unsigned(std::min<size_t>(count, 64))));
    std::vector<std::thread> pool;
    // OpenCV's own threads would compete with ours.
    const int previousThreads = cv::getNumThreads();
    cv::setNumThreads(1);
    for (unsigned t = 0; t < workers; ++t)
        pool.emplace_back(worker);
    while (done < count && !cancelled) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (progress && !progress(done.load(), count))
            cancelled = true;
    }
    for (auto& thread : pool)
        thread.join();
    cv::setNumThreads(previousThreads);
    if (!firstError.empty())
        return makeError("demo collection: " + firstError);
    if (cancelled)
        return makeError("demo collection: cancelled after " + std::to_string(done.load()) + " of " +
                         std::to_string(count) + " images");
    if (progress)
        progress(count, count);

    std::string labels;
    std::string captions[3];
    for (const auto& image : collection.images) {
        nlohmann::json label = {{"file", image.file},
                                {"source", image.source},
                                {"scene", image.scene},
                                {"attributes", image.attributes}};
        labels += label.dump() + "\n";
        const size_t s = image.source == "photos" ? 0 : image.source == "artwork" ? 1 : 2;
        nlohmann::json caption = {{"file", fs::path(image.file).filename().string()},
                                  {"caption", image.caption}};
        captions[s] += caption.dump() + "\n";
    }
    for (size_t s = 0; s < 3; ++s) {
        const auto status = writeFileAtomically(
            (fs::path(outputDirectory) / kSources[s] / "captions.jsonl").string(), captions[s]);
        if (!status)
            return makeError("demo collection: " + status.error());
    }
    const auto status = writeFileAtomically((fs::path(outputDirectory) / "labels.jsonl").string(), labels);
    if (!status)
        return makeError("demo collection: " + status.error());
    collection.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return collection;
}

} // namespace curator
