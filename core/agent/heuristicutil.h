#pragma once

// Small helpers the heuristic planner's files share.

#include <cstdio>
#include <string>
#include <vector>

namespace curator {

inline double dotProduct(const std::vector<float>& a, const std::vector<float>& b) {
    double sum = 0;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        sum += double(a[i]) * b[i];
    }
    return sum;
}

// A number with `digits` decimals, for the planner's reasoning.
inline std::string fixedText(double value, int digits = 2) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

} // namespace curator
