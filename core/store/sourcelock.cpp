#include "store/sourcelock.h"

#include "store/workspace.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace curator {

namespace fs = std::filesystem;

namespace {

// Blocks until the lock is taken; `told` makes the notice a one-off.
Status lockFile(int fd, const std::string& path, const std::string& source,
                const SourceWriteLock::WaitNotice& waiting, bool& told) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        return {};
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
        return makeError(path + ": cannot lock: " + std::strerror(errno));
    }
    if (waiting && !told) {
        waiting("waiting for another writer of source '" + source + "' (" + path + ")");
        told = true;
    }
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            return makeError(path + ": cannot lock: " + std::strerror(errno));
        }
    }
    return {};
}

} // namespace

Result<SourceWriteLock> SourceWriteLock::acquire(const std::string& workspaceDirectory,
                                                 const std::string& source, const WaitNotice& waiting) {
    const fs::path embeddings = workspace::embeddingsDirectory(workspaceDirectory);
    std::error_code error;
    fs::create_directories(embeddings, error);
    if (error) {
        return makeError(embeddings.string() + ": cannot create: " + error.message());
    }
    const std::string path = (embeddings / (".lock-" + source)).string();
    bool told = false;
    for (;;) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            return makeError(path + ": cannot open the lock file of source '" + source +
                             "': " + std::strerror(errno));
        }
        if (auto locked = lockFile(fd, path, source, waiting, told); !locked) {
            ::close(fd);
            return locked.takeError();
        }
        // A lock on a file that was removed meanwhile (a refused first import removes the directories it
        // created) guards nothing: take the one at the path now.
        struct stat held {};
        struct stat current {};
        if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &current) == 0 && held.st_dev == current.st_dev &&
            held.st_ino == current.st_ino) {
            return SourceWriteLock(fd);
        }
        ::close(fd);
    }
}

SourceWriteLock::SourceWriteLock(SourceWriteLock&& other) noexcept
    : m_fd(other.m_fd) {
    other.m_fd = -1;
}

SourceWriteLock& SourceWriteLock::operator=(SourceWriteLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

SourceWriteLock::~SourceWriteLock() {
    if (m_fd >= 0) {
        ::close(m_fd); // releases the flock
    }
}

} // namespace curator
