#pragma once

// The defaults and limits of the agent's tools, in one place (issue 12 §1): the schemas' descriptions, the
// handlers and the recorded configuration of a run all read them from here.

#include <cstddef>

namespace curator {

// One default negative threshold for every tool (the original used 0.3 in search and 0.2 in commit); the
// value used is recorded with every commit.
constexpr double kDefaultNegativeThreshold = 0.3;

// search: how many best matches are listed, and at most.
constexpr size_t kDefaultTopK = 20;
constexpr size_t kMaxTopK = 200;

// sample and sample_from_committed: how many images come back, and at most.
constexpr size_t kDefaultSampleCount = 10;
constexpr size_t kMaxSampleCount = 50;

// aesthetics_rate: how many images are rated, and at most.
constexpr size_t kDefaultRatingSampleSize = 30;
constexpr size_t kMaxRatingSampleSize = 200;

// Tile layout of the composite image sent back to a vision model.
constexpr int kGridColumns = 5;
constexpr int kGridTileSize = 192;

} // namespace curator
