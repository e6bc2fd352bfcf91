#pragma once

#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"
#include "net/httpclient.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace curator {

// The API key is looked up at each request (common/secrets.h: the environment variable named in
// BackendOptions, else the key the application registered from the keychain), so a key that arrives
// after the backend was made is used; it is kept in memory only and sent as "Authorization: Bearer ...".
// No key means no Authorization header (local servers such as vLLM or llama.cpp need none).
struct OpenAiEndpoint {
    std::string baseUrl; // e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1 (no trailing slash)
    std::string model;
    std::string apiKey; // fixed key (tests); empty: look up apiKeyEnvironmentVariable
    std::string apiKeyEnvironmentVariable;
    std::string queryTemplate;      // embedders: wraps text queries (BackendOptions::embedQueryTemplate)
    long requestTimeoutMs = 120000; // BackendOptions::requestTimeoutSeconds
    std::string key() const;
    // The spec's first (or only) base URL.
    static Result<OpenAiEndpoint> fromSpec(const BackendSpec& spec, const BackendOptions& options);
    // One endpoint per base URL of the spec, in order.
    static Result<std::vector<OpenAiEndpoint>> allFromSpec(const BackendSpec& spec,
                                                           const BackendOptions& options);
};

// POST {base}/embeddings. Texts go in batches as "input"; an image goes as a chat-style "messages"
// request with a data-URL image part (vLLM's multimodal embeddings API, as served for Qwen3-VL-Embedding).
// Texts are queries: each is sent through the endpoint's query template (applyQueryTemplate), images never
// are. dimension() is 0 until the first answer tells it.
class OpenAiEmbedder final : public Embedder {
public:
    OpenAiEmbedder(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client, size_t textBatchSize = 64);
    std::string modelName() const override { return m_endpoint.model; }
    size_t dimension() const override { return m_dimension; }
    Result<TextEmbedding> embedText(const std::string& text) override;
    Result<std::vector<std::vector<float>>> embedTexts(const std::vector<std::string>& texts);
    Result<std::vector<std::vector<float>>> embedImages(const std::vector<RgbImage>& images) override;

private:
    Result<std::vector<std::vector<float>>> post(const std::string& body, size_t expected);

    OpenAiEndpoint m_endpoint;
    std::shared_ptr<HttpClient> m_client;
    size_t m_textBatchSize;
    size_t m_dimension = 0;
};

// POST {base}/chat/completions with the image as a base64 data URL and a prompt. The default prompt asks
// for physical facts only (what is shown, colours, light, composition, defects), not aesthetic judgement,
// as the original system's captioner did; `prompt` replaces it (BackendOptions::captionerPrompt,
// `curator-cli --captioner-prompt`).
class OpenAiCaptioner final : public Captioner {
public:
    OpenAiCaptioner(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client, std::string prompt = {});
    std::string modelName() const override { return m_endpoint.model; }
    Result<std::string> caption(const RgbImage& image, const std::string& imagePath) override;
    Result<std::string> captionUnlessCancelled(const RgbImage& image, const std::string& imagePath,
                                               const std::atomic<bool>& cancel) override;
    bool allowsConcurrentCalls() const override { return true; }

    static const char* defaultPrompt();
    const std::string& prompt() const { return m_prompt; }

private:
    OpenAiEndpoint m_endpoint;
    std::shared_ptr<HttpClient> m_client;
    std::string m_prompt;
};

// The scoring protocol of docs/scorer-protocol.md: POST {base}/score with
// {"model", "items": [{"image": data URL, "prompt": caption}]} answered by {"scores": [...], "range": [lo,
// hi]}.
class HttpScorer final : public Scorer {
public:
    HttpScorer(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client);
    std::string modelName() const override { return m_endpoint.model; }
    ScoreRange range() const override;
    Result<std::vector<double>> score(const std::vector<RgbImage>& images,
                                      const std::vector<std::string>& captions) override;
    Result<std::vector<double>> scoreUnlessCancelled(const std::vector<RgbImage>& images,
                                                     const std::vector<std::string>& captions,
                                                     const std::atomic<bool>& cancel) override;
    bool allowsConcurrentCalls() const override { return true; }
    // tools/hpsv3_server.py scores 8 images per forward pass by default.
    size_t preferredBatchSize() const override { return 8; }

private:
    OpenAiEndpoint m_endpoint;
    std::shared_ptr<HttpClient> m_client;
    mutable std::mutex m_rangeMutex;
    ScoreRange m_range{-10, 15}; // HPSv3's observed range until the server says otherwise
};

// A JPEG data URL of the image (quality 90), as vision endpoints take it.
Result<std::string> imageDataUrl(const RgbImage& image);

} // namespace curator
