#pragma once

// Assembles an answer of OpenAI's Responses API (`POST /v1/responses`, stream: true) from its events, each
// a JSON object whose `type` names it:
//   response.output_text.delta             {item_id, output_index, content_index, delta}: content
//   response.reasoning_summary_text.delta  {item_id, output_index, summary_index, delta}: reasoning shown
//   response.output_item.added / .done     {output_index, item}: a function_call item {id, call_id, name,
//                                          arguments}; a reasoning item {id, summary, encrypted_content}
//                                          (done), kept verbatim in ChatMessage::reasoningItems
//   response.function_call_arguments.delta / .done {item_id, output_index, delta | arguments}
//   response.completed / .incomplete       {response: {usage: {input_tokens, output_tokens, total_tokens,
//                                          output_tokens_details: {reasoning_tokens}}}}: the end
//   response.failed {response: {error}}, error {code, message}: an error naming the server's words
// Other events are ignored. Malformed events end the answer with an error naming the event and the field,
// as for Chat Completions (chatstream.h); null or missing optional fields are ignored.

#include "agent/chatstream.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace curator {

class ResponsesStreamAssembler : public AnswerAssembler {
public:
    using AnswerAssembler::AnswerAssembler;

private:
    void readChunk(const nlohmann::json& event) override;
    void readWholeAnswer(const nlohmann::json& response) override;
    void readOutputItem(const nlohmann::json& item, size_t outputIndex, bool done);
    void readFinalResponse(const nlohmann::json& response, bool failed);
    // The call an event names: by output_index, else by item_id; nullptr when neither names an open call.
    ChatToolCall* callOf(const nlohmann::json& event);
    void keepReasoningItem(const nlohmann::json& item);

    std::map<std::string, size_t> m_callIndexByItemId;
    nlohmann::json m_reasoningItems = nlohmann::json::array();
};

// Token counts of a Responses "usage" object ({input_tokens, output_tokens, total_tokens,
// output_tokens_details.reasoning_tokens}); as readChatUsage, a usage of only zeros and nulls is ignored.
void readResponsesUsage(const nlohmann::json& usage, ChatUsage& out);

} // namespace curator
