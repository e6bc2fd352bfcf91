#include "media/imagecodecs.h"

#include "media/medialoader.h"

#include <stdexcept>

namespace curator::codecs {

namespace {

MediaBackend& backend() {
    Result<MediaBackend*> loaded = loadMediaBackend();
    if (!loaded) {
        throw std::runtime_error(loaded.error());
    }
    return **loaded;
}

} // namespace

cv::Mat imread(const std::string& path, int flags) {
    return backend().readImage(path, flags);
}

bool imwrite(const std::string& path, const cv::Mat& image, const std::vector<int>& params) {
    return backend().writeImage(path, image, params);
}

bool imencode(const std::string& extension, const cv::Mat& image, std::vector<uchar>& bytes,
              const std::vector<int>& params) {
    return backend().encodeImage(extension, image, bytes, params);
}

cv::Mat imdecode(const std::vector<uchar>& bytes, int flags) {
    return backend().decodeImage(bytes, flags);
}

} // namespace curator::codecs
