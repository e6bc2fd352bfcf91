#pragma once

// The dataset card of a release (README.md) and its pictures: counts per source, direction and attribute,
// the score histogram per direction (a PNG per scorer, drawn with OpenCV), the taxonomy coverage table
// and how the release was made. Plain data in, text and PNG bytes out: curationrelease.cpp gathers it.

#include "common/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace curator {

struct CardImage {
    std::string source;
    std::string direction; // "anti", "pro", "mixed", "unknown"
    std::vector<std::string> attributes;
    std::vector<std::pair<std::string, double>> scores; // (scorer, score)
};

struct CardCommit {
    std::string id;
    std::string author;
    std::string query;
    std::string direction;
    std::string directionFrom;
    std::vector<std::string> attributes;
    size_t images = 0;
};

struct CardAttribute {
    std::string group;
    std::string category;
    std::string name;
    size_t images = 0; // distinct images of the live commits about it
    size_t commits = 0;
};

struct ReleaseCardInput {
    std::string tag;
    std::string branch;
    std::string headCommit;
    std::string createdAt;
    std::vector<CardImage> images;
    std::vector<CardCommit> commits;     // live, in commit order
    std::vector<CardAttribute> taxonomy; // every attribute of the taxonomy, in its order
    std::vector<std::string> embedders, scorers, captioners;
    size_t imagesCopied = 0, imagesMissing = 0, imagesRefused = 0;
    bool copyImages = false;
    double nearDuplicateThreshold = 0; // > 0: near-duplicates at this cosine were left out
    size_t nearDuplicatesExcluded = 0;
    // The preference pairs `curator-cli pairs` forms with its defaults: (anti attribute, pairs) for those
    // with images, or, when none can be formed, why (pairsNote).
    std::vector<std::pair<std::string, size_t>> pairCounts;
    std::string pairsNote;
};

struct ReleaseCard {
    std::string markdown;
    // Relative file name in the release -> PNG bytes.
    std::map<std::string, std::vector<uint8_t>> pictures;
};

// The histogram pictures sit in ".card/": a hidden folder, so an `imagefolder` loader does not take them
// for images of the dataset.
constexpr const char* kCardPictureFolder = ".card";

Result<ReleaseCard> buildReleaseCard(const ReleaseCardInput& input);

// The file name of one scorer's histogram: ".card/scores-<scorer, letters and digits kept>.png".
std::string scoreHistogramFile(const std::string& scorer);

} // namespace curator
