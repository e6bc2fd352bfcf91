#pragma once

// Assembles an LLM's answer from what an endpoint sends: the data of each streamed event, or the body of
// a non-streamed answer. Nothing an endpoint sends may end the process: a malformed chunk is an error
// naming the chunk and the field ("chunk 12: tool_calls[0].index is \"a\", expected an integer"),
// harmless oddities (a null usage count, a null content) are ignored, text with invalid UTF-8 has it
// replaced by U+FFFD, and an answer larger than the cap is refused. One subclass per dialect:
// ChatStreamAssembler (Chat Completions, here) and ResponsesStreamAssembler (responsesstream.h).

#include "agent/llmclient.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <string>

namespace curator {

class AnswerAssembler {
public:
    // `result` receives the answer; `callbacks` the deltas (only while the answer is within the cap).
    AnswerAssembler(ChatResult& result, const ChatStreamCallbacks& callbacks, size_t maxAnswerBytes);
    virtual ~AnswerAssembler() = default;
    AnswerAssembler(const AnswerAssembler&) = delete;
    AnswerAssembler& operator=(const AnswerAssembler&) = delete;

    // One server-sent event's data. False when the stream must stop: error() says why. Never throws.
    bool feedChunk(const std::string& data) noexcept;
    // A non-streamed answer's body. False on a malformed answer (error()). Never throws.
    bool readAnswer(const std::string& body) noexcept;

    bool done() const { return m_done; } // the stream said the answer is complete
    const std::string& error() const { return m_error; }
    bool capExceeded() const { return m_capExceeded; }
    // Moves the assembled tool calls, in the order the server numbered them, into the result's message.
    void finishToolCalls();

protected:
    // One parsed event (any JSON value), and a parsed non-streamed answer (an object). Throw
    // streamjson::ChunkError for what is wrong.
    virtual void readChunk(const nlohmann::json& chunk) = 0;
    virtual void readWholeAnswer(const nlohmann::json& answer) = 0;
    // Adds endpoint text to the answer, counting it against the cap (throws when exceeded).
    void addText(std::string& to, const std::string& text);
    void addReasoning(const std::string& text); // and tells the listener
    void addContent(const std::string& text);   // and tells the listener
    std::string where() const;
    bool streaming() const { return m_streaming; }

    ChatResult& m_result;
    bool m_done = false;
    std::map<size_t, ChatToolCall> m_calls; // by the index the server gives each call

private:
    // Runs `read` (which returns whether to go on); any exception becomes error() naming where it arose.
    template <typename Read>
    bool guarded(Read&& read) noexcept;

    const ChatStreamCallbacks& m_callbacks;
    size_t m_maxAnswerBytes;
    size_t m_answerBytes = 0;
    size_t m_chunks = 0;
    bool m_streaming = true;
    bool m_capExceeded = false;
    std::string m_error;
};

// Chat Completions: `data: {chunk}` events ending with `data: [DONE]`, or one `chat.completion` body.
class ChatStreamAssembler : public AnswerAssembler {
public:
    using AnswerAssembler::AnswerAssembler;

private:
    void readChunk(const nlohmann::json& chunk) override;
    void readWholeAnswer(const nlohmann::json& answer) override;
    void readChoice(const nlohmann::json& choice, const std::string& where);
    void readDelta(const nlohmann::json& delta, const std::string& where);
    void readToolCalls(const nlohmann::json& parts, const std::string& where);
};

// Token counts from a "usage" object; counts that are missing, null or not numbers are left at 0, numbers
// in strings ("12") are read.
void readChatUsage(const nlohmann::json& usage, ChatUsage& out);

} // namespace curator
