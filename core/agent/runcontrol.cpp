#include "agent/runcontrol.h"

#include "agent/agentrun.h"
#include "agent/transcript.h"
#include "common/jsonguard.h"
#include "dataset/curationlog.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>
#include <utility>

namespace curator {

using nlohmann::json;

namespace {

// What each action needs beside "action": a field and the JSON type it must have.
struct ControlField {
    const char* name;
    json::value_t type; // number_float stands for any number
};

struct ControlAction {
    const char* name;
    std::vector<ControlField> fields;
};

const std::vector<ControlAction>& controlActions() {
    static const std::vector<ControlAction> actions = {
        {"pause", {}},
        {"resume", {}},
        {"step", {}},
        {"stop", {}},
        {"message", {{"text", json::value_t::string}}},
        {"approve", {}},
        {"reject", {{"reason", json::value_t::string}}},
        {"approve_with_threshold", {{"threshold", json::value_t::number_float}}},
        {"approval", {{"tool", json::value_t::string}, {"on", json::value_t::boolean}}},
        {"undo", {{"commit_id", json::value_t::string}}},
    };
    return actions;
}

bool hasType(const json& value, json::value_t type) {
    if (type == json::value_t::number_float) {
        return value.is_number();
    }
    return value.type() == type;
}

const char* typeName(json::value_t type) {
    switch (type) {
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "true or false";
    case json::value_t::number_float:
        return "a number";
    default:
        return "a value";
    }
}

std::string actionList() {
    std::string list;
    for (const auto& action : controlActions()) {
        list += (list.empty() ? "" : ", ") + std::string(action.name);
    }
    return list;
}

std::string runsDirectory(const std::string& workspaceDirectory) {
    return workspaceDirectory + "/runs";
}

} // namespace

std::string runControlPath(const std::string& workspaceDirectory, const std::string& runId) {
    return runsDirectory(workspaceDirectory) + "/" + runId + ".control.jsonl";
}

std::string runLockPath(const std::string& workspaceDirectory, const std::string& runId) {
    return runsDirectory(workspaceDirectory) + "/" + runId + ".lock";
}

Status validateRunControl(const json& control) {
    if (!control.is_object()) {
        return makeError("a run control must be a JSON object with an \"action\"");
    }
    const auto action = control.find("action");
    if (action == control.end() || !action->is_string()) {
        return makeError("a run control needs \"action\", a string: one of " + actionList());
    }
    for (const auto& known : controlActions()) {
        if (*action != known.name) {
            continue;
        }
        for (const auto& required : known.fields) {
            const auto value = control.find(required.name);
            if (value == control.end() || !hasType(*value, required.type)) {
                return makeError("run control \"" + std::string(known.name) + "\": field \"" + required.name +
                                 "\" must be " + typeName(required.type));
            }
        }
        return {};
    }
    return makeError("run control: unknown action \"" + action->get<std::string>() + "\" (expected one of " +
                     actionList() + ")");
}

Status appendRunControl(const std::string& workspaceDirectory, const std::string& runId, json control,
                        const std::string& from) {
    if (auto valid = checkRunId(runId); !valid) {
        return valid;
    }
    if (auto valid = validateRunControl(control); !valid) {
        return valid;
    }
    control["time"] = utcTimestamp();
    control["from"] = from;
    const std::string line = control.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    const std::string path = runControlPath(workspaceDirectory, runId);
    ::mkdir(runsDirectory(workspaceDirectory).c_str(), 0755);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError("cannot open " + path + " for appending: " + std::strerror(errno));
    }
    // One write with O_APPEND: the line lands whole at the end even with several writers.
    const ssize_t written = ::write(fd, line.data(), line.size());
    const int writeErrno = errno;
    ::close(fd);
    if (written != static_cast<ssize_t>(line.size())) {
        return makeError("cannot append to " + path + ": " +
                         (written < 0 ? std::strerror(writeErrno) : std::string("short write")));
    }
    return {};
}

