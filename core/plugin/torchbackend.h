#pragma once

// The interface between the core and the LibTorch plugin (libcurator_torch.so). Plain C++ types only:
// no torch header is needed to use it, and none may be added. The plugin implements it; the core reaches
// it through core/plugin/torchplugin.h, which loads the plugin on first use.
//
// Rules of the boundary:
// - No exception crosses it: every call returns a Result whose message says what failed.
// - Objects the plugin creates (embedders, scorers, scans) run code of the plugin, so the plugin is never
//   unloaded once loaded (the loader never calls dlclose).
// - The core and the plugin are built by the same compiler from the same headers; kTorchBackendAbiVersion
//   is bumped whenever this file changes, and a plugin of another version is refused.

#include "common/result.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "search/scanengine.h"
#include "search/searchoperations.h"

#include <memory>
#include <string>
#include <vector>

namespace curator {

constexpr int kTorchBackendAbiVersion = 2; // 2: DeviceScan::scoreRows

// Where a device scan keeps its matrix and computes.
enum class ScanDevice {
    Auto, // CUDA when LibTorch sees a GPU, else the CPU
    Cpu,
    Cuda,
};

// The GPU scan: the matrices are uploaded once when the scan is created; each query then runs as one
// matrix product of the rows with the query and all its negatives, the negative mask and the top-k
// computed on the device. Hits carry `ref` and `similarity` only, best first with ties in (segment, row)
// order; the core fills ids and sources (DeviceScanner in torchplugin.h).
class DeviceScan {
public:
    virtual ~DeviceScan() = default;
    virtual std::string device() const = 0; // "cuda:0", "cpu"
    virtual size_t rows() const = 0;
    virtual size_t dimension() const = 0;
    // What searchTopK computes: top-k of unmasked rows (a row is masked when any negative's similarity
    // is >= querySet.negativeThreshold).
    virtual Result<SearchResult> searchTopK(const QuerySet& querySet, size_t k) = 0;
    // What countAbove computes: unmasked rows with similarity >= threshold.
    virtual Result<CountResult> countAbove(const QuerySet& querySet, float threshold) = 0;
    // Every row's similarity and mask flag, one entry per segment in upload order, copied to the host
    // (5 bytes a row): the core's visitors make of them what any scan makes (ScanOptions::rowScores).
    virtual Result<std::vector<SegmentScores>> scoreRows(const QuerySet& querySet) = 0;
};

class TorchBackend {
public:
    virtual ~TorchBackend() = default;
    virtual int abiVersion() const = 0;
    // "LibTorch 1.13.1 (CPU)" or "... (CUDA, 1 device)".
    virtual std::string description() const = 0;
    virtual bool cudaAvailable() const = 0;
    // A `torchscript:DIR` embedder: image_encoder.pt, text_encoder.pt, vocab.json, merges.txt and
    // config.json in `directory`.
    virtual Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& directory) = 0;
    // A `torchscript:DIR` scorer: scorer.pt, vocab.json, merges.txt and config.json in `directory`.
    virtual Result<std::unique_ptr<Scorer>> createScorer(const std::string& directory) = 0;
    // Uploads `segments` (all of one dimension, fp16 or fp32) to `device`. The matrices are copied: they
    // need not outlive the scan.
    virtual Result<std::unique_ptr<DeviceScan>>
    createDeviceScan(const std::vector<const EmbeddingMatrix*>& segments, ScanDevice device) = 0;
};

} // namespace curator

// The plugin's single exported symbol. Returns a backend that lives as long as the process, or null
// when the plugin cannot initialise (it never throws).
#define CURATOR_TORCH_ENTRY_POINT "curator_torch_backend"
using CuratorTorchEntryPoint = curator::TorchBackend* (*)();
