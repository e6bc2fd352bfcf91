#include "agent/agentrun.h"

#include "agent/systemprompt.h"
#include "dataset/curationlog.h"
#include "resources/embeddedresources.h"
#include "search/searchoperations.h"
#include "taxonomy/taxonomy.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace curator {

using nlohmann::json;

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
    case AgentRun::State::Finished:
        return "finished";
    }
    return "unknown";
}

std::string AgentRun::newRunId() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &parts);
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%06llx", static_cast<unsigned long long>(randomSeed() & 0xffffff));
    return std::string(stamp) + "-" + suffix;
}

Result<std::string> AgentRun::systemPrompt(const std::string& taxonomyJson) {
    auto taxonomy = Taxonomy::parse(
        taxonomyJson.empty() ? std::string(resources::classesJson()) : taxonomyJson, "taxonomy");
    if (!taxonomy) {
        return taxonomy.takeError();
    }
    std::string text;
    for (const auto& group : taxonomy->groups()) {
        text += group.name + ":\n";
        for (const auto& category : group.categories) {
            if (!group.flat) {
                text += "  " + category.name + ":\n";
            }
            for (const auto& attribute : category.attributes) {
                text += std::string(group.flat ? "  - " : "    - ") + attribute.name + ": " +
                        attribute.description + "\n";
            }
        }
    }
    std::string prompt = agentSystemPromptV1();
    const std::string placeholder = "{{TAXONOMY}}";
    for (auto at = prompt.find(placeholder); at != std::string::npos; at = prompt.find(placeholder, at)) {
        prompt.replace(at, placeholder.size(), text);
        at += text.size();
    }
    return prompt;
}

Result<std::unique_ptr<AgentRun>> AgentRun::create(const std::string& workspaceDirectory, AgentConfig config,
                                                   std::unique_ptr<Planner> planner, Embedder& embedder,
                                                   Scorer& scorer, Captioner& captioner,
                                                   AgentEventListener listener) {
    if (!planner) {
        return makeError("agent run: no planner");
    }
    if (config.theme.empty()) {
        return makeError("agent run: the theme is empty");
    }
    std::unique_ptr<AgentRun> run(new AgentRun());
    run->m_workspace = workspaceDirectory;
    run->m_runId = config.runId.empty() ? newRunId() : config.runId;
    run->m_branch = "agent/" + run->m_runId;
    if (config.systemPrompt.empty()) {
        auto prompt = systemPrompt(config.taxonomyJson);
        if (!prompt) {
            return prompt.takeError();
        }
        config.systemPrompt = std::move(*prompt);
    }
    {
        auto log = CurationLog::open(workspaceDirectory);
        if (!log) {
            return log.takeError();
        }
        if (auto created = log->createBranch(run->m_branch); !created) {
            return makeError("agent run: " + created.error());
        }
    }
    auto transcript = Transcript::open(workspaceDirectory, run->m_runId);
    if (!transcript) {
        return transcript.takeError();
    }
    run->m_transcript = std::move(*transcript);
    run->m_config = std::move(config);
    run->m_planner = std::move(planner);
    run->m_listener = std::move(listener);
    run->m_approvalMode = run->m_config.approveCommits;
    run->m_tools = std::make_unique<CurationToolbox>(workspaceDirectory, embedder, scorer, captioner,
                                                     "agent:" + run->m_runId, run->m_branch);
    run->m_schemas = run->m_tools->schemas();

    json toolNames = CurationToolbox::toolNames();
    run->emit({{"type", "run_started"},
               {"theme", run->m_config.theme},
               {"planner", run->m_planner->name()},
               {"model", run->m_planner->model()},
               {"branch", run->m_branch},
               {"seed", run->m_config.seed},
               {"config",
                {{"max_turns", run->m_config.maxTurns},
                 {"approve_commits", run->m_config.approveCommits},
                 {"system_prompt_version", kSystemPromptVersion},
                 {"default_negative_threshold", kDefaultNegativeThreshold},
                 {"embedder", embedder.modelName()},
                 {"scorer", scorer.modelName()},
                 {"captioner", captioner.modelName()},
                 {"tools", toolNames},
                 {"extra", run->m_config.extra}}}});
    ChatMessage system;
    system.role = "system";
    system.content = run->m_config.systemPrompt;
    run->addMessage(std::move(system));
    ChatMessage user;
    user.role = "user";
    user.content = "Theme: " + run->m_config.theme +
                   "\nCurate 200-300 images for this theme into the dataset, following the strategy.";
    run->addMessage(std::move(user));
    return run;
}

