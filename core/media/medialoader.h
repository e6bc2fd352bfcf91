#pragma once

// Loads the media module (libcurator_media.so: image codecs and HTTP, see media/mediabackend.h) on first
// use, from the same places as the LibTorch plugin (plugin/pluginfiles.h). A process that never reads,
// writes or encodes an image file and never sends an HTTP request never loads it.

#include "common/result.h"
#include "media/mediabackend.h"

#include <string>
#include <vector>

namespace curator {

constexpr const char* kMediaModuleFileName = "libcurator_media.so";

// The backend of the module, loaded once per process; later calls return the same backend, or the
// same error (which names every file tried).
Result<MediaBackend*> loadMediaBackend();

// Loads from exactly these candidates, in order (tests). dlopen shares a file already loaded.
Result<MediaBackend*> loadMediaBackendFrom(const std::vector<std::string>& candidates);

// Whether a previous call already loaded the module in this process (loads nothing).
bool mediaModuleLoaded();

} // namespace curator
