// curator-cli's commands that make or change a workspace's collection: the demo, ingest, settings and
// embedding a text (split from commands.cpp, which keeps the query commands).
#include "commands.h"
#include "queryinput.h"

#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"
#include "demo/demoworkspace.h"
#include "demo/syntheticdemo.h"
#include "ingest/ingest.h"
#include "models/workspacebackends.h"
#include "store/workspacesettings.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace curator::cli {

using nlohmann::json;

namespace {

constexpr int kSuccess = 0;

void printJson(const json& object) {
    std::cout << dumpJsonSafely(object, 2) << '\n'; // stored names may hold any bytes
}

} // namespace

static int syntheticDemo(const GlobalOptions& global, const DemoOptions& options) {
    auto summary = createSyntheticDemo(global.workspace, options.count);
    if (!summary) {
        return fail(summary.error());
    }
    if (summary->created) {
        auto store = EmbeddingStore::open(global.workspace);
        if (!store) {
            return fail(store.error());
        }
        for (const auto& matrix : store->matrices()) {
            if (auto status = registerInCatalog(global.workspace, matrix->directory()); !status) {
                return fail(status.error());
            }
        }
    }
    if (global.json) {
        printJson({{"workspace", summary->workspaceDirectory},
                   {"created", summary->created},
                   {"rows", summary->rows},
                   {"dimension", summary->dimension},
                   {"model", summary->model},
                   {"concepts", summary->concepts}});
        return kSuccess;
    }
    std::printf("%s the synthetic demo workspace '%s': %zu images' embeddings (%zu-d, model '%s') in sources "
                "photos, artwork, dreamcore\n",
                summary->created ? "created" : "opened", summary->workspaceDirectory.c_str(), summary->rows,
                summary->dimension, summary->model.c_str());
    std::printf("query vectors for its concepts are in %s/queries/\n\n", summary->workspaceDirectory.c_str());
    // A curation step: find VHS scanlines, leave out text overlays, see how many pass a threshold, and
    // sample the band just below it to decide whether to lower it.
    const std::string query = syntheticDemoQueryPath(global.workspace, "vhs_scanlines");
    const std::string negative = syntheticDemoQueryPath(global.workspace, "text_overlay");
    SearchOptions searchOptions;
    searchOptions.query.queryVector = query;
    searchOptions.query.negativeVectors = {negative};
    searchOptions.topK = 10;
    CountOptions countOptions;
    countOptions.query = searchOptions.query;
    countOptions.threshold = 0.6f;
    SampleOptions sampleOptions;
    sampleOptions.query = searchOptions.query;
    sampleOptions.minimum = 0.45f;
    sampleOptions.maximum = 0.6f;
    sampleOptions.count = 5;
    sampleOptions.seed = 7;
    std::printf("$ curator-cli search --query-vector %s --negative-vector %s --top-k 10\n", query.c_str(),
                negative.c_str());
    if (int code = search(global, searchOptions); code != kSuccess) {
        return code;
    }
    std::printf("\n$ curator-cli count ... --threshold 0.6\n");
    if (int code = count(global, countOptions); code != kSuccess) {
        return code;
    }
    std::printf("\n$ curator-cli sample ... --min-sim 0.45 --max-sim 0.6 --count 5 --seed 7\n");
    return sample(global, sampleOptions);
}

namespace {

// A progress line on stderr, redrawn in place: done/total, rate and time left.
void printProgress(const char* what, size_t done, size_t total, double perSecond, double etaSeconds) {
    // Redrawn at most ten times a second: a terminal is slower than the work it reports.
    static auto lastDrawn = std::chrono::steady_clock::time_point();
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - lastDrawn < std::chrono::milliseconds(100)) {
        return;
    }
    lastDrawn = now;
    const int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r%-10s [%s%s] %zu/%zu  %.1f img/s  ETA %.0f s   ", what,
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), done, total,
                 perSecond, etaSeconds);
    if (done == total) {
        std::fprintf(stderr, "\n");
    }
}

void printIngestReport(const IngestReport& report, const std::string& source) {
    std::printf(
        "ingested %zu images into '%s' with %s (%zu found, %zu already there, %zu failed) in %.1f s\n",
        report.ingested, source.c_str(), report.model.c_str(), report.found, report.alreadyIngested,
        report.failures.size(), report.seconds);
    if (report.catalogRepaired > 0) {
        std::printf("  entered %zu stored images the catalog lacked (an earlier run was interrupted)\n",
                    report.catalogRepaired);
    }
    for (const auto& failure : report.failures) {
        std::printf("  skipped %s: %s\n", failure.path.c_str(), failure.message.c_str());
    }
}

json ingestReportJson(const IngestReport& report, const std::string& source) {
    json failures = json::array();
    for (const auto& failure : report.failures) {
        failures.push_back({{"path", failure.path}, {"error", failure.message}});
    }
    return {{"source", source},
            {"model", report.model},
            {"found", report.found},
            {"already_ingested", report.alreadyIngested},
            {"ingested", report.ingested},
            {"catalog_repaired", report.catalogRepaired},
            {"failures", failures},
            {"seconds", report.seconds},
            {"cancelled", report.cancelled}};
}

} // namespace

