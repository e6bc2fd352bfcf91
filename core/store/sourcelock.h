#pragma once

#include "common/result.h"

#include <functional>
#include <string>

namespace curator {

// The exclusive right to write one source's matrices: an flock on WORKSPACE/embeddings/.lock-<source>.
// Appends (ingest) and imports of one source take turns, across processes and across threads (each lock
// opens the file anew, so two locks in one process conflict too). Released on destruction; the lock file
// stays. A writer that finds the lock held waits for it, telling `waiting` once.
class SourceWriteLock {
public:
    using WaitNotice = std::function<void(const std::string&)>;

    static Result<SourceWriteLock> acquire(const std::string& workspaceDirectory, const std::string& source,
                                           const WaitNotice& waiting = {});

    SourceWriteLock(SourceWriteLock&& other) noexcept;
    SourceWriteLock& operator=(SourceWriteLock&& other) noexcept;
    SourceWriteLock(const SourceWriteLock&) = delete;
    SourceWriteLock& operator=(const SourceWriteLock&) = delete;
    ~SourceWriteLock();

private:
    explicit SourceWriteLock(int fd)
        : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace curator
