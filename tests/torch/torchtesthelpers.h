#pragma once

// Shared by torch_tests: the generated fixtures (tiny TorchScript models and Python's reference
// outputs), the plugin location, images and .npy files.

#include "models/image.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace torchtest {

// Points CURATOR_PLUGIN_DIR at the plugin this build made (unless the environment already sets it).
// Returns false when this build has no plugin (LibTorch absent at configure time).
bool pluginBuilt();

struct Fixtures {
    std::filesystem::path root;
    nlohmann::json reference; // reference.json
    std::filesystem::path embedder() const { return root / "embedder"; }
    std::filesystem::path embedderSquash() const { return root / "embedder_squash"; }
    std::filesystem::path scorer() const { return root / "scorer"; }
};

// Runs fixtures/make_tiny_models.py with /usr/bin/python3.11 once (guarded by a file lock, so parallel
// test processes share one generation; rerun when the script is newer than the output). Empty, with
// `why` set, when Python or its torch is missing or the script fails.
std::optional<Fixtures> fixtures(std::string& why);

curator::RgbImage readRgb(const std::string& path);

// A float32 .npy as rows.
std::vector<std::vector<float>> readNpyRows(const std::string& path);

// A fresh temporary directory, removed on destruction.
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace torchtest

// In a TEST body: skip unless the plugin was built and the fixtures could be generated.
#define TORCHTEST_REQUIRE_FIXTURES(variable)                                                                 \
    if (!torchtest::pluginBuilt()) {                                                                         \
        GTEST_SKIP() << "the LibTorch plugin was not built (LibTorch not found at configure time)";          \
    }                                                                                                        \
    std::string variable##Why;                                                                               \
    const std::optional<torchtest::Fixtures> variable = torchtest::fixtures(variable##Why);                  \
    if (!variable) {                                                                                         \
        GTEST_SKIP() << variable##Why;                                                                       \
    }
