#pragma once

// Internals of the demo generator (core/demo/imagedemo.cpp), not a public header: the seeded random
// source, colour helpers and the scenes.

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace curator::demo {

inline constexpr int kSize = 512;
inline constexpr double kPi = 3.14159265358979323846;

inline uint64_t splitMix64(uint64_t x) {
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

inline cv::Scalar bgr(int r, int g, int b) {
    return cv::Scalar(b, g, r);
}

inline cv::Scalar jitter(Random& random, cv::Scalar color, double amount = 14) {
    for (int i = 0; i < 3; ++i)
        color[i] = std::clamp(color[i] + random.uniform(-amount, amount), 0.0, 255.0);
    return color;
}

inline cv::Scalar scaled(cv::Scalar color, double factor) {
    return cv::Scalar(std::min(255.0, color[0] * factor), std::min(255.0, color[1] * factor),
                      std::min(255.0, color[2] * factor));
}

inline void verticalGradient(cv::Mat& image, cv::Rect area, const cv::Scalar& top, const cv::Scalar& bottom) {
    area &= cv::Rect(0, 0, image.cols, image.rows);
    for (int y = area.y; y < area.y + area.height; ++y) {
        const double t = area.height > 1 ? double(y - area.y) / (area.height - 1) : 0;
        cv::line(image, {area.x, y}, {area.x + area.width - 1, y}, top * (1 - t) + bottom * t, 1);
    }
}

inline std::string countWord(int n) {
    static const char* const words[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight"};
    return n >= 0 && n <= 8 ? words[n] : std::to_string(n);
}

inline std::string plural(int n, const std::string& word) {
    return countWord(n) + " " + word + (n == 1 ? "" : "s");
}

// --- Scenes (demoscenes.cpp): each draws on a kSize x kSize BGR image and returns its caption. ---------
std::string drawLandscape(cv::Mat& image, Random& random);
std::string drawCorridor(cv::Mat& image, Random& random);
std::string drawRoom(cv::Mat& image, Random& random);
std::string drawObjects(cv::Mat& image, Random& random);
std::string drawFigures(cv::Mat& image, Random& random);

} // namespace curator::demo
