#pragma once

#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

// Which implementation of a model to use, as a spec string (stored in the workspace settings,
// overridable per command):
//   builtin                         offline, pixel statistics (OpenCV)
//   torchscript:DIR                 TorchScript models in DIR (loads the LibTorch plugin)
//   openai:BASE_URL#MODEL           an OpenAI-compatible HTTP endpoint
//   openai:URL1,URL2,...#MODEL      the same model served at several endpoints (scorer and captioner:
//                                   requests are spread over them, a failed one is retried elsewhere)
struct BackendSpec {
    enum class Kind { Builtin, TorchScript, OpenAi };
    Kind kind = Kind::Builtin;
    std::string location;               // DIR or BASE_URL (the first one of several)
    std::vector<std::string> locations; // every BASE_URL of an openai spec, in the order given
    std::string model;                  // MODEL of an openai spec
    std::string text;                   // the spec as given

    static Result<BackendSpec> parse(const std::string& text);
};

// Options that never live in the workspace.
struct BackendOptions {
    std::string apiKeyEnvironmentVariable = "OPENAI_API_KEY"; // the key itself is read from it, never stored
    std::string captionerPrompt; // what a remote captioner is asked (empty: OpenAiCaptioner::defaultPrompt())
};

} // namespace curator
