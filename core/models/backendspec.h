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

// Options given per command. The query template and the captioner prompt may also live in the workspace's
// settings.json (WorkspaceSettings), which fills them where a command gives none.
struct BackendOptions {
    std::string apiKeyEnvironmentVariable = "OPENAI_API_KEY"; // the key itself is read from it, never stored
    // An openai: embedder's text queries are sent wrapped in this template, `{text}` standing for the query
    // (instruction-tuned embedders such as Qwen3-VL-Embedding: "Instruct: Represent the user's input.\n
    // Query: {text}"); `\n` in it is a newline. Empty: the text as is. Images are never wrapped.
    std::string embedQueryTemplate;
    std::string captionerPrompt; // what a remote captioner is asked (empty: OpenAiCaptioner::defaultPrompt())
    // How long one request to a remote model may take in all. A scorer or captioner served at several URLs
    // moves on to the next URL when one times out (a hung server costs one timeout, not one per retry).
    double requestTimeoutSeconds = 120;
};

// The query as an instruction-tuned embedder takes it: `queryTemplate` with every `{text}` replaced by
// `text` and each `\n` by a newline (`\\` is a backslash); empty: `text`. A template without `{text}` is
// an error naming it.
Result<std::string> applyQueryTemplate(const std::string& queryTemplate, const std::string& text);

} // namespace curator
