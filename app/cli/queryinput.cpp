#include "queryinput.h"

#include "store/workspacesettings.h"

#include <iostream>

namespace curator::cli {

namespace {

// The spec given for this command, else the workspace's setting, parsed; `pick` chooses the field.
template <typename Pick>
Result<BackendSpec> chosenSpec(const GlobalOptions& global, const std::string& given, Pick pick) {
    std::string text = given;
    if (text.empty()) {
        auto settings = WorkspaceSettings::load(global.workspace);
        if (!settings) {
            return settings.takeError();
        }
        text = pick(*settings);
    }
    return BackendSpec::parse(text);
}

BackendOptions backendOptions(const GlobalOptions& global) {
    BackendOptions options;
    options.apiKeyEnvironmentVariable = global.apiKeyEnv;
    options.embedQueryTemplate = global.embedQueryTemplate;
    options.captionerPrompt = global.captionerPrompt;
    return options;
}

} // namespace

Result<std::unique_ptr<Embedder>> workspaceEmbedder(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.embedder, [](const WorkspaceSettings& s) { return s.embedder; });
    if (!spec) {
        return spec.takeError();
    }
    return createEmbedder(*spec, backendOptions(global));
}

Result<std::unique_ptr<Scorer>> workspaceScorer(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.scorer, [](const WorkspaceSettings& s) { return s.scorer; });
    if (!spec) {
        return spec.takeError();
    }
    return createScorer(*spec, backendOptions(global));
}

Result<std::unique_ptr<Captioner>> workspaceCaptioner(const GlobalOptions& global) {
    auto spec = chosenSpec(global, global.captioner, [](const WorkspaceSettings& s) { return s.captioner; });
    if (!spec) {
        return spec.takeError();
    }
    return createCaptioner(*spec, backendOptions(global));
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
