#include "agent/tools/toolregistry.h"

namespace curator {

const ToolRegistry& ToolRegistry::builtin() {
    static const ToolRegistry registry({&searchTool(), &sampleTool(), &aestheticsRateTool(), &commitTool(),
                                        &undoCommitTool(), &statusTool(), &sampleFromCommittedTool(),
                                        &finishTool()});
    return registry;
}

ToolRegistry::ToolRegistry(std::vector<const ToolDefinition*> tools)
    : m_tools(std::move(tools)) {}

const ToolDefinition* ToolRegistry::find(const std::string& name) const {
    for (const ToolDefinition* tool : m_tools) {
        if (tool->spec.name == name) {
            return tool;
        }
    }
    return nullptr;
}

std::vector<std::string> ToolRegistry::names() const {
    std::vector<std::string> list;
    for (const ToolDefinition* tool : m_tools) {
        list.push_back(tool->spec.name);
    }
    return list;
}

} // namespace curator
