// The controls a person uses while a run goes on (from any thread), and the approval of a commit in
// approval mode. Each control is recorded as a human_action event and told to the agent at its next turn.
#include "agent/agentrun.h"

#include "agent/agentevents.h"
#include "common/utf8text.h"

#include <algorithm>
#include <cstdio>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

namespace {

json humanAction(HumanActionKind action, json fields = json::object()) {
    fields[field::kAction] = humanActionName(action);
    return makeEvent(EventKind::HumanAction, std::move(fields));
}

} // namespace

void AgentRun::pause() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = true;
        m_stepping = false;
    }
    emit(humanAction(HumanActionKind::Pause));
}

void AgentRun::resume() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_stepping = false;
        m_released = true;
    }
    emit(humanAction(HumanActionKind::Resume));
    m_wake.notify_all();
}

void AgentRun::stop() {
    if (!m_stop.exchange(true)) {
        emit(humanAction(HumanActionKind::Stop));
    }
    {
        // Taken once, so a waiter that just found m_stop false is asleep before the notification.
        std::lock_guard<std::mutex> lock(m_mutex);
    }
    m_wake.notify_all();
}

void AgentRun::step() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_stepping = true;
        m_released = true;
    }
    emit(humanAction(HumanActionKind::Step));
    m_wake.notify_all();
}

void AgentRun::notePlannerDeafness(json& fields) const {
    if (!m_planner->readsMessages()) {
        fields[field::kReadByPlanner] = false;
        fields[field::kNote] = "the " + m_planner->name() +
                               " planner cannot read messages or reasons; what you wrote is kept in the "
                               "conversation and the transcript";
    }
}

void AgentRun::inject(const std::string& message) {
    long id = 0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        id = m_nextMessageId++;
    }
    json fields = {{field::kMessage, message}, {field::kMessageId, id}};
    notePlannerDeafness(fields);
    // Recorded before it is queued, so message_delivered always follows its inject.
    emit(humanAction(HumanActionKind::Inject, std::move(fields)));
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_injected.push_back({id, message});
    }
    m_wake.notify_all();
}

void AgentRun::noteError(const std::string& message) {
    emit(
        makeEvent(EventKind::Error,
                  {{field::kRecoverable, true}, {field::kTurn, m_turns.load()}, {field::kMessage, message}}));
}

void AgentRun::answer(const std::string& text) {
    bool open = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        open = m_questionOpen;
        m_questionOpen = false; // taken: a second answer becomes a message
    }
    if (!open) {
        inject(text);
        return;
    }
    json fields = {{field::kMessage, text}};
    notePlannerDeafness(fields);
    emit(humanAction(HumanActionKind::Answer, std::move(fields))); // before the run goes on
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_answer = text;
    }
    m_wake.notify_all();
}

void AgentRun::setHumanAttached(bool attached) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_humanAttached = attached;
    }
    m_wake.notify_all();
}

void AgentRun::setApprovalMode(bool on) {
    setApprovalRequired("commit", on);
}

const std::vector<std::string>& AgentRun::approvableTools() {
    static const std::vector<std::string> tools = {"commit", "undo_commit", "aesthetics_rate"};
    return tools;
}

void AgentRun::setApprovalRequired(const std::string& tool, bool on) {
    const std::vector<std::string>& known = approvableTools();
    const bool all = tool == "all";
    if (!all && std::find(known.begin(), known.end(), tool) == known.end()) {
        return;
    }
    bool changed = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        std::vector<std::string> next;
        for (const std::string& name : known) {
            const bool was =
                std::find(m_approvalTools.begin(), m_approvalTools.end(), name) != m_approvalTools.end();
            if (all || name == tool ? on : was) {
                next.push_back(name);
            }
        }
        changed = next != m_approvalTools;
        m_approvalTools = std::move(next);
    }
    if (changed) {
        emit(humanAction(on ? HumanActionKind::ApprovalModeOn : HumanActionKind::ApprovalModeOff,
                         {{field::kTool, tool}}));
    }
}

void AgentRun::applyApprovalConfig() {
    std::vector<std::string> wanted = m_config.approveTools;
    if (m_config.approveCommits) {
        wanted.push_back("commit");
    }
    const bool all = std::find(wanted.begin(), wanted.end(), "all") != wanted.end();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_approvalTools.clear();
    for (const std::string& name : approvableTools()) {
        if (all || std::find(wanted.begin(), wanted.end(), name) != wanted.end()) {
            m_approvalTools.push_back(name);
        }
    }
}

bool AgentRun::approvalRequired(const std::string& tool) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return std::find(m_approvalTools.begin(), m_approvalTools.end(), tool) != m_approvalTools.end();
}

