// The builtin embedder on the fetched real photographs of one split (fetch_photos.sh): prints each
// degradation's precision@20 when searched by its name, and with --features writes every image's raw
// features (the input of a recalibration: the clean photos of the calibration split set the centres).
//
//   realphoto_tool DIR calibration|test [--features OUT.tsv] [--copies N]
//   realphoto_tool --demo-features OUT.tsv
//   realphoto_tool --tilt-pairs DIR OUT [SEED]

#include "demo/imagedemo.h"
#include "models/builtinembedder.h"
#include "models/image.h"
#include "models/opencvimage.h"
#include "photodegradations.h"
#include "realphotoquality.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace curator;

namespace {

// The demo collection of DemoCollection.TextSearchPrecisionAt50 (1,800 images, seed 2024), measured the
// same way, so that a recalibration can be checked against the demo's quality bar too.
int writeDemoFeatures(const std::string& output) {
    const std::string directory = "/tmp/realphoto_tool_demo";
    auto collection = generateDemoCollection(directory, 1800, 2024, {}, 2);
    if (!collection) {
        std::fprintf(stderr, "realphoto_tool: %s\n", collection.error().c_str());
        return 1;
    }
    std::ofstream out(output);
    out << "file\tattributes";
    for (const auto& name : BuiltinEmbedder::featureNames())
        out << '\t' << name;
    out << '\n';
    for (const auto& image : collection->images) {
        auto decoded = decodeImageFile(directory + "/" + image.file);
        auto raw = decoded ? BuiltinEmbedder::measureFeatures(*decoded) : decoded.takeError();
        if (!raw) {
            std::fprintf(stderr, "realphoto_tool: %s\n", raw.error().c_str());
            return 1;
        }
        std::string attributes;
        for (const auto& attribute : image.attributes)
            attributes += (attributes.empty() ? "" : ",") + attribute;
        out << image.file << '\t' << (attributes.empty() ? "clean" : attributes);
        for (double value : *raw)
            out << '\t' << value;
        out << '\n';
    }
    return 0;
}

// A blind look at the tilt of the test photos: for each, the tilted copy and a copy cropped the same way
// but not turned, side by side in an order drawn at random (OUT/pairNN.png), and which side is turned in
// OUT/key.tsv. Whoever looks at the pairs before the key says whether a tilt of that photo can be seen at
// all; docs/benchmarks.md has a run.
int writeTiltPairs(const std::string& directory, const std::string& output, uint64_t seed) {
    std::vector<realphotos::PhotoEntry> photos;
    for (const auto& photo : realphotos::readPhotoList(directory))
        if (photo.split == "test")
            photos.push_back(photo);
    std::mt19937_64 rng(seed);
    std::shuffle(photos.begin(), photos.end(), rng);
    std::filesystem::create_directories(output);
    std::ofstream key(output + "/key.tsv");
    key << "pair\tturned_side\tdegrees\thorizon\tphoto\n";
    for (size_t i = 0; i < photos.size(); ++i) {
        auto decoded = decodeImageFile(directory + "/" + photos[i].file);
        if (!decoded) {
            std::fprintf(stderr, "realphoto_tool: %s\n", decoded.error().c_str());
            return 1;
        }
        const cv::Mat photo = realphotos::reducePhoto(rgbView(*decoded), realphotos::kPhotoLongSide);
        const double degrees = std::uniform_real_distribution<double>(4, 12)(rng) * (rng() % 2 ? 1 : -1);
        const bool turnedLeft = rng() % 2;
        const cv::Mat turned = realphotos::turnAndCrop(photo, degrees);
        const cv::Mat straight = realphotos::turnAndCrop(photo, degrees, false);
        cv::Mat pair;
        const cv::Mat gap(photo.rows, 16, photo.type(), cv::Scalar::all(255));
        cv::hconcat(std::vector<cv::Mat>{turnedLeft ? turned : straight, gap, turnedLeft ? straight : turned},
                    pair);
        cv::cvtColor(pair, pair, cv::COLOR_RGB2BGR);
        char name[32];
        std::snprintf(name, sizeof name, "pair%02zu.png", i + 1);
        if (!cv::imwrite(output + "/" + name, pair)) {
            std::fprintf(stderr, "realphoto_tool: cannot write %s/%s\n", output.c_str(), name);
            return 1;
        }
        key << name << '\t' << (turnedLeft ? "left" : "right") << '\t' << degrees << '\t'
            << (photos[i].horizon ? "yes" : "no") << '\t' << photos[i].file << '\n';
    }
    std::printf("%zu pairs in %s; the key is %s/key.tsv\n", photos.size(), output.c_str(), output.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--demo-features")
        return writeDemoFeatures(argv[2]);
    if ((argc == 4 || argc == 5) && std::string(argv[1]) == "--tilt-pairs") {
        try {
            return writeTiltPairs(argv[2], argv[3], argc == 5 ? std::strtoull(argv[4], nullptr, 10) : 1);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "realphoto_tool: %s\n", error.what());
            return 1;
        }
    }
    std::string featuresPath;
    int copies = realphotos::kCopiesPerDegradation;
    bool usage = argc < 3;
    for (int i = 3; i < argc && !usage; i += 2) {
        const std::string option = argv[i];
        usage = i + 1 >= argc || (option != "--features" && option != "--copies");
        if (!usage && option == "--features")
            featuresPath = argv[i + 1];
        else if (!usage)
            copies = std::max(1, std::atoi(argv[i + 1]));
    }
    if (usage) {
        std::fprintf(stderr, "usage: realphoto_tool DIR calibration|test [--features OUT.tsv] [--copies N]\n"
                             "       realphoto_tool --demo-features OUT.tsv\n"
                             "       realphoto_tool --tilt-pairs DIR OUT [SEED]\n");
        return 2;
    }
    try {
        auto embedder = BuiltinEmbedder::create(defaultBuiltinVocabularyPath(CURATOR_RESOURCES_DIR), 2);
        if (!embedder) {
            std::fprintf(stderr, "realphoto_tool: %s\n", embedder.error().c_str());
            return 1;
        }
        const auto images = realphotos::embedSplit(argv[1], argv[2], 2, copies);
        if (!featuresPath.empty()) {
            std::ofstream out(featuresPath);
            out << "photo\thorizon\tattribute\tstrength";
            for (const auto& name : BuiltinEmbedder::featureNames())
                out << '\t' << name;
            out << '\n';
            for (const auto& image : images) {
                out << image.photo << '\t' << (image.horizon ? "yes" : "no") << '\t'
                    << (image.attribute.empty() ? "clean" : image.attribute) << '\t' << image.strength;
                for (double value : image.rawFeatures)
                    out << '\t' << value;
                out << '\n';
            }
            // The text side too, so that a recalibration can be tried on these rows without measuring again.
            std::ofstream queries(featuresPath + ".queries");
            for (const auto& degradation : realphotos::photoDegradations()) {
                auto query = (*embedder)->embedText(degradation.attribute);
                if (!query)
                    throw std::runtime_error(query.error());
                queries << degradation.attribute;
                for (float value : query->vector)
                    queries << '\t' << value;
                queries << '\n';
            }
        }
        std::printf(
            "%zu images of the %s split\n\n| attribute | positives | precision@20 |\n| --- | ---: | ---: |\n",
            images.size(), argv[2]);
        double sum = 0;
        auto table = realphotos::precisionAtK(images, **embedder, 20);
        for (const auto& row : table) {
            std::printf("| %s | %zu | %.2f |\n", row.attribute.c_str(), row.positives, row.precision);
            sum += row.precision;
        }
        const auto tilt = realphotos::tiltPrecisionWithoutHorizon(images, **embedder, 20);
        std::printf("| tilted_snapshot_angle, photos without a horizon | %zu | %.2f |\n", tilt.positives,
                    tilt.precision);
        std::printf("\nmean over the %zu degradations: %.3f\n", table.size(), sum / double(table.size()));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "realphoto_tool: %s\n", error.what());
        return 1;
    }
    return 0;
}
