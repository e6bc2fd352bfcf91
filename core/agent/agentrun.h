#pragma once

// The curation agent's loop (issue 5 §4-5): a system prompt and the user's theme, then turns of
// "planner answers with tool calls -> the tools run -> their results go back", until a final summary (the
// finish tool or a marked final message), the turn limit or a stop. A text answer without a tool call is a
// question to the person (agentquestions.h). Events go to a listener and to the run's transcript
// (runs/<id>.jsonl). The run works on its own branch "agent/<run id>" (created from main's head), as author
// "agent:<run id>". Controls are thread-safe: the GUI or the CLI call them from another thread while run()
// runs on a worker thread.

#include "agent/contextwindow.h"
#include "agent/curationtools.h"
#include "agent/llmclient.h"
#include "agent/transcript.h"
#include "common/result.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace curator {

constexpr int kDefaultMaxTurns = 200;
// The tool calls one turn may run; the calls past it are answered with an error result, not executed.
constexpr int kDefaultMaxToolCallsPerTurn = 32;
constexpr const char* kSystemPromptVersion = "v1";

// What a planner sees each turn.
struct PlannerContext {
    std::string theme;
    const std::vector<ChatMessage>* messages = nullptr; // the conversation so far
    const std::vector<ToolSchema>* tools = nullptr;
    // "auto", or "none" for a compaction turn: the planner answers with text (its progress notes) only.
    std::string toolChoice = "auto";
    // Structured results of the previous turn's tool calls, in call order (empty on the first turn and
    // right after a resume).
    const std::vector<ToolResult>* lastResults = nullptr;
    std::function<void(std::string_view)> reasoningDelta; // streamed like a model's reasoning
    std::function<void(std::string_view)> contentDelta;
    std::function<void(int attempt, const std::string& reason)> restart; // the answer starts over
    std::function<void(const ChatUsage&)> usage;
    const std::atomic<bool>* cancel = nullptr;
};

// Decides the next assistant message: content, reasoning and tool calls (ids unique within the run).
class Planner {
public:
    virtual ~Planner() = default;
    virtual std::string name() const = 0;  // "llm", "heuristic", ...
    virtual std::string model() const = 0; // recorded with every tool event
    virtual Result<ChatMessage> next(PlannerContext& context) = 0;
    // Whether the planner reads what a person writes (messages, reject reasons). One that does not (the
    // offline heuristic planner) still has them in the conversation and the transcript, and the run tells
    // the person so.
    virtual bool readsMessages() const { return true; }
    // Set when the planner has nothing more to say and the run must end for a reason of its own (an MCP
    // client that disconnected): checked after each next(), ends the run with this finish reason.
    virtual std::string endReason() const { return {}; }
};

// How a run may be slowed for a person watching it. Step and Resume end any of these waits; Stop too.
struct RunPacing {
    double turnDelaySeconds = 0;    // waited before each turn after the first
    bool pauseBeforeTurn = false;   // each turn waits for Step or Resume
    bool pauseBeforeCommit = false; // each commit waits for Step or Resume (approval mode asks instead)
};

struct AgentConfig {
    std::string theme;
    int maxTurns = kDefaultMaxTurns;
    int maxToolCallsPerTurn = kDefaultMaxToolCallsPerTurn; // at least 1
    bool approveCommits = false;                           // approval mode at start (the same as "commit")
    // Tools whose calls wait for a person at start: names of approvableTools(), or "all" for each of them.
    std::vector<std::string> approveTools;
    uint64_t seed = 0;
    RunPacing pacing;
    // The estimated prompt tokens a request may reach; older turns are trimmed, then the run compacted.
    long contextBudgetTokens = kDefaultContextBudgetTokens;
    // Pixels per tile of the tools' grid images, kMinGridTileSize to kMaxGridTileSize.
    int gridTileSize = kGridTileSize;
    // aesthetics_rate's caption and score requests in flight at once, and images per scorer call (0: the
    // rating's defaults, RatingOptions): a person with fast servers raises them for the agent as for rate.
    size_t ratingConcurrency = 0;
    size_t ratingScoreBatchSize = 0;
    std::string runId;        // empty: a new id (date-time and random hex); else a valid run id
    std::string systemPrompt; // empty: resources/agent_system_prompt_v1.txt with the taxonomy
    std::string taxonomyJson; // empty: the built-in taxonomy
    // Recorded in run_started as "config" (base URL, reasoning effort, ...): the caller keeps secrets out.
    nlohmann::json extra = nlohmann::json::object();
};

using AgentEventListener = std::function<void(const nlohmann::json& event)>;

class AgentRun {
public:
    enum class State { Ready, Running, Paused, AwaitingApproval, AwaitingAnswer, Finished };

