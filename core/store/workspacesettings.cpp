#include "store/workspacesettings.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace curator {

namespace fs = std::filesystem;

namespace {

std::string settingsPath(const std::string& workspaceDirectory) {
    return (fs::path(workspaceDirectory) / "settings.json").string();
}

} // namespace

Result<WorkspaceSettings> WorkspaceSettings::load(const std::string& workspaceDirectory) {
    WorkspaceSettings settings;
    const std::string path = settingsPath(workspaceDirectory);
    std::error_code error;
    if (!fs::exists(path, error)) {
        return settings;
    }
    CURATOR_TRY(const nlohmann::json object, readJsonFile(path));
    if (!object.is_object()) {
        return makeError(path + ": malformed: expected a JSON object");
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().is_string()) {
            return makeError(path + ": field \"" + it.key() + "\" must be a string");
        }
        if (auto status = settings.set(it.key(), it.value().get<std::string>()); !status) {
            return makeError(path + ": " + status.error());
        }
    }
    return settings;
}

Status WorkspaceSettings::save(const std::string& workspaceDirectory) const {
    std::error_code error;
    fs::create_directories(workspaceDirectory, error);
    const nlohmann::json object = {
        {"embedder", embedder}, {"scorer", scorer}, {"captioner", captioner}, {"taxonomy", taxonomy}};
    return writeFileAtomically(settingsPath(workspaceDirectory), object.dump(2) + "\n");
}

Status WorkspaceSettings::set(const std::string& key, const std::string& value) {
    if (key == "embedder") {
        embedder = value;
    } else if (key == "scorer") {
        scorer = value;
    } else if (key == "captioner") {
        captioner = value;
    } else if (key == "taxonomy") {
        taxonomy = value;
    } else {
        return makeError("unknown setting '" + key + "': expected embedder, scorer, captioner or taxonomy");
    }
    return {};
}

} // namespace curator
