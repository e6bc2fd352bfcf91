// How a run starts: a new run (its branch, transcript, system prompt and theme), or a run resumed from its
// transcript. The loop itself is in agentrun.cpp, the controls in agentruncontrols.cpp.
#include "agent/agentrun.h"

#include "agent/agentevents.h"
#include "agent/systemprompt.h"
#include "common/jsonnumber.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"
#include "resources/embeddedresources.h"
#include "search/searchoperations.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace curator {

using nlohmann::json;
namespace field = eventfield;

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

std::string AgentRun::branchOf(const std::string& runId) {
    return "agent/" + runId;
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
    if (config.gridTileSize < kMinGridTileSize || config.gridTileSize > kMaxGridTileSize) {
        return makeError("agent run: grid tile size " + std::to_string(config.gridTileSize) +
                         " px, expected " + std::to_string(kMinGridTileSize) + " to " +
                         std::to_string(kMaxGridTileSize));
    }
    if (!config.runId.empty()) {
        if (auto valid = checkRunId(config.runId); !valid) {
            return makeError("agent run: " + valid.error());
        }
    }
    std::unique_ptr<AgentRun> run(new AgentRun());
    run->m_workspace = workspaceDirectory;
    run->m_runId = config.runId.empty() ? newRunId() : config.runId;
    run->m_branch = branchOf(run->m_runId);
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
    run->applyApprovalConfig();
    run->m_pacing = run->m_config.pacing;
    run->m_tools = std::make_unique<CurationToolbox>(workspaceDirectory, embedder, scorer, captioner,
                                                     "agent:" + run->m_runId, run->m_branch);
    run->m_tools->setGridTileSize(run->m_config.gridTileSize);
    run->m_tools->setRatingRequests(run->m_config.ratingConcurrency, run->m_config.ratingScoreBatchSize);
    run->m_tools->setCancelFlag(&run->m_stop);
    run->m_schemas = run->m_tools->schemas();

    json toolNames = CurationToolbox::toolNames();
    run->emit(
        makeEvent(EventKind::RunStarted, {{field::kTranscriptVersion, kTranscriptVersion},
                                          {field::kTheme, run->m_config.theme},
                                          {field::kPlanner, run->m_planner->name()},
                                          {field::kModel, run->m_planner->model()},
                                          {field::kBranch, run->m_branch},
                                          {field::kSeed, run->m_config.seed},
                                          {field::kConfig,
                                           {{"max_turns", run->m_config.maxTurns},
                                            {"max_tool_calls_per_turn", run->m_config.maxToolCallsPerTurn},
                                            {"approve_commits", run->m_config.approveCommits},
                                            {"approve_tools", run->m_config.approveTools},
                                            {"context_budget_tokens", run->m_config.contextBudgetTokens},
                                            {"system_prompt_version", kSystemPromptVersion},
                                            {"default_negative_threshold", kDefaultNegativeThreshold},
                                            {"grid_tile_size", run->m_config.gridTileSize},
                                            {"rating_concurrency", run->m_config.ratingConcurrency},
                                            {"rating_score_batch_size", run->m_config.ratingScoreBatchSize},
                                            {"embedder", embedder.modelName()},
                                            {"scorer", scorer.modelName()},
                                            {"captioner", captioner.modelName()},
                                            {"tools", toolNames},
                                            {"extra", run->m_config.extra}}}}));
    ChatMessage system;
    system.role = "system";
    system.content = run->m_config.systemPrompt;
    run->addMessage(std::move(system));
    ChatMessage user;
    user.role = "user";
    user.content =
        "Theme: " + run->m_config.theme +
        "\nCurate 200-300 images for this theme into the dataset, following the strategy (the 200-300 "
        "count what this run adds; status shows them beside the branch's total).";
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
    // The id becomes a path: checked before anything is read or written.
    if (auto valid = checkRunId(runId); !valid) {
        return makeError("agent resume: " + valid.error());
    }
    const std::string transcriptPath = Transcript::path(workspaceDirectory, runId);
    auto events = Transcript::read(transcriptPath);
    if (!events) {
        return events.takeError();
    }
    std::unique_ptr<AgentRun> run(new AgentRun());
    run->m_workspace = workspaceDirectory;
    run->m_runId = runId;
    run->m_branch = branchOf(runId);
    std::optional<TranscriptState> state;
    // A transcript is a file anyone may have edited: a field of the wrong type is an error naming it,
    // never an exception.
    try {
        auto rebuilt = rebuildFromTranscript(*events);
        if (!rebuilt) {
            return makeError(transcriptPath + ": " + rebuilt.error());
        }
        state = std::move(*rebuilt);
        const json& started = state->runStarted;
        // A resumed run writes only to its own branch, whatever the transcript names.
        const json recorded = started.value(field::kBranch, json(run->m_branch));
        if (recorded != json(run->m_branch)) {
            return makeError(transcriptPath + ": run_started names the branch " +
                             snippetOf(recorded.dump(), 80) + ", but run " + runId +
                             " may only write to its own branch '" + run->m_branch +
                             "': not resumed (was the transcript edited or copied from another run?)");
        }
        const json config = started.value(field::kConfig, json::object());
        run->m_config.theme = started.value(field::kTheme, std::string());
        const auto seed = started.find(field::kSeed);
        run->m_config.seed = seed == started.end() ? 0 : jsonCount(*seed).value_or(0);
        run->m_config.maxTurns = maxTurns.value_or(clampedIntOr(config, "max_turns", kDefaultMaxTurns));
        run->m_config.maxToolCallsPerTurn =
            clampedIntOr(config, "max_tool_calls_per_turn", kDefaultMaxToolCallsPerTurn);
        run->m_config.approveCommits = config.value("approve_commits", false);
        run->m_config.approveTools = config.value("approve_tools", std::vector<std::string>());
        run->m_config.contextBudgetTokens =
            integerOr(config, "context_budget_tokens", kDefaultContextBudgetTokens);
        run->m_config.extra = config.value("extra", json::object());
        // A transcript from before grid_tile_size was recorded keeps the default; an edited value out of
        // range is clamped rather than refused, the run's images only change size.
        run->m_config.gridTileSize = std::clamp(clampedIntOr(config, "grid_tile_size", kGridTileSize),
                                                kMinGridTileSize, kMaxGridTileSize);
        run->m_config.ratingConcurrency = countOr(config, "rating_concurrency", 0);
        run->m_config.ratingScoreBatchSize = countOr(config, "rating_score_batch_size", 0);
    } catch (const json::exception& error) {
        return makeError(transcriptPath +
                         ": not a transcript this program can resume: " + sanitizeUtf8(error.what()));
    }
    run->m_config.runId = runId;
    auto transcript = Transcript::open(workspaceDirectory, runId, state->nextSeq);
    if (!transcript) {
        return transcript.takeError();
    }
    run->m_transcript = std::move(*transcript);
    run->m_planner = std::move(planner);
    run->m_listener = std::move(listener);
    run->applyApprovalConfig();
    run->m_tools = std::make_unique<CurationToolbox>(workspaceDirectory, embedder, scorer, captioner,
                                                     "agent:" + runId, run->m_branch);
    run->m_tools->setGridTileSize(run->m_config.gridTileSize);
    run->m_tools->setRatingRequests(run->m_config.ratingConcurrency, run->m_config.ratingScoreBatchSize);
    run->m_tools->setCancelFlag(&run->m_stop);
    run->m_schemas = run->m_tools->schemas();
    run->m_messages = std::move(state->messages);
    run->m_turns = state->turns;
    run->m_resumedQuestion = state->openQuestion;
    if (!run->m_messages.empty() && run->m_messages.front().role == "system") {
        run->m_config.systemPrompt = run->m_messages.front().content;
    }
    run->emit(makeEvent(EventKind::RunResumed, {{field::kPlanner, run->m_planner->name()},
                                                {field::kModel, run->m_planner->model()},
                                                {field::kBranch, run->m_branch},
                                                {field::kTurns, run->m_turns.load()},
                                                {field::kMaxTurns, run->m_config.maxTurns},
                                                {field::kUnansweredCalls, state->unansweredCalls.size()}}));
    run->answerUnexecuted(state->unansweredCalls);
    ChatMessage note;
    note.role = "user";
    note.content = "(The run was stopped and has been resumed from its transcript after " +
                   std::to_string(run->m_turns.load()) +
                   " turns; images shown before are not repeated. Check status and continue.)";
    run->addMessage(std::move(note));
    return run;
}

void AgentRun::answerUnexecuted(const std::vector<ChatToolCall>& calls) {
    // Calls the run stopped before answering: answered, not executed (one may have half-run; status tells).
    for (const auto& call : calls) {
        const std::string text =
            "ERROR: not executed: the run stopped before this call ran; check status and "
            "call again if it is still needed";
        emit(makeEvent(EventKind::ToolResult, {{field::kCallId, call.id},
                                               {field::kName, call.name},
                                               {field::kModel, m_planner->model()},
                                               {field::kOk, false},
                                               {field::kText, text}}));
        ChatMessage tool;
        tool.role = "tool";
        tool.toolCallId = call.id;
        tool.content = text;
        m_messages.push_back(std::move(tool));
    }
}

} // namespace curator
