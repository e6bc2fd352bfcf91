// What an MCP client sends (core/agent/mcpserver.h): JSON-RPC lines, one message each, to a server on an
// empty workspace with the builtin models. Every line the server writes back must be one JSON-RPC 2.0
// message, whatever came in; a tools/call starts a run, which close() ends before the next input.
#include "agent/mcpserver.h"
#include "fuzzfiles.h"
#include "models/backendspec.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string_view>

namespace {

struct BuiltinModels {
    std::unique_ptr<curator::Embedder> embedder;
    std::unique_ptr<curator::Scorer> scorer;
    std::unique_ptr<curator::Captioner> captioner;
};

BuiltinModels makeBuiltinModels() {
    const auto spec = curator::BackendSpec::parse("builtin");
    BuiltinModels models;
    if (spec) {
        if (auto embedder = curator::createEmbedder(*spec)) {
            models.embedder = std::move(*embedder);
        }
        if (auto scorer = curator::createScorer(*spec)) {
            models.scorer = std::move(*scorer);
        }
        if (auto captioner = curator::createCaptioner(*spec)) {
            models.captioner = std::move(*captioner);
        }
    }
    if (!models.embedder || !models.scorer || !models.captioner) {
        std::abort(); // the harness itself is broken
    }
    return models;
}

// An answer that is not one JSON-RPC 2.0 message would break the client's reader: a finding.
void checkWritten(const std::string& line) {
    const nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
    const auto version = message.is_object() ? message.find("jsonrpc") : message.end();
    if (line.find('\n') != std::string::npos || !message.is_object() || version == message.end() ||
        *version != "2.0") {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const BuiltinModels models = makeBuiltinModels();
    const std::string workspace = curator::fuzz::scratchDirectory() + "/workspace";
    std::error_code ignored;
    std::filesystem::remove_all(workspace, ignored);
    std::filesystem::create_directories(workspace, ignored);
    curator::McpServerOptions options;
    options.workspaceDirectory = workspace;
    options.maxTurns = 8;
    curator::McpServer server(options, *models.embedder, *models.scorer, *models.captioner, checkWritten);
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int lines = 0; !text.empty() && lines < 32; ++lines) {
        const size_t end = text.find('\n');
        server.handleLine(std::string(text.substr(0, end)));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    server.close();
    return 0;
}
