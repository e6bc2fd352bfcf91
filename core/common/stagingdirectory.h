#pragma once

#include "common/result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace curator {

// A directory that exists while something is written into it, beside the place it is then renamed to
// (an import, a new matrix, a release). Its name, PARENT/PREFIX<random>, is reserved by a lock file
// PARENT/PREFIX<random>.lock, created and flock'ed before the directory and held while this object lives.
// So the directory of a killed process has a free lock and the next run removes it (removeStaleStaging),
// while a live run's is never touched, in any process. The destructor removes whatever is still at path()
// (nothing once it was renamed into place), then the lock file.
class StagingDirectory {
public:
    // `makeDirectory` false only reserves the name: the caller renames something to path() (a matrix moved
    // aside, to be deleted when this object goes).
    static Result<StagingDirectory> create(const std::filesystem::path& parent, const std::string& prefix,
                                           bool makeDirectory = true);

    StagingDirectory(StagingDirectory&& other) noexcept;
    StagingDirectory& operator=(StagingDirectory&& other) noexcept;
    StagingDirectory(const StagingDirectory&) = delete;
    StagingDirectory& operator=(const StagingDirectory&) = delete;
    ~StagingDirectory();

    const std::filesystem::path& path() const { return m_path; }

private:
    StagingDirectory(std::filesystem::path path, int lockFd)
        : m_path(std::move(path))
        , m_lockFd(lockFd) {}
    void release();

    std::filesystem::path m_path;
    int m_lockFd = -1;
};

// Removes the entries of `parent` named after one of `prefixes` that no live process holds: a directory
// whose lock file is missing (left by a version before the locks) or free, and a free lock file whose
// directory is gone. Returns how many directories were removed. Errors are ignored: what cannot be removed
// now is tried again next time.
size_t removeStaleStaging(const std::filesystem::path& parent, const std::vector<std::string>& prefixes);

} // namespace curator
