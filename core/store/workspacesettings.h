#pragma once

#include "common/result.h"

#include <string>

namespace curator {

// Per-workspace choices, in WORKSPACE/settings.json: the backend specs the workspace's store was built
// with (a query must go through the embedder of the stored model) and the taxonomy file. Never a secret:
// API keys come from the environment or the keychain.
struct WorkspaceSettings {
    std::string embedder = "builtin";
    std::string scorer = "builtin";
    std::string captioner = "builtin";
    std::string taxonomy; // empty: the built-in taxonomy
    // How the embedder above takes text queries (BackendOptions::embedQueryTemplate), kept beside it so
    // that every later session, CLI or workstation, embeds queries as the store's model expects.
    std::string embedQueryTemplate;
    // What the captioner above is asked (BackendOptions::captionerPrompt; empty: the default prompt).
    std::string captionerPrompt;
    // Images whose header states more pixels are not decoded (a decompression bomb): models/imagesize.h.
    double maxImageMegapixels = 100;

    // Missing file: the defaults. Malformed: an error naming the file and field.
    static Result<WorkspaceSettings> load(const std::string& workspaceDirectory);
    Status save(const std::string& workspaceDirectory) const;
    // Sets one key ("embedder", "scorer", "captioner", "taxonomy", "max_image_megapixels": a positive
    // number, "embed_query_template": empty or holding {text}, "captioner_prompt"); unknown keys are errors.
    Status set(const std::string& key, const std::string& value);

    // The query template of an embedder made from `spec` for one command: `given`, else the setting when
    // `spec` is the workspace's own embedder (a template belongs to the model it was written for).
    std::string queryTemplateFor(const std::string& spec, const std::string& given) const;
    // The same for a captioner's prompt.
    std::string captionerPromptFor(const std::string& spec, const std::string& given) const;
    // After an ingest by `spec` (empty: the setting's) with `queryTemplate` (empty: none given): the store
    // holds that model now, so the settings name it with its template (a replaced embedder's template is
    // dropped, the same one's kept). Returns whether anything changed (the caller saves).
    bool recordIngestEmbedder(const std::string& spec, const std::string& queryTemplate);
};

} // namespace curator
