// A turn without tool calls: the end of the run when it is marked final, else a question the person
// answers (or, with nobody attached, a question recorded before the run ends). See agentquestions.h.
#include "agent/agentquestions.h"

#include "agent/agentevents.h"
#include "agent/agentrun.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

namespace {

std::string trimmed(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

std::optional<std::string> markedFinalSummary(const std::string& content) {
    const std::string text = trimmed(content);
    const size_t length = std::strlen(kFinalSummaryMarker);
    if (text.size() < length) {
        return std::nullopt;
    }
    const bool marked = std::equal(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(length),
                                   kFinalSummaryMarker, [](char a, char b) {
                                       return std::toupper(static_cast<unsigned char>(a)) ==
                                              std::toupper(static_cast<unsigned char>(b));
                                   });
    if (!marked) {
        return std::nullopt;
    }
    return trimmed(text.substr(length));
}

std::optional<std::string> finishCallSummary(const std::vector<ChatToolCall>& calls,
                                             const std::vector<ToolResult>& results) {
    for (size_t i = 0; i < calls.size() && i < results.size(); ++i) {
        if (calls[i].name == "finish" && results[i].ok) {
            return results[i].data.value("summary", std::string());
        }
    }
    return std::nullopt;
}

bool AgentRun::answerText(const std::string& content) {
    if (auto summary = markedFinalSummary(content)) {
        finish("final_answer", {}, {{field::kSummary, *summary}});
        return false;
    }
    const std::string question =
        trimmed(content).empty() ? "(the agent answered with neither text nor a tool call)" : content;
    return askHuman(question);
}

bool AgentRun::askHuman(const std::string& question) {
    const bool lastTurn = m_turns >= m_config.maxTurns; // nothing could follow an answer
    const bool attached = m_humanAttached && !lastTurn;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_answer.reset();
        m_questionOpen = attached; // open before the event: a listener may answer at once
        if (attached) {
            m_state = State::AwaitingAnswer;
        }
    }
    emit(makeEvent(
        EventKind::Question,
        {{field::kTurn, m_turns.load()}, {field::kText, question}, {field::kHumanAttached, attached}}));
    std::optional<std::string> answer;
    if (attached) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait(lock, [&] { return m_stop || m_answer.has_value() || !m_humanAttached; });
        m_questionOpen = false;
        answer = std::exchange(m_answer, std::nullopt);
        m_state = State::Running;
    }
    if (!answer) {
        finish(m_stop     ? "stopped"
               : lastTurn ? "max_turns"
                          : "question_unanswered",
               {}, {{field::kQuestion, question}});
        return false;
    }
    ChatMessage reply;
    reply.role = "user";
    reply.content = "[human answer] " + *answer;
    addMessage(std::move(reply));
    return true;
}

} // namespace curator