void applyRunControl(AgentRun& run, const json& control) {
    const std::string action = control.value("action", std::string());
    if (action == "pause") {
        run.pause();
    } else if (action == "resume") {
        run.resume();
    } else if (action == "step") {
        run.step();
    } else if (action == "stop") {
        run.stop();
    } else if (action == "message") {
        run.answer(control.value("text", std::string()));
    } else if (action == "approve") {
        run.approve();
    } else if (action == "reject") {
        run.reject(control.value("reason", std::string()));
    } else if (action == "approve_with_threshold") {
        run.approveWithThreshold(control.value("threshold", 0.0));
    } else if (action == "approval") {
        run.setApprovalRequired(control.value("tool", std::string()), control.value("on", false));
    } else if (action == "undo") {
        run.humanUndo(control.value("commit_id", std::string()));
    }
}

namespace {

// The typed commands: each word, and what follows it (parseRunControlCommand reads each).
struct TypedCommand {
    const char* word;
    const char* arguments;
};
constexpr TypedCommand kTypedCommands[] = {
    {"pause", ""},
    {"resume", ""},
    {"step", ""},
    {"stop", ""},
    {"say", " TEXT"},
    {"answer", " TEXT"},
    {"approve", ""},
    {"reject", " [REASON]"},
    {"approve-threshold", " T"},
    {"approval", " TOOL on|off"},
    {"undo", " COMMIT_ID"},
};

std::string typedCommandUsage() {
    std::string usage;
    for (const TypedCommand& command : kTypedCommands) {
        usage += (usage.empty() ? "" : ", ") + std::string(command.word) + command.arguments;
    }
    return usage;
}

// The command word and the rest, without the spaces between them or at the end (nor a file's \r).
std::pair<std::string, std::string> splitCommand(std::string line) {
    line.erase(line.find_last_not_of(" \t\r") + 1);
    const size_t space = line.find(' ');
    if (space == std::string::npos) {
        return {line, std::string()};
    }
    const size_t argument = line.find_first_not_of(' ', space);
    return {line.substr(0, space), argument == std::string::npos ? std::string() : line.substr(argument)};
}

Result<double> parseThreshold(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) || value < -1 ||
        value > 1) {
        return makeError("approve-threshold needs a similarity threshold from -1 to 1, not '" + text + "'");
    }
    return value;
}

} // namespace

bool isRunControlCommand(const std::string& line) {
    const std::string word = splitCommand(line).first;
    for (const TypedCommand& command : kTypedCommands) {
        if (word == command.word) {
            return true;
        }
    }
    return false;
}

Result<json> parseRunControlCommand(const std::string& line) {
    const auto split = splitCommand(line);
    const std::string& command = split.first;
    const std::string& argument = split.second;
    const auto needs = [&command](const char* what) { return makeError("'" + command + "' needs " + what); };
    if (command == "pause" || command == "resume" || command == "step" || command == "stop" ||
        command == "approve") {
        if (!argument.empty()) {
            return makeError("'" + command + "' takes no argument, not '" + argument + "'");
        }
        return json{{"action", command}};
    }
    if (command == "say" || command == "answer") {
        if (argument.empty()) {
            return needs("a text");
        }
        return json{{"action", "message"}, {"text", argument}};
    }
    if (command == "reject") {
        return json{{"action", "reject"}, {"reason", argument.empty() ? "rejected by the human" : argument}};
    }
    if (command == "approve-threshold") {
        auto threshold = parseThreshold(argument);
        if (!threshold) {
            return threshold.takeError();
        }
        return json{{"action", "approve_with_threshold"}, {"threshold", *threshold}};
    }
    if (command == "approval") {
        const auto [tool, state] = splitCommand(argument);
        const auto& tools = AgentRun::approvableTools();
        const bool known = tool == "all" || std::find(tools.begin(), tools.end(), tool) != tools.end();
        if (!known || (state != "on" && state != "off")) {
            return needs("a tool (commit, undo_commit, aesthetics_rate or all) and on or off");
        }
        return json{{"action", "approval"}, {"tool", tool}, {"on", state == "on"}};
    }
    if (command == "undo") {
        if (argument.empty()) {
            return needs("the id of a commit of this run");
        }
        return json{{"action", "undo"}, {"commit_id", argument}};
    }
    return makeError("unknown control '" + command + "': " + typedCommandUsage());
}

