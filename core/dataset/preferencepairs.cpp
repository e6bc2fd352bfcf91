#include "dataset/preferencepairs.h"

#include "dataset/commitlabels.h"
#include "dataset/curationlog_internal.h"
#include "dataset/releaselabels.h"
#include "store/embeddingstore.h"
#include "taxonomy/taxonomy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <utility>

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

// The prompt of a pair and where it came from: the description, or (query) the text query of a seeded
// choice among the image's commits that name the attribute.
std::pair<std::string, std::string> pairPrompt(const TaxonomyAttribute& attribute, const DatasetImage& image,
                                               const std::vector<CardCommit>& commits,
                                               PairPromptSource source, std::mt19937_64& random) {
    std::vector<const CardCommit*> asking;
    for (size_t c : source == PairPromptSource::Query ? image.commits : std::vector<size_t>{}) {
        const CardCommit& commit = commits[c];
        const auto& names = commit.attributes;
        if (!commit.query.empty() && std::find(names.begin(), names.end(), attribute.name) != names.end()) {
            asking.push_back(&commit);
        }
    }
    if (asking.empty()) {
        return {attribute.description, "description"};
    }
    const CardCommit& commit = *asking[random() % asking.size()];
    return {commit.query, "query:" + commit.id};
}

// Hands each chosen image its nearest clean image still under the use limit of the current attribute.
// The nearest kNearestKept of every chosen image come from one scan; one that finds those used up
// rescans every clean image, unless all of them are used up.
class RejectedMatcher {
public:
    static Result<RejectedMatcher> scan(const std::vector<const EmbeddingMatrix*>& segments,
                                        const PairInput& input,
                                        const std::vector<std::vector<size_t>>& chosenOf,
                                        const std::vector<size_t>& clean,
                                        const PreferencePairOptions& options) {
        RejectedMatcher matcher(segments, options);
        for (const auto& chosen : chosenOf) {
            matcher.m_chosen.insert(matcher.m_chosen.end(), chosen.begin(), chosen.end());
        }
        std::sort(matcher.m_chosen.begin(), matcher.m_chosen.end());
        matcher.m_chosen.erase(std::unique(matcher.m_chosen.begin(), matcher.m_chosen.end()),
                               matcher.m_chosen.end());
        for (size_t i : matcher.m_chosen) {
            matcher.m_queries.push_back(*input.images[i].row);
        }
        for (size_t i : clean) {
            matcher.m_candidates.push_back(*input.images[i].row);
        }
        CURATOR_TRY(matcher.m_nearest,
                    nearestRows(segments, matcher.m_queries, matcher.m_candidates, kNearestKept,
                                options.threads, options.cancel, options.progress));
        return matcher;
    }

    void startAttribute() {
        m_uses.assign(m_candidates.size(), 0);
        m_full = 0;
    }

    // For the dataset image `image` (one of the chosen): its clean image, or none left.
    Result<std::optional<NearRow>> match(size_t image) {
        if (m_full == m_candidates.size()) {
            return std::optional<NearRow>();
        }
        const size_t q = size_t(std::lower_bound(m_chosen.begin(), m_chosen.end(), image) - m_chosen.begin());
        std::optional<NearRow> taken = pick(m_nearest[q]);
        if (!taken && m_nearest[q].size() < m_candidates.size()) {
            CURATOR_TRY(const auto all, nearestRows(m_segments, {m_queries[q]}, m_candidates,
                                                    m_candidates.size(), 1, m_options.cancel));
            taken = pick(all.front());
        }
        if (taken) {
            m_full += ++m_uses[taken->index] == m_options.rejectedUses ? 1 : 0;
        }
        return taken;
    }

private:
    RejectedMatcher(const std::vector<const EmbeddingMatrix*>& segments, const PreferencePairOptions& options)
        : m_segments(segments)
        , m_options(options) {}

    std::optional<NearRow> pick(const std::vector<NearRow>& rows) const {
        for (const NearRow& row : rows) {
            if (m_uses[row.index] < m_options.rejectedUses) {
                return row;
            }
        }
        return std::nullopt;
    }

    const std::vector<const EmbeddingMatrix*>& m_segments;
    const PreferencePairOptions& m_options;
    std::vector<size_t> m_chosen; // dataset images, sorted: the queries' order
    std::vector<EmbeddedRow> m_queries, m_candidates;
    std::vector<std::vector<NearRow>> m_nearest;
    std::vector<size_t> m_uses;
    size_t m_full = 0; // clean images used rejectedUses times
};

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

    if (options.countsOnly) {
        for (size_t a = 0; a < antiAttributes.size(); ++a) {
            const size_t capacity = options.rejectedUses > SIZE_MAX / clean.size()
                                        ? SIZE_MAX
                                        : clean.size() * options.rejectedUses;
            set.attributes[a].pairs = std::min(chosenOf[a].size(), capacity);
            set.attributes[a].unmatched = chosenOf[a].size() - set.attributes[a].pairs;
        }
        return set;
    }
    CURATOR_TRY(RejectedMatcher matcher, RejectedMatcher::scan(segments, input, chosenOf, clean, options));
    for (size_t a = 0; a < antiAttributes.size(); ++a) {
        const TaxonomyAttribute& attribute = *antiAttributes[a];
        matcher.startAttribute();
        std::vector<PreferencePair> pairs;
        for (size_t i : chosenOf[a]) {
            CURATOR_TRY(const std::optional<NearRow> taken, matcher.match(i));
            if (!taken) {
                ++set.attributes[a].unmatched;
                continue;
            }
            PreferencePair pair;
            pair.attribute = attribute.name;
            std::tie(pair.prompt, pair.promptFrom) =
                pairPrompt(attribute, input.images[i], input.commits, options.promptSource, random);
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
