#include "media/medialoader.h"

#include "plugin/pluginfiles.h"

#include <atomic>
#include <mutex>

namespace curator {

namespace {

MediaBackend* tryLoad(const std::string& candidate, std::string& failure) {
    void* symbol = openPluginEntryPoint(candidate, CURATOR_MEDIA_ENTRY_POINT, failure);
    if (symbol == nullptr) {
        return nullptr;
    }
    MediaBackend* backend = reinterpret_cast<CuratorMediaEntryPoint>(symbol)();
    if (backend == nullptr) {
        failure = candidate + ": the module failed to initialise";
        return nullptr;
    }
    if (backend->abiVersion() != kMediaBackendAbiVersion) {
        failure = candidate + ": module interface version " + std::to_string(backend->abiVersion()) +
                  ", this program needs " + std::to_string(kMediaBackendAbiVersion) + " (rebuild the module)";
        return nullptr;
    }
    return backend;
}

LoadedOnce<MediaBackend> g_module;

} // namespace

Result<MediaBackend*> loadMediaBackendFrom(const std::vector<std::string>& candidates) {
    std::string failures;
    for (const std::string& candidate : candidates) {
        std::string failure;
        if (MediaBackend* backend = tryLoad(candidate, failure)) {
            return backend;
        }
        if (!failure.empty()) {
            failures += " [" + failure + "]";
        }
    }
    if (!failures.empty()) {
        return makeError("the media module " + std::string(kMediaModuleFileName) +
                         " (image codecs, HTTP) could not be loaded:" + failures);
    }
    std::string searched;
    for (const std::string& candidate : candidates) {
        searched += (searched.empty() ? "" : ", ") + candidate;
    }
    return makeError("the media module " + std::string(kMediaModuleFileName) +
                     " (image codecs, HTTP) was not found (searched: " + searched +
                     "); reinstall the program or set CURATOR_PLUGIN_DIR");
}

Result<MediaBackend*> loadMediaBackend() {
    return g_module.get([] { return loadMediaBackendFrom(pluginSearchPaths(kMediaModuleFileName)); });
}

bool mediaModuleLoaded() {
    return g_module.loaded();
}

} // namespace curator
