#pragma once

// The image demo workspace that `curator-cli demo --count N` makes, made once per count and model in the
// demo cache every build of the tree shares (CURATOR_TEST_DEMO_CACHE, tests/CMakeLists.txt) and copied for
// each test: generating and embedding 300 images again in every test was most of the CLI tests' time
// under the sanitizers. The demo command itself is tested on a workspace of its own
// (CliTest.ImageDemoAnswersTextQueriesThroughTheBuiltinEmbedder).

#include "common/democache.h"
#include "models/builtinembedder.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace curator::test {

// Makes `workspace` a copy of the cached demo of `count` images: the database, embeddings and settings
// copied, the images a link to the cache's (the store's rows name the cache's files, which no test
// changes). Returns an error, empty on success.
inline std::string copyCachedCliDemo(const std::filesystem::path& workspace, int count) {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(CURATOR_TEST_DEMO_CACHE) /
                          ("cli-demo-" + std::to_string(count) + "-" + BuiltinEmbedder::kModelName);
    const std::string failure = testcache::makeOnce(base, [count](const fs::path& into) -> std::string {
        const std::string command = std::string(CURATOR_CLI_PATH) + " --workspace '" +
                                    (into / "ws").string() + "' demo --count " + std::to_string(count) +
                                    " > /dev/null 2>&1 < /dev/null";
        return std::system(command.c_str()) == 0 ? std::string() : "curator-cli demo failed: " + command;
    });
    if (!failure.empty()) {
        return failure;
    }
    std::error_code ec;
    fs::create_directories(workspace, ec);
    for (const auto& entry : fs::directory_iterator(base / "ws", ec)) {
        const fs::path target = workspace / entry.path().filename();
        if (entry.path().filename() == "demo-images") {
            fs::create_directory_symlink(entry.path(), target, ec);
        } else {
            fs::copy(entry.path(), target, fs::copy_options::recursive, ec);
        }
        if (ec) {
            break;
        }
    }
    return ec ? "cannot copy the demo workspace " + (base / "ws").string() + ": " + ec.message()
              : std::string();
}

} // namespace curator::test
