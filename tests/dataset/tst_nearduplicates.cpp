// Issue 17 §3: near-duplicates planted in a generated store (noisy copies within and across sources, exact
// copies, a triple, two new images that duplicate each other) are found with precision and recall 1.0 by
// the exact scan (and recall >= 0.95 through the hnsw graphs, which are approximate); the keep rule,
// cancellation, bad input, and a commit that leaves near-duplicates of the dataset out and records it.

#include "dataset/curationlog.h"
#include "dataset/nearduplicates.h"
#include "dataset/querycommit.h"
#include "dataset/releaselabels.h"
#include "search/hnswindex.h"
#include "search/scanengine.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace curator;
using datasettest::TemporaryDirectory;

namespace {

constexpr size_t kDimension = 64;
constexpr const char* kModel = "test-model";

std::vector<float> normalised(std::vector<float> vector) {
    double norm = 0;
    for (float value : vector) {
        norm += double(value) * value;
    }
    for (float& value : vector) {
        value = static_cast<float>(value / std::sqrt(norm));
    }
    return vector;
}

std::string name(const char* prefix, size_t index) {
    char text[32];
    std::snprintf(text, sizeof text, "%s%03zu", prefix, index);
    return text;
}

// Two sources of random unit vectors (64-d: two random rows have a cosine of about N(0, 1/8), far below
// 0.97) with planted near-duplicates. `truth` holds every planted pair as "source/id" (sorted pair).
struct PlantedStore {
    std::string workspace;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> rows; // source -> (id, ...)
    std::map<std::string, std::vector<float>> vectorOf;                           // "source/id" -> vector
    std::vector<std::string> order;                                               // "source/id" as added
    std::set<std::pair<std::string, std::string>> truth;
    std::vector<std::string> copies; // every planted copy (not a base), "source/id"
    std::vector<std::string> fresh;  // artwork/fresh000..009: fresh001 is a noisy copy of fresh000

