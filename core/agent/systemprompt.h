#pragma once

namespace curator {

// resources/agent_system_prompt_v1.txt, compiled in (like core/resources/embeddedresources.h). It holds a
// {{TAXONOMY}} placeholder that the run fills with the taxonomy at start.
const char* agentSystemPromptV1();

} // namespace curator
