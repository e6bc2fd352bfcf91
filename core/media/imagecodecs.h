#pragma once

// PRIVATE to core/: OpenCV's image file functions, reached through the media module (media/medialoader.h)
// so that curator_core does not link opencv_imgcodecs. Same arguments and results as cv::imread,
// cv::imwrite, cv::imencode and cv::imdecode; when the module cannot be loaded they throw
// std::runtime_error with the loader's message (callers already turn OpenCV's exceptions into errors).

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp> // the IMREAD_* / IMWRITE_* constants only

#include <string>
#include <vector>

namespace curator::codecs {

cv::Mat imread(const std::string& path, int flags = cv::IMREAD_COLOR);
bool imwrite(const std::string& path, const cv::Mat& image, const std::vector<int>& params = {});
bool imencode(const std::string& extension, const cv::Mat& image, std::vector<uchar>& bytes,
              const std::vector<int>& params = {});
cv::Mat imdecode(const std::vector<uchar>& bytes, int flags);

} // namespace curator::codecs
