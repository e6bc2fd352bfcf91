#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace curator {

// A decoded image, 8-bit RGB, row-major, no padding. The core's image type: plain data, so that
// interfaces do not pull OpenCV's headers into every file that names an image.
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; // width * height * 3, R G B

    bool empty() const { return pixels.empty(); }
};

// Decodes jpg/png/webp/bmp/tiff with OpenCV. A corrupt or unreadable file, another format, or an image whose
// header states more than maxImagePixels() (models/imagesize.h) is an error naming it.
Result<RgbImage> decodeImageFile(const std::string& path);

} // namespace curator
