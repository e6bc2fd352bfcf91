// Issue 17 §5: the reward-model report on a constructed case whose winners are known. Four anti-aesthetic
// images, each with one clean neighbour in embedding space; a scorer that scores brightness, so that by
// construction motion_blur's anti image wins one pair, loses one and ties one (rate 1/3) and film_grain's
// wins its only pair (rate 1). The prompts reach the scorer as captions; the second run is all cache.

#include "dataset/curationlog.h"
#include "rating/scorerevaluation.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <memory>
#include <random>
#include <set>

namespace {

namespace fs = std::filesystem;
using namespace curator;

const char* const kTaxonomy = R"({
  "anti_aesthetics": {"clarity": {"motion_blur": "Streaks of movement.", "film_grain": "Grain."}},
  "pro_aesthetics": {"clarity": {"sharp_focus": "Crisp."}}
})";

// Mean of the first channel / 20: brightness on 0..12.75.
class BrightnessScorer final : public Scorer {
public:
    std::string modelName() const override { return "brightness"; }
    ScoreRange range() const override { return {0, 15}; }
    Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                      const std::vector<std::string>& captions) override {
        std::vector<double> scores;
        for (size_t i = 0; i < images.size(); ++i) {
            double sum = 0;
            for (size_t p = 0; p < images[i].pixels.size(); p += 3) {
                sum += images[i].pixels[p];
            }
            scores.push_back(3.0 * sum / double(images[i].pixels.size()) / 20.0);
            captions_.insert(captions[i]);
        }
        ++calls;
        return scores;
    }
    std::set<std::string> captions_;
    int calls = 0;
};

class FailingScorer final : public Scorer {
public:
    std::string modelName() const override { return "failing-scorer"; }
    ScoreRange range() const override { return {0, 15}; }
    Result<std::vector<double>> score(const std::vector<RgbImage>&,
                                      const std::vector<std::string>&) override {
        return makeError("the server said no");
    }
};

class ScorerEvaluationTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-scorereval-" + std::to_string(std::random_device{}()));
        m_workspace = (m_root / "ws").string();
        fs::create_directories(m_root);
        auto log = CurationLog::open(m_workspace);
        ASSERT_TRUE(log.ok()) << log.error();
        m_log = std::make_unique<CurationLog>(std::move(*log));
        // name, brightness, embedding (4-d): each clean image c<i> sits next to its anti image.
        struct Planted {
            const char* name;
            int brightness;
            std::vector<float> row;
        };
        const std::vector<Planted> planted = {
            {"a0", 200, {1, 0, 0, 0}},    {"a1", 50, {0, 1, 0, 0}},     {"a2", 100, {0, 0, 1, 0}},
            {"g0", 200, {0, 0, 0, 1}},    {"c0", 100, {1, 0.1f, 0, 0}}, {"c1", 100, {0.1f, 1, 0, 0}},
            {"c2", 100, {0, 0.1f, 1, 0}}, {"c3", 50, {0, 0, 0.1f, 1}},
        };
        std::vector<RowIdentity> identities;
        std::vector<float> rows;
        for (const Planted& image : planted) {
            const fs::path path = m_root / (std::string(image.name) + ".png");
            cv::imwrite(path.string(), cv::Mat(16, 16, CV_8UC3, cv::Scalar::all(image.brightness)));
            identities.push_back({image.name, path.string(), "", -1, -1});
            double norm = 0;
            for (float value : image.row) {
                norm += double(value) * value;
            }
            for (float value : image.row) {
                rows.push_back(float(value / std::sqrt(norm)));
            }
            CatalogImage entry;
            entry.source = "photos";
            entry.name = image.name;
            entry.path = path.string();
            m_images[image.name] = entry;
        }
        ASSERT_TRUE(
            appendEmbeddings(m_workspace, "photos", "m", 4, StorageType::Float32, identities, rows).ok());
        std::vector<CatalogImage> catalog;
        for (const auto& [name, image] : m_images) {
            catalog.push_back(image);
        }
        ASSERT_TRUE(m_log->upsertImages(catalog).ok());
        commit("motion blur", {"a0", "a1", "a2"}, "motion_blur", "aesthetic_direction: anti-aesthetic");
        commit("film grain", {"g0"}, "film_grain", "aesthetic_direction: anti-aesthetic");
        commit("sharp", {"c0", "c1", "c2", "c3"}, "sharp_focus", "aesthetic_direction: high-aesthetic");
        auto taxonomy = Taxonomy::parse(kTaxonomy, "test taxonomy");
        ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
        m_taxonomy = std::make_unique<Taxonomy>(std::move(*taxonomy));
        auto store = EmbeddingStore::open(m_workspace);
        ASSERT_TRUE(store.ok()) << store.error();
        m_store = std::make_unique<EmbeddingStore>(std::move(*store));
    }
    void TearDown() override {
        m_log.reset();
        m_store.reset();
        fs::remove_all(m_root);
    }

    void commit(const std::string& query, const std::vector<std::string>& names, const std::string& tag,
                const std::string& message) {
        CommitRequest request;
        request.query = query;
        request.message = message;
        request.tags = {tag};
        for (const std::string& name : names) {
            request.images.push_back(m_images.at(name));
        }
        auto outcome = m_log->commit(request);
        ASSERT_TRUE(outcome.ok()) << outcome.error();
    }

    ScorerEvaluationOptions options() const {
        ScorerEvaluationOptions result;
        result.pairs.rejectedUses = 1;
        return result;
    }

    fs::path m_root;
    std::string m_workspace;
    std::map<std::string, CatalogImage> m_images;
    std::unique_ptr<CurationLog> m_log;
    std::unique_ptr<EmbeddingStore> m_store;
    std::unique_ptr<Taxonomy> m_taxonomy;
};

