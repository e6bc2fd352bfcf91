#pragma once

#include "commands.h"
#include "curation/curationsession.h"
#include "models/captioner.h"
#include "models/embedder.h"
#include "models/modelcheck.h"
#include "models/scorer.h"

#include <memory>
#include <string>

namespace curator::cli {

// The curation session of one command: the workspace, the embedder of --embedder (else the workspace's,
// made only when a text must be embedded), the scan of --device and --threads.
Result<std::unique_ptr<CurationSession>> openSession(const GlobalOptions& global,
                                                     const QueryOptions& options);

// The query of the command line, as the curation layer takes it.
QueryRequest queryRequest(const QueryOptions& options);

// Prepares the command's query; the embedder's warnings go to stderr.
Result<PreparedQuery> prepareQuery(CurationSession& session, const QueryOptions& options);

// The backends of --embedder/--scorer/--captioner, else of the workspace's settings.json.
Result<std::unique_ptr<Embedder>> workspaceEmbedder(const GlobalOptions& global);
Result<std::unique_ptr<Scorer>> workspaceScorer(const GlobalOptions& global);
Result<std::unique_ptr<Captioner>> workspaceCaptioner(const GlobalOptions& global);
// The three specs of --embedder/--scorer/--captioner, else of settings.json, with the options those take.
Result<ModelCheckRequest> modelCheckRequest(const GlobalOptions& global);

} // namespace curator::cli
