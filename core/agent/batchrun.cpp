#include "agent/batchrun.h"

#include "agent/transcript.h"
#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/jsonnumber.h"
#include "common/utf8text.h"
#include "dataset/curationlog.h"
#include "resources/embeddedresources.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace curator {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kCheckpointVersion = 1;
constexpr const char* kStateNames[] = {"pending", "running", "finished", "failed"};

Result<BatchThemeState> parseState(const std::string& name) {
    for (int i = 0; i < 4; ++i) {
        if (name == kStateNames[i]) {
            return static_cast<BatchThemeState>(i);
        }
    }
    return makeError("unknown state '" + snippetOf(name, 40) + "' (pending, running, finished or failed)");
}

std::string runIdOf(const std::string& batchId, size_t index, size_t count) {
    std::string number = std::to_string(index + 1);
    const size_t width = std::max<size_t>(2, std::to_string(count).size());
    number.insert(0, width - number.size(), '0');
    return batchId + "-t" + number;
}

} // namespace

const char* batchThemeStateName(BatchThemeState state) {
    return kStateNames[static_cast<int>(state)];
}

std::string BatchRun::checkpointPath(const std::string& workspaceDirectory, const std::string& batchId) {
    return (fs::path(workspaceDirectory) / "runs" / ("batch-" + batchId + ".json")).string();
}

