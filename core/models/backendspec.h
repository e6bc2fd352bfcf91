#pragma once

#include "common/result.h"

#include <string>

namespace curator {

// Which implementation of a model to use, as a spec string (stored in the workspace settings,
// overridable per command):
//   builtin                         offline, pixel statistics (OpenCV)
//   torchscript:DIR                 TorchScript models in DIR (loads the LibTorch plugin)
//   openai:BASE_URL#MODEL           an OpenAI-compatible HTTP endpoint
struct BackendSpec {
    enum class Kind { Builtin, TorchScript, OpenAi };
    Kind kind = Kind::Builtin;
    std::string location; // DIR or BASE_URL
    std::string model;    // MODEL of an openai spec
    std::string text;     // the spec as given

    static Result<BackendSpec> parse(const std::string& text);
};

// Options that never live in the workspace.
struct BackendOptions {
    std::string apiKeyEnvironmentVariable = "OPENAI_API_KEY"; // the key itself is read from it, never stored
};

} // namespace curator