    // Creates the branch agent/<run id> from main's head and opens the transcript. run() starts it.
    static Result<std::unique_ptr<AgentRun>> create(const std::string& workspaceDirectory, AgentConfig config,
                                                    std::unique_ptr<Planner> planner, Embedder& embedder,
                                                    Scorer& scorer, Captioner& captioner,
                                                    AgentEventListener listener = {});
    // Rebuilds the conversation from runs/<runId>.jsonl and continues on the run's branch, agent/<runId>.
    // An invalid run id, or a transcript naming another branch, is refused. Tool calls the transcript
    // shows without a result are answered as not executed. maxTurns: a new limit (total turns).
    static Result<std::unique_ptr<AgentRun>>
    resume(const std::string& workspaceDirectory, const std::string& runId, std::unique_ptr<Planner> planner,
           Embedder& embedder, Scorer& scorer, Captioner& captioner, AgentEventListener listener = {},
           std::optional<int> maxTurns = std::nullopt);
    ~AgentRun();

    // Runs the loop on the calling thread until a final summary, the turn limit, a stop, a question nobody
    // can answer, or a planner failure (returned as the error; also an "error" event).
    Status run();

    // Controls, from any thread.
    void pause();  // after the turn in flight
    void resume(); // continue a paused run
    void stop();   // as soon as possible: cancels the planner's request, rejects a pending approval
    void step();   // one turn, then pause
    void inject(const std::string& message); // a user message at the next turn
    // The answer to the question the run waits on; with no question open, the same as inject.
    void answer(const std::string& text);
    // Whether a person can answer questions (default: no). Without one, a question is recorded and the run
    // ends ("question_unanswered"); detaching while a question waits ends the run the same way.
    void setHumanAttached(bool attached);
    void setApprovalMode(bool on); // commits wait for approve/reject (setApprovalRequired("commit", on))
    // Whether calls of `tool` (a name of approvableTools(), or "all" for each) wait for approve/reject;
    // each change is recorded (approval_mode_on/off with the tool). An unknown name changes nothing.
    void setApprovalRequired(const std::string& tool, bool on);
    bool approvalRequired(const std::string& tool) const;
    std::vector<std::string> approvalTools() const; // in approvableTools() order
    // The tools a person may ask to approve: those that change the dataset or spend on a model.
    static const std::vector<std::string>& approvableTools();
    void approve();
    void reject(const std::string& reason);
    void approveWithThreshold(double threshold); // a commit at another threshold; other tools: approve
    // While a commit waits for approval: what it would take at any threshold (null otherwise, or when it
    // could not be computed). Safe from any thread; the object stays valid while the caller holds it.
    std::shared_ptr<const CommitWhatIf> pendingCommitWhatIf() const;
    void humanUndo(const std::string& commitId); // done at the next turn boundary, then told to the agent
    // A recoverable error event about the run's surroundings (e.g. a control line that could not be
    // applied); the run goes on.
    void noteError(const std::string& message);
    void setPacing(const RunPacing& pacing); // from the next wait on
    RunPacing pacing() const;
    // A new context budget (e.g. for a resumed run, whose transcript records the old one); before run().
    void setContextBudget(long tokens);
    bool plannerReadsMessages() const { return m_planner->readsMessages(); }

    State state() const;
    bool approvalMode() const { return approvalRequired("commit"); }
    std::string runId() const { return m_runId; }
    std::string branch() const { return m_branch; }
    std::string transcriptPath() const { return m_transcript->filePath(); }
    int turns() const { return m_turns; }
    std::string finishReason() const;
    std::vector<ChatMessage> messages() const;
    CurationToolbox& tools() { return *m_tools; }
    // The results of the last turn's calls, in call order (read once run() has returned).
    const std::vector<ToolResult>& lastResults() const { return m_lastResults; }

