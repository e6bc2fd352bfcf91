#pragma once

#include "agent/tools/tooldefaults.h"
#include "agent/tools/toolresult.h"
#include "common/result.h"

#include <string>
#include <vector>

namespace curator {

// One composite JPEG data URL of the images (kGridColumns tiles of `tileSize` px per row, numbered from 1 in
// order). Images that fail to decode become grey tiles marked with an X (the text names them).
// `tileLabels`, when given (one per image), are written at the bottom of each tile (e.g. a score).
Result<std::string> compositeGridDataUrl(const std::vector<ToolImage>& images, int tileSize = kGridTileSize,
                                         const std::vector<std::string>& tileLabels = {});

} // namespace curator
