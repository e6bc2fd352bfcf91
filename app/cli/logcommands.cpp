// The curation log's commands: commit, undo, status, log, sample-committed, branch, export, import,
// dedup, balance.
#include "commands.h"
#include "queryinput.h"

#include "common/fileutil.h"
#include "common/utf8text.h"
#include "curation/querybatch.h"
#include "dataset/balancereport.h"
#include "dataset/curationlog.h"
#include "dataset/nearduplicates.h"
#include "dataset/querycommit.h"
#include "dataset/reviewmarks.h"
#include "rating/aestheticsrate.h"
#include "rating/datasetscores.h"
#include "resources/embeddedresources.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "store/workspacesettings.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

namespace curator::cli {

using nlohmann::json;

namespace {

constexpr int kSuccess = 0;

Result<CurationLog> openLog(const GlobalOptions& global) {
    return CurationLog::open(global.workspace);
}

void printJsonObject(const json& object) {
    std::cout << dumpJsonSafely(object, 2) << '\n'; // stored names may hold any bytes
}

} // namespace

int commit(const GlobalOptions& global, const CommitOptions& options) {
    auto session = openSession(global, options.query);
    if (!session) {
        return fail(session.error());
    }
    auto prepared = prepareQuery(**session, options.query);
    if (!prepared) {
        return fail(prepared.error());
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    CommitDetails details;
    details.threshold = options.threshold;
    details.message = options.message;
    details.author = options.author;
    details.tags = options.tags;
    details.excludeNearDuplicates = options.excludeNearDuplicates;
    auto committed = (*session)->commit(*log, *prepared, details);
    if (!committed) {
        return fail(committed.error());
    }
    const CommitOutcome* outcome = &committed->commit;
    if (global.json) {
        printJsonObject(
            {{"commit",
              {{"id", outcome->id},
               {"short_id", shortId(outcome->id)},
               {"branch", outcome->branch},
               {"parent", outcome->parent},
               {"selected", outcome->selected},
               {"added", outcome->added},
               {"masked", committed->masked},
               {"near_duplicates_excluded", committed->nearDuplicatesExcluded},
               {"exclude_near_duplicates",
                options.excludeNearDuplicates != 0 ? json(options.excludeNearDuplicates) : json()},
               {"threshold", options.threshold},
               {"negative_threshold", options.query.negativeThreshold},
               {"embedding_model", committed->embeddingModel}}}});
    } else {
        std::printf(
            "committed %s on '%s': %zu images selected, %zu new to the dataset (%zu masked by negatives)\n",
            shortId(outcome->id).c_str(), outcome->branch.c_str(), outcome->selected, outcome->added,
            committed->masked);
        if (options.excludeNearDuplicates != 0) {
            std::printf("  %zu near-duplicates of the dataset left out (cosine >= %.3f)\n",
                        committed->nearDuplicatesExcluded, options.excludeNearDuplicates);
        }
    }
    return kSuccess;
}

int undo(const GlobalOptions& global, const std::string& commitId,
         const std::vector<std::string>& imageNames) {
    std::vector<ImageRef> images;
    for (const std::string& text : imageNames) {
        const std::optional<ImageRef> image = parseImageRef(text);
        if (!image) {
            return fail("undo --image: '" + text + "' is not an image: expected SOURCE/ID");
        }
        images.push_back(*image);
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    auto outcome = images.empty() ? log->undoCommit(commitId) : log->removeImages(commitId, images);
    if (!outcome) {
        return fail(outcome.error());
    }
    if (global.json) {
        printJsonObject({{"revert",
                          {{"id", outcome->id},
                           {"target", outcome->target},
                           {"branch", outcome->branch},
                           {"redo", outcome->redo},
                           {"removed", outcome->removed},
                           {"affected", outcome->affected}}}});
    } else if (outcome->removed > 0) {
        std::printf("removed %zu image(s) from %s with %s on '%s': %zu left the dataset (undo %s puts them "
                    "back)\n",
                    outcome->removed, shortId(outcome->target).c_str(), shortId(outcome->id).c_str(),
                    outcome->branch.c_str(), outcome->affected, shortId(outcome->id).c_str());
    } else {
        std::printf("%s %s with %s on '%s': %zu images %s the dataset\n",
                    outcome->redo ? "redid" : "reverted", shortId(outcome->target).c_str(),
                    shortId(outcome->id).c_str(), outcome->branch.c_str(), outcome->affected,
                    outcome->redo ? "re-entered" : "left");
    }
    return kSuccess;
}

int status(const GlobalOptions& global, double nearDuplicates) {
    if (nearDuplicates != 0) {
        const Status valid = checkNearDuplicateThreshold(nearDuplicates, "status --near-duplicates");
        if (!valid) {
            return fail(valid.error());
        }
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    auto report = log->status();
    if (!report) {
        return fail(report.error());
    }
    // The near-duplicates are asked for: they need every embedding of the dataset (docs/dataset-quality.md).
    std::optional<NearDuplicateReport> duplicates;
    if (nearDuplicates != 0) {
        auto store = EmbeddingStore::open(global.workspace);
        if (!store) {
            return fail(store.error());
        }
        NearDuplicateOptions request;
        request.threshold = nearDuplicates;
        auto found = findNearDuplicates(*log, *store, request);
        if (!found) {
            return fail(found.error());
        }
        duplicates = std::move(*found);
    }
    if (global.json) {
        json object = json::parse(statusToJson(*report));
        if (duplicates) {
            object["near_duplicates"] = {{"threshold", duplicates->threshold},
                                         {"groups", duplicates->groups.size()},
                                         {"images_in_groups", duplicates->imagesInGroups},
                                         {"removable", duplicates->removable}};
        }
        printJsonObject(object);
    } else {
        std::fputs(formatStatus(*report).c_str(), stdout);
        if (duplicates) {
            std::printf("Near-duplicates (cosine >= %.3f): %zu images in %zu groups; keeping one per group "
                        "would drop %zu\n",
                        duplicates->threshold, duplicates->imagesInGroups, duplicates->groups.size(),
                        duplicates->removable);
        }
    }
    return kSuccess;
}

int log(const GlobalOptions& global) {
    auto curationLog = openLog(global);
    if (!curationLog) {
        return fail(curationLog.error());
    }
    auto graph = curationLog->log();
    if (!graph) {
        return fail(graph.error());
    }
    if (global.json) {
        printJson(graphToJson(*graph));
        return kSuccess;
    }
    for (auto it = graph->commits.rbegin(); it != graph->commits.rend(); ++it) {
        const CommitInfo& info = it->info;
        std::string heads;
        for (const auto& branch : graph->branches) {
            if (branch.head == info.id) {
                heads += (heads.empty() ? " (" : ", ") + branch.name;
            }
        }
        if (!heads.empty()) {
            heads += ")";
        }
        std::string what = info.message;
        if (what.empty()) {
            what = std::string(commitKindName(info.kind)) + " " +
                   shortId(info.kind == CommitKind::Revert ? info.target : info.secondParent);
        }
        std::printf("%s %s%s [%s, %zu images, %s] %s%s\n", info.kind == CommitKind::Merge ? "M" : "*",
                    shortId(info.id).c_str(), heads.c_str(), info.branch.c_str(), info.size,
                    info.author.c_str(), what.c_str(), it->undone ? "  (undone)" : "");
    }
    return kSuccess;
}

int sampleCommitted(const GlobalOptions& global, const SampleCommittedOptions& options) {
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    const uint64_t seed = options.seed.value_or(randomSeed());
    auto sample = log->sampleFromCommitted(options.commit, options.count, seed);
    if (!sample) {
        return fail(sample.error());
    }
    if (global.json) {
        json results = json::array();
        for (const auto& image : *sample) {
            results.push_back({{"id", image.name},
                               {"source", image.source},
                               {"path", image.path},
                               {"caption", image.caption}});
        }
        printJsonObject({{"results", results}, {"seed", seed}, {"commit", options.commit}});
        return kSuccess;
    }
    std::printf("%zu images sampled from %s (seed %llu)\n", sample->size(),
                options.commit.empty() ? "the dataset" : ("commit " + options.commit).c_str(),
                static_cast<unsigned long long>(seed));
    for (const auto& image : *sample) {
        std::printf("  %-10s %s  %s\n", image.source.c_str(), image.name.c_str(), image.caption.c_str());
    }
    return kSuccess;
}

int branch(const GlobalOptions& global, const BranchOptions& options) {
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    const std::string& name = options.name;
    if (options.action != "list" && name.empty()) {
        return fail("branch " + options.action + " needs a branch name");
    }
    if (options.action == "list") {
        auto branches = log->listBranches();
        if (!branches) {
            return fail(branches.error());
        }
        if (global.json) {
            json list = json::array();
            for (const auto& info : *branches) {
                list.push_back({{"name", info.name},
                                {"head", info.head},
                                {"base", info.base},
                                {"state", branchStateName(info.state)},
                                {"live_commits", info.liveCommits},
                                {"checked_out", info.checkedOut}});
            }
            printJsonObject({{"branches", list}});
        } else {
            for (const auto& info : *branches) {
                std::printf("%s %-24s %-9s head %s, %zu live commits\n", info.checkedOut ? "*" : " ",
                            info.name.c_str(), branchStateName(info.state),
                            info.head.empty() ? "(none)" : shortId(info.head).c_str(), info.liveCommits);
            }
        }
        return kSuccess;
    }
    if (options.action == "merge") {
        auto outcome = log->mergeBranch(name);
        if (!outcome) {
            return fail(outcome.error());
        }
        if (global.json) {
            printJsonObject({{"merge",
                              {{"id", outcome->id},
                               {"branch", outcome->branch},
                               {"merged", name},
                               {"added", outcome->added}}}});
        } else {
            std::printf("merged '%s' into '%s' as %s: %zu images new to the dataset\n", name.c_str(),
                        outcome->branch.c_str(), shortId(outcome->id).c_str(), outcome->added);
        }
        return kSuccess;
    }
    Status done = makeError("unknown branch action '" + options.action + "'");
    if (options.action == "create") {
        done = log->createBranch(name);
    } else if (options.action == "checkout") {
        done = log->checkout(name);
    } else if (options.action == "discard") {
        done = log->discardBranch(name);
    }
    if (!done) {
        return fail(done.error());
    }
    if (global.json) {
        printJsonObject({{"branch", name}, {"action", options.action}});
    } else {
        std::printf("%s branch '%s'\n",
                    options.action == "create"     ? "created"
                    : options.action == "checkout" ? "checked out"
                                                   : "discarded",
                    name.c_str());
    }
    return kSuccess;
}

int exportDataset(const GlobalOptions& global, const ExportOptions& options) {
    if (options.out.empty() == options.release.empty()) {
        return fail("export needs exactly one of --out FILE or --release TAG");
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    if (!options.release.empty()) {
        ReleaseExclusions exclusions;
        if (options.excludeNearDuplicates != 0) {
            const Status valid = checkNearDuplicateThreshold(options.excludeNearDuplicates,
                                                             "export --exclude-near-duplicates");
            if (!valid) {
                return fail(valid.error());
            }
            auto store = EmbeddingStore::open(global.workspace);
            if (!store) {
                return fail(store.error());
            }
            auto found = nearDuplicateExclusions(*log, *store, options.excludeNearDuplicates);
            if (!found) {
                return fail(found.error());
            }
            exclusions = std::move(*found);
        }
        auto report = log->exportRelease(options.release, options.copyImages, exclusions);
        if (!report) {
            return fail(report.error());
        }
        if (global.json) {
            printJsonObject({{"release",
                              {{"tag", options.release},
                               {"directory", report->directory},
                               {"head", report->headCommit},
                               {"images", report->images},
                               {"images_hashed", report->imagesHashed},
                               {"images_missing", report->imagesMissing},
                               {"images_copied", report->imagesCopied},
                               {"images_refused", report->imagesRefused},
                               {"images_scored", report->imagesScored},
                               {"near_duplicates_excluded", report->imagesExcluded},
                               {"by_direction", report->imagesByDirection},
                               {"card", report->card}}}});
        } else {
            std::printf("released '%s' in %s: %zu images (head %s; %zu image files hashed, %zu missing, %zu "
                        "copied, %zu refused)\n",
                        options.release.c_str(), report->directory.c_str(), report->images,
                        shortId(report->headCommit).c_str(), report->imagesHashed, report->imagesMissing,
                        report->imagesCopied, report->imagesRefused);
            std::string directions;
            for (const auto& [direction, count] : report->imagesByDirection) {
                directions += (directions.empty() ? "" : ", ") + std::to_string(count) + " " + direction;
            }
            std::printf("directions: %s; %zu images scored; card %s\n",
                        directions.empty() ? "none" : directions.c_str(), report->imagesScored,
                        report->card.c_str());
            if (options.excludeNearDuplicates != 0) {
                std::printf(
                    "near-duplicates left out: %zu images (cosine >= %.3f; listed in manifest.json)\n",
                    report->imagesExcluded, options.excludeNearDuplicates);
            }
        }
        if (report->imagesRefused > 0) {
            std::cerr << "warning: " << report->imagesRefused << " image files were refused, "
                      << kNotUnderImageRoot << " (e.g. " << report->refusedSample.front()
                      << "); register a folder with `curator-cli roots add DIR`\n";
        }
        return kSuccess;
    }
    Status written = makeError("export format must be 'curator' or 'original'");
    if (options.format == "original") {
        written = log->exportOriginal(options.out);
    } else if (options.format == "curator") {
        written = log->exportDataset(options.out);
    }
    if (!written) {
        return fail(written.error());
    }
    if (global.json) {
        printJsonObject({{"exported", options.out}, {"format", options.format}});
    } else {
        std::printf("wrote %s (%s format)\n", options.out.c_str(), options.format.c_str());
    }
    return kSuccess;
}

int importDataset(const GlobalOptions& global, const std::string& file) {
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    auto report = log->importDataset(file);
    if (!report) {
        return fail(report.error());
    }
    if (global.json) {
        printJson(importReportToJson(*report));
        return kSuccess;
    }
    std::printf(
        "imported %zu commits (%s format): %zu image entries, %zu distinct images, %zu not yet in the "
        "catalog\n",
        report->imported, report->format.c_str(), report->entries, report->distinctImages,
        report->unknownImages);
    for (const auto& name : report->unknownSample) {
        std::printf("  unknown: %s\n", name.c_str());
    }
    return kSuccess;
}

namespace {

// Paths and captions of rows, from each matrix's rows.jsonl (read once per source).
} // namespace

namespace {

// The images of the query, its similarity band or the ids file.
Result<std::vector<RateItem>> queryRateItems(const GlobalOptions& global, const RateOptions& options) {
    auto session = openSession(global, options.query);
    if (!session) {
        return makeError(session.error());
    }
    auto store = (*session)->store();
    if (!store) {
        return makeError(store.error());
    }
    std::vector<RateItem> items;
    if (!options.idsFile.empty()) {
        Result<std::string> listed = readWholeFile(options.idsFile);
        if (!listed) {
            return makeError(listed.error());
        }
        std::istringstream in(*listed);
        size_t number = 0;
        for (std::string line; std::getline(in, line);) {
            ++number;
            if (line.empty()) {
                continue;
            }
            std::string source;
            std::string id = line;
            const size_t slash = line.find('/');
            if (slash != std::string::npos &&
                (*store)->find(line.substr(0, slash), (*store)->models().front())) {
                source = line.substr(0, slash);
                id = line.substr(slash + 1);
            } else if ((*store)->matrices().size() == 1) {
                source = (*store)->matrices().front()->source();
            } else {
                return makeError(options.idsFile + ":" + std::to_string(number) + ": expected source/id");
            }
            auto image = (*session)->find(source, id);
            if (!image) {
                return makeError(options.idsFile + ":" + std::to_string(number) + ": " + image.error());
            }
            items.push_back({image->source, image->id, image->path, image->caption});
        }
    } else {
        auto prepared = prepareQuery(**session, options.query);
        if (!prepared) {
            return makeError(prepared.error());
        }
        BatchChoice choice;
        choice.size = options.count;
        choice.minimum = options.minimum;
        choice.maximum = options.maximum;
        choice.seed = options.seed.value_or(randomSeed());
        auto batch = queryBatch(**session, *prepared, choice);
        if (!batch) {
            return makeError(batch.error());
        }
        items = rateItems(batch->images);
    }
    return items;
}

} // namespace

int rate(const GlobalOptions& global, const RateOptions& options) {
    auto scorer = workspaceScorer(global);
    if (!scorer) {
        return fail(scorer.error());
    }
    auto captioner = workspaceCaptioner(global);
    if (!captioner) {
        return fail(captioner.error());
    }
    std::vector<RateItem> items;
    if (!options.dataset) {
        auto listed = queryRateItems(global, options);
        if (!listed) {
            return fail(listed.error());
        }
        items = std::move(*listed);
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    // --dataset: what the workstation's "Rate dataset" rates, the dataset's images without a cached score.
    std::optional<DatasetScores> dataset;
    if (options.dataset) {
        auto scores = datasetScores(*log, {}, (*scorer)->modelName(), (*captioner)->modelName());
        if (!scores) {
            return fail("rate --dataset: " + scores.error());
        }
        items = std::move(scores->unscored);
        dataset = std::move(*scores);
    }
    RatingOptions rating;
    rating.bins = options.bins;
    rating.concurrency = options.concurrency;
    rating.scoreBatchSize = options.scoreBatchSize;
    auto report = aestheticsRate(*log, items, **captioner, **scorer, rating);
    if (!report) {
        return fail(report.error());
    }
    const ScoreHistogram& histogram = report->histogram;
    // Every image failing is a failed command (each failure is still listed); some failing is not.
    const bool allFailed = report->rated.empty() && !report->failures.empty();
    auto allFailedError = [&report] {
        return fail("rate: all " + std::to_string(report->failures.size()) +
                    " images failed, none was rated (first: " + report->failures.front().source + "/" +
                    report->failures.front().id + ": " + report->failures.front().message + ")");
    };
    if (global.json) {
        json results = json::array();
        for (const auto& rated : report->rated) {
            results.push_back({{"id", rated.id},
                               {"source", rated.source},
                               {"score", rated.score},
                               {"caption", rated.caption}});
        }
        json failures = json::array();
        for (const auto& failure : report->failures) {
            failures.push_back({{"id", failure.id}, {"source", failure.source}, {"error", failure.message}});
        }
        json object = {{"scorer", report->scorer},
                       {"captioner", report->captioner},
                       {"results", results},
                       {"failures", failures},
                       {"histogram",
                        {{"edges", histogram.edges},
                         {"counts", histogram.counts},
                         {"count", histogram.count},
                         {"mean", histogram.mean},
                         {"std", histogram.standardDeviation},
                         {"min", histogram.minimum},
                         {"max", histogram.maximum},
                         {"p10", histogram.p10},
                         {"p25", histogram.p25},
                         {"median", histogram.median},
                         {"p75", histogram.p75},
                         {"p90", histogram.p90}}},
                       {"cache",
                        {{"captions_cached", report->captionsFromCache},
                         {"captions_sidecar", report->captionsFromSidecar},
                         {"captions_made", report->captionsFromCaptioner},
                         {"scores_cached", report->scoresFromCache}}}};
        if (dataset) {
            object["dataset"] = {{"branch", dataset->branch},
                                 {"images", dataset->datasetImages},
                                 {"scored_before", dataset->scored.size()},
                                 {"rated_now", report->rated.size()},
                                 {"failed", report->failures.size()}};
        }
        printJsonObject(object);
        return allFailed ? allFailedError() : kSuccess;
    }
    if (dataset) {
        std::printf("dataset of '%s': %zu images, %zu already scored by %s, %zu to rate\n",
                    dataset->branch.c_str(), dataset->datasetImages, dataset->scored.size(),
                    dataset->scorer.c_str(), items.size());
    }
    std::printf("rated %zu images with %s (captions: %zu cached, %zu sidecar, %zu made; %zu scores cached)\n",
                report->rated.size(), report->scorer.c_str(), report->captionsFromCache,
                report->captionsFromSidecar, report->captionsFromCaptioner, report->scoresFromCache);
    std::fputs(formatHistogram(histogram).c_str(), stdout);
    for (const auto& rated : report->rated) {
        std::printf("  %6.2f  %-10s %s\n", rated.score, rated.source.c_str(), rated.id.c_str());
    }
    for (const auto& failure : report->failures) {
        std::printf("  failed  %-10s %s: %s\n", failure.source.c_str(), failure.id.c_str(),
                    failure.message.c_str());
    }
    return allFailed ? allFailedError() : kSuccess;
}

int taxonomy(const GlobalOptions& global) {
    auto settings = WorkspaceSettings::load(global.workspace);
    if (!settings) {
        return fail(settings.error());
    }
    const std::string file = global.taxonomy.empty() ? settings->taxonomy : global.taxonomy;
    auto loaded = file.empty() ? Taxonomy::parse(resources::classesJson(), "classes.json (built in)")
                               : Taxonomy::loadFile(file);
    if (!loaded) {
        return fail(loaded.error());
    }
    // Counts per tag of the checked-out branch's dataset, when the workspace has one.
    std::map<std::string, size_t> tagged;
    if (std::filesystem::exists(std::filesystem::path(global.workspace) / kCurationDatabaseFile)) {
        auto log = openLog(global);
        if (!log) {
            return fail(log.error());
        }
        auto report = log->status();
        if (!report) {
            return fail(report.error());
        }
        for (const auto& [tag, count] : report->imagesByTag) {
            tagged[Taxonomy::normalizedName(tag)] += count;
        }
    }
    auto countOf = [&](const std::string& name) {
        const auto found = tagged.find(Taxonomy::normalizedName(name));
        return found == tagged.end() ? size_t(0) : found->second;
    };
    if (global.json) {
        json groups = json::array();
        for (const auto& group : loaded->groups()) {
            json categories = json::array();
            for (const auto& category : group.categories) {
                json attributes = json::array();
                for (const auto& attribute : category.attributes) {
                    attributes.push_back({{"name", attribute.name},
                                          {"description", attribute.description},
                                          {"committed_images", countOf(attribute.name)}});
                }
                categories.push_back({{"name", category.name}, {"attributes", attributes}});
            }
            groups.push_back({{"name", group.name}, {"categories", categories}});
        }
        printJsonObject({{"source", file.empty() ? "built-in" : file}, {"groups", groups}});
        return kSuccess;
    }
    for (const auto& group : loaded->groups()) {
        std::printf("%s (%zu attributes)\n", group.name.c_str(), loaded->attributeCount(group.name));
        for (const auto& category : group.categories) {
            std::printf("  %s\n", category.name.c_str());
            for (const auto& attribute : category.attributes) {
                std::printf("    %-34s %6zu  %s\n", attribute.name.c_str(), countOf(attribute.name),
                            attribute.description.c_str());
            }
        }
    }
    return kSuccess;
}

int dedup(const GlobalOptions& global, const DedupOptions& options) {
    // The threshold first: a bad one is refused before anything is opened.
    const Status valid = checkNearDuplicateThreshold(options.threshold, "dedup --threshold");
    if (!valid) {
        return fail(valid.error());
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    auto store = EmbeddingStore::open(global.workspace);
    if (!store) {
        return fail(store.error());
    }
    NearDuplicateOptions request;
    request.threshold = options.threshold;
    request.branch = options.branch;
    request.model = options.model;
    request.method = options.exact ? NearDuplicateMethod::Exact : NearDuplicateMethod::Automatic;
    request.threads = options.threads;
    auto report = findNearDuplicates(*log, *store, request);
    if (!report) {
        return fail(report.error());
    }
    if (global.json) {
        printJson(nearDuplicateReportToJson(*report));
    } else {
        std::fputs(formatNearDuplicateReport(*report).c_str(), stdout);
    }
    return kSuccess;
}

int balance(const GlobalOptions& global, const BalanceOptions& options) {
    auto taxonomy = settingsTaxonomy(global.workspace, global.taxonomy);
    if (!taxonomy) {
        return fail(taxonomy.error());
    }
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    auto report = balanceReport(*log, *taxonomy, options.branch, options.target);
    if (!report) {
        return fail(report.error());
    }
    if (global.json) {
        printJson(balanceReportToJson(*report));
    } else {
        std::fputs(formatBalanceReport(*report).c_str(), stdout);
    }
    return kSuccess;
}

int review(const GlobalOptions& global, const ReviewOptions& options) {
    auto log = openLog(global);
    if (!log) {
        return fail(log.error());
    }
    if (options.action == "list") {
        if (!options.images.empty()) {
            return fail("review list takes no images");
        }
        auto marks = reviewMarks(*log, options.branch);
        if (!marks) {
            return fail(marks.error());
        }
        auto branch = options.branch.empty() ? log->checkedOutBranch() : Result<std::string>(options.branch);
        if (global.json) {
            printJson(reviewMarksToJson(branch ? *branch : options.branch, *marks));
            return kSuccess;
        }
        std::printf("review marks on '%s': %zu\n", branch ? branch->c_str() : "", marks->size());
        for (const ReviewRecord& mark : *marks) {
            std::printf("  %-7s %s/%s  (%s, %s)\n", reviewVerdictName(mark.verdict), mark.source.c_str(),
                        mark.name.c_str(), mark.author.c_str(), mark.markedAt.c_str());
        }
        return kSuccess;
    }
    if (options.images.empty()) {
        return fail("review " + options.action + " needs at least one image, as SOURCE/ID");
    }
    std::vector<ReviewedImage> images;
    for (const std::string& text : options.images) {
        const std::optional<ImageRef> image = parseImageRef(text);
        if (!image) {
            return fail("review: '" + text + "' is not an image: expected SOURCE/ID");
        }
        images.push_back(*image);
    }
    const std::optional<ReviewVerdict> verdict = parseReviewVerdict(options.action);
    const Status marked = setReviewMarks(*log, options.branch, images, verdict, options.author);
    if (!marked) {
        return fail(marked.error());
    }
    if (global.json) {
        printJsonObject({{"review", {{"action", options.action}, {"images", images.size()}}}});
    } else {
        std::printf("%s: %zu image(s)\n", verdict ? reviewVerdictName(*verdict) : "cleared", images.size());
    }
    return kSuccess;
}

} // namespace curator::cli
