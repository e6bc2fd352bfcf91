#pragma once

// Preference pairs for reward-model training (issue 17 §2). For each anti-aesthetic attribute of the
// taxonomy (a group whose name says "anti"), every image of the branch's dataset labelled with it (the
// labels of a release: the attributes of its live commits) is the chosen side of a pair; the rejected
// side is its nearest clean image in embedding space (cosine of the model's rows). Clean: an image with
// no anti-aesthetic attribute whose direction is neither anti nor mixed. A clean image is the rejected side
// of at most `rejectedUses` pairs of one attribute (the nearest unused one is taken after that), so a few
// central images do not stand for the whole clean side. docs/dataset-quality.md has the JSONL format.

#include "common/result.h"
#include "dataset/curationlog.h"
#include "dataset/nearduplicates.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace curator {

class EmbeddingStore;
class Taxonomy;

// Where a pair's prompt comes from. description: the attribute's taxonomy description. query: the text
// query of a live commit that holds the chosen image and names the attribute (a seeded choice when
// several do), else the description.
enum class PairPromptSource { Description, Query };

struct PreferencePairOptions {
    std::string branch; // empty: the checked-out branch
    std::string model;  // empty: the workspace's only model
    uint64_t seed = 0;
    size_t perAttribute = 0; // the most pairs per attribute (a seeded sample of its images); 0: no cap
    size_t rejectedUses = 2; // the most pairs of one attribute a clean image is the rejected side of; >= 1
    PairPromptSource promptSource = PairPromptSource::Description;
    // The counts alone, no scan: a chosen image goes unmatched only once every clean image is used up, so
    // an attribute's pairs are min(its images kept, clean images x rejectedUses). A release's card uses it.
    bool countsOnly = false;
    unsigned threads = 0;
    const std::atomic<bool>* cancel = nullptr;
    NearDuplicateProgress progress; // (chosen images scanned, in all)
};

struct PairImage {
    std::string source;
    std::string id;
    std::string fileName; // its file_name in a release of this dataset (releaseImageFile)
    std::string path;     // where the curator reads it; never exported
};

struct PreferencePair {
    std::string attribute;
    std::string prompt;
    std::string promptFrom; // "description" or "query:<commit id>"
    PairImage chosen;       // shows the attribute
    PairImage rejected;     // clean, of similar content
    float cosine = 0;
};

struct PairAttributeCount {
    std::string category;
    std::string name;
    size_t images = 0;      // dataset images labelled with it
    size_t notEmbedded = 0; // of those, without a row of the model (not paired)
    size_t capped = 0;      // left out by the per-attribute cap
    size_t unmatched = 0;   // left without a clean image (all used up to rejectedUses)
    size_t pairs = 0;
};

struct PreferencePairSet {
    std::string branch;
    std::string model;
    uint64_t seed = 0;
    size_t perAttribute = 0;
    size_t rejectedUses = 0;
    std::string promptSource; // "description" or "query"
    size_t datasetImages = 0;
    size_t cleanImages = 0;                     // clean images with an embedding: the rejected candidates
    std::vector<PairAttributeCount> attributes; // every anti attribute of the taxonomy, in its order
    std::vector<PreferencePair> pairs;          // by attribute (taxonomy order), then chosen (source, id)
};

// The pairs of a branch. Errors name what is wrong: an unknown branch or model, rejectedUses 0, a taxonomy
// without anti-aesthetic attributes, an empty dataset, a dataset with no image labelled with one, one with
// no clean image, cancellation ("cancelled"). The same options give the same pairs.
Result<PreferencePairSet> preferencePairs(CurationLog& log, const EmbeddingStore& store,
                                          const Taxonomy& taxonomy, const PreferencePairOptions& options);

// The export: one JSON object per line (no absolute path), byte-identical for the same pairs.
std::string preferencePairsToJsonl(const PreferencePairSet& set);
// The summary (no pairs): counts per attribute, options; and its text rendering.
std::string preferencePairsSummaryJson(const PreferencePairSet& set, const std::string& file);
std::string formatPreferencePairs(const PreferencePairSet& set, const std::string& file);

} // namespace curator
