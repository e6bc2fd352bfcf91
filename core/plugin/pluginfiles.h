#pragma once

// Finding and opening the program's run-time modules (libcurator_torch.so, libcurator_media.so): the
// same directories for every module, so an install or a build tree that holds one holds them all.

#include "common/result.h"

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

namespace curator {

// The files tried, in order: $CURATOR_PLUGIN_DIR, the running executable's directory, its ../lib and
// ../lib/curator (each + fileName), then the bare file name, which the dynamic loader looks up in its
// own path (LD_LIBRARY_PATH, the cache, the default directories).
std::vector<std::string> pluginSearchPaths(const std::string& fileName);

// The first candidate of pluginSearchPaths(fileName) that exists, or empty (the bare file name, which
// only dlopen can resolve, counts as not found). Loads nothing.
std::string findPluginFile(const std::string& fileName);

// Opens `candidate` (RTLD_NOW | RTLD_LOCAL, never closed: objects the module makes run its code) and
// returns its symbol `entryPoint`. On failure returns null and sets `failure`, which stays empty when
// the file simply is not there.
void* openPluginEntryPoint(const std::string& candidate, const char* entryPoint, std::string& failure);

// A module's backend, loaded at most once per process: later calls return the same backend, or the
// same error. The backend lives until the process ends (modules are never closed).
template <typename Backend>
class LoadedOnce {
public:
    template <typename Load>
    Result<Backend*> get(Load load) {
        std::call_once(m_once, [&] {
            Result<Backend*> backend = load();
            if (backend) {
                m_backend = *backend;
            } else {
                m_error = backend.error();
            }
            m_loaded.store(m_backend != nullptr);
        });
        if (m_backend == nullptr) {
            return makeError(m_error);
        }
        return m_backend;
    }
    bool loaded() const { return m_loaded.load(); }

private:
    std::once_flag m_once;
    Backend* m_backend = nullptr;
    std::string m_error;
    std::atomic<bool> m_loaded{false};
};

} // namespace curator
