#pragma once

#include "common/result.h"
#include "models/embedder.h"
#include "store/embeddingmatrix.h"

#include <functional>
#include <string>
#include <vector>

namespace curator {

struct IngestRequest {
    std::string workspaceDirectory;
    std::string source;
    std::string imagesDirectory;
    std::string captionsFile; // .jsonl of {"file" or "path", "caption"}; empty: captions.jsonl files found
                              // beside images
    StorageType storage = StorageType::Float16;
    size_t batchSize = 32;        // images per embedder call
    size_t checkpointRows = 1024; // rows appended to the store (and the catalog) at a time
    unsigned threads = 0;         // decoders; 0: one per hardware thread
    bool thumbnails = true;       // 256-px JPEGs in thumbs/<source>/
    // Told when an append waits for another writer of the source (another ingest, a `store import`).
    std::function<void(const std::string&)> waiting;
};

struct IngestProgress {
    size_t done = 0;  // images handled in this run (embedded or failed)
    size_t total = 0; // images to handle in this run
    double imagesPerSecond = 0;
    double etaSeconds = 0;
};

struct IngestFailure {
    std::string path;
    std::string message;
};

struct IngestReport {
    std::string model;
    size_t found = 0;           // image files under the directory
    size_t alreadyIngested = 0; // skipped: same path, size and modification time as a stored row
    size_t ingested = 0;
    size_t catalogRepaired = 0; // stored rows the catalog lacked (a run killed between the two), entered
    // Corrupt or unreadable files, and files whose thumbnail could not be made or written: each reported
    // and skipped (nothing is stored for it, so a later run tries it again).
    std::vector<IngestFailure> failures;
    double seconds = 0;
    bool cancelled = false; // what was embedded before the cancel is kept (a later run resumes)
};

// Answering false cancels.
using IngestProgressCallback = std::function<bool(const IngestProgress&)>;

// Finds jpg/png/webp/bmp/tiff files recursively, decodes them on a thread pool, writes thumbnails, embeds
// them in batches and appends them to the store and the catalog every checkpointRows rows. Resumable:
// files already ingested (path, size, mtime) are skipped, and stored rows the catalog lacks are entered
// into it first (repairCatalogFromStore). Ids are paths relative to imagesDirectory.
Result<IngestReport> ingestImages(const IngestRequest& request, Embedder& embedder,
                                  const IngestProgressCallback& progress = {});

// Path of the thumbnail of an image (it may not exist).
std::string thumbnailPath(const std::string& workspaceDirectory, const std::string& source,
                          const std::string& id);

} // namespace curator
