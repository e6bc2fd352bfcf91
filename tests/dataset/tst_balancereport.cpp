// Issue 17 §4: the balance report of a known set of commits: exact counts per source x attribute x
// direction, the evenness figure computed here by hand, the attributes under the target, gaps at 0.

#include "dataset/balancereport.h"
#include "dataset/curationlog.h"
#include "resources/embeddedresources.h"
#include "taxonomy/taxonomy.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace curator;
using datasettest::TemporaryDirectory;

namespace {

// Three attributes: two anti-aesthetic, one pro-aesthetic.
const char* const kTaxonomy = R"({
  "anti_aesthetics": {"clarity": {"motion_blur": "Streaks of movement.", "film_grain": "Grain."}},
  "pro_aesthetics": {"light": {"cinematic_lighting": "Film-like light."}}
})";

CatalogImage image(const std::string& source, const std::string& name) {
    CatalogImage result;
    result.source = source;
    result.name = name;
    result.path = "/data/" + source + "/" + name;
    return result;
}

CommitRequest request(const std::string& query, const std::string& message, std::vector<std::string> tags,
                      std::vector<CatalogImage> images) {
    CommitRequest result = datasettest::makeRequest(query, std::move(images), std::move(tags));
    result.message = message;
    return result;
}

// Commits whose labels are known:
//   1 motion_blur, anti:  photos/0-4
//   2 film_grain, anti:   artwork/0-2 and photos/0   (photos/0: motion_blur and film_grain)
//   3 no attribute:       photos/10-11               (query names nothing; direction unknown)
//   4 cinematic_lighting, pro: artwork/0 (anti and pro: mixed) and artwork/5
void commitKnownSet(CurationLog& log) {
    std::vector<CatalogImage> all;
    for (int i : {0, 1, 2, 3, 4, 10, 11}) {
        all.push_back(image("photos", std::to_string(i)));
    }
    for (int i : {0, 1, 2, 5}) {
        all.push_back(image("artwork", std::to_string(i)));
    }
    ASSERT_TRUE(log.upsertImages(all).ok());
    std::vector<CatalogImage> first;
    for (int i = 0; i < 5; ++i) {
        first.push_back(image("photos", std::to_string(i)));
    }
    ASSERT_TRUE(
        log.commit(request("motion blur", "subelement: motion blur; aesthetic_direction: anti-aesthetic",
                           {"motion_blur"}, first))
            .ok());
    ASSERT_TRUE(log.commit(request("film grain", "aesthetic_direction: anti-aesthetic", {"film_grain"},
                                   {image("artwork", "0"), image("artwork", "1"), image("artwork", "2"),
                                    image("photos", "0")}))
                    .ok());
    ASSERT_TRUE(
        log.commit(request("something else", "plain", {}, {image("photos", "10"), image("photos", "11")}))
            .ok());
    ASSERT_TRUE(log.commit(request("cinematic lighting", "aesthetic_direction: high-aesthetic",
                                   {"cinematic_lighting"}, {image("artwork", "0"), image("artwork", "5")}))
                    .ok());
}

const BalanceAttribute& attribute(const BalanceReport& report, const std::string& name) {
    for (const BalanceAttribute& row : report.attributes) {
        if (row.name == name) {
            return row;
        }
    }
    throw std::runtime_error("no attribute " + name);
}

} // namespace

