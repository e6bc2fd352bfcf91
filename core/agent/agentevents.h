#pragma once

// The agent's events, defined once: what AgentRun emits, the transcript stores (runs/<id>.jsonl) and the
// CLI and the workstation read. Inside the program an event's kind is an EventKind; its name is only the
// "type" string at the JSON edge. The format, with every field, is documented in docs/transcript.md.
// Qt-free and light: the workstation includes it to compare event types.

#include <array>
#include <optional>
#include <string_view>

namespace curator {

// The transcript format written by this program (run_started's "transcript_version"; a transcript
// without it is version 1, which is the same format without that field).
constexpr int kTranscriptVersion = 1;

enum class EventKind {
    RunStarted,       // a new run: theme, planner, model, branch, seed, config
    RunResumed,       // a run continued from its transcript
    ReasoningDelta,   // a piece of the planner's reasoning as it streams
    MessageDelta,     // a piece of the planner's answer text as it streams
    Message,          // a message added to the conversation (system, user or assistant with tool calls)
    ToolCall,         // a tool call about to run, with its raw arguments
    ToolResult,       // the result of a tool call
    Commit,           // a commit a tool call made (its result data)
    ApprovalNeeded,   // a commit waits for a person (approval mode)
    HumanAction,      // a control a person used (pause, undo, reject, ...)
    Usage,            // tokens of one planner turn
    Error,            // a planner failure or a recoverable restart of an answer
    RunFinished,      // the run ended: final answer, max turns, stopped or error
    RunWaiting,       // the run waits because its pacing says so: a delay, before a turn or before a commit
    Question,         // a text answer without a tool call: a question to the person, who answers it (or not)
    Context,          // what the next request costs (estimated tokens) and what was trimmed to fit the budget
    ContextCompacted, // the conversation was replaced by progress notes and a fresh status
    RunForked,        // this run was forked from another run's turn: what came before is that run's copy
    MessageDelivered, // a message a person typed during a turn joined the conversation
};

constexpr std::array<EventKind, 19> kEventKinds = {
    EventKind::RunStarted,       EventKind::RunResumed,  EventKind::ReasoningDelta,  EventKind::MessageDelta,
    EventKind::Message,          EventKind::ToolCall,    EventKind::ToolResult,      EventKind::Commit,
    EventKind::ApprovalNeeded,   EventKind::HumanAction, EventKind::Usage,           EventKind::Error,
    EventKind::RunFinished,      EventKind::RunWaiting,  EventKind::Question,        EventKind::Context,
    EventKind::ContextCompacted, EventKind::RunForked,   EventKind::MessageDelivered};

// The "type" string of an event kind.
constexpr const char* eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::RunStarted:
        return "run_started";
    case EventKind::RunResumed:
        return "run_resumed";
    case EventKind::ReasoningDelta:
        return "reasoning_delta";
    case EventKind::MessageDelta:
        return "message_delta";
    case EventKind::Message:
        return "message";
    case EventKind::ToolCall:
        return "tool_call";
    case EventKind::ToolResult:
        return "tool_result";
    case EventKind::Commit:
        return "commit";
    case EventKind::ApprovalNeeded:
        return "approval_needed";
    case EventKind::HumanAction:
        return "human_action";
    case EventKind::Usage:
        return "usage";
    case EventKind::Error:
        return "error";
    case EventKind::RunFinished:
        return "run_finished";
    case EventKind::RunWaiting:
        return "run_waiting";
    case EventKind::Question:
        return "question";
    case EventKind::Context:
        return "context";
    case EventKind::MessageDelivered:
        return "message_delivered";
    case EventKind::ContextCompacted:
        return "context_compacted";
    case EventKind::RunForked:
        return "run_forked";
    }
    return "";
}

