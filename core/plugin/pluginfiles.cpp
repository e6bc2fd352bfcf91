#include "plugin/pluginfiles.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace curator {

namespace {

std::string executableDirectory() {
    std::error_code error;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) {
        return {};
    }
    return exe.parent_path().string();
}

bool fileExists(const std::string& path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

} // namespace

std::vector<std::string> pluginSearchPaths(const std::string& fileName) {
    std::vector<std::string> paths;
    if (const char* directory = std::getenv("CURATOR_PLUGIN_DIR");
        directory != nullptr && *directory != '\0') {
        paths.push_back((std::filesystem::path(directory) / fileName).string());
    }
    const std::string exeDirectory = executableDirectory();
    if (!exeDirectory.empty()) {
        const std::filesystem::path base(exeDirectory);
        paths.push_back((base / fileName).string());
        paths.push_back((base / ".." / "lib" / fileName).lexically_normal().string());
        paths.push_back((base / ".." / "lib" / "curator" / fileName).lexically_normal().string());
    }
    paths.push_back(fileName);
    return paths;
}

std::string findPluginFile(const std::string& fileName) {
    for (const std::string& candidate : pluginSearchPaths(fileName)) {
        if (candidate.find('/') != std::string::npos && fileExists(candidate)) {
            return candidate;
        }
    }
    return {};
}

void* openPluginEntryPoint(const std::string& candidate, const char* entryPoint, std::string& failure) {
    const bool bareName = candidate.find('/') == std::string::npos;
    if (!bareName && !fileExists(candidate)) {
        return nullptr;
    }
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* message = dlerror();
        const std::string text = message != nullptr ? message : "unknown dlopen error";
        // A bare name the loader cannot find is "not found", not a failure.
        if (!(bareName && text.find("No such file") != std::string::npos)) {
            failure = candidate + ": " + text;
        }
        return nullptr;
    }
    // The handle is deliberately never closed: objects made by the module run its code.
    dlerror();
    void* symbol = dlsym(handle, entryPoint);
    if (symbol == nullptr) {
        failure = candidate + ": no entry point " + entryPoint + " (not a curator plugin)";
    }
    return symbol;
}

} // namespace curator
