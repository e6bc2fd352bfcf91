#include "agent/transcript.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/jsonnumber.h"
#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"

#include <algorithm>
#include <filesystem>

namespace curator {

using nlohmann::json;
namespace fs = std::filesystem;

bool isValidRunId(std::string_view runId) {
    if (runId.empty() || runId.size() > kMaxRunIdBytes) {
        return false;
    }
    auto letterOrDigit = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (!letterOrDigit(runId.front())) {
        return false;
    }
    return std::all_of(runId.begin(), runId.end(),
                       [&](char c) { return letterOrDigit(c) || c == '-' || c == '_'; });
}

Status checkRunId(std::string_view runId) {
    if (isValidRunId(runId)) {
        return {};
    }
    return makeError("run id '" + snippetOf(std::string(runId), 80) +
                     "' is invalid: a run id is ASCII letters, digits, '-' and '_', starts with a letter or "
                     "digit and has at most " +
                     std::to_string(kMaxRunIdBytes) + " characters (see curator-cli agent list)");
}

namespace {

// Credentials in a URL (a base URL's user info) never reach the file, whichever event carries them.
void redactUrls(json& value) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (text.find("://") != std::string::npos) {
            value = redactUrlUserInfo(text);
        }
    } else if (value.is_structured()) {
        for (auto& item : value) {
            redactUrls(item);
        }
    }
}

} // namespace

std::string Transcript::path(const std::string& workspaceDirectory, const std::string& runId) {
    return (fs::path(workspaceDirectory) / "runs" / (runId + ".jsonl")).string();
}

Result<std::unique_ptr<Transcript>> Transcript::open(const std::string& workspaceDirectory,
                                                     const std::string& runId, int64_t nextSeq) {
    if (auto valid = checkRunId(runId); !valid) {
        return valid.takeError();
    }
    std::error_code error;
    fs::create_directories(fs::path(workspaceDirectory) / "runs", error);
    if (error) {
        return makeError((fs::path(workspaceDirectory) / "runs").string() +
                         ": cannot create: " + error.message());
    }
    std::unique_ptr<Transcript> transcript(new Transcript());
    transcript->m_runId = runId;
    transcript->m_path = path(workspaceDirectory, runId);
    transcript->m_seq = nextSeq;
    // A crash mid-line leaves a partial last line: start on a fresh line so the next event stays readable.
    bool needsNewline = false;
    {
        std::ifstream existing(transcript->m_path, std::ios::binary | std::ios::ate);
        if (existing && existing.tellg() > 0) {
            existing.seekg(-1, std::ios::end);
            char last = '\n';
            existing.get(last);
            needsNewline = last != '\n';
        }
    }
    transcript->m_out.open(transcript->m_path, std::ios::out | std::ios::app | std::ios::binary);
    if (!transcript->m_out) {
        return makeError(transcript->m_path + ": cannot open for appending");
    }
    if (needsNewline) {
        transcript->m_out << '\n';
    }
    return transcript;
}

Result<json> Transcript::append(json event) {
    std::lock_guard<std::mutex> lock(m_mutex);
    event["run_id"] = m_runId;
    event["seq"] = m_seq++;
    event["time"] = utcTimestamp();
    // Events carry text from outside (a model's answer, an endpoint's error): what is written, and returned
    // to the listeners, is valid UTF-8, so that any later dump() of it cannot throw.
    sanitizeJsonStrings(event);
    redactUrls(event);
    m_out << dumpJsonSafely(event) << '\n';
    m_out.flush();
    if (!m_out) {
        return makeError(m_path + ": cannot write the transcript");
    }
    return event;
}

Result<std::vector<json>> Transcript::read(const std::string& filePath) {
    std::error_code missing;
    if (!fs::exists(filePath, missing)) {
        return makeError(filePath + ": no such transcript");
    }
    // A transcript may come from elsewhere (a copied workspace): read only a regular file within the limit,
    // and measure each line's nesting before parsing it.
    Result<std::string> text = readWholeFile(filePath, kMaxTranscriptBytes);
    if (!text) {
        return text.takeError();
    }
    std::vector<std::string_view> lines;
    for (std::string_view rest = *text; !rest.empty();) {
        const size_t end = rest.find('\n');
        lines.push_back(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    std::vector<json> events;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            continue;
        }
        const std::string where = filePath + ":" + std::to_string(i + 1);
        if (auto shallow = checkJsonDepth(lines[i], where); !shallow) {
            return shallow.takeError();
        }
        json event = json::parse(lines[i], nullptr, false);
        if (event.is_discarded() || !event.is_object()) {
            // A partial line is what a crash mid-write leaves: skipped wherever it is, since a resumed run
            // continues on the next line. Anything else is not a transcript line.
            if (i + 1 == lines.size() || lines[i].front() == '{') {
                continue;
            }
            return makeError(where + ": not a JSON event");
        }
        events.push_back(std::move(event));
    }
    return events;
}

std::vector<std::string> Transcript::listRuns(const std::string& workspaceDirectory) {
    std::vector<std::string> runs;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(fs::path(workspaceDirectory) / "runs", error)) {
        if (entry.path().extension() == ".jsonl" && isValidRunId(entry.path().stem().string())) {
            runs.push_back(entry.path().stem().string());
        }
    }
    std::sort(runs.begin(), runs.end());
    return runs;
}

