#pragma once

// The limits of the agent's tools and their names for the curation defaults (core/curation), which the
// CLI and the workstation share: the schemas' descriptions, the handlers and a run's recorded
// configuration read them from here.

#include "curation/curationdefaults.h"

#include <cstddef>

namespace curator {

// One default negative threshold for every tool (the original used 0.3 in search and 0.2 in commit); the
// value used is recorded with every commit.
constexpr double kDefaultNegativeThreshold = defaults::kNegativeThreshold;

// commit: below this threshold the agent's commit is refused unless a person approved it.
constexpr double kCommitThresholdFloor = defaults::kAgentCommitThresholdFloor;

// search: how many best matches are listed, and at most.
constexpr size_t kDefaultTopK = defaults::kAgentTopK;
constexpr size_t kMaxTopK = 200;

// sample and sample_from_committed: how many images come back, and at most.
constexpr size_t kDefaultSampleCount = defaults::kAgentSampleCount;
constexpr size_t kMaxSampleCount = 50;

// aesthetics_rate: how many images are rated, and at most.
constexpr size_t kDefaultRatingSampleSize = defaults::kRatingSampleSize;
constexpr size_t kMaxRatingSampleSize = 200;

// Tile layout of the composite image sent back to a vision model: tiles large enough to judge grain, JPEG
// blocking, scanlines and faint watermarks (5 x 384 px: about the original's 2048-px-wide composite).
constexpr int kGridColumns = 5;
constexpr int kGridTileSize = 384;
// A run may choose its tile size (AgentConfig::gridTileSize, --grid-tile-size): below 128 px the faults the
// model judges are invisible, above 1024 px a 20-image grid is a 5120-px-wide image few models accept.
constexpr int kMinGridTileSize = 128;
constexpr int kMaxGridTileSize = 1024;
// aesthetics_rate's grid: this many of the lowest and as many of the highest scored images.
constexpr size_t kRatingGridExtremes = 5;
// search: how many of its best matches are shown in its grid (the rest are listed as text only).
constexpr size_t kSearchGridImages = 20;

} // namespace curator
