#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace curator {

// One row's identity as an ids file gives it: `path` and `caption` only come from .jsonl files.
struct RowIdentity {
    std::string id;
    std::string path;
    std::string caption;
    // Where an ingested row came from, so that a resumed ingest skips files it already has.
    int64_t fileSize = -1;
    int64_t fileModified = -1; // seconds since the epoch
};

// Reads an ids file: `.txt` (one id per line) or `.jsonl` (objects with "id" and optional "path",
// "caption"). Empty lines, malformed JSON and duplicate ids are errors naming the line.
Result<std::vector<RowIdentity>> readIdsFile(const std::string& path);

} // namespace curator
