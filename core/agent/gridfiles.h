#pragma once

// The grid images an agent received, kept beside its transcript (issue 16 §3): each data URL a tool result
// carried is decoded and written, byte for byte as sent, to WORKSPACE/runs/<run id>/grids/<call>-<n>.jpg, and
// the tool_result event names the files ("grid_files", paths relative to WORKSPACE/runs/). The transcript
// itself never holds image bytes.

#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

// The directory grid files are relative to: WORKSPACE/runs.
std::string runsDirectory(const std::string& workspaceDirectory);

// The file name stem of a call id: the id itself when it is made of ASCII letters, digits, '-' and '_';
// otherwise those characters kept, the others replaced by '_', and a hash of the id appended so two ids
// never share a name. A call id comes from a model: it never leads out of the grids directory.
std::string gridFileStem(const std::string& callId);

// Writes the grids of one call (atomically, one file each, named <stem>-<n>.<ext>, n from 0) and returns
// their paths relative to runsDirectory(), e.g. "r1/grids/c1-0.jpg". A data URL that is not base64 image
// data, or a file that cannot be written, is an error naming it (files written before it stay).
Result<std::vector<std::string>> writeGridFiles(const std::string& workspaceDirectory,
                                                const std::string& runId, const std::string& callId,
                                                const std::vector<std::string>& dataUrls);

// An absolute path of a grid file named in an event (relative to runsDirectory()); none when the name
// could lead out of it (absolute, or with a ".." part).
Result<std::string> resolveGridFile(const std::string& workspaceDirectory, const std::string& relativePath);

} // namespace curator
