#pragma once

#include "common/result.h"
#include "models/backendspec.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/scorer.h"

#include <memory>
#include <string>

namespace curator {

// The backends a workspace's settings.json names (embedder, scorer, captioner), made from their specs.
// A missing settings file means the builtin ones; a malformed spec is an error naming the setting. The
// embedder's query template and the captioner's prompt come from the settings where `options` has none.
Result<std::unique_ptr<Embedder>> createWorkspaceEmbedder(const std::string& workspaceDirectory,
                                                          const BackendOptions& options = {});
Result<std::unique_ptr<Scorer>> createWorkspaceScorer(const std::string& workspaceDirectory,
                                                      const BackendOptions& options = {});
Result<std::unique_ptr<Captioner>> createWorkspaceCaptioner(const std::string& workspaceDirectory,
                                                            const BackendOptions& options = {});

} // namespace curator