int ingest(const GlobalOptions& global, const IngestOptions& options) {
    auto embedder = workspaceEmbedder(global);
    if (!embedder) {
        return fail(embedder.error());
    }
    IngestRequest request;
    request.workspaceDirectory = global.workspace;
    request.source = options.source;
    request.imagesDirectory = options.images;
    request.captionsFile = options.captions;
    request.storage = *parseStorageType(options.dtype);
    request.waiting = [](const std::string& message) { std::cerr << "\n" << message << '\n'; };
    auto report = ingestImages(request, **embedder, [&](const IngestProgress& progress) {
        if (!global.json) {
            printProgress(options.source.c_str(), progress.done, progress.total, progress.imagesPerSecond,
                          progress.etaSeconds);
        }
        return true;
    });
    if (!report) {
        return fail(report.error());
    }
    // The store now holds this embedder's model: queries must use it too, through its query template.
    if (auto settings = WorkspaceSettings::load(global.workspace);
        settings && settings->recordIngestEmbedder(global.embedder, global.embedQueryTemplate)) {
        if (auto saved = settings->save(global.workspace); !saved) {
            return fail(saved.error());
        }
    }
    if (global.json) {
        printJson(ingestReportJson(*report, options.source));
    } else {
        printIngestReport(*report, options.source);
    }
    return kSuccess;
}

int embedText(const GlobalOptions& global, const std::string& text) {
    auto embedder = workspaceEmbedder(global);
    if (!embedder) {
        return fail(embedder.error());
    }
    auto embedded = (*embedder)->embedText(text);
    if (!embedded) {
        return fail(embedded.error());
    }
    for (const auto& warning : embedded->warnings) {
        std::cerr << "warning: " << warning << '\n';
    }
    if (global.json) {
        printJson({{"model", (*embedder)->modelName()},
                   {"dimension", embedded->vector.size()},
                   {"vector", embedded->vector},
                   {"warnings", embedded->warnings}});
    } else {
        std::printf("%s (%zu-d):", (*embedder)->modelName().c_str(), embedded->vector.size());
        for (float value : embedded->vector) {
            std::printf(" %.5f", static_cast<double>(value));
        }
        std::printf("\n");
    }
    return kSuccess;
}

int settings(const GlobalOptions& global, const SettingsOptions& options) {
    auto settings = WorkspaceSettings::load(global.workspace);
    if (!settings) {
        return fail(settings.error());
    }
    for (const auto& assignment : options.assignments) {
        const size_t equals = assignment.find('=');
        if (equals == std::string::npos) {
            return fail("settings: expected KEY=VALUE, got '" + redactUrlUserInfo(assignment) + "'");
        }
        const std::string key = assignment.substr(0, equals);
        const std::string value = assignment.substr(equals + 1);
        if (key == "embedder" || key == "scorer" || key == "captioner") {
            if (auto spec = BackendSpec::parse(value); !spec) {
                return fail(spec.error());
            }
        }
        if (auto status = settings->set(key, value); !status) {
            return fail(status.error());
        }
    }
    if (!options.assignments.empty()) {
        if (auto saved = settings->save(global.workspace); !saved) {
            return fail(saved.error());
        }
    }
    // Shown, never with the credentials a base URL may carry (settings.json keeps what the user wrote).
    const json object = {{"embedder", redactUrlUserInfo(settings->embedder)},
                         {"scorer", redactUrlUserInfo(settings->scorer)},
                         {"captioner", redactUrlUserInfo(settings->captioner)},
                         {"taxonomy", settings->taxonomy},
                         {"max_image_megapixels", settings->maxImageMegapixels},
                         {"embed_query_template", settings->embedQueryTemplate},
                         {"captioner_prompt", settings->captionerPrompt}};
    if (global.json) {
        printJson(object);
    } else {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const std::string value =
                it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
            std::printf("%-20s %s\n", it.key().c_str(), value.c_str());
        }
    }
    return kSuccess;
}

namespace {

json outcomeJson(const ModelCheckOutcome& outcome) {
    return {{"spec", outcome.spec},
            {"checked", outcome.checked},
            {"ok", outcome.ok},
            {"model", outcome.model},
            {"message", outcome.message}};
}

} // namespace

