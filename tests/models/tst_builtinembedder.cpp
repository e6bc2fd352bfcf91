#include "demo/imagedemo.h"
#include "models/builtinembedder.h"
#include "modelstesthelpers.h"
#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <thread>

using namespace curator;

namespace {

std::unique_ptr<BuiltinEmbedder> makeEmbedder(unsigned threads = 1) {
    auto embedder = BuiltinEmbedder::create(defaultBuiltinVocabularyPath(test::resourcesDir()), threads);
    EXPECT_TRUE(embedder) << embedder.error();
    return embedder ? std::move(*embedder) : nullptr;
}

double norm(const std::vector<float>& v) {
    double sum = 0;
    for (float x : v)
        sum += double(x) * x;
    return std::sqrt(sum);
}

size_t feature(const std::string& name) {
    const auto& names = BuiltinEmbedder::featureNames();
    const auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return size_t(it - names.begin());
}

double median(std::vector<double> values) {
    if (values.empty())
        return NAN;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// A textured grey scene (a few waves and pixel noise, 0.25-0.75), with `light` applied to each pixel:
// given the pixel's position (0..1 across and down), its radius (0 at the centre, 1 in a corner) and
// the scene's grey, it returns R, G and B in 0..1.
RgbImage syntheticScene(const std::function<std::array<double, 3>(double, double, double, double)>& light) {
    constexpr int kWidth = 480, kHeight = 360;
    std::mt19937 random(5);
    std::uniform_real_distribution<double> noise(-0.06, 0.06);
    RgbImage image{kWidth, kHeight, std::vector<uint8_t>(size_t(kWidth) * kHeight * 3)};
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            const double u = (x + 0.5) / kWidth, v = (y + 0.5) / kHeight;
            const double radius = std::hypot(u - 0.5, (v - 0.5) * kHeight / kWidth) / std::hypot(0.5, 0.375);
            const double grey = 0.5 + 0.1 * std::sin(37 * u + 3 * v) + 0.08 * std::sin(23 * v - 11 * u) +
                                0.05 * std::sin(91 * u * v) + noise(random);
            const auto rgb = light(u, v, radius, grey);
            for (int c = 0; c < 3; ++c)
                image.pixels[(size_t(y) * kWidth + x) * 3 + c] =
                    uint8_t(std::lround(255 * std::clamp(rgb[c], 0.0, 1.0)));
        }
    return image;
}

std::vector<double> rawFeatures(const RgbImage& image) {
    auto raw = BuiltinEmbedder::measureFeatures(image);
    EXPECT_TRUE(raw) << raw.error();
    return raw ? *raw : std::vector<double>(BuiltinEmbedder::kFeatureCount, NAN);
}

} // namespace

TEST(BuiltinEmbedder, NameAndDimension) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    EXPECT_EQ(embedder->modelName(), "builtin-pixel-v4");
    EXPECT_EQ(embedder->dimension(), BuiltinEmbedder::kDimension);
    EXPECT_EQ(BuiltinEmbedder::featureNames().size(), BuiltinEmbedder::kFeatureCount);
}

TEST(BuiltinEmbedder, VocabularyNamesAttributesOfOurTaxonomy) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    auto taxonomy = Taxonomy::loadFile(defaultTaxonomyPath(test::resourcesDir()));
    ASSERT_TRUE(taxonomy) << taxonomy.error();
    for (const auto& attribute : embedder->knownAttributes())
        EXPECT_NE(taxonomy->findAttribute(attribute), nullptr) << attribute << " is not in classes.json";
    for (const auto& attribute : demoDegradationAttributes()) {
        EXPECT_NE(taxonomy->findAttribute(attribute), nullptr) << attribute << " is not in classes.json";
        const auto known = embedder->knownAttributes();
        EXPECT_NE(std::find(known.begin(), known.end(), attribute), known.end()) << attribute;
    }
}