Result<std::unique_ptr<AgentRun>> AgentRun::resume(const std::string& workspaceDirectory,
                                                   const std::string& runId, std::unique_ptr<Planner> planner,
                                                   Embedder& embedder, Scorer& scorer, Captioner& captioner,
                                                   AgentEventListener listener, std::optional<int> maxTurns) {
    if (!planner) {
        return makeError("agent resume: no planner");
    }
    auto events = Transcript::read(Transcript::path(workspaceDirectory, runId));
    if (!events) {
        return events.takeError();
    }
    auto state = rebuildFromTranscript(*events);
    if (!state) {
        return makeError(Transcript::path(workspaceDirectory, runId) + ": " + state.error());
    }
    std::unique_ptr<AgentRun> run(new AgentRun());
    run->m_workspace = workspaceDirectory;
    run->m_runId = runId;
    const json& started = state->runStarted;
    run->m_branch = started.value("branch", "agent/" + runId);
    const json config = started.value("config", json::object());
    run->m_config.theme = started.value("theme", std::string());
    run->m_config.seed = started.value("seed", uint64_t(0));
    run->m_config.maxTurns = maxTurns.value_or(config.value("max_turns", kDefaultMaxTurns));
    run->m_config.approveCommits = config.value("approve_commits", false);
    run->m_config.runId = runId;
    run->m_config.extra = config.value("extra", json::object());
    auto transcript = Transcript::open(workspaceDirectory, runId, state->nextSeq);
    if (!transcript) {
        return transcript.takeError();
    }
    run->m_transcript = std::move(*transcript);
    run->m_planner = std::move(planner);
    run->m_listener = std::move(listener);
    run->m_approvalMode = run->m_config.approveCommits;
    run->m_tools = std::make_unique<CurationToolbox>(workspaceDirectory, embedder, scorer, captioner,
                                                     "agent:" + runId, run->m_branch);
    run->m_schemas = run->m_tools->schemas();
    run->m_messages = std::move(state->messages);
    run->m_turns = state->turns;
    if (!run->m_messages.empty() && run->m_messages.front().role == "system") {
        run->m_config.systemPrompt = run->m_messages.front().content;
    }
    run->emit({{"type", "run_resumed"},
               {"planner", run->m_planner->name()},
               {"model", run->m_planner->model()},
               {"branch", run->m_branch},
               {"turns", run->m_turns.load()},
               {"max_turns", run->m_config.maxTurns},
               {"unanswered_calls", state->unansweredCalls.size()}});
    // Calls the run stopped before answering: answered, not executed (one may have half-run; status tells).
    for (const auto& call : state->unansweredCalls) {
        const std::string text =
            "ERROR: not executed: the run stopped before this call ran; check status and "
            "call again if it is still needed";
        run->emit({{"type", "tool_result"},
                   {"call_id", call.id},
                   {"name", call.name},
                   {"model", run->m_planner->model()},
                   {"ok", false},
                   {"text", text}});
        ChatMessage tool;
        tool.role = "tool";
        tool.toolCallId = call.id;
        tool.content = text;
        run->m_messages.push_back(std::move(tool));
    }
    ChatMessage note;
    note.role = "user";
    note.content = "(The run was stopped and has been resumed from its transcript after " +
                   std::to_string(run->m_turns.load()) +
                   " turns; images shown before are not repeated. Check status and continue.)";
    run->addMessage(std::move(note));
    return run;
}

AgentRun::~AgentRun() = default;

void AgentRun::emit(json event) {
    std::lock_guard<std::recursive_mutex> lock(m_emitMutex);
    auto written = m_transcript->append(std::move(event));
    if (m_listener) {
        if (written) {
            m_listener(*written);
        } else {
            m_listener({{"type", "error"}, {"run_id", m_runId}, {"message", written.error()}});
        }
    }
}

void AgentRun::addMessage(ChatMessage message, int images) {
    json event = {{"type", "message"}, {"message", messageToJson(message)}};
    if (images > 0) {
        event["images"] = images;
    }
    if (message.role == "assistant") {
        event["model"] = m_planner->model();
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

void AgentRun::pause() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = true;
        m_stepping = false;
    }
    emit({{"type", "human_action"}, {"action", "pause"}});
}

void AgentRun::resume() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_stepping = false;
    }
    emit({{"type", "human_action"}, {"action", "resume"}});
    m_wake.notify_all();
}

void AgentRun::stop() {
    if (!m_stop.exchange(true)) {
        emit({{"type", "human_action"}, {"action", "stop"}});
    }
    m_wake.notify_all();
}

