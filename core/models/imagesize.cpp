#include "models/imagesize.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>

namespace curator {

namespace {

std::atomic<uint64_t> g_maxImagePixels{kDefaultMaxImagePixels};

// Reads bytes at given offsets of a file; every read past the end fails.
class HeaderBytes {
public:
    explicit HeaderBytes(const std::string& path)
        : m_in(path, std::ios::binary) {}
    bool isOpen() const { return m_in.is_open(); }

    bool read(uint64_t offset, unsigned char* out, size_t count) {
        m_in.clear();
        m_in.seekg(static_cast<std::streamoff>(offset));
        m_in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(count));
        return m_in.good() || static_cast<size_t>(m_in.gcount()) == count;
    }

private:
    std::ifstream m_in;
};

uint32_t bigEndian(const unsigned char* p, size_t bytes) {
    uint32_t value = 0;
    for (size_t i = 0; i < bytes; ++i) {
        value = (value << 8) | p[i];
    }
    return value;
}

uint64_t littleEndian(const unsigned char* p, size_t bytes) {
    uint64_t value = 0;
    for (size_t i = bytes; i > 0; --i) {
        value = (value << 8) | p[i - 1];
    }
    return value;
}

using SizeResult = Result<ImageSize>;

SizeResult cutShort(const std::string& format) {
    return makeError(format + " header is cut short or malformed");
}

SizeResult pngSize(HeaderBytes& file) {
    unsigned char b[24];
    if (!file.read(0, b, sizeof b) || std::string_view(reinterpret_cast<char*>(b + 12), 4) != "IHDR") {
        return cutShort("PNG");
    }
    return ImageSize{bigEndian(b + 16, 4), bigEndian(b + 20, 4)};
}

// Walks the segments to the first frame header (SOFn); every segment states its length.
SizeResult jpegSize(HeaderBytes& file) {
    uint64_t at = 2;
    for (;;) {
        unsigned char marker[2];
        if (!file.read(at, marker, 2) || marker[0] != 0xFF) {
            return cutShort("JPEG");
        }
        if (marker[1] == 0xFF) { // fill byte
            ++at;
            continue;
        }
        const unsigned char type = marker[1];
        at += 2;
        if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) { // no length
            continue;
        }
        if (type == 0xD9 || type == 0xDA) {
            return makeError("JPEG has no frame header before its image data");
        }
        unsigned char segment[7];
        if (!file.read(at, segment, sizeof segment)) {
            return cutShort("JPEG");
        }
        const bool frame = type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
        if (frame) {
            return ImageSize{bigEndian(segment + 5, 2), bigEndian(segment + 3, 2)};
        }
        const uint32_t length = bigEndian(segment, 2);
        if (length < 2) {
            return cutShort("JPEG");
        }
        at += length;
    }
}

SizeResult webpSize(HeaderBytes& file) {
    unsigned char b[30];
    if (!file.read(0, b, sizeof b)) {
        return cutShort("WebP");
    }
    const std::string_view chunk(reinterpret_cast<char*>(b + 12), 4);
    if (chunk == "VP8 " && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A) {
        return ImageSize{uint32_t(littleEndian(b + 26, 2) & 0x3FFF),
                         uint32_t(littleEndian(b + 28, 2) & 0x3FFF)};
    }
    if (chunk == "VP8L" && b[20] == 0x2F) {
        const uint64_t bits = littleEndian(b + 21, 4);
        return ImageSize{uint32_t((bits & 0x3FFF) + 1), uint32_t(((bits >> 14) & 0x3FFF) + 1)};
    }
    if (chunk == "VP8X") {
        return ImageSize{uint32_t(littleEndian(b + 24, 3) + 1), uint32_t(littleEndian(b + 27, 3) + 1)};
    }
    return cutShort("WebP");
}

SizeResult bmpSize(HeaderBytes& file) {
    unsigned char b[26];
    if (!file.read(0, b, sizeof b)) {
        return cutShort("BMP");
    }
    if (littleEndian(b + 14, 4) == 12) { // OS/2 core header: 16-bit sizes
        return ImageSize{uint32_t(littleEndian(b + 18, 2)), uint32_t(littleEndian(b + 20, 2))};
    }
    const auto width = static_cast<int32_t>(littleEndian(b + 18, 4));
    const auto height = static_cast<int32_t>(littleEndian(b + 22, 4)); // negative: rows top-down
    if (width <= 0 || height == INT32_MIN) {
        return cutShort("BMP");
    }
    return ImageSize{uint32_t(width), uint32_t(height < 0 ? -height : height)};
}

