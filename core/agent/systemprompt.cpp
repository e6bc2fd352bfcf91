#include "agent/systemprompt.h"

#include "resources/embeddedresources.h"

namespace curator {

const char* agentSystemPromptV1() {
    return resources::agentSystemPromptV1();
}

} // namespace curator
