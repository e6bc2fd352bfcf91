#include "dataset/balancereport.h"

#include "dataset/curationlog_internal.h"
#include "dataset/releaselabels.h"
#include "taxonomy/taxonomy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

void countImage(BalanceAttribute& attribute, const std::string& source, const std::string& direction) {
    ++attribute.images;
    ++attribute.byDirection[direction];
    ++attribute.bySource[source];
}

ordered_json attributeJson(const BalanceAttribute& attribute) {
    return {{"group", attribute.group},
            {"category", attribute.category},
            {"name", attribute.name},
            {"images", attribute.images},
            {"by_direction", attribute.byDirection},
            {"by_source", attribute.bySource},
            {"below_target", attribute.belowTarget}};
}

std::string fixed(double value, int digits) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

} // namespace

Result<BalanceReport> balanceReport(CurationLog& log, const Taxonomy& taxonomy, const std::string& branchName,
                                    size_t target) {
    BalanceReport report;
    report.target = target;
    SqliteReadTransaction snapshot(log.database()); // the graph and the images as of one moment
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(report.branch, curationdetail::resolveBranch(log.database(), branchName));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(log.database()));
    const HistoryBranch* branch = graph.branch(report.branch);
    if (!branch) {
        return makeError("unknown branch '" + report.branch + "'");
    }
    CURATOR_TRY(const std::vector<CatalogImage> images, log.datasetImages(report.branch));
    CURATOR_TRY(const ReleaseLabels labels, gatherReleaseLabels(log, graph, branch->head, images, taxonomy));
    report.datasetImages = images.size();

    std::map<std::string, size_t> rowOfAttribute;
    for (const TaxonomyAttribute* attribute : taxonomy.attributes()) {
        rowOfAttribute.emplace(attribute->name, report.attributes.size());
        BalanceAttribute row;
        row.group = attribute->group;
        row.category = attribute->category;
        row.name = attribute->name;
        report.attributes.push_back(std::move(row));
    }
    report.unknown.name = kUnknownAttribute;

    std::map<std::tuple<std::string, std::string, std::string>, size_t> cells;
    for (const CatalogImage& image : images) {
        const auto found = labels.byImage.find(releaseImageKey(image.source, image.name));
        const ReleaseImageLabels none;
        const ReleaseImageLabels& said = found == labels.byImage.end() ? none : found->second;
        const std::string direction = labels.direction(said);
        ++report.bySource[image.source];
        ++report.byDirection[direction];
        bool labelled = false;
        for (const std::string& name : labels.attributes(said)) {
            const auto row = rowOfAttribute.find(name);
            if (row == rowOfAttribute.end()) {
                continue;
            }
            labelled = true;
            countImage(report.attributes[row->second], image.source, direction);
            ++cells[{image.source, name, direction}];
        }
        if (!labelled) {
            countImage(report.unknown, image.source, direction);
            ++cells[{image.source, kUnknownAttribute, direction}];
        }
    }
    for (const auto& [source, count] : report.bySource) {
        report.sources.push_back(source);
    }
    for (const auto& [key, count] : cells) {
        report.cells.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
    }

    size_t total = 0, smallest = 0, largest = 0;
    for (size_t a = 0; a < report.attributes.size(); ++a) {
        BalanceAttribute& attribute = report.attributes[a];
        total += attribute.images;
        smallest = a == 0 ? attribute.images : std::min(smallest, attribute.images);
        largest = std::max(largest, attribute.images);
        report.attributesCovered += attribute.images > 0 ? 1 : 0;
        if (attribute.images < target) {
            attribute.belowTarget = target - attribute.images;
            report.underTarget.push_back(attribute.name);
        }
    }
    const size_t k = report.attributes.size();
    if (total > 0 && k >= 2) {
        double entropy = 0;
        for (const BalanceAttribute& attribute : report.attributes) {
            if (attribute.images > 0) {
                const double p = double(attribute.images) / double(total);
                entropy -= p * std::log(p);
            }
        }
        report.evenness = entropy / std::log(double(k));
    }
    report.minMaxRatio = largest == 0 ? 0.0 : double(smallest) / double(largest);
    return report;
}

