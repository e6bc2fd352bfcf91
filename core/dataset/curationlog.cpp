// CurationLog: opening a workspace's log, and the small free helpers (ids, timestamps). The rest lives
// in one file per job: curationschema.cpp, curationhistory.cpp (with historygraph.cpp), curationcatalog.cpp,
// curationmutations.cpp, curationstatus.cpp, curationimport.cpp, curationexport.cpp, curationrelease.cpp.

#include "dataset/curationlog.h"

#include "dataset/curationlog_internal.h"

#include <ctime>
#include <filesystem>
#include <random>

namespace curator {

namespace fs = std::filesystem;

std::string shortId(const std::string& id) {
    return id.substr(0, kShortIdLength);
}

std::string newUuidV4() {
    std::random_device random;
    uint8_t bytes[16];
    for (size_t i = 0; i < 16; i += 4) {
        const uint32_t value = random();
        for (size_t j = 0; j < 4; ++j) {
            bytes[i + j] = uint8_t(value >> (8 * j));
        }
    }
    bytes[6] = uint8_t((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = uint8_t((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    static const char* digits = "0123456789abcdef";
    std::string text;
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text += '-';
        }
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 0xf];
    }
    return text;
}

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

CurationLog::CurationLog() = default;
CurationLog::~CurationLog() = default;
CurationLog::CurationLog(CurationLog&&) noexcept = default;
CurationLog& CurationLog::operator=(CurationLog&&) noexcept = default;

Result<CurationLog> CurationLog::open(const std::string& workspaceDirectory) {
    std::error_code error;
    fs::create_directories(workspaceDirectory, error);
    if (error) {
        return makeError(workspaceDirectory + ": cannot create the workspace directory: " + error.message());
    }
    const std::string path = (fs::path(workspaceDirectory) / kCurationDatabaseFile).string();
    CurationLog log;
    CURATOR_TRY(log.m_database, SqliteDatabase::open(path));
    log.m_workspaceDirectory = workspaceDirectory;
    CURATOR_TRY_STATUS(curationdetail::prepareSchema(log.m_database));
    return log;
}

} // namespace curator
