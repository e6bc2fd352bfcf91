// The run's loop: turn boundaries (pause, human actions), the planner's turn with its streamed events, the
// tool calls in order and their results. How a run starts is in agentrunstart.cpp, the controls and the
// approval of commits in agentruncontrols.cpp.
#include "agent/agentrun.h"

#include "agent/agentevents.h"
#include "agent/agentquestions.h"
#include "agent/gridfiles.h"
#include "common/utf8text.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

const char* agentStateName(AgentRun::State state) {
    switch (state) {
    case AgentRun::State::Ready:
        return "ready";
    case AgentRun::State::Running:
        return "running";
    case AgentRun::State::Paused:
        return "paused";
    case AgentRun::State::AwaitingApproval:
        return "awaiting_approval";
    case AgentRun::State::AwaitingAnswer:
        return "awaiting_answer";
    case AgentRun::State::Finished:
        return "finished";
    }
    return "unknown";
}

AgentRun::~AgentRun() = default;

void AgentRun::emit(json event) {
    std::lock_guard<std::recursive_mutex> lock(m_emitMutex);
    auto written = m_transcript->append(std::move(event));
    if (m_listener) {
        if (written) {
            m_listener(*written);
        } else {
            m_listener(
                makeEvent(EventKind::Error, {{field::kRunId, m_runId}, {field::kMessage, written.error()}}));
        }
    }
}

void AgentRun::addMessage(ChatMessage message, int images, json fields) {
    json event = makeEvent(EventKind::Message, std::move(fields));
    event[field::kMessage] = messageToJson(message);
    if (images > 0) {
        event[field::kImages] = images;
    }
    if (message.role == "assistant") {
        event[field::kModel] = m_planner->model();
    }
    emit(std::move(event));
    std::lock_guard<std::mutex> lock(m_mutex);
    m_messages.push_back(std::move(message));
}

AgentRun::State AgentRun::state() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_state;
}

std::string AgentRun::finishReason() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_finishReason;
}

std::vector<ChatMessage> AgentRun::messages() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_messages;
}

bool AgentRun::turnBoundary() {
    std::unique_lock<std::mutex> lock(m_mutex);
    while (true) {
        if (m_stop) {
            return false;
        }
        if (!m_undos.empty()) {
            applyHumanActions(lock); // undos are done even while paused, so the person sees them at once
            continue;
        }
        if (!m_paused) {
            break;
        }
        m_state = State::Paused;
        m_wake.wait(lock);
    }
    applyHumanActions(lock);
    m_state = State::Running;
    return !m_stop;
}

bool AgentRun::paceTurn() {
    std::unique_lock<std::mutex> lock(m_mutex);
    const RunPacing pacing = m_pacing;
    const int next = m_turns.load() + 1;
    if (pacing.turnDelaySeconds > 0 && next > 1 && !m_released && !m_paused && !m_stop) {
        lock.unlock();
        emit(makeEvent(EventKind::RunWaiting, {{field::kReason, waitreason::kDelay},
                                               {field::kTurn, next},
                                               {field::kSeconds, pacing.turnDelaySeconds}}));
        lock.lock();
        // On the condition, not a sleep: Step, Resume, Pause and Stop end the delay at once.
        m_wake.wait_for(lock, std::chrono::duration<double>(pacing.turnDelaySeconds),
                        [&] { return m_stop || m_released || m_paused; });
    }
    if (pacing.pauseBeforeTurn && !m_released && !m_stop) {
        m_paused = true;
        lock.unlock();
        emit(makeEvent(EventKind::RunWaiting,
                       {{field::kReason, waitreason::kBeforeTurn}, {field::kTurn, next}}));
    }
    return !m_stop; // turnBoundary waits while paused
}