    std::mt19937 random{17};
    std::vector<float> randomVector() {
        std::normal_distribution<float> gaussian(0.0f, 1.0f);
        std::vector<float> vector(kDimension);
        for (float& value : vector) {
            value = gaussian(random);
        }
        return normalised(vector);
    }
    std::vector<float> noisyCopy(const std::vector<float>& base) {
        std::normal_distribution<float> gaussian(0.0f, 0.01f); // cosine about 0.997
        std::vector<float> copy = base;
        for (float& value : copy) {
            value += gaussian(random);
        }
        return normalised(copy);
    }
    void add(const std::string& source, const std::string& id, std::vector<float> vector) {
        rows[source].push_back({id, ""});
        vectorOf[source + "/" + id] = std::move(vector);
        order.push_back(source + "/" + id);
    }
    void plant(const std::vector<std::string>& group) {
        for (size_t a = 0; a < group.size(); ++a) {
            for (size_t b = a + 1; b < group.size(); ++b) {
                truth.insert(std::minmax(group[a], group[b]));
            }
        }
    }
};

PlantedStore makePlantedStore(const TemporaryDirectory& directory) {
    PlantedStore store;
    store.workspace = directory.filePath("ws");
    for (size_t i = 0; i < 300; ++i) {
        store.add("photos", name("p", i), store.randomVector());
    }
    for (size_t i = 0; i < 150; ++i) {
        store.add("artwork", name("a", i), store.randomVector());
    }
    // 15 noisy copies across sources.
    for (size_t i = 0; i < 15; ++i) {
        const std::string copy = name("dup", i);
        store.add("artwork", copy, store.noisyCopy(store.vectorOf["photos/" + name("p", i)]));
        store.plant({"photos/" + name("p", i), "artwork/" + copy});
        store.copies.push_back("artwork/" + copy);
    }
    // 5 exact copies in the same source, named after their base ("p015x" sorts after "p015").
    for (size_t i = 15; i < 20; ++i) {
        const std::string copy = name("p", i) + "x";
        store.add("photos", copy, store.vectorOf["photos/" + name("p", i)]);
        store.plant({"photos/" + name("p", i), "photos/" + copy});
        store.copies.push_back("photos/" + copy);
    }
    // A triple: p020 and two noisy copies of it.
    store.add("artwork", "triple-1", store.noisyCopy(store.vectorOf["photos/p020"]));
    store.add("artwork", "triple-2", store.noisyCopy(store.vectorOf["photos/p020"]));
    store.plant({"photos/p020", "artwork/triple-1", "artwork/triple-2"});
    store.copies.push_back("artwork/triple-1");
    store.copies.push_back("artwork/triple-2");
    // Fresh images: fresh001 duplicates fresh000, the rest are new and distinct.
    for (size_t i = 0; i < 10; ++i) {
        store.add("artwork", name("fresh", i),
                  i == 1 ? store.noisyCopy(store.vectorOf["artwork/fresh000"]) : store.randomVector());
        store.fresh.push_back("artwork/" + name("fresh", i));
    }
    store.plant({"artwork/fresh000", "artwork/fresh001"});

    CurationLog log = datasettest::openLog(store.workspace);
    for (const auto& [source, ids] : store.rows) {
        std::vector<RowIdentity> identities;
        std::vector<float> matrix;
        std::vector<CatalogImage> images;
        for (const auto& [id, unused] : ids) {
            identities.push_back({id, "/data/" + source + "/" + id, "", -1, -1});
            const std::vector<float>& vector = store.vectorOf[source + "/" + id];
            matrix.insert(matrix.end(), vector.begin(), vector.end());
            CatalogImage image;
            image.source = source;
            image.name = id;
            image.path = "/data/" + source + "/" + id;
            images.push_back(image);
        }
        auto appended = appendEmbeddings(store.workspace, source, kModel, kDimension, StorageType::Float32,
                                         identities, matrix);
        EXPECT_TRUE(appended.ok()) << appended.error();
        EXPECT_TRUE(log.upsertImages(images).ok());
    }
    return store;
}

std::vector<CatalogImage> imagesNamed(const std::vector<std::string>& keys) {
    std::vector<CatalogImage> images;
    for (const std::string& key : keys) {
        CatalogImage image;
        image.source = key.substr(0, key.find('/'));
        image.name = key.substr(key.find('/') + 1);
        images.push_back(image);
    }
    return images;
}

struct PrecisionRecall {
    double precision = 0;
    double recall = 0;
};

PrecisionRecall measure(const NearDuplicateReport& report,
                        const std::set<std::pair<std::string, std::string>>& truth) {
    size_t correct = 0;
    for (const auto& pair : report.pairList) {
        correct += truth.count(std::minmax(pair.first, pair.second)) > 0 ? 1 : 0;
    }
    PrecisionRecall result;
    result.precision = report.pairList.empty() ? 1.0 : double(correct) / double(report.pairList.size());
    result.recall = truth.empty() ? 1.0 : double(correct) / double(truth.size());
    return result;
}

class NearDuplicatesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = makePlantedStore(m_directory);
        CurationLog log = datasettest::openLog(m_store.workspace);
        // Every image in one commit; p016x again in a second, so that it outranks its base p016.
        ASSERT_TRUE(log.commit(datasettest::makeRequest("everything", imagesNamed(m_store.order))).ok());
        ASSERT_TRUE(log.commit(datasettest::makeRequest("again", imagesNamed({"photos/p016x"}))).ok());
    }

    TemporaryDirectory m_directory;
    PlantedStore m_store;
};

} // namespace

