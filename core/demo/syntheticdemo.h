#pragma once

#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

// A small ready workspace of SYNTHETIC embeddings (no images): three sources (photos, artwork,
// dreamcore) whose rows cluster around named concept directions, with the concept vectors saved as
// query files in queries/<concept>.npy. It exercises import, search, masking, counting and sampling
// offline; the demo built from real generated images replaces it (issue 4).
struct SyntheticDemoSummary {
    std::string workspaceDirectory;
    std::string model;
    size_t dimension = 0;
    size_t rows = 0;
    std::vector<std::string> concepts;
    bool created = false; // false: the workspace already held the demo
};

constexpr const char* kSyntheticDemoModel = "synthetic-demo-256";

Result<SyntheticDemoSummary> createSyntheticDemo(const std::string& workspaceDirectory, size_t rows);

std::string syntheticDemoQueryPath(const std::string& workspaceDirectory, const std::string& concept);

} // namespace curator