bool AgentRun::waitBeforeCommit(const ChatToolCall& call, const json& arguments) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = true;
        m_stepping = false;
        m_released = false;
    }
    json event = makeEvent(EventKind::RunWaiting, {{field::kReason, waitreason::kBeforeCommit},
                                                   {field::kTurn, m_turns.load()},
                                                   {field::kCallId, call.id},
                                                   {field::kName, call.name},
                                                   {field::kArguments, arguments}});
    addCommitPreview(event, arguments);
    emit(std::move(event));
    std::unique_lock<std::mutex> lock(m_mutex);
    m_state = State::Paused;
    m_wake.wait(lock, [&] { return m_stop || !m_paused; });
    m_state = State::Running;
    return !m_stop;
}

void AgentRun::addCommitPreview(json& event, const json& arguments) {
    constexpr size_t kPreviewRows = 12;
    auto preview = m_tools->commitPreview(arguments, kPreviewRows);
    if (preview) {
        event[field::kPreview] = std::move(*preview);
    } else {
        event[field::kPreviewError] = preview.error();
    }
}

void AgentRun::addCommitWhatIf(json& event, const json& arguments) {
    auto whatIf = m_tools->commitWhatIf(arguments);
    if (!whatIf) {
        return; // the preview's own error (or count) already tells the person
    }
    auto shared = std::make_shared<const CommitWhatIf>(std::move(*whatIf));
    json& preview = event[field::kPreview];
    if (preview.is_object()) {
        preview[field::kNewImages] = shared->at(arguments.value("threshold", 0.0)).fresh;
        const SimilarityDistribution distribution = shared->distribution(defaults::kDistributionBins);
        preview[field::kDistribution] = {{"minimum", distribution.minimum},
                                         {"maximum", distribution.maximum},
                                         {"counts", distribution.counts}};
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pendingWhatIf = std::move(shared);
}

ToolResult AgentRun::executeCall(const ChatToolCall& call) {
    if (approvalRequired(call.name)) {
        return approveCall(call);
    }
    if (call.name == "commit" && pacing().pauseBeforeCommit) {
        json arguments = json::parse(call.arguments.empty() ? "{}" : call.arguments, nullptr, false);
        // A malformed commit is answered at once (the tool's own error), never held.
        if (!arguments.is_discarded() && m_tools->coerceAndValidate(call.name, arguments).ok() &&
            !waitBeforeCommit(call, arguments)) {
            ToolResult result;
            result.ok = false;
            result.text = "ERROR: not executed: the run was stopped before this commit";
            result.data = {{"not_executed", true}};
            return result;
        }
    }
    return m_tools->execute(call.name, call.arguments);
}

json AgentRun::keepGridFiles(const ChatToolCall& call, const ToolResult& result, json& event) {
    if (result.imageDataUrls.empty()) {
        return json::array();
    }
    auto written = writeGridFiles(m_workspace, m_runId, call.id, result.imageDataUrls);
    if (!written) {
        event[field::kGridFilesError] = written.error();
        return json::array();
    }
    event[field::kGridFiles] = *written;
    return *written;
}

void AgentRun::finish(const std::string& reason, const std::string& error, const json& fields) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state = State::Finished;
        m_finishReason = reason;
    }
    json event =
        makeEvent(EventKind::RunFinished,
                  {{field::kReason, reason}, {field::kTurns, m_turns.load()}, {field::kBranch, m_branch}});
    if (!error.empty()) {
        event[field::kError] = error;
    }
    event.update(fields);
    emit(std::move(event));
}

