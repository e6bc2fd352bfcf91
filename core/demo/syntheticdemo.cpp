#include "demo/syntheticdemo.h"

#include "store/embeddingstore.h"
#include "store/tensorfile.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;

namespace {

constexpr size_t kDimension = 256;

// Concepts borrowed from the taxonomy, so the demonstration reads like a curation step.
const std::vector<std::string> kConcepts = {"motion_blur", "vhs_scanlines",    "toxic_neon_palette",
                                            "harsh_flash", "liminal_corridor", "sickly_color_cast",
                                            "light_leak",  "golden_hour",      "sharp_focus",
                                            "watermark",   "text_overlay",     "blank_frame"};

struct SourcePlan {
    const char* name;
    double share;
};
const SourcePlan kSources[] = {{"photos", 0.65}, {"artwork", 0.2}, {"dreamcore", 0.15}};

} // namespace

std::string syntheticDemoQueryPath(const std::string& workspaceDirectory, const std::string& concept) {
    return (fs::path(workspaceDirectory) / "queries" / (concept + ".npy")).string();
}

Result<SyntheticDemoSummary> createSyntheticDemo(const std::string& workspaceDirectory, size_t rows) {
    SyntheticDemoSummary summary;
    summary.workspaceDirectory = workspaceDirectory;
    summary.model = kSyntheticDemoModel;
    summary.dimension = kDimension;
    summary.concepts = kConcepts;
    {
        auto store = EmbeddingStore::open(workspaceDirectory);
        if (!store) {
            return store.takeError();
        }
        if (store->find("photos", kSyntheticDemoModel) != nullptr) {
            for (const auto& matrix : store->matrices()) {
                summary.rows += matrix->rows();
            }
            return summary;
        }
    }
    if (rows < 30) {
        return makeError("the demo needs at least 30 rows");
    }
    // The import makes the workspace directory itself, not the folders above it.
    if (const fs::path parent = fs::absolute(workspaceDirectory).parent_path(); !parent.empty()) {
        std::error_code error;
        fs::create_directories(parent, error);
        if (error) {
            return makeError(parent.string() + ": cannot create the workspace's folder: " + error.message());
        }
    }
    std::mt19937_64 random(20261123);
    std::normal_distribution<float> gaussian(0.0f, 1.0f);
    auto unit = [](std::vector<float> v) {
        double norm = 0;
        for (float x : v) {
            norm += static_cast<double>(x) * x;
        }
        for (float& x : v) {
            x = static_cast<float>(x / std::sqrt(norm));
        }
        return v;
    };
    std::vector<std::vector<float>> concepts;
    for (size_t c = 0; c < kConcepts.size(); ++c) {
        std::vector<float> direction(kDimension);
        for (float& x : direction) {
            x = gaussian(random);
        }
        concepts.push_back(unit(direction));
    }

    // Named from the entropy source, not the seeded generator: concurrent demos must not share it.
    const fs::path staging = fs::temp_directory_path() / ("curator-demo-" + std::to_string(::getpid()) + "-" +
                                                          std::to_string(std::random_device{}()));
    fs::create_directories(staging);
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } cleanup{staging};

    std::uniform_int_distribution<size_t> pickConcept(0, kConcepts.size() - 1);
    std::uniform_real_distribution<float> strength(0.35f, 1.0f);
    for (const auto& source : kSources) {
        const size_t sourceRows = std::max<size_t>(10, static_cast<size_t>(std::round(rows * source.share)));
        std::vector<float> matrix;
        matrix.reserve(sourceRows * kDimension);
        std::ofstream ids(staging / (std::string(source.name) + ".jsonl"));
        for (size_t r = 0; r < sourceRows; ++r) {
            // Each row mixes one or two concepts with noise: similarity to a concept then spreads
            // over a band, which is what thresholds and band sampling are for.
            const size_t primary = pickConcept(random);
            const size_t secondary = pickConcept(random);
            const float primaryWeight = strength(random);
            const float secondaryWeight = strength(random) * 0.5f;
            std::vector<float> row(kDimension);
            for (size_t d = 0; d < kDimension; ++d) {
                row[d] = primaryWeight * concepts[primary][d] + secondaryWeight * concepts[secondary][d] +
                         0.06f * gaussian(random);
            }
            row = unit(row);
            matrix.insert(matrix.end(), row.begin(), row.end());
            char name[64];
            std::snprintf(name, sizeof name, "%s_%05zu.jpg", source.name, r);
            ids << nlohmann::json{{"id", name},
                                  {"path", std::string(source.name) + "/" + name},
                                  {"caption", "synthetic embedding: " + kConcepts[primary] +
                                                  " with a trace of " + kConcepts[secondary]}}
                       .dump()
                << '\n';
        }
        ids.close();
        const std::string npyPath = (staging / (std::string(source.name) + ".npy")).string();
        if (auto status = writeNpy(npyPath, matrix.data(), {sourceRows, kDimension}); !status) {
            return status.takeError();
        }
        ImportRequest request;
        request.source = source.name;
        request.model = kSyntheticDemoModel;
        request.embeddingsPath = npyPath;
        request.idsPath = (staging / (std::string(source.name) + ".jsonl")).string();
        auto imported = importEmbeddings(workspaceDirectory, request);
        if (!imported) {
            return imported.takeError();
        }
        summary.rows += sourceRows;
    }
    fs::create_directories(fs::path(workspaceDirectory) / "queries");
    for (size_t c = 0; c < kConcepts.size(); ++c) {
        if (auto status = writeNpy(syntheticDemoQueryPath(workspaceDirectory, kConcepts[c]),
                                   concepts[c].data(), {kDimension});
            !status) {
            return status.takeError();
        }
    }
    summary.created = true;
    return summary;
}

} // namespace curator
