#include "models/builtincaptioner.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace curator {

namespace fs = std::filesystem;

BuiltinCaptioner::BuiltinCaptioner(std::map<std::string, std::string> captionsByPathOrName)
    : m_given(std::move(captionsByPathOrName)) {}

const BuiltinCaptioner::Sidecar& BuiltinCaptioner::sidecarFor(const std::string& directory) {
    const auto found = m_sidecars.find(directory);
    if (found != m_sidecars.end())
        return found->second;
    Sidecar& sidecar = m_sidecars[directory];
    sidecar.path = (fs::path(directory.empty() ? "." : directory) / "captions.jsonl").string();
    std::error_code ec;
    if (!fs::is_regular_file(sidecar.path, ec))
        return sidecar;
    sidecar.exists = true;
    auto text = readWholeFile(sidecar.path);
    if (!text) {
        sidecar.error = text.error();
        return sidecar;
    }
    std::istringstream lines(*text);
    std::string line;
    for (size_t number = 1; std::getline(lines, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const std::string where = sidecar.path + ":" + std::to_string(number);
        if (Status depth = checkJsonDepth(line, where); !depth) {
            sidecar.error = depth.error();
            return sidecar;
        }
        nlohmann::json entry;
        try {
            entry = nlohmann::json::parse(line);
        } catch (const std::exception&) {
            sidecar.error = sidecar.path + ":" + std::to_string(number) + ": not a JSON object";
            return sidecar;
        }
        const bool hasName = entry.is_object() && entry.contains("file") && entry["file"].is_string();
        const bool hasPath = entry.is_object() && entry.contains("path") && entry["path"].is_string();
        if (!entry.is_object() || !entry.contains("caption") || !entry["caption"].is_string() ||
            (!hasName && !hasPath)) {
            sidecar.error = sidecar.path + ":" + std::to_string(number) +
                            ": expected {\"file\" or \"path\": string, \"caption\": string}";
            return sidecar;
        }
        const std::string caption = entry["caption"].get<std::string>();
        if (hasName)
            sidecar.byName[entry["file"].get<std::string>()] = caption;
        if (hasPath)
            sidecar.byPath[entry["path"].get<std::string>()] = caption;
    }
    return sidecar;
}

Result<std::string> BuiltinCaptioner::caption(const RgbImage& /*image*/, const std::string& imagePath) {
    const fs::path path(imagePath);
    const std::string name = path.filename().string();
    auto usable = [&](const std::string& caption, const std::string& where) -> Result<std::string> {
        if (caption.find_first_not_of(" \t\r\n") == std::string::npos)
            return makeError("empty caption for " + imagePath + " in " + where);
        return caption;
    };
    if (const auto it = m_given.find(imagePath); it != m_given.end())
        return usable(it->second, "the ids file");
    if (const auto it = m_given.find(name); it != m_given.end())
        return usable(it->second, "the ids file");

    const Sidecar& sidecar = sidecarFor(path.parent_path().string());
    if (!sidecar.error.empty())
        return makeError("no caption for " + imagePath + ": " + sidecar.error);
    if (!sidecar.exists)
        return makeError("no caption for " + imagePath + ": no " + sidecar.path + " beside it" +
                         (m_given.empty() ? "" : " and no entry in the ids file"));
    if (const auto it = sidecar.byPath.find(imagePath); it != sidecar.byPath.end())
        return usable(it->second, sidecar.path);
    if (const auto it = sidecar.byName.find(name); it != sidecar.byName.end())
        return usable(it->second, sidecar.path);
    return makeError("no caption for " + imagePath + " in " + sidecar.path);
}

} // namespace curator
