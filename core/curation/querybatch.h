#pragma once

// The images of a query that a rating takes, for the CLI's `rate`, the agent's aesthetics_rate and the
// workstation: the query's top matches, or a seeded sample of a similarity band.

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "curation/curationsession.h"
#include "rating/aestheticsrate.h"

#include <optional>
#include <vector>

namespace curator {

struct BatchChoice {
    size_t size = defaults::kRatingSampleSize;
    // Either bound given: a uniform sample of the band [minimum or -1, maximum or 1]; else the top matches.
    std::optional<float> minimum;
    std::optional<float> maximum;
    uint64_t seed = 1;

    bool isBand() const { return minimum.has_value() || maximum.has_value(); }
};

struct QueryBatch {
    std::vector<DescribedRow> images; // best first
    size_t eligible = 0;              // unmasked images in the band (a band sample)
};

Result<QueryBatch> queryBatch(CurationSession& session, const PreparedQuery& query,
                              const BatchChoice& choice);

// What aestheticsRate takes: identity, path and the known caption of each image.
std::vector<RateItem> rateItems(const std::vector<DescribedRow>& images);

} // namespace curator
