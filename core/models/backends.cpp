// The factories: a backend spec string -> an Embedder, Scorer or Captioner.
#include "common/urlredaction.h"
#include "models/builtincaptioner.h"
#include "models/builtinembedder.h"
#include "models/builtinscorer.h"
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
    case BackendSpec::Kind::OpenAi: {
        auto endpoint = OpenAiEndpoint::fromSpec(spec, options);
        if (!endpoint) {
            return endpoint.takeError();
        }
        return std::unique_ptr<Scorer>(std::make_unique<HttpScorer>(*endpoint, sharedHttpClient()));
    }
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
    case BackendSpec::Kind::OpenAi: {
        auto endpoint = OpenAiEndpoint::fromSpec(spec, options);
        if (!endpoint) {
            return endpoint.takeError();
        }
        return std::unique_ptr<Captioner>(std::make_unique<OpenAiCaptioner>(*endpoint, sharedHttpClient()));
    }
    }
    return makeError("unknown captioner spec '" + redactUrlUserInfo(spec.text) + "'");
}

} // namespace curator
