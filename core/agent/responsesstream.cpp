#include "agent/responsesstream.h"

#include "agent/streamjson.h"
#include "common/utf8text.h"

#include <optional>

namespace curator {

using nlohmann::json;
using namespace streamjson;

namespace {

// An index the server gives (output_index): an integer >= 0 when sent, nullopt when absent or null.
std::optional<size_t> indexOf(const json& object, const char* key, const std::string& path) {
    const json* value = member(object, key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_number_unsigned()) {
        return value->get<size_t>();
    }
    wrongType(path, *value, value->is_number_integer() ? "an integer >= 0" : "an integer");
}

const json& objectMember(const json& object, const char* key, const std::string& path) {
    const json* value = member(object, key);
    if (value == nullptr) {
        throw ChunkError(path + " is missing");
    }
    if (!value->is_object()) {
        wrongType(path, *value, "an object");
    }
    return *value;
}

// The server's words for a failure: "code: message", either part possibly absent.
std::string errorText(const json& error) {
    std::string text;
    if (const std::string* code = textOf(error, "code")) {
        text = *code;
    }
    if (const std::string* message = textOf(error, "message")) {
        text += (text.empty() ? "" : ": ") + *message;
    }
    return text.empty() ? snippetOf(dumpJsonSafely(error), 300) : snippetOf(text, 300);
}

} // namespace

void readResponsesUsage(const json& usage, ChatUsage& out) {
    if (!usage.is_object()) {
        return;
    }
    ChatUsage read;
    read.promptTokens = countOf(usage, "input_tokens");
    read.completionTokens = countOf(usage, "output_tokens");
    read.totalTokens = countOf(usage, "total_tokens");
    if (const json* details = member(usage, "output_tokens_details")) {
        read.reasoningTokens = countOf(*details, "reasoning_tokens");
    }
    if (read.promptTokens == 0 && read.completionTokens == 0 && read.totalTokens == 0 &&
        read.reasoningTokens == 0) {
        return;
    }
    if (read.totalTokens == 0) {
        read.totalTokens = read.promptTokens + read.completionTokens;
    }
    out = read;
}

ChatToolCall* ResponsesStreamAssembler::callOf(const json& event) {
    // Only a call an output item opened: arguments for any other index (a reasoning item's) are dropped
    // rather than making a nameless call.
    if (const auto index = indexOf(event, "output_index", "output_index")) {
        const auto found = m_calls.find(*index);
        return found == m_calls.end() ? nullptr : &found->second;
    }
    if (const std::string* itemId = stringOf(event, "item_id", "item_id")) {
        const auto found = m_callIndexByItemId.find(*itemId);
        if (found != m_callIndexByItemId.end()) {
            return &m_calls[found->second];
        }
    }
    return nullptr;
}

void ResponsesStreamAssembler::keepReasoningItem(const json& item) {
    // What goes back on the next turn: the item as returned, without plaintext content (an input
    // reasoning item may not carry it) or status.
    json kept = json::object();
    for (const char* key : {"type", "id", "summary", "encrypted_content"}) {
        if (const json* value = member(item, key)) {
            kept[key] = *value;
        }
    }
    if (!kept.contains("summary")) {
        kept["summary"] = json::array(); // required on input, may be empty
    }
    const std::string text = dumpJsonSafely(kept);
    std::string counted; // counted against the answer's cap like any text the server sends
    addText(counted, text);
    m_reasoningItems.push_back(std::move(kept));
    m_result.message.reasoningItems = dumpJsonSafely(m_reasoningItems);
}

void ResponsesStreamAssembler::readOutputItem(const json& item, size_t outputIndex, bool done) {
    const std::string* type = stringOf(item, "type", "item.type");
    if (type == nullptr) {
        return;
    }
    if (*type == "function_call") {
        ChatToolCall& call = m_calls[outputIndex];
        if (const std::string* itemId = stringOf(item, "id", "item.id")) {
            m_callIndexByItemId[*itemId] = outputIndex;
        }
        if (const std::string* callId = stringOf(item, "call_id", "item.call_id");
            callId && call.id.empty()) {
            addText(call.id, *callId);
        }
        if (const std::string* name = stringOf(item, "name", "item.name"); name && call.name.empty()) {
            addText(call.name, *name);
        }
        const std::string* arguments = stringOf(item, "arguments", "item.arguments");
        if (arguments != nullptr && (done ? *arguments != call.arguments : call.arguments.empty())) {
            call.arguments.clear(); // the whole arguments win over the deltas
            addText(call.arguments, *arguments);
        }
    } else if (*type == "reasoning" && done) {
        keepReasoningItem(item);
    } else if (*type == "message" && done && m_result.message.content.empty()) {
        // Content that came whole, without deltas.
        if (const json* parts = member(item, "content"); parts != nullptr && parts->is_array()) {
            for (const auto& part : *parts) {
                const std::string* partType = textOf(part, "type");
                if (partType != nullptr && *partType == "output_text") {
                    if (const std::string* text = textOf(part, "text")) {
                        addContent(*text);
                    }
                }
            }
        }
    }
}

void ResponsesStreamAssembler::readFinalResponse(const json& response, bool failed) {
    if (const json* usage = member(response, "usage")) {
        readResponsesUsage(*usage, m_result.usage);
    }
    const std::string* status = textOf(response, "status");
    if (failed || (status != nullptr && *status == "failed")) {
        const json* error = member(response, "error");
        throw ChunkError("the response failed: " +
                         (error ? errorText(*error) : std::string("no reason given")));
    }
    if (status != nullptr && *status == "incomplete") {
        std::string reason = "incomplete";
        if (const json* details = member(response, "incomplete_details")) {
            if (const std::string* why = textOf(*details, "reason")) {
                reason = *why == "max_output_tokens" ? "length" : *why;
            }
        }
        m_result.finishReason = reason;
    } else {
        m_result.finishReason = m_calls.empty() ? "stop" : "tool_calls";
    }
    m_done = true;
}

void ResponsesStreamAssembler::readChunk(const json& event) {
    if (!event.is_object()) {
        wrongType("the event", event, "a JSON object");
    }
    const std::string* type = stringOf(event, "type", "type");
    if (type == nullptr) {
        return; // nothing says what it is: nothing depends on it
    }
    if (*type == "response.output_text.delta") {
        if (const std::string* delta = stringOf(event, "delta", "delta")) {
            addContent(*delta);
        }
    } else if (*type == "response.reasoning_summary_text.delta" || *type == "response.reasoning_text.delta") {
        if (const std::string* delta = stringOf(event, "delta", "delta")) {
            addReasoning(*delta);
        }
    } else if (*type == "response.reasoning_summary_part.added") {
        if (!m_result.message.reasoning.empty()) {
            addReasoning("\n\n"); // summary parts are paragraphs
        }
    } else if (*type == "response.output_item.added" || *type == "response.output_item.done") {
        const json& item = objectMember(event, "item", "item");
        const auto index = indexOf(event, "output_index", "output_index");
        const size_t outputIndex = index ? *index : (m_calls.empty() ? 0 : m_calls.rbegin()->first + 1);
        readOutputItem(item, outputIndex, *type == "response.output_item.done");
    } else if (*type == "response.function_call_arguments.delta") {
        const std::string* delta = stringOf(event, "delta", "delta");
        ChatToolCall* call = callOf(event);
        if (delta != nullptr && call != nullptr) {
            addText(call->arguments, *delta);
        }
    } else if (*type == "response.function_call_arguments.done") {
        const std::string* arguments = stringOf(event, "arguments", "arguments");
        ChatToolCall* call = callOf(event);
        if (arguments != nullptr && call != nullptr && *arguments != call->arguments) {
            call->arguments.clear();
            addText(call->arguments, *arguments);
        }
    } else if (*type == "response.completed" || *type == "response.incomplete" ||
               *type == "response.failed") {
        readFinalResponse(objectMember(event, "response", "response"), *type == "response.failed");
    } else if (*type == "error") {
        const json* nested = member(event, "error");
        throw ChunkError("the server reported an error mid-stream: " + errorText(nested ? *nested : event));
    }
}

void ResponsesStreamAssembler::readWholeAnswer(const json& response) {
    const json* output = member(response, "output");
    if (output != nullptr && !output->is_array()) {
        wrongType("output", *output, "an array");
    }
    if (output != nullptr) {
        for (size_t i = 0; i < output->size(); ++i) {
            const json& item = (*output)[i];
            if (!item.is_object()) {
                wrongType("output[" + std::to_string(i) + "]", item, "an object");
            }
            const std::string* type = textOf(item, "type");
            if (type != nullptr && *type == "reasoning") {
                if (const json* summary = member(item, "summary");
                    summary != nullptr && summary->is_array()) {
                    for (const auto& part : *summary) {
                        if (const std::string* text = textOf(part, "text")) {
                            addReasoning(*text);
                        }
                    }
                }
            }
            readOutputItem(item, i, true);
        }
    }
    readFinalResponse(response, false);
}

} // namespace curator
