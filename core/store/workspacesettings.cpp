#include "store/workspacesettings.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace curator {

namespace fs = std::filesystem;

namespace {

std::string settingsPath(const std::string& workspaceDirectory) {
    return (fs::path(workspaceDirectory) / "settings.json").string();
}

// A positive number of megapixels, at most a million (a terapixel).
Result<double> parseMegapixels(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(value > 0) || value > 1e6) {
        return makeError(
            "max_image_megapixels must be a positive number of megapixels (at most 1000000), not '" + text +
            "'");
    }
    return value;
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
        // The limit may be written as a number or as a string; every other setting is a string.
        const bool number = it.key() == "max_image_megapixels" && it.value().is_number();
        if (!it.value().is_string() && !number) {
            return makeError(path + ": field \"" + it.key() + "\" must be a string");
        }
        const std::string value = number ? it.value().dump() : it.value().get<std::string>();
        if (auto status = settings.set(it.key(), value); !status) {
            return makeError(path + ": " + status.error());
        }
    }
    return settings;
}

Status WorkspaceSettings::save(const std::string& workspaceDirectory) const {
    std::error_code error;
    fs::create_directories(workspaceDirectory, error);
    nlohmann::json object = {{"embedder", embedder},
                             {"scorer", scorer},
                             {"captioner", captioner},
                             {"taxonomy", taxonomy},
                             {"max_image_megapixels", maxImageMegapixels}};
    // Written only when set, so a workspace without them keeps the file older builds read.
    if (!embedQueryTemplate.empty()) {
        object["embed_query_template"] = embedQueryTemplate;
    }
    if (!captionerPrompt.empty()) {
        object["captioner_prompt"] = captionerPrompt;
    }
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
    } else if (key == "max_image_megapixels") {
        CURATOR_TRY(maxImageMegapixels, parseMegapixels(value));
    } else if (key == "embed_query_template") {
        if (!value.empty() && value.find("{text}") == std::string::npos) {
            return makeError("embed_query_template '" + value +
                             "' has no {text}: the query would be left out (e.g. \"Instruct: Represent the "
                             "user's input.\\nQuery: {text}\")");
        }
        embedQueryTemplate = value;
    } else if (key == "captioner_prompt") {
        captionerPrompt = value;
    } else {
        return makeError("unknown setting '" + key +
                         "': expected embedder, scorer, captioner, taxonomy, max_image_megapixels, "
                         "embed_query_template or captioner_prompt");
    }
    return {};
}

std::string WorkspaceSettings::queryTemplateFor(const std::string& spec, const std::string& given) const {
    if (!given.empty()) {
        return given;
    }
    return spec.empty() || spec == embedder ? embedQueryTemplate : std::string();
}

std::string WorkspaceSettings::captionerPromptFor(const std::string& spec, const std::string& given) const {
    if (!given.empty()) {
        return given;
    }
    return spec.empty() || spec == captioner ? captionerPrompt : std::string();
}

bool WorkspaceSettings::recordIngestEmbedder(const std::string& spec, const std::string& queryTemplate) {
    const std::string newEmbedder = spec.empty() ? embedder : spec;
    const std::string newTemplate = !queryTemplate.empty()    ? queryTemplate
                                    : newEmbedder == embedder ? embedQueryTemplate
                                                              : std::string();
    const bool changed = newEmbedder != embedder || newTemplate != embedQueryTemplate;
    embedder = newEmbedder;
    embedQueryTemplate = newTemplate;
    return changed;
}

} // namespace curator
