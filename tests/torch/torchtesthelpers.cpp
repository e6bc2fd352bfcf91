#include "torchtesthelpers.h"

#include "store/tensorfile.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <stdexcept>

namespace fs = std::filesystem;

namespace torchtest {

bool pluginBuilt() {
    static const bool built = [] {
        const std::string directory = CURATOR_TEST_PLUGIN_DIR;
        if (directory.empty()) {
            return false;
        }
        setenv("CURATOR_PLUGIN_DIR", directory.c_str(), 0);
        return true;
    }();
    return built;
}

namespace {

bool fixturesCurrent(const fs::path& out) {
    std::error_code error;
    const fs::path stamp = out / "done.stamp";
    if (!fs::exists(stamp, error)) {
        return false;
    }
    return fs::last_write_time(stamp, error) >= fs::last_write_time(CURATOR_TEST_FIXTURE_SCRIPT, error);
}

std::optional<Fixtures> generate(std::string& why) {
    const fs::path out = CURATOR_TEST_FIXTURE_OUT;
    const std::string python = CURATOR_TEST_PYTHON;
    if (access(python.c_str(), X_OK) != 0) {
        why = python + " is not installed: the TorchScript parity tests need it (with torch, numpy, cv2)";
        return std::nullopt;
    }
    if (std::system((python + " -c 'import torch, numpy, cv2' >/dev/null 2>&1").c_str()) != 0) {
        why = python + " has no torch/numpy/cv2 (install python3-torch python3-numpy python3-opencv)";
        return std::nullopt;
    }
    std::error_code error;
    fs::create_directories(out.parent_path(), error);
    const std::string lockPath = out.string() + ".lock";
    const int lock = open(lockPath.c_str(), O_CREAT | O_RDWR, 0644);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) {
        why = "cannot lock " + lockPath;
        return std::nullopt;
    }
    if (!fixturesCurrent(out)) {
        fs::remove_all(out, error);
        fs::create_directories(out, error);
        const std::string command = python + " -B " + CURATOR_TEST_FIXTURE_SCRIPT + " '" + out.string() +
                                    "' > '" + out.string() + ".log' 2>&1";
        if (std::system(command.c_str()) != 0) {
            why = "the fixture script failed; see " + out.string() + ".log";
            flock(lock, LOCK_UN);
            close(lock);
            return std::nullopt;
        }
    }
    flock(lock, LOCK_UN);
    close(lock);
    Fixtures fixtures;
    fixtures.root = out;
    std::ifstream in(out / "reference.json");
    fixtures.reference = nlohmann::json::parse(in);
    return fixtures;
}

} // namespace

std::optional<Fixtures> fixtures(std::string& why) {
    static std::once_flag once;
    static std::optional<Fixtures> cached;
    static std::string cachedWhy;
    std::call_once(once, [] { cached = generate(cachedWhy); });
    why = cachedWhy;
    return cached;
}

curator::RgbImage readRgb(const std::string& path) {
    const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty()) {
        throw std::runtime_error("cannot read " + path);
    }
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    curator::RgbImage image;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.pixels.assign(rgb.data, rgb.data + rgb.total() * 3);
    return image;
}

std::vector<std::vector<float>> readNpyRows(const std::string& path) {
    auto file = curator::TensorFile::openNpy(path);
    if (!file) {
        throw std::runtime_error(file.error());
    }
    std::vector<std::vector<float>> rows(file->rows(), std::vector<float>(file->columns()));
    for (size_t r = 0; r < rows.size(); ++r) {
        file->readRow(r, rows[r].data());
    }
    return rows;
}

TemporaryDirectory::TemporaryDirectory() {
    static std::atomic<int> counter{0};
    std::random_device device;
    m_path = fs::temp_directory_path() / ("curator-torch-test-" + std::to_string(getpid()) + "-" +
                                          std::to_string(counter++) + "-" + std::to_string(device()));
    fs::create_directories(m_path);
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code error;
    fs::remove_all(m_path, error);
}

} // namespace torchtest