std::vector<std::string> AgentRun::approvalTools() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_approvalTools;
}

std::shared_ptr<const CommitWhatIf> AgentRun::pendingCommitWhatIf() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pendingWhatIf;
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

void AgentRun::setPacing(const RunPacing& pacing) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pacing = pacing;
    }
    m_wake.notify_all();
}

RunPacing AgentRun::pacing() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pacing;
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
            emit(humanAction(HumanActionKind::Undo, {{field::kCommit, id},
                                                     {field::kOk, result.ok},
                                                     {field::kText, result.text},
                                                     {field::kData, result.data}}));
            ChatMessage note;
            note.role = "user";
            note.content = "[human action] A person undid commit " + id + " on your branch: " + result.text +
                           "Take this into account.";
            addMessage(std::move(note));
            lock.lock();
            continue;
        }
        const InjectedMessage message = m_injected.front();
        m_injected.pop_front();
        lock.unlock();
        ChatMessage note;
        note.role = "user";
        note.content = "[human message] " + message.text;
        addMessage(std::move(note));
        emit(makeEvent(EventKind::MessageDelivered, {{field::kMessageId, message.id},
                                                     {field::kMessage, message.text},
                                                     {field::kTurn, m_turns.load() + 1}}));
        lock.lock();
    }
}

ToolResult AgentRun::approveCall(const ChatToolCall& call) {
    // Validate first: a malformed commit is answered at once, never shown for approval.
    json arguments = json::parse(call.arguments.empty() ? "{}" : call.arguments, nullptr, false);
    if (arguments.is_discarded()) {
        return m_tools->execute(call.name, call.arguments);
    }
    if (auto valid = m_tools->coerceAndValidate(call.name, arguments); !valid) {
        return m_tools->execute(call.name, call.arguments);
    }
    json approval = makeEvent(EventKind::ApprovalNeeded, {{field::kCallId, call.id},
                                                          {field::kName, call.name},
                                                          {field::kModel, m_planner->model()},
                                                          {field::kArguments, arguments}});
    const bool isCommit = call.name == "commit";
    if (isCommit) {
        if (arguments.value("threshold", 1.0) < kCommitThresholdFloor) {
            approval[field::kThresholdFloor] =
                kCommitThresholdFloor; // the person allows what the agent may not
        }
        addCommitPreview(approval, arguments); // scans: before the run says it awaits a decision
        addCommitWhatIf(approval, arguments);
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_decision = Decision::None;
        m_state = State::AwaitingApproval;
    }
    emit(std::move(approval));
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [&] { return m_decision != Decision::None || m_stop; });
    const Decision decision = m_stop && m_decision == Decision::None ? Decision::Reject : m_decision;
    const std::string reason =
        m_stop && m_decision == Decision::None ? "the run was stopped" : m_rejectReason;
    const double threshold = m_approvedThreshold;
    m_decision = Decision::None;
    m_state = State::Running;
    m_pendingWhatIf.reset();
    lock.unlock();

    if (decision == Decision::Reject) {
        json fields = {{field::kCallId, call.id}, {field::kReason, reason}};
        if (!m_stop) {
            notePlannerDeafness(fields);
        }
        emit(humanAction(HumanActionKind::Reject, std::move(fields)));
        ToolResult result;
        result.ok = false;
        result.text =
            "REJECTED by the human reviewer: " + (reason.empty() ? std::string("no reason given") : reason) +
            (isCommit ? ". Nothing was committed; adjust and try again."
                      : ". The call was not executed; adjust and try again.");
        result.data = {{"rejected", true}, {"reason", reason}};
        return result;
    }
    if (decision == Decision::ApproveThreshold && isCommit) {
        const double original = arguments.value("threshold", 0.0);
        emit(humanAction(HumanActionKind::ApproveWithThreshold, {{field::kCallId, call.id},
                                                                 {field::kThreshold, threshold},
                                                                 {field::kProposedThreshold, original}}));
        arguments["threshold"] = threshold;
        ToolResult result = m_tools->executeApproved(call.name, dumpJsonSafely(arguments));
        char note[160];
        std::snprintf(
            note, sizeof note,
            "The human reviewer approved this commit with the threshold changed from %.3f to %.3f.\n",
            original, threshold);
        result.text = note + result.text;
        result.data["human_threshold"] = threshold;
        return result;
    }
    emit(humanAction(HumanActionKind::Approve, {{field::kCallId, call.id}}));
    return m_tools->executeApproved(call.name, dumpJsonSafely(arguments));
}

} // namespace curator
