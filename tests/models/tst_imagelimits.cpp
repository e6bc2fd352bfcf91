// Issue 13, item 9: a decompression-bomb limit. An image's size is read from its file's header (every
// format ingest takes) before anything is decoded, and an image over the limit (settable, 100 megapixels
// by default) is refused naming the file and its size, in decodeImageFile and so in ingest.
#include "modelstesthelpers.h"

#include "ingest/ingest.h"
#include "models/image.h"
#include "models/imagesize.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <fstream>

namespace {

using curator::test::TempDir;

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string bigEndian32(uint32_t value) {
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

uint32_t crc32(const std::string& bytes) {
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

// The signature and a well-formed IHDR chunk (8-bit RGB) of a PNG of the given size: all a decoder reads
// before it allocates the image.
std::string pngHeader(uint32_t width, uint32_t height) {
    const std::string body =
        "IHDR" + bigEndian32(width) + bigEndian32(height) + std::string("\x08\x02\0\0\0", 5);
    return std::string("\x89PNG\r\n\x1A\n", 8) + bigEndian32(13) + body + bigEndian32(crc32(body));
}

void writeImage(const std::string& path, int width, int height, const std::vector<int>& parameters = {}) {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(30, 90, 150));
    cv::circle(image, {width / 2, height / 2}, std::min(width, height) / 3, cv::Scalar(250, 250, 250), -1);
    ASSERT_TRUE(cv::imwrite(path, image, parameters)) << path;
}

// Restores the process-wide limit after a test changes it.
class LimitGuard {
public:
    LimitGuard()
        : m_saved(curator::maxImagePixels()) {}
    ~LimitGuard() { curator::setMaxImagePixels(m_saved); }

private:
    uint64_t m_saved;
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(ImageSize, readsTheSizeOfEveryFormatIngestTakesFromItsHeader) {
    TempDir directory;
    const struct {
        const char* name;
        std::vector<int> parameters;
    } files[] = {
        {"plain.jpg", {}},
        {"progressive.jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}},
        {"image.png", {}},
        {"lossy.webp", {cv::IMWRITE_WEBP_QUALITY, 80}},
        {"lossless.webp", {cv::IMWRITE_WEBP_QUALITY, 101}},
        {"image.bmp", {}},
        {"image.tiff", {}},
    };
    for (const auto& file : files) {
        const std::string path = directory.file(file.name);
        writeImage(path, 37, 23, file.parameters);
        auto size = curator::readImageSize(path);
        ASSERT_TRUE(size.ok()) << file.name << ": " << size.error();
        EXPECT_EQ(size->width, 37u) << file.name;
        EXPECT_EQ(size->height, 23u) << file.name;
    }
}

// Variants OpenCV does not write: an extended WebP canvas, a big-endian TIFF, a top-down BMP.
TEST(ImageSize, readsHandWrittenHeaders) {
    TempDir directory;
    auto sizeOf = [&](const std::string& name, const std::string& bytes) {
        writeBytes(directory.file(name), bytes);
        auto size = curator::readImageSize(directory.file(name));
        EXPECT_TRUE(size.ok()) << name << ": " << size.error();
        return size.ok() ? std::pair<uint32_t, uint32_t>(size->width, size->height)
                         : std::pair<uint32_t, uint32_t>();
    };
    // VP8X: canvas width - 1 and height - 1 as 24-bit little-endian numbers.
    EXPECT_EQ(sizeOf("canvas.webp", std::string("RIFF\x40\0\0\0WEBPVP8X\x0A\0\0\0\x10\0\0\0", 24) +
                                        std::string("\x2F\x75\0\x1F\x4E\0", 6)),
              std::make_pair(30000u, 20000u));
    // MM: one directory of two entries, ImageWidth as SHORT and ImageLength as LONG.
    EXPECT_EQ(sizeOf("big-endian.tif", std::string("MM\0\x2A\0\0\0\x08\0\x02", 10) +
                                           std::string("\x01\0\0\x03\0\0\0\x01\x75\x30\0\0", 12) +
                                           std::string("\x01\x01\0\x04\0\0\0\x01\0\0\x4E\x20", 12)),
              std::make_pair(30000u, 20000u));
    // A negative height: rows stored top-down.
    std::string bmp = std::string("BM", 2) + std::string(12, '\0') + std::string("\x28\0\0\0", 4) +
                      std::string("\x30\x75\0\0", 4) + std::string("\xE0\xB1\xFF\xFF", 4);
    EXPECT_EQ(sizeOf("top-down.bmp", bmp), std::make_pair(30000u, 20000u));
    EXPECT_EQ(sizeOf("bomb.png", pngHeader(30000, 30000)), std::make_pair(30000u, 30000u));
}

TEST(ImageSize, unknownOrCutShortHeadersAreErrorsNamingTheFile) {
    TempDir directory;
    const std::pair<const char*, std::string> files[] = {
        {"text.jpg", "this is not an image at all"},
        {"short.png", std::string("\x89PNG\r\n\x1A\n\0\0", 10)},
        {"cut.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10)},
        {"zero.png", pngHeader(0, 10)},
        {"loop.tif", std::string("II\x2A\0\x08\0\0\0\xFF\xFF", 10)},
        {"empty.bmp", ""},
    };
    for (const auto& [name, bytes] : files) {
        writeBytes(directory.file(name), bytes);
        auto size = curator::readImageSize(directory.file(name));
        ASSERT_FALSE(size.ok()) << name;
        EXPECT_TRUE(contains(size.error(), name)) << size.error();
    }
}

// Before the limit, OpenCV allocated 30000 x 30000 x 3 bytes (2.7 GB) for this 57-byte file before finding
// that its pixels are missing.
TEST(ImageSize, anImageStatingMoreThanTheDefaultLimitIsRefusedBeforeDecoding) {
    TempDir directory;
    const std::string path = directory.file("bomb.png");
    writeBytes(path, pngHeader(30000, 30000));
    EXPECT_EQ(curator::maxImagePixels(), 100'000'000u);
    auto decoded = curator::decodeImageFile(path);
    ASSERT_FALSE(decoded.ok());
    EXPECT_TRUE(contains(decoded.error(), path)) << decoded.error();
    EXPECT_TRUE(contains(decoded.error(), "30000 x 30000 = 900,000,000 pixels")) << decoded.error();
    EXPECT_TRUE(contains(decoded.error(), "limit of 100.0 megapixels")) << decoded.error();
}

TEST(ImageSize, theLimitIsSettable) {
    LimitGuard guard;
    TempDir directory;
    const std::string path = directory.file("large.png");
    writeImage(path, 1200, 1000);
    ASSERT_TRUE(curator::decodeImageFile(path).ok());
    curator::setMaxImagePixels(1'000'000);
    auto refused = curator::decodeImageFile(path);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(contains(refused.error(), "1200 x 1000 = 1,200,000 pixels (1.2 megapixels)"))
        << refused.error();
    curator::setMaxImagePixels(1'200'000);
    auto decoded = curator::decodeImageFile(path);
    ASSERT_TRUE(decoded.ok()) << decoded.error();
    EXPECT_EQ(decoded->width, 1200);
}

namespace {

class ConstantEmbedder final : public curator::Embedder {
public:
    std::string modelName() const override { return "test-constant"; }
    size_t dimension() const override { return 2; }
    curator::Result<curator::TextEmbedding> embedText(const std::string&) override {
        return curator::makeError("no text side");
    }
    curator::Result<std::vector<std::vector<float>>>
    embedImages(const std::vector<curator::RgbImage>& images) override {
        return std::vector<std::vector<float>>(images.size(), {0.6f, 0.8f});
    }
};

} // namespace

// Ingest reports the bomb by name and size and ingests the rest of the folder.
TEST(ImageSize, ingestSkipsAndReportsAnImageOverTheLimit) {
    TempDir directory;
    const std::filesystem::path images = std::filesystem::path(directory.path()) / "images";
    std::filesystem::create_directories(images);
    writeImage((images / "fine.jpg").string(), 64, 48);
    writeBytes((images / "bomb.png").string(), pngHeader(30000, 30000));
    curator::IngestRequest request;
    request.workspaceDirectory = directory.file("ws");
    request.source = "photos";
    request.imagesDirectory = images.string();
    request.threads = 1;
    ConstantEmbedder embedder;
    auto report = curator::ingestImages(request, embedder);
    ASSERT_TRUE(report.ok()) << report.error();
    EXPECT_EQ(report->ingested, 1u);
    ASSERT_EQ(report->failures.size(), 1u);
    EXPECT_TRUE(contains(report->failures[0].path, "bomb.png"));
    EXPECT_TRUE(contains(report->failures[0].message, "900,000,000 pixels")) << report->failures[0].message;
}