TEST(BuiltinEmbedder, TextOfKnownWords) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    auto blur = embedder->embedText("motion blur");
    ASSERT_TRUE(blur) << blur.error();
    EXPECT_TRUE(blur->warnings.empty());
    EXPECT_EQ(blur->vector.size(), embedder->dimension());
    EXPECT_NEAR(norm(blur->vector), 1.0, 1e-5);
    auto spelled = embedder->embedText("Motion_Blur!");
    ASSERT_TRUE(spelled) << spelled.error();
    EXPECT_EQ(spelled->vector, blur->vector);

    for (const char* text :
         {"VHS scanlines", "text overlay", "a grainy photo with heavy film grain", "neon",
          "sickly green colour cast", "tilted", "blown out highlights", "the image is too dark"}) {
        auto result = embedder->embedText(text);
        ASSERT_TRUE(result) << text << ": " << result.error();
        EXPECT_TRUE(result->warnings.empty()) << text << ": " << result->warnings.front();
        EXPECT_NEAR(norm(result->vector), 1.0, 1e-5) << text;
    }
    // Two attributes combine into a direction between them.
    auto both = embedder->embedText("motion blur and film grain");
    auto grain = embedder->embedText("film grain");
    ASSERT_TRUE(both && grain);
    double toBlur = 0, toGrain = 0;
    for (size_t i = 0; i < both->vector.size(); ++i) {
        toBlur += both->vector[i] * blur->vector[i];
        toGrain += both->vector[i] * grain->vector[i];
    }
    EXPECT_GT(toBlur, 0.5);
    EXPECT_GT(toGrain, 0.5);
}

TEST(BuiltinEmbedder, TextWithUnknownWords) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    auto none = embedder->embedText("purple elephant");
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().find("the builtin embedder does not know any word of 'purple elephant'"),
              std::string::npos)
        << none.error();
    EXPECT_NE(none.error().find("motion_blur"), std::string::npos) << none.error();

    auto some = embedder->embedText("motion blur of a purple elephant");
    ASSERT_TRUE(some) << some.error();
    ASSERT_EQ(some->warnings.size(), 1u);
    EXPECT_NE(some->warnings[0].find("purple, elephant"), std::string::npos) << some->warnings[0];
    EXPECT_EQ(some->warnings[0].find(" of"), std::string::npos) << "stop words are not reported";
    auto blur = embedder->embedText("motion blur");
    ASSERT_TRUE(blur);
    EXPECT_EQ(some->vector, blur->vector);

    EXPECT_FALSE(embedder->embedText(""));
    EXPECT_FALSE(embedder->embedText("   ?! "));
}

TEST(BuiltinEmbedder, ARefusedQueryNamesTheKnownWordsNearItsOwn) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    // Typos and words still being typed: an edit or two away, or the start of a known word.
    // (blurred and blurry start with what was typed: as near as one edit.)
    EXPECT_EQ(embedder->nearbyKnownWords("blurr"), (std::vector<std::string>{"blur", "blurred", "blurry"}));
    const std::vector<std::string> grian = embedder->nearbyKnownWords("grian");
    ASSERT_FALSE(grian.empty());
    EXPECT_EQ(grian.front(), "grain");
    const std::vector<std::string> scan = embedder->nearbyKnownWords("scanl");
    EXPECT_NE(std::find(scan.begin(), scan.end(), "scanline"), scan.end());
    EXPECT_TRUE(embedder->nearbyKnownWords("elephant").empty());
    // Two edits of a five-letter word are another word, not a typo.
    EXPECT_TRUE(embedder->nearbyKnownWords("clean").empty());

    auto refused = embedder->embedText("blurr grian");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("does not know any word of 'blurr grian': blurr (did you mean blur, "
                                   "blurred or blurry?), grian (did you mean grain"),
              std::string::npos)
        << refused.error();
    // Nothing near: the message stays as it was.
    auto far = embedder->embedText("purple elephant");
    ASSERT_FALSE(far);
    EXPECT_EQ(far.error().find("did you mean"), std::string::npos) << far.error();
    // An ignored word of an accepted query names its neighbours too.
    auto warned = embedder->embedText("motion blur with scanlnes");
    ASSERT_TRUE(warned) << warned.error();
    ASSERT_EQ(warned->warnings.size(), 1u);
    EXPECT_NE(warned->warnings[0].find("scanlnes (did you mean scanline"), std::string::npos)
        << warned->warnings[0];
}

