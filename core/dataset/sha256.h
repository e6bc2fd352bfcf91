#pragma once

#include "common/result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace curator {

// SHA-256 (FIPS 180-4), self-contained: release manifests hash every file they list.
class Sha256 {
public:
    Sha256();

    void update(const void* data, size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    // The digest as 64 lowercase hex characters; the object must not be updated afterwards.
    std::string finalHex();

    static std::string hashHex(std::string_view data);
    // Streams the file; an unreadable file is an error naming it.
    static Result<std::string> hashFileHex(const std::string& path);

private:
    void processBlock(const uint8_t* block);

    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_buffer;
    size_t m_buffered = 0;
    uint64_t m_totalBytes = 0;
};

} // namespace curator
