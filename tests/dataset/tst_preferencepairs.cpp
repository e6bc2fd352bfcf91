// Issue 17 §2: preference pairs on the image demo, checked against its ground truth (labels.jsonl): the
// chosen image shows the attribute, the rejected one does not and is the nearest clean image; the seed
// makes the file byte-identical; the caps hold; bad input is a clear error.

#include "dataset/curationlog.h"
#include "dataset/preferencepairs.h"
#include "demo/demoworkspace.h"
#include "resources/embeddedresources.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "taxonomy/taxonomy.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace curator;
using datasettest::TemporaryDirectory;

namespace {

namespace fs = std::filesystem;

constexpr const char* kAttributes[] = {"motion_blur", "film_grain", "text_overlay"};

// One demo workspace for the suite (generating it takes seconds): commits made from the ground truth.
//   one commit per attribute of kAttributes: every image that shows it (tagged, anti-aesthetic)
//   "vignette": images that show vignette (anti): never a rejected side, as they are not clean
//   "clean": the first 2/3 of the clean images (tagged sharp_focus, high-aesthetic)
struct DemoDataset {
    std::unique_ptr<TemporaryDirectory> directory;
    std::string workspace;
    std::map<std::string, std::vector<std::string>> truth; // "source/id" -> attributes applied
    std::set<std::string> cleanCommitted;
    std::set<std::string> vignetteCommitted;
    std::map<std::string, size_t> imagesOf; // attribute -> images committed with it
};

DemoDataset* g_demo = nullptr;

CatalogImage demoImage(const std::string& workspace, const std::string& file) {
    CatalogImage image;
    image.source = file.substr(0, file.find('/'));
    image.name = file.substr(file.find('/') + 1);
    image.path = (fs::path(workspace) / kDemoImagesDirectory / file).string();
    return image;
}

std::string key(const PairImage& image) {
    return image.source + "/" + image.id;
}

class PreferencePairsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        g_demo = new DemoDataset;
        g_demo->directory = std::make_unique<TemporaryDirectory>();
        g_demo->workspace = g_demo->directory->filePath("ws");
        auto created = createDemoWorkspace(g_demo->workspace, 240);
        ASSERT_TRUE(created.ok()) << created.error();
        std::ifstream labels(fs::path(g_demo->workspace) / kDemoImagesDirectory / "labels.jsonl");
        std::vector<std::string> clean;
        std::map<std::string, std::vector<CatalogImage>> byAttribute;
        for (std::string line; std::getline(labels, line);) {
            const auto label = nlohmann::json::parse(line);
            const std::string file = label.at("file");
            const auto attributes = label.at("attributes").get<std::vector<std::string>>();
            g_demo->truth[file] = attributes;
            if (attributes.empty()) {
                clean.push_back(file);
            }
            for (const std::string& attribute : attributes) {
                byAttribute[attribute].push_back(demoImage(g_demo->workspace, file));
            }
        }
        CurationLog log = datasettest::openLog(g_demo->workspace);
        for (const char* attribute : kAttributes) {
            CommitRequest request = datasettest::makeRequest(attribute, byAttribute[attribute], {attribute});
            request.message = "aesthetic_direction: anti-aesthetic";
            ASSERT_TRUE(log.commit(request).ok());
            g_demo->imagesOf[attribute] = byAttribute[attribute].size();
        }
        CommitRequest vignette = datasettest::makeRequest("vignette", byAttribute["vignette"], {"vignette"});
        vignette.message = "aesthetic_direction: anti-aesthetic";
        ASSERT_TRUE(log.commit(vignette).ok());
        for (const CatalogImage& image : byAttribute["vignette"]) {
            g_demo->vignetteCommitted.insert(image.source + "/" + image.name);
        }
        std::vector<CatalogImage> cleanImages;
        for (size_t i = 0; i < clean.size() * 2 / 3; ++i) {
            cleanImages.push_back(demoImage(g_demo->workspace, clean[i]));
            g_demo->cleanCommitted.insert(clean[i]);
        }
        CommitRequest request = datasettest::makeRequest("sharp focus", cleanImages, {"sharp_focus"});
        request.message = "aesthetic_direction: high-aesthetic";
        ASSERT_TRUE(log.commit(request).ok());
    }
    static void TearDownTestSuite() {
        delete g_demo;
        g_demo = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(g_demo, nullptr);
        auto taxonomy = Taxonomy::parse(resources::classesJson(), "classes.json");
        ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
        m_taxonomy = std::make_unique<Taxonomy>(std::move(*taxonomy));
        auto log = CurationLog::open(g_demo->workspace);
        ASSERT_TRUE(log.ok()) << log.error();
        m_log = std::make_unique<CurationLog>(std::move(*log));
        auto store = EmbeddingStore::open(g_demo->workspace);
        ASSERT_TRUE(store.ok()) << store.error();
        m_store = std::make_unique<EmbeddingStore>(std::move(*store));
    }

    Result<PreferencePairSet> pairs(const PreferencePairOptions& options) {
        return preferencePairs(*m_log, *m_store, *m_taxonomy, options);
    }

    // The cosine of two images' rows, read from the store.
    float cosine(const std::string& a, const std::string& b) const {
        const auto row = [&](const std::string& image) {
            const std::string source = image.substr(0, image.find('/'));
            const EmbeddingMatrix* matrix = nullptr;
            for (const auto& candidate : m_store->matrices()) {
                if (candidate->source() == source) {
                    matrix = candidate.get();
                }
            }
            std::vector<float> values(matrix ? matrix->dimension() : 0);
            if (matrix) {
                matrix->readRow(*matrix->findRow(image.substr(image.find('/') + 1)), values.data());
            }
            return values;
        };
        const auto x = row(a), y = row(b);
        float dot = 0;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            dot += x[i] * y[i];
        }
        return dot;
    }

    std::unique_ptr<Taxonomy> m_taxonomy;
    std::unique_ptr<CurationLog> m_log;
    std::unique_ptr<EmbeddingStore> m_store;
};

