#pragma once

#include "models/image.h"

#include <filesystem>
#include <string>

namespace curator::test {

// A fresh directory under the system temporary directory, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const {
        return (std::filesystem::path(m_path) / name).string();
    }

private:
    std::string m_path;
};

std::string resourcesDir();
std::string sharedDataDir();

// A 256x256 drawn test scene (sky, ground, a house, a sun), sharp and well exposed.
RgbImage drawTestScene();

} // namespace curator::test
