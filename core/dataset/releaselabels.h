#pragma once

// PRIVATE to core/dataset: what a labelled release says about each image, gathered in one pass over the
// live commits of a branch, the rating caches and the taxonomy (curationrelease.cpp writes it). Each
// commit's JSON is made once; an image row splices it in, so a release of 300,000 images stays cheap.

#include "dataset/curationlog.h"
#include "dataset/historygraph.h"
#include "dataset/releasecard.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace curator {

class Taxonomy;

struct ReleaseCommitLabels {
    std::string direction; // "anti", "pro", "unknown"
    std::vector<std::string> attributes;
    std::string idJson, queryJson, messageJson; // JSON strings, dumped once
    std::string objectJson; // {"id","author","direction","direction_from","attributes","subelement","tags"}
};

struct ReleaseScore {
    std::string scorer;
    std::string captionSha256;
    double score = 0;
};

struct ReleaseImageLabels {
    std::vector<size_t> commits; // into ReleaseLabels::commitLabels, in commit order
    std::vector<ReleaseScore> scores;
    std::string caption, captionFrom; // captionFrom "": none; "catalog"; else the captioner's model
};

struct ReleaseLabels {
    std::vector<ReleaseCommitLabels> commitLabels;
    std::unordered_map<std::string, ReleaseImageLabels> byImage; // releaseImageKey -> labels
    std::vector<CardCommit> commits;
    std::vector<CardAttribute> taxonomy;
    std::vector<std::string> scorers;    // of the scores the release holds
    std::vector<std::string> captioners; // of the captions it holds ("catalog": the ingest's or import's)

    // The image's direction from its commits': one known direction, "mixed" for both, else "unknown".
    std::string direction(const ReleaseImageLabels& image) const;
    // The distinct attributes of its commits, in commit order.
    std::vector<std::string> attributes(const ReleaseImageLabels& image) const;
    // The labelled fields of its metadata.jsonl row, as JSON members to append after a ',':
    // "direction", "attributes", "commit_ids", "queries", "messages", "commits", "scores".
    std::string rowMembers(const ReleaseImageLabels& image) const;
};

std::string releaseImageKey(const std::string& source, const std::string& name);

// An image's file_name inside a release: "images/<source>/<id>", '/', '\\' and NUL made '_'.
std::string releaseImageFile(const std::string& source, const std::string& name);

// The labels of the images of the live commits reachable from `head` (empty: none). `images` are the
// dataset's images (their catalog captions decide whether a cached caption is used).
Result<ReleaseLabels> gatherReleaseLabels(CurationLog& log, const HistoryGraph& graph,
                                          const std::string& head, const std::vector<CatalogImage>& images,
                                          const Taxonomy& taxonomy);

} // namespace curator
