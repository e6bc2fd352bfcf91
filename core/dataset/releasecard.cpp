#include "dataset/releasecard.h"

#include "media/imagecodecs.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace curator {

namespace {

const std::vector<std::string> kDirections = {"anti", "pro", "mixed", "unknown"};

std::string number(double value, int decimals = 2) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Table cells hold free text (queries, attribute names): a '|' or a line break would end the cell.
std::string cell(const std::string& text) {
    std::string safe;
    for (char c : text) {
        if (c == '|') {
            safe += "\\|";
        } else if (c == '\n' || c == '\r') {
            safe += ' ';
        } else {
            safe += c;
        }
    }
    return safe;
}

std::string joined(const std::vector<std::string>& items, const std::string& none = "none") {
    if (items.empty()) {
        return none;
    }
    std::string text;
    for (const std::string& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

cv::Scalar directionColour(const std::string& direction) {
    if (direction == "anti") {
        return {40, 40, 220}; // BGR: red
    }
    if (direction == "pro") {
        return {200, 110, 30}; // blue
    }
    if (direction == "mixed") {
        return {160, 50, 160};
    }
    return {140, 140, 140};
}

// One scorer's scores per direction as step curves of the fraction of each direction's images per bin,
// so directions of different sizes compare.
Result<std::vector<uint8_t>> drawHistogram(const std::string& scorer,
                                           const std::map<std::string, std::vector<double>>& scores) {
    constexpr int kWidth = 800, kHeight = 440, kLeft = 60, kRight = 20, kTop = 70, kBottom = 50, kBins = 20;
    double low = 0, high = 0;
    bool first = true;
    for (const auto& [direction, values] : scores) {
        for (double value : values) {
            low = first ? value : std::min(low, value);
            high = first ? value : std::max(high, value);
            first = false;
        }
    }
    if (high <= low) {
        high = low + 1;
    }
    std::map<std::string, std::vector<double>> fractions;
    double tallest = 0;
    for (const auto& [direction, values] : scores) {
        std::vector<double>& bins = fractions[direction];
        bins.assign(kBins, 0.0);
        for (double value : values) {
            const int bin = std::clamp(int((value - low) / (high - low) * kBins), 0, kBins - 1);
            bins[size_t(bin)] += 1.0 / double(values.size());
        }
        tallest = std::max(tallest, *std::max_element(bins.begin(), bins.end()));
    }
    cv::Mat picture(kHeight, kWidth, CV_8UC3, cv::Scalar(255, 255, 255));
    const int plotWidth = kWidth - kLeft - kRight, plotHeight = kHeight - kTop - kBottom;
    const cv::Scalar ink(30, 30, 30);
    cv::line(picture, {kLeft, kTop + plotHeight}, {kLeft + plotWidth, kTop + plotHeight}, ink, 1);
    cv::line(picture, {kLeft, kTop}, {kLeft, kTop + plotHeight}, ink, 1);
    cv::putText(picture, "scores by " + scorer + " (fraction of each direction's images per bin)",
                {kLeft, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink, 1, cv::LINE_AA);
    for (int tick = 0; tick <= 4; ++tick) {
        const double value = low + (high - low) * tick / 4.0;
        const int x = kLeft + plotWidth * tick / 4;
        cv::line(picture, {x, kTop + plotHeight}, {x, kTop + plotHeight + 5}, ink, 1);
        cv::putText(picture, number(value), {std::min(x - 15, kWidth - 50), kTop + plotHeight + 22},
                    cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
    }
    cv::putText(picture, number(tallest), {5, kTop + 5}, cv::FONT_HERSHEY_SIMPLEX, 0.4, ink, 1, cv::LINE_AA);
    // The legend is one row between the title and the plot, so no curve runs under it.
    int legendX = kLeft;
    for (const std::string& direction : kDirections) {
        const auto found = fractions.find(direction);
        if (found == fractions.end()) {
            continue;
        }
        const cv::Scalar colour = directionColour(direction);
        std::vector<cv::Point> steps;
        for (int bin = 0; bin < kBins; ++bin) {
            const int y = kTop + plotHeight - int(found->second[size_t(bin)] / tallest * (plotHeight - 10));
            steps.emplace_back(kLeft + plotWidth * bin / kBins, y);
            steps.emplace_back(kLeft + plotWidth * (bin + 1) / kBins, y);
        }
        cv::polylines(picture, steps, false, colour, 2, cv::LINE_AA);
        const std::string label = direction + " (" + std::to_string(scores.at(direction).size()) + ")";
        cv::line(picture, {legendX, 51}, {legendX + 25, 51}, colour, 3);
        cv::putText(picture, label, {legendX + 30, 55}, cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
        legendX += 30 + 9 * int(label.size()) + 20;
    }
    std::vector<uint8_t> bytes;
    try {
        if (!codecs::imencode(".png", picture, bytes)) {
            return makeError("release card: the score histogram of '" + scorer +
                             "' could not be encoded as PNG");
        }
    } catch (const std::exception& error) {
        return makeError("release card: the score histogram of '" + scorer + "': " + error.what());
    }
    return bytes;
}

void countTable(std::string& text, const std::string& heading, const std::map<std::string, size_t>& counts) {
    text += "| " + heading + " | images |\n|---|---:|\n";
    for (const auto& [name, count] : counts) {
        text += "| " + cell(name) + " | " + std::to_string(count) + " |\n";
    }
    text += "\n";
}

} // namespace

std::string scoreHistogramFile(const std::string& scorer) {
    std::string slug;
    for (char c : scorer) {
        slug += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    }
    return std::string(kCardPictureFolder) + "/scores-" + slug + ".png";
}

Result<ReleaseCard> buildReleaseCard(const ReleaseCardInput& input) {
    ReleaseCard card;
    std::map<std::string, size_t> bySource, byDirection, byAttribute;
    // scorer -> direction -> scores
    std::map<std::string, std::map<std::string, std::vector<double>>> scores;
    for (const CardImage& image : input.images) {
        ++bySource[image.source];
        ++byDirection[image.direction];
        for (const std::string& attribute : image.attributes) {
            ++byAttribute[attribute];
        }
        for (const auto& [scorer, score] : image.scores) {
            scores[scorer][image.direction].push_back(score);
        }
    }

    std::string& text = card.markdown;
    text += "---\npretty_name: \"" + cell(input.tag) + "\"\ntask_categories:\n- text-to-image\n---\n\n";
    text += "# Release " + input.tag + "\n\n";
    text += "A labelled release of the Wide-Spectrum Curator: " + std::to_string(input.images.size()) +
            " images of branch `" + input.branch + "` at commit `" + input.headCommit + "`, made " +
            input.createdAt + ".\n\n";
    text +=
        "Each row of `metadata.jsonl` names an image (`file_name`, relative to this folder), its source and "
        "id, the taxonomy attributes and aesthetic direction of every live commit that holds it, their "
        "queries and messages, its caption and every cached score with its scorer. ";
    text += input.copyImages
                ? "Load it with `datasets.load_dataset(\"imagefolder\", data_dir=THIS_FOLDER)`.\n\n"
                : "The image files were not copied (export with `--copy-images` to load it with "
                  "`datasets.load_dataset(\"imagefolder\", ...)`).\n\n";

    text += "## Counts\n\n";
    countTable(text, "source", bySource);
    countTable(text, "direction", byDirection);
    if (byAttribute.empty()) {
        text += "No image belongs to a taxonomy attribute.\n\n";
    } else {
        countTable(text, "attribute", byAttribute);
    }

    text += "## Scores per direction\n\n";
    if (scores.empty()) {
        text += "No image of the release has a cached score (rate them with `curator-cli rate`).\n\n";
    }
    for (const auto& [scorer, perDirection] : scores) {
        CURATOR_TRY(std::vector<uint8_t> png, drawHistogram(scorer, perDirection));
        const std::string file = scoreHistogramFile(scorer);
        card.pictures[file] = std::move(png);
        text += "![scores by " + cell(scorer) + "](" + file + ")\n\n";
        text += "| direction | images scored | mean | min | max |\n|---|---:|---:|---:|---:|\n";
        for (const std::string& direction : kDirections) {
            const auto found = perDirection.find(direction);
            if (found == perDirection.end()) {
                continue;
            }
            const std::vector<double>& values = found->second;
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            text += "| " + direction + " | " + std::to_string(values.size()) + " | " +
                    number(sum / double(values.size())) + " | " +
                    number(*std::min_element(values.begin(), values.end())) + " | " +
                    number(*std::max_element(values.begin(), values.end())) + " |\n";
        }
        text += "\n";
    }

    text += "## Preference pairs\n\n";
    if (input.pairCounts.empty()) {
        text += "No preference pairs: " + cell(input.pairsNote.empty() ? "none formed" : input.pairsNote) +
                "\n\n";
    } else {
        size_t total = 0;
        for (const auto& [attribute, count] : input.pairCounts) {
            total += count;
        }
        text += "`curator-cli pairs --out pairs.jsonl` (seed 0, each clean image rejected at most twice per "
                "attribute) pairs each image of an anti-aesthetic attribute with its nearest clean image: " +
                std::to_string(total) +
                " pairs (docs/dataset-quality.md).\n\n| attribute | pairs |\n|---|---:|\n";
        for (const auto& [attribute, count] : input.pairCounts) {
            text += "| " + cell(attribute) + " | " + std::to_string(count) + " |\n";
        }
        text += "\n";
    }

    text += "## Taxonomy coverage\n\n| group | category | attribute | images | commits "
            "|\n|---|---|---|---:|---:|\n";
    size_t gaps = 0;
    for (const CardAttribute& attribute : input.taxonomy) {
        gaps += attribute.images == 0 ? 1 : 0;
        text += "| " + cell(attribute.group) + " | " + cell(attribute.category) + " | " +
                cell(attribute.name) + " | " + std::to_string(attribute.images) + " | " +
                std::to_string(attribute.commits) + " |\n";
    }
    text += "\n" + std::to_string(input.taxonomy.size() - gaps) + " of " +
            std::to_string(input.taxonomy.size()) + " attributes have images.\n\n";

    text += "## How it was made\n\n";
    std::set<std::string> runs;
    for (const CardCommit& commit : input.commits) {
        if (commit.author.rfind("agent:", 0) == 0) {
            runs.insert(commit.author.substr(6));
        }
    }
    text += "- Embedders: " + joined(input.embedders) + "\n- Scorers: " + joined(input.scorers) +
            "\n- Captioners: " + joined(input.captioners) +
            "\n- Agent runs: " + joined(std::vector<std::string>(runs.begin(), runs.end())) + "\n";
    text += "- Image files: " + std::to_string(input.imagesCopied) + " copied, " +
            std::to_string(input.imagesMissing) + " missing, " + std::to_string(input.imagesRefused) +
            " refused (outside every image root)\n";
    if (input.nearDuplicateThreshold > 0) {
        char threshold[32];
        std::snprintf(threshold, sizeof threshold, "%.3f", input.nearDuplicateThreshold);
        text += "- Near-duplicates left out: " + std::to_string(input.nearDuplicatesExcluded) +
                " images whose embedding cosine to a kept image reaches " + threshold +
                " (one image per group kept; listed in `manifest.json`)\n";
    }
    text += "\n";
    text +=
        "| commit | author | query | direction (from) | attributes | images |\n|---|---|---|---|---|---:|\n";
    for (const CardCommit& commit : input.commits) {
        text += "| `" + commit.id.substr(0, 8) + "` | " + cell(commit.author) + " | " + cell(commit.query) +
                " | " + commit.direction + " (" + commit.directionFrom + ") | " +
                cell(joined(commit.attributes, "")) + " | " + std::to_string(commit.images) + " |\n";
    }
    text += "\n";
    return card;
}

} // namespace curator
