#include "agent/gridfiles.h"

#include "agent/transcript.h"
#include "common/base64.h"
#include "common/fileutil.h"
#include "common/utf8text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace curator {

namespace fs = std::filesystem;

std::string runsDirectory(const std::string& workspaceDirectory) {
    return (fs::path(workspaceDirectory) / "runs").string();
}

std::string gridFileStem(const std::string& callId) {
    auto safe = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_';
    };
    if (!callId.empty() && std::all_of(callId.begin(), callId.end(), safe)) {
        return callId;
    }
    std::string stem;
    for (char c : callId) {
        stem += safe(c) ? c : '_';
    }
    // FNV-1a: "a/b" and "a_b" must not share a file.
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : callId) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "_%016llx", static_cast<unsigned long long>(hash));
    return stem + suffix;
}

namespace {

struct DecodedImage {
    std::string extension;
    std::string bytes;
};

// "data:image/jpeg;base64,...." -> the bytes and an extension.
Result<DecodedImage> decodeDataUrl(const std::string& url) {
    const size_t comma = url.find(',');
    const std::string header = url.substr(0, comma);
    const std::string_view kJpeg = "data:image/jpeg;base64";
    const std::string_view kPng = "data:image/png;base64";
    DecodedImage image;
    if (comma == std::string::npos) {
        return makeError("not a data URL");
    }
    if (header == kJpeg) {
        image.extension = ".jpg";
    } else if (header == kPng) {
        image.extension = ".png";
    } else {
        return makeError("a data URL of '" + snippetOf(header, 60) + "', expected base64 JPEG or PNG");
    }
    auto bytes = base64Decode(std::string_view(url).substr(comma + 1));
    if (!bytes) {
        return makeError("the data URL's base64 does not decode");
    }
    image.bytes = std::move(*bytes);
    return image;
}

} // namespace

Result<std::vector<std::string>> writeGridFiles(const std::string& workspaceDirectory,
                                                const std::string& runId, const std::string& callId,
                                                const std::vector<std::string>& dataUrls) {
    if (auto valid = checkRunId(runId); !valid) {
        return valid.takeError();
    }
    const fs::path directory = fs::path(runsDirectory(workspaceDirectory)) / runId / "grids";
    std::error_code error;
    fs::create_directories(directory, error);
    if (error) {
        return makeError(directory.string() + ": cannot create: " + error.message());
    }
    const std::string stem = gridFileStem(callId);
    std::vector<std::string> written;
    for (size_t n = 0; n < dataUrls.size(); ++n) {
        auto image = decodeDataUrl(dataUrls[n]);
        if (!image) {
            return makeError("grid " + std::to_string(n) + " of call " + snippetOf(callId, 60) + ": " +
                             image.error());
        }
        const std::string name = stem + "-" + std::to_string(n) + image->extension;
        if (auto saved = writeFileAtomically((directory / name).string(), image->bytes); !saved) {
            return saved.takeError();
        }
        written.push_back(runId + "/grids/" + name);
    }
    return written;
}

Result<std::string> resolveGridFile(const std::string& workspaceDirectory, const std::string& relativePath) {
    const fs::path relative(relativePath);
    const bool leadsOut =
        relative.empty() || relative.is_absolute() ||
        std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == ".."; });
    if (leadsOut) {
        return makeError("grid file '" + snippetOf(relativePath, 80) +
                         "' is not a path inside the workspace's runs directory");
    }
    return (fs::path(runsDirectory(workspaceDirectory)) / relative).string();
}

} // namespace curator
