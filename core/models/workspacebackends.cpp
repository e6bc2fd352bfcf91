#include "models/workspacebackends.h"

#include "store/workspacesettings.h"

namespace curator {

namespace {

// Reads the named setting and makes the backend with `create`.
template <typename Backend, typename Create>
Result<std::unique_ptr<Backend>> createFromSetting(const std::string& workspaceDirectory, const char* key,
                                                   std::string WorkspaceSettings::*setting, Create create,
                                                   const BackendOptions& options) {
    auto settings = WorkspaceSettings::load(workspaceDirectory);
    if (!settings) {
        return settings.takeError();
    }
    const std::string& text = (*settings).*setting;
    auto spec = BackendSpec::parse(text);
    if (!spec) {
        return makeError(std::string(key) + " '" + text + "' in the workspace's settings: " + spec.error());
    }
    // The workspace's own embedder and captioner take their query template and prompt from the settings
    // too, unless the caller gave its own.
    BackendOptions completed = options;
    completed.embedQueryTemplate = settings->queryTemplateFor(text, options.embedQueryTemplate);
    completed.captionerPrompt = settings->captionerPromptFor(text, options.captionerPrompt);
    return create(*spec, completed);
}

} // namespace

Result<std::unique_ptr<Embedder>> createWorkspaceEmbedder(const std::string& workspaceDirectory,
                                                          const BackendOptions& options) {
    return createFromSetting<Embedder>(workspaceDirectory, "embedder", &WorkspaceSettings::embedder,
                                       createEmbedder, options);
}

Result<std::unique_ptr<Scorer>> createWorkspaceScorer(const std::string& workspaceDirectory,
                                                      const BackendOptions& options) {
    return createFromSetting<Scorer>(workspaceDirectory, "scorer", &WorkspaceSettings::scorer, createScorer,
                                     options);
}

Result<std::unique_ptr<Captioner>> createWorkspaceCaptioner(const std::string& workspaceDirectory,
                                                            const BackendOptions& options) {
    return createFromSetting<Captioner>(workspaceDirectory, "captioner", &WorkspaceSettings::captioner,
                                        createCaptioner, options);
}

} // namespace curator
