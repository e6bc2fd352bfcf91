#pragma once

#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

class CurationLog;
class Taxonomy;

// Counts of one node of the taxonomy in a branch's dataset. `images` are distinct images of the live
// commits that belong to the node, `commits` those commits.
struct CoverageCount {
    size_t images = 0;
    size_t commits = 0;
};

struct AttributeCoverage {
    std::string group;
    std::string category;
    std::string name;
    std::string description;
    CoverageCount count;
};

struct CategoryCoverage {
    std::string group;
    std::string name;
    size_t attributes = 0;
    size_t gaps = 0;     // attributes with no image
    CoverageCount count; // distinct over the category's attributes
};

struct GroupCoverage {
    std::string name;
    size_t attributes = 0;
    size_t gaps = 0;
    CoverageCount count;
};

struct TaxonomyCoverage {
    std::string branch;
    std::vector<AttributeCoverage> attributes; // Taxonomy::attributes() order
    std::vector<CategoryCoverage> categories;  // file order
    std::vector<GroupCoverage> groups;         // file order
    size_t datasetImages = 0;                  // distinct images of the branch's live commits
    size_t liveCommits = 0;
    CoverageCount unmatched;                  // commits matching no attribute, and their distinct images
    std::vector<std::string> unmatchedLabels; // their tags (or, untagged, queries), distinct, in commit order
};

// Which attributes the branch's dataset covers (branch empty: the checked-out branch). A live commit
// belongs to an attribute when one of its tags names it (compared by Taxonomy::normalizedName), or, when
// it has no tags, when its query text normalises to the attribute's name ("motion blur" -> motion_blur).
// A commit may belong to several attributes; every count is of distinct images.
// The taxonomy a workspace uses: `file` as its settings.json names it (a relative path that names a file
// in the workspace is taken from there, else as given), or the built-in classes.json when it is empty.
Result<Taxonomy> workspaceTaxonomy(const std::string& workspaceDirectory, const std::string& file);
// The taxonomy a workspace is set to use: `overrideFile` when given (the CLI's --taxonomy), else the one
// its settings.json names, else the built-in one. The one place the CLI, the workstation and releases
// read it from.
Result<Taxonomy> settingsTaxonomy(const std::string& workspaceDirectory,
                                  const std::string& overrideFile = {});

Result<TaxonomyCoverage> taxonomyCoverage(const Taxonomy& taxonomy, CurationLog& log,
                                          const std::string& branch = {});

} // namespace curator
