#pragma once

// PRIVATE to core/dataset: what a labelled release says about each image, gathered in one pass over the
// live commits of a branch, the rating caches and the taxonomy (curationrelease.cpp writes it).

#include "dataset/curationlog.h"
#include "dataset/historygraph.h"
#include "dataset/releasecard.h"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace curator {

class Taxonomy;

struct ReleaseLabels {
    // "source\nname" -> the image's labels: direction, attributes, commit ids, queries, messages,
    // commits, caption (when the catalog has none) and scores, as metadata.jsonl fields.
    std::unordered_map<std::string, nlohmann::ordered_json> byImage;
    std::vector<CardCommit> commits;
    std::vector<CardAttribute> taxonomy;
    std::vector<std::string> scorers;    // of the scores the release holds
    std::vector<std::string> captioners; // of the captions it holds ("catalog": the ingest's or import's)
};

std::string releaseImageKey(const std::string& source, const std::string& name);

// The labels of the images of the live commits reachable from `head` (empty: none). `images` are the
// dataset's images (their catalog captions decide whether a cached caption is used).
Result<ReleaseLabels> gatherReleaseLabels(CurationLog& log, const HistoryGraph& graph, const std::string& head,
                                          const std::vector<CatalogImage>& images, const Taxonomy& taxonomy);

} // namespace curator
