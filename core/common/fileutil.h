#pragma once

#include "common/result.h"

#include <string>
#include <string_view>

namespace curator {

// Writes `contents` to a temporary beside `path`, flushes it to disk and renames it into place, so a
// reader (or a crash) sees the old file or the new one, never half of one.
Status writeFileAtomically(const std::string& path, std::string_view contents);

Result<std::string> readWholeFile(const std::string& path);

// Flushes a directory entry (after a rename) to disk.
void syncDirectory(const std::string& directory);

// Lowercase file extension including the dot (".npy"), or "" when there is none.
std::string lowercaseExtension(const std::string& path);

} // namespace curator