void AgentRun::step() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_stepping = true;
    }
    emit({{"type", "human_action"}, {"action", "step"}});
    m_wake.notify_all();
}

void AgentRun::inject(const std::string& message) {
    emit({{"type", "human_action"}, {"action", "inject"}, {"message", message}});
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_injected.push_back(message);
    }
    m_wake.notify_all();
}

void AgentRun::setApprovalMode(bool on) {
    if (m_approvalMode.exchange(on) != on) {
        emit({{"type", "human_action"}, {"action", on ? "approval_mode_on" : "approval_mode_off"}});
    }
}

void AgentRun::approve() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_decision = Decision::Approve;
    }
    m_wake.notify_all();
}

void AgentRun::reject(const std::string& reason) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_decision = Decision::Reject;
        m_rejectReason = reason;
    }
    m_wake.notify_all();
}

void AgentRun::approveWithThreshold(double threshold) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_decision = Decision::ApproveThreshold;
        m_approvedThreshold = threshold;
    }
    m_wake.notify_all();
}

void AgentRun::humanUndo(const std::string& commitId) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_undos.push_back(commitId);
    }
    m_wake.notify_all();
}

void AgentRun::applyHumanActions(std::unique_lock<std::mutex>& lock) {
    while (!m_undos.empty() || !m_injected.empty()) {
        if (!m_undos.empty()) {
            const std::string id = m_undos.front();
            m_undos.pop_front();
            lock.unlock();
            ToolResult result = m_tools->humanUndo(id);
            emit({{"type", "human_action"},
                  {"action", "undo"},
                  {"commit", id},
                  {"ok", result.ok},
                  {"text", result.text},
                  {"data", result.data}});
            ChatMessage note;
            note.role = "user";
            note.content = "[human action] A person undid commit " + id + " on your branch: " + result.text +
                           "Take this into account.";
            addMessage(std::move(note));
            lock.lock();
            continue;
        }
        const std::string text = m_injected.front();
        m_injected.pop_front();
        lock.unlock();
        ChatMessage note;
        note.role = "user";
        note.content = "[human message] " + text;
        addMessage(std::move(note));
        lock.lock();
    }
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

ToolResult AgentRun::approveCommit(const ChatToolCall& call) {
    // Validate first: a malformed commit is answered at once, never shown for approval.
    json arguments = json::parse(call.arguments.empty() ? "{}" : call.arguments, nullptr, false);
    if (arguments.is_discarded()) {
        return m_tools->execute(call.name, call.arguments);
    }
    if (auto valid = m_tools->coerceAndValidate(call.name, arguments); !valid) {
        return m_tools->execute(call.name, call.arguments);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_decision = Decision::None;
        m_state = State::AwaitingApproval;
    }
    emit({{"type", "approval_needed"},
          {"call_id", call.id},
          {"name", call.name},
          {"model", m_planner->model()},
          {"arguments", arguments}});
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [&] { return m_decision != Decision::None || m_stop; });
    const Decision decision = m_stop && m_decision == Decision::None ? Decision::Reject : m_decision;
    const std::string reason =
        m_stop && m_decision == Decision::None ? "the run was stopped" : m_rejectReason;
    const double threshold = m_approvedThreshold;
    m_decision = Decision::None;
    m_state = State::Running;
    lock.unlock();

    if (decision == Decision::Reject) {
        emit({{"type", "human_action"}, {"action", "reject"}, {"call_id", call.id}, {"reason", reason}});
        ToolResult result;
        result.ok = false;
        result.text =
            "REJECTED by the human reviewer: " + (reason.empty() ? std::string("no reason given") : reason) +
            ". Nothing was committed; adjust and try again.";
        result.data = {{"rejected", true}, {"reason", reason}};
        return result;
    }
    if (decision == Decision::ApproveThreshold) {
        const double original = arguments.value("threshold", 0.0);
        emit({{"type", "human_action"},
              {"action", "approve_with_threshold"},
              {"call_id", call.id},
              {"threshold", threshold},
              {"proposed_threshold", original}});
        arguments["threshold"] = threshold;
        ToolResult result = m_tools->execute(call.name, arguments.dump());
        char note[160];
        std::snprintf(
            note, sizeof note,
            "The human reviewer approved this commit with the threshold changed from %.3f to %.3f.\n",
            original, threshold);
        result.text = note + result.text;
        result.data["human_threshold"] = threshold;
        return result;
    }
    emit({{"type", "human_action"}, {"action", "approve"}, {"call_id", call.id}});
    return m_tools->execute(call.name, arguments.dump());
}

