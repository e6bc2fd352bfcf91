#include "dataset/releaselabels.h"

#include "dataset/sha256.h"

#include "dataset/commitlabels.h"
#include "dataset/curationlog_internal.h"
#include "taxonomy/taxonomy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

std::string dumped(const ordered_json& value) {
    return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void insertSorted(std::vector<std::string>& values, const std::string& value) {
    const auto at = std::lower_bound(values.begin(), values.end(), value);
    if (at == values.end() || *at != value) {
        values.insert(at, value);
    }
}

std::string safeFileName(const std::string& name) {
    std::string safe;
    for (char c : name) {
        safe += (c == '/' || c == '\\' || c == '\0') ? '_' : c;
    }
    if (safe == "." || safe == ".." || safe.empty()) {
        safe = "_" + safe;
    }
    return safe;
}

} // namespace

std::string releaseImageFile(const std::string& source, const std::string& name) {
    return "images/" + safeFileName(source) + "/" + safeFileName(name);
}

std::string releaseImageKey(const std::string& source, const std::string& name) {
    return source + '\n' + name;
}

std::string ReleaseLabels::direction(const ReleaseImageLabels& image) const {
    bool anti = false, pro = false;
    for (size_t commit : image.commits) {
        anti = anti || commitLabels[commit].direction == "anti";
        pro = pro || commitLabels[commit].direction == "pro";
    }
    return anti && pro ? "mixed" : anti ? "anti" : pro ? "pro" : "unknown";
}

std::vector<std::string> ReleaseLabels::attributes(const ReleaseImageLabels& image) const {
    std::vector<std::string> names;
    for (size_t commit : image.commits) {
        for (const std::string& name : commitLabels[commit].attributes) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(name);
            }
        }
    }
    return names;
}

std::string ReleaseLabels::rowMembers(const ReleaseImageLabels& image) const {
    std::string text =
        "\"direction\":\"" + direction(image) + "\",\"attributes\":" + dumped(attributes(image));
    const auto list = [&](const char* name, std::string ReleaseCommitLabels::*member) {
        text += std::string(",\"") + name + "\":[";
        for (size_t i = 0; i < image.commits.size(); ++i) {
            text += (i ? "," : "") + commitLabels[image.commits[i]].*member;
        }
        text += "]";
    };
    list("commit_ids", &ReleaseCommitLabels::idJson);
    list("queries", &ReleaseCommitLabels::queryJson);
    list("messages", &ReleaseCommitLabels::messageJson);
    list("commits", &ReleaseCommitLabels::objectJson);
    ordered_json scores = ordered_json::array();
    for (const ReleaseScore& score : image.scores) {
        scores.push_back(
            {{"scorer", score.scorer}, {"score", score.score}, {"caption_sha256", score.captionSha256}});
    }
    return text + ",\"scores\":" + dumped(scores);
}

