#include "agent/responsesrequest.h"

#include "common/utf8text.h"

#include <nlohmann/json.hpp>

namespace curator {

using nlohmann::json;

namespace {

json userContent(const ChatMessage& message, bool omitImages) {
    json parts = json::array();
    std::string text = message.content;
    if (!message.imageUrls.empty() && omitImages) {
        // The tool's text already lists what the grid shows (ids, captions, similarities).
        text += "\n[" + std::to_string(message.imageUrls.size()) +
                " grid image(s) not sent: this endpoint takes no images; judge from the list]";
    }
    if (!text.empty() || message.imageUrls.empty() || omitImages) {
        parts.push_back({{"type", "input_text"}, {"text", text}});
    }
    if (!omitImages) {
        for (const auto& url : message.imageUrls) {
            parts.push_back({{"type", "input_image"}, {"image_url", url}, {"detail", "auto"}});
        }
    }
    return parts;
}

// The reasoning items an assistant turn kept, as the server returned them; anything that is not an array
// of objects (a transcript edited by hand) is left out rather than sent.
void appendReasoningItems(const std::string& items, json& input) {
    if (items.empty()) {
        return;
    }
    const json parsed = json::parse(items, nullptr, false);
    if (!parsed.is_array()) {
        return;
    }
    for (const auto& item : parsed) {
        if (item.is_object()) {
            input.push_back(item);
        }
    }
}

void appendMessage(const ChatMessage& message, bool first, const ChatRequest& request, json& body,
                   json& input) {
    if (message.role == "system") {
        if (first) {
            body["instructions"] = message.content;
        } else {
            input.push_back({{"type", "message"}, {"role", "developer"}, {"content", message.content}});
        }
    } else if (message.role == "assistant") {
        appendReasoningItems(message.reasoningItems, input);
        if (!message.content.empty()) {
            input.push_back({{"type", "message"}, {"role", "assistant"}, {"content", message.content}});
        }
        for (const auto& call : message.toolCalls) {
            input.push_back({{"type", "function_call"},
                             {"call_id", call.id},
                             {"name", call.name},
                             {"arguments", call.arguments}});
        }
    } else if (message.role == "tool") {
        input.push_back(
            {{"type", "function_call_output"}, {"call_id", message.toolCallId}, {"output", message.content}});
    } else {
        input.push_back({{"type", "message"},
                         {"role", message.role},
                         {"content", userContent(message, request.omitImages)}});
    }
}

} // namespace

json toolParameters(const ToolSchema& tool) {
    json parameters = json::parse(tool.parametersJson, nullptr, false);
    return parameters.is_discarded() ? json::object() : parameters;
}

std::string responsesRequestBody(const ChatRequest& request) {
    json body = {{"model", request.model},
                 {"stream", request.stream},
                 {"store", false},
                 {"include", json::array({"reasoning.encrypted_content"})}};
    json input = json::array();
    for (size_t i = 0; i < request.messages.size(); ++i) {
        appendMessage(request.messages[i], i == 0, request, body, input);
    }
    body["input"] = std::move(input);
    if (!request.tools.empty()) {
        json tools = json::array();
        for (const auto& tool : request.tools) {
            const json parameters = toolParameters(tool);
            // strict defaults to true in the Responses API, which would demand that every property be
            // required and no other be allowed: our schemas have optional arguments.
            tools.push_back({{"type", "function"},
                             {"name", tool.name},
                             {"description", tool.description},
                             {"parameters", parameters},
                             {"strict", false}});
        }
        body["tools"] = tools;
        if (request.toolChoice == "auto" || request.toolChoice == "none" ||
            request.toolChoice == "required") {
            body["tool_choice"] = request.toolChoice;
        } else if (!request.toolChoice.empty()) {
            body["tool_choice"] = {{"type", "function"}, {"name", request.toolChoice}};
        }
        body["parallel_tool_calls"] = request.parallelToolCalls;
    }
    if (!request.reasoningEffort.empty()) {
        json reasoning = {{"effort", request.reasoningEffort}};
        if (request.reasoningSummary) {
            reasoning["summary"] = "auto";
        }
        body["reasoning"] = reasoning;
    }
    if (request.temperature) {
        body["temperature"] = *request.temperature;
    }
    return dumpJsonSafely(body); // text the run echoes back (tool results) may hold invalid UTF-8
}

} // namespace curator
