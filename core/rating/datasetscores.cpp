#include "rating/datasetscores.h"

#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include <unordered_map>

namespace curator {

namespace {

std::string imageKey(const std::string& source, const std::string& name) {
    std::string key = source;
    key += '\0';
    key += name;
    return key;
}

struct CachedScore {
    std::string captionHash;
    double score = 0;
};

// Every cached score of one scorer, by image: one query over the table, not one per image.
Result<std::unordered_map<std::string, std::vector<CachedScore>>> cachedScores(SqliteDatabase& database,
                                                                               const std::string& model) {
    auto statement = database.prepare("SELECT source, name, caption_sha256, score FROM score_cache WHERE "
                                      "model = ?1 ORDER BY created_at DESC");
    if (!statement) {
        return statement.takeError();
    }
    statement->bindText(1, model);
    std::unordered_map<std::string, std::vector<CachedScore>> scores;
    while (true) {
        auto row = statement->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        scores[imageKey(statement->columnText(0), statement->columnText(1))].push_back(
            {statement->columnText(2), statement->columnDouble(3)});
    }
    return scores;
}

Result<std::unordered_map<std::string, std::string>> cachedCaptions(SqliteDatabase& database,
                                                                    const std::string& model) {
    std::unordered_map<std::string, std::string> captions;
    if (model.empty()) {
        return captions;
    }
    auto statement = database.prepare("SELECT source, name, caption FROM caption_cache WHERE model = ?1");
    if (!statement) {
        return statement.takeError();
    }
    statement->bindText(1, model);
    while (true) {
        auto row = statement->step();
        if (!row) {
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        captions.emplace(imageKey(statement->columnText(0), statement->columnText(1)),
                         statement->columnText(2));
    }
    return captions;
}

} // namespace

std::vector<double> DatasetScores::values() const {
    std::vector<double> result;
    result.reserve(scored.size());
    for (const auto& entry : scored) {
        result.push_back(entry.score);
    }
    return result;
}

Result<DatasetScores> datasetScores(CurationLog& log, const std::string& branch,
                                    const std::string& scorerModel, const std::string& captionerModel) {
    if (scorerModel.empty()) {
        return makeError("dataset scores: no scorer model named");
    }
    // One snapshot: the dataset and the caches as of one moment, while a rating run may be writing.
    SqliteReadTransaction snapshot(log.database());
    if (!snapshot.began()) {
        return makeError(snapshot.began().error());
    }
    DatasetScores result;
    result.scorer = scorerModel;
    result.captioner = captionerModel;
    if (branch.empty()) {
        auto checkedOut = log.checkedOutBranch();
        if (!checkedOut) {
            return checkedOut.takeError();
        }
        result.branch = *checkedOut;
    } else {
        result.branch = branch;
    }
    auto images = log.datasetImages(result.branch);
    if (!images) {
        return images.takeError();
    }
    auto scores = cachedScores(log.database(), scorerModel);
    if (!scores) {
        return scores.takeError();
    }
    auto captions = cachedCaptions(log.database(), captionerModel);
    if (!captions) {
        return captions.takeError();
    }
    result.datasetImages = images->size();
    for (const CatalogImage& image : *images) {
        const std::string key = imageKey(image.source, image.name);
        const auto found = scores->find(key);
        const CachedScore* match = nullptr;
        if (found != scores->end()) {
            if (captionerModel.empty()) {
                match = &found->second.front(); // the newest
            } else {
                // The caption aestheticsRate would score: the captioner's cached one, else the sidecar's.
                const auto cachedCaption = captions->find(key);
                const std::string& caption =
                    cachedCaption != captions->end() ? cachedCaption->second : image.caption;
                if (!caption.empty()) {
                    const std::string hash = Sha256::hashHex(caption);
                    for (const CachedScore& candidate : found->second) {
                        if (candidate.captionHash == hash) {
                            match = &candidate;
                            break;
                        }
                    }
                }
            }
        }
        if (match) {
            result.scored.push_back({image.source, image.name, match->score});
        } else {
            result.unscored.push_back({image.source, image.name, image.path, image.caption});
        }
    }
    return result;
}

} // namespace curator
