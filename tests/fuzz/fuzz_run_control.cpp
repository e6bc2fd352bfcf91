// The controls another process appends for a live run (runs/<id>.control.jsonl, core/agent/runcontrol.h),
// read as the run's owner reads them: whole lines only, each checked before it would be applied. What the
// check accepts must be usable: its action and fields read without an exception.
#include "agent/runcontrol.h"
#include "fuzzfiles.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path =
        curator::fuzz::writeScratchFile("control.jsonl", {reinterpret_cast<const char*>(data), size});
    curator::JsonLinesTail tail(path, false);
    for (const nlohmann::json& control : tail.poll()) {
        if (!curator::validateRunControl(control)) {
            continue;
        }
        try {
            (void)control.at("action").get<std::string>();
            (void)control.dump();
        } catch (const nlohmann::json::exception&) {
            std::abort(); // accepted, but not what the owner can apply
        }
    }
    return 0;
}
