#include "dataset/releaseadditions.h"

#include "common/fileutil.h"
#include "dataset/curationlog.h"
#include "dataset/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace curator {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kCard = "README.md";

// A relative path that stays inside the release: no root, no "..", not the manifest itself.
bool staysInside(const std::string& relative) {
    const fs::path path(relative);
    if (relative.empty() || path.is_absolute() || path.has_root_name() || relative == kManifest) {
        return false;
    }
    for (const fs::path& part : path) {
        if (part == "..") {
            return false;
        }
    }
    return true;
}

// The card with the addition's section in place: between markers, replaced when it is there already.
std::string cardWithSection(const std::string& card, const ReleaseAddition& addition) {
    const std::string begin = "<!-- addition " + addition.kind + " " + addition.name + " -->\n";
    const std::string end = "<!-- end of addition " + addition.kind + " " + addition.name + " -->\n";
    const std::string section =
        begin + addition.cardSection + (addition.cardSection.back() == '\n' ? "" : "\n") + end;
    const size_t from = card.find(begin);
    const size_t to = from == std::string::npos ? std::string::npos : card.find(end, from);
    if (from != std::string::npos && to != std::string::npos) {
        return card.substr(0, from) + section + card.substr(to + end.size());
    }
    return card + (card.empty() || card.back() == '\n' ? "\n" : "\n\n") + section;
}

} // namespace

std::vector<std::string> releaseTags(const std::string& workspaceDirectory) {
    std::vector<std::string> tags;
    std::error_code error;
    for (fs::directory_iterator it(fs::path(workspaceDirectory) / "exports", error), end; !error && it != end;
         it.increment(error)) {
        const std::string tag = it->path().filename().string();
        if (tag.front() != '.' && fs::is_regular_file(it->path() / kManifest, error)) {
            tags.push_back(tag);
        }
    }
    std::sort(tags.begin(), tags.end());
    return tags;
}

Result<std::string> releaseDirectory(const std::string& workspaceDirectory, const std::string& tag) {
    const fs::path exports = fs::path(workspaceDirectory) / "exports";
    std::error_code error;
    if (tag.empty() || tag.find('/') != std::string::npos || tag.front() == '.' ||
        !fs::is_regular_file(exports / tag / kManifest, error)) {
        return makeError("no release '" + tag + "' in " + exports.string() +
                         " (make it with export --release TAG)");
    }
    return (exports / tag).string();
}

Status addToRelease(const std::string& releaseDirectory, const ReleaseAddition& addition) {
    const fs::path root(releaseDirectory);
    const std::string manifestPath = (root / kManifest).string();
    CURATOR_TRY(const std::string manifestText, readWholeFile(manifestPath));
    ordered_json manifest = ordered_json::parse(manifestText, nullptr, false);
    if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_object()) {
        return makeError(manifestPath + ": not a release manifest (expected a JSON object with \"files\")");
    }
    for (const auto& [relative, contents] : addition.files) {
        if (!staysInside(relative)) {
            return makeError(releaseDirectory + ": cannot add '" + relative +
                             "': expected a path inside the release");
        }
    }

    // The files first, the manifest last: a run killed in between leaves a release whose manifest lists
    // what it listed before.
    ordered_json added = ordered_json::array();
    for (const auto& [relative, contents] : addition.files) {
        std::error_code error;
        fs::create_directories((root / relative).parent_path(), error);
        CURATOR_TRY_STATUS(writeFileAtomically((root / relative).string(), contents));
        manifest["files"][relative] = Sha256::hashHex(contents);
        added.push_back(relative);
    }
    if (!addition.cardSection.empty()) {
        const std::string cardPath = (root / kCard).string();
        Result<std::string> card = readWholeFile(cardPath);
        const std::string updated = cardWithSection(card ? *card : std::string(), addition);
        CURATOR_TRY_STATUS(writeFileAtomically(cardPath, updated));
        manifest["files"][kCard] = Sha256::hashHex(updated);
    }
    ordered_json& additions = manifest["additions"];
    if (!additions.is_array()) {
        additions = ordered_json::array();
    }
    ordered_json entry = {
        {"kind", addition.kind}, {"name", addition.name}, {"files", added}, {"added_at", utcTimestamp()}};
    bool replaced = false;
    for (ordered_json& existing : additions) {
        if (existing.is_object() && existing.value("kind", "") == addition.kind &&
            existing.value("name", "") == addition.name) {
            existing = entry;
            replaced = true;
        }
    }
    if (!replaced) {
        additions.push_back(std::move(entry));
    }
    return writeFileAtomically(manifestPath,
                               manifest.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n");
}

} // namespace curator
