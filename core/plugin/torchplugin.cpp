#include "plugin/torchplugin.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace curator {

namespace {

std::string executableDirectory() {
    std::error_code error;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) {
        return {};
    }
    return exe.parent_path().string();
}

bool fileExists(const std::string& path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

// One attempt: returns the backend, or sets `failure` (empty when the file simply is not there).
TorchBackend* tryLoad(const std::string& candidate, std::string& failure) {
    const bool bareName = candidate.find('/') == std::string::npos;
    if (!bareName && !fileExists(candidate)) {
        return nullptr;
    }
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* message = dlerror();
        const std::string text = message != nullptr ? message : "unknown dlopen error";
        // A bare name the loader cannot find is "not found", not a failure.
        if (!(bareName && text.find("No such file") != std::string::npos)) {
            failure = candidate + ": " + text;
        }
        return nullptr;
    }
    // The handle is deliberately never closed: objects made by the plugin run its code.
    dlerror();
    void* symbol = dlsym(handle, CURATOR_TORCH_ENTRY_POINT);
    if (symbol == nullptr) {
        failure = candidate + ": no entry point " CURATOR_TORCH_ENTRY_POINT " (not a curator plugin)";
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
    return fileExists("/proc/driver/nvidia/version") || std::filesystem::exists("/dev/nvidiactl");
}

} // namespace

std::vector<std::string> torchPluginSearchPaths() {
    std::vector<std::string> paths;
    if (const char* directory = std::getenv("CURATOR_PLUGIN_DIR");
        directory != nullptr && *directory != '\0') {
        paths.push_back((std::filesystem::path(directory) / kTorchPluginFileName).string());
    }
    const std::string exeDirectory = executableDirectory();
    if (!exeDirectory.empty()) {
        const std::filesystem::path base(exeDirectory);
        paths.push_back((base / kTorchPluginFileName).string());
        paths.push_back((base / ".." / "lib" / kTorchPluginFileName).lexically_normal().string());
        paths.push_back((base / ".." / "lib" / "curator" / kTorchPluginFileName).lexically_normal().string());
    }
    paths.push_back(kTorchPluginFileName);
    return paths;
}

std::string findTorchPluginFile() {
    for (const std::string& candidate : torchPluginSearchPaths()) {
        if (candidate.find('/') != std::string::npos && fileExists(candidate)) {
            return candidate;
        }
    }
    return {};
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
std::once_flag g_loadOnce;
TorchBackend* g_backend = nullptr;
std::string g_loadError;
std::atomic<bool> g_loaded{false};
} // namespace

Result<TorchBackend*> loadTorchBackend() {
    std::call_once(g_loadOnce, [] {
        Result<TorchBackend*> backend = loadTorchBackendFrom(torchPluginSearchPaths());
        if (backend) {
            g_backend = *backend;
        } else {
            g_loadError = backend.error();
        }
        g_loaded.store(g_backend != nullptr);
    });
    if (g_backend == nullptr) {
        return makeError(g_loadError);
    }
    return g_backend;
}

bool torchPluginLoaded() {
    return g_loaded.load();
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
