#include "agent/contextwindow.h"

#include "common/base64.h"
#include "media/imagecodecs.h"
#include "models/openaibackends.h"
#include "models/opencvimage.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace curator {

namespace {

constexpr int kUnknownImageSide = 1024;
constexpr int kSmallestDownscaledSide = 256; // below this a grid's tiles no longer show anything
constexpr long kMessageOverheadTokens = 4;   // role and framing per message
constexpr const char* kBase64Marker = ";base64,";

std::optional<cv::Mat> decodeDataUrl(const std::string& url) {
    const size_t marker = url.find(kBase64Marker);
    if (url.rfind("data:", 0) != 0 || marker == std::string::npos) {
        return std::nullopt;
    }
    auto bytes = base64Decode(std::string_view(url).substr(marker + std::string_view(kBase64Marker).size()));
    if (!bytes || bytes->empty()) {
        return std::nullopt;
    }
    try {
        const std::vector<uchar> encoded(bytes->begin(), bytes->end());
        cv::Mat image = codecs::imdecode(encoded, cv::IMREAD_COLOR);
        if (image.empty()) {
            return std::nullopt;
        }
        return image;
    } catch (const std::exception&) {
        return std::nullopt; // an unreadable image is costed at the default size, never a failure
    }
}

// The grid at half its size, or none when it is already small or cannot be read.
std::optional<std::string> downscaledDataUrl(const std::string& url) {
    auto image = decodeDataUrl(url);
    if (!image || std::min(image->cols, image->rows) / 2 < kSmallestDownscaledSide) {
        return std::nullopt;
    }
    try {
        cv::Mat half;
        cv::resize(*image, half, cv::Size(image->cols / 2, image->rows / 2), 0, 0, cv::INTER_AREA);
        auto encoded = imageDataUrl(toRgbImage(half, true));
        if (!encoded) {
            return std::nullopt;
        }
        return std::move(*encoded);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string sizeKey(const std::string& url) {
    return std::to_string(std::hash<std::string>{}(url)) + ":" + std::to_string(url.size());
}

long messageTextTokens(const ChatMessage& message) {
    long tokens =
        kMessageOverheadTokens + estimateTextTokens(message.content) + estimateTextTokens(message.toolCallId);
    // The reasoning is counted too: some dialects send it back (DeepSeek's reasoning_content).
    tokens += estimateTextTokens(message.reasoning);
    for (const auto& call : message.toolCalls) {
        tokens += kMessageOverheadTokens + estimateTextTokens(call.id) + estimateTextTokens(call.name) +
                  estimateTextTokens(call.arguments);
    }
    return tokens;
}

} // namespace

long estimateTextTokens(std::string_view text) {
    return static_cast<long>((text.size() + 2) / 3);
}

long estimateImageTokens(int width, int height) {
    if (width <= 0 || height <= 0) {
        return 0;
    }
    double w = width;
    double h = height;
    const double fit = std::min(1.0, 2048.0 / std::max(w, h));
    w *= fit;
    h *= fit;
    const double shortest = std::min(1.0, 768.0 / std::min(w, h));
    w *= shortest;
    h *= shortest;
    const long tiles = static_cast<long>(std::ceil(w / 512.0) * std::ceil(h / 512.0));
    const long openAi = 85 + 170 * tiles;
    const long perPixel = static_cast<long>(std::ceil(double(width) * double(height) / 750.0));
    return std::max(openAi, perPixel);
}

std::string removedImagesNote(const ChatMessage& message) {
    return "[" + std::to_string(message.imageUrls.size()) +
           " image(s) removed from this message to stay within the context budget; it said: " +
           message.content + " Call the tool again to see them.]";
}

std::string summaryLineOf(const std::string& toolResult) {
    const size_t end = toolResult.find('\n');
    if (end == std::string::npos) {
        return toolResult;
    }
    return toolResult.substr(0, end) +
           " [the rest of this result was cut to stay within the context budget; call the tool again if "
           "it is needed]";
}

ContextWindow::ContextWindow(long budgetTokens, int protectedTurns)
    : m_budget(std::max(budgetTokens, kMinContextBudgetTokens))
    , m_protectedTurns(std::max(1, protectedTurns)) {}

std::pair<int, int> ContextWindow::imageSize(const std::string& url) {
    const std::string key = sizeKey(url);
    const auto found = m_sizes.find(key);
    if (found != m_sizes.end()) {
        return found->second;
    }
    std::pair<int, int> size{kUnknownImageSide, kUnknownImageSide};
    if (auto image = decodeDataUrl(url)) {
        size = {image->cols, image->rows};
    }
    m_sizes.emplace(key, size);
    return size;
}

long ContextWindow::imageTokens(const std::string& url) {
    const auto [width, height] = imageSize(url);
    return estimateImageTokens(width, height);
}

ContextCost ContextWindow::cost(const std::vector<ChatMessage>& messages,
                                const std::vector<ToolSchema>& tools) {
    ContextCost cost;
    for (const auto& tool : tools) {
        cost.textTokens += estimateTextTokens(tool.name) + estimateTextTokens(tool.description) +
                           estimateTextTokens(tool.parametersJson);
    }
    for (const auto& message : messages) {
        cost.textTokens += messageTextTokens(message);
        for (const auto& url : message.imageUrls) {
            cost.imageTokens += imageTokens(url);
            ++cost.images;
        }
    }
    return cost;
}

size_t ContextWindow::protectedFrom(const std::vector<ChatMessage>& messages, int turnsKept) {
    int turns = 0;
    for (size_t i = messages.size(); i-- > 0;) {
        if (messages[i].role == "assistant" && ++turns == turnsKept) {
            return i;
        }
    }
    return 0; // fewer turns than protected: everything is protected
}

long ContextWindow::downscaleImages(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                                    ContextTrim& trim) {
    for (size_t i = 0; i < end && total > target; ++i) {
        for (auto& url : messages[i].imageUrls) {
            const long was = imageTokens(url);
            if (auto smaller = downscaledDataUrl(url)) {
                url = std::move(*smaller);
                total -= was - imageTokens(url);
                ++trim.downscaled;
            }
        }
    }
    return total;
}

long ContextWindow::removeImages(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                                 ContextTrim& trim) {
    for (size_t i = 0; i < end && total > target; ++i) {
        ChatMessage& message = messages[i];
        if (message.imageUrls.empty()) {
            continue;
        }
        const long was = messageTextTokens(message);
        for (const auto& url : message.imageUrls) {
            total -= imageTokens(url);
        }
        trim.removed += static_cast<int>(message.imageUrls.size());
        message.content = removedImagesNote(message);
        message.imageUrls.clear();
        total += messageTextTokens(message) - was;
    }
    return total;
}

long ContextWindow::shortenResults(std::vector<ChatMessage>& messages, size_t end, long total, long target,
                                   ContextTrim& trim) {
    for (size_t i = 0; i < end && total > target; ++i) {
        ChatMessage& message = messages[i];
        if (message.role != "tool" || message.content.find('\n') == std::string::npos) {
            continue;
        }
        const long was = messageTextTokens(message);
        message.content = summaryLineOf(message.content);
        total += messageTextTokens(message) - was;
        ++trim.shortened;
    }
    return total;
}

ContextTrim ContextWindow::fit(std::vector<ChatMessage>& messages, const std::vector<ToolSchema>& tools) {
    ContextTrim trim;
    trim.before = cost(messages, tools);
    trim.after = trim.before;
    if (trim.before.total() <= m_budget) {
        return trim;
    }
    const long target = m_budget * 3 / 4;
    long total = trim.before.total();
    // Older turns first, oldest message first; each step stops as soon as the target is reached.
    const size_t older = protectedFrom(messages, m_protectedTurns);
    total = downscaleImages(messages, older, total, target, trim);
    total = removeImages(messages, older, total, target, trim);
    total = shortenResults(messages, older, total, target, trim);
    // Then the protected turns but the newest give their grids; the newest turn's grids, which the model
    // judges now, are only ever halved, before the run has to compact.
    const size_t previous = protectedFrom(messages, 1);
    total = downscaleImages(messages, previous, total, target, trim);
    total = removeImages(messages, previous, total, target, trim);
    downscaleImages(messages, messages.size(), total, m_budget, trim);
    trim.after = cost(messages, tools);
    trim.overBudget = trim.after.total() > m_budget;
    return trim;
}

std::vector<ChatMessage> ContextWindow::withoutImages(std::vector<ChatMessage> messages) {
    for (auto& message : messages) {
        if (!message.imageUrls.empty()) {
            message.content = removedImagesNote(message);
            message.imageUrls.clear();
        }
    }
    return messages;
}

} // namespace curator
