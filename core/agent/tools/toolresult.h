#pragma once

// What a tool returns, and the image record its texts and grids are made of.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace curator {

struct ToolResult {
    bool ok = false;
    std::string text;                       // compact text for the model
    nlohmann::json data;                    // structured (GUI, events, the heuristic planner)
    std::vector<std::string> imageDataUrls; // at most one composite grid (sample, sample_from_committed)
};

// An image shown to the model: what the grid tiles and the tool texts are made of.
struct ToolImage {
    std::string source;
    std::string id;
    std::string path;
    std::string caption;
    double similarity = 0;
};

} // namespace curator
