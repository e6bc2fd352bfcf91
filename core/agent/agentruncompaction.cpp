// Keeping a run's conversation within its context budget (issue 15 §2): before every turn the request is
// costed (a "context" event) and older turns are trimmed (contextwindow.h); when that is not enough the
// run compacts. The model writes its progress notes in a turn without tools; the conversation then starts
// again from the system prompt, the theme, those notes, the run's own record of its commits and a fresh
// status. The transcript keeps everything, and "context_compacted" carries the new conversation, so a
// resumed run continues from the compacted state.
#include "agent/agentrun.h"

#include "agent/agentevents.h"
#include "common/jsonnumber.h"
#include "common/utf8text.h"

namespace curator {

using nlohmann::json;
namespace field = eventfield;

namespace {

constexpr size_t kMaxNotesBytes = 16 * 1024;

constexpr const char* kCompactionRequest =
    "The conversation has reached its context budget and will be compacted: everything above except the "
    "system prompt and the theme will be replaced by the notes you write now. Write your progress notes "
    "for yourself, as a plain list, no tool calls: the sub-elements (themes) you have finished and how "
    "many images each got; the similarity thresholds and bands you found, per query, with what the "
    "grids showed above and below them; the commits you made and why; the negative prompts that "
    "worked; what remains to do next. The run's own record of its commits and a fresh status follow "
    "your notes.";

json costFields(const ContextCost& cost) {
    return {{field::kEstimatedTokens, cost.total()},
            {field::kTextTokens, cost.textTokens},
            {field::kImageTokens, cost.imageTokens},
            {field::kImages, cost.images}};
}

// The system prompt and the theme: the messages before the first assistant turn.
std::vector<ChatMessage> conversationStart(const std::vector<ChatMessage>& messages) {
    std::vector<ChatMessage> start;
    for (const auto& message : messages) {
        if (message.role == "assistant" || message.role == "tool" || !message.imageUrls.empty()) {
            break;
        }
        start.push_back(message);
    }
    return start;
}

} // namespace

void AgentRun::setContextBudget(long tokens) {
    m_config.contextBudgetTokens = tokens;
    m_context.reset();
}

Status AgentRun::keepWithinBudget(const std::string& model) {
    if (!m_context) {
        m_context = std::make_unique<ContextWindow>(m_config.contextBudgetTokens);
    }
    ContextTrim trim;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        trim = m_context->fit(m_messages, m_schemas);
    }
    Status fitted;
    ContextCost sent = trim.after;
    if (trim.overBudget) {
        fitted = compact(model, trim);
        std::lock_guard<std::mutex> lock(m_mutex);
        sent = m_context->cost(m_messages, m_schemas);
    }
    // What the request about to be sent costs (after any trimming and compaction).
    json event = makeEvent(EventKind::Context, costFields(sent));
    event[field::kTurn] = m_turns.load() + 1;
    event[field::kModel] = model;
    event[field::kBudget] = m_context->budget();
    if (trim.changed() || trim.overBudget) {
        event[field::kTokensBefore] = trim.before.total();
        event[field::kDownscaled] = trim.downscaled;
        event[field::kRemovedImages] = trim.removed;
        event[field::kShortened] = trim.shortened;
        event[field::kCompacted] = trim.overBudget;
    }
    emit(std::move(event));
    return fitted;
}

std::string AgentRun::compactionNotes(const std::string& model) {
    if (!m_planner->readsMessages()) {
        return {};
    }
    std::vector<ChatMessage> request = ContextWindow::withoutImages(messages());
    ChatMessage ask;
    ask.role = "user";
    ask.content = kCompactionRequest;
    request.push_back(std::move(ask));
    PlannerContext context;
    context.theme = m_config.theme;
    context.messages = &request;
    context.tools = &m_schemas;
    context.toolChoice = "none";
    const std::vector<ToolResult> noResults;
    context.lastResults = &noResults;
    context.usage = [&](const ChatUsage& usage) {
        emit(makeEvent(EventKind::Usage, {{field::kTurn, m_turns.load() + 1},
                                          {field::kModel, model},
                                          {field::kCompacting, true},
                                          {field::kPromptTokens, usage.promptTokens},
                                          {field::kCompletionTokens, usage.completionTokens},
                                          {field::kTotalTokens, usage.totalTokens},
                                          {field::kReasoningTokens, usage.reasoningTokens}}));
    };
    context.cancel = &m_stop;
    auto answer = m_planner->next(context);
    if (!answer) {
        if (!m_stop) {
            emit(makeEvent(EventKind::Error,
                           {{field::kRecoverable, true},
                            {field::kTurn, m_turns.load() + 1},
                            {field::kMessage, "the compaction turn failed (" + answer.error() +
                                                  "): the run continues from its own record and status"}}));
        }
        return {};
    }
    // Tool calls in a turn that asked for none are ignored: the notes are the text.
    return snippetOf(answer->content, kMaxNotesBytes);
}

std::string AgentRun::runRecord() const {
    auto events = Transcript::read(m_transcript->filePath());
    if (!events) {
        return "(the run's record could not be read: " + events.error() + ")";
    }
    std::string record;
    for (const auto& event : *events) {
        if (eventKindOf(event) != EventKind::ToolResult || !event.value(field::kOk, false)) {
            continue;
        }
        const std::string name = event.value(field::kName, std::string());
        if (name == "commit" || name == "undo_commit") {
            const std::string text = event.value(field::kText, std::string());
            record += "- turn " + std::to_string(integerOr(event, field::kTurn, 0)) + ": " +
                      text.substr(0, text.find('\n')) + "\n";
        }
    }
    return record.empty() ? "- no commits yet\n" : record;
}

Status AgentRun::compact(const std::string& model, const ContextTrim& trim) {
    const std::string notes = compactionNotes(model);
    if (m_stop) {
        return makeError("stopped during the compaction turn");
    }
    const std::string record = runRecord();
    const ToolResult status = m_tools->execute("status", "{}");
    std::vector<ChatMessage> compacted = conversationStart(messages());
    ChatMessage summary;
    summary.role = "user";
    summary.content = "(The conversation was compacted before turn " + std::to_string(m_turns.load() + 1) +
                      " to stay within the context budget of " + std::to_string(m_context->budget()) +
                      " tokens; the transcript keeps it whole.)\n\nYour progress notes:\n" +
                      (notes.empty() ? std::string("(none were written)") : notes) +
                      "\n\nThe run's record of its commits and undos:\n" + record + "\nStatus now:\n" +
                      status.text + "\n\nContinue with the theme from here.";
    compacted.push_back(std::move(summary));
    const ContextCost after = m_context->cost(compacted, m_schemas);
    json messagesJson = json::array();
    for (const auto& message : compacted) {
        messagesJson.push_back(messageToJson(message));
    }
    emit(makeEvent(EventKind::ContextCompacted, {{field::kTurn, m_turns.load() + 1},
                                                 {field::kModel, model},
                                                 {field::kNotes, notes},
                                                 {field::kFacts, record},
                                                 {field::kTokensBefore, trim.after.total()},
                                                 {field::kTokensAfter, after.total()},
                                                 {field::kBudget, m_context->budget()},
                                                 {field::kMessages, std::move(messagesJson)}}));
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_messages = std::move(compacted);
    }
    if (after.total() > m_context->budget()) {
        return makeError("the context budget of " + std::to_string(m_context->budget()) +
                         " tokens is smaller than the system prompt, the tools, the progress notes and the "
                         "status (about " +
                         std::to_string(after.total()) + " tokens): raise the budget (--context-budget)");
    }
    return {};
}

} // namespace curator
