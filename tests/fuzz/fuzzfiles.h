#pragma once

// Files for the fuzz targets whose parser reads a path: each process writes its inputs under one
// directory of its own (removed at exit), so parallel fuzzing jobs never share a file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace curator::fuzz {

// This process's scratch directory (created on first use).
const std::string& scratchDirectory();

// Writes `bytes` to scratchDirectory()/name and returns the path.
std::string writeScratchFile(const std::string& name, std::string_view bytes);

// Splits an input into at most `count` parts at each "\n--8<--\n" (the seed corpora use it to hold
// several files in one input); missing parts are empty.
std::vector<std::string_view> splitParts(const uint8_t* data, size_t size, size_t count);

} // namespace curator::fuzz