    // A new id, "YYYYMMDD-HHMMSS-xxxxxx" (UTC time, 24 random bits in hex): always a valid run id.
    static std::string newRunId();
    // The branch a run writes to, and the only one: "agent/<run id>".
    static std::string branchOf(const std::string& runId);
    // The v1 system prompt with its {{TAXONOMY}} placeholder filled (built-in taxonomy when empty).
    static Result<std::string> systemPrompt(const std::string& taxonomyJson = {});

private:
    AgentRun() = default;
    void emit(nlohmann::json event);
    // `fields` are added to the message event (the grid files of an images message).
    void addMessage(ChatMessage message, int images = 0, nlohmann::json fields = nlohmann::json::object());
    // Waits while paused; applies injected messages and human undos. False when stopping.
    bool turnBoundary();
    // Before a turn: the pacing's delay and pause (run_waiting events). False when stopping.
    bool paceTurn();
    // Before a commit with pauseBeforeCommit: waits for Step or Resume. False when stopping.
    bool waitBeforeCommit(const ChatToolCall& call, const nlohmann::json& arguments);
    // What a commit of these (validated) arguments would take, for the person who decides on it.
    void addCommitPreview(nlohmann::json& event, const nlohmann::json& arguments);
    // The note a human action carries when the planner cannot read what the person wrote.
    void notePlannerDeafness(nlohmann::json& fields) const;
    // The tools that need approval at start, from approveCommits and approveTools (unknown names ignored).
    void applyApprovalConfig();
    void applyHumanActions(std::unique_lock<std::mutex>& lock);
    // One planner turn, its reasoning, text, restarts and usage streamed as events.
    Result<ChatMessage> plannerTurn(const std::string& model);
    // Gives the turn's calls ids unique within the run: a missing, repeated or overlong id gets a new one
    // (before the assistant message is recorded, so calls and results stay paired).
    void assignCallIds(std::vector<ChatToolCall>& calls);
    // The turn's tool calls in order, their results as tool messages, their grids in one user message.
    // Calls past maxToolCallsPerTurn are answered with an error result, not executed.
    void runToolCalls(const std::vector<ChatToolCall>& calls, const std::string& model);
    // Answers a resumed run's calls that have no result as not executed.
    void answerUnexecuted(const std::vector<ChatToolCall>& calls);
    ToolResult executeCall(const ChatToolCall& call);
    // Writes a result's grids beside the transcript and names them in its tool_result event (grid_files,
    // or grid_files_error: a failed write never stops the run). Returns the files written.
    nlohmann::json keepGridFiles(const ChatToolCall& call, const ToolResult& result, nlohmann::json& event);
    // Before a turn: the request's cost as an event, older turns trimmed to the budget, and a compaction
    // when that is not enough. An error when even the compacted conversation is over the budget.
    Status keepWithinBudget(const std::string& model);
    Status compact(const std::string& model, const ContextTrim& trim);
    // The planner's progress notes (empty when it does not read messages or fails: the run's own record
    // then stands alone).
    std::string compactionNotes(const std::string& model);
    // What the transcript shows the run did: every commit and undo's summary line, in order.
    std::string runRecord() const;
    // A call of a tool that needs approval: shown to the person (a commit with its preview and what-if),
    // then run, run at the person's threshold, or answered as rejected.
    ToolResult approveCall(const ChatToolCall& call);
    // Adds the count of images new to the branch and the histogram to a commit's preview, and keeps the
    // what-if for pendingCommitWhatIf().
    void addCommitWhatIf(nlohmann::json& event, const nlohmann::json& arguments);
    // Records run_finished; `fields` adds to it (the summary, an unanswered question).
    void finish(const std::string& reason, const std::string& error = {},
                const nlohmann::json& fields = nlohmann::json::object());
    // A turn that called no tool (agentquestions.cpp): the end when marked final, else a question. False
    // when the run finished.
    bool answerText(const std::string& content);
    // Emits the question and waits for the answer, which joins the conversation. False when the run
    // finished instead (nobody attached, the turn limit, a stop).
    bool askHuman(const std::string& question);

    std::string m_workspace;
    std::string m_runId;
    std::string m_branch;
    AgentConfig m_config;
    std::unique_ptr<Planner> m_planner;
    std::unique_ptr<CurationToolbox> m_tools;
    std::unique_ptr<Transcript> m_transcript;
    AgentEventListener m_listener;
    std::vector<ToolSchema> m_schemas;
    std::vector<ChatMessage> m_messages;
    std::vector<ToolResult> m_lastResults;
    std::unique_ptr<ContextWindow> m_context;
    std::atomic<int> m_turns{0};

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::recursive_mutex m_emitMutex; // recursive: a listener may call a control that emits
    std::atomic<bool> m_stop{false};
    std::vector<std::string> m_approvalTools;            // guarded by m_mutex
    std::shared_ptr<const CommitWhatIf> m_pendingWhatIf; // guarded by m_mutex
    std::atomic<bool> m_humanAttached{false};
    bool m_paused = false;
    bool m_stepping = false;
    bool m_released = false; // Step or Resume since the last turn ended: the next pacing wait is skipped
    RunPacing m_pacing;
    State m_state = State::Ready;
    std::string m_finishReason;
    struct InjectedMessage {
        long id = 0;
        std::string text;
    };
    std::deque<InjectedMessage> m_injected;
    long m_nextMessageId = 1;
    std::deque<std::string> m_undos;
    enum class Decision { None, Approve, Reject, ApproveThreshold };
    Decision m_decision = Decision::None;
    std::string m_rejectReason;
    double m_approvedThreshold = 0;
    bool m_questionOpen = false;         // a question waits and no answer was taken yet
    std::optional<std::string> m_answer; // the answer taken, for the waiting run
    std::string m_resumedQuestion;       // a resumed run's unanswered question, asked again first
};

const char* agentStateName(AgentRun::State state);

} // namespace curator
