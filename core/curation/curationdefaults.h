#pragma once

// The curation defaults, in one place for the CLI, the workstation and the agent's tools. Where the
// front ends differ, the reason is what each shows: a grid to scroll, a terminal, a model's context.

#include <cstddef>

namespace curator::defaults {

// A row is masked when any negative prompt reaches this similarity. One value for search, count, sample
// and commit (the original used 0.3 in search and 0.2 in commit, so a commit took what search hid).
constexpr double kNegativeThreshold = 0.3;

// The lowest similarity threshold the agent commits at on its own; below it a commit needs a person's
// approval (approval mode: approve, or approve with another threshold). A threshold under 0 takes rows
// that point away from the query, and -1 takes every unmasked row of the collection. Similarity scales
// differ between embedding models, so this floor bounds only what no model makes sensible.
constexpr double kAgentCommitThresholdFloor = 0.0;

// Top-k: what a person scrolls in the workstation's grid, reads in a terminal, and what a model reads
// as text lines in one tool result.
constexpr size_t kWorkstationTopK = 200;
constexpr size_t kCliTopK = 50;
constexpr size_t kAgentTopK = 20;

// A band sample: a terminal listing, and one grid image for a model (two rows of five tiles).
constexpr size_t kCliSampleCount = 20;
constexpr size_t kAgentSampleCount = 10;

// Images rated per batch (a query's top matches or a band sample) when no size is given.
constexpr size_t kRatingSampleSize = 30;

// Bins of the similarity distribution over [-1, 1] (the workstation's histogram; 0.01 wide).
constexpr size_t kDistributionBins = 200;

// Bins of a score histogram over the scorer's whole range.
constexpr size_t kScoreBins = 10;

// Two images are near-duplicates when the cosine of their embeddings reaches this (curator-cli dedup,
// a commit's --exclude-near-duplicates). Resized, re-encoded or lightly retouched copies sit above it.
constexpr double kNearDuplicateThreshold = 0.97;

// The images an attribute should hold (the agent's per-theme target of 200-300): the balance report lists
// the attributes under it.
constexpr size_t kBalanceTarget = 200;

} // namespace curator::defaults
