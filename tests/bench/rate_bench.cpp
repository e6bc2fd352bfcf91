// Images per second of a rating (aestheticsRate, as `curator-cli rate` runs it) against the loopback fake
// captioner and scorer of tests/rating/fake_rating_server.py, which answers every request after a fixed
// latency: the time a real server spends is its latency, so this measures how much of it the client
// overlaps. Each configuration rates the same images into a fresh workspace (no cache), captions and
// scores both requested.
// Usage: rate_bench [images=64] [latency seconds=0.05] [repeats=3]
#include "dataset/curationlog.h"
#include "fakeratingserver.h"
#include "models/backendspec.h"
#include "rating/aestheticsrate.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace fs = std::filesystem;

namespace {

struct Configuration {
    const char* name;
    size_t concurrency;
    size_t batch;
    int endpoints;
};

} // namespace

int main(int argc, char** argv) {
    const size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
    const double latency = argc > 2 ? std::strtod(argv[2], nullptr) : 0.05;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
    curator::test::FakeRatingServer server(latency);
    if (server.port() == 0) {
        std::fprintf(stderr, "rate_bench: the fake rating server did not start\n");
        return 1;
    }
    const fs::path root =
        fs::temp_directory_path() / ("curator-rate-bench-" + std::to_string(std::random_device{}()));
    fs::create_directories(root);
    std::vector<curator::RateItem> items;
    for (size_t i = 0; i < count; ++i) {
        const fs::path path = root / ("img" + std::to_string(i) + ".png");
        cv::imwrite(path.string(), cv::Mat(64, 64, CV_8UC3, cv::Scalar(double(i % 256), 80, 160)));
        items.push_back({"photos", path.filename().string(), path.string(), ""});
    }

    const Configuration configurations[] = {
        {"concurrency 1, one image per score request (the former path)", 1, 1, 1},
        {"concurrency 1, score batches of 8", 1, 8, 1},
        {"concurrency 8 (default), one image per score request", 8, 1, 1},
        {"concurrency 8 (default), score batches of 8 (default)", 8, 8, 1},
        {"concurrency 8, batches of 8, two endpoints", 8, 8, 2},
    };
    std::printf("%zu images, %.0f ms per request, best of %d\n", count, latency * 1000, repeats);
    double baseline = 0;
    int run = 0;
    for (const auto& configuration : configurations) {
        std::string urls = server.baseUrl("ok-a");
        if (configuration.endpoints == 2) {
            urls += "," + server.baseUrl("ok-b");
        }
        const auto spec = curator::BackendSpec::parse("openai:" + urls + "#bench");
        auto scorer = curator::createScorer(*spec);
        auto captioner = curator::createCaptioner(*spec);
        if (!scorer || !captioner) {
            std::fprintf(stderr, "rate_bench: %s\n", (!scorer ? scorer.error() : captioner.error()).c_str());
            return 1;
        }
        curator::RatingOptions options;
        options.concurrency = configuration.concurrency;
        options.scoreBatchSize = configuration.batch;
        double best = 1e9;
        for (int repeat = 0; repeat < repeats; ++repeat) {
            auto log = curator::CurationLog::open((root / ("ws" + std::to_string(run++))).string());
            if (!log) {
                std::fprintf(stderr, "rate_bench: %s\n", log.error().c_str());
                return 1;
            }
            const auto start = std::chrono::steady_clock::now();
            auto report = curator::aestheticsRate(*log, items, **captioner, **scorer, options);
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (!report || report->rated.size() != count) {
                std::fprintf(stderr, "rate_bench: %s\n",
                             report ? "not every image was rated" : report.error().c_str());
                return 1;
            }
            best = std::min(best, seconds);
        }
        const double rate = static_cast<double>(count) / best;
        if (baseline == 0) {
            baseline = rate;
        }
        std::printf("%-62s %7.3f s %8.1f images/s  x%.1f\n", configuration.name, best, rate, rate / baseline);
    }
    fs::remove_all(root);
    return 0;
}
