#include "common/fileutil.h"
#include "demo/imagedemo.h"
#include "models/builtinembedder.h"
#include "modelstesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <thread>

using namespace curator;

namespace {

// The attributes the builtin descriptor measures well enough to claim: each must reach precision@50 >= 0.8.
const std::vector<std::string> kMeasurable = {
    "motion_blur",
    "out_of_focus_blur",
    "film_grain",
    "vhs_decay",
    "scanline_texture",
    "jpeg_artifacts",
    "toxic_neon_palette",
    "clashing_disharmony",
    "sickly_color_cast",
    "harsh_flash",
    "light_leak",
    "oppressive_low_contrast",
    "overexposure",
    "underexposure",
    "vignette",
    "tilted_snapshot_angle",
    "over_sharpened_haloing",
    "text_overlay",
};

std::vector<nlohmann::json> readJsonLines(const std::string& path) {
    auto text = readWholeFile(path);
    EXPECT_TRUE(text) << text.error();
    std::vector<nlohmann::json> lines;
    std::istringstream stream(text ? *text : "");
    std::string line;
    while (std::getline(stream, line))
        if (!line.empty())
            lines.push_back(nlohmann::json::parse(line));
    return lines;
}

} // namespace

TEST(DemoCollection, DeterministicWithSidecarsAndCancellable) {
    test::TempDir first, second;
    auto a = generateDemoCollection(first.path(), 30, 99, {}, 2);
    auto b = generateDemoCollection(second.path(), 30, 99, {}, 1);
    ASSERT_TRUE(a) << a.error();
    ASSERT_TRUE(b) << b.error();
    EXPECT_EQ(*readWholeFile(first.file("labels.jsonl")), *readWholeFile(second.file("labels.jsonl")));
    for (const auto& image : a->images) {
        EXPECT_EQ(*readWholeFile(first.file(image.file)), *readWholeFile(second.file(image.file)))
            << image.file;
        EXPECT_FALSE(image.caption.empty());
    }
    std::set<std::string> sources;
    size_t captions = 0;
    for (const char* source : {"photos", "artwork", "dreamcore"}) {
        for (const auto& line : readJsonLines(first.file(std::string(source) + "/captions.jsonl"))) {
            EXPECT_TRUE(std::filesystem::exists(
                first.file(std::string(source) + "/" + line["file"].get<std::string>())));
            EXPECT_FALSE(line["caption"].get<std::string>().empty());
            ++captions;
            sources.insert(source);
        }
    }
    EXPECT_EQ(captions, 30u);
    EXPECT_EQ(sources.size(), 3u);
    const auto labels = readJsonLines(first.file("labels.jsonl"));
    ASSERT_EQ(labels.size(), 30u);
    EXPECT_TRUE(labels[0].contains("attributes"));

    test::TempDir third;
    auto cancelled = generateDemoCollection(
        third.path(), 2000, 1, [](size_t, size_t) { return false; }, 2);
    ASSERT_FALSE(cancelled);
    EXPECT_NE(cancelled.error().find("cancelled"), std::string::npos) << cancelled.error();
}

TEST(DemoCollection, AnImageThatCannotBeWrittenIsTheReportedError) {
    test::TempDir dir;
    // A directory where the first image goes: writing it fails, whoever runs the test.
    std::filesystem::create_directories(dir.file("photos/000000.jpg"));
    auto collection = generateDemoCollection(dir.path(), 12, 5, {}, 3);
    ASSERT_FALSE(collection);
    EXPECT_EQ(collection.error(),
              "demo collection: " + dir.file("photos/000000.jpg") + ": cannot write image");
}

// THE QUALITY BAR (issue 4, section 6): a text search for each measurable attribute, by its name, finds
// images that carry it: precision@50 >= 0.8 against the generator's ground truth.
TEST(DemoCollection, TextSearchPrecisionAt50) {
    constexpr size_t kCount = 1800;
    test::TempDir dir;
    auto collection = generateDemoCollection(dir.path(), kCount, 2024, {}, 2);
    ASSERT_TRUE(collection) << collection.error();
    std::printf("demo collection: %zu images in %.2f s (%.0f images/s)\n", kCount, collection->seconds,
                kCount / collection->seconds);

    auto embedder = BuiltinEmbedder::create(defaultBuiltinVocabularyPath(test::resourcesDir()), 2);
    ASSERT_TRUE(embedder) << embedder.error();
    const auto labels = readJsonLines(dir.file("labels.jsonl"));
    ASSERT_EQ(labels.size(), kCount);

    // Decode and embed in batches, two threads each (decoding included in the rate).
    std::vector<std::vector<float>> vectors;
    const auto start = std::chrono::steady_clock::now();
    constexpr size_t kBatch = 64;
    for (size_t begin = 0; begin < kCount; begin += kBatch) {
        const size_t end = std::min(kCount, begin + kBatch);
        std::vector<RgbImage> images(end - begin);
        std::atomic<size_t> next{begin};
        std::atomic<bool> failed{false};
        auto decode = [&] {
            for (size_t i = next++; i < end; i = next++) {
                auto image = decodeImageFile(dir.file(labels[i]["file"].get<std::string>()));
                if (image)
                    images[i - begin] = std::move(*image);
                else
                    failed = true;
            }
        };
        std::thread t(decode);
        decode();
        t.join();
        ASSERT_FALSE(failed);
        auto batch = (*embedder)->embedImages(images);
        ASSERT_TRUE(batch) << batch.error();
        for (auto& v : *batch)
            vectors.push_back(std::move(v));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("builtin embedder: %zu images of 512x512 decoded and embedded in %.2f s on 2 threads "
                "(%.0f images/s)\n",
                kCount, seconds, kCount / seconds);

    std::printf("\n%-26s %9s %14s\n", "attribute", "positives", "precision@50");
    std::map<std::string, double> precision;
    for (const auto& attribute : kMeasurable) {
        auto query = (*embedder)->embedText(attribute);
        ASSERT_TRUE(query) << query.error();
        ASSERT_TRUE(query->warnings.empty()) << attribute;
        std::vector<std::pair<double, size_t>> ranked;
        size_t positives = 0;
        for (size_t i = 0; i < vectors.size(); ++i) {
            double dot = 0;
            for (size_t k = 0; k < vectors[i].size(); ++k)
                dot += double(vectors[i][k]) * query->vector[k];
            ranked.emplace_back(dot, i);
            const auto& attributes = labels[i]["attributes"];
            positives += std::find(attributes.begin(), attributes.end(), attribute) != attributes.end();
        }
        std::partial_sort(ranked.begin(), ranked.begin() + 50, ranked.end(),
                          [](const auto& a, const auto& b) {
                              return a.first > b.first || (a.first == b.first && a.second < b.second);
                          });
        size_t hits = 0;
        for (size_t r = 0; r < 50; ++r) {
            const auto& attributes = labels[ranked[r].second]["attributes"];
            hits += std::find(attributes.begin(), attributes.end(), attribute) != attributes.end();
        }
        precision[attribute] = hits / 50.0;
        std::printf("%-26s %9zu %14.2f\n", attribute.c_str(), positives, hits / 50.0);
        EXPECT_GE(positives, 50u) << attribute;
    }
    std::fflush(stdout);
    for (const auto& [attribute, p] : precision)
        EXPECT_GE(p, 0.8) << attribute;
}
