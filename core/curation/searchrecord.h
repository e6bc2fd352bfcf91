#pragma once

// What one search showed, as data: the agent's search tool writes it into its result, and the
// workstation reads it back to show the agent's search exactly as the agent saw it (the same rows, the
// same distribution), without a second scan or a second reading of the tool's arguments.

#include "common/result.h"
#include "curation/rowdescriber.h"
#include "search/searchoperations.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace curator {

struct SearchRecord {
    std::string query;
    std::vector<std::string> negatives;
    double negativeThreshold = 0;
    std::vector<std::string> sources; // the matrices scanned
    size_t scanned = 0;
    size_t masked = 0;
    size_t unmasked = 0;
    std::vector<DescribedRow> results; // best first
    SimilarityDistribution distribution;
};

// The fields of a search tool's result data: query, negative_prompts, negative_threshold, sources,
// scanned, unmasked, masked, results [{source, id, path, caption, similarity}] and distribution
// {minimum, maximum, counts}.
nlohmann::json searchRecordJson(const SearchRecord& record);

// Reads what searchRecordJson wrote; a missing or mistyped field is an error naming it.
Result<SearchRecord> parseSearchRecord(const nlohmann::json& data);

} // namespace curator
