#include "curation/scanner.h"

#include "plugin/torchplugin.h"

namespace curator {

Result<ScanPlace> parseScanPlace(const std::string& text) {
    if (text == "auto") {
        return ScanPlace::Auto;
    }
    if (text == "cpu") {
        return ScanPlace::Cpu;
    }
    if (text == "gpu") {
        return ScanPlace::Gpu;
    }
    return makeError("device '" + text + "': expected auto, cpu or gpu");
}

Scanner::Scanner(ScanPlace place, ScanOptions options)
    : m_place(place)
    , m_options(options) {}

Scanner::~Scanner() = default;

void Scanner::reset() {
    m_device.reset();
    m_uploaded.clear();
}

std::string Scanner::device() const {
    return m_device ? m_device->device() : "cpu";
}

Result<DeviceScanner*> Scanner::deviceFor(const std::vector<const EmbeddingMatrix*>& segments) {
    if (m_place == ScanPlace::Cpu || (m_place == ScanPlace::Auto && !gpuScanAvailable())) {
        return static_cast<DeviceScanner*>(nullptr);
    }
    if (m_device && m_uploaded == segments) {
        return m_device.get();
    }
    reset();
    auto created = DeviceScanner::create(segments, ScanDevice::Cuda);
    if (!created) {
        if (m_place == ScanPlace::Auto) {
            return static_cast<DeviceScanner*>(nullptr); // auto falls back to the CPU
        }
        return created.takeError();
    }
    m_device = std::move(*created);
    m_uploaded = segments;
    return m_device.get();
}

Result<CombinedScan> Scanner::scan(const std::vector<const EmbeddingMatrix*>& segments,
                                   const QuerySet& querySet, const ScanWants& wants) {
    const bool topKOnly = wants.topK > 0 && wants.maskedRows == MaskedRows::Exclude &&
                          wants.distributionBins == 0 && !wants.countThreshold && !wants.collectSimilarities;
    if (topKOnly) {
        auto device = deviceFor(segments);
        if (!device) {
            return device.takeError();
        }
        if (*device) {
            auto found = (*device)->searchTopK(querySet, wants.topK);
            if (!found) {
                return found.takeError();
            }
            CombinedScan result;
            result.top = std::move(*found);
            return result;
        }
    }
    return scanOnce(segments, querySet, wants, m_options);
}

Result<CountResult> Scanner::count(const std::vector<const EmbeddingMatrix*>& segments,
                                   const QuerySet& querySet, float threshold) {
    auto device = deviceFor(segments);
    if (!device) {
        return device.takeError();
    }
    if (*device) {
        return (*device)->countAbove(querySet, threshold);
    }
    return countAbove(segments, querySet, threshold, m_options);
}

Result<SampleResult> Scanner::sample(const std::vector<const EmbeddingMatrix*>& segments,
                                     const QuerySet& querySet, float minimum, float maximum, size_t count,
                                     uint64_t seed) {
    return sampleBand(segments, querySet, minimum, maximum, count, seed, m_options);
}

} // namespace curator