const PairAttributeCount& countOf(const PreferencePairSet& set, const std::string& name) {
    for (const PairAttributeCount& count : set.attributes) {
        if (count.name == name) {
            return count;
        }
    }
    throw std::runtime_error("no attribute " + name);
}

} // namespace

TEST_F(PreferencePairsTest, ChosenShowsTheAttributeAndRejectedIsItsNearestCleanImage) {
    PreferencePairOptions options;
    options.rejectedUses = 1000; // no use cap: every rejected image is the nearest clean one
    auto set = pairs(options);
    ASSERT_TRUE(set.ok()) << set.error();
    EXPECT_EQ(set->branch, "main");
    EXPECT_EQ(set->model, "builtin-pixel-v4");
    EXPECT_EQ(set->cleanImages, g_demo->cleanCommitted.size());
    size_t expected = 0;
    for (const char* attribute : kAttributes) {
        const PairAttributeCount& count = countOf(*set, attribute);
        EXPECT_EQ(count.images, g_demo->imagesOf[attribute]) << attribute;
        EXPECT_EQ(count.pairs, g_demo->imagesOf[attribute]) << attribute;
        EXPECT_GT(count.pairs, 0u) << attribute;
        expected += count.pairs;
    }
    EXPECT_EQ(countOf(*set, "vignette").pairs, countOf(*set, "vignette").images);
    expected += countOf(*set, "vignette").pairs;
    ASSERT_EQ(set->pairs.size(), expected);
    for (const PreferencePair& pair : set->pairs) {
        const auto& chosen = g_demo->truth.at(key(pair.chosen));
        const auto& rejected = g_demo->truth.at(key(pair.rejected));
        // The ground truth: the attribute on the chosen side, and nowhere on the rejected side.
        EXPECT_NE(std::find(chosen.begin(), chosen.end(), pair.attribute), chosen.end()) << key(pair.chosen);
        EXPECT_EQ(std::find(rejected.begin(), rejected.end(), pair.attribute), rejected.end())
            << key(pair.rejected);
        EXPECT_TRUE(rejected.empty()) << key(pair.rejected) << " is not clean";
        EXPECT_EQ(g_demo->cleanCommitted.count(key(pair.rejected)), 1u);
        EXPECT_EQ(g_demo->vignetteCommitted.count(key(pair.rejected)), 0u);
        // The nearest of the clean images, by the store's rows.
        float best = -2;
        for (const std::string& clean : g_demo->cleanCommitted) {
            best = std::max(best, cosine(key(pair.chosen), clean));
        }
        EXPECT_NEAR(pair.cosine, best, 1e-5) << key(pair.chosen);
        EXPECT_NEAR(pair.cosine, cosine(key(pair.chosen), key(pair.rejected)), 1e-5);
        // The prompt asks for the attribute: its taxonomy description.
        EXPECT_EQ(pair.prompt, m_taxonomy->findAttribute(pair.attribute)->description);
        EXPECT_EQ(pair.promptFrom, "description");
        EXPECT_EQ(pair.chosen.fileName, "images/" + pair.chosen.source + "/" + pair.chosen.id);
    }
}

