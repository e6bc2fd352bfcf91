#include "models/openaibackends.h"

#include "common/base64.h"
#include "common/jsonnumber.h"
#include "common/secrets.h"
#include "common/urlredaction.h"
#include "common/utf8text.h"
#include "media/imagecodecs.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdlib>

namespace curator {

using nlohmann::json;

Result<OpenAiEndpoint> OpenAiEndpoint::fromSpec(const BackendSpec& spec, const BackendOptions& options) {
    if (spec.kind != BackendSpec::Kind::OpenAi) {
        return makeError("'" + redactUrlUserInfo(spec.text) + "' is not an openai: spec");
    }
    OpenAiEndpoint endpoint;
    endpoint.baseUrl = spec.location;
    while (!endpoint.baseUrl.empty() && endpoint.baseUrl.back() == '/') {
        endpoint.baseUrl.pop_back();
    }
    endpoint.model = spec.model;
    endpoint.apiKeyEnvironmentVariable = options.apiKeyEnvironmentVariable;
    endpoint.queryTemplate = options.embedQueryTemplate;
    if (!(options.requestTimeoutSeconds > 0) || options.requestTimeoutSeconds > 86400) {
        return makeError("request timeout " + std::to_string(options.requestTimeoutSeconds) +
                         " s: expected more than 0 and at most a day");
    }
    endpoint.requestTimeoutMs = static_cast<long>(options.requestTimeoutSeconds * 1000.0);
    return endpoint;
}

Result<std::vector<OpenAiEndpoint>> OpenAiEndpoint::allFromSpec(const BackendSpec& spec,
                                                                const BackendOptions& options) {
    std::vector<OpenAiEndpoint> endpoints;
    for (const std::string& location : spec.locations) {
        BackendSpec one = spec;
        one.location = location;
        auto endpoint = fromSpec(one, options);
        if (!endpoint) {
            return endpoint.takeError();
        }
        endpoints.push_back(std::move(*endpoint));
    }
    if (endpoints.empty()) {
        return makeError("'" + redactUrlUserInfo(spec.text) + "' names no base URL");
    }
    return endpoints;
}

std::string OpenAiEndpoint::key() const {
    return apiKey.empty() ? secretFor(apiKeyEnvironmentVariable) : apiKey;
}

namespace {

HttpRequest jsonPost(const OpenAiEndpoint& endpoint, const std::string& path, std::string body) {
    HttpRequest request;
    request.url = endpoint.baseUrl + path;
    request.body = std::move(body);
    request.timeoutMs = endpoint.requestTimeoutMs;
    request.headers.emplace_back("Content-Type", "application/json");
    if (const std::string key = endpoint.key(); !key.empty()) {
        request.headers.emplace_back("Authorization", "Bearer " + key);
    }
    return request;
}

Result<json> parseAnswer(const HttpResponse& response, const std::string& url) {
    try {
        return json::parse(response.body);
    } catch (const std::exception& e) {
        return makeError(url + ": the answer is not JSON: " + e.what());
    }
}

} // namespace

Result<std::string> imageDataUrl(const RgbImage& image) {
    if (image.empty() || image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3) {
        return makeError("cannot encode an empty or inconsistent image");
    }
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> encoded;
    if (!codecs::imencode(".jpg", bgr, encoded, {cv::IMWRITE_JPEG_QUALITY, 90})) {
        return makeError("JPEG encoding failed");
    }
    return "data:image/jpeg;base64," +
           base64Encode(std::string_view(reinterpret_cast<const char*>(encoded.data()), encoded.size()));
}

OpenAiEmbedder::OpenAiEmbedder(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client,
                               size_t textBatchSize)
    : m_endpoint(std::move(endpoint))
    , m_client(std::move(client))
    , m_textBatchSize(std::max<size_t>(1, textBatchSize)) {}

Result<std::vector<std::vector<float>>> OpenAiEmbedder::post(const std::string& body, size_t expected) {
    const HttpRequest request = jsonPost(m_endpoint, "/embeddings", body);
    auto response = m_client->send(request);
    if (!response) {
        return response.takeError();
    }
    auto answer = parseAnswer(*response, redactUrlUserInfo(request.url));
    if (!answer) {
        return answer.takeError();
    }
    std::vector<std::vector<float>> vectors(expected);
    try {
        const auto& data = answer->at("data");
        if (!data.is_array() || data.size() != expected) {
            return makeError(redactUrlUserInfo(request.url) + ": expected " + std::to_string(expected) +
                             " embeddings in \"data\", got " +
                             std::to_string(data.is_array() ? data.size() : 0));
        }
        for (size_t i = 0; i < data.size(); ++i) {
            const std::optional<uint64_t> given =
                data[i].contains("index") ? jsonCount(data[i]["index"]) : std::optional<uint64_t>(i);
            if (!given || *given >= expected) {
                return makeError(redactUrlUserInfo(request.url) + ": embedding index " +
                                 data[i].value("index", json()).dump(-1) + " out of range");
            }
            const size_t index = static_cast<size_t>(*given);
            std::vector<float> vector = data[i].at("embedding").get<std::vector<float>>();
            double norm = 0;
            for (float value : vector) {
                norm += static_cast<double>(value) * value;
            }
            if (vector.empty() || !(norm > 0) || !std::isfinite(norm)) {
                return makeError(redactUrlUserInfo(request.url) + ": embedding " + std::to_string(index) +
                                 " is empty, zero or not finite");
            }
            for (float& value : vector) {
                value = static_cast<float>(value / std::sqrt(norm));
            }
            if (m_dimension != 0 && vector.size() != m_dimension) {
                return makeError(redactUrlUserInfo(request.url) + ": embedding of dimension " +
                                 std::to_string(vector.size()) + " after earlier ones of " +
                                 std::to_string(m_dimension));
            }
            m_dimension = vector.size();
            vectors[index] = std::move(vector);
        }
    } catch (const std::exception& e) {
        return makeError(redactUrlUserInfo(request.url) + ": unexpected answer: " + e.what());
    }
    return vectors;
}

Result<std::vector<std::vector<float>>> OpenAiEmbedder::embedTexts(const std::vector<std::string>& texts) {
    std::vector<std::vector<float>> all;
    for (size_t first = 0; first < texts.size(); first += m_textBatchSize) {
        const size_t count = std::min(m_textBatchSize, texts.size() - first);
        std::vector<std::string> batch;
        for (size_t i = first; i < first + count; ++i) {
            auto query = applyQueryTemplate(m_endpoint.queryTemplate, texts[i]);
            if (!query) {
                return query.takeError();
            }
            batch.push_back(std::move(*query));
        }
        auto vectors = post(dumpJsonSafely(json{{"model", m_endpoint.model}, {"input", batch}}), count);
        if (!vectors) {
            return vectors.takeError();
        }
        for (auto& vector : *vectors) {
            all.push_back(std::move(vector));
        }
    }
    return all;
}

Result<TextEmbedding> OpenAiEmbedder::embedText(const std::string& text) {
    auto vectors = embedTexts({text});
    if (!vectors) {
        return vectors.takeError();
    }
    return TextEmbedding{std::move(vectors->front()), {}};
}

Result<std::vector<std::vector<float>>> OpenAiEmbedder::embedImages(const std::vector<RgbImage>& images) {
    std::vector<std::vector<float>> all;
    for (const auto& image : images) {
        auto url = imageDataUrl(image);
        if (!url) {
            return url.takeError();
        }
        const json body = {
            {"model", m_endpoint.model},
            {"messages",
             {{{"role", "user"}, {"content", {{{"type", "image_url"}, {"image_url", {{"url", *url}}}}}}}}},
            {"encoding_format", "float"}};
        auto vectors = post(dumpJsonSafely(body), 1);
        if (!vectors) {
            return vectors.takeError();
        }
        all.push_back(std::move(vectors->front()));
    }
    return all;
}

OpenAiCaptioner::OpenAiCaptioner(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client,
                                 std::string prompt)
    : m_endpoint(std::move(endpoint))
    , m_client(std::move(client))
    , m_prompt(prompt.empty() ? std::string(defaultPrompt()) : std::move(prompt)) {}

const char* OpenAiCaptioner::defaultPrompt() {
    return "Describe this image in one or two sentences of objective physical facts: what is shown, colours, "
           "lighting, composition, camera angle, and visible defects such as blur, noise, scanlines or "
           "compression "
           "artifacts. Do not judge its beauty or quality and do not guess the photographer's intent.";
}

Result<std::string> OpenAiCaptioner::caption(const RgbImage& image, const std::string& imagePath) {
    const std::atomic<bool> never{false};
    return captionUnlessCancelled(image, imagePath, never);
}

Result<std::string> OpenAiCaptioner::captionUnlessCancelled(const RgbImage& image,
                                                            const std::string& imagePath,
                                                            const std::atomic<bool>& cancel) {
    auto url = imageDataUrl(image);
    if (!url) {
        return makeError(imagePath + ": " + url.error());
    }
    const json body = {{"model", m_endpoint.model},
                       {"messages",
                        {{{"role", "user"},
                          {"content",
                           {{{"type", "text"}, {"text", m_prompt}},
                            {{"type", "image_url"}, {"image_url", {{"url", *url}}}}}}}}},
                       {"temperature", 0}};
    const HttpRequest request = jsonPost(m_endpoint, "/chat/completions", dumpJsonSafely(body));
    auto response = m_client->send(request, &cancel);
    if (!response) {
        return makeError(imagePath + ": captioning failed: " + response.error());
    }
    auto answer = parseAnswer(*response, redactUrlUserInfo(request.url));
    if (!answer) {
        return makeError(imagePath + ": " + answer.error());
    }
    try {
        const auto& content = answer->at("choices").at(0).at("message").at("content");
        std::string text = content.is_string() ? content.get<std::string>() : std::string();
        const auto first = text.find_first_not_of(" \t\r\n");
        const auto last = text.find_last_not_of(" \t\r\n");
        if (first == std::string::npos) {
            return makeError(imagePath + ": the captioner answered with an empty caption");
        }
        return text.substr(first, last - first + 1);
    } catch (const std::exception& e) {
        return makeError(imagePath + ": unexpected captioner answer: " + e.what());
    }
}

HttpScorer::HttpScorer(OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client)
    : m_endpoint(std::move(endpoint))
    , m_client(std::move(client)) {}

ScoreRange HttpScorer::range() const {
    std::lock_guard<std::mutex> lock(m_rangeMutex);
    return m_range;
}

Result<std::vector<double>> HttpScorer::score(const std::vector<RgbImage>& images,
                                              const std::vector<std::string>& captions) {
    const std::atomic<bool> never{false};
    return scoreUnlessCancelled(images, captions, never);
}

Result<std::vector<double>> HttpScorer::scoreUnlessCancelled(const std::vector<RgbImage>& images,
                                                             const std::vector<std::string>& captions,
                                                             const std::atomic<bool>& cancel) {
    if (images.size() != captions.size()) {
        return makeError("score: " + std::to_string(images.size()) + " images but " +
                         std::to_string(captions.size()) + " captions");
    }
    json items = json::array();
    for (size_t i = 0; i < images.size(); ++i) {
        auto url = imageDataUrl(images[i]);
        if (!url) {
            return makeError("image " + std::to_string(i) + ": " + url.error());
        }
        items.push_back({{"image", *url}, {"prompt", captions[i]}});
    }
    const HttpRequest request =
        jsonPost(m_endpoint, "/score", dumpJsonSafely(json{{"model", m_endpoint.model}, {"items", items}}));
    auto response = m_client->send(request, &cancel);
    if (!response) {
        return response.takeError();
    }
    auto answer = parseAnswer(*response, redactUrlUserInfo(request.url));
    if (!answer) {
        return answer.takeError();
    }
    try {
        std::vector<double> scores = answer->at("scores").get<std::vector<double>>();
        if (scores.size() != images.size()) {
            return makeError(redactUrlUserInfo(request.url) + ": expected " + std::to_string(images.size()) +
                             " scores, got " + std::to_string(scores.size()));
        }
        if (answer->contains("range")) {
            const auto range = answer->at("range").get<std::vector<double>>();
            if (range.size() == 2 && range[0] < range[1]) {
                std::lock_guard<std::mutex> lock(m_rangeMutex);
                m_range = {range[0], range[1]};
            }
        }
        return scores;
    } catch (const std::exception& e) {
        return makeError(redactUrlUserInfo(request.url) + ": unexpected answer: " + e.what());
    }
}

} // namespace curator
