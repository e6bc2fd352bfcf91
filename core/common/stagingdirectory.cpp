#include "common/stagingdirectory.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLockSuffix = ".lock";

std::string lockPathOf(const fs::path& path) {
    return path.string() + kLockSuffix;
}

// Whether `fd` is still the file at `path` (a cleaner may have unlinked a lock file it found free just
// before this process locked it).
bool isFileAt(int fd, const std::string& path) {
    struct stat held {};
    struct stat current {};
    return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &current) == 0 && held.st_dev == current.st_dev &&
           held.st_ino == current.st_ino;
}

// The lock of `lockPath` taken without waiting, or -1 when it is held (or cannot be opened).
int tryLock(const std::string& lockPath) {
    const int fd = ::open(lockPath.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool startsWithAny(const std::string& name, const std::vector<std::string>& prefixes) {
    for (const auto& prefix : prefixes) {
        if (name.compare(0, prefix.size(), prefix) == 0) {
            return true;
        }
    }
    return false;
}

bool endsWithLockSuffix(const std::string& name) {
    const size_t length = std::strlen(kLockSuffix);
    return name.size() > length && name.compare(name.size() - length, length, kLockSuffix) == 0;
}

} // namespace

Result<StagingDirectory> StagingDirectory::create(const fs::path& parent, const std::string& prefix,
                                                  bool makeDirectory) {
    std::random_device random;
    for (int attempt = 0; attempt < 16; ++attempt) {
        const fs::path path = parent / (prefix + std::to_string(random()));
        const std::string lockPath = lockPathOf(path);
        const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST) {
            continue;
        }
        if (fd < 0) {
            return makeError(lockPath + ": cannot create: " + std::strerror(errno));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || !isFileAt(fd, lockPath)) {
            ::close(fd); // a cleaner took it for an orphan meanwhile: another name
            continue;
        }
        StagingDirectory staging(path, fd);
        std::error_code error;
        if (makeDirectory && (!fs::create_directory(path, error) || error)) {
            return makeError(path.string() + ": cannot create: " +
                             (error ? error.message() : std::string("it exists already")));
        }
        return staging;
    }
    return makeError(parent.string() + ": cannot reserve a staging directory named " + prefix + "...");
}

StagingDirectory::StagingDirectory(StagingDirectory&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_lockFd(other.m_lockFd) {
    other.m_path.clear();
    other.m_lockFd = -1;
}

StagingDirectory& StagingDirectory::operator=(StagingDirectory&& other) noexcept {
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_lockFd = other.m_lockFd;
        other.m_path.clear();
        other.m_lockFd = -1;
    }
    return *this;
}

StagingDirectory::~StagingDirectory() {
    release();
}

void StagingDirectory::release() {
    if (m_lockFd < 0) {
        return;
    }
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
    ::unlink(lockPathOf(m_path).c_str()); // still held: no other process removes it meanwhile
    ::close(m_lockFd);
    m_lockFd = -1;
}

size_t removeStaleStaging(const fs::path& parent, const std::vector<std::string>& prefixes) {
    std::error_code error;
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(parent, error)) {
        if (startsWithAny(entry.path().filename().string(), prefixes)) {
            entries.push_back(entry.path());
        }
    }
    size_t removed = 0;
    for (const auto& entry : entries) {
        const std::string name = entry.filename().string();
        if (endsWithLockSuffix(name)) {
            // A lock file without its directory: a run killed before it made it, or after removing it.
            const fs::path directory =
                entry.parent_path() / name.substr(0, name.size() - std::strlen(kLockSuffix));
            if (const int fd = tryLock(entry.string()); fd >= 0) {
                if (!fs::exists(directory, error) && isFileAt(fd, entry.string())) {
                    ::unlink(entry.c_str());
                }
                ::close(fd);
            }
            continue;
        }
        const std::string lockPath = lockPathOf(entry);
        int fd = tryLock(lockPath);
        if (fd < 0 && fs::exists(lockPath, error)) {
            continue; // a live run holds it
        }
        fs::remove_all(entry, error);
        removed += error ? 0 : 1;
        if (fd >= 0) {
            ::unlink(lockPath.c_str());
            ::close(fd);
        }
    }
    return removed;
}

} // namespace curator
