#pragma once

// PRIVATE to core/: converts between the core's plain RgbImage and OpenCV matrices, so that OpenCV's
// headers stay out of the public headers.

#include "models/image.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>

namespace curator {

// Our loops over images run one image per thread (parallelFor). OpenCV's own pool inside each call would
// compete with them for the cores, and ThreadSanitizer cannot see its TBB synchronisation: so OpenCV runs
// each call on the calling thread, for the whole process. Called before such loops and where images are
// decoded or measured (a process that only rates uses no other entry); sets it once.
inline void keepOpenCvSingleThreaded() {
    static const bool done = [] {
        cv::setNumThreads(1);
        return true;
    }();
    (void)done;
}

// A CV_8UC3 matrix in RGB order that shares the image's pixels (no copy); valid while `image` lives.
inline cv::Mat rgbView(const RgbImage& image) {
    return cv::Mat(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
}

// Copies an RGB (or, with bgr = true, a BGR) CV_8UC3 matrix into an RgbImage.
inline RgbImage toRgbImage(const cv::Mat& mat, bool bgr) {
    RgbImage image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.pixels.resize(static_cast<size_t>(mat.cols) * mat.rows * 3);
    cv::Mat target(mat.rows, mat.cols, CV_8UC3, image.pixels.data());
    if (bgr)
        cv::cvtColor(mat, target, cv::COLOR_BGR2RGB);
    else
        mat.copyTo(target);
    return image;
}

} // namespace curator
