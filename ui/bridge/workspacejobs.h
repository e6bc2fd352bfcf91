#pragma once

#include "bridge/jobrunner.h"

#include <QString>

namespace curator::ui {

// The workstation's long jobs, for JobRunner: each calls the core function the CLI calls, reports its
// progress and honours a cancel.
namespace jobs {

// Embeds the images under `folder` into `source` with the workspace's embedder (resumable).
JobFunction ingest(const QString& workspaceDirectory, const QString& source, const QString& folder);
// The checked-out branch's dataset.json (our format, or the original system's when `original`).
JobFunction exportDataset(const QString& workspaceDirectory, const QString& file, bool original);
// exports/TAG/: dataset.json, manifest.json with SHA-256s, metadata.jsonl (images/ when copyImages);
// excludeNearDuplicates > 0 leaves out the near-duplicates at that cosine but one per group.
JobFunction exportRelease(const QString& workspaceDirectory, const QString& tag, bool copyImages,
                          double excludeNearDuplicates = 0);
// The checked-out branch's preference pairs (seed 0, the defaults of `curator-cli pairs`) as JSONL.
JobFunction exportPairs(const QString& workspaceDirectory, const QString& file);
// An hnsw graph for every source of the workspace's embedding model.
JobFunction buildIndex(const QString& workspaceDirectory);

} // namespace jobs
} // namespace curator::ui
