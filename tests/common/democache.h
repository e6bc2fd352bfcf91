#pragma once

// The demo workspaces the agent and UI tests start from are data, made once per count and model in the
// cache every build of the tree shares (CURATOR_TEST_DEMO_CACHE, tests/CMakeLists.txt).

#include <sys/file.h>
#include <unistd.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <system_error>

namespace curator::testcache {

// Fills `base` with `build` unless a finished one (base/ready) is there, under an exclusive lock beside it
// that the kernel releases if the maker dies; a half-made one is removed first. Returns build's error,
// empty on success.
inline std::string makeOnce(const std::filesystem::path& base,
                            const std::function<std::string(const std::filesystem::path&)>& build) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(base.parent_path(), ec);
    const int lock = ::open((base.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        if (lock >= 0) {
            ::close(lock);
        }
        return "cannot lock the demo cache " + base.string();
    }
    std::string failure;
    if (!fs::exists(base / "ready")) {
        fs::remove_all(base, ec);
        fs::create_directories(base, ec);
        failure = build(base);
        if (failure.empty()) {
            std::ofstream(base / "ready") << "ok\n";
        }
    }
    ::flock(lock, LOCK_UN);
    ::close(lock);
    return failure;
}

} // namespace curator::testcache
