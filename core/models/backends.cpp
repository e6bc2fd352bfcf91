// The factories: a backend spec string -> an Embedder, Scorer or Captioner.
#include "common/urlredaction.h"
#include "models/builtincaptioner.h"
#include "models/builtinembedder.h"
#include "models/builtinscorer.h"
#include "models/endpointpool.h"
#include "models/openaibackends.h"
#include "plugin/torchplugin.h"
#include "resources/embeddedresources.h"

#include <thread>

namespace curator {

namespace {

// One client per process: its concurrency limit then holds across every backend that uses it.
std::shared_ptr<HttpClient> sharedHttpClient() {
    static const auto client = std::make_shared<HttpClient>();
    return client;
}

// Rating sends many requests at once (aestheticsRate's concurrency), so each scorer or captioner endpoint
// has its own client rather than the shared one's limit of 4. With several endpoints a failing one is
// tried twice, not five times with backoff, and a timeout not again at all: the call moves on to the next
// endpoint sooner.
constexpr int kRatingRequestsPerEndpoint = 32;

std::shared_ptr<HttpClient> ratingHttpClient(size_t endpoints) {
    RetryPolicy policy;
    if (endpoints > 1) {
        policy.maxAttempts = 2;
        policy.retryTimeouts = false;
    }
    return std::make_shared<HttpClient>(policy, kRatingRequestsPerEndpoint);
}

// One backend per base URL of an openai: spec, pooled when there are several.
template <typename Backend, typename Pooled, typename Make>
Result<std::unique_ptr<Backend>> createRemote(const BackendSpec& spec, const BackendOptions& options,
                                              Make make) {
    auto endpoints = OpenAiEndpoint::allFromSpec(spec, options);
    if (!endpoints) {
        return endpoints.takeError();
    }
    std::vector<std::unique_ptr<Backend>> backends;
    for (auto& endpoint : *endpoints) {
        backends.push_back(make(std::move(endpoint), ratingHttpClient(endpoints->size())));
    }
    if (backends.size() == 1) {
        return std::move(backends.front());
    }
    return std::unique_ptr<Backend>(std::make_unique<Pooled>(std::move(backends)));
}

} // namespace

Result<std::unique_ptr<Embedder>> createEmbedder(const BackendSpec& spec, const BackendOptions& options) {
    switch (spec.kind) {
    case BackendSpec::Kind::Builtin: {
        auto embedder =
            BuiltinEmbedder::fromVocabularyJson(resources::builtinVocabularyJson(), "builtin_vocabulary.json",
                                                std::max(1u, std::thread::hardware_concurrency()));
        if (!embedder) {
            return embedder.takeError();
        }
        return std::unique_ptr<Embedder>(std::move(*embedder));
    }
    case BackendSpec::Kind::TorchScript:
        return createTorchScriptEmbedder(spec.location);
    case BackendSpec::Kind::OpenAi: {
        if (spec.locations.size() > 1) {
            return makeError("embedder spec '" + redactUrlUserInfo(spec.text) +
                             "': an embedder takes one base URL (several are for the scorer and captioner)");
        }
        auto endpoint = OpenAiEndpoint::fromSpec(spec, options);
        if (!endpoint) {
            return endpoint.takeError();
        }
        return std::unique_ptr<Embedder>(std::make_unique<OpenAiEmbedder>(*endpoint, sharedHttpClient()));
    }
    }
    return makeError("unknown embedder spec '" + redactUrlUserInfo(spec.text) + "'");
}

Result<std::unique_ptr<Scorer>> createScorer(const BackendSpec& spec, const BackendOptions& options) {
    switch (spec.kind) {
    case BackendSpec::Kind::Builtin:
        return std::unique_ptr<Scorer>(std::make_unique<BuiltinScorer>());
    case BackendSpec::Kind::TorchScript:
        return createTorchScriptScorer(spec.location);
    case BackendSpec::Kind::OpenAi:
        return createRemote<Scorer, PooledScorer>(
            spec, options, [](OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client) {
                return std::make_unique<HttpScorer>(std::move(endpoint), std::move(client));
            });
    }
    return makeError("unknown scorer spec '" + redactUrlUserInfo(spec.text) + "'");
}

Result<std::unique_ptr<Captioner>> createCaptioner(const BackendSpec& spec, const BackendOptions& options) {
    switch (spec.kind) {
    case BackendSpec::Kind::Builtin:
        return std::unique_ptr<Captioner>(std::make_unique<BuiltinCaptioner>());
    case BackendSpec::Kind::TorchScript:
        return makeError(
            "captioner spec '" + redactUrlUserInfo(spec.text) +
            "': there is no TorchScript captioner; use builtin (sidecar captions) or openai:URL#MODEL");
    case BackendSpec::Kind::OpenAi:
        return createRemote<Captioner, PooledCaptioner>(
            spec, options, [&options](OpenAiEndpoint endpoint, std::shared_ptr<HttpClient> client) {
                return std::make_unique<OpenAiCaptioner>(std::move(endpoint), std::move(client),
                                                         options.captionerPrompt);
            });
    }
    return makeError("unknown captioner spec '" + redactUrlUserInfo(spec.text) + "'");
}

} // namespace curator
