#include "fuzzfiles.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <unistd.h>

namespace curator::fuzz {

namespace {

struct ScratchDirectory {
    ScratchDirectory() {
        path = (std::filesystem::temp_directory_path() / ("curator-fuzz-" + std::to_string(::getpid())))
                   .string();
        std::filesystem::create_directories(path);
    }
    ~ScratchDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string path;
};

} // namespace

const std::string& scratchDirectory() {
    static const ScratchDirectory directory;
    return directory.path;
}

std::string writeScratchFile(const std::string& name, std::string_view bytes) {
    const std::string path = scratchDirectory() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

std::vector<std::string_view> splitParts(const uint8_t* data, size_t size, size_t count) {
    static constexpr std::string_view kSeparator = "\n--8<--\n";
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < count) {
        const size_t at = rest.find(kSeparator);
        if (at == std::string_view::npos) {
            break;
        }
        parts.push_back(rest.substr(0, at));
        rest.remove_prefix(at + kSeparator.size());
    }
    parts.push_back(rest);
    parts.resize(count);
    return parts;
}

} // namespace curator::fuzz
