#pragma once

// What a run's conversation costs the model, and how it is kept within the run's budget (issue 15 §2).
// Text is estimated from its bytes, images from their pixel size as the vendors count them. When a request
// would pass the budget, older turns give way in this order: their grids are downscaled, then replaced by a
// note naming the call, then their tool results are cut to the summary line; only then does the previous
// turn give its grids, and the newest turn's grids (the ones the model judges now) are at most halved. What
// is left over the budget after that is the run's to compact (agentruncompaction.cpp).

#include "agent/llmclient.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace curator {

// A prompt budget for a 128k-token model: the rest is kept for the answer (reasoning and tool calls) and
// for the estimate's error.
constexpr long kDefaultContextBudgetTokens = 96000;
// Below this the system prompt, the tools and one grid do not fit.
constexpr long kMinContextBudgetTokens = 12000;

struct ContextCost {
    long textTokens = 0;
    long imageTokens = 0;
    int images = 0;
    long total() const { return textTokens + imageTokens; }
};

// Bytes / 3, rounded up: tool results are mostly ids, numbers and JSON, which tokenise denser than prose
// (about 4 bytes a token), so the estimate errs on the high side.
long estimateTextTokens(std::string_view text);
// The larger of OpenAI's high-detail count (fit in 2048 px, shortest side to 768 px, 170 per 512-px tile
// plus 85) and a pixel count of one token per 750 px (Anthropic's rule; Qwen2.5-VL served by vLLM takes one
// per 28 x 28 = 784 px at native size): a grid costs what the most expensive of them charges.
long estimateImageTokens(int width, int height);

// What fitting a conversation to the budget did.
struct ContextTrim {
    ContextCost before;
    ContextCost after;
    int downscaled = 0;      // grids halved in size
    int removed = 0;         // grids replaced by a note
    int shortened = 0;       // tool results cut to their summary line
    bool overBudget = false; // still over after every step: the run must compact
    bool changed() const { return downscaled + removed + shortened > 0; }
};

class ContextWindow {
public:
    // `protectedTurns`: the newest assistant turns whose messages (and grids) are sent whole.
    explicit ContextWindow(long budgetTokens, int protectedTurns = 2);

    long budget() const { return m_budget; }
    ContextCost cost(const std::vector<ChatMessage>& messages, const std::vector<ToolSchema>& tools);

    // Brings `messages` within the budget, changing older messages in place (the transcript keeps them
    // whole). Once it must trim, it trims down to three quarters of the budget, so the next turns find the
    // same older messages and a vendor's prompt cache keeps matching.
    ContextTrim fit(std::vector<ChatMessage>& messages, const std::vector<ToolSchema>& tools);

    // The conversation with every grid replaced by its note (what a compaction turn sends: notes need no
    // pixels, and the request then fits where the grids did not).
    static std::vector<ChatMessage> withoutImages(std::vector<ChatMessage> messages);

private:
    std::pair<int, int> imageSize(const std::string& url); // cached; a URL that cannot be read: 1024 x 1024
    long imageTokens(const std::string& url);
    // Index of the first message of the newest `turnsKept` assistant turns (0 when there are fewer).
    static size_t protectedFrom(const std::vector<ChatMessage>& messages, int turnsKept);
    // The steps of fit() over messages [0, end): each returns the new total and stops at `target`.
    long downscaleImages(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                         ContextTrim& trim);
    long removeImages(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                      ContextTrim& trim);
    long shortenResults(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                        ContextTrim& trim);

    long m_budget;
    int m_protectedTurns;
    std::unordered_map<std::string, std::pair<int, int>> m_sizes; // keyed by the URL's hash and length
};

// The note that stands for a message's grids once they are removed.
std::string removedImagesNote(const ChatMessage& message);
// A tool result cut to its summary line (its first line), saying so.
std::string summaryLineOf(const std::string& toolResult);

} // namespace curator