TEST_F(NearDuplicatesTest, ExactScanFindsEveryPlantedPairAndNothingElse) {
    CurationLog log = datasettest::openLog(m_store.workspace);
    auto store = EmbeddingStore::open(m_store.workspace);
    ASSERT_TRUE(store.ok()) << store.error();
    NearDuplicateOptions options;
    options.method = NearDuplicateMethod::Exact;
    auto report = findNearDuplicates(log, *store, options);
    ASSERT_TRUE(report.ok()) << report.error();

    EXPECT_EQ(report->method, "exact");
    EXPECT_EQ(report->branch, "main");
    EXPECT_EQ(report->model, kModel);
    EXPECT_EQ(report->datasetImages, m_store.order.size());
    EXPECT_EQ(report->embeddedImages, m_store.order.size());
    const PrecisionRecall figures = measure(*report, m_store.truth);
    std::printf("exact scan: %zu pairs found, %zu planted: precision %.3f, recall %.3f\n",
                report->pairList.size(), m_store.truth.size(), figures.precision, figures.recall);
    // The scan scores every pair: nothing planted can be missed and random 64-d rows never reach 0.97.
    EXPECT_EQ(figures.precision, 1.0);
    EXPECT_EQ(figures.recall, 1.0);
    EXPECT_EQ(report->pairs, m_store.truth.size()); // 15 + 5 + 3 + 1 = 24

    // Groups: 15 cross-source pairs, 5 exact copies, 1 triple, the fresh pair.
    ASSERT_EQ(report->groups.size(), 22u);
    EXPECT_EQ(report->imagesInGroups, 45u);
    EXPECT_EQ(report->removable, 23u);
    EXPECT_EQ(report->groups.front().members.size(), 3u); // the largest first
    for (const NearDuplicateGroup& group : report->groups) {
        size_t kept = 0;
        for (const NearDuplicateMember& member : group.members) {
            kept += member.kept ? 1 : 0;
        }
        EXPECT_EQ(kept, 1u);
        EXPECT_TRUE(group.members.front().kept);
        EXPECT_GE(group.maxSimilarity, group.minSimilarity);
        EXPECT_LE(group.maxSimilarity, 1.0001f);
        EXPECT_GE(group.minSimilarity, 0.97f);
    }

    // The keep rule: the most commits, then the smallest id, then the smallest source.
    std::map<std::string, const NearDuplicateGroup*> groupOf;
    for (const NearDuplicateGroup& group : report->groups) {
        for (const NearDuplicateMember& member : group.members) {
            groupOf[member.source + "/" + member.id] = &group;
        }
    }
    const auto keptOf = [&](const std::string& key) {
        const NearDuplicateMember& kept = groupOf.at(key)->members.front();
        return kept.source + "/" + kept.id;
    };
    EXPECT_EQ(keptOf("photos/p015x"), "photos/p015"); // equal commits: the smaller id
    EXPECT_EQ(keptOf("photos/p016"), "photos/p016x"); // p016x is in two commits
    EXPECT_EQ(groupOf.at("photos/p016")->members.front().commits, 2u);
    EXPECT_EQ(keptOf("artwork/dup003"), "artwork/dup003"); // "dup003" < "p003"
    EXPECT_EQ(keptOf("artwork/triple-2"), "photos/p020");  // "p020" < "triple-1"
    EXPECT_EQ(keptOf("artwork/fresh001"), "artwork/fresh000");
    // An exact copy's group has a similarity of 1.
    EXPECT_NEAR(groupOf.at("photos/p017")->maxSimilarity, 1.0f, 1e-5f);

    // The JSON view carries the same counts.
    const nlohmann::json json =
        nlohmann::json::parse(nearDuplicateReportToJson(*report)).at("near_duplicates");
    EXPECT_EQ(json.at("groups_count"), 22);
    EXPECT_EQ(json.at("removable"), 23);
    EXPECT_EQ(json.at("groups").size(), 22u);
    EXPECT_EQ(json.at("groups")[0].at("members").size(), 3u);
}

