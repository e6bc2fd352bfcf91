#pragma once

// The agent's tools by name, in the stable order the model sees them. Schemas, names and dispatch all
// iterate this list, so a tool is added in one place.

#include "agent/tools/tool.h"

#include <string>
#include <vector>

namespace curator {

class ToolRegistry {
public:
    // The seven curation tools (search, sample, aesthetics_rate, commit, undo_commit, status,
    // sample_from_committed) and finish, which ends the run.
    static const ToolRegistry& builtin();

    explicit ToolRegistry(std::vector<const ToolDefinition*> tools);

    const std::vector<const ToolDefinition*>& tools() const { return m_tools; }
    // Null for a name no tool has.
    const ToolDefinition* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::vector<const ToolDefinition*> m_tools;
};

} // namespace curator
