#pragma once

// Internals of the demo generator, not a public header: the degradations that give images their
// taxonomy attributes, and the pixel helpers the renderer shares with them.

#include "demo/demodrawing.h"

#include <string>
#include <vector>

namespace curator::demo {

struct Degradation {
    const char* attribute;
    int order; // geometric first, compression last
    void (*apply)(cv::Mat&, Random&);
    const char* captionNote;
};

// Every degradation, in a fixed order (the plans index into it).
const std::vector<Degradation>& degradations();
// Degradations that may be added as a second one without hiding the first.
const std::vector<std::string>& secondaryDegradations();
// The degradation of an attribute (the first one for an unknown name).
const Degradation& degradation(const std::string& attribute);

cv::Mat toFloat(const cv::Mat& image);
cv::Mat toBytes(const cv::Mat& image);
cv::Mat multiplyEach(const cv::Mat& image3, const cv::Mat& gain1);
void addNoise(cv::Mat& image, Random& random, double sigma, double colorShare);

} // namespace curator::demo
