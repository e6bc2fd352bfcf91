#include "common/fileutil.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iterator>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;

static Status writeAll(int fd, std::string_view contents, const std::string& path) {
    size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return makeError(path + ": write failed: " + std::strerror(errno));
        }
        written += static_cast<size_t>(n);
    }
    return {};
}

Status writeFileAtomically(const std::string& path, std::string_view contents) {
    std::random_device random;
    const std::string temporary = path + ".tmp-" + std::to_string(random());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(temporary + ": cannot create: " + std::strerror(errno));
    }
    Status status = writeAll(fd, contents, temporary);
    if (status && ::fsync(fd) != 0) {
        status = makeError(temporary + ": fsync failed: " + std::strerror(errno));
    }
    ::close(fd);
    if (status && ::rename(temporary.c_str(), path.c_str()) != 0) {
        status = makeError(path + ": cannot rename into place: " + std::strerror(errno));
    }
    if (!status) {
        ::unlink(temporary.c_str());
        return status;
    }
    syncDirectory(fs::path(path).parent_path().string());
    return {};
}

Result<std::string> readWholeFile(const std::string& path, uint64_t maxBytes) {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; the type is checked on the descriptor.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return makeError(path + ": cannot open: " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return makeError(path + ": not a regular file (a directory, device or pipe): refused");
    }
    const auto tooLarge = [&] {
        return makeError(path + ": larger than the limit of " + describeByteCount(maxBytes) +
                         " for this kind of file: refused");
    };
    if (uint64_t(info.st_size) > maxBytes) {
        ::close(fd);
        return tooLarge();
    }
    // One byte more than the stated size tells whether the file grew while it was read.
    std::string contents(size_t(info.st_size) + 1, '\0');
    size_t filled = 0;
    while (true) {
        if (filled == contents.size()) {
            if (contents.size() > maxBytes) {
                ::close(fd);
                return tooLarge();
            }
            contents.resize(size_t(std::min<uint64_t>(maxBytes + 1, uint64_t(contents.size()) * 2)));
        }
        const ssize_t n = ::read(fd, contents.data() + filled, contents.size() - filled);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return makeError(path + ": read failed: " + std::strerror(error));
        }
        if (n == 0) {
            break;
        }
        filled += size_t(n);
    }
    ::close(fd);
    contents.resize(filled);
    return contents;
}

std::string describeByteCount(uint64_t bytes) {
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    }
    double value = double(bytes) / 1024.0;
    size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    const bool whole = value == double(uint64_t(value));
    std::snprintf(text, sizeof text, whole ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

void syncDirectory(const std::string& directory) {
    const int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string lowercaseExtension(const std::string& path) {
    std::string extension = fs::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

} // namespace curator
