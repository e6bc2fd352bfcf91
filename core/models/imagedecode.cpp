#include "models/image.h"

#include "media/imagecodecs.h"
#include "models/opencvimage.h"

#include <filesystem>
#include <system_error>

namespace curator {

Result<RgbImage> decodeImageFile(const std::string& path) {
    const std::string failure = path + ": cannot decode image (corrupt or unsupported)";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(path + ": cannot decode image: no such file");
    try {
        // IMREAD_COLOR: grey and RGBA files become 3-channel BGR; EXIF orientation is applied.
        cv::Mat bgr = codecs::imread(path, cv::IMREAD_COLOR);
        if (bgr.empty() || bgr.type() != CV_8UC3)
            return makeError(failure);
        return toRgbImage(bgr, true);
    } catch (const std::exception& error) {
        return makeError(failure + ": " + error.what());
    }
}

} // namespace curator
