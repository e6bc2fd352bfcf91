#include "demo/imagedemo.h"

#include "common/fileutil.h"
#include "common/parallel.h"
#include "demo/demodegradations.h"
#include "media/imagecodecs.h"
#include "models/opencvimage.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

namespace curator {

using namespace demo;

namespace {

const char* const kSources[] = {"photos", "artwork", "dreamcore"};

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

// labels.jsonl ({"file","source","scene","attributes"}) and a captions.jsonl per source ({"file","caption"}).
Status writeLabelsAndCaptions(const std::string& outputDirectory, const std::vector<DemoImage>& images) {
    namespace fs = std::filesystem;
    std::string labels;
    std::string captions[3];
    for (const auto& image : images) {
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
    return {};
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

    std::atomic<size_t> done{0};
    bool cancelled = false;
    ParallelOptions options;
    options.threads = std::min<unsigned>(threads ? threads : std::thread::hardware_concurrency(), 64);
    options.monitorInterval = std::chrono::milliseconds(20);
    // The calling thread reports progress while the workers draw.
    options.monitor = [&] {
        cancelled = progress && !progress(done.load(), count);
        return !cancelled;
    };
    options.describeItem = [&](size_t i) { return "image " + std::to_string(i); };
    keepOpenCvSingleThreaded();
    const Status status = parallelFor(count, options, [&](size_t i) -> Status {
        cv::Mat image;
        DemoImage entry = renderImage(plans[i], i, image);
        const std::string path = (fs::path(outputDirectory) / entry.file).string();
        const bool png = lowercaseExtension(path) == ".png";
        const std::vector<int> params = png ? std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, 1}
                                            : std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 92};
        if (!codecs::imwrite(path, image, params))
            return makeError(path + ": cannot write image");
        collection.images[i] = std::move(entry);
        ++done;
        return {};
    });
    if (!status && !isCancellation(status))
        return makeError("demo collection: " + status.error());
    if (cancelled)
        return makeError("demo collection: cancelled after " + std::to_string(done.load()) + " of " +
                         std::to_string(count) + " images");
    if (progress)
        progress(count, count);
    if (auto written = writeLabelsAndCaptions(outputDirectory, collection.images); !written)
        return written.takeError();
    collection.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return collection;
}

} // namespace curator
