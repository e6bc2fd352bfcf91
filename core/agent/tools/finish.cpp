// finish: the explicit end of a run. Its summary is recorded in run_finished; a text answer without a tool
// call is a question to the person instead (agent/agentquestions.cpp), so a run never ends by accident.
#include "agent/tools/tool.h"

namespace curator {

using nlohmann::json;

namespace {

ToolSpec spec() {
    return {"finish",
            "Ends the run. Call it once the dataset is done, with a short summary: the sub-elements, the "
            "commits and the final count. To ask the person something instead, answer with text and no "
            "tool call.",
            {{"summary", ParamType::String, true, std::nullopt, std::nullopt,
              "What the run did: sub-elements, commits (with their thresholds) and the final count.", true}},
            {{"message", "summary"}, {"text", "summary"}}};
}

ToolResult run(ToolContext& /*context*/, const json& arguments) {
    ToolResult result;
    result.ok = true;
    result.text = "The run ends here with your summary.";
    result.data = {{"finish", true}, {"summary", arguments.at("summary").get<std::string>()}};
    return result;
}

} // namespace

const ToolDefinition& finishTool() {
    static const ToolDefinition tool{spec(), &run, nullptr};
    return tool;
}

} // namespace curator