// The kind of a "type" string; none for a name this program does not know (a newer writer's event).
inline std::optional<EventKind> eventKindFromName(std::string_view name) {
    for (EventKind kind : kEventKinds) {
        if (name == eventKindName(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

// The "action" of a human_action event.
enum class HumanActionKind {
    Pause,
    Resume,
    Stop,
    Step,
    Inject,
    ApprovalModeOn,
    ApprovalModeOff,
    Undo,
    Approve,
    Reject,
    ApproveWithThreshold,
    Answer, // the answer to the agent's question
};

constexpr std::array<HumanActionKind, 12> kHumanActionKinds = {HumanActionKind::Pause,
                                                               HumanActionKind::Resume,
                                                               HumanActionKind::Stop,
                                                               HumanActionKind::Step,
                                                               HumanActionKind::Inject,
                                                               HumanActionKind::ApprovalModeOn,
                                                               HumanActionKind::ApprovalModeOff,
                                                               HumanActionKind::Undo,
                                                               HumanActionKind::Approve,
                                                               HumanActionKind::Reject,
                                                               HumanActionKind::ApproveWithThreshold,
                                                               HumanActionKind::Answer};

constexpr const char* humanActionName(HumanActionKind action) {
    switch (action) {
    case HumanActionKind::Pause:
        return "pause";
    case HumanActionKind::Resume:
        return "resume";
    case HumanActionKind::Stop:
        return "stop";
    case HumanActionKind::Step:
        return "step";
    case HumanActionKind::Inject:
        return "inject";
    case HumanActionKind::ApprovalModeOn:
        return "approval_mode_on";
    case HumanActionKind::ApprovalModeOff:
        return "approval_mode_off";
    case HumanActionKind::Undo:
        return "undo";
    case HumanActionKind::Approve:
        return "approve";
    case HumanActionKind::Reject:
        return "reject";
    case HumanActionKind::ApproveWithThreshold:
        return "approve_with_threshold";
    case HumanActionKind::Answer:
        return "answer";
    }
    return "";
}

inline std::optional<HumanActionKind> humanActionFromName(std::string_view name) {
    for (HumanActionKind action : kHumanActionKinds) {
        if (name == humanActionName(action)) {
            return action;
        }
    }
    return std::nullopt;
}

// The field names of the events (docs/transcript.md says which event carries which).
namespace eventfield {
// On every line (the transcript adds run_id, seq and time).
constexpr const char* kType = "type";
constexpr const char* kRunId = "run_id";
constexpr const char* kSeq = "seq";
constexpr const char* kTime = "time";
// run_started, run_resumed, run_finished.
constexpr const char* kTranscriptVersion = "transcript_version";
constexpr const char* kTheme = "theme";
constexpr const char* kPlanner = "planner";
constexpr const char* kBranch = "branch";
constexpr const char* kSeed = "seed";
constexpr const char* kConfig = "config";
constexpr const char* kTurns = "turns";
constexpr const char* kMaxTurns = "max_turns";
constexpr const char* kUnansweredCalls = "unanswered_calls";
constexpr const char* kReason = "reason";
// Tool events, deltas and usage.
constexpr const char* kModel = "model";
constexpr const char* kTurn = "turn";
constexpr const char* kCallId = "call_id";
constexpr const char* kName = "name";
constexpr const char* kArguments = "arguments";
constexpr const char* kOk = "ok";
constexpr const char* kText = "text";
constexpr const char* kImages = "images";
constexpr const char* kData = "data";
constexpr const char* kDelta = "delta";
constexpr const char* kCommit = "commit";
constexpr const char* kMessage = "message";
constexpr const char* kError = "error";
constexpr const char* kRecoverable = "recoverable";
constexpr const char* kPromptTokens = "prompt_tokens";
constexpr const char* kCompletionTokens = "completion_tokens";
constexpr const char* kTotalTokens = "total_tokens";
constexpr const char* kReasoningTokens = "reasoning_tokens";
// human_action.
constexpr const char* kAction = "action";
constexpr const char* kThreshold = "threshold";
constexpr const char* kProposedThreshold = "proposed_threshold";
constexpr const char* kThresholdFloor = "threshold_floor"; // approval_needed: the commit is below it
// approval_needed and run_waiting before a commit: what the commit would take (count, masked, sample rows).
constexpr const char* kPreview = "preview";
constexpr const char* kPreviewError = "preview_error";
// human_action inject and reject: whether the planner reads the text, and what the person is told if not.
constexpr const char* kReadByPlanner = "read_by_planner";
constexpr const char* kNote = "note";
// human_action inject and message_delivered: which message (a number counted per run from 1).
constexpr const char* kMessageId = "message_id";
// human_action approval_mode_on/off and approval_needed: the tool whose calls wait (or "all").
constexpr const char* kTool = "tool";
// approval_needed of a commit, in its preview: images new to the branch, and the unmasked distribution.
constexpr const char* kNewImages = "new";
constexpr const char* kDistribution = "distribution";
// run_waiting: "delay" (with "seconds"), "before_turn" or "before_commit" (with the call's fields).
constexpr const char* kSeconds = "seconds";
// question ("turn", "text"): whether a person can answer; run_finished: the question left unanswered, or
// the summary the run ended with (the finish tool or a marked final message).
constexpr const char* kHumanAttached = "human_attached";
constexpr const char* kQuestion = "question";
constexpr const char* kSummary = "summary";
// context: the estimate of the request about to be sent, the budget, and what was trimmed to fit it.
constexpr const char* kEstimatedTokens = "estimated_tokens";
constexpr const char* kTextTokens = "text_tokens";
constexpr const char* kImageTokens = "image_tokens";
constexpr const char* kBudget = "budget";
constexpr const char* kDownscaled = "downscaled_images";
constexpr const char* kRemovedImages = "removed_images";
constexpr const char* kShortened = "shortened_results";
constexpr const char* kCompacting = "compacting"; // usage: of a compaction turn
constexpr const char* kCompacted = "compacted";   // context: the request follows a compaction
// context_compacted: the model's notes, the run's own record, the estimates around it and the new
// conversation (resume starts from it).
constexpr const char* kNotes = "notes";
constexpr const char* kFacts = "facts";
constexpr const char* kTokensBefore = "tokens_before";
constexpr const char* kTokensAfter = "tokens_after";
constexpr const char* kMessages = "messages";
// tool_result (and the user message that carries the grids): the grid images as files, relative to
// WORKSPACE/runs/ (agent/gridfiles.h), or why they could not be written.
constexpr const char* kGridFiles = "grid_files";
constexpr const char* kGridFilesError = "grid_files_error";
// run_started and run_forked of a forked run: the run and turn it was forked from (agent/runfork.h).
constexpr const char* kForkedFrom = "forked_from";
constexpr const char* kFromBranch = "from_branch";
constexpr const char* kHead = "head";
} // namespace eventfield

// run_waiting's reasons.
namespace waitreason {
constexpr const char* kDelay = "delay";
constexpr const char* kBeforeTurn = "before_turn";
constexpr const char* kBeforeCommit = "before_commit";
} // namespace waitreason

} // namespace curator
