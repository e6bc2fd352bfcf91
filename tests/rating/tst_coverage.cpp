#include "dataset/curationlog.h"
#include "resources/embeddedresources.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace {

namespace fs = std::filesystem;

constexpr const char* kSmallTaxonomy = R"({
  "anti_aesthetics": {
    "clarity_and_focus": {"motion_blur": "Streaks from movement.", "out_of_focus": "Nothing is sharp."},
    "color": {"color_cast": "One hue tints everything."}
  },
  "pro_aesthetics": {
    "composition": {"Rule of thirds": "Subjects on the thirds."}
  }
})";

class CoverageTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root = fs::temp_directory_path() / ("curator-coverage-" + std::to_string(std::random_device{}()));
        auto log = curator::CurationLog::open((m_root / "ws").string());
        ASSERT_TRUE(log.ok()) << log.error();
        m_log = std::make_unique<curator::CurationLog>(std::move(*log));
        auto taxonomy = curator::Taxonomy::parse(kSmallTaxonomy, "small.json");
        ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
        m_taxonomy = std::move(*taxonomy);
    }
    void TearDown() override {
        m_log.reset();
        fs::remove_all(m_root);
    }

    // Images img<first>..img<last> of "photos".
    std::string commit(const std::string& query, std::vector<std::string> tags, int first, int last,
                       const std::string& branch = {}) {
        curator::CommitRequest request;
        request.query = query;
        request.tags = std::move(tags);
        request.message = "m";
        request.branch = branch;
        for (int i = first; i <= last; ++i) {
            request.images.push_back({"photos", "img" + std::to_string(i), "", "", 0, 0, true});
        }
        auto outcome = m_log->commit(request);
        EXPECT_TRUE(outcome.ok()) << outcome.error();
        return outcome ? outcome->id : std::string();
    }

    const curator::AttributeCoverage& attribute(const curator::TaxonomyCoverage& coverage,
                                                const std::string& name) {
        for (const auto& entry : coverage.attributes) {
            if (entry.name == name) {
                return entry;
            }
        }
        ADD_FAILURE() << "no attribute " << name;
        return coverage.attributes.front();
    }

    fs::path m_root;
    std::unique_ptr<curator::CurationLog> m_log;
    curator::Taxonomy m_taxonomy;
};

TEST_F(CoverageTest, CountsDistinctImagesPerAttributeCategoryAndGroup) {
    commit("blurry things", {"motion_blur"}, 0, 9);
    commit("streaks and tints", {"Motion Blur", "color-cast"}, 5, 14); // overlaps the first
    commit("out of focus", {}, 20, 24);                                // untagged: the query names it
    commit("cats", {}, 30, 32);                                        // matches nothing
    commit("whatever", {"unknown_tag"}, 0, 2);                         // matches nothing, overlaps
    const std::string undone = commit("thirds", {"rule_of_thirds"}, 40, 49);
    ASSERT_TRUE(m_log->undoCommit(undone).ok());

    auto coverage = curator::taxonomyCoverage(m_taxonomy, *m_log);
    ASSERT_TRUE(coverage.ok()) << coverage.error();
    EXPECT_EQ(coverage->branch, "main");
    EXPECT_EQ(coverage->liveCommits, 5u);
    EXPECT_EQ(coverage->datasetImages, 23u); // 0..14, 20..24, 30..32
    ASSERT_EQ(coverage->attributes.size(), 4u);
    EXPECT_EQ(coverage->attributes[0].name, "motion_blur");
    EXPECT_EQ(coverage->attributes[0].description, "Streaks from movement.");
    EXPECT_EQ(coverage->attributes[0].category, "clarity_and_focus");
    EXPECT_EQ(attribute(*coverage, "motion_blur").count.images, 15u);
    EXPECT_EQ(attribute(*coverage, "motion_blur").count.commits, 2u);
    EXPECT_EQ(attribute(*coverage, "color_cast").count.images, 10u);
    EXPECT_EQ(attribute(*coverage, "out_of_focus").count.images, 5u);
    EXPECT_EQ(attribute(*coverage, "Rule of thirds").count.images, 0u) << "its only commit was undone";
    EXPECT_EQ(attribute(*coverage, "Rule of thirds").count.commits, 0u);

    ASSERT_EQ(coverage->categories.size(), 3u);
    EXPECT_EQ(coverage->categories[0].name, "clarity_and_focus");
    EXPECT_EQ(coverage->categories[0].count.images, 20u); // 0..14 and 20..24, each once
    EXPECT_EQ(coverage->categories[0].count.commits, 3u);
    EXPECT_EQ(coverage->categories[0].gaps, 0u);
    EXPECT_EQ(coverage->categories[1].count.images, 10u);
    EXPECT_EQ(coverage->categories[2].gaps, 1u);
    EXPECT_EQ(coverage->categories[2].attributes, 1u);

    ASSERT_EQ(coverage->groups.size(), 2u);
    EXPECT_EQ(coverage->groups[0].name, "anti_aesthetics");
    EXPECT_EQ(coverage->groups[0].count.images, 20u);
    EXPECT_EQ(coverage->groups[0].count.commits, 3u); // the second commit counts once for the group
    EXPECT_EQ(coverage->groups[0].attributes, 3u);
    EXPECT_EQ(coverage->groups[1].gaps, 1u);
    EXPECT_EQ(coverage->groups[1].count.images, 0u);

    EXPECT_EQ(coverage->unmatched.commits, 2u);
    EXPECT_EQ(coverage->unmatched.images, 6u);
    EXPECT_EQ(coverage->unmatchedLabels, (std::vector<std::string>{"cats", "unknown_tag"}));
}

