// What an LLM endpoint sends: a server-sent-event stream, split into events and assembled into an answer,
// or (first byte odd) one non-streamed answer body. The first byte's second bit picks the dialect: Chat
// Completions chunks (clear) or OpenAI Responses events (set).
#include "agent/chatstream.h"
#include "agent/responsesstream.h"
#include "net/httpclient.h"

#include <memory>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    curator::ChatResult result;
    curator::ChatStreamCallbacks callbacks;
    std::unique_ptr<curator::AnswerAssembler> dialect;
    if ((data[0] & 2) != 0) {
        dialect = std::make_unique<curator::ResponsesStreamAssembler>(result, callbacks, 1 << 20);
    } else {
        dialect = std::make_unique<curator::ChatStreamAssembler>(result, callbacks, 1 << 20);
    }
    curator::AnswerAssembler& assembler = *dialect;
    if ((data[0] & 1) != 0) {
        if (assembler.readAnswer(std::string(body))) {
            assembler.finishToolCalls();
        }
        return 0;
    }
    bool going = true;
    curator::SseParser parser([&](const std::string&, const std::string& eventData) {
        if (going) {
            going = assembler.feedChunk(eventData);
        }
    });
    // Bytes arrive in pieces: split at the second byte's value so that lines are cut mid-way.
    const size_t cut = size > 1 ? data[1] % body.size() + 1 : body.size();
    parser.feed(body.substr(0, cut));
    parser.feed(body.substr(cut < body.size() ? cut : body.size()));
    parser.finish();
    if (going) {
        assembler.finishToolCalls();
    }
    return 0;
}
