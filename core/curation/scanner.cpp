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

Scanner::Scanner(ScanPlace place, ScanOptions options, ScanDevice deviceKind)
    : m_place(place)
    , m_options(std::move(options))
    , m_deviceKind(deviceKind) {}

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
    auto created = DeviceScanner::create(segments, m_deviceKind);
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

Result<ScanOptions> Scanner::optionsFor(const std::vector<const EmbeddingMatrix*>& segments) {
    CURATOR_TRY(DeviceScanner * device, deviceFor(segments));
    ScanOptions options = m_options;
    if (device != nullptr) {
        options.rowScores = [device](const QuerySet& querySet) { return device->scoreRows(querySet); };
    }
    return options;
}

Result<CombinedScan> Scanner::scan(const std::vector<const EmbeddingMatrix*>& segments,
                                   const QuerySet& querySet, const ScanWants& wants) {
    CURATOR_TRY(ScanOptions options, optionsFor(segments));
    return scanOnce(segments, querySet, wants, options);
}

Result<CountResult> Scanner::count(const std::vector<const EmbeddingMatrix*>& segments,
                                   const QuerySet& querySet, float threshold) {
    CURATOR_TRY(ScanOptions options, optionsFor(segments));
    return countAbove(segments, querySet, threshold, options);
}

Result<SampleResult> Scanner::sample(const std::vector<const EmbeddingMatrix*>& segments,
                                     const QuerySet& querySet, float minimum, float maximum, size_t count,
                                     uint64_t seed) {
    CURATOR_TRY(ScanOptions options, optionsFor(segments));
    return sampleBand(segments, querySet, minimum, maximum, count, seed, options);
}

} // namespace curator