TEST(BuiltinEmbedder, KnownPhrasesAreTheVocabularysDistinctAndSorted) {
    auto embedder = makeEmbedder();
    ASSERT_TRUE(embedder);
    const std::vector<std::string> phrases = embedder->knownPhrases();
    EXPECT_TRUE(std::is_sorted(phrases.begin(), phrases.end()));
    EXPECT_EQ(std::adjacent_find(phrases.begin(), phrases.end()), phrases.end());
    for (const char* phrase : {"motion blur", "film grain", "scanlines"}) {
        EXPECT_NE(std::find(phrases.begin(), phrases.end(), phrase), phrases.end()) << phrase;
        EXPECT_TRUE(embedder->embedText(phrase)) << phrase; // each one is a query it accepts
    }
    // Through the generic interface too: that is what the search box asks.
    Embedder& generic = *embedder;
    EXPECT_EQ(generic.knownPhrases(), phrases);
}

TEST(BuiltinEmbedder, MalformedVocabularyNamesThePath) {
    auto unknownFeature = BuiltinEmbedder::fromVocabularyJson(
        R"({"attributes": {"motion_blur": {"raises": {"wobble": 1}}}})", "vocab.json");
    ASSERT_FALSE(unknownFeature);
    EXPECT_NE(unknownFeature.error().find(
                  "vocab.json: attributes.motion_blur.raises.wobble: not a builtin feature"),
              std::string::npos)
        << unknownFeature.error();
    auto oneSided = BuiltinEmbedder::fromVocabularyJson(R"({"attributes": {"x": {"lowers": {"noise": 1}}}})",
                                                        "vocab.json");
    ASSERT_FALSE(oneSided);
    EXPECT_NE(oneSided.error().find("attributes.x.lowers.noise"), std::string::npos) << oneSided.error();
    auto empty =
        BuiltinEmbedder::fromVocabularyJson(R"({"attributes": {"x": {"phrases": ["x"]}}})", "vocab.json");
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().find("attributes.x"), std::string::npos) << empty.error();
    auto missing = BuiltinEmbedder::create("/nonexistent/builtin_vocabulary.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("/nonexistent/builtin_vocabulary.json"), std::string::npos)
        << missing.error();
}

TEST(BuiltinEmbedder, ImageVectorsAreUnitLength) {
    auto embedder = makeEmbedder(2);
    ASSERT_TRUE(embedder);
    const RgbImage scene = test::drawTestScene();
    auto vectors = embedder->embedImages({scene, scene, scene});
    ASSERT_TRUE(vectors) << vectors.error();
    ASSERT_EQ(vectors->size(), 3u);
    for (const auto& v : *vectors) {
        EXPECT_EQ(v.size(), embedder->dimension());
        EXPECT_NEAR(norm(v), 1.0, 1e-5);
        EXPECT_EQ(v, vectors->front()); // deterministic, whatever the thread
    }
    RgbImage broken;
    broken.width = 10;
    broken.height = 10;
    broken.pixels.resize(7);
    auto refused = embedder->embedImages({scene, broken});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("image 1"), std::string::npos) << refused.error();
}

TEST(BuiltinEmbedder, TheLowestFailingImageIsReportedWhateverTheThreads) {
    const RgbImage scene = test::drawTestScene();
    RgbImage tooSmall;
    tooSmall.width = 8;
    tooSmall.height = 8;
    tooSmall.pixels.resize(8 * 8 * 3);
    RgbImage broken;
    broken.width = 10;
    broken.height = 10;
    broken.pixels.resize(7);
    std::vector<RgbImage> images(12, scene);
    images[5] = tooSmall;
    images[9] = broken;
    for (unsigned threads : {1u, 4u}) {
        auto embedder = makeEmbedder(threads);
        ASSERT_TRUE(embedder);
        auto refused = embedder->embedImages(images);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().rfind("image 5: ", 0), 0u) << refused.error();
        EXPECT_NE(refused.error().find("too small"), std::string::npos) << refused.error();
    }
}

