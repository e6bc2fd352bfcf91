// dataset.json, ours and the original system's: parsed into an import plan (curator-cli import-dataset).
#include "dataset/curationimport.h"
#include "fuzzfiles.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path =
        curator::fuzz::writeScratchFile("dataset.json", {reinterpret_cast<const char*>(data), size});
    auto plan = curator::curationdetail::parseImportFile(path);
    if (plan) {
        // What a plan holds is written to SQL and shown as JSON later: it must dump.
        for (const auto& commit : plan->commits) {
            (void)nlohmann::json{{"id", commit.row.id}, {"message", commit.row.message}}.dump();
            for (const auto& image : commit.images) {
                (void)nlohmann::json{{"source", image.source}, {"name", image.name}, {"path", image.path}}
                    .dump();
            }
        }
    }
    return 0;
}
