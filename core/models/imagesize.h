#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>

namespace curator {

// An image's size as its file's header states it.
struct ImageSize {
    uint32_t width = 0;
    uint32_t height = 0;
    uint64_t pixels() const { return uint64_t(width) * height; }
};

// Width and height from the header of a JPEG, PNG, WebP, BMP or TIFF file (the formats ingest takes),
// read without decoding: a few bytes, or for JPEG and TIFF the segments up to the frame header. Another
// format, or a header that is cut short or states a zero size, is an error naming the file.
Result<ImageSize> readImageSize(const std::string& path);

// The largest image decodeImageFile decodes, in pixels: a small compressed file can state a huge size (an
// 875 KB PNG of 30000 x 30000 decodes to 2.7 GB). Process-wide, set once by the front end from its option
// or the workspace setting "max_image_megapixels".
constexpr uint64_t kDefaultMaxImagePixels = 100'000'000;
void setMaxImagePixels(uint64_t pixels);
uint64_t maxImagePixels();

// Refuses an image of `size` (its header's) over maxImagePixels(), naming the file, its size and the limit.
Status checkPixelLimit(const std::string& path, const ImageSize& size);

} // namespace curator
