#pragma once

// Where the exact scan runs, decided once per workspace session by one rule for every front end:
//   cpu   the SIMD scan (core/search);
//   gpu   the device scan of the LibTorch plugin; an error when there is none;
//   auto  the device scan when $CURATOR_GPU allows it and the plugin sees a GPU (gpuScanAvailable()),
//         else the CPU scan.
// The CLI takes it from --device; the workstation and the agent use auto, so $CURATOR_GPU decides.
//
// On the device the rows are scored by one matrix product per query; the scores come back to the host
// (5 bytes a row) and the same visitors as the CPU pass make the top-k, counts, band samples,
// distributions and commit selections of them (ScanOptions::rowScores). So every operation of every front
// end runs where the rule says, and gives what the CPU scan gives up to float rounding.

#include "common/result.h"
#include "plugin/torchbackend.h"
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
    // `deviceKind` is the device a device scan uses: CUDA; tests run the same path on LibTorch's CPU.
    explicit Scanner(ScanPlace place = ScanPlace::Auto, ScanOptions options = {},
                     ScanDevice deviceKind = ScanDevice::Cuda);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // The options an operation on `segments` runs with: the CPU scan's, plus the device's row scores when
    // the rule picks the device (uploading the matrices on first use). Search, count, sample and the
    // selection of a commit all take them.
    Result<ScanOptions> optionsFor(const std::vector<const EmbeddingMatrix*>& segments);

    // Every answer of `wants` from one pass.
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
    ScanDevice m_deviceKind;
    std::vector<const EmbeddingMatrix*> m_uploaded; // what m_device holds
    std::unique_ptr<DeviceScanner> m_device;
};

} // namespace curator