ToolResult AgentRun::executeCall(const ChatToolCall& call) {
    if (call.name == "commit" && m_approvalMode) {
        return approveCommit(call);
    }
    return m_tools->execute(call.name, call.arguments);
}

void AgentRun::finish(const std::string& reason, const std::string& error) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state = State::Finished;
        m_finishReason = reason;
    }
    json event = {
        {"type", "run_finished"}, {"reason", reason}, {"turns", m_turns.load()}, {"branch", m_branch}};
    if (!error.empty()) {
        event["error"] = error;
    }
    emit(std::move(event));
}

Status AgentRun::run() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_state = State::Running;
    }
    while (true) {
        if (!turnBoundary()) {
            finish("stopped");
            return {};
        }
        if (m_turns >= m_config.maxTurns) {
            finish("max_turns");
            return {};
        }
        PlannerContext context;
        context.theme = m_config.theme;
        std::vector<ChatMessage> snapshot = messages();
        context.messages = &snapshot;
        context.tools = &m_schemas;
        context.lastResults = &m_lastResults;
        const std::string model = m_planner->model();
        context.reasoningDelta = [&](std::string_view delta) {
            emit({{"type", "reasoning_delta"},
                  {"turn", m_turns.load() + 1},
                  {"model", model},
                  {"delta", std::string(delta)}});
        };
        context.contentDelta = [&](std::string_view delta) {
            emit({{"type", "message_delta"},
                  {"turn", m_turns.load() + 1},
                  {"model", model},
                  {"delta", std::string(delta)}});
        };
        context.restart = [&](int attempt, const std::string& reason) {
            emit({{"type", "error"},
                  {"recoverable", true},
                  {"turn", m_turns.load() + 1},
                  {"message", "the answer restarts (attempt " + std::to_string(attempt) + "): " + reason}});
        };
        context.usage = [&](const ChatUsage& usage) {
            emit({{"type", "usage"},
                  {"turn", m_turns.load() + 1},
                  {"model", model},
                  {"prompt_tokens", usage.promptTokens},
                  {"completion_tokens", usage.completionTokens},
                  {"total_tokens", usage.totalTokens},
                  {"reasoning_tokens", usage.reasoningTokens}});
        };
        context.cancel = &m_stop;
        auto answer = m_planner->next(context);
        if (!answer) {
            if (m_stop) {
                finish("stopped");
                return {};
            }
            emit({{"type", "error"}, {"turn", m_turns.load() + 1}, {"message", answer.error()}});
            finish("error", answer.error());
            return makeError("agent run " + m_runId + ": " + answer.error());
        }
        ChatMessage assistant = std::move(*answer);
        assistant.role = "assistant";
        ++m_turns;
        // Ids must be present and unique for the results to be matched to the calls.
        for (size_t i = 0; i < assistant.toolCalls.size(); ++i) {
            if (assistant.toolCalls[i].id.empty()) {
                assistant.toolCalls[i].id =
                    "call_" + std::to_string(m_turns.load()) + "_" + std::to_string(i + 1);
            }
        }
        const std::vector<ChatToolCall> calls = assistant.toolCalls;
        addMessage(std::move(assistant));
        if (calls.empty()) {
            finish("final_answer");
            return {};
        }
        std::vector<ToolResult> results;
        std::vector<std::string> images;
        std::string imageNote;
        for (const auto& call : calls) {
            emit({{"type", "tool_call"},
                  {"call_id", call.id},
                  {"name", call.name},
                  {"model", model},
                  {"turn", m_turns.load()},
                  {"arguments", call.arguments}});
            ToolResult result = executeCall(call);
            emit({{"type", "tool_result"},
                  {"call_id", call.id},
                  {"name", call.name},
                  {"model", model},
                  {"turn", m_turns.load()},
                  {"ok", result.ok},
                  {"text", result.text},
                  {"images", result.imageDataUrls.size()},
                  {"data", result.data}});
            if (result.ok && call.name == "commit") {
                emit({{"type", "commit"}, {"call_id", call.id}, {"model", model}, {"commit", result.data}});
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
                             std::to_string(images.size()) + ": the grid of " + call.name + " call " +
                             call.id + " (tiles numbered as in its result)";
            }
            results.push_back(std::move(result));
        }
        if (!images.empty()) {
            // Tool messages carry no images: the grids follow in one user message.
            ChatMessage user;
            user.role = "user";
            user.content = "Images of the tool results above. " + imageNote + ".";
            user.imageUrls = images;
            addMessage(std::move(user), static_cast<int>(images.size()));
        }
        m_lastResults = std::move(results);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stepping) {
            m_stepping = false;
            m_paused = true;
        }
    }
}

} // namespace curator
