#pragma once

// The balance of a branch's dataset (issue 17 §4): images per source x taxonomy attribute x direction,
// an evenness figure over the taxonomy's attributes and the attributes under a target. An image's
// attributes and direction are those a labelled release gives it (commitlabels.h: the attributes of its
// live commits; its direction anti, pro, mixed or unknown); docs/dataset-quality.md has the formulas.

#include "common/result.h"
#include "curation/curationdefaults.h"
#include "dataset/curationlog.h"

#include <map>
#include <string>
#include <vector>

namespace curator {

class Taxonomy;

// The attribute of images whose commits name no attribute of the taxonomy.
constexpr const char* kUnknownAttribute = "unknown";

struct BalanceCell {
    std::string source;
    std::string attribute; // a taxonomy attribute, or kUnknownAttribute
    std::string direction; // "anti", "pro", "mixed", "unknown"
    size_t images = 0;
};

struct BalanceAttribute {
    std::string group;
    std::string category;
    std::string name;
    size_t images = 0;                         // distinct images holding the attribute
    std::map<std::string, size_t> byDirection; // of those, per image direction (zeros left out)
    std::map<std::string, size_t> bySource;    // of those, per source (zeros left out)
    size_t belowTarget = 0;                    // target - images, when under the target
};

struct BalanceReport {
    std::string branch;
    size_t target = defaults::kBalanceTarget;
    size_t datasetImages = 0;
    std::vector<std::string> sources;          // of the dataset's images, sorted
    std::map<std::string, size_t> bySource;    // images per source
    std::map<std::string, size_t> byDirection; // images per direction
    std::vector<BalanceAttribute> attributes;  // every attribute of the taxonomy, in its order
    BalanceAttribute unknown;                  // images with no taxonomy attribute (name "unknown")
    std::vector<BalanceCell> cells;            // source x attribute x direction with images, sorted
    size_t attributesCovered = 0;              // taxonomy attributes with at least one image
    // Pielou's evenness over the taxonomy's k attributes: J = H / ln k, H = -sum p_a ln p_a with
    // p_a = n_a / sum n (n_a: images of attribute a; an image of two attributes counts in both; unknown
    // left out). 1: every attribute holds as many images; 0 when nothing is labelled or k < 2.
    double evenness = 0;
    // The smallest attribute's images over the largest's, over all k attributes (0 while one is empty).
    double minMaxRatio = 0;
    std::vector<std::string> underTarget; // attributes with fewer images than the target, taxonomy order
};

// The balance of `branch` (empty: the checked-out branch) against `taxonomy`. Errors: an unknown branch,
// an unreadable log. An empty dataset is a report of zeros.
Result<BalanceReport> balanceReport(CurationLog& log, const Taxonomy& taxonomy,
                                    const std::string& branch = {}, size_t target = defaults::kBalanceTarget);

std::string balanceReportToJson(const BalanceReport& report);
std::string formatBalanceReport(const BalanceReport& report);

} // namespace curator
