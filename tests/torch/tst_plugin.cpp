// The plugin loader: search order, clear errors, the GPU gate, and that the program does not link torch.

#include "plugin/torchplugin.h"
#include "torchtesthelpers.h"

#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

extern char** environ;

using namespace curator;

TEST(TorchPluginLoader, MissingPluginIsAClearErrorListingTheSearch) {
    const std::vector<std::string> candidates{"/nonexistent/curator-a/libcurator_torch.so",
                                              "/nonexistent/curator-b/libcurator_torch.so"};
    Result<TorchBackend*> backend = loadTorchBackendFrom(candidates);
    ASSERT_FALSE(backend.ok());
    EXPECT_NE(backend.error().find("the LibTorch plugin libcurator_torch.so was not found"),
              std::string::npos)
        << backend.error();
    EXPECT_NE(backend.error().find("/nonexistent/curator-a/libcurator_torch.so"), std::string::npos);
    EXPECT_NE(backend.error().find("/nonexistent/curator-b/libcurator_torch.so"), std::string::npos);
    EXPECT_NE(backend.error().find("build with LibTorch installed"), std::string::npos);
}

TEST(TorchPluginLoader, AFileThatIsNotAPluginIsReportedWithTheLoadersReason) {
    torchtest::TemporaryDirectory directory;
    const std::string path = (directory.path() / "libcurator_torch.so").string();
    std::ofstream(path) << "not an ELF file";
    Result<TorchBackend*> backend = loadTorchBackendFrom({path});
    ASSERT_FALSE(backend.ok());
    EXPECT_NE(backend.error().find("could not be loaded"), std::string::npos) << backend.error();
    EXPECT_NE(backend.error().find(path), std::string::npos) << backend.error();
}

TEST(TorchPluginLoader, SearchOrderStartsWithThePluginDirAndEndsWithTheBareName) {
    const char* previous = std::getenv("CURATOR_PLUGIN_DIR");
    const std::string saved = previous != nullptr ? previous : "";
    setenv("CURATOR_PLUGIN_DIR", "/opt/somewhere", 1);
    const std::vector<std::string> paths = torchPluginSearchPaths();
    if (previous != nullptr) {
        setenv("CURATOR_PLUGIN_DIR", saved.c_str(), 1);
    } else {
        unsetenv("CURATOR_PLUGIN_DIR");
    }
    ASSERT_GE(paths.size(), 5u);
    EXPECT_EQ(paths.front(), "/opt/somewhere/libcurator_torch.so");
    EXPECT_EQ(paths.back(), "libcurator_torch.so");
    const std::string exeDirectory = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
    EXPECT_EQ(paths[1], exeDirectory + "/libcurator_torch.so");
    EXPECT_NE(paths[2].find("/lib/libcurator_torch.so"), std::string::npos);
    EXPECT_NE(paths[3].find("/lib/curator/libcurator_torch.so"), std::string::npos);
}

TEST(TorchPluginLoader, LoadsTheBuiltPlugin) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    Result<TorchBackend*> backend = loadTorchBackend();
    ASSERT_TRUE(backend.ok()) << backend.error();
    EXPECT_EQ((*backend)->abiVersion(), kTorchBackendAbiVersion);
    EXPECT_NE((*backend)->description().find("LibTorch 1.13"), std::string::npos)
        << (*backend)->description();
    EXPECT_TRUE(torchPluginLoaded());
    // The same backend on every call.
    Result<TorchBackend*> again = loadTorchBackend();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *backend);
}

TEST(TorchPluginLoader, ModelErrorsFromThePluginAreResultsNotExceptions) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    torchtest::TemporaryDirectory directory;
    auto embedder = createTorchScriptEmbedder(directory.path().string());
    ASSERT_FALSE(embedder.ok());
    EXPECT_NE(embedder.error().find("config.json"), std::string::npos) << embedder.error();

    // A file named like a model that is not TorchScript: LibTorch's exception becomes an error.
    std::ofstream(directory.path() / "scorer.pt") << "garbage";
    std::ofstream(directory.path() / "config.json")
        << R"({"model_name":"x","image_size":8,"mean":[0,0,0],"std":[1,1,1],"context_length":4})";
    std::ofstream(directory.path() / "vocab.json") << R"({"<|startoftext|>":0,"<|endoftext|>":1})";
    std::ofstream(directory.path() / "merges.txt") << "#version: 0.2\n";
    auto scorer = createTorchScriptScorer(directory.path().string());
    ASSERT_FALSE(scorer.ok());
    EXPECT_NE(scorer.error().find("cannot load TorchScript"), std::string::npos) << scorer.error();
}

// Run in a child process by the test below (a fresh process, so nothing is loaded yet).
TEST(TorchPluginGate, DISABLED_ChildReportsWhetherTheGateLoadedThePlugin) {
    const bool available = gpuScanAvailable();
    std::printf("GATE available=%d loaded=%d\n", available ? 1 : 0, torchPluginLoaded() ? 1 : 0);
    std::exit(torchPluginLoaded() ? 3 : 0);
}

namespace {
// Runs this executable's child test with CURATOR_GPU set to `mode` (or unset); returns its exit code.
int runGateChild(const char* mode) {
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::string(*entry).rfind("CURATOR_GPU=", 0) != 0) {
            environment.emplace_back(*entry);
        }
    }
    if (mode != nullptr) {
        environment.push_back(std::string("CURATOR_GPU=") + mode);
    }
    std::vector<char*> envp;
    for (auto& entry : environment) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    std::string filter = "--gtest_filter=TorchPluginGate.DISABLED_ChildReportsWhetherTheGateLoadedThePlugin";
    std::string disabled = "--gtest_also_run_disabled_tests";
    std::vector<char*> argv{exe.data(), filter.data(), disabled.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) {
        return -1;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool nvidiaDriverPresent() {
    return std::filesystem::exists("/proc/driver/nvidia/version") ||
           std::filesystem::exists("/dev/nvidiactl");
}
} // namespace

TEST(TorchPluginGate, CuratorGpuZeroNeverLoadsThePlugin) {
    torchtest::pluginBuilt();
    EXPECT_EQ(runGateChild("0"), 0);
}

TEST(TorchPluginGate, AutoModeDoesNotLoadThePluginWithoutAnNvidiaDriver) {
    if (nvidiaDriverPresent()) {
        GTEST_SKIP() << "this machine has an NVIDIA driver: auto mode loads the plugin here, by design";
    }
    torchtest::pluginBuilt();
    EXPECT_EQ(runGateChild(nullptr), 0);
    EXPECT_EQ(runGateChild("auto"), 0);
}

TEST(TorchPluginGate, CuratorGpuOneLoadsThePlugin) {
    if (!torchtest::pluginBuilt()) {
        GTEST_SKIP() << "the LibTorch plugin was not built";
    }
    EXPECT_EQ(runGateChild("1"), 3);
}
