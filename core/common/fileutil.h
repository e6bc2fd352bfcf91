#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace curator {

// Writes `contents` to a temporary beside `path`, flushes it to disk and renames it into place, so a
// reader (or a crash) sees the old file or the new one, never half of one.
Status writeFileAtomically(const std::string& path, std::string_view contents);

// Limits on a whole file read into memory. Files named from outside (settings, imports, ids files) may be
// anything: a device, a pipe, or gigabytes. Each caller names the limit of its kind of file.
constexpr uint64_t kMiB = uint64_t(1) << 20;
constexpr uint64_t kMaxSmallFileBytes = 64 * kMiB; // settings, meta.json, taxonomies, vocabularies, sidecars
constexpr uint64_t kMaxDatasetFileBytes = 1024 * kMiB; // an imported dataset.json (either format)
constexpr uint64_t kMaxIdsFileBytes = 4096 * kMiB;     // the ids file of `store import`

// The whole of a regular file of at most `maxBytes`. Anything else (a directory, a device such as
// /dev/zero, a pipe) and anything larger is refused before a byte is read, with a message naming the file
// and the limit; a file that grows past the limit while it is read is refused too.
Result<std::string> readWholeFile(const std::string& path, uint64_t maxBytes = kMaxSmallFileBytes);

// "64 MiB", "1.5 KiB", "12 bytes": a size for a message.
std::string describeByteCount(uint64_t bytes);

// Flushes a directory entry (after a rename) to disk.
void syncDirectory(const std::string& directory);

// Lowercase file extension including the dot (".npy"), or "" when there is none.
std::string lowercaseExtension(const std::string& path);

} // namespace curator