json messageToJson(const ChatMessage& message) {
    json object = {{"role", message.role}, {"content", message.content}};
    if (!message.reasoning.empty()) {
        object["reasoning"] = message.reasoning;
    }
    if (!message.toolCalls.empty()) {
        json calls = json::array();
        for (const auto& call : message.toolCalls) {
            calls.push_back({{"id", call.id}, {"name", call.name}, {"arguments", call.arguments}});
        }
        object["tool_calls"] = calls;
    }
    if (!message.toolCallId.empty()) {
        object["tool_call_id"] = message.toolCallId;
    }
    if (!message.reasoningItems.empty()) {
        object["reasoning_items"] = message.reasoningItems; // opaque (encrypted): sent back on resume
    }
    if (!message.imageUrls.empty()) {
        object["images"] = message.imageUrls.size(); // the count only: data URLs stay out of the transcript
    }
    return object;
}

ChatMessage messageFromJson(const json& object) {
    ChatMessage message;
    message.role = object.value("role", std::string());
    message.content = object.value("content", std::string());
    message.reasoning = object.value("reasoning", std::string());
    message.reasoningItems = object.value("reasoning_items", std::string());
    message.toolCallId = object.value("tool_call_id", std::string());
    if (object.contains("tool_calls") && object["tool_calls"].is_array()) {
        for (const auto& call : object["tool_calls"]) {
            message.toolCalls.push_back({call.value("id", std::string()), call.value("name", std::string()),
                                         call.value("arguments", std::string())});
        }
    }
    return message;
}

json makeEvent(EventKind kind, json fields) {
    fields[eventfield::kType] = eventKindName(kind);
    return fields;
}

std::optional<EventKind> eventKindOf(const json& event) {
    if (!event.is_object()) {
        return std::nullopt;
    }
    const auto type = event.find(eventfield::kType);
    if (type == event.end() || !type->is_string()) {
        return std::nullopt;
    }
    return eventKindFromName(type->get<std::string>());
}

int64_t seqAfter(int64_t current, const json& event) {
    constexpr int64_t kLargestSeq = int64_t(1) << 53; // beyond any real run, and exact in any reader
    const int64_t seq = integerOr(event, eventfield::kSeq, -1);
    return seq >= 0 && seq < kLargestSeq ? std::max(current, seq + 1) : current;
}

namespace {

void addToolResult(TranscriptState& state, const json& event) {
    ChatMessage tool;
    tool.role = "tool";
    tool.toolCallId = event.value(eventfield::kCallId, std::string());
    tool.content = event.value(eventfield::kText, std::string());
    const std::string callId = tool.toolCallId;
    state.messages.push_back(std::move(tool));
    auto& pending = state.unansweredCalls;
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                                 [&](const ChatToolCall& call) { return call.id == callId; }),
                  pending.end());
}

void addMessage(TranscriptState& state, const json& event) {
    ChatMessage message = messageFromJson(event.value(eventfield::kMessage, json::object()));
    if (message.role == "assistant") {
        ++state.turns;
        state.unansweredCalls = message.toolCalls;
    }
    if (message.role == "user" && countOr(event, eventfield::kImages, 0) > 0) {
        message.content += "\n(the images shown here are not kept in the transcript)";
    }
    state.messages.push_back(std::move(message));
}

// The conversation the compaction left replaces everything before it.
void restartFromCompaction(TranscriptState& state, const json& event) {
    const auto messages = event.find(eventfield::kMessages);
    if (messages == event.end() || !messages->is_array()) {
        return; // a damaged compaction record: the whole conversation is kept, which only costs context
    }
    state.messages.clear();
    for (const auto& message : *messages) {
        if (message.is_object()) {
            state.messages.push_back(messageFromJson(message));
        }
    }
    state.unansweredCalls.clear();
}

} // namespace

namespace {

Result<TranscriptState> rebuildEvents(const std::vector<json>& events) {
    TranscriptState state;
    bool started = false;
    for (const auto& event : events) {
        state.nextSeq = seqAfter(state.nextSeq, event);
        const std::optional<EventKind> kind = eventKindOf(event);
        if (!kind) {
            continue;
        }
        switch (*kind) {
        case EventKind::RunStarted: {
            state.runStarted = event;
            const int64_t version = integerOr(event, eventfield::kTranscriptVersion, 1);
            if (version > kTranscriptVersion) {
                return makeError("transcript version " + std::to_string(version) +
                                 " is newer than this program reads (" + std::to_string(kTranscriptVersion) +
                                 ")");
            }
            state.version = static_cast<int>(std::max<int64_t>(version, 1));
            started = true;
            break;
        }
        case EventKind::Message:
            addMessage(state, event);
            state.openQuestion.clear(); // an answer, or anything else the conversation went on with
            break;
        case EventKind::Question:
            state.openQuestion = event.value(eventfield::kText, std::string());
            break;
        case EventKind::ToolResult:
            addToolResult(state, event);
            break;
        case EventKind::ContextCompacted:
            restartFromCompaction(state, event);
            break;
        case EventKind::RunFinished:
            state.finished = true;
            state.finishReason = event.value(eventfield::kReason, std::string());
            break;
        case EventKind::RunResumed:
            state.finished = false;
            state.finishReason.clear();
            break;
        default:
            break;
        }
    }
    if (!started) {
        return makeError("the transcript has no run_started event");
    }
    return state;
}

} // namespace

Result<TranscriptState> rebuildFromTranscript(const std::vector<json>& events) {
    // A field of the wrong type (a "seq" that is text, found by tests/fuzz) is an error, never a crash.
    try {
        return rebuildEvents(events);
    } catch (const json::exception& error) {
        return makeError(std::string("transcript: an event has a field of the wrong type: ") + error.what());
    }
}

} // namespace curator
