#include "dataset/preferencepairs.h"

#include "dataset/commitlabels.h"
#include "dataset/curationlog_internal.h"
#include "dataset/releaselabels.h"
#include "store/embeddingstore.h"
#include "taxonomy/taxonomy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>

namespace curator {

using ordered_json = nlohmann::ordered_json;

namespace {

// Nearest clean images kept per chosen image; one that finds them all used rescans every clean image.
constexpr size_t kNearestKept = 64;

// Fisher-Yates with the engine's raw output, so a seed gives the same order on every standard library
// (std::shuffle and the distributions are implementation-defined).
template <typename T>
void seededShuffle(std::vector<T>& values, std::mt19937_64& random) {
    for (size_t i = values.size(); i > 1; --i) {
        std::swap(values[i - 1], values[random() % i]);
    }
}

struct DatasetImage {
    CatalogImage image;
    std::vector<std::string> antiAttributes;
    std::vector<size_t> commits; // into ReleaseLabels::commits
    bool clean = false;
    std::optional<EmbeddedRow> row;
};

// The dataset with its labels and rows, as of one moment.
struct PairInput {
    std::vector<DatasetImage> images;
    std::vector<CardCommit> commits;
};

Result<PairInput> readDataset(CurationLog& log, const Taxonomy& taxonomy, const std::set<std::string>& anti,
                              PreferencePairSet& set, const std::string& branchName) {
    SqliteReadTransaction snapshot(log.database());
    CURATOR_TRY_STATUS(snapshot.began());
    CURATOR_TRY(set.branch, curationdetail::resolveBranch(log.database(), branchName));
    CURATOR_TRY(const HistoryGraph graph, curationdetail::loadHistory(log.database()));
    const HistoryBranch* branch = graph.branch(set.branch);
    if (!branch) {
        return makeError("unknown branch '" + set.branch + "'");
    }
    CURATOR_TRY(const std::vector<CatalogImage> images, log.datasetImages(set.branch));
    CURATOR_TRY(const ReleaseLabels labels, gatherReleaseLabels(log, graph, branch->head, images, taxonomy));
    PairInput input;
    input.commits = labels.commits;
    for (const CatalogImage& image : images) {
        const auto found = labels.byImage.find(releaseImageKey(image.source, image.name));
        const ReleaseImageLabels none;
        const ReleaseImageLabels& said = found == labels.byImage.end() ? none : found->second;
        DatasetImage entry;
        entry.image = image;
        entry.commits = said.commits;
        for (const std::string& name : labels.attributes(said)) {
            if (anti.count(name) > 0) {
                entry.antiAttributes.push_back(name);
            }
        }
        const std::string direction = labels.direction(said);
        entry.clean = entry.antiAttributes.empty() && direction != "anti" && direction != "mixed";
        input.images.push_back(std::move(entry));
    }
    return input;
}

Status findRows(const EmbeddingStore& store, const std::string& model, PairInput& input,
                std::vector<const EmbeddingMatrix*>& segments, std::string& modelName) {
    CURATOR_TRY(segments, store.select(model, {}));
    modelName = segments.empty() ? model : segments.front()->model();
    std::map<std::string, uint32_t> segmentOfSource;
    for (size_t s = 0; s < segments.size(); ++s) {
        segmentOfSource.emplace(segments[s]->source(), uint32_t(s));
    }
    for (DatasetImage& entry : input.images) {
        const auto segment = segmentOfSource.find(entry.image.source);
        if (segment == segmentOfSource.end()) {
            continue;
        }
        if (const auto row = segments[segment->second]->findRow(entry.image.name)) {
            entry.row = EmbeddedRow{segment->second, uint32_t(*row)};
        }
    }
    return {};
}

PairImage pairImage(const CatalogImage& image) {
    return {image.source, image.name, releaseImageFile(image.source, image.name), image.path};
}

double rounded(float cosine) {
    return std::round(double(cosine) * 1e6) / 1e6;
}

std::string promptSourceName(PairPromptSource source) {
    return source == PairPromptSource::Query ? "query" : "description";
}

} // namespace

Result<PreferencePairSet> preferencePairs(CurationLog& log, const EmbeddingStore& store,
                                          const Taxonomy& taxonomy, const PreferencePairOptions& options) {
    if (options.rejectedUses == 0) {
        return makeError("rejected uses: each clean image must be allowed at least 1 pair, got 0");
    }
    PreferencePairSet set;
    set.seed = options.seed;
    set.perAttribute = options.perAttribute;
    set.rejectedUses = options.rejectedUses;
    set.promptSource = promptSourceName(options.promptSource);
    std::set<std::string> anti;
    std::vector<const TaxonomyAttribute*> antiAttributes;
    for (const TaxonomyAttribute* attribute : taxonomy.attributes()) {
        if (groupDirection(attribute->group) == AestheticDirection::Anti) {
            anti.insert(attribute->name);
            antiAttributes.push_back(attribute);
            set.attributes.push_back({attribute->category, attribute->name, 0, 0, 0, 0, 0});
        }
    }
    if (antiAttributes.empty()) {
        return makeError(
            "taxonomy: no anti-aesthetic attribute (no group whose name says 'anti'), so there is "
            "nothing to pair");
    }
    CURATOR_TRY(PairInput input, readDataset(log, taxonomy, anti, set, options.branch));
    set.datasetImages = input.images.size();
    if (input.images.empty()) {
        return makeError("the dataset of branch '" + set.branch + "' is empty: commit images first");
    }
    std::vector<const EmbeddingMatrix*> segments;
    CURATOR_TRY_STATUS(findRows(store, options.model, input, segments, set.model));

    // The chosen images of each attribute (embedded, capped by a seeded sample) and the clean candidates.
    std::mt19937_64 random(options.seed);
    std::vector<std::vector<size_t>> chosenOf(antiAttributes.size());
    std::vector<size_t> clean;
    bool labelled = false;
    for (size_t i = 0; i < input.images.size(); ++i) {
        const DatasetImage& entry = input.images[i];
        if (entry.clean && entry.row) {
            clean.push_back(i);
        }
        for (size_t a = 0; a < antiAttributes.size(); ++a) {
            const auto& names = entry.antiAttributes;
            if (std::find(names.begin(), names.end(), antiAttributes[a]->name) == names.end()) {
                continue;
            }
            labelled = true;
            ++set.attributes[a].images;
            if (entry.row) {
                chosenOf[a].push_back(i);
            } else {
                ++set.attributes[a].notEmbedded;
            }
        }
    }
    if (!labelled) {
        return makeError("no image of the dataset of branch '" + set.branch +
                         "' is labelled with an anti-aesthetic attribute of the taxonomy (commit with --tag "
                         "ATTRIBUTE, e.g. --tag motion_blur)");
    }
    set.cleanImages = clean.size();
    if (clean.empty()) {
        return makeError("no clean image in the dataset of branch '" + set.branch +
                         "' (one with no anti-aesthetic attribute, direction pro or unknown) to reject");
    }
    for (size_t a = 0; a < antiAttributes.size(); ++a) {
        seededShuffle(chosenOf[a], random); // the order the clean images are handed out in
        if (options.perAttribute > 0 && chosenOf[a].size() > options.perAttribute) {
            set.attributes[a].capped = chosenOf[a].size() - options.perAttribute;
            chosenOf[a].resize(options.perAttribute);
        }
    }

    // The nearest clean images of every chosen image, in one scan.
    std::vector<size_t> queryImages;
    for (const auto& chosen : chosenOf) {
        queryImages.insert(queryImages.end(), chosen.begin(), chosen.end());
    }
    std::sort(queryImages.begin(), queryImages.end());
    queryImages.erase(std::unique(queryImages.begin(), queryImages.end()), queryImages.end());
    std::vector<EmbeddedRow> queries, candidates;
    for (size_t i : queryImages) {
        queries.push_back(*input.images[i].row);
    }
    for (size_t i : clean) {
        candidates.push_back(*input.images[i].row);
    }
    CURATOR_TRY(const auto nearest, nearestRows(segments, queries, candidates, kNearestKept, options.threads,
                                                options.cancel, options.progress));
    const auto queryOf = [&](size_t image) {
        return size_t(std::lower_bound(queryImages.begin(), queryImages.end(), image) - queryImages.begin());
    };

    for (size_t a = 0; a < antiAttributes.size(); ++a) {
        const TaxonomyAttribute& attribute = *antiAttributes[a];
        std::vector<size_t> uses(clean.size(), 0);
        std::vector<PreferencePair> pairs;
        for (size_t i : chosenOf[a]) {
            const size_t q = queryOf(i);
            const auto pick = [&](const std::vector<NearRow>& rows) -> const NearRow* {
                for (const NearRow& row : rows) {
                    if (uses[row.index] < options.rejectedUses) {
                        return &row;
                    }
                }
                return nullptr;
            };
            const NearRow* taken = pick(nearest[q]);
            std::vector<std::vector<NearRow>> all;
            if (!taken && nearest[q].size() < clean.size()) {
                CURATOR_TRY(all,
                            nearestRows(segments, {queries[q]}, candidates, clean.size(), 1, options.cancel));
                taken = pick(all.front());
            }
            if (!taken) {
                ++set.attributes[a].unmatched;
                continue;
            }
            ++uses[taken->index];
            PreferencePair pair;
            pair.attribute = attribute.name;
            pair.prompt = attribute.description;
            pair.promptFrom = "description";
            if (options.promptSource == PairPromptSource::Query) {
                std::vector<size_t>
                    asking; // commits holding the image, naming the attribute, with a text query
                for (size_t c : input.images[i].commits) {
                    const CardCommit& commit = input.commits[c];
                    if (!commit.query.empty() && std::find(commit.attributes.begin(), commit.attributes.end(),
                                                           attribute.name) != commit.attributes.end()) {
                        asking.push_back(c);
                    }
                }
                if (!asking.empty()) {
                    const CardCommit& commit = input.commits[asking[random() % asking.size()]];
                    pair.prompt = commit.query;
                    pair.promptFrom = "query:" + commit.id;
                }
            }
            pair.chosen = pairImage(input.images[i].image);
            pair.rejected = pairImage(input.images[clean[taken->index]].image);
            pair.cosine = taken->similarity;
            pairs.push_back(std::move(pair));
        }
        std::sort(pairs.begin(), pairs.end(), [](const PreferencePair& x, const PreferencePair& y) {
            return x.chosen.source != y.chosen.source ? x.chosen.source < y.chosen.source
                                                      : x.chosen.id < y.chosen.id;
        });
        set.attributes[a].pairs = pairs.size();
        for (PreferencePair& pair : pairs) {
            set.pairs.push_back(std::move(pair));
        }
    }
    return set;
}

std::string preferencePairsToJsonl(const PreferencePairSet& set) {
    std::string text;
    const auto side = [](const PairImage& image) {
        return ordered_json{{"source", image.source}, {"id", image.id}, {"file_name", image.fileName}};
    };
    for (const PreferencePair& pair : set.pairs) {
        const ordered_json line = {{"attribute", pair.attribute},    {"direction", "anti"},
                                   {"prompt", pair.prompt},          {"prompt_from", pair.promptFrom},
                                   {"chosen", side(pair.chosen)},    {"rejected", side(pair.rejected)},
                                   {"cosine", rounded(pair.cosine)}, {"seed", set.seed}};
        text += curationdetail::dumpJson(line, -1, false) + "\n";
    }
    return text;
}

std::string preferencePairsSummaryJson(const PreferencePairSet& set, const std::string& file) {
    ordered_json attributes = ordered_json::array();
    for (const PairAttributeCount& count : set.attributes) {
        attributes.push_back({{"name", count.name},
                              {"category", count.category},
                              {"images", count.images},
                              {"not_embedded", count.notEmbedded},
                              {"capped", count.capped},
                              {"unmatched", count.unmatched},
                              {"pairs", count.pairs}});
    }
    const ordered_json object = {
        {"pairs",
         {{"file", file},
          {"branch", set.branch},
          {"model", set.model},
          {"seed", set.seed},
          {"per_attribute", set.perAttribute},
          {"rejected_uses", set.rejectedUses},
          {"prompt_source", set.promptSource},
          {"dataset_images", set.datasetImages},
          {"clean_images", set.cleanImages},
          {"pairs_count", set.pairs.size()},
          {"rule", "chosen: an image labelled with the anti-aesthetic attribute; rejected: its nearest clean "
                   "image (no anti-aesthetic attribute, direction pro or unknown) by embedding cosine, each "
                   "clean image at most rejected_uses times per attribute"},
          {"attributes", attributes}}}};
    return curationdetail::dumpJson(object, 2, false);
}

std::string formatPreferencePairs(const PreferencePairSet& set, const std::string& file) {
    std::string text = std::to_string(set.pairs.size()) + " preference pairs of '" + set.branch + "'" +
                       (file.empty() ? "" : " written to " + file) + " (model " + set.model + ", seed " +
                       std::to_string(set.seed) + ", prompts from the " + set.promptSource + ")\n";
    text += "  dataset: " + std::to_string(set.datasetImages) + " images, " +
            std::to_string(set.cleanImages) + " clean ones to reject; each rejected at most " +
            std::to_string(set.rejectedUses) + (set.rejectedUses == 1 ? " time" : " times") +
            " per attribute" +
            (set.perAttribute > 0 ? "; at most " + std::to_string(set.perAttribute) + " pairs per attribute"
                                  : std::string()) +
            "\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-30s %7s %6s %9s %7s %9s\n", "attribute", "images", "pairs",
                  "no row", "capped", "unmatched");
    text += line;
    for (const PairAttributeCount& count : set.attributes) {
        if (count.images == 0) {
            continue;
        }
        std::snprintf(line, sizeof line, "  %-30s %7zu %6zu %9zu %7zu %9zu\n", count.name.c_str(),
                      count.images, count.pairs, count.notEmbedded, count.capped, count.unmatched);
        text += line;
    }
    const size_t empty = size_t(std::count_if(set.attributes.begin(), set.attributes.end(),
                                              [](const PairAttributeCount& c) { return c.images == 0; }));
    text += "  " + std::to_string(empty) + " of " + std::to_string(set.attributes.size()) +
            " anti-aesthetic attributes have no image in the dataset\n";
    return text;
}

} // namespace curator