std::vector<std::string> BatchRun::listBatches(const std::string& workspaceDirectory) {
    std::vector<std::string> ids;
    std::error_code error;
    for (fs::directory_iterator it(fs::path(workspaceDirectory) / "runs", error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.size() > 11 && name.rfind("batch-", 0) == 0 && name.substr(name.size() - 5) == ".json") {
            ids.push_back(name.substr(6, name.size() - 11));
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<std::vector<std::string>> BatchRun::readThemesFile(const std::string& path) {
    auto text = readWholeFile(path);
    if (!text) {
        return text.takeError();
    }
    if (!isValidUtf8(*text)) {
        return makeError(path + ": not UTF-8 text");
    }
    std::vector<std::string> themes;
    size_t start = 0;
    while (start < text->size()) {
        size_t end = text->find('\n', start);
        if (end == std::string::npos) {
            end = text->size();
        }
        std::string line = text->substr(start, end - start);
        start = end + 1;
        const size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') {
            continue;
        }
        line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        themes.push_back(std::move(line));
    }
    if (themes.empty()) {
        return makeError(path + ": no themes (one per line; blank lines and # comments are skipped)");
    }
    return themes;
}

Result<std::vector<std::string>> BatchRun::themesOfCategory(const std::string& category,
                                                            const std::string& taxonomyJson) {
    auto taxonomy = Taxonomy::parse(
        taxonomyJson.empty() ? std::string(resources::classesJson()) : taxonomyJson, "taxonomy");
    if (!taxonomy) {
        return taxonomy.takeError();
    }
    return themesOfCategory(category, *taxonomy);
}

Result<std::vector<std::string>> BatchRun::themesOfCategory(const std::string& category,
                                                            const Taxonomy& taxonomy) {
    std::vector<std::string> themes;
    std::vector<std::string> names;
    for (const auto& group : taxonomy.groups()) {
        for (const auto& entry : group.categories) {
            names.push_back(entry.name);
            if (Taxonomy::normalizedName(entry.name) != Taxonomy::normalizedName(category)) {
                continue;
            }
            for (const auto& attribute : entry.attributes) {
                themes.push_back(attribute.name + ": " + attribute.description);
            }
        }
    }
    if (themes.empty()) {
        return makeError("no taxonomy category '" + snippetOf(category, 80) +
                         "'; the categories are: " + [&names] {
                             std::string list;
                             for (const auto& name : names) {
                                 list += (list.empty() ? "" : ", ") + name;
                             }
                             return list;
                         }());
    }
    return themes;
}

Result<std::unique_ptr<BatchRun>> BatchRun::create(const std::string& workspaceDirectory,
                                                   const std::vector<std::string>& themes,
                                                   std::string batchId, json config) {
    if (themes.empty()) {
        return makeError("agent batch: no themes");
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < themes.size(); ++i) {
        if (themes[i].find_first_not_of(" \t\r\n") == std::string::npos) {
            return makeError("agent batch: theme " + std::to_string(i + 1) + " is blank");
        }
        if (!seen.insert(themes[i]).second) {
            return makeError("agent batch: the theme \"" + snippetOf(themes[i], 80) + "\" is listed twice");
        }
    }
    if (batchId.empty()) {
        batchId = AgentRun::newRunId();
    }
    // The batch id becomes a file name and the prefix of its runs' ids, which must stay valid run ids.
    const std::string lastRunId = runIdOf(batchId, themes.size() - 1, themes.size());
    if (!isValidRunId(batchId) || !isValidRunId(lastRunId)) {
        return makeError("agent batch: batch id '" + snippetOf(batchId, 80) +
                         "' is invalid: ASCII letters, digits, '-' and '_', at most " +
                         std::to_string(kMaxRunIdBytes - (lastRunId.size() - batchId.size())) +
                         " characters");
    }
    const std::string path = checkpointPath(workspaceDirectory, batchId);
    std::error_code error;
    if (fs::exists(path, error)) {
        return makeError("agent batch: " + path + " exists already: resume it (agent batch resume " +
                         batchId + ") or choose another id");
    }
    fs::create_directories(fs::path(path).parent_path(), error);
    if (error) {
        return makeError(fs::path(path).parent_path().string() + ": cannot create: " + error.message());
    }
    std::unique_ptr<BatchRun> batch(new BatchRun());
    batch->m_workspace = workspaceDirectory;
    batch->m_id = batchId;
    batch->m_createdAt = utcTimestamp();
    batch->m_config = std::move(config);
    for (size_t i = 0; i < themes.size(); ++i) {
        BatchTheme theme;
        theme.theme = themes[i];
        theme.runId = runIdOf(batchId, i, themes.size());
        batch->m_themes.push_back(std::move(theme));
    }
    if (auto saved = batch->save(); !saved) {
        return saved.takeError();
    }
    return batch;
}

Result<std::unique_ptr<BatchRun>> BatchRun::open(const std::string& workspaceDirectory,
                                                 const std::string& batchId) {
    if (!isValidRunId(batchId)) {
        return makeError("agent batch: batch id '" + snippetOf(batchId, 80) +
                         "' is invalid (see curator-cli agent batch list)");
    }
    const std::string path = checkpointPath(workspaceDirectory, batchId);
    auto document = readJsonFile(path);
    if (!document) {
        return document.takeError();
    }
    std::unique_ptr<BatchRun> batch(new BatchRun());
    batch->m_workspace = workspaceDirectory;
    batch->m_id = batchId;
    // A checkpoint is a file anyone may have edited: each field is checked, and a wrong type is an error
    // naming the file, never an exception.
    try {
        if (integerOr(*document, "format_version", 0) != kCheckpointVersion) {
            return makeError(path + ": format_version must be " + std::to_string(kCheckpointVersion));
        }
        if (document->value("batch_id", std::string()) != batchId) {
            return makeError(path + ": batch_id does not name batch '" + batchId + "'");
        }
        batch->m_createdAt = document->value("created_at", std::string());
        batch->m_config = document->value("config", json::object());
        const json& themes = document->at("themes");
        if (!themes.is_array() || themes.empty()) {
            return makeError(path + ": themes must be a non-empty list");
        }
        for (size_t i = 0; i < themes.size(); ++i) {
            const json& item = themes[i];
            BatchTheme theme;
            theme.theme = item.at("theme").get<std::string>();
            theme.runId = item.at("run_id").get<std::string>();
            if (theme.runId != runIdOf(batchId, i, themes.size())) {
                return makeError(path + ": themes[" + std::to_string(i) + "].run_id must be " +
                                 runIdOf(batchId, i, themes.size()));
            }
            auto state = parseState(item.at("state").get<std::string>());
            if (!state) {
                return makeError(path + ": themes[" + std::to_string(i) + "].state: " + state.error());
            }
            theme.state = *state;
            theme.finishReason = item.value("finish_reason", std::string());
            theme.error = item.value("error", std::string());
            batch->m_themes.push_back(std::move(theme));
        }
    } catch (const json::exception& error) {
        return makeError(path + ": not a batch checkpoint: " + sanitizeUtf8(error.what()));
    }
    return batch;
}

json BatchRun::checkpoint() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    json themes = json::array();
    for (const auto& theme : m_themes) {
        json item = {{"theme", theme.theme},
                     {"run_id", theme.runId},
                     {"branch", AgentRun::branchOf(theme.runId)},
                     {"state", batchThemeStateName(theme.state)}};
        if (!theme.finishReason.empty()) {
            item["finish_reason"] = theme.finishReason;
        }
        if (!theme.error.empty()) {
            item["error"] = theme.error;
        }
        themes.push_back(std::move(item));
    }
    return {{"format_version", kCheckpointVersion}, {"batch_id", m_id},   {"created_at", m_createdAt},
            {"updated_at", utcTimestamp()},         {"config", m_config}, {"themes", themes}};
}

std::vector<BatchTheme> BatchRun::themes() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_themes;
}

