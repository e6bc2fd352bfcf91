#include "demo/demoworkspace.h"

#include "dataset/curationlog.h"
#include "demo/imagedemo.h"
#include "models/embedder.h"
#include "store/embeddingstore.h"
#include "store/workspacesettings.h"

#include <chrono>
#include <filesystem>

namespace curator {

const std::vector<std::string>& demoSources() {
    static const std::vector<std::string> sources = {"photos", "artwork", "dreamcore"};
    return sources;
}

namespace {

Result<std::unique_ptr<Embedder>> builtinEmbedder() {
    auto spec = BackendSpec::parse("builtin");
    if (!spec) {
        return spec.takeError();
    }
    return createEmbedder(*spec);
}

bool holdsDemo(const std::string& workspaceDirectory, const std::string& model) {
    auto store = EmbeddingStore::open(workspaceDirectory);
    if (!store) {
        return false;
    }
    for (const auto& source : demoSources()) {
        if (store->find(source, model) == nullptr) {
            return false;
        }
    }
    return true;
}

} // namespace

bool isDemoWorkspace(const std::string& workspaceDirectory) {
    auto embedder = builtinEmbedder();
    return embedder && holdsDemo(workspaceDirectory, (*embedder)->modelName());
}

Result<DemoWorkspaceReport> createDemoWorkspace(const std::string& workspaceDirectory, size_t imageCount,
                                                const DemoWorkspaceCallback& progress) {
    auto embedder = builtinEmbedder();
    if (!embedder) {
        return embedder.takeError();
    }
    DemoWorkspaceReport report;
    report.workspaceDirectory = workspaceDirectory;
    report.model = (*embedder)->modelName();
    if (holdsDemo(workspaceDirectory, report.model)) {
        return report;
    }
    // The demo is embedded with the builtin embedder: a workspace set up for another one is refused.
    auto settings = WorkspaceSettings::load(workspaceDirectory);
    if (!settings) {
        return settings.takeError();
    }
    if (settings->embedder != "builtin") {
        return makeError(
            "the workspace's embedder is '" + settings->embedder +
            "' but the demo is embedded with the builtin one; create the demo in an empty directory");
    }
    report.created = true;
    const std::string imagesDirectory =
        (std::filesystem::path(workspaceDirectory) / kDemoImagesDirectory).string();
    const auto start = std::chrono::steady_clock::now();
    auto collection =
        generateDemoCollection(imagesDirectory, imageCount, kDemoSeed, [&](size_t done, size_t total) {
            if (!progress) {
                return true;
            }
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
            return progress(
                {"generate", done, total, rate, rate > 0 ? static_cast<double>(total - done) / rate : 0});
        });
    if (!collection) {
        return collection.takeError();
    }
    if (auto saved = settings->save(workspaceDirectory); !saved) {
        return saved.takeError();
    }
    {
        auto log = CurationLog::open(workspaceDirectory);
        if (!log) {
            return log.takeError();
        }
        if (auto status = log->addImageRoot(imagesDirectory, "demo"); !status) {
            return status.takeError();
        }
    }
    for (const auto& source : demoSources()) {
        IngestRequest request;
        request.workspaceDirectory = workspaceDirectory;
        request.source = source;
        request.imagesDirectory = (std::filesystem::path(imagesDirectory) / source).string();
        auto ingested = ingestImages(request, **embedder, [&](const IngestProgress& step) {
            return !progress ||
                   progress({source, step.done, step.total, step.imagesPerSecond, step.etaSeconds});
        });
        if (!ingested) {
            return ingested.takeError();
        }
        if (ingested->cancelled) {
            return makeError("cancelled while ingesting '" + source +
                             "'; what was ingested is kept and the next run completes the demo");
        }
        report.ingested.push_back({source, std::move(*ingested)});
    }
    return report;
}

} // namespace curator
