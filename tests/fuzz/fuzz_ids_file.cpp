// Ids files (curator-cli store import --ids): .txt, or .jsonl with id, path and caption; the first byte
// picks the format.
#include "fuzzfiles.h"
#include "store/idsfile.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const bool jsonl = (data[0] & 1) == 0;
    const std::string path = curator::fuzz::writeScratchFile(
        jsonl ? "ids.jsonl" : "ids.txt", {reinterpret_cast<const char*>(data + 1), size - 1});
    auto ids = curator::readIdsFile(path);
    if (ids) {
        // Accepted ids end up in `search --json`: they must dump.
        for (const auto& identity : *ids) {
            (void)nlohmann::json{{"id", identity.id}, {"path", identity.path}, {"caption", identity.caption}}
                .dump();
        }
    }
    return 0;
}