Status BatchRun::save() {
    return writeFileAtomically(checkpointPath(m_workspace, m_id), dumpJsonSafely(checkpoint(), 2) + "\n");
}

Status BatchRun::setState(size_t index, BatchThemeState state, const std::string& reason,
                          const std::string& error) {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_themes[index].state = state;
        m_themes[index].finishReason = reason;
        m_themes[index].error = error;
    }
    return save();
}

void BatchRun::stop() {
    m_stop = true;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_current) {
        m_current->stop();
    }
}

Status BatchRun::run(const BatchRunFactory& factory, const std::function<void(AgentRun&)>& started,
                     const std::function<void(AgentRun&)>& ended) {
    for (size_t i = 0; i < m_themes.size(); ++i) {
        const BatchTheme theme = themes()[i];
        if (theme.state == BatchThemeState::Finished) {
            continue;
        }
        if (m_stop) {
            return {};
        }
        // Marked running before its branch exists: a kill from here on resumes this theme.
        if (auto saved = setState(i, BatchThemeState::Running); !saved) {
            return saved;
        }
        std::error_code error;
        const bool begun = fs::exists(Transcript::path(m_workspace, theme.runId), error);
        auto made = begun ? factory.resume(theme.runId) : factory.create(theme.theme, theme.runId);
        if (!made) {
            const std::string message = "theme " + std::to_string(i + 1) + " (\"" +
                                        snippetOf(theme.theme, 80) + "\", run " + theme.runId +
                                        "): " + made.error();
            // The run's error is the one reported; if this save fails too, the theme stays "running" and
            // is retried on resume all the same.
            static_cast<void>(setState(i, BatchThemeState::Failed, {}, made.error()));
            return makeError("agent batch " + m_id + ": " + message);
        }
        AgentRun& current = **made;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_current = &current;
        }
        if (started) {
            started(current);
        }
        const Status finished = m_stop ? Status() : current.run();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_current = nullptr;
        }
        if (ended) {
            ended(current);
        }
        const std::string reason = current.finishReason();
        if (!finished) {
            static_cast<void>(setState(i, BatchThemeState::Failed, reason, finished.error()));
            return makeError("agent batch " + m_id + ": theme " + std::to_string(i + 1) + " (run " +
                             theme.runId + "): " + finished.error());
        }
        if (m_stop || reason == "stopped" || reason.empty()) {
            // Stopped (by the batch or by a person's stop of this run): resumed next time.
            m_stop = true;
            return save();
        }
        if (auto saved = setState(i, BatchThemeState::Finished, reason); !saved) {
            return saved;
        }
    }
    return {};
}

} // namespace curator
