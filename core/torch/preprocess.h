#pragma once

// Model directory configuration and image preprocessing for the TorchScript backends. OpenCV only: no
// LibTorch header, so this file compiles in seconds.

#include "common/result.h"
#include "models/image.h"

#include <string>
#include <vector>

namespace curator::torchplugin {

enum class ResizeMode {
    ShortestThenCenterCrop, // scale the shorter side to image_size (bicubic), then cut the centre square
    Squash,                 // resize straight to image_size x image_size (bicubic)
};

struct Preprocessing {
    int imageSize = 224;
    float mean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
    float std[3] = {0.26862954f, 0.26130258f, 0.27577711f};
    ResizeMode resize = ResizeMode::ShortestThenCenterCrop;
};

// config.json of a model directory. Keys: model_name, image_size, mean[3], std[3], resize
// ("shortest_then_center_crop" | "squash"), context_length, and for embedders embedding_dimension, for
// scorers score_min / score_max.
struct ModelConfig {
    std::string modelName;
    Preprocessing preprocessing;
    size_t contextLength = 77;
    size_t embeddingDimension = 0; // 0: not given (scorers)
    double scoreMin = 0;
    double scoreMax = 15;
};

Result<ModelConfig> readModelConfig(const std::string& path, bool embedder);

// Writes 3 x imageSize x imageSize floats (channel-major R, G, B planes) at `out`:
//   resize (cv::resize INTER_CUBIC on the 8-bit image), centre crop (offset floor((side - size) / 2)),
//   value / 255, then (value - mean[c]) / std[c].
Status preprocessImage(const RgbImage& image, const Preprocessing& preprocessing, float* out);

} // namespace curator::torchplugin