TEST_F(NearDuplicatesTest, AReleaseLeavesOutWhatDedupReportsAsRemovable) {
    CurationLog log = datasettest::openLog(m_store.workspace);
    auto store = EmbeddingStore::open(m_store.workspace);
    ASSERT_TRUE(store.ok()) << store.error();
    auto exclusions = nearDuplicateExclusions(log, *store, 0.97);
    ASSERT_TRUE(exclusions.ok()) << exclusions.error();
    EXPECT_EQ(exclusions->keys.size(), 23u); // the report's `removable`
    EXPECT_EQ(exclusions->keys.count(releaseImageKey("photos", "p016")), 1u);
    EXPECT_EQ(exclusions->keys.count(releaseImageKey("photos", "p016x")), 0u); // kept: in two commits

    auto release = log.exportRelease("no-dups", false, *exclusions);
    ASSERT_TRUE(release.ok()) << release.error();
    EXPECT_EQ(release->imagesExcluded, 23u);
    EXPECT_EQ(release->images, m_store.order.size() - 23);
    const std::filesystem::path directory(release->directory);
    std::ifstream metadata(directory / "metadata.jsonl");
    std::set<std::string> rows;
    for (std::string line; std::getline(metadata, line);) {
        const nlohmann::json row = nlohmann::json::parse(line);
        rows.insert(row.at("source").get<std::string>() + "/" + row.at("id").get<std::string>());
    }
    EXPECT_EQ(rows.size(), m_store.order.size() - 23);
    EXPECT_EQ(rows.count("photos/p016x"), 1u);
    EXPECT_EQ(rows.count("photos/p016"), 0u);
    EXPECT_EQ(rows.count("artwork/fresh001"), 0u);
    EXPECT_EQ(rows.count("artwork/fresh000"), 1u);

    std::ifstream manifestFile(directory / "manifest.json");
    const nlohmann::json manifest = nlohmann::json::parse(manifestFile);
    const nlohmann::json& excluded = manifest.at("near_duplicates_excluded");
    EXPECT_DOUBLE_EQ(excluded.at("threshold").get<double>(), 0.97);
    EXPECT_EQ(excluded.at("images"), 23);
    EXPECT_EQ(excluded.at("excluded").size(), 23u);
    std::ifstream card(directory / "README.md");
    const std::string text((std::istreambuf_iterator<char>(card)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("Near-duplicates left out: 23 images"), std::string::npos);

    // Without exclusions the release holds every image and the manifest says nothing of near-duplicates.
    auto whole = log.exportRelease("whole", false);
    ASSERT_TRUE(whole.ok()) << whole.error();
    EXPECT_EQ(whole->images, m_store.order.size());
    std::ifstream wholeManifest(std::filesystem::path(whole->directory) / "manifest.json");
    EXPECT_FALSE(nlohmann::json::parse(wholeManifest).contains("near_duplicates_excluded"));
}

TEST_F(NearDuplicatesTest, HnswGraphsFindThePlantedPairs) {
    auto store = EmbeddingStore::open(m_store.workspace);
    ASSERT_TRUE(store.ok()) << store.error();
    for (const auto& matrix : store->matrices()) {
        HnswParameters parameters;
        parameters.threads = 1;
        auto index = HnswIndex::build(*matrix, parameters);
        ASSERT_TRUE(index.ok()) << index.error();
        ASSERT_TRUE((*index)->save(HnswIndex::pathFor(*matrix)).ok());
    }
    CurationLog log = datasettest::openLog(m_store.workspace);
    NearDuplicateOptions options; // automatic: the graphs, as every source has one
    auto report = findNearDuplicates(log, *store, options);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->method, "hnsw");
    const PrecisionRecall figures = measure(*report, m_store.truth);
    std::printf("hnsw graphs: %zu pairs found, %zu planted: precision %.3f, recall %.3f\n",
                report->pairList.size(), m_store.truth.size(), figures.precision, figures.recall);
    // Similarities come from the rows themselves, so nothing below the threshold is reported; the graph
    // search is approximate, so recall is bounded by the build's target (0.95), not exact.
    EXPECT_EQ(figures.precision, 1.0);
    EXPECT_GE(figures.recall, 0.95);
}

TEST_F(NearDuplicatesTest, CancellationAndBadInputAreErrors) {
    CurationLog log = datasettest::openLog(m_store.workspace);
    auto store = EmbeddingStore::open(m_store.workspace);
    ASSERT_TRUE(store.ok()) << store.error();

    NearDuplicateOptions cancelled;
    cancelled.method = NearDuplicateMethod::Exact;
    std::atomic<bool> stop{true};
    cancelled.cancel = &stop;
    auto report = findNearDuplicates(log, *store, cancelled);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error(), "cancelled");

    NearDuplicateOptions refused;
    refused.method = NearDuplicateMethod::Exact;
    refused.threads = 2;
    refused.progress = [](size_t, size_t) { return false; }; // the progress callback answers "stop"
    report = findNearDuplicates(log, *store, refused);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error(), "cancelled");

    for (double threshold : {0.0, -0.5, 1.5, std::nan("")}) {
        NearDuplicateOptions bad;
        bad.threshold = threshold;
        report = findNearDuplicates(log, *store, bad);
        ASSERT_FALSE(report.ok());
        EXPECT_NE(report.error().find("threshold"), std::string::npos) << report.error();
    }
    NearDuplicateOptions unknownBranch;
    unknownBranch.branch = "nope";
    report = findNearDuplicates(log, *store, unknownBranch);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("nope"), std::string::npos) << report.error();

    NearDuplicateOptions unknownModel;
    unknownModel.model = "other-model";
    report = findNearDuplicates(log, *store, unknownModel);
    ASSERT_FALSE(report.ok());

    NearDuplicateOptions index;
    index.method = NearDuplicateMethod::Index; // no graph built
    report = findNearDuplicates(log, *store, index);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().find("index build"), std::string::npos) << report.error();

    // An empty dataset is an empty report.
    ASSERT_TRUE(log.createBranchAt("empty", "").ok());
    NearDuplicateOptions empty;
    empty.branch = "empty";
    report = findNearDuplicates(log, *store, empty);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->datasetImages, 0u);
    EXPECT_TRUE(report->groups.empty());
}

