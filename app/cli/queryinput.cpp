#include "queryinput.h"

#include "store/workspacesettings.h"

#include <iostream>

namespace curator::cli {

namespace {

// The spec given for this command, else the workspace's setting, parsed; `pick` chooses the field. The
// options carry the workspace's query template and captioner prompt for its own embedder and captioner.
template <typename Pick>
Result<BackendSpec> chosenSpec(const GlobalOptions& global, const std::string& given, Pick pick,
                               BackendOptions& options) {
    auto loaded = WorkspaceSettings::load(global.workspace);
    if (!loaded && given.empty()) {
        return loaded.takeError();
    }
    // A spec given for the command works without a readable settings file, as before.
    const WorkspaceSettings settings = loaded ? *loaded : WorkspaceSettings();
    const std::string text = given.empty() ? pick(settings) : given;
    options.apiKeyEnvironmentVariable = global.apiKeyEnv;
    options.embedQueryTemplate = settings.queryTemplateFor(text, global.embedQueryTemplate);
    options.captionerPrompt = settings.captionerPromptFor(text, global.captionerPrompt);
    options.requestTimeoutSeconds = global.requestTimeoutSeconds;
    return BackendSpec::parse(text);
}

} // namespace

Result<std::unique_ptr<Embedder>> workspaceEmbedder(const GlobalOptions& global) {
    BackendOptions options;
    auto spec = chosenSpec(
        global, global.embedder, [](const WorkspaceSettings& s) { return s.embedder; }, options);
    if (!spec) {
        return spec.takeError();
    }
    return createEmbedder(*spec, options);
}

Result<std::unique_ptr<Scorer>> workspaceScorer(const GlobalOptions& global) {
    BackendOptions options;
    auto spec = chosenSpec(
        global, global.scorer, [](const WorkspaceSettings& s) { return s.scorer; }, options);
    if (!spec) {
        return spec.takeError();
    }
    return createScorer(*spec, options);
}

Result<std::unique_ptr<Captioner>> workspaceCaptioner(const GlobalOptions& global) {
    BackendOptions options;
    auto spec = chosenSpec(
        global, global.captioner, [](const WorkspaceSettings& s) { return s.captioner; }, options);
    if (!spec) {
        return spec.takeError();
    }
    return createCaptioner(*spec, options);
}

Result<ModelCheckRequest> modelCheckRequest(const GlobalOptions& global) {
    auto loaded = WorkspaceSettings::load(global.workspace);
    if (!loaded) {
        return loaded.takeError();
    }
    ModelCheckRequest request;
    request.workspaceDirectory = global.workspace;
    request.embedder = global.embedder.empty() ? loaded->embedder : global.embedder;
    request.scorer = global.scorer.empty() ? loaded->scorer : global.scorer;
    request.captioner = global.captioner.empty() ? loaded->captioner : global.captioner;
    request.options.apiKeyEnvironmentVariable = global.apiKeyEnv;
    request.options.embedQueryTemplate =
        loaded->queryTemplateFor(request.embedder, global.embedQueryTemplate);
    request.options.captionerPrompt = loaded->captionerPromptFor(request.captioner, global.captionerPrompt);
    request.options.requestTimeoutSeconds = global.requestTimeoutSeconds;
    return request;
}

Result<std::unique_ptr<CurationSession>> openSession(const GlobalOptions& global,
                                                     const QueryOptions& options) {
    auto place = parseScanPlace(options.device);
    if (!place) {
        return makeError("--device: " + place.error());
    }
    auto session = std::make_unique<CurationSession>(global.workspace, *place,
                                                     [global] { return workspaceEmbedder(global); });
    session->scanner().options().threads = options.threads;
    return session;
}

QueryRequest queryRequest(const QueryOptions& options) {
    QueryRequest request;
    request.text = options.queryText;
    request.vectorFile = options.queryVector;
    request.negativeTexts = options.negativeTexts;
    request.negativeVectorFiles = options.negativeVectors;
    request.negativeThreshold = options.negativeThreshold;
    request.sources = options.sources;
    request.model = options.model;
    return request;
}

Result<PreparedQuery> prepareQuery(CurationSession& session, const QueryOptions& options) {
    auto prepared = session.prepare(queryRequest(options));
    if (prepared) {
        for (const auto& warning : prepared->warnings) {
            std::cerr << "warning: " << warning << '\n';
        }
    }
    return prepared;
}

} // namespace curator::cli
