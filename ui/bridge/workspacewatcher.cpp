#include "bridge/workspacewatcher.h"

#include "common/threadhandoff.h"

#include "agent/runcontrol.h"
#include "agent/transcript.h"
#include "dataset/curationlog.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace curator::ui {

namespace {

// What a file's stat says about its content: absent, or its size and modification time (nanoseconds:
// two SQLite commits within one millisecond of a look differ here).
struct FileStamp {
    bool present = false;
    long long size = 0;
    long long modifiedNs = 0;
    bool operator==(const FileStamp& other) const {
        return std::tie(present, size, modifiedNs) == std::tie(other.present, other.size, other.modifiedNs);
    }
};

FileStamp stampOf(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return {};
    }
    return {true, static_cast<long long>(info.st_size),
            static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec};
}

bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

struct WorkspaceWatcher::Snapshot {
    FileStamp database;
    FileStamp writeAheadLog;
    std::vector<std::pair<std::string, FileStamp>> transcripts; // sorted by run id
    std::vector<std::string> liveRuns;                          // sorted

    static Snapshot take(const std::string& workspace) {
        Snapshot snapshot;
        const std::string database = workspace + "/" + kCurationDatabaseFile;
        snapshot.database = stampOf(database);
        snapshot.writeAheadLog = stampOf(database + "-wal");
        const std::string runs = workspace + "/runs";
        DIR* directory = ::opendir(runs.c_str());
        if (directory == nullptr) {
            return snapshot;
        }
        const std::string transcriptSuffix = ".jsonl";
        const std::string lockSuffix = ".lock";
        while (const dirent* entry = ::readdir(directory)) {
            const std::string name = entry->d_name;
            if (endsWith(name, transcriptSuffix)) {
                const std::string runId = name.substr(0, name.size() - transcriptSuffix.size());
                if (isValidRunId(runId)) { // not a run's control file (<id>.control.jsonl)
                    snapshot.transcripts.emplace_back(runId, stampOf(runs + "/" + name));
                }
            } else if (endsWith(name, lockSuffix)) {
                const std::string runId = name.substr(0, name.size() - lockSuffix.size());
                // A lock's file stays after its owner is gone: whether a process holds it is the news.
                if (isValidRunId(runId) && runIsLive(workspace, runId)) {
                    snapshot.liveRuns.push_back(runId);
                }
            }
        }
        ::closedir(directory);
        std::sort(snapshot.transcripts.begin(), snapshot.transcripts.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        std::sort(snapshot.liveRuns.begin(), snapshot.liveRuns.end());
        return snapshot;
    }
};

WorkspaceWatcher::WorkspaceWatcher(const QString& workspaceDirectory, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    m_pool.setMaxThreadCount(1);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WorkspaceWatcher::checkNow);
}

WorkspaceWatcher::~WorkspaceWatcher() {
    m_timer.stop();
    m_pool.waitForDone();
}

void WorkspaceWatcher::start() {
    checkNow(); // the first look records what is there
    m_timer.start();
}

void WorkspaceWatcher::stop() {
    m_timer.stop();
}

void WorkspaceWatcher::checkNow() {
    if (m_looking) {
        return; // a slow file system: this tick is skipped, not queued
    }
    m_looking = true;
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_pool, [this, workspace] {
        auto snapshot = std::make_shared<const Snapshot>(Snapshot::take(workspace));
        postTo(this, [this, snapshot] { onLooked(snapshot); });
    });
}

void WorkspaceWatcher::onLooked(const std::shared_ptr<const Snapshot>& snapshot) {
    m_looking = false;
    const std::shared_ptr<const Snapshot> last = std::exchange(m_last, snapshot);
    if (!last) {
        return;
    }
    if (!(last->database == snapshot->database) || !(last->writeAheadLog == snapshot->writeAheadLog)) {
        Q_EMIT logChanged();
    }
    if (last->transcripts != snapshot->transcripts || last->liveRuns != snapshot->liveRuns) {
        Q_EMIT runsChanged();
    }
}

} // namespace curator::ui