const AttributeEvaluation& row(const ScorerEvaluation& evaluation, const std::string& name) {
    for (const AttributeEvaluation& attribute : evaluation.attributes) {
        if (attribute.attribute == name) {
            return attribute;
        }
    }
    throw std::runtime_error("no row " + name);
}

} // namespace

TEST_F(ScorerEvaluationTest, PreferenceRatesMatchTheKnownWinners) {
    BrightnessScorer scorer;
    auto evaluation = evaluateScorer(*m_log, *m_store, *m_taxonomy, scorer, options());
    ASSERT_TRUE(evaluation.ok()) << evaluation.error();
    EXPECT_EQ(evaluation->scorer, "brightness");
    EXPECT_EQ(evaluation->pairsFormed, 4u);
    EXPECT_EQ(evaluation->pairsScored, 4u);
    EXPECT_EQ(evaluation->scoresMade, 8u);
    ASSERT_EQ(evaluation->attributes.size(), 2u);
    EXPECT_EQ(evaluation->attributes[0].attribute, "motion_blur"); // taxonomy order
    // a0 200 > c0 100; a1 50 < c1 100; a2 100 = c2 100.
    const AttributeEvaluation& blur = row(*evaluation, "motion_blur");
    EXPECT_EQ(blur.pairs, 3u);
    EXPECT_EQ(blur.antiPreferred, 1u);
    EXPECT_EQ(blur.ties, 1u);
    EXPECT_NEAR(blur.preferenceRate, 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(blur.anti.median, 5.0, 1e-9); // scores 10, 2.5, 5
    EXPECT_NEAR(blur.anti.mean, 17.5 / 3, 1e-9);
    EXPECT_NEAR(blur.clean.mean, 5.0, 1e-9);
    // g0 200 > c3 50.
    const AttributeEvaluation& grain = row(*evaluation, "film_grain");
    EXPECT_EQ(grain.pairs, 1u);
    EXPECT_NEAR(grain.preferenceRate, 1.0, 1e-12);
    EXPECT_EQ(evaluation->overall.pairs, 4u);
    EXPECT_NEAR(evaluation->overall.preferenceRate, 0.5, 1e-12);
    // The scorer was given the prompts (the attributes' descriptions), never a caption of its own.
    EXPECT_EQ(scorer.captions_, (std::set<std::string>{"Streaks of movement.", "Grain."}));

    // The second evaluation reads every score from the cache.
    BrightnessScorer again;
    auto cached = evaluateScorer(*m_log, *m_store, *m_taxonomy, again, options());
    ASSERT_TRUE(cached.ok()) << cached.error();
    EXPECT_EQ(again.calls, 0);
    EXPECT_EQ(cached->scoresFromCache, 8u);
    EXPECT_EQ(cached->scoresMade, 0u);
    EXPECT_NEAR(cached->overall.preferenceRate, 0.5, 1e-12);

    const auto json = nlohmann::json::parse(scorerEvaluationToJson(*evaluation)).at("scorer_evaluation");
    EXPECT_EQ(json.at("attributes").size(), 2u);
    EXPECT_NEAR(json.at("overall").at("preference_rate").get<double>(), 0.5, 1e-12);
    const std::string svg = scorerEvaluationSvg(*evaluation);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("33.3%"), std::string::npos);
    EXPECT_NE(svg.find("motion_blur (3)"), std::string::npos);
    EXPECT_NE(formatScorerEvaluation(*evaluation).find("33.3%"), std::string::npos);
}