std::string balanceReportToJson(const BalanceReport& report) {
    ordered_json attributes = ordered_json::array();
    for (const BalanceAttribute& attribute : report.attributes) {
        attributes.push_back(attributeJson(attribute));
    }
    ordered_json cells = ordered_json::array();
    for (const BalanceCell& cell : report.cells) {
        cells.push_back({{"source", cell.source},
                         {"attribute", cell.attribute},
                         {"direction", cell.direction},
                         {"images", cell.images}});
    }
    ordered_json unknown = attributeJson(report.unknown);
    unknown.erase("group");
    unknown.erase("category");
    unknown.erase("below_target");
    const ordered_json object = {{"balance",
                                  {{"branch", report.branch},
                                   {"target", report.target},
                                   {"dataset_images", report.datasetImages},
                                   {"sources", report.sources},
                                   {"by_source", report.bySource},
                                   {"by_direction", report.byDirection},
                                   {"taxonomy_attributes", report.attributes.size()},
                                   {"attributes_covered", report.attributesCovered},
                                   {"evenness", report.evenness},
                                   {"evenness_formula", "pielou: H / ln(k), H = -sum p ln p over the k "
                                                        "taxonomy attributes"},
                                   {"min_max_ratio", report.minMaxRatio},
                                   {"under_target", report.underTarget},
                                   {"attributes", attributes},
                                   {"unknown", unknown},
                                   {"cells", cells}}}};
    return curationdetail::dumpJson(object, 2, false);
}

std::string formatBalanceReport(const BalanceReport& report) {
    std::string text = "balance of '" + report.branch + "': " + std::to_string(report.datasetImages) +
                       " images, " + std::to_string(report.attributesCovered) + " of " +
                       std::to_string(report.attributes.size()) + " attributes covered\n";
    text += "  evenness (Pielou's J over the taxonomy's attributes): " + fixed(report.evenness, 3) +
            "; smallest / largest attribute: " + fixed(report.minMaxRatio, 3) + "\n";
    text += "  by direction:";
    for (const auto& [direction, count] : report.byDirection) {
        text += " " + direction + " " + std::to_string(count);
    }
    text += "\n  by source:";
    for (const auto& [source, count] : report.bySource) {
        text += " " + source + " " + std::to_string(count);
    }
    text += "\n\n";
    char line[512];
    std::snprintf(line, sizeof line, "  %-34s %7s %6s %6s %6s %8s  %s\n", "attribute", "images", "anti",
                  "pro", "mixed", "unknown", "by source");
    text += line;
    const auto row = [&](const BalanceAttribute& attribute) {
        const auto of = [&](const char* direction) {
            const auto found = attribute.byDirection.find(direction);
            return found == attribute.byDirection.end() ? size_t(0) : found->second;
        };
        std::string sources;
        for (const auto& [source, count] : attribute.bySource) {
            sources += (sources.empty() ? "" : ", ") + source + " " + std::to_string(count);
        }
        std::snprintf(line, sizeof line, "  %-34s %7zu %6zu %6zu %6zu %8zu  %s\n", attribute.name.c_str(),
                      attribute.images, of("anti"), of("pro"), of("mixed"), of("unknown"), sources.c_str());
        text += line;
    };
    for (const BalanceAttribute& attribute : report.attributes) {
        row(attribute);
    }
    row(report.unknown);
    text += "\n  under the target of " + std::to_string(report.target) +
            " images: " + std::to_string(report.underTarget.size()) + " attributes\n";
    for (const BalanceAttribute& attribute : report.attributes) {
        if (attribute.belowTarget > 0) {
            text += "    " + attribute.name + " (" + std::to_string(attribute.images) + ", " +
                    std::to_string(attribute.belowTarget) + " short)\n";
        }
    }
    return text;
}

} // namespace curator
