#include "agent/tools/toolformat.h"
#include "common/utf8text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace curator::tooltext {

using nlohmann::json;

std::string thresholdText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

std::string similarityText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

std::string formatCount(size_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

ToolResult errorResult(const std::string& text) {
    ToolResult result;
    result.ok = false;
    result.text = "ERROR: " + text;
    result.data = {{"error", text}};
    return result;
}

std::string describeQuery(const std::string& query, const std::vector<std::string>& negatives,
                          double negativeThreshold, const std::vector<std::string>& sources) {
    std::string text = "\"" + query + "\" over " + joined(sources);
    if (!negatives.empty()) {
        text += "; negatives: " + joined(negatives) +
                " (masked at similarity >= " + thresholdText(negativeThreshold) + ")";
    }
    return text;
}

json histogramJson(const std::vector<float>& values, std::string& text) {
    json bins = json::array();
    if (values.empty()) {
        text += "similarity histogram: no unmasked images\n";
        return bins;
    }
    const auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
    double low = std::floor(*minIt * 20.0) / 20.0;
    double high = std::ceil(*maxIt * 20.0) / 20.0;
    if (high - low < 0.1) {
        high = low + 0.1;
    }
    const size_t binCount = 10;
    const double width = (high - low) / binCount;
    std::vector<size_t> counts(binCount, 0);
    for (float value : values) {
        size_t bin = static_cast<size_t>((value - low) / width);
        counts[std::min(bin, binCount - 1)]++;
    }
    const size_t peak = *std::max_element(counts.begin(), counts.end());
    text += "similarity histogram of the unmasked images (10 bins):\n";
    for (size_t bin = binCount; bin-- > 0;) {
        const double from = low + width * bin;
        const double to = from + width;
        const size_t bar = peak ? (counts[bin] * 30 + peak - 1) / peak : 0;
        char line[128];
        std::snprintf(line, sizeof line, "  [%.3f, %.3f%c %7zu %s\n", from, to,
                      bin + 1 == binCount ? ']' : ')', counts[bin], std::string(bar, '#').c_str());
        text += line;
        bins.push_back({{"from", from}, {"to", to}, {"count", counts[bin]}});
    }
    return bins;
}

std::string imageLine(size_t number, const ToolImage& image, bool withSimilarity, bool withCaption) {
    std::string line = "  " + std::to_string(number) + ". ";
    if (withSimilarity) {
        line += similarityText(image.similarity) + "  ";
    }
    line += image.source + "/" + image.id;
    if (withCaption && !image.caption.empty()) {
        line += "  \"" + truncateUtf8(image.caption, 160) + "\"";
    }
    return line + "\n";
}

json imageJson(const ToolImage& image) {
    return {{"source", image.source},
            {"id", image.id},
            {"path", image.path},
            {"caption", image.caption},
            {"similarity", image.similarity}};
}

} // namespace curator::tooltext