TEST(NearDuplicateCommit, ExclusionLeavesThePlantedDuplicatesOutAndRecordsIt) {
    TemporaryDirectory directory;
    PlantedStore planted = makePlantedStore(directory);
    CurationLog log = datasettest::openLog(planted.workspace);
    // The dataset: every image but the copies and the fresh ones.
    const std::set<std::string> held(planted.copies.begin(), planted.copies.end());
    const std::set<std::string> fresh(planted.fresh.begin(), planted.fresh.end());
    std::vector<std::string> bases;
    for (const std::string& key : planted.order) {
        if (held.count(key) == 0 && fresh.count(key) == 0) {
            bases.push_back(key);
        }
    }
    ASSERT_TRUE(log.commit(datasettest::makeRequest("bases", imagesNamed(bases))).ok());

    auto store = EmbeddingStore::open(planted.workspace);
    ASSERT_TRUE(store.ok()) << store.error();
    auto segments = store->select(kModel, {});
    ASSERT_TRUE(segments.ok()) << segments.error();
    auto querySet = makeQuerySet(planted.randomVector(), {}, 0.3f);
    ASSERT_TRUE(querySet.ok()) << querySet.error();
    // A threshold of -1 selects every row: the new ones are the 22 copies and the 10 fresh images.
    QueryCommitProvenance provenance;
    provenance.query = "every row";
    provenance.threshold = -1;
    provenance.message = "all";
    provenance.excludeNearDuplicates = 0.97;
    auto outcome = commitQuery(log, *segments, *querySet, provenance);
    ASSERT_TRUE(outcome.ok()) << outcome.error();
    // Every copy duplicates a base of the dataset; fresh001 duplicates fresh000, which stays.
    EXPECT_EQ(outcome->nearDuplicatesExcluded, planted.copies.size() + 1);
    EXPECT_EQ(outcome->commit.added, 9u);
    EXPECT_EQ(outcome->commit.selected, planted.order.size() - planted.copies.size() - 1);

    auto images = log.commitImages(outcome->commit.id);
    ASSERT_TRUE(images.ok()) << images.error();
    std::set<std::string> committed;
    for (const CatalogImage& image : *images) {
        committed.insert(image.source + "/" + image.name);
    }
    for (const std::string& copy : planted.copies) {
        EXPECT_EQ(committed.count(copy), 0u) << copy;
    }
    EXPECT_EQ(committed.count("artwork/fresh000"), 1u);
    EXPECT_EQ(committed.count("artwork/fresh001"), 0u);
    // Recorded with the commit.
    auto info = log.commitInfo(outcome->commit.id);
    ASSERT_TRUE(info.ok()) << info.error();
    EXPECT_EQ(info->message, "all (23 near-duplicates of the dataset left out (cosine >= 0.970))");

    // After it, the dataset holds no near-duplicate pair.
    auto report = findNearDuplicates(log, *store, {});
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->pairs, 0u);

    // A bad threshold is refused and records nothing; so is a selection that exclusion empties.
    const datasettest::DatabaseFingerprint before = datasettest::fingerprint(log);
    provenance.excludeNearDuplicates = 1.5;
    outcome = commitQuery(log, *segments, *querySet, provenance);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().find("exclude-near-duplicates"), std::string::npos) << outcome.error();
    EXPECT_TRUE(datasettest::fingerprint(log) == before);
}