TEST(BalanceReport, CountsEvennessAndUnderTargetOfKnownCommits) {
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.filePath("ws"));
    commitKnownSet(log);
    auto taxonomy = Taxonomy::parse(kTaxonomy, "test taxonomy");
    ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();

    auto report = balanceReport(log, *taxonomy, {}, 4);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->branch, "main");
    EXPECT_EQ(report->target, 4u);
    EXPECT_EQ(report->datasetImages, 11u);
    EXPECT_EQ(report->sources, (std::vector<std::string>{"artwork", "photos"}));
    EXPECT_EQ(report->bySource, (std::map<std::string, size_t>{{"artwork", 4}, {"photos", 7}}));
    EXPECT_EQ(report->byDirection,
              (std::map<std::string, size_t>{{"anti", 7}, {"mixed", 1}, {"pro", 1}, {"unknown", 2}}));

    ASSERT_EQ(report->attributes.size(), 3u); // every attribute of the taxonomy, in its order
    const BalanceAttribute& motion = attribute(*report, "motion_blur");
    EXPECT_EQ(motion.images, 5u);
    EXPECT_EQ(motion.byDirection, (std::map<std::string, size_t>{{"anti", 5}}));
    EXPECT_EQ(motion.bySource, (std::map<std::string, size_t>{{"photos", 5}}));
    const BalanceAttribute& grain = attribute(*report, "film_grain");
    EXPECT_EQ(grain.images, 4u);
    EXPECT_EQ(grain.byDirection, (std::map<std::string, size_t>{{"anti", 3}, {"mixed", 1}}));
    EXPECT_EQ(grain.bySource, (std::map<std::string, size_t>{{"artwork", 3}, {"photos", 1}}));
    EXPECT_EQ(grain.group, "anti_aesthetics");
    EXPECT_EQ(grain.category, "clarity");
    const BalanceAttribute& lighting = attribute(*report, "cinematic_lighting");
    EXPECT_EQ(lighting.images, 2u);
    EXPECT_EQ(lighting.byDirection, (std::map<std::string, size_t>{{"mixed", 1}, {"pro", 1}}));
    EXPECT_EQ(report->unknown.name, "unknown");
    EXPECT_EQ(report->unknown.images, 2u);
    EXPECT_EQ(report->unknown.byDirection, (std::map<std::string, size_t>{{"unknown", 2}}));

    // source x attribute x direction, sorted.
    std::vector<std::string> cells;
    for (const BalanceCell& cell : report->cells) {
        cells.push_back(cell.source + " " + cell.attribute + " " + cell.direction + " " +
                        std::to_string(cell.images));
    }
    EXPECT_EQ(cells,
              (std::vector<std::string>{"artwork cinematic_lighting mixed 1",
                                        "artwork cinematic_lighting pro 1", "artwork film_grain anti 2",
                                        "artwork film_grain mixed 1", "photos film_grain anti 1",
                                        "photos motion_blur anti 5", "photos unknown unknown 2"}));

    // Pielou's J by hand: counts 5, 4, 2 over k = 3 attributes (11 attribute memberships).
    const double h =
        -(5.0 / 11 * std::log(5.0 / 11) + 4.0 / 11 * std::log(4.0 / 11) + 2.0 / 11 * std::log(2.0 / 11));
    EXPECT_NEAR(report->evenness, h / std::log(3.0), 1e-12);
    EXPECT_NEAR(report->evenness, 0.9432, 1e-4);
    EXPECT_NEAR(report->minMaxRatio, 2.0 / 5.0, 1e-12);
    EXPECT_EQ(report->attributesCovered, 3u);
    // Under the target of 4: only cinematic_lighting (2; film_grain has exactly 4).
    EXPECT_EQ(report->underTarget, (std::vector<std::string>{"cinematic_lighting"}));
    EXPECT_EQ(lighting.belowTarget, 2u);
    EXPECT_EQ(grain.belowTarget, 0u);

    // The JSON view.
    const nlohmann::json json = nlohmann::json::parse(balanceReportToJson(*report)).at("balance");
    EXPECT_EQ(json.at("dataset_images"), 11);
    EXPECT_EQ(json.at("attributes").size(), 3u);
    EXPECT_EQ(json.at("cells").size(), 7u);
    EXPECT_EQ(json.at("under_target"), nlohmann::json::array({"cinematic_lighting"}));
    EXPECT_NEAR(json.at("evenness").get<double>(), report->evenness, 1e-12);
    EXPECT_NE(formatBalanceReport(*report).find("cinematic_lighting"), std::string::npos);
}

TEST(BalanceReport, TheBuiltInTaxonomyCoversEveryAttributeWithZeros) {
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.filePath("ws"));
    commitKnownSet(log);
    auto taxonomy = Taxonomy::parse(resources::classesJson(), "classes.json");
    ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
    auto report = balanceReport(log, *taxonomy);
    ASSERT_TRUE(report.ok()) << report.error();
    const size_t k = taxonomy->attributes().size();
    ASSERT_EQ(report->attributes.size(), k);
    EXPECT_EQ(report->target, 200u);
    // motion_blur and film_grain are built-in attributes; cinematic_lighting is not, so its commit's images
    // count as unknown unless they hold another attribute (artwork/0 holds film_grain).
    EXPECT_EQ(attribute(*report, "motion_blur").images, 5u);
    EXPECT_EQ(attribute(*report, "film_grain").images, 4u);
    EXPECT_EQ(report->attributesCovered, 2u);
    EXPECT_EQ(report->underTarget.size(), k);
    EXPECT_EQ(report->minMaxRatio, 0.0); // gaps
    const double h = -(5.0 / 9 * std::log(5.0 / 9) + 4.0 / 9 * std::log(4.0 / 9));
    EXPECT_NEAR(report->evenness, h / std::log(double(k)), 1e-12);
}

TEST(BalanceReport, EmptyAndUnknownBranches) {
    TemporaryDirectory directory;
    CurationLog log = datasettest::openLog(directory.filePath("ws"));
    auto taxonomy = Taxonomy::parse(kTaxonomy, "test taxonomy");
    ASSERT_TRUE(taxonomy.ok()) << taxonomy.error();
    auto report = balanceReport(log, *taxonomy);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->datasetImages, 0u);
    EXPECT_EQ(report->evenness, 0.0);
    EXPECT_EQ(report->minMaxRatio, 0.0);
    EXPECT_EQ(report->underTarget.size(), 3u);
    auto unknown = balanceReport(log, *taxonomy, "nope");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().find("nope"), std::string::npos) << unknown.error();
}
