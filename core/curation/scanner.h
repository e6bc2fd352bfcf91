#pragma once

// Where the exact scan runs, decided once per workspace session by one rule for every front end:
//   cpu   the SIMD scan (core/search);
//   gpu   the device scan of the LibTorch plugin; an error when there is none;
//   auto  the device scan when $CURATOR_GPU allows it and the plugin sees a GPU (gpuScanAvailable()),
//         else the CPU scan.
// The CLI takes it from --device; the workstation and the agent use auto, so $CURATOR_GPU decides.
//
// The device scan answers top-k and counts. Everything else (band samples, the selection of a commit,
// the similarity distribution, a scan that wants several answers at once) runs on the CPU in one pass.

#include "common/result.h"
#include "search/searchoperations.h"

#include <memory>
#include <string>
#include <vector>

namespace curator {

class DeviceScanner;

enum class ScanPlace { Auto, Cpu, Gpu };

// "auto", "cpu" or "gpu"; anything else is an error that lists them.
Result<ScanPlace> parseScanPlace(const std::string& text);

class Scanner {
public:
    explicit Scanner(ScanPlace place = ScanPlace::Auto, ScanOptions options = {});
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // Every answer of `wants` from one pass (on the device when only a top-k or only a count is wanted).
    Result<CombinedScan> scan(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                              const ScanWants& wants);
    Result<CountResult> count(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                              float threshold);
    Result<SampleResult> sample(const std::vector<const EmbeddingMatrix*>& segments, const QuerySet& querySet,
                                float minimum, float maximum, size_t count, uint64_t seed);

    // "cpu" before the first scan or when the CPU scans; the device's name ("cuda:0") once it does.
    std::string device() const;
    const ScanOptions& options() const { return m_options; }
    ScanOptions& options() { return m_options; }
    // Forgets the uploaded matrices (they are re-uploaded on the next device scan).
    void reset();

private:
    // The device scanner of `segments` when the rule picks the device; null for the CPU scan.
    Result<DeviceScanner*> deviceFor(const std::vector<const EmbeddingMatrix*>& segments);

    ScanPlace m_place;
    ScanOptions m_options;
    std::vector<const EmbeddingMatrix*> m_uploaded; // what m_device holds
    std::unique_ptr<DeviceScanner> m_device;
};

} // namespace curator
