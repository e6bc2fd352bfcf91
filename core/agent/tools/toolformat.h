#pragma once

// The small text and JSON pieces the tools' results share, so every tool writes numbers, images and
// errors the same way.

#include "agent/tools/toolresult.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace curator::tooltext {

std::string thresholdText(double value);  // "0.45"
std::string similarityText(double value); // "0.452"
std::string formatCount(size_t value);    // "269,419"
std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ");
std::string trim(const std::string& text);

// "ERROR: <text>", not ok, with {"error": text} as data.
ToolResult errorResult(const std::string& text);

// "\"query\" over a, b; negatives: x (masked at similarity >= 0.30)".
std::string describeQuery(const std::string& query, const std::vector<std::string>& negatives,
                          double negativeThreshold, const std::vector<std::string>& sources);

// A 10-bin histogram of the values, drawn into `text` and returned as [{from, to, count}] (top bin first).
nlohmann::json histogramJson(const std::vector<float>& values, std::string& text);

// "  3. 0.452  source/id  \"caption\"" (one line of a list, numbered like the grid's tiles).
std::string imageLine(size_t number, const ToolImage& image, bool withSimilarity, bool withCaption);
nlohmann::json imageJson(const ToolImage& image);

} // namespace curator::tooltext
