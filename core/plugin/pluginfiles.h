#pragma once

// Finding and opening the program's run-time modules (libcurator_torch.so, libcurator_media.so): the
// same directories for every module, so an install or a build tree that holds one holds them all.

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

} // namespace curator