// Each degradation of the demo generator moves its features the expected way, against clean images.
TEST(BuiltinEmbedder, DescriptorRespondsToEachDegradation) {
    test::TempDir dir;
    auto collection = generateDemoCollection(dir.path(), 460, 11, {}, 2);
    ASSERT_TRUE(collection) << collection.error();
    std::vector<std::vector<double>> z(collection->images.size());
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    auto work = [&] {
        for (size_t i = next++; i < z.size(); i = next++) {
            auto image = decodeImageFile(dir.file(collection->images[i].file));
            auto raw = image ? BuiltinEmbedder::measureFeatures(*image)
                             : Result<std::vector<double>>(image.takeError());
            if (!raw) {
                failed = true;
                continue;
            }
            z[i] = BuiltinEmbedder::standardize(*raw);
        }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
    ASSERT_FALSE(failed);

    auto medianOf = [&](const std::string& attribute, size_t f) {
        std::vector<double> values;
        for (size_t i = 0; i < z.size(); ++i) {
            const auto& labels = collection->images[i].attributes;
            const bool clean = labels.empty() && attribute.empty();
            const bool single = !labels.empty() && labels[0] == attribute &&
                                (labels.size() == 1 || (attribute == "vhs_decay" && labels.size() == 2));
            if (clean || single)
                values.push_back(z[i][f]);
        }
        return median(values);
    };
    struct Expectation {
        const char* attribute;
        const char* feature;
        int sign;
    };
    const Expectation expectations[] = {
        {"motion_blur", "sharpness", -1},
        {"motion_blur", "blur_anisotropy", +1},
        {"motion_blur", "haloing", -1},
        {"out_of_focus_blur", "sharpness", -1},
        {"out_of_focus_blur", "haloing", -1},
        {"film_grain", "noise", +1},
        {"vhs_decay", "scanlines", +1},
        {"vhs_decay", "chroma_shift", +1},
        {"vhs_decay", "noise", +1},
        {"scanline_texture", "scanlines", +1},
        {"jpeg_artifacts", "blockiness", +1},
        {"toxic_neon_palette", "neon", +1},
        {"toxic_neon_palette", "saturation", +1},
        {"clashing_disharmony", "hue_clash", +1},
        {"clashing_disharmony", "saturation", +1},
        {"sickly_color_cast", "cast_green_red", -1},
        {"sickly_color_cast", "cast_blue_yellow", +1},
        {"harsh_flash", "flash", +1},
        {"light_leak", "light_leak", +1},
        {"oppressive_low_contrast", "contrast", -1},
        {"overexposure", "brightness", +1},
        {"overexposure", "clipped_highlights", +1},
        {"underexposure", "brightness", -1},
        {"vignette", "vignette", +1},
        {"tilted_snapshot_angle", "tilt", +1},
        {"over_sharpened_haloing", "haloing", +1},
        {"over_sharpened_haloing", "sharpness", +1},
        {"text_overlay", "dense_edges", +1},
    };
    for (const auto& e : expectations) {
        const size_t f = feature(e.feature);
        const double shift = medianOf(e.attribute, f) - medianOf("", f);
        EXPECT_GT(shift * e.sign, 1.5)
            << e.attribute << " moves " << e.feature << " by " << shift << " standardised units";
    }
}

// Vignette, flash and light leak read the frame, not the scene (issue 18): a bright subject on a black
// background is not a vignette, a warm object is not a light leak.
TEST(BuiltinEmbedder, FallOffAndLeakReadTheFrameNotTheScene) {
    using Rgb = std::array<double, 3>;
    const size_t vignette = feature("vignette"), flash = feature("flash"), leak = feature("light_leak");
    const auto plain = rawFeatures(syntheticScene([](double, double, double, double g) {
        return Rgb{g, g, g};
    }));
    const auto vignetted = rawFeatures(syntheticScene([](double, double, double r, double g) {
        const double gain = 1 - 0.6 * r * r;
        return Rgb{g * gain, g * gain, g * gain};
    }));
    const auto subjectOnBlack = rawFeatures(syntheticScene([](double, double, double r, double g) {
        const double value = r < 0.45 ? g + 0.2 : 0.04 + 0.1 * (g - 0.5);
        return Rgb{value, value, value};
    }));
    const auto flashed = rawFeatures(syntheticScene([](double, double, double r, double g) {
        const double gain = 0.3 + 2.2 * std::exp(-r * r / (2 * 0.35 * 0.35));
        return Rgb{g * gain, g * gain, g * gain};
    }));
    const auto warmObject = rawFeatures(syntheticScene([](double u, double v, double, double g) {
        const bool inside = std::hypot(u - 0.6, v - 0.45) < 0.22;
        return inside ? Rgb{0.95, 0.55 + 0.3 * (g - 0.5), 0.1} : Rgb{g, g, g};
    }));
    const auto leaked = rawFeatures(syntheticScene([](double u, double v, double, double g) {
        const double d = std::hypot(u, 0.75 * v) / 0.5, glow = 0.8 * std::exp(-1.5 * d * d);
        const Rgb tint{1.0, 0.45, 0.1};
        Rgb out{};
        for (int c = 0; c < 3; ++c)
            out[c] = 1 - (1 - g) * (1 - glow * tint[c]); // screen
        return out;
    }));

    EXPECT_GT(vignetted[vignette], plain[vignette] + 0.8);
    EXPECT_GT(vignetted[vignette], subjectOnBlack[vignette] + 0.8) << "a dark background is not a dark rim";
    EXPECT_GT(flashed[flash], vignetted[flash] + 1.0)
        << "a flash falls off half-way out, a vignette at the rim";
    EXPECT_GT(leaked[leak], warmObject[leak] + 0.3) << "a warm object is not a glow from the edge";
    EXPECT_GT(leaked[leak], plain[leak] + 0.3);
}

// Camera shake smears the fine detail along one direction; a ribbed facade or a field of grass leans the
// same way at every scale. The blur measure must tell them apart (v3's whole-band anisotropy could not).
TEST(BuiltinEmbedder, MotionBlurIsToldFromTheSceneGrain) {
    using Rgb = std::array<double, 3>;
    const size_t anisotropy = feature("blur_anisotropy");
    const auto plainScene = syntheticScene([](double, double, double, double g) { return Rgb{g, g, g}; });
    // Ribs 6 to 96 pixels apart, as a ribbed facade or a field of grass has at every scale.
    const auto ribbed = rawFeatures(syntheticScene([](double u, double, double, double g) {
        constexpr double kTurn = 6.283185307179586;
        double value = g;
        for (const auto& [period, amplitude] :
             {std::pair{6.0, 0.05}, {12.0, 0.06}, {24.0, 0.07}, {48.0, 0.08}, {96.0, 0.09}})
            value += amplitude * std::sin(kTurn * 480 / period * u + period);
        return Rgb{value, value, value};
    }));
    // The plain scene smeared sideways over 13 pixels, as a shaken camera does.
    RgbImage smearedScene = plainScene;
    constexpr int kReach = 6;
    for (int y = 0; y < plainScene.height; ++y)
        for (int x = 0; x < plainScene.width; ++x)
            for (int c = 0; c < 3; ++c) {
                int sum = 0, count = 0;
                for (int dx = -kReach; dx <= kReach; ++dx) {
                    const int sx = std::clamp(x + dx, 0, plainScene.width - 1);
                    sum += plainScene.pixels[(size_t(y) * plainScene.width + sx) * 3 + c];
                    ++count;
                }
                smearedScene.pixels[(size_t(y) * plainScene.width + x) * 3 + c] = uint8_t(sum / count);
            }
    const auto plain = rawFeatures(plainScene), smeared = rawFeatures(smearedScene);

    EXPECT_GT(smeared[anisotropy], plain[anisotropy] + 0.3);
    EXPECT_GT(smeared[anisotropy], ribbed[anisotropy] + 0.3) << "ribs that lean at every scale are no blur";
}
