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
    // An openai: embedder's text queries are sent wrapped in this template, `{text}` standing for the query
    // (instruction-tuned embedders such as Qwen3-VL-Embedding: "Instruct: Represent the user's input.\n
    // Query: {text}"); `\n` in it is a newline. Empty: the text as is. Images are never wrapped.
    std::string embedQueryTemplate;
};

// The query as an instruction-tuned embedder takes it: `queryTemplate` with every `{text}` replaced by
// `text` and each `\n` by a newline (`\\` is a backslash); empty: `text`. A template without `{text}` is
// an error naming it.
Result<std::string> applyQueryTemplate(const std::string& queryTemplate, const std::string& text);

} // namespace curator
