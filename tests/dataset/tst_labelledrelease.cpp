// Issue 17 §1: a release of a demo workspace, loaded back and checked field by field against the commits,
// the rating cache and the demo's ground truth; its card and histogram; no absolute path anywhere in it.

#include "dataset/commitlabels.h"
#include "dataset/curationlog.h"
#include "dataset/sha256.h"
#include "dataset/sqlitedatabase.h"
#include "demo/imagedemo.h"
#include "ingest/ingest.h"
#include "models/backendspec.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/image.h"
#include "models/scorer.h"
#include "rating/aestheticsrate.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <utility>

using namespace curator;
using datasettest::readText;
using datasettest::TemporaryDirectory;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string key(const std::string& source, const std::string& name) {
    return source + "/" + name;
}

std::vector<json> readRows(const fs::path& file) {
    std::vector<json> rows;
    std::istringstream lines(readText(file.string()));
    std::string line;
    while (std::getline(lines, line)) {
        rows.push_back(json::parse(line));
    }
    return rows;
}

// Every string value of a JSON document, recursively.
void strings(const json& value, std::vector<std::string>& out) {
    if (value.is_string()) {
        out.push_back(value.get<std::string>());
    }
    for (const json& child : value) {
        if (value.is_structured()) {
            strings(child, out);
        }
    }
}

// A demo collection ingested into a fresh workspace with the builtin embedder.
struct DemoFixture {
    std::string workspace;
    std::map<std::string, std::set<std::string>> truth; // "source/name" -> ground-truth attributes
    std::map<std::string, CatalogImage> images;         // "source/name" -> catalog entry
};

DemoFixture makeDemo(const TemporaryDirectory& directory, size_t count) {
    DemoFixture demo;
    demo.workspace = directory.filePath("ws");
    const std::string imagesDirectory = directory.filePath("demo-images");
    auto collection = generateDemoCollection(imagesDirectory, count, 11, {}, 2);
    EXPECT_TRUE(collection.ok()) << collection.error();
    auto spec = BackendSpec::parse("builtin");
    auto embedder = createEmbedder(*spec);
    EXPECT_TRUE(embedder.ok());
    for (const char* source : {"photos", "artwork", "dreamcore"}) {
        IngestRequest request;
        request.workspaceDirectory = demo.workspace;
        request.source = source;
        request.imagesDirectory = (fs::path(imagesDirectory) / source).string();
        request.thumbnails = false;
        auto report = ingestImages(request, **embedder);
        EXPECT_TRUE(report.ok()) << report.error();
    }
    for (const DemoImage& image : collection->images) {
        demo.truth[key(image.source, fs::path(image.file).filename().string())] =
            std::set<std::string>(image.attributes.begin(), image.attributes.end());
    }
    CurationLog log = datasettest::openLog(demo.workspace);
    Result<SqliteStatement> rows = log.database().prepare(
        "SELECT s.name, i.name, i.path, i.caption FROM images i JOIN sources s USING (source_key)");
    EXPECT_TRUE(rows.ok());
    EXPECT_TRUE(rows->forEachRow([&demo](const SqliteStatement& row) {
                        demo.images[key(row.columnText(0), row.columnText(1))] = {
                            row.columnText(0), row.columnText(1), row.columnText(2), row.columnText(3), 0, 0};
                    })
                    .ok());
    return demo;
}

CommitRequest request(const std::string& query, const std::string& message, std::vector<std::string> tags,
                      std::vector<CatalogImage> images) {
    CommitRequest commit;
    commit.query = query;
    commit.message = message;
    commit.tags = std::move(tags);
    commit.images = std::move(images);
    commit.embeddingModel = "builtin-pixel-v4";
    return commit;
}

} // namespace

