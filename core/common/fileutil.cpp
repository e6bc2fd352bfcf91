#include "common/fileutil.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
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

Result<std::string> readWholeFile(const std::string& path, uint64_t /*maxBytes*/) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return makeError(path + ": cannot open: " + std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        return makeError(path + ": read failed");
    }
    return buffer.str();
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
