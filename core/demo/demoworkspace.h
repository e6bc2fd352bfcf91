#pragma once

#include "common/result.h"
#include "ingest/ingest.h"

#include <functional>
#include <string>
#include <vector>

namespace curator {

// The demo workspace: the generated collection (core/demo/imagedemo.h) ingested with the builtin
// embedder, one source per demo source. What `curator-cli demo` and `curator --demo` both create.
constexpr size_t kDemoImageCount = 3000;
constexpr uint64_t kDemoSeed = 2026;
constexpr const char* kDemoImagesDirectory = "demo-images";

struct DemoWorkspaceProgress {
    std::string stage; // "generate", then each source being ingested
    size_t done = 0;
    size_t total = 0;
    double perSecond = 0;
    double etaSeconds = 0;
};

// Answering false cancels; what was ingested before is kept and a later call resumes.
using DemoWorkspaceCallback = std::function<bool(const DemoWorkspaceProgress&)>;

struct DemoIngest {
    std::string source;
    IngestReport report;
};

struct DemoWorkspaceReport {
    std::string workspaceDirectory;
    std::string model;
    bool created = false; // false: the workspace already held the whole demo
    std::vector<DemoIngest> ingested;
};

const std::vector<std::string>& demoSources();

// True when every demo source is stored for the builtin embedder's model.
bool isDemoWorkspace(const std::string& workspaceDirectory);

// Generates the collection under WORKSPACE/demo-images and ingests it, unless the workspace already holds
// the demo. A cancel is an error ("cancelled ...") and leaves a workspace that the next call completes.
Result<DemoWorkspaceReport> createDemoWorkspace(const std::string& workspaceDirectory,
                                                size_t imageCount = kDemoImageCount,
                                                const DemoWorkspaceCallback& progress = {});

} // namespace curator
