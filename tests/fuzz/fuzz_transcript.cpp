// An agent run's transcript (transcript.jsonl), read back for `agent resume` and the workstation's replay.
#include "agent/transcript.h"
#include "agent/transcriptreplay.h"
#include "fuzzfiles.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path =
        curator::fuzz::writeScratchFile("transcript.jsonl", {reinterpret_cast<const char*>(data), size});
    auto events = curator::Transcript::read(path);
    if (events) {
        (void)curator::rebuildFromTranscript(*events);
        (void)curator::replayFromEvents("workspace", *events);
    }
    return 0;
}
