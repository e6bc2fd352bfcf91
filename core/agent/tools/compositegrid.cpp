#include "agent/tools/compositegrid.h"

#include "agent/tools/tooldefaults.h"
#include "models/image.h"
#include "models/openaibackends.h"
#include "models/opencvimage.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace curator {

namespace {

// Text in a black box at (x, y) of the canvas, its top-left corner there.
void drawLabel(cv::Mat& canvas, const std::string& label, int x, int y, double scale, int thickness) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
    cv::rectangle(canvas, cv::Rect(x, y, size.width + 10, size.height + 12), cv::Scalar(0, 0, 0), cv::FILLED);
    cv::putText(canvas, label, {x + 5, y + 6 + size.height}, cv::FONT_HERSHEY_SIMPLEX, scale,
                cv::Scalar(255, 255, 0), thickness, cv::LINE_AA);
}

} // namespace

Result<std::string> compositeGridDataUrl(const std::vector<ToolImage>& images, int tileSize,
                                         const std::vector<std::string>& tileLabels) {
    if (images.empty()) {
        return makeError("no images for a grid");
    }
    if (!tileLabels.empty() && tileLabels.size() != images.size()) {
        return makeError("grid image: " + std::to_string(tileLabels.size()) + " tile labels for " +
                         std::to_string(images.size()) + " images");
    }
    if (tileSize < 32 || tileSize > 2048) {
        return makeError("grid image: a tile of " + std::to_string(tileSize) + " px, expected 32 to 2048");
    }
    try {
        const int columns = std::min<int>(kGridColumns, static_cast<int>(images.size()));
        const int rows = static_cast<int>((images.size() + kGridColumns - 1) / kGridColumns);
        const int tile = tileSize;
        const double labelScale = 0.7 * tile / 192.0; // the number stays legible at any tile size
        const int labelThickness = std::max(2, tile / 96);
        cv::Mat canvas(rows * tile, columns * tile, CV_8UC3, cv::Scalar(24, 24, 24));
        for (size_t i = 0; i < images.size(); ++i) {
            const int x = static_cast<int>(i % kGridColumns) * tile;
            const int y = static_cast<int>(i / kGridColumns) * tile;
            cv::Mat cell = canvas(cv::Rect(x + 2, y + 2, tile - 4, tile - 4));
            bool drawn = false;
            if (!images[i].path.empty()) {
                auto decoded = decodeImageFile(images[i].path);
                if (decoded && decoded->width > 0 && decoded->height > 0) {
                    cv::Mat source = rgbView(*decoded);
                    const double scale =
                        std::min(double(cell.cols) / source.cols, double(cell.rows) / source.rows);
                    const int width = std::max(1, int(source.cols * scale));
                    const int height = std::max(1, int(source.rows * scale));
                    cv::Mat resized;
                    cv::resize(source, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
                    resized.copyTo(
                        cell(cv::Rect((cell.cols - width) / 2, (cell.rows - height) / 2, width, height)));
                    drawn = true;
                }
            }
            if (!drawn) {
                cell.setTo(cv::Scalar(110, 110, 110));
                cv::line(cell, {0, 0}, {cell.cols - 1, cell.rows - 1}, cv::Scalar(200, 40, 40), 2);
                cv::line(cell, {cell.cols - 1, 0}, {0, cell.rows - 1}, cv::Scalar(200, 40, 40), 2);
            }
            drawLabel(canvas, std::to_string(i + 1), x + 2, y + 2, labelScale, labelThickness);
            if (!tileLabels.empty() && !tileLabels[i].empty()) {
                int baseline = 0;
                const cv::Size size = cv::getTextSize(tileLabels[i], cv::FONT_HERSHEY_SIMPLEX, labelScale,
                                                      labelThickness, &baseline);
                drawLabel(canvas, tileLabels[i], x + 2, y + tile - 2 - (size.height + 12), labelScale,
                          labelThickness);
            }
        }
        return imageDataUrl(toRgbImage(canvas, false));
    } catch (const std::exception& error) {
        return makeError(std::string("grid image: ") + error.what());
    }
}

} // namespace curator
