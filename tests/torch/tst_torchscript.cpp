// TorchScript embedder and scorer through the plugin, against Python's outputs for the same inputs
// (fixtures/make_tiny_models.py: the same preprocessing, tokenizer and TorchScript files).

#include "plugin/torchplugin.h"
#include "torchtesthelpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace curator;

namespace {

constexpr float kTolerance = 1e-5f;

std::vector<RgbImage> fixtureImages(const torchtest::Fixtures& fixtures) {
    std::vector<RgbImage> images;
    for (const auto& name : fixtures.reference.at("images")) {
        images.push_back(torchtest::readRgb((fixtures.root / "images" / name.get<std::string>()).string()));
    }
    return images;
}

float maxDifference(const std::vector<float>& a, const std::vector<float>& b) {
    EXPECT_EQ(a.size(), b.size());
    float worst = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        worst = std::max(worst, std::fabs(a[i] - b[i]));
    }
    return worst;
}

void expectImageParity(const std::filesystem::path& directory, const std::string& referenceNpy,
                       const torchtest::Fixtures& fixtures) {
    auto embedder = createTorchScriptEmbedder(directory.string());
    ASSERT_TRUE(embedder.ok()) << embedder.error();
    const auto expected = torchtest::readNpyRows((fixtures.root / referenceNpy).string());
    auto actual = (*embedder)->embedImages(fixtureImages(fixtures));
    ASSERT_TRUE(actual.ok()) << actual.error();
    ASSERT_EQ(actual->size(), expected.size());
    float worst = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
        worst = std::max(worst, maxDifference((*actual)[i], expected[i]));
    }
    std::printf("[image parity %s] max |C++ - Python| = %.3g over %zu images\n", directory.filename().c_str(),
                static_cast<double>(worst), expected.size());
    EXPECT_LE(worst, kTolerance);
}

} // namespace

TEST(TorchScriptEmbedder, ImageEmbeddingsEqualPythonsWithCentreCrop) {
    TORCHTEST_REQUIRE_FIXTURES(fixtures);
    expectImageParity(fixtures->embedder(), "image_embeddings.npy", *fixtures);
}

TEST(TorchScriptEmbedder, ImageEmbeddingsEqualPythonsWithSquash) {
    TORCHTEST_REQUIRE_FIXTURES(fixtures);
    expectImageParity(fixtures->embedderSquash(), "image_embeddings_squash.npy", *fixtures);
}

TEST(TorchScriptEmbedder, TextEmbeddingsEqualPythons) {
    TORCHTEST_REQUIRE_FIXTURES(fixtures);
    auto embedder = createTorchScriptEmbedder(fixtures->embedder().string());
    ASSERT_TRUE(embedder.ok()) << embedder.error();
    EXPECT_EQ((*embedder)->modelName(), "tiny-clip-shortest_then_center_crop");
    const auto expected = torchtest::readNpyRows((fixtures->root / "text_embeddings.npy").string());
    const auto texts = fixtures->reference.at("texts").get<std::vector<std::string>>();
    ASSERT_EQ(texts.size(), expected.size());
    EXPECT_EQ((*embedder)->dimension(), expected.front().size());
    float worst = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
        auto embedding = (*embedder)->embedText(texts[i]);
        ASSERT_TRUE(embedding.ok()) << embedding.error();
        worst = std::max(worst, maxDifference(embedding->vector, expected[i]));
        double norm = 0;
        for (float value : embedding->vector) {
            norm += static_cast<double>(value) * value;
        }
        EXPECT_NEAR(norm, 1.0, 1e-5);
    }
    std::printf("[text parity] max |C++ - Python| = %.3g over %zu texts\n", static_cast<double>(worst),
                texts.size());
    EXPECT_LE(worst, kTolerance);
}

TEST(TorchScriptEmbedder, BadImagesAndDimensionsAreErrors) {
    TORCHTEST_REQUIRE_FIXTURES(fixtures);
    auto embedder = createTorchScriptEmbedder(fixtures->embedder().string());
    ASSERT_TRUE(embedder.ok()) << embedder.error();
    RgbImage broken;
    broken.width = 4;
    broken.height = 4;
    broken.pixels.resize(10);
    auto result = (*embedder)->embedImages({broken});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().find("image 0"), std::string::npos) << result.error();

    // A config that claims another dimension than the encoder gives.
    torchtest::TemporaryDirectory directory;
    for (const char* name : {"image_encoder.pt", "text_encoder.pt", "vocab.json", "merges.txt"}) {
        std::filesystem::copy_file(fixtures->embedder() / name, directory.path() / name);
    }
    nlohmann::json config = nlohmann::json::parse(std::ifstream(fixtures->embedder() / "config.json"));
    config["embedding_dimension"] = 7;
    std::ofstream(directory.path() / "config.json") << config.dump();
    auto wrong = createTorchScriptEmbedder(directory.path().string());
    ASSERT_TRUE(wrong.ok()) << wrong.error();
    auto text = (*wrong)->embedText("a cat");
    ASSERT_FALSE(text.ok());
    EXPECT_NE(text.error().find("expected [1, 7]"), std::string::npos) << text.error();
}

TEST(TorchScriptScorer, ScoresEqualPythons) {
    TORCHTEST_REQUIRE_FIXTURES(fixtures);
    auto scorer = createTorchScriptScorer(fixtures->scorer().string());
    ASSERT_TRUE(scorer.ok()) << scorer.error();
    EXPECT_EQ((*scorer)->modelName(), "tiny-clip-shortest_then_center_crop");
    EXPECT_DOUBLE_EQ((*scorer)->range().minimum, 2.5);
    EXPECT_DOUBLE_EQ((*scorer)->range().maximum, 12.5);
    const auto expected = fixtures->reference.at("scores").get<std::vector<double>>();
    auto scores = (*scorer)->score(fixtureImages(*fixtures),
                                   fixtures->reference.at("captions").get<std::vector<std::string>>());
    ASSERT_TRUE(scores.ok()) << scores.error();
    ASSERT_EQ(scores->size(), expected.size());
    double worst = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
        worst = std::max(worst, std::fabs((*scores)[i] - expected[i]));
    }
    std::printf("[scorer parity] max |C++ - Python| = %.3g over %zu images\n", worst, expected.size());
    EXPECT_LE(worst, 1e-5);

    auto mismatched = (*scorer)->score(fixtureImages(*fixtures), {"only one caption"});
    ASSERT_FALSE(mismatched.ok());
    EXPECT_NE(mismatched.error().find("one caption per image"), std::string::npos);
}
