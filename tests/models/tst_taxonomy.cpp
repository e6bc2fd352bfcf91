#include "modelstesthelpers.h"
#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace curator;

namespace {

const std::string kResources = test::resourcesDir();
const std::string kSharedData = test::sharedDataDir();

size_t categoryCount(const Taxonomy& taxonomy, const std::string& group) {
    const auto* g = taxonomy.group(group);
    return g ? g->categories.size() : 0;
}

} // namespace

TEST(Taxonomy, OursHasTheProposalsCategoriesAndCounts) {
    auto taxonomy = Taxonomy::loadFile(defaultTaxonomyPath(kResources));
    ASSERT_TRUE(taxonomy) << taxonomy.error();
    EXPECT_EQ(categoryCount(*taxonomy, "anti_aesthetics"), 9u);
    EXPECT_EQ(categoryCount(*taxonomy, "pro_aesthetics"), 7u);
    EXPECT_GE(taxonomy->attributeCount("anti_aesthetics"), 60u);
    EXPECT_GE(taxonomy->attributeCount("pro_aesthetics"), 40u);
    for (const char* category :
         {"realism_and_style", "color_quality", "clarity_and_focus", "emotion", "distortion",
          "execution_quality", "lighting_and_exposure", "structure_and_perspective", "context_and_setting"}) {
        bool found = false;
        for (const auto& c : taxonomy->group("anti_aesthetics")->categories)
            found |= c.name == category;
        EXPECT_TRUE(found) << category;
    }
    for (const auto* attribute : taxonomy->attributes()) {
        EXPECT_FALSE(attribute->description.empty()) << attribute->name;
        EXPECT_EQ(attribute->name, Taxonomy::normalizedName(attribute->name))
            << "not snake_case: " << attribute->name;
    }
    const auto* blur = taxonomy->findAttribute("Motion Blur");
    ASSERT_NE(blur, nullptr);
    EXPECT_EQ(blur->name, "motion_blur");
    EXPECT_EQ(blur->group, "anti_aesthetics");
    EXPECT_EQ(blur->category, "clarity_and_focus");
    EXPECT_NE(taxonomy->findAttribute("vhs-decay"), nullptr);
    EXPECT_EQ(taxonomy->findAttribute("no such thing"), nullptr);
}

TEST(Taxonomy, RealOriginalFilesLoad) {
    const std::string path = kSharedData + "/original/classes.json";
    const std::string newer = kSharedData + "/original/classes_new.json";
    if (!std::filesystem::exists(path) || !std::filesystem::exists(newer))
        GTEST_SKIP() << "../shared/data/original is absent";
    auto original = Taxonomy::loadFile(path);
    ASSERT_TRUE(original) << original.error();
    EXPECT_EQ(categoryCount(*original, "anti_aesthetics"), 10u);
    EXPECT_EQ(original->attributeCount("anti_aesthetics"), 80u);
    EXPECT_EQ(categoryCount(*original, "pro_aesthetics"), 7u);
    EXPECT_EQ(original->attributeCount("pro_aesthetics"), 49u);
    const auto* psychedelic = original->findAttribute("psychedelic_art");
    ASSERT_NE(psychedelic, nullptr); // the file spells it "Psychedelic art"
    EXPECT_EQ(psychedelic->name, "Psychedelic art");

    auto antiOnly = Taxonomy::loadFile(newer);
    ASSERT_TRUE(antiOnly) << antiOnly.error();
    EXPECT_EQ(antiOnly->groups().size(), 1u);
    EXPECT_EQ(categoryCount(*antiOnly, "anti_aesthetics"), 5u);
    EXPECT_EQ(antiOnly->attributeCount(), 28u);
}

TEST(Taxonomy, VariantShapes) {
    // Two groups, keys with spaces.
    auto two = Taxonomy::parse(R"({"anti_aesthetics": {"realism_and_style": {"Psychedelic art": "Swirls.",
        "surrealism": "Dreams."}}, "pro_aesthetics": {"clarity_and_focus": {"sharp_focus": "Crisp."}}})",
                               "two.json");
    ASSERT_TRUE(two) << two.error();
    EXPECT_EQ(two->attributeCount(), 3u);
    EXPECT_EQ(two->attributes()[0]->name, "Psychedelic art"); // file order kept
    EXPECT_NE(two->findAttribute("psychedelic ART"), nullptr);

    // The older variant: a third top-level key mapping straight to strings.
    auto older = Taxonomy::parse(R"({"anti_aesthetics": {"emotion": {"eerie_emptiness": "Empty."}},
        "pro_aesthetics": {"emotion": {"serene_calm": "Calm."}},
        "general": {"grainy": "Grain.", "blurry": "Blur."}})",
                                 "older.json");
    ASSERT_TRUE(older) << older.error();
    ASSERT_EQ(older->groups().size(), 3u);
    EXPECT_TRUE(older->groups()[2].flat);
    EXPECT_EQ(older->attributeCount("general"), 2u);
    const auto* grainy = older->findAttribute("Grainy");
    ASSERT_NE(grainy, nullptr);
    EXPECT_EQ(grainy->group, "general");
    EXPECT_EQ(grainy->category, "general");

    // Anti only.
    auto anti =
        Taxonomy::parse(R"({"anti_aesthetics": {"color_and_tone": {"sickly": "Green."}}})", "anti.json");
    ASSERT_TRUE(anti) << anti.error();
    EXPECT_EQ(anti->attributeCount("anti_aesthetics"), 1u);
    EXPECT_EQ(anti->group("pro_aesthetics"), nullptr);
}

TEST(Taxonomy, MalformedFilesNameThePath) {
    struct Case {
        const char* json;
        const char* expected;
    };
    const Case cases[] = {
        {R"({"anti_aesthetics": {"color_quality": {"neon": 3}}})",
         "classes.json: anti_aesthetics.color_quality.neon: expected a string description"},
        {R"({"anti_aesthetics": {"color_quality": ["neon"]}})",
         "classes.json: anti_aesthetics.color_quality: expected an object"},
        {R"({"anti_aesthetics": {"a": {"x": "X."}, "b": "mixed"}})",
         "classes.json: anti_aesthetics.b: expected an object"},
        {R"({"anti_aesthetics": {"a": {"x": {"deeper": "no"}}}})",
         "classes.json: anti_aesthetics.a.x: expected a string"},
        {R"({"anti_aesthetics": "flat string"})", "classes.json: anti_aesthetics: expected an object"},
        {R"(["anti_aesthetics"])", "classes.json: expected a JSON object"},
        {R"({})", "classes.json: no taxonomy groups"},
        {R"({"anti_aesthetics": {}})", "classes.json: the taxonomy holds no attributes"},
        {R"({"anti_aesthetics": {"a": {"x": "X."})", "classes.json: not valid JSON"},
    };
    for (const auto& c : cases) {
        auto result = Taxonomy::parse(c.json, "classes.json");
        ASSERT_FALSE(result) << c.json;
        EXPECT_NE(result.error().find(c.expected), std::string::npos) << result.error();
    }
    auto missing = Taxonomy::loadFile("/nonexistent/classes.json");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find("/nonexistent/classes.json"), std::string::npos) << missing.error();
}
