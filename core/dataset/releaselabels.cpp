#include "dataset/releaselabels.h"

#include "dataset/commitlabels.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <map>
#include <set>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

void insertSorted(std::vector<std::string>& values, const std::string& value) {
    const auto at = std::lower_bound(values.begin(), values.end(), value);
    if (at == values.end() || *at != value) {
        values.insert(at, value);
    }
}

// The image's direction from its commits': one known direction, "mixed" for both, else "unknown".
std::string imageDirection(const ordered_json& commits) {
    bool anti = false, pro = false;
    for (const ordered_json& commit : commits) {
        anti = anti || commit["direction"] == "anti";
        pro = pro || commit["direction"] == "pro";
    }
    return anti && pro ? "mixed" : anti ? "anti" : pro ? "pro" : "unknown";
}

} // namespace

std::string releaseImageKey(const std::string& source, const std::string& name) {
    return source + '\n' + name;
}

Result<ReleaseLabels> gatherReleaseLabels(CurationLog& log, const HistoryGraph& graph, const std::string& head,
                                          const std::vector<CatalogImage>& images, const Taxonomy& taxonomy) {
    ReleaseLabels labels;
    for (const CatalogImage& image : images) {
        labels.byImage[releaseImageKey(image.source, image.name)] = {{"direction", "unknown"},
                                                                      {"attributes", ordered_json::array()},
                                                                      {"commit_ids", ordered_json::array()},
                                                                      {"queries", ordered_json::array()},
                                                                      {"messages", ordered_json::array()},
                                                                      {"commits", ordered_json::array()},
                                                                      {"scores", ordered_json::array()}};
    }
    // Attribute name -> (its row in the coverage table, the distinct images and the commits about it).
    std::map<std::string, size_t> attributeRow;
    std::vector<std::set<std::string>> attributeImages;
    for (const TaxonomyAttribute* attribute : taxonomy.attributes()) {
        attributeRow.emplace(attribute->name, labels.taxonomy.size());
        labels.taxonomy.push_back({attribute->group, attribute->category, attribute->name, 0, 0});
        attributeImages.emplace_back();
    }

    const std::vector<size_t> live = head.empty() ? std::vector<size_t>{} : graph.liveCommits(head);
    for (size_t index : live) {
        const CommitInfo& info = graph.commits()[index].info;
        if (info.kind != CommitKind::Commit) {
            continue; // a merge or a revert holds no images of its own
        }
        const CommitLabels said = labelCommit(info, taxonomy);
        CURATOR_TRY(const std::vector<CatalogImage> entries, log.commitImages(info.id));
        labels.commits.push_back({info.id, info.author, info.query, aestheticDirectionName(said.direction),
                                  said.directionFrom, said.attributes, entries.size()});
        for (const std::string& attribute : said.attributes) {
            const auto row = attributeRow.find(attribute);
            if (row != attributeRow.end()) {
                ++labels.taxonomy[row->second].commits;
            }
        }
        const ordered_json commitJson = {{"id", info.id},
                                         {"author", info.author},
                                         {"direction", aestheticDirectionName(said.direction)},
                                         {"direction_from", said.directionFrom},
                                         {"attributes", said.attributes},
                                         {"subelement", said.subelement},
                                         {"tags", info.tags},
                                         {"query", info.query},
                                         {"message", info.message}};
        std::set<std::string> seen; // a commit may name an image twice
        for (const CatalogImage& entry : entries) {
            const std::string key = releaseImageKey(entry.source, entry.name);
            const auto found = labels.byImage.find(key);
            if (found == labels.byImage.end() || !seen.insert(key).second) {
                continue;
            }
            ordered_json& row = found->second;
            row["commit_ids"].push_back(info.id);
            row["queries"].push_back(info.query);
            row["messages"].push_back(info.message);
            row["commits"].push_back(commitJson);
            for (const std::string& attribute : said.attributes) {
                if (std::find(row["attributes"].begin(), row["attributes"].end(), attribute) ==
                    row["attributes"].end()) {
                    row["attributes"].push_back(attribute);
                }
                const auto at = attributeRow.find(attribute);
                if (at != attributeRow.end()) {
                    attributeImages[at->second].insert(key);
                }
            }
        }
    }
    for (size_t row = 0; row < labels.taxonomy.size(); ++row) {
        labels.taxonomy[row].images = attributeImages[row].size();
    }
    for (auto& [key, row] : labels.byImage) {
        row["direction"] = imageDirection(row["commits"]);
    }

    // Every cached score of the release's images, with its scorer and the caption it was given.
    SqliteDatabase& database = log.database();
    CURATOR_TRY(SqliteStatement scores,
                database.prepare("SELECT source, name, model, caption_sha256, score FROM score_cache "
                                 "ORDER BY source, name, model, created_at"));
    CURATOR_TRY_STATUS(scores.forEachRow([&labels](const SqliteStatement& result) {
        const auto found = labels.byImage.find(releaseImageKey(result.columnText(0), result.columnText(1)));
        if (found != labels.byImage.end()) {
            found->second["scores"].push_back({{"scorer", result.columnText(2)},
                                               {"score", result.columnDouble(4)},
                                               {"caption_sha256", result.columnText(3)}});
            insertSorted(labels.scorers, result.columnText(2));
        }
    }));
    // A caption: the catalog's, else the newest cached one, with where it came from.
    std::unordered_map<std::string, const CatalogImage*> catalog;
    for (const CatalogImage& image : images) {
        catalog.emplace(releaseImageKey(image.source, image.name), &image);
        if (!image.caption.empty()) {
            labels.byImage[releaseImageKey(image.source, image.name)]["caption_from"] = "catalog";
            insertSorted(labels.captioners, "catalog");
        }
    }
    CURATOR_TRY(SqliteStatement captions,
                database.prepare("SELECT source, name, model, caption FROM caption_cache ORDER BY created_at"));
    CURATOR_TRY_STATUS(captions.forEachRow([&](const SqliteStatement& result) {
        const std::string key = releaseImageKey(result.columnText(0), result.columnText(1));
        const auto image = catalog.find(key);
        if (image != catalog.end() && image->second->caption.empty()) {
            ordered_json& row = labels.byImage[key];
            row["caption"] = result.columnText(3);
            row["caption_from"] = result.columnText(2);
            insertSorted(labels.captioners, result.columnText(2));
        }
    }));
    return labels;
}

} // namespace curator