TEST_F(ScorerEvaluationTest, AScorerThatFailsIsAnErrorNamingIt) {
    FailingScorer scorer;
    auto evaluation = evaluateScorer(*m_log, *m_store, *m_taxonomy, scorer, options());
    ASSERT_FALSE(evaluation.ok());
    EXPECT_NE(evaluation.error().find("failing-scorer"), std::string::npos) << evaluation.error();
    EXPECT_NE(evaluation.error().find("the server said no"), std::string::npos) << evaluation.error();
    auto branch = options();
    branch.pairs.branch = "nope";
    BrightnessScorer brightness;
    auto unknown = evaluateScorer(*m_log, *m_store, *m_taxonomy, brightness, branch);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("nope"), std::string::npos) << unknown.error();
}

TEST(ScorerEvaluationSummary, HandComputedRatesTiesAndQuartiles) {
    const std::vector<ScoredPair> pairs = {
        {"x", 3, 1}, {"x", 1, 3}, {"x", 2, 2}, {"x", 5, 4}, {"y", 0, 9}, {"y", 9, 9},
    };
    const ScorerEvaluation evaluation = summariseScoredPairs(pairs, {0, 10}, 5);
    ASSERT_EQ(evaluation.attributes.size(), 2u);
    const AttributeEvaluation& x = evaluation.attributes[0];
    EXPECT_EQ(x.attribute, "x");
    EXPECT_EQ(x.pairs, 4u);
    EXPECT_EQ(x.antiPreferred, 2u); // 3 > 1 and 5 > 4
    EXPECT_EQ(x.ties, 1u);
    EXPECT_DOUBLE_EQ(x.preferenceRate, 0.5);
    EXPECT_DOUBLE_EQ(x.anti.median, 2.5); // 1 2 3 5
    EXPECT_DOUBLE_EQ(x.anti.p25, 1.75);   // linear interpolation
    EXPECT_DOUBLE_EQ(x.clean.mean, 2.5);  // 1 3 2 4
    EXPECT_EQ(x.anti.counts.size(), 5u);  // bins of 2 over 0..10
    EXPECT_EQ(x.anti.counts[0], 1u);      // 1
    EXPECT_EQ(x.anti.counts[1], 2u);      // 2, 3
    const AttributeEvaluation& y = evaluation.attributes[1];
    EXPECT_EQ(y.antiPreferred, 0u);
    EXPECT_EQ(y.ties, 1u);
    EXPECT_DOUBLE_EQ(y.preferenceRate, 0.0);
    EXPECT_EQ(evaluation.overall.pairs, 6u);
    EXPECT_DOUBLE_EQ(evaluation.overall.preferenceRate, 2.0 / 6.0);
    EXPECT_EQ(summariseScoredPairs({}, {0, 10}, 5).overall.preferenceRate, 0.0);
}
