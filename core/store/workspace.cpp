#include "store/workspace.h"

#include <cstdlib>
#include <filesystem>

namespace curator::workspace {

std::string resolveDirectory(const std::string& explicitDirectory) {
    if (!explicitDirectory.empty()) {
        return explicitDirectory;
    }
    if (const char* fromEnvironment = std::getenv(kEnvironmentVariable);
        fromEnvironment && *fromEnvironment) {
        return fromEnvironment;
    }
    return kDefaultDirectory;
}

std::string embeddingsDirectory(const std::string& workspaceDirectory) {
    return (std::filesystem::path(workspaceDirectory) / kEmbeddingsDirectory).string();
}

} // namespace curator::workspace
