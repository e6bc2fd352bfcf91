#pragma once

// The body of an OpenAI Responses API request (`POST /v1/responses`) from a ChatRequest: the leading system
// message becomes `instructions` (a later one a developer message), user messages become input_text /
// input_image parts, an assistant turn becomes its reasoning items (sent back verbatim), its text and one
// `function_call` item per call, and a tool result a `function_call_output`. The request is stateless
// (`store: false`) and asks for `reasoning.encrypted_content`, so the next turn can carry the reasoning
// back without the server keeping anything.

#include "agent/llmclient.h"

#include <nlohmann/json.hpp>

#include <string>

namespace curator {

std::string responsesRequestBody(const ChatRequest& request);

// A tool's parameter schema as JSON, for either dialect's request (a malformed schema is sent as {}).
nlohmann::json toolParameters(const ToolSchema& tool);

} // namespace curator
