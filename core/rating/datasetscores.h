#pragma once

#include "common/result.h"
#include "rating/aestheticsrate.h"

#include <string>
#include <vector>

namespace curator {

class CurationLog;

struct DatasetScore {
    std::string source;
    std::string id;
    double score = 0;
};

// What the score cache already knows about a branch's dataset for one scorer: the scores aestheticsRate
// would return from its cache, and the images it would still have to rate.
struct DatasetScores {
    std::string branch;
    std::string scorer;
    std::string captioner;
    size_t datasetImages = 0;
    std::vector<DatasetScore> scored; // in catalog order
    std::vector<RateItem> unscored;   // ready for aestheticsRate (path and sidecar caption filled in)

    std::vector<double> values() const;
};

// The cached scores of the branch's dataset images (branch empty: the checked-out branch) for one scorer
// model, read in a handful of queries whatever the dataset's size. A score counts only for the caption
// aestheticsRate would use: the `captionerModel`'s cached caption, else the catalog's sidecar caption. With
// `captionerModel` empty, any cached score of the scorer counts (the newest when several captions were
// scored).
Result<DatasetScores> datasetScores(CurationLog& log, const std::string& branch,
                                    const std::string& scorerModel, const std::string& captionerModel);

} // namespace curator
