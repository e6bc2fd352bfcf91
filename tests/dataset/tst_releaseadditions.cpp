// A file added to a release after it was made (evaluate-scorer --release): listed in the manifest with its
// hash, its section in the card, replaced when added again; paths that leave the release are refused.

#include "dataset/curationlog.h"
#include "dataset/releaseadditions.h"
#include "dataset/sha256.h"

#include "datasettesthelpers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace curator;
using datasettest::makeImages;
using datasettest::makeRequest;
using datasettest::openLog;
using datasettest::readText;
using datasettest::TemporaryDirectory;
using nlohmann::json;

TEST(ReleaseAdditions, AFileAddedLaterIsListedWithItsHashAndItsCardSectionIsReplacedNotRepeated) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("a", makeImages("photos", 3))).ok());
    Result<ReleaseReport> release = log.exportRelease("v1", false);
    ASSERT_TRUE(release.ok()) << release.error();
    const std::string root = release->directory;
    const json before = json::parse(readText(root + "/manifest.json"));
    const std::string cardBefore = readText(root + "/README.md");

    ReleaseAddition addition;
    addition.kind = "scorer_report";
    addition.name = "hps";
    addition.files = {{".card/report-hps.svg", "<svg>1</svg>"}};
    addition.cardSection = "## Report hps\n\nfirst\n";
    ASSERT_TRUE(addToRelease(root, addition).ok());
    addition.files = {{".card/report-hps.svg", "<svg>2</svg>"}};
    addition.cardSection = "## Report hps\n\nsecond\n";
    ASSERT_TRUE(addToRelease(root, addition).ok());

    const json manifest = json::parse(readText(root + "/manifest.json"));
    EXPECT_EQ(readText(root + "/.card/report-hps.svg"), "<svg>2</svg>");
    EXPECT_EQ(manifest["files"][".card/report-hps.svg"], Sha256::hashHex("<svg>2</svg>"));
    const std::string card = readText(root + "/README.md");
    EXPECT_EQ(manifest["files"]["README.md"], Sha256::hashHex(card));
    EXPECT_EQ(card.find("first"), std::string::npos);
    EXPECT_EQ(card.find("## Report hps"), card.rfind("## Report hps")); // once
    EXPECT_EQ(card.rfind(cardBefore, 0), 0u); // the card as the release wrote it, then the section
    EXPECT_NE(card.find("second"), std::string::npos);
    ASSERT_EQ(manifest["additions"].size(), 1u);
    EXPECT_EQ(manifest["additions"][0]["files"], json::array({".card/report-hps.svg"}));
    // Everything else of the manifest is as the release wrote it.
    for (const auto& [key, value] : before.items()) {
        if (key != "files") {
            EXPECT_EQ(manifest[key], value) << key;
        }
    }
    EXPECT_EQ(manifest["files"]["dataset.json"], before["files"]["dataset.json"]);
}

TEST(ReleaseAdditions, PathsOutsideTheReleaseAndMissingManifestsAreRefused) {
    TemporaryDirectory directory;
    CurationLog log = openLog(directory.filePath("ws"));
    ASSERT_TRUE(log.commit(makeRequest("a", makeImages("photos", 2))).ok());
    Result<ReleaseReport> release = log.exportRelease("v1", false);
    ASSERT_TRUE(release.ok()) << release.error();
    const std::string manifest = readText(release->directory + "/manifest.json");
    for (const char* path : {"../escape.svg", "/tmp/absolute.svg", "manifest.json", ".card/../../x"}) {
        ReleaseAddition addition{"scorer_report", "x", {{path, "data"}}, {}};
        const Status added = addToRelease(release->directory, addition);
        ASSERT_FALSE(added.ok()) << path;
        EXPECT_NE(added.error().find("expected a path inside the release"), std::string::npos)
            << added.error();
    }
    EXPECT_EQ(readText(release->directory + "/manifest.json"), manifest);
    // A release is named by its tag; a tag that is not one of exports/ is refused, naming it.
    EXPECT_EQ(releaseTags(directory.filePath("ws")), std::vector<std::string>{"v1"});
    EXPECT_EQ(*releaseDirectory(directory.filePath("ws"), "v1"), release->directory);
    for (const char* tag : {"nope", "../v1", ".staging", ""}) {
        Result<std::string> none = releaseDirectory(directory.filePath("ws"), tag);
        ASSERT_FALSE(none.ok()) << tag;
        EXPECT_NE(none.error().find(std::string("no release '") + tag + "'"), std::string::npos)
            << none.error();
    }
    const Status missing = addToRelease(directory.filePath("nowhere"), {"scorer_report", "x", {}, "text"});
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().find("manifest.json"), std::string::npos) << missing.error();
}
