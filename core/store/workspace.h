#pragma once

#include <string>

namespace curator {

// A workspace is a directory: embeddings/ (one matrix per source and model), and later the
// database, thumbnails, runs and exports.
namespace workspace {

constexpr const char* kEnvironmentVariable = "CURATOR_WORKSPACE";
constexpr const char* kDefaultDirectory = "workspace";
constexpr const char* kEmbeddingsDirectory = "embeddings";

// The directory to use: the explicit choice (--workspace), else $CURATOR_WORKSPACE, else ./workspace.
std::string resolveDirectory(const std::string& explicitDirectory);

std::string embeddingsDirectory(const std::string& workspaceDirectory);

} // namespace workspace
} // namespace curator
