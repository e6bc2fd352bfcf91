#pragma once

// Everything the workspace knows about one image, for a preview: its catalog entry, every commit that
// holds it (and whether that commit is live in the checked-out branch's dataset), and the captions and
// aesthetics scores cached per model. Read in a handful of queries whatever the number of commits.

#include "common/result.h"
#include "dataset/curationlog.h"

#include <string>
#include <vector>

namespace curator {

struct ProvenanceCommit {
    std::string id;
    CommitKind kind = CommitKind::Commit; // a commit, or a partial revert that removed the image
    std::string branch;
    std::string author;
    std::string createdAt;
    std::string query;
    double threshold = 0.0;
    std::string message;
    std::vector<std::string> tags;
    bool live = false;     // a commit: holds the image in the checked-out branch's dataset; a partial revert:
                           // keeps it out of its target there
    std::string undoneBy;  // the revert that undid it anywhere in the graph ("" when none)
    std::string target;    // a partial revert: the commit it removed the image from
    std::string removedBy; // a commit: the live partial revert on the checked-out branch that removed the
                           // image from it ("" when none)
};

struct CachedCaption {
    std::string model;
    std::string caption;
    std::string createdAt;
};

struct CachedScore {
    std::string model;
    double score = 0.0;
    std::string createdAt;
    std::string captionSha256;
    // Which caption the score read: a captioner model of `captions`, "catalog" for the catalog's
    // (sidecar) caption, or "" when that caption is no longer known.
    std::string captionSource;
};

struct ImageProvenance {
    CatalogImage image;
    std::string checkedOutBranch;
    std::vector<ProvenanceCommit> commits; // commit order, oldest first
    std::vector<CachedCaption> captions;   // by model name
    std::vector<CachedScore> scores;       // by model name, newest first within a model
    bool inDataset = false;                // some live commit holds it
};

// The provenance of (source, name). An image neither the catalog nor any commit names is an error that
// names it.
Result<ImageProvenance> imageProvenance(CurationLog& log, const std::string& source, const std::string& name);

// Ids of the commits that make up `branch`'s dataset in `graph` (reachable from its head through parent
// links, kind 'commit', not undone by a revert reachable from that head), in commit order. The same rule
// as CurationLog::status() over the public CommitGraph.
Result<std::vector<std::string>> liveCommitIds(const CommitGraph& graph, const std::string& branch);

} // namespace curator
