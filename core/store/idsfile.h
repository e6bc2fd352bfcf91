#pragma once

#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

// One row's identity as an ids file gives it: `path` and `caption` only come from .jsonl files.
struct RowIdentity {
    std::string id;
    std::string path;
    std::string caption;
};

// Reads an ids file: `.txt` (one id per line) or `.jsonl` (objects with "id" and optional "path",
// "caption"). Empty lines, malformed JSON and duplicate ids are errors naming the line.
Result<std::vector<RowIdentity>> readIdsFile(const std::string& path);

} // namespace curator