int checkModels(const GlobalOptions& global) {
    auto request = modelCheckRequest(global);
    if (!request) {
        return fail(request.error());
    }
    const ModelCheckReport report = curator::checkModels(
        *request, nullptr, [&global](size_t step, size_t steps, const std::string& what) {
            if (!global.json) {
                std::fprintf(stderr, "[%zu/%zu] %s\n", step, steps, what.c_str());
            }
            return true;
        });
    if (global.json) {
        json object = {{"ok", report.ok()},
                       {"dimension", report.dimension},
                       {"store_dimension", report.storeDimension},
                       {"embedder", outcomeJson(report.embedder)},
                       {"scorer", outcomeJson(report.scorer)},
                       {"captioner", outcomeJson(report.captioner)},
                       {"caption", report.caption}};
        object["score"] = report.score ? json(*report.score) : json(nullptr);
        printJson(object);
    } else {
        std::printf("%s", report.text().c_str());
    }
    for (const ModelCheckOutcome* outcome : report.checkedOutcomes()) {
        if (!outcome->ok) {
            return fail(outcome->message);
        }
    }
    return kSuccess;
}

int demo(const GlobalOptions& global, const DemoOptions& options) {
    if (options.synthetic) {
        return syntheticDemo(global, options);
    }
    auto demo = createDemoWorkspace(global.workspace, options.count, [&](const DemoWorkspaceProgress& step) {
        if (!global.json) {
            printProgress(step.stage.c_str(), step.done, step.total, step.perSecond, step.etaSeconds);
        }
        return true;
    });
    if (!demo) {
        return fail(demo.error());
    }
    const bool created = demo->created;
    json ingested = json::array();
    for (const auto& source : demo->ingested) {
        ingested.push_back(ingestReportJson(source.report, source.source));
    }
    if (global.json) {
        printJson({{"workspace", global.workspace},
                   {"created", created},
                   {"model", demo->model},
                   {"ingested", ingested}});
        return kSuccess;
    }
    std::printf(
        "%s the demo workspace '%s' (builtin embedder '%s'; ground truth in demo-images/labels.jsonl)\n\n",
        created ? "created" : "opened", global.workspace.c_str(), demo->model.c_str());
    // One curation step: find motion blur, leave out text overlays, see how many pass a threshold, and
    // sample the band just below it to decide whether to lower it.
    SearchOptions searchOptions;
    searchOptions.query.queryText = "motion blur";
    searchOptions.query.negativeTexts = {"text overlay"};
    searchOptions.topK = 10;
    std::printf("$ curator-cli search --query \"motion blur\" --negative \"text overlay\" --top-k 10\n");
    if (int code = search(global, searchOptions); code != kSuccess) {
        return code;
    }
    auto session = openSession(global, searchOptions.query);
    if (!session) {
        return fail(session.error());
    }
    auto prepared = (*session)->prepare(queryRequest(searchOptions.query));
    if (!prepared) {
        return fail(prepared.error());
    }
    ScanWants wants;
    wants.topK = 60;
    auto top = (*session)->scan(*prepared, wants);
    if (!top || top->top.hits.empty()) {
        return fail(top ? "the demo search found nothing" : top.error());
    }
    const float threshold = std::floor(top->top.hits.back().similarity * 100.0f) / 100.0f;
    CountOptions countOptions;
    countOptions.query = searchOptions.query;
    countOptions.threshold = threshold;
    std::printf(
        "\n$ curator-cli count --query \"motion blur\" --negative \"text overlay\" --threshold %.2f\n",
        static_cast<double>(threshold));
    if (int code = count(global, countOptions); code != kSuccess) {
        return code;
    }
    SampleOptions sampleOptions;
    sampleOptions.query = searchOptions.query;
    sampleOptions.minimum = threshold - 0.1f;
    sampleOptions.maximum = threshold;
    sampleOptions.count = 5;
    sampleOptions.seed = 7;
    std::printf("\n$ curator-cli sample --query \"motion blur\" --negative \"text overlay\" --min-sim %.2f "
                "--max-sim %.2f --count 5 --seed 7\n",
                static_cast<double>(sampleOptions.minimum), static_cast<double>(sampleOptions.maximum));
    return sample(global, sampleOptions);
}

int roots(const GlobalOptions& global, const RootsOptions& options) {
    auto log = CurationLog::open(global.workspace);
    if (!log) {
        return fail(log.error());
    }
    if (options.action == "add" || options.action == "remove") {
        if (options.directory.empty()) {
            return fail("roots " + options.action + " needs a DIR");
        }
        const Status changed = options.action == "add" ? log->addImageRoot(options.directory, "user")
                                                       : log->removeImageRoot(options.directory);
        if (!changed) {
            return fail(changed.error());
        }
    }
    auto roots = log->imageRoots();
    if (!roots) {
        return fail(roots.error());
    }
    if (global.json) {
        json list = json::array();
        for (const auto& root : *roots) {
            list.push_back({{"path", root.path}, {"origin", root.origin}, {"created_at", root.createdAt}});
        }
        printJson({{"roots", list}});
        return kSuccess;
    }
    for (const auto& root : *roots) {
        std::printf("%s  (%s, %s)\n", root.path.c_str(), root.origin.c_str(), root.createdAt.c_str());
    }
    if (roots->empty()) {
        std::printf("no image roots: releases copy no image files (ingest registers its folder)\n");
    }
    return kSuccess;
}

} // namespace curator::cli