Result<ReleaseLabels> gatherReleaseLabels(CurationLog& log, const HistoryGraph& graph,
                                          const std::string& head, const std::vector<CatalogImage>& images,
                                          const Taxonomy& taxonomy) {
    ReleaseLabels labels;
    labels.byImage.reserve(images.size());
    for (const CatalogImage& image : images) {
        labels.byImage[releaseImageKey(image.source, image.name)];
    }
    // The coverage table: every attribute of the taxonomy, its commits and distinct images.
    std::map<std::string, size_t> attributeRow;
    for (const TaxonomyAttribute* attribute : taxonomy.attributes()) {
        attributeRow.emplace(attribute->name, labels.taxonomy.size());
        labels.taxonomy.push_back({attribute->group, attribute->category, attribute->name, 0, 0});
    }

    const std::vector<size_t> live = head.empty() ? std::vector<size_t>{} : graph.liveCommits(head);
    // What the dataset holds of each live commit: images removed from one no longer carry its labels.
    CURATOR_TRY(const std::vector<std::vector<CatalogImage>> entriesOfLive,
                curationdetail::liveCommitEntries(log.database(), graph, head));
    for (size_t position = 0; position < live.size(); ++position) {
        const CommitInfo& info = graph.commits()[live[position]].info;
        const std::vector<CatalogImage>& entries = entriesOfLive[position];
        if (info.kind != CommitKind::Commit) {
            continue; // a merge or a revert holds no images of its own
        }
        const CommitLabels said = labelCommit(info, taxonomy);
        const std::string direction = aestheticDirectionName(said.direction);
        const size_t commit = labels.commitLabels.size();
        labels.commitLabels.push_back({direction, said.attributes, dumped(info.id), dumped(info.query),
                                       dumped(info.message),
                                       dumped({{"id", info.id},
                                               {"author", info.author},
                                               {"direction", direction},
                                               {"direction_from", said.directionFrom},
                                               {"attributes", said.attributes},
                                               {"subelement", said.subelement},
                                               {"tags", info.tags}})});
        labels.commits.push_back({info.id, info.author, info.query, direction, said.directionFrom,
                                  said.attributes, entries.size()});
        for (const std::string& attribute : said.attributes) {
            const auto row = attributeRow.find(attribute);
            if (row != attributeRow.end()) {
                ++labels.taxonomy[row->second].commits;
            }
        }
        for (const CatalogImage& entry : entries) {
            const auto found = labels.byImage.find(releaseImageKey(entry.source, entry.name));
            // Commits arrive in order, so an image named twice by one commit has it last.
            if (found != labels.byImage.end() &&
                (found->second.commits.empty() || found->second.commits.back() != commit)) {
                found->second.commits.push_back(commit);
            }
        }
    }
    for (const auto& [key, image] : labels.byImage) {
        for (const std::string& attribute : labels.attributes(image)) {
            const auto row = attributeRow.find(attribute);
            if (row != attributeRow.end()) {
                ++labels.taxonomy[row->second].images;
            }
        }
    }

    // A caption: the catalog's, else the newest cached one, with where it came from. Every caption an
    // image has (catalog or captioner) is remembered by hash, for the scores below.
    std::unordered_map<std::string, std::set<std::string>> captionHashes;
    for (const CatalogImage& image : images) {
        if (!image.caption.empty()) {
            const std::string key = releaseImageKey(image.source, image.name);
            ReleaseImageLabels& row = labels.byImage[key];
            row.caption = image.caption;
            row.captionFrom = "catalog";
            captionHashes[key].insert(Sha256::hashHex(image.caption));
            insertSorted(labels.captioners, "catalog");
        }
    }
    SqliteDatabase& database = log.database();
    CURATOR_TRY(
        SqliteStatement captions,
        database.prepare("SELECT source, name, model, caption FROM caption_cache ORDER BY created_at"));
    CURATOR_TRY_STATUS(captions.forEachRow([&](const SqliteStatement& result) {
        const std::string key = releaseImageKey(result.columnText(0), result.columnText(1));
        const auto found = labels.byImage.find(key);
        if (found == labels.byImage.end()) {
            return;
        }
        captionHashes[key].insert(Sha256::hashHex(result.columnText(3)));
        if (found->second.captionFrom != "catalog") {
            found->second.caption = result.columnText(3);
            found->second.captionFrom = result.columnText(2);
            insertSorted(labels.captioners, result.columnText(2));
        }
    }));

    // Every cached score of the release's images given one of the image's own captions, with its scorer
    // and that caption's hash. Scores given another text (evaluate-scorer scores an image against the
    // prompt of a preference pair) say how the image fits that prompt, not what it is: left out.
    CURATOR_TRY(SqliteStatement scores,
                database.prepare("SELECT source, name, model, caption_sha256, score FROM score_cache "
                                 "ORDER BY source, name, model, created_at"));
    CURATOR_TRY_STATUS(scores.forEachRow([&](const SqliteStatement& result) {
        const std::string key = releaseImageKey(result.columnText(0), result.columnText(1));
        const auto found = labels.byImage.find(key);
        const auto own = captionHashes.find(key);
        if (found != labels.byImage.end() && own != captionHashes.end() &&
            own->second.count(result.columnText(3)) > 0) {
            found->second.scores.push_back(
                {result.columnText(2), result.columnText(3), result.columnDouble(4)});
            insertSorted(labels.scorers, result.columnText(2));
        }
    }));
    return labels;
}

} // namespace curator
