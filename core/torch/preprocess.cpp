#include "preprocess.h"

#include "common/fileutil.h"
#include "common/jsonnumber.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace curator::torchplugin {

Result<ModelConfig> readModelConfig(const std::string& path, bool embedder) {
    Result<std::string> text = readWholeFile(path);
    if (!text) {
        return text.takeError();
    }
    ModelConfig config;
    try {
        const nlohmann::json json = nlohmann::json::parse(*text);
        config.modelName = json.at("model_name").get<std::string>();
        Preprocessing& pre = config.preprocessing;
        const std::optional<int64_t> imageSize = jsonInteger(json.at("image_size"));
        if (!imageSize || *imageSize <= 0 || *imageSize > 4096) {
            return makeError(path + ": image_size " + json.at("image_size").dump() +
                             " is not a whole number in 1..4096");
        }
        pre.imageSize = static_cast<int>(*imageSize);
        for (const char* key : {"mean", "std"}) {
            const nlohmann::json& values = json.at(key);
            if (!values.is_array() || values.size() != 3) {
                return makeError(path + ": " + key + " must be a list of 3 numbers");
            }
            for (int c = 0; c < 3; ++c) {
                (std::string(key) == "mean" ? pre.mean : pre.std)[c] =
                    values.at(static_cast<size_t>(c)).get<float>();
            }
        }
        for (float value : pre.std) {
            if (!(value > 0)) {
                return makeError(path + ": std values must be positive");
            }
        }
        const std::string resize = json.value("resize", "shortest_then_center_crop");
        if (resize == "shortest_then_center_crop") {
            pre.resize = ResizeMode::ShortestThenCenterCrop;
        } else if (resize == "squash") {
            pre.resize = ResizeMode::Squash;
        } else {
            return makeError(path + ": resize \"" + resize +
                             "\" is not one of \"shortest_then_center_crop\", \"squash\"");
        }
        const std::optional<uint64_t> contextLength = jsonCount(json.at("context_length"));
        if (!contextLength || *contextLength < 2) {
            return makeError(path + ": context_length must be a whole number of at least 2");
        }
        config.contextLength = static_cast<size_t>(*contextLength);
        if (embedder) {
            const std::optional<uint64_t> dimension = jsonCount(json.at("embedding_dimension"));
            if (!dimension || *dimension == 0) {
                return makeError(path + ": embedding_dimension must be a positive whole number");
            }
            config.embeddingDimension = static_cast<size_t>(*dimension);
        } else {
            config.scoreMin = json.value("score_min", 0.0);
            config.scoreMax = json.value("score_max", 15.0);
        }
    } catch (const nlohmann::json::exception& error) {
        return makeError(path + ": " + error.what());
    }
    return config;
}

Status preprocessImage(const RgbImage& image, const Preprocessing& preprocessing, float* out) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3) {
        return makeError("an empty or inconsistent image (" + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + ", " + std::to_string(image.pixels.size()) +
                         " bytes)");
    }
    const int size = preprocessing.imageSize;
    // The pixels are only read: OpenCV gets a header over them, no copy.
    const cv::Mat source(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat resized;
    int cropX = 0;
    int cropY = 0;
    if (preprocessing.resize == ResizeMode::Squash) {
        cv::resize(source, resized, cv::Size(size, size), 0, 0, cv::INTER_CUBIC);
    } else {
        const double scale = static_cast<double>(size) / std::min(image.width, image.height);
        const int width = image.width <= image.height
                              ? size
                              : std::max(size, static_cast<int>(std::floor(image.width * scale + 0.5)));
        const int height = image.height < image.width
                               ? size
                               : std::max(size, static_cast<int>(std::floor(image.height * scale + 0.5)));
        if (width == image.width && height == image.height) {
            resized = source;
        } else {
            cv::resize(source, resized, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
        }
        cropX = (width - size) / 2;
        cropY = (height - size) / 2;
    }
    const size_t plane = static_cast<size_t>(size) * static_cast<size_t>(size);
    for (int y = 0; y < size; ++y) {
        const uint8_t* row = resized.ptr<uint8_t>(y + cropY) + static_cast<size_t>(cropX) * 3;
        for (int x = 0; x < size; ++x) {
            const size_t index = static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x);
            for (int c = 0; c < 3; ++c) {
                const float value = static_cast<float>(row[x * 3 + c]) / 255.0f;
                out[static_cast<size_t>(c) * plane + index] =
                    (value - preprocessing.mean[c]) / preprocessing.std[c];
            }
        }
    }
    return {};
}

} // namespace curator::torchplugin
