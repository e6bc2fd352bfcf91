#include "plugin/torchplugin.h"

#include "plugin/pluginfiles.h"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace curator {

namespace {

// One attempt: returns the backend, or sets `failure` (empty when the file simply is not there).
TorchBackend* tryLoad(const std::string& candidate, std::string& failure) {
    void* symbol = openPluginEntryPoint(candidate, CURATOR_TORCH_ENTRY_POINT, failure);
    if (symbol == nullptr) {
        return nullptr;
    }
    auto entry = reinterpret_cast<CuratorTorchEntryPoint>(symbol);
    TorchBackend* backend = entry();
    if (backend == nullptr) {
        failure = candidate + ": the plugin failed to initialise LibTorch";
        return nullptr;
    }
    if (backend->abiVersion() != kTorchBackendAbiVersion) {
        failure = candidate + ": plugin interface version " + std::to_string(backend->abiVersion()) +
                  ", this program needs " + std::to_string(kTorchBackendAbiVersion) + " (rebuild the plugin)";
        return nullptr;
    }
    return backend;
}

bool nvidiaDriverPresent() {
    std::error_code error;
    return std::filesystem::is_regular_file("/proc/driver/nvidia/version", error) ||
           std::filesystem::exists("/dev/nvidiactl", error);
}

} // namespace

std::vector<std::string> torchPluginSearchPaths() {
    return pluginSearchPaths(kTorchPluginFileName);
}

std::string findTorchPluginFile() {
    return findPluginFile(kTorchPluginFileName);
}

Result<TorchBackend*> loadTorchBackendFrom(const std::vector<std::string>& candidates) {
    std::vector<std::string> failures;
    for (const std::string& candidate : candidates) {
        std::string failure;
        if (TorchBackend* backend = tryLoad(candidate, failure)) {
            return backend;
        }
        if (!failure.empty()) {
            failures.push_back(failure);
        }
    }
    if (!failures.empty()) {
        std::string message =
            "the LibTorch plugin " + std::string(kTorchPluginFileName) + " could not be loaded:";
        for (const std::string& failure : failures) {
            message += " [" + failure + "]";
        }
        return makeError(message);
    }
    std::string searched;
    for (const std::string& candidate : candidates) {
        searched += (searched.empty() ? "" : ", ") + candidate;
    }
    return makeError("the LibTorch plugin " + std::string(kTorchPluginFileName) +
                     " was not found (searched: " + searched +
                     "); build with LibTorch installed (libtorch-dev) or set CURATOR_PLUGIN_DIR");
}

namespace {
LoadedOnce<TorchBackend> g_module;
} // namespace

Result<TorchBackend*> loadTorchBackend() {
    return g_module.get([] { return loadTorchBackendFrom(torchPluginSearchPaths()); });
}

bool torchPluginLoaded() {
    return g_module.loaded();
}

Result<std::unique_ptr<Embedder>> createTorchScriptEmbedder(const std::string& directory) {
    Result<TorchBackend*> backend = loadTorchBackend();
    if (!backend) {
        return backend.takeError();
    }
    return (*backend)->createEmbedder(directory);
}

Result<std::unique_ptr<Scorer>> createTorchScriptScorer(const std::string& directory) {
    Result<TorchBackend*> backend = loadTorchBackend();
    if (!backend) {
        return backend.takeError();
    }
    return (*backend)->createScorer(directory);
}

bool gpuScanAvailable() {
    static const bool available = [] {
        const char* setting = std::getenv("CURATOR_GPU");
        const std::string mode = setting != nullptr ? setting : "auto";
        if (mode == "0") {
            return false;
        }
        if (mode != "1") { // auto: never pay LibTorch's start-up on a machine without an NVIDIA driver
            if (!nvidiaDriverPresent() || findTorchPluginFile().empty()) {
                return false;
            }
        }
        Result<TorchBackend*> backend = loadTorchBackend();
        return backend.ok() && (*backend)->cudaAvailable();
    }();
    return available;
}

Result<std::unique_ptr<DeviceScanner>>
DeviceScanner::create(const std::vector<const EmbeddingMatrix*>& segments, ScanDevice device) {
    Result<TorchBackend*> backend = loadTorchBackend();
    if (!backend) {
        return backend.takeError();
    }
    Result<std::unique_ptr<DeviceScan>> scan = (*backend)->createDeviceScan(segments, device);
    if (!scan) {
        return scan.takeError();
    }
    return std::unique_ptr<DeviceScanner>(new DeviceScanner(segments, std::move(*scan)));
}

Result<SearchResult> DeviceScanner::searchTopK(const QuerySet& querySet, size_t k) {
    Result<SearchResult> result = m_scan->searchTopK(querySet, k);
    if (result) {
        describeHits(m_segments, result->hits);
    }
    return result;
}

Result<CountResult> DeviceScanner::countAbove(const QuerySet& querySet, float threshold) {
    return m_scan->countAbove(querySet, threshold);
}

} // namespace curator