Result<ChatMessage> AgentRun::plannerTurn(const std::string& model) {
    PlannerContext context;
    context.theme = m_config.theme;
    std::vector<ChatMessage> snapshot = messages();
    context.messages = &snapshot;
    context.tools = &m_schemas;
    context.lastResults = &m_lastResults;
    context.reasoningDelta = [&](std::string_view delta) {
        emit(makeEvent(EventKind::ReasoningDelta, {{field::kTurn, m_turns.load() + 1},
                                                   {field::kModel, model},
                                                   {field::kDelta, std::string(delta)}}));
    };
    context.contentDelta = [&](std::string_view delta) {
        emit(makeEvent(EventKind::MessageDelta, {{field::kTurn, m_turns.load() + 1},
                                                 {field::kModel, model},
                                                 {field::kDelta, std::string(delta)}}));
    };
    context.restart = [&](int attempt, const std::string& reason) {
        emit(makeEvent(EventKind::Error, {{field::kRecoverable, true},
                                          {field::kTurn, m_turns.load() + 1},
                                          {field::kMessage, "the answer restarts (attempt " +
                                                                std::to_string(attempt) + "): " + reason}}));
    };
    context.usage = [&](const ChatUsage& usage) {
        emit(makeEvent(EventKind::Usage, {{field::kTurn, m_turns.load() + 1},
                                          {field::kModel, model},
                                          {field::kPromptTokens, usage.promptTokens},
                                          {field::kCompletionTokens, usage.completionTokens},
                                          {field::kTotalTokens, usage.totalTokens},
                                          {field::kReasoningTokens, usage.reasoningTokens}}));
    };
    context.cancel = &m_stop;
    return m_planner->next(context);
}

void AgentRun::assignCallIds(std::vector<ChatToolCall>& calls) {
    constexpr size_t kMaxIdBytes = 128;
    std::set<std::string> used;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const auto& message : m_messages) {
            for (const auto& call : message.toolCalls) {
                used.insert(call.id);
            }
        }
    }
    size_t renamed = 0;
    std::string example;
    for (size_t i = 0; i < calls.size(); ++i) {
        std::string& id = calls[i].id;
        if (!id.empty() && id.size() <= kMaxIdBytes && used.insert(id).second) {
            continue;
        }
        if (!id.empty()) {
            ++renamed;
            example = example.empty() ? snippetOf(id, 40) : example;
        }
        const std::string base = "call_" + std::to_string(m_turns.load()) + "_" + std::to_string(i + 1);
        id = base;
        for (int k = 2; !used.insert(id).second; ++k) {
            id = base + "_" + std::to_string(k);
        }
    }
    if (renamed > 0) {
        emit(makeEvent(EventKind::Error,
                       {{field::kRecoverable, true},
                        {field::kTurn, m_turns.load()},
                        {field::kMessage, std::to_string(renamed) +
                                              " tool call(s) came with an id already used in the run or "
                                              "longer than 128 bytes (e.g. '" +
                                              example + "'): they were given new ids"}}));
    }
}

namespace {

ToolResult notExecuted(size_t calls, size_t limit) {
    ToolResult result;
    result.ok = false;
    result.text = "ERROR: not executed: this turn asked for " + std::to_string(calls) +
                  " tool calls and at most " + std::to_string(limit) +
                  " run per turn (the first ones ran); call again in a later turn if it is still needed";
    result.data = {{"not_executed", true}, {"max_tool_calls_per_turn", limit}};
    return result;
}

} // namespace