// The first directory's ImageWidth (256) and ImageLength (257), classic TIFF or BigTIFF, either byte order.
SizeResult tiffSize(HeaderBytes& file) {
    unsigned char b[16];
    if (!file.read(0, b, sizeof b)) {
        return cutShort("TIFF");
    }
    const bool little = b[0] == 'I';
    const auto number = [little](const unsigned char* p, size_t bytes) -> uint64_t {
        if (little) {
            return littleEndian(p, bytes);
        }
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i) {
            value = (value << 8) | p[i];
        }
        return value;
    };
    const bool big = number(b + 2, 2) == 43;
    const size_t countBytes = big ? 8 : 2;
    const size_t entryBytes = big ? 20 : 12;
    const size_t valueBytes = big ? 8 : 4;
    const uint64_t directory = big ? number(b + 8, 8) : number(b + 4, 4);
    unsigned char countField[8];
    if (!file.read(directory, countField, countBytes)) {
        return cutShort("TIFF");
    }
    const uint64_t entries = number(countField, countBytes);
    ImageSize size;
    for (uint64_t i = 0; i < entries && i < 4096 && (size.width == 0 || size.height == 0); ++i) {
        unsigned char entry[20];
        if (!file.read(directory + countBytes + i * entryBytes, entry, entryBytes)) {
            return cutShort("TIFF");
        }
        const uint64_t tag = number(entry, 2);
        const uint64_t type = number(entry + 2, 2);
        if (tag != 256 && tag != 257) {
            continue;
        }
        const unsigned char* value = entry + 4 + valueBytes;
        const uint64_t read = type == 3 ? number(value, 2) : type == 4 ? number(value, 4) : number(value, 8);
        const uint32_t clamped = read > UINT32_MAX ? UINT32_MAX : uint32_t(read);
        (tag == 256 ? size.width : size.height) = clamped;
    }
    return size;
}

std::string withThousands(uint64_t value) {
    std::string digits = std::to_string(value);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(size_t(at), ",");
    }
    return digits;
}

std::string megapixels(uint64_t pixels) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", double(pixels) / 1e6);
    return text;
}

} // namespace

Result<ImageSize> readImageSize(const std::string& path) {
    HeaderBytes file(path);
    if (!file.isOpen()) {
        return makeError(path + ": cannot open");
    }
    std::array<unsigned char, 12> magic{};
    if (!file.read(0, magic.data(), magic.size())) {
        return makeError(path + ": too short to be an image");
    }
    const auto starts = [&](const char* bytes, size_t at = 0) {
        return std::string_view(reinterpret_cast<const char*>(magic.data()) + at,
                                std::char_traits<char>::length(bytes)) == bytes;
    };
    SizeResult size = makeError("");
    if (starts("\x89PNG\r\n\x1A\n")) {
        size = pngSize(file);
    } else if (magic[0] == 0xFF && magic[1] == 0xD8) {
        size = jpegSize(file);
    } else if (starts("RIFF") && starts("WEBP", 8)) {
        size = webpSize(file);
    } else if (starts("BM")) {
        size = bmpSize(file);
    } else if ((starts("II") && (magic[2] == 42 || magic[2] == 43) && magic[3] == 0) ||
               (starts("MM") && magic[2] == 0 && (magic[3] == 42 || magic[3] == 43))) {
        size = tiffSize(file);
    } else {
        return makeError(path + ": not a JPEG, PNG, WebP, BMP or TIFF file");
    }
    if (!size) {
        return makeError(path + ": " + size.error());
    }
    if (size->width == 0 || size->height == 0) {
        return makeError(path + ": its header states a size of " + std::to_string(size->width) + " x " +
                         std::to_string(size->height) + " pixels");
    }
    return size;
}

void setMaxImagePixels(uint64_t pixels) {
    g_maxImagePixels.store(pixels);
}

uint64_t maxImagePixels() {
    return g_maxImagePixels.load();
}

Status checkPixelLimit(const std::string& path, const ImageSize& size) {
    const uint64_t limit = maxImagePixels();
    if (size.pixels() > limit) {
        return makeError(path + ": " + std::to_string(size.width) + " x " + std::to_string(size.height) +
                         " = " + withThousands(size.pixels()) + " pixels (" + megapixels(size.pixels()) +
                         " megapixels) is over the limit of " + megapixels(limit) +
                         " megapixels for decoding (raise it with --max-image-megapixels or the setting "
                         "max_image_megapixels)");
    }
    return {};
}

} // namespace curator
