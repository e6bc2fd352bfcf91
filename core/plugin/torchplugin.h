#pragma once

// Loads the LibTorch plugin (libcurator_torch.so) on first use. Nothing here includes or links LibTorch:
// a program pays LibTorch's start-up (about 0.6 s, 280+ shared objects) only when it asks for a
// `torchscript:` model or a GPU scan.
//
// When the plugin is loaded:
// - torchscript embedders and scorers: always (createTorchScriptEmbedder / createTorchScriptScorer);
// - the GPU scan (gpuScanAvailable): decided by $CURATOR_GPU:
//     "0"      never; the plugin is not loaded;
//     "1"      load the plugin and use the GPU when LibTorch sees CUDA;
//     unset or "auto"
//              load the plugin only when this machine shows an NVIDIA driver (/proc/driver/nvidia/version
//              or /dev/nvidiactl) AND the plugin file exists; a machine without an NVIDIA GPU never loads
//              it, so `curator-cli search` there costs nothing extra.
//   Any other value is treated as "auto".

#include "common/result.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "plugin/torchbackend.h"
#include "search/searchoperations.h"

#include <memory>
#include <string>
#include <vector>

namespace curator {

constexpr const char* kTorchPluginFileName = "libcurator_torch.so";

// The files tried, in order: $CURATOR_PLUGIN_DIR, the running executable's directory, its ../lib and
// ../lib/curator (each + kTorchPluginFileName), then the bare file name, which the dynamic loader looks
// up in its own path (LD_LIBRARY_PATH, the cache, the default directories).
std::vector<std::string> torchPluginSearchPaths();

// The first candidate that exists, or empty (the bare file name, which only dlopen can resolve, counts
// as not found). Loads nothing.
std::string findTorchPluginFile();

// The backend of the plugin, loaded once per process with torchPluginSearchPaths(); later calls return
// the same backend, or the same error. The backend lives until the process ends.
Result<TorchBackend*> loadTorchBackend();

// Loads from exactly these candidates, in order (tests, and callers with their own layout). Does not
// touch the process-wide plugin of loadTorchBackend() unless the same file is found: dlopen shares it.
Result<TorchBackend*> loadTorchBackendFrom(const std::vector<std::string>& candidates);

// Whether a previous call already loaded the plugin in this process (loads nothing).
bool torchPluginLoaded();

// `torchscript:DIR` models, through the plugin.
Result<std::unique_ptr<Embedder>> createTorchScriptEmbedder(const std::string& directory);
Result<std::unique_ptr<Scorer>> createTorchScriptScorer(const std::string& directory);

// Whether searches should run on the GPU, following $CURATOR_GPU as described at the top. Cached after
// the first call. Never fails: a missing or broken plugin reads as "no GPU".
bool gpuScanAvailable();

// A scan whose matrix lives on a device (the GPU scan; the CPU device serves tests and comparisons).
// Gives the same results as searchTopK / countAbove over the same segments, ids and sources included.
class DeviceScanner {
public:
    // Loads the plugin when needed and uploads `segments` once. `segments` must outlive the scanner
    // (hits are described from them).
    static Result<std::unique_ptr<DeviceScanner>> create(const std::vector<const EmbeddingMatrix*>& segments,
                                                         ScanDevice device = ScanDevice::Auto);

    std::string device() const { return m_scan->device(); }
    Result<SearchResult> searchTopK(const QuerySet& querySet, size_t k);
    Result<CountResult> countAbove(const QuerySet& querySet, float threshold);
    // Every row's similarity and mask flag (what ScanOptions::rowScores takes).
    Result<std::vector<SegmentScores>> scoreRows(const QuerySet& querySet) {
        return m_scan->scoreRows(querySet);
    }

private:
    DeviceScanner(std::vector<const EmbeddingMatrix*> segments, std::unique_ptr<DeviceScan> scan)
        : m_segments(std::move(segments))
        , m_scan(std::move(scan)) {}

    std::vector<const EmbeddingMatrix*> m_segments;
    std::unique_ptr<DeviceScan> m_scan;
};

} // namespace curator