TEST(LabelledRelease, ADemoReleaseLoadsBackFieldByField) {
    TemporaryDirectory directory;
    DemoFixture demo = makeDemo(directory, 60);
    ASSERT_FALSE(demo.images.empty());
    CurationLog log = datasettest::openLog(demo.workspace);
    Result<Taxonomy> taxonomy = workspaceTaxonomy(demo.workspace, "");
    ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();

    // The commebts by ground truth: the most common degradation (tagged, so its direction comes from the
    // taxonomy), clean images under a pro attribute, and a commit that says nothing (unknown).
    std::map<std::string, size_t> frequency;
    for (const auto& [image, attributes] : demo.truth) {
        for (const std::string& attribute : attributes) {
            ++frequency[attribute];
        }
    }
    ASSERT_FALSE(frequency.empty());
    std::string degradation = frequency.begin()->first;
    for (const auto& [attribute, count] : frequency) {
        degradation = count > frequency[degradation] ? attribute : degradation;
    }
    const std::vector<const TaxonomyAttribute*> pro = taxonomy->attributes("pro_aesthetics");
    ASSERT_FALSE(pro.empty()) << "the built-in taxonomy has no pro_aesthetics group";
    std::vector<CatalogImage> degraded, clean, quiet;
    for (const auto& [name, attributes] : demo.truth) {
        const CatalogImage& image = demo.images.at(name);
        if (attributes.count(degradation)) {
            degraded.push_back(image);
        } else if (attributes.empty()) {
            clean.push_back(image);
        } else if (quiet.size() < 3) {
            quiet.push_back(image);
        }
    }
    ASSERT_GE(degraded.size(), 2u);
    ASSERT_GE(clean.size(), 2u);
    ASSERT_EQ(quiet.size(), 3u);
    // One degraded image also in the pro commit: its direction is mixed.
    std::vector<CatalogImage> proImages = clean;
    proImages.push_back(degraded.front());
    const std::string antiId =
        log.commit(request(degradation, "the most common degradation", {degradation}, degraded))->id;
    const std::string proId =
        log.commit(request("clean scenes", "clean reference images", {pro.front()->name}, proImages))->id;
    const std::string quietId = log.commit(request("a quiet look", "looked fine", {}, quiet))->id;
    const std::string importedId =
        log.commit(request("whatever", "sub-element: grain; aesthetic_direction: anti-aesthetic", {},
                           {quiet.front()}))
            ->id;

    // Scores of some images, by the builtin scorer, into the workspace's cache.
    auto spec = BackendSpec::parse("builtin");
    auto scorer = createScorer(*spec);
    auto captioner = createCaptioner(*spec);
    ASSERT_TRUE(scorer.ok() && captioner.ok());
    std::vector<RateItem> items;
    for (const CatalogImage& image : degraded) {
        items.push_back({image.source, image.name, image.path, image.caption});
    }
    for (const CatalogImage& image : clean) {
        items.push_back({image.source, image.name, image.path, image.caption});
    }
    Result<RateReport> rated = aestheticsRate(log, items, **captioner, **scorer, 10);
    ASSERT_TRUE(rated.ok()) << rated.error();
    ASSERT_TRUE(rated->failures.empty());
    std::map<std::string, double> cached;
    Result<SqliteStatement> cache =
        log.database().prepare("SELECT source, name, model, score FROM score_cache");
    ASSERT_TRUE(cache.ok());
    ASSERT_TRUE(cache
                    ->forEachRow([&cached](const SqliteStatement& row) {
                        cached[key(row.columnText(0), row.columnText(1)) + "@" + row.columnText(2)] =
                            row.columnDouble(3);
                    })
                    .ok());
    ASSERT_EQ(cached.size(), items.size());
    // A score the image got for another text (evaluate-scorer scores a pair against its prompt) is not one
    // of the image's scores: the release leaves it out (each row below keeps exactly its one score).
    ASSERT_TRUE(
        log.database()
            .execute("INSERT INTO score_cache(source, name, model, caption_sha256, score, created_at) "
                     "VALUES(?1, ?2, 'builtin-proxy', ?3, 99.5, '2026-12-04T00:00:00Z')",
                     {items.front().source, items.front().id, Sha256::hashHex("a prompt, not a caption")})
            .ok());

    Result<ReleaseReport> release = log.exportRelease("v1", true);
    ASSERT_TRUE(release.ok()) << release.error();
    const fs::path root = release->directory;
    EXPECT_EQ(release->imagesRefused, 0u);
    EXPECT_EQ(release->imagesMissing, 0u);

    // What each image should say, from the commits above.
    std::map<std::string, std::set<std::string>> commitsOf, attributesOf;
    std::map<std::string, std::string> directionOf;
    auto expect = [&](const std::vector<CatalogImage>& images, const std::string& id,
                      const std::string& attribute, const std::string& direction) {
        for (const CatalogImage& image : images) {
            const std::string name = key(image.source, image.name);
            commitsOf[name].insert(id);
            if (!attribute.empty()) {
                attributesOf[name].insert(attribute);
            }
            std::string& was = directionOf[name];
            was = was.empty() || was == "unknown"              ? direction
                  : direction == "unknown" || direction == was ? was
                                                               : "mixed";
        }
    };
    expect(degraded, antiId, degradation, "anti");
    expect(proImages, proId, pro.front()->name, "pro");
    expect(quiet, quietId, "", "unknown");
    expect({quiet.front()}, importedId, "", "anti");

    const std::vector<json> rows = readRows(root / "metadata.jsonl");
    ASSERT_EQ(rows.size(), commitsOf.size());
    std::map<std::string, size_t> directionCounts;
    size_t scored = 0;
    for (const json& row : rows) {
        const std::string name = key(row["source"], row["id"]);
        SCOPED_TRACE(name);
        // imagefolder's rule: file_name is relative to the folder holding metadata.jsonl, and exists.
        const fs::path file = row["file_name"].get<std::string>();
        EXPECT_TRUE(file.is_relative());
        EXPECT_TRUE(fs::is_regular_file(root / file));
        EXPECT_EQ(readText((root / file).string()), readText(demo.images.at(name).path));
        EXPECT_EQ(row["caption"], demo.images.at(name).caption);
        EXPECT_EQ(row["direction"], directionOf.at(name));
        ++directionCounts[row["direction"]];
        std::set<std::string> attributes = row["attributes"].get<std::set<std::string>>();
        EXPECT_EQ(attributes, attributesOf[name]);
        EXPECT_EQ(row["commit_ids"].get<std::set<std::string>>(), commitsOf.at(name));
        EXPECT_EQ(row["commits"].size(), commitsOf.at(name).size());
        EXPECT_EQ(row["queries"].size(), commitsOf.at(name).size());
        EXPECT_EQ(row["messages"].size(), commitsOf.at(name).size());
        for (const json& commit : row["commits"]) {
            if (commit["id"] == antiId) {
                EXPECT_EQ(commit["direction_from"], "taxonomy");
                // The demo's ground truth agrees with the commit's attribute.
                EXPECT_TRUE(demo.truth.at(name).count(degradation));
            }
            if (commit["id"] == importedId) {
                EXPECT_EQ(commit["direction"], "anti");
                EXPECT_EQ(commit["direction_from"], "message");
                EXPECT_EQ(commit["subelement"], "grain");
            }
        }
        for (const json& score : row["scores"]) {
            const std::string at = name + "@" + score["scorer"].get<std::string>();
            ASSERT_TRUE(cached.count(at));
            EXPECT_DOUBLE_EQ(score["score"].get<double>(), cached.at(at));
        }
        const bool wasRated = cached.count(name + "@builtin-proxy") > 0;
        EXPECT_EQ(row["scores"].size(), wasRated ? 1u : 0u);
        scored += wasRated ? 1 : 0;
    }
    EXPECT_EQ(release->imagesByDirection, directionCounts);
    EXPECT_EQ(release->imagesScored, scored);
    EXPECT_EQ(directionCounts["mixed"], 1u);
    EXPECT_EQ(directionCounts["anti"], degraded.size());

    // The manifest names what produced it.
    const json manifest = json::parse(readText((root / "manifest.json").string()));
    EXPECT_EQ(manifest["scorer"], "builtin-proxy");
    EXPECT_EQ(manifest["embedder"], "builtin-pixel-v4");
    EXPECT_EQ(manifest["captioners"], json::array({"catalog"}));
    EXPECT_EQ(manifest["counts"]["by_direction"]["pro"], directionCounts["pro"]);

    // No absolute path of this machine in any file of the release; no JSON string is an absolute path.
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string extension = entry.path().extension().string();
        if (!entry.is_regular_file() ||
            (extension != ".json" && extension != ".jsonl" && extension != ".md")) {
            continue;
        }
        const std::string text = readText(entry.path().string());
        EXPECT_EQ(text.find(directory.path().string()), std::string::npos) << entry.path();
        EXPECT_EQ(text.find(demo.workspace), std::string::npos) << entry.path();
        std::vector<std::string> values;
        if (extension == ".json") {
            strings(json::parse(text), values);
        } else if (extension == ".jsonl") {
            for (const json& row : readRows(entry.path())) {
                strings(row, values);
            }
        }
        for (const std::string& value : values) {
            EXPECT_NE(value.rfind('/', 0), 0u) << entry.path() << ": " << value;
        }
    }

    // The card: counts per direction and attribute, the histogram, the coverage table, the commits.
    const std::string card = readText((root / "README.md").string());
    for (const auto& [direction, count] : directionCounts) {
        EXPECT_NE(card.find("| " + direction + " | " + std::to_string(count) + " |"), std::string::npos)
            << direction << "\n"
            << card;
    }
    EXPECT_NE(card.find("| " + degradation + " | " + std::to_string(degraded.size()) + " |"),
              std::string::npos);
    EXPECT_NE(card.find("](.card/scores-builtin-proxy.png)"), std::string::npos);
    EXPECT_NE(card.find("| " + pro.front()->group + " | " + pro.front()->category + " | " +
                        pro.front()->name + " | " + std::to_string(proImages.size()) + " | 1 |"),
              std::string::npos);
    EXPECT_NE(card.find("`" + antiId.substr(0, 8) + "`"), std::string::npos);
    // The preference pairs `curator-cli pairs` forms: each image of the degradation with a clean image, each
    // clean one (pro or unknown, no anti attribute) used at most twice.
    size_t chosen = 0, cleanImages = 0;
    for (const auto& [name, direction] : directionOf) {
        const bool anti = attributesOf[name].count(degradation) > 0;
        chosen += anti ? 1 : 0;
        cleanImages += !anti && direction != "anti" && direction != "mixed" ? 1 : 0;
    }
    const size_t pairsAt = card.find("## Preference pairs");
    ASSERT_NE(pairsAt, std::string::npos) << card;
    const std::string pairsSection = card.substr(pairsAt, card.find("## Taxonomy coverage") - pairsAt);
    EXPECT_NE(pairsSection.find("| " + degradation + " | " +
                                std::to_string(std::min(chosen, 2 * cleanImages)) + " |"),
              std::string::npos)
        << pairsSection;
    Result<RgbImage> histogram = decodeImageFile((root / ".card/scores-builtin-proxy.png").string());
    ASSERT_TRUE(histogram.ok()) << histogram.error();
    EXPECT_EQ(histogram->width, 800);
    EXPECT_EQ(histogram->height, 440);
}

