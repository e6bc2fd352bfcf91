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
    // Images whose header states more pixels are not decoded (a decompression bomb): models/imagesize.h.
    double maxImageMegapixels = 100;

    // Missing file: the defaults. Malformed: an error naming the file and field.
    static Result<WorkspaceSettings> load(const std::string& workspaceDirectory);
    Status save(const std::string& workspaceDirectory) const;
    // Sets one key ("embedder", "scorer", "captioner", "taxonomy", "max_image_megapixels": a positive
    // number); unknown keys are errors.
    Status set(const std::string& key, const std::string& value);
};

} // namespace curator
