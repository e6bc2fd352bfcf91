#include "models/image.h"

#include "media/imagecodecs.h"
#include "models/imagesize.h"
#include "models/opencvimage.h"

#include <filesystem>
#include <system_error>

namespace curator {

Result<RgbImage> decodeImageFile(const std::string& path) {
    const std::string failure = path + ": cannot decode image (corrupt or unsupported)";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return makeError(path + ": cannot decode image: no such file");
    // The header's size first: OpenCV allocates the whole image before it reads a pixel.
    const auto size = readImageSize(path);
    if (!size) {
        const std::string& reason = size.error(); // "PATH: why"
        return makeError(failure + reason.substr(reason.rfind(path, 0) == 0 ? path.size() : 0));
    }
    if (auto allowed = checkPixelLimit(path, *size); !allowed)
        return allowed.takeError();
    keepOpenCvSingleThreaded(); // decoding runs one file per thread (ingest, rating, previews)
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