// A release of the original system's real commits: directions parsed from their messages, and none of
// the curator's home-folder paths (/home/...) they name gets into it.
TEST(LabelledRelease, AReleaseOfImportedOriginalCommitsHasTheirDirectionsAndNoPaths) {
    const fs::path original =
        fs::path(datasettest::originalDataDirectory()) / "anti_aesthetics_agent_dataset.json";
    if (!fs::exists(original)) {
        GTEST_SKIP() << "the original system's data is not beside the repository";
    }
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.importDataset(original.string()).ok());
    Result<ReleaseReport> release = log.exportRelease("original", false);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_GT(release->images, 0u);
    EXPECT_EQ(release->imagesByDirection.size(), 1u);
    EXPECT_EQ(release->imagesByDirection["anti"], release->images);
    const fs::path root = release->directory;
    std::map<std::string, size_t> from; // commit entries by where their direction came from
    for (const json& row : readRows(root / "metadata.jsonl")) {
        EXPECT_EQ(row["direction"], "anti");
        for (const json& commit : row["commits"]) {
            EXPECT_EQ(commit["direction"], "anti");
            ++from[commit["direction_from"].get<std::string>()];
            EXPECT_FALSE(commit["subelement"].get<std::string>().empty());
        }
    }
    // Most say "anti-aesthetics"; those that open with an attribute's name ("clashing_disharmony: ...")
    // take it from the taxonomy.
    EXPECT_GT(from["message"], 0u);
    EXPECT_GT(from["taxonomy"], 0u);
    EXPECT_EQ(from.count("none"), 0u);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() != ".png") {
            EXPECT_EQ(readText(entry.path().string()).find("/home/"), std::string::npos) << entry.path();
        }
    }
}
