// The arguments a model writes for a tool call, coerced and validated against every tool's parameters.
#include "agent/tools/tool.h"
#include "agent/tools/toolarguments.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const nlohmann::json arguments = nlohmann::json::parse(
        reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size, nullptr, false);
    if (arguments.is_discarded()) {
        return 0;
    }
    const auto sources = [] { return std::vector<std::string>{"photos", "demo"}; };
    for (const curator::ToolDefinition* tool :
         {&curator::searchTool(), &curator::sampleTool(), &curator::aestheticsRateTool(),
          &curator::commitTool(), &curator::undoCommitTool(), &curator::statusTool(),
          &curator::sampleFromCommittedTool()}) {
        nlohmann::json coerced = arguments;
        if (curator::coerceArguments(tool->spec, coerced, sources) && tool->validate) {
            (void)tool->validate(coerced);
        }
    }
    return 0;
}