TEST_F(PreferencePairsTest, TheSameSeedGivesTheSameFileAndTheCapsHold) {
    PreferencePairOptions options;
    options.seed = 7;
    options.perAttribute = 4;
    options.rejectedUses = 1;
    auto first = pairs(options);
    auto second = pairs(options);
    ASSERT_TRUE(first.ok()) << first.error();
    ASSERT_TRUE(second.ok()) << second.error();
    const std::string jsonl = preferencePairsToJsonl(*first);
    EXPECT_EQ(jsonl, preferencePairsToJsonl(*second));

    std::map<std::string, size_t> perAttribute;
    std::map<std::string, std::set<std::string>> rejectedOf;
    for (const PreferencePair& pair : first->pairs) {
        ++perAttribute[pair.attribute];
        EXPECT_TRUE(rejectedOf[pair.attribute].insert(key(pair.rejected)).second)
            << key(pair.rejected) << " rejected twice for " << pair.attribute;
    }
    for (const char* attribute : kAttributes) {
        EXPECT_EQ(perAttribute[attribute], 4u) << attribute;
        const PairAttributeCount& count = countOf(*first, attribute);
        EXPECT_EQ(count.capped, g_demo->imagesOf[attribute] - 4) << attribute;
        EXPECT_EQ(count.pairs + count.capped + count.unmatched + count.notEmbedded, count.images);
    }

    options.countsOnly = true; // the counts without the scan agree
    auto counted = pairs(options);
    ASSERT_TRUE(counted.ok()) << counted.error();
    for (size_t a = 0; a < first->attributes.size(); ++a) {
        EXPECT_EQ(counted->attributes[a].pairs, first->attributes[a].pairs);
        EXPECT_EQ(counted->attributes[a].capped, first->attributes[a].capped);
    }
    options.countsOnly = false;

    // Another seed samples other images under the cap.
    options.seed = 8;
    auto other = pairs(options);
    ASSERT_TRUE(other.ok()) << other.error();
    EXPECT_NE(preferencePairsToJsonl(*other), jsonl);

    // The export: one object per line, no absolute path, the documented fields.
    std::istringstream lines(jsonl);
    size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        const auto object = nlohmann::json::parse(line);
        EXPECT_EQ(object.at("direction"), "anti");
        EXPECT_EQ(object.at("seed"), 7);
        EXPECT_TRUE(object.at("chosen").contains("file_name"));
        EXPECT_FALSE(object.at("rejected").contains("path"));
        EXPECT_EQ(line.find(g_demo->workspace), std::string::npos) << line;
    }
    EXPECT_EQ(count, first->pairs.size());
    const auto summary = nlohmann::json::parse(preferencePairsSummaryJson(*first, "pairs.jsonl")).at("pairs");
    EXPECT_EQ(summary.at("pairs_count"), first->pairs.size());
    EXPECT_EQ(summary.at("attributes").size(), m_taxonomy->attributes("anti_aesthetics").size());
}

TEST_F(PreferencePairsTest, OneUseEachLeavesTheRestUnmatchedWhenCleanImagesRunOut) {
    PreferencePairOptions options;
    options.rejectedUses = 1;
    auto set = pairs(options);
    ASSERT_TRUE(set.ok()) << set.error();
    options.countsOnly = true; // the counts without the scan agree
    auto counts = pairs(options);
    ASSERT_TRUE(counts.ok()) << counts.error();
    EXPECT_TRUE(counts->pairs.empty());
    ASSERT_EQ(counts->attributes.size(), set->attributes.size());
    for (size_t a = 0; a < set->attributes.size(); ++a) {
        const PairAttributeCount& count = set->attributes[a];
        EXPECT_EQ(count.pairs, std::min(count.images, set->cleanImages)) << count.name;
        EXPECT_EQ(count.unmatched, count.images - count.pairs) << count.name;
        EXPECT_EQ(counts->attributes[a].pairs, count.pairs) << count.name;
        EXPECT_EQ(counts->attributes[a].unmatched, count.unmatched) << count.name;
    }
}

