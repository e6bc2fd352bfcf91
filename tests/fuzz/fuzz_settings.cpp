// A workspace's settings.json.
#include "fuzzfiles.h"
#include "store/workspacesettings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    curator::fuzz::writeScratchFile("settings.json", {reinterpret_cast<const char*>(data), size});
    (void)curator::WorkspaceSettings::load(curator::fuzz::scratchDirectory());
    return 0;
}
