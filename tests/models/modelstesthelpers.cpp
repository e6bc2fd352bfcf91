#include "modelstesthelpers.h"

#include "models/opencvimage.h"

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <random>
#include <unistd.h>

namespace curator::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device device;
    const auto base = std::filesystem::temp_directory_path() /
                      ("curator-models-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                       "-" + std::to_string(device() % 100000));
    std::filesystem::create_directories(base);
    m_path = base.string();
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string resourcesDir() {
    return CURATOR_RESOURCES_DIR;
}

std::string sharedDataDir() {
    return CURATOR_SHARED_DATA_DIR;
}

RgbImage drawTestScene() {
    cv::Mat image(256, 256, CV_8UC3);
    for (int y = 0; y < 160; ++y)
        cv::line(image, {0, y}, {255, y}, cv::Scalar(90 + y / 3, 140 + y / 4, 210), 1); // RGB sky
    cv::rectangle(image, {0, 160}, {255, 255}, cv::Scalar(70, 140, 60), cv::FILLED);
    cv::rectangle(image, {60, 100}, {150, 190}, cv::Scalar(200, 80, 60), cv::FILLED);
    cv::rectangle(image, {90, 140}, {115, 190}, cv::Scalar(90, 60, 40), cv::FILLED);
    cv::rectangle(image, {125, 120}, {145, 140}, cv::Scalar(230, 230, 200), cv::FILLED);
    std::vector<cv::Point> roof = {{50, 100}, {160, 100}, {105, 60}};
    cv::fillConvexPoly(image, roof, cv::Scalar(120, 40, 30), cv::LINE_AA);
    cv::circle(image, {205, 45}, 18, cv::Scalar(250, 230, 120), cv::FILLED, cv::LINE_AA);
    for (int x = 170; x < 250; x += 16)
        cv::line(image, {x, 170}, {x, 215}, cv::Scalar(120, 90, 60), 3);
    cv::RNG rng(3);
    cv::Mat noise(image.size(), CV_16SC3);
    rng.fill(noise, cv::RNG::NORMAL, 0, 1.5);
    cv::Mat widened;
    image.convertTo(widened, CV_16SC3);
    widened += noise;
    widened.convertTo(image, CV_8UC3);
    return toRgbImage(image, false);
}

} // namespace curator::test
