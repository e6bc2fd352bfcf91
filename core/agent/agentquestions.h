#pragma once

// How a run ends and how the agent asks (issue 15 §3). A run ends only by an explicit final summary (the
// finish tool, or a text answer marked "FINAL SUMMARY:"), a stop, the turn limit or an error. Any other
// text answer without a tool call is a question to the person: the run waits for AgentRun::answer, or,
// with no person attached, records the question and ends ("question_unanswered").

#include "agent/llmclient.h"
#include "agent/tools/toolresult.h"

#include <optional>
#include <string>
#include <vector>

namespace curator {

constexpr const char* kFinalSummaryMarker = "FINAL SUMMARY:";

// The summary of a text answer that starts with kFinalSummaryMarker (any case, after blanks); none for
// any other text.
std::optional<std::string> markedFinalSummary(const std::string& content);

// The summary of the turn's successful finish call (results in call order); none when it made none.
std::optional<std::string> finishCallSummary(const std::vector<ChatToolCall>& calls,
                                             const std::vector<ToolResult>& results);

} // namespace curator
