#pragma once

#include "common/result.h"

#include <cstddef>
#include <string>

namespace curator {

// A read-only memory mapping of a whole file. Opening maps and does not read: pages arrive on first
// touch, so opening a store of any size is instant and a scan reads each page once.
class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    static Result<MappedFile> open(const std::string& path);

    const unsigned char* data() const { return static_cast<const unsigned char*>(m_data); }
    size_t size() const { return m_size; }
    const std::string& path() const { return m_path; }
    bool isOpen() const { return m_data != nullptr || m_size == 0; }

    // Hints the kernel that the mapping is about to be read front to back (a full scan).
    void adviseSequential() const;
    // Drops the pages of [begin, end) that lie wholly inside it from the process's memory: a front-to-back
    // reader calls it on what it has read, so that its resident set stays a window, not the whole file
    // (read again, the pages come back from the file).
    void releaseRange(const unsigned char* begin, const unsigned char* end) const;

private:
    void reset();

    void* m_data = nullptr;
    size_t m_size = 0;
    std::string m_path;
};

} // namespace curator