TEST_F(CoverageTest, ATaggedCommitIsNotMatchedByItsQuery) {
    // The tags say what the commit is about; the query is only a fallback for untagged commits.
    commit("motion blur", {"color_cast"}, 0, 3);
    auto coverage = curator::taxonomyCoverage(m_taxonomy, *m_log);
    ASSERT_TRUE(coverage.ok()) << coverage.error();
    EXPECT_EQ(attribute(*coverage, "motion_blur").count.images, 0u);
    EXPECT_EQ(attribute(*coverage, "color_cast").count.images, 4u);
}

TEST_F(CoverageTest, CountsTheNamedBranchOnly) {
    commit("q", {"motion_blur"}, 0, 3);
    ASSERT_TRUE(m_log->createBranch("agent/run").ok());
    commit("q", {"out_of_focus"}, 10, 11, "agent/run");
    commit("q", {"color_cast"}, 20, 20);

    auto side = curator::taxonomyCoverage(m_taxonomy, *m_log, "agent/run");
    ASSERT_TRUE(side.ok()) << side.error();
    EXPECT_EQ(attribute(*side, "motion_blur").count.images, 4u);
    EXPECT_EQ(attribute(*side, "out_of_focus").count.images, 2u);
    EXPECT_EQ(attribute(*side, "color_cast").count.images, 0u);
    auto main = curator::taxonomyCoverage(m_taxonomy, *m_log, "main");
    ASSERT_TRUE(main.ok());
    EXPECT_EQ(attribute(*main, "out_of_focus").count.images, 0u);
    EXPECT_EQ(attribute(*main, "color_cast").count.images, 1u);

    auto unknown = curator::taxonomyCoverage(m_taxonomy, *m_log, "nowhere");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("nowhere"), std::string::npos) << unknown.error();
}

TEST_F(CoverageTest, TheBuiltInTaxonomyWithAnEmptyLogIsAllGaps) {
    auto taxonomy = curator::Taxonomy::parse(curator::resources::classesJson(), "classes.json");
    ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
    auto coverage = curator::taxonomyCoverage(*taxonomy, *m_log);
    ASSERT_TRUE(coverage.ok()) << coverage.error();
    EXPECT_EQ(coverage->attributes.size(), taxonomy->attributeCount());
    size_t gaps = 0;
    for (const auto& group : coverage->groups) {
        gaps += group.gaps;
    }
    EXPECT_EQ(gaps, taxonomy->attributeCount());
    EXPECT_EQ(coverage->datasetImages, 0u);
    EXPECT_EQ(coverage->unmatched.commits, 0u);
}

} // namespace