TEST_F(PreferencePairsTest, QueryPromptsComeFromTheCommitThatNamesTheAttribute) {
    PreferencePairOptions options;
    options.promptSource = PairPromptSource::Query;
    auto set = pairs(options);
    ASSERT_TRUE(set.ok()) << set.error();
    ASSERT_FALSE(set->pairs.empty());
    for (const PreferencePair& pair : set->pairs) {
        EXPECT_EQ(pair.prompt, pair.attribute); // the commits' queries are the attribute names
        EXPECT_EQ(pair.promptFrom.rfind("query:", 0), 0u) << pair.promptFrom;
    }
}

TEST_F(PreferencePairsTest, BadInputIsAClearError) {
    PreferencePairOptions options;
    options.branch = "nope";
    auto unknown = pairs(options);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("nope"), std::string::npos) << unknown.error();

    options = {};
    options.rejectedUses = 0;
    auto zero = pairs(options);
    ASSERT_FALSE(zero.ok());
    EXPECT_NE(zero.error().find("rejected uses"), std::string::npos) << zero.error();

    options = {};
    options.model = "no-such-model";
    auto model = pairs(options);
    ASSERT_FALSE(model.ok());
    EXPECT_NE(model.error().find("no-such-model"), std::string::npos) << model.error();

    auto proOnly = Taxonomy::parse(R"({"pro_aesthetics": {"light": {"golden_hour": "Warm light."}}})", "pro");
    ASSERT_TRUE(proOnly.ok()) << proOnly.error();
    auto noAnti = preferencePairs(*m_log, *m_store, *proOnly, {});
    ASSERT_FALSE(noAnti.ok());
    EXPECT_NE(noAnti.error().find("anti-aesthetic"), std::string::npos) << noAnti.error();

    std::atomic<bool> cancel{true};
    options = {};
    options.cancel = &cancel;
    auto cancelled = pairs(options);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error(), "cancelled");

    size_t reports = 0;
    options = {};
    options.progress = [&reports](size_t, size_t) { return ++reports < 1; };
    auto stopped = pairs(options);
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error(), "cancelled");
}

TEST(PreferencePairsEdges, EmptyDatasetsAndDatasetsWithoutCleanImagesAreErrors) {
    TemporaryDirectory directory;
    const std::string workspace = directory.filePath("ws");
    CurationLog log = datasettest::openLog(workspace);
    // Two images on orthogonal axes; both anti.
    std::vector<RowIdentity> identities = {{"a", "/data/a", "", -1, -1}, {"b", "/data/b", "", -1, -1}};
    std::vector<float> rows = {1, 0, 0, 1};
    ASSERT_TRUE(appendEmbeddings(workspace, "photos", "m", 2, StorageType::Float32, identities, rows).ok());
    CatalogImage a, b;
    a.source = b.source = "photos";
    a.name = "a";
    b.name = "b";
    ASSERT_TRUE(log.upsertImages({a, b}).ok());
    auto store = EmbeddingStore::open(workspace);
    ASSERT_TRUE(store.ok()) << store.error();
    auto taxonomy = Taxonomy::parse(resources::classesJson(), "classes.json");
    ASSERT_TRUE(taxonomy.ok());

    auto empty = preferencePairs(log, *store, *taxonomy, {});
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().find("empty"), std::string::npos) << empty.error();

    ASSERT_TRUE(log.commit(datasettest::makeRequest("plain", {a}, {})).ok());
    auto unlabelled = preferencePairs(log, *store, *taxonomy, {});
    ASSERT_FALSE(unlabelled.ok());
    EXPECT_NE(unlabelled.error().find("--tag"), std::string::npos) << unlabelled.error();

    CommitRequest blur = datasettest::makeRequest("motion blur", {a, b}, {"motion_blur"});
    blur.message = "aesthetic_direction: anti-aesthetic";
    ASSERT_TRUE(log.commit(blur).ok());
    auto noClean = preferencePairs(log, *store, *taxonomy, {});
    ASSERT_FALSE(noClean.ok());
    EXPECT_NE(noClean.error().find("no clean image"), std::string::npos) << noClean.error();
}
