#include "agent/chatstream.h"

#include "agent/streamjson.h"
#include "common/utf8text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace curator {

using nlohmann::json;

namespace streamjson {

std::string describe(const json& value) {
    return snippetOf(dumpJsonSafely(value), 60);
}

void wrongType(const std::string& path, const json& value, const char* expected) {
    throw ChunkError(path + " is " + describe(value) + ", expected " + expected);
}

const json* member(const json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(key);
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

const std::string* textOf(const json& object, const char* key) {
    const json* value = member(object, key);
    return value != nullptr && value->is_string() ? &value->get_ref<const std::string&>() : nullptr;
}

const std::string* stringOf(const json& object, const char* key, const std::string& path) {
    const json* value = member(object, key);
    if (value == nullptr) {
        return nullptr;
    }
    if (!value->is_string()) {
        wrongType(path, *value, "a string");
    }
    return &value->get_ref<const std::string&>();
}

long countOf(const json& usage, const char* key) {
    const json* value = member(usage, key);
    if (value == nullptr) {
        return 0;
    }
    constexpr long kMax = std::numeric_limits<long>::max();
    if (value->is_number_unsigned()) {
        const auto count = value->get<unsigned long long>();
        return count > static_cast<unsigned long long>(kMax) ? kMax : static_cast<long>(count);
    }
    if (value->is_number_integer()) {
        return std::max(0L, value->get<long>());
    }
    if (value->is_number_float()) {
        const double count = value->get<double>();
        return std::isfinite(count) && count >= 0 && count < 1e18 ? static_cast<long>(count) : 0;
    }
    if (value->is_string()) {
        const std::string& text = value->get_ref<const std::string&>();
        char* end = nullptr;
        const long count = std::strtol(text.c_str(), &end, 10);
        return !text.empty() && end != nullptr && *end == '\0' && count >= 0 ? count : 0;
    }
    return 0;
}

} // namespace streamjson

using namespace streamjson;

void readChatUsage(const json& usage, ChatUsage& out) {
    if (!usage.is_object()) {
        return;
    }
    ChatUsage read;
    read.promptTokens = countOf(usage, "prompt_tokens");
    read.completionTokens = countOf(usage, "completion_tokens");
    read.totalTokens = countOf(usage, "total_tokens");
    const json* details = member(usage, "completion_tokens_details");
    if (details != nullptr && details->is_object()) {
        read.reasoningTokens = countOf(*details, "reasoning_tokens");
    }
    // A usage of nothing but zeros and nulls says nothing: Workers AI repeats its finish chunk with zero
    // usage, a Claude gateway sends null counts in every chunk but the last. The real figures stay.
    if (read.promptTokens == 0 && read.completionTokens == 0 && read.totalTokens == 0 &&
        read.reasoningTokens == 0) {
        return;
    }
    out = read;
}

AnswerAssembler::AnswerAssembler(ChatResult& result, const ChatStreamCallbacks& callbacks,
                                 size_t maxAnswerBytes)
    : m_result(result)
    , m_callbacks(callbacks)
    , m_maxAnswerBytes(maxAnswerBytes) {}

std::string AnswerAssembler::where() const {
    return m_streaming ? "chunk " + std::to_string(m_chunks) : std::string("the answer");
}

template <typename Read>
bool AnswerAssembler::guarded(Read&& read) noexcept {
    try {
        return read();
    } catch (const ChunkError& error) {
        m_error = m_capExceeded ? std::string(error.what()) : where() + ": " + error.what();
    } catch (const std::exception& error) {
        m_error = where() + ": unexpected content: " + sanitizeUtf8(error.what());
    } catch (...) {
        m_error = where() + ": unexpected content";
    }
    return false;
}

bool AnswerAssembler::feedChunk(const std::string& data) noexcept {
    return guarded([&] {
        ++m_chunks;
        if (data == "[DONE]") {
            m_done = true;
            return true;
        }
        // Invalid UTF-8 would make the whole chunk unreadable: its bytes become U+FFFD instead.
        const bool valid = isValidUtf8(data);
        const json chunk = json::parse(valid ? data : sanitizeUtf8(data), nullptr, false);
        if (chunk.is_discarded()) {
            m_error = where() + " is not JSON: " + snippetOf(data, 120);
            return false;
        }
        readChunk(chunk);
        return true;
    });
}

bool AnswerAssembler::readAnswer(const std::string& body) noexcept {
    m_streaming = false;
    return guarded([&] {
        const json answer = json::parse(isValidUtf8(body) ? body : sanitizeUtf8(body), nullptr, false);
        if (answer.is_discarded() || !answer.is_object()) {
            m_error = "the answer is not a JSON object: " + snippetOf(body, 120);
            return false;
        }
        readWholeAnswer(answer);
        return true;
    });
}

void AnswerAssembler::addReasoning(const std::string& text) {
    if (text.empty()) {
        return;
    }
    addText(m_result.message.reasoning, text);
    if (m_callbacks.onReasoningDelta) {
        m_callbacks.onReasoningDelta(text);
    }
}

void AnswerAssembler::addContent(const std::string& text) {
    if (text.empty()) {
        return;
    }
    addText(m_result.message.content, text);
    if (m_callbacks.onContentDelta) {
        m_callbacks.onContentDelta(text);
    }
}

void ChatStreamAssembler::readWholeAnswer(const json& answer) {
    if (const json* usage = member(answer, "usage")) {
        readChatUsage(*usage, m_result.usage);
    }
    const json* choices = member(answer, "choices");
    if (choices == nullptr || !choices->is_array() || choices->empty()) {
        throw ChunkError("choices is " + (choices ? describe(*choices) : std::string("missing")) +
                         ", expected an array of one choice");
    }
    readChoice(choices->front(), "choices[0]");
}

void ChatStreamAssembler::readChunk(const json& chunk) {
    if (!chunk.is_object()) {
        wrongType("the chunk", chunk, "a JSON object");
    }
    if (const json* error = member(chunk, "error")) {
        throw ChunkError("the server reported an error mid-stream: " +
                         snippetOf(dumpJsonSafely(*error), 300));
    }
    if (const json* usage = member(chunk, "usage")) {
        readChatUsage(*usage, m_result.usage);
    }
    const json* choices = member(chunk, "choices");
    if (choices == nullptr) {
        return;
    }
    if (!choices->is_array()) {
        wrongType("choices", *choices, "an array");
    }
    if (!choices->empty()) {
        readChoice(choices->front(), "choices[0]");
    }
}

void ChatStreamAssembler::readChoice(const json& choice, const std::string& path) {
    if (!choice.is_object()) {
        wrongType(path, choice, "an object");
    }
    if (const std::string* finish = textOf(choice, "finish_reason")) {
        m_result.finishReason = *finish;
    }
    const char* key = streaming() ? "delta" : "message";
    const json* delta = member(choice, key);
    if (delta == nullptr) {
        return;
    }
    if (!delta->is_object()) {
        wrongType(path + "." + key, *delta, "an object");
    }
    readDelta(*delta, path + "." + key);
}

void ChatStreamAssembler::readDelta(const json& delta, const std::string& path) {
    const std::string* reasoning = textOf(delta, "reasoning_content");
    if (reasoning == nullptr || reasoning->empty()) {
        reasoning = textOf(delta, "reasoning");
    }
    if (reasoning != nullptr) {
        addReasoning(*reasoning);
    }
    if (const std::string* content = textOf(delta, "content")) {
        addContent(*content);
    }
    if (const json* parts = member(delta, "tool_calls")) {
        if (!parts->is_array()) {
            wrongType(streaming() ? "tool_calls" : path + ".tool_calls", *parts, "an array");
        }
        readToolCalls(*parts, streaming() ? "tool_calls" : path + ".tool_calls");
    }
}

void ChatStreamAssembler::readToolCalls(const json& parts, const std::string& path) {
    for (size_t i = 0; i < parts.size(); ++i) {
        const json& part = parts[i];
        const std::string at = path + "[" + std::to_string(i) + "]";
        if (!part.is_object()) {
            wrongType(at, part, "an object");
        }
        // A streamed part names its call by index (parallel calls interleave); without one it starts a
        // new call. A non-streamed answer lists each call whole.
        size_t index = m_calls.empty() ? 0 : m_calls.rbegin()->first + 1;
        if (const json* given = member(part, "index"); given != nullptr && streaming()) {
            if (given->is_number_unsigned()) {
                index = given->get<size_t>();
            } else if (given->is_number_integer()) {
                wrongType(at + ".index", *given, "an integer >= 0");
            } else {
                wrongType(at + ".index", *given, "an integer");
            }
        }
        ChatToolCall& call = m_calls[index];
        if (const json* id = member(part, "id")) {
            if (!id->is_string()) {
                wrongType(at + ".id", *id, "a string");
            }
            addText(call.id, id->get_ref<const std::string&>());
        }
        const json* function = member(part, "function");
        if (function == nullptr) {
            continue;
        }
        if (!function->is_object()) {
            wrongType(at + ".function", *function, "an object");
        }
        if (const json* name = member(*function, "name")) {
            if (!name->is_string()) {
                wrongType(at + ".function.name", *name, "a string");
            }
            addText(call.name, name->get_ref<const std::string&>());
        }
        if (const json* arguments = member(*function, "arguments")) {
            if (arguments->is_string()) {
                addText(call.arguments, arguments->get_ref<const std::string&>());
            } else if (arguments->is_object()) {
                addText(call.arguments, dumpJsonSafely(*arguments)); // some servers send the object itself
            } else {
                wrongType(at + ".function.arguments", *arguments, "a string");
            }
        }
    }
}

void AnswerAssembler::addText(std::string& to, const std::string& text) {
    if (text.size() > m_maxAnswerBytes - std::min(m_answerBytes, m_maxAnswerBytes)) {
        m_capExceeded = true;
        throw ChunkError(
            "the answer is larger than the cap of " + std::to_string(m_maxAnswerBytes) +
            " bytes (content, reasoning and tool calls; the max answer bytes setting): refused at " +
            where() + ", not retried");
    }
    m_answerBytes += text.size();
    to += text;
}

void AnswerAssembler::finishToolCalls() {
    for (auto& [index, call] : m_calls) {
        m_result.message.toolCalls.push_back(std::move(call));
    }
    m_calls.clear();
}

} // namespace curator