Result<std::unique_ptr<RunOwnerLock>> RunOwnerLock::acquire(const std::string& workspaceDirectory,
                                                            const std::string& runId) {
    if (auto valid = checkRunId(runId); !valid) {
        return valid.takeError();
    }
    const std::string path = runLockPath(workspaceDirectory, runId);
    ::mkdir(runsDirectory(workspaceDirectory).c_str(), 0755);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError("cannot open " + path + ": " + std::strerror(errno));
    }
    // A process that only looks (runIsLive) holds a shared lock for microseconds: tried again for a while
    // before the run is taken for another process's.
    int locked = -1;
    for (int attempt = 0; attempt < 20; ++attempt) {
        locked = ::flock(fd, LOCK_EX | LOCK_NB);
        if (locked == 0 || errno != EWOULDBLOCK) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (locked != 0) {
        const int lockErrno = errno;
        ::close(fd);
        if (lockErrno == EWOULDBLOCK) {
            return makeError("run " + runId + " is already running in another process (" + path +
                             " is locked)");
        }
        return makeError("cannot lock " + path + ": " + std::strerror(lockErrno));
    }
    std::unique_ptr<RunOwnerLock> lock(new RunOwnerLock());
    lock->m_fd = fd;
    return lock;
}

RunOwnerLock::~RunOwnerLock() {
    if (m_fd >= 0) {
        ::close(m_fd); // releases the flock
    }
}

bool runIsLive(const std::string& workspaceDirectory, const std::string& runId) {
    if (!isValidRunId(runId)) {
        return false;
    }
    const std::string path = runLockPath(workspaceDirectory, runId);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false; // never locked
    }
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // also drops the shared lock taken when nobody held it
    return held;
}

JsonLinesTail::JsonLinesTail(std::string filePath, bool fromEnd)
    : m_path(std::move(filePath)) {
    if (fromEnd) {
        struct stat info {};
        if (::stat(m_path.c_str(), &info) == 0) {
            m_offset = static_cast<uint64_t>(info.st_size);
        }
    }
}

std::vector<json> JsonLinesTail::poll() {
    std::vector<json> lines;
    std::ifstream in(m_path, std::ios::binary);
    if (!in) {
        return lines; // not there yet
    }
    in.seekg(0, std::ios::end);
    const auto end = static_cast<uint64_t>(in.tellg());
    if (end < m_offset) {
        m_offset = 0; // the file was replaced by a shorter one: read it anew
    }
    if (end == m_offset) {
        return lines;
    }
    in.seekg(static_cast<std::streamoff>(m_offset));
    std::string chunk(end - m_offset, '\0');
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<size_t>(in.gcount()));
    size_t start = 0;
    for (size_t newline = chunk.find('\n'); newline != std::string::npos; newline = chunk.find('\n', start)) {
        const std::string_view line(chunk.data() + start, newline - start);
        start = newline + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        // Too deep a line is refused before it is built (common/jsonguard.h): another process wrote it.
        json value = findNestingBeyond(line) ? json(json::value_t::discarded)
                                             : json::parse(line.begin(), line.end(), nullptr, false);
        if (value.is_discarded()) {
            ++m_skipped;
        } else {
            lines.push_back(std::move(value));
        }
    }
    m_offset += start; // an unfinished last line is read again once complete
    return lines;
}

RunControlFollower::RunControlFollower(const std::string& workspaceDirectory, AgentRun& run,
                                       int pollMilliseconds)
    : m_run(run)
    , m_tail(runControlPath(workspaceDirectory, run.runId()), true)
    , m_pollMilliseconds(std::max(1, pollMilliseconds)) {
    m_thread = std::thread([this] { follow(); });
}

RunControlFollower::~RunControlFollower() {
    {
        const std::lock_guard<std::mutex> lock(m_stopMutex);
        m_stop = true;
    }
    m_stopped.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void RunControlFollower::follow() {
    uint64_t reportedSkips = 0;
    for (;;) {
        for (const json& control : m_tail.poll()) {
            if (auto valid = validateRunControl(control); !valid) {
                m_run.noteError(m_tail.filePath() + ": " + valid.error() + "; the control was not applied");
                continue;
            }
            applyRunControl(m_run, control);
        }
        if (m_tail.skipped() > reportedSkips) {
            m_run.noteError(m_tail.filePath() + ": " + std::to_string(m_tail.skipped() - reportedSkips) +
                            " line(s) are not JSON; they were not applied");
            reportedSkips = m_tail.skipped();
        }
        std::unique_lock<std::mutex> lock(m_stopMutex);
        if (m_stopped.wait_for(lock, std::chrono::milliseconds(m_pollMilliseconds),
                               [this] { return m_stop; })) {
            return;
        }
    }
}

} // namespace curator
