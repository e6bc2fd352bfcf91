#include "common/mappedfile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace curator {

MappedFile::~MappedFile() {
    reset();
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(other.m_data)
    , m_size(other.m_size)
    , m_path(std::move(other.m_path)) {
    other.m_data = nullptr;
    other.m_size = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        reset();
        m_data = other.m_data;
        m_size = other.m_size;
        m_path = std::move(other.m_path);
        other.m_data = nullptr;
        other.m_size = 0;
    }
    return *this;
}

void MappedFile::reset() {
    if (m_data != nullptr) {
        ::munmap(m_data, m_size);
    }
    m_data = nullptr;
    m_size = 0;
}

Result<MappedFile> MappedFile::open(const std::string& path) {
    // O_NONBLOCK: opening a named pipe must not wait for a writer before the type check refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return makeError(path + ": cannot open: " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        return makeError(path + ": cannot stat: " + reason);
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return makeError(path + ": not a regular file");
    }
    MappedFile file;
    file.m_path = path;
    file.m_size = static_cast<size_t>(info.st_size);
    if (file.m_size > 0) {
        void* data = ::mmap(nullptr, file.m_size, PROT_READ, MAP_SHARED, fd, 0);
        if (data == MAP_FAILED) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            return makeError(path + ": cannot map: " + reason);
        }
        file.m_data = data;
    }
    ::close(fd);
    return file;
}

void MappedFile::releaseRange(const unsigned char* begin, const unsigned char* end) const {
    auto* mapped = static_cast<unsigned char*>(m_data);
    if (mapped == nullptr || begin < mapped || end > mapped + m_size || begin >= end) {
        return;
    }
    // Whole pages only, counted from the mapping's start (page-aligned by mmap).
    const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const size_t first = (static_cast<size_t>(begin - mapped) + page - 1) / page * page;
    const size_t last = static_cast<size_t>(end - mapped) / page * page;
    if (first < last) {
        // A read-only file mapping: MADV_DONTNEED only forgets the pages, never the file's bytes.
        ::madvise(mapped + first, last - first, MADV_DONTNEED);
    }
}

void MappedFile::adviseSequential() const {
    if (m_data != nullptr) {
        ::madvise(m_data, m_size, MADV_SEQUENTIAL);
        ::madvise(m_data, m_size, MADV_WILLNEED);
    }
}

} // namespace curator