void AgentRun::runToolCalls(const std::vector<ChatToolCall>& calls, const std::string& model) {
    std::vector<ToolResult> results;
    std::vector<std::string> images;
    std::string imageNote;
    json gridFiles = json::array();
    const size_t limit = static_cast<size_t>(std::max(1, m_config.maxToolCallsPerTurn));
    if (calls.size() > limit) {
        emit(makeEvent(EventKind::Error,
                       {{field::kRecoverable, true},
                        {field::kTurn, m_turns.load()},
                        {field::kMessage, "the turn asked for " + std::to_string(calls.size()) +
                                              " tool calls: the first " + std::to_string(limit) +
                                              " run, the others are answered as not executed "
                                              "(max tool calls per turn)"}}));
    }
    for (size_t i = 0; i < calls.size(); ++i) {
        const ChatToolCall& call = calls[i];
        emit(makeEvent(EventKind::ToolCall, {{field::kCallId, call.id},
                                             {field::kName, call.name},
                                             {field::kModel, model},
                                             {field::kTurn, m_turns.load()},
                                             {field::kArguments, call.arguments}}));
        ToolResult result = i < limit ? executeCall(call) : notExecuted(calls.size(), limit);
        json resultEvent = makeEvent(EventKind::ToolResult, {{field::kCallId, call.id},
                                                             {field::kName, call.name},
                                                             {field::kModel, model},
                                                             {field::kTurn, m_turns.load()},
                                                             {field::kOk, result.ok},
                                                             {field::kText, result.text},
                                                             {field::kImages, result.imageDataUrls.size()},
                                                             {field::kData, result.data}});
        for (auto& file : keepGridFiles(call, result, resultEvent)) {
            gridFiles.push_back(std::move(file));
        }
        emit(std::move(resultEvent));
        if (result.ok && call.name == "commit") {
            emit(makeEvent(
                EventKind::Commit,
                {{field::kCallId, call.id}, {field::kModel, model}, {field::kCommit, result.data}}));
        }
        ChatMessage tool;
        tool.role = "tool";
        tool.toolCallId = call.id;
        tool.content = result.text;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_messages.push_back(std::move(tool));
        }
        for (const auto& url : result.imageDataUrls) {
            images.push_back(url);
            imageNote += (imageNote.empty() ? "" : "; ") + std::string("image ") +
                         std::to_string(images.size()) + ": the grid of " + call.name + " call " + call.id +
                         " (tiles numbered as in its result)";
        }
        results.push_back(std::move(result));
    }
    if (!images.empty()) {
        // Tool messages carry no images: the grids follow in one user message.
        ChatMessage user;
        user.role = "user";
        user.content = "Images of the tool results above. " + imageNote + ".";
        user.imageUrls = images;
        // The same grids as the tool results': named only when every one of them was kept.
        json fields = json::object();
        if (gridFiles.size() == images.size()) {
            fields[field::kGridFiles] = std::move(gridFiles);
        }
        addMessage(std::move(user), static_cast<int>(images.size()), std::move(fields));
    }
    m_lastResults = std::move(results);
}

Status AgentRun::run() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state = State::Running;
    }
    if (!m_resumedQuestion.empty() && !askHuman(std::exchange(m_resumedQuestion, {}))) {
        return {};
    }
    while (true) {
        if (!paceTurn() || !turnBoundary()) {
            finish("stopped");
            return {};
        }
        if (m_turns >= m_config.maxTurns) {
            finish("max_turns");
            return {};
        }
        const std::string model = m_planner->model();
        if (auto fitted = keepWithinBudget(model); !fitted) {
            if (m_stop) {
                finish("stopped");
                return {};
            }
            emit(makeEvent(EventKind::Error,
                           {{field::kTurn, m_turns.load() + 1}, {field::kMessage, fitted.error()}}));
            finish("error", fitted.error());
            return makeError("agent run " + m_runId + ": " + fitted.error());
        }
        auto answer = plannerTurn(model);
        if (const std::string ended = m_planner->endReason(); !ended.empty()) {
            finish(ended);
            return {};
        }
        if (!answer) {
            if (m_stop) {
                finish("stopped");
                return {};
            }
            emit(makeEvent(EventKind::Error,
                           {{field::kTurn, m_turns.load() + 1}, {field::kMessage, answer.error()}}));
            finish("error", answer.error());
            return makeError("agent run " + m_runId + ": " + answer.error());
        }
        ChatMessage assistant = std::move(*answer);
        assistant.role = "assistant";
        ++m_turns;
        assignCallIds(assistant.toolCalls);
        const std::vector<ChatToolCall> calls = assistant.toolCalls;
        const std::string text = assistant.content;
        addMessage(std::move(assistant));
        if (calls.empty()) {
            m_lastResults.clear();
            if (!answerText(text)) {
                return {};
            }
        } else {
            runToolCalls(calls, model);
            if (const auto summary = finishCallSummary(calls, m_lastResults)) {
                finish("final_answer", {}, {{field::kSummary, *summary}});
                return {};
            }
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_released = false; // a Step or Resume given during this turn released this turn only
        if (m_stepping) {
            m_stepping = false;
            m_paused = true;
        }
    }
}

} // namespace curator
