#include "store/idsfile.h"

#include "common/fileutil.h"
#include "common/jsonguard.h"
#include "common/nametext.h"

#include <nlohmann/json.hpp>

#include <unordered_map>

namespace curator {

static std::string lineLabel(const std::string& path, size_t line) {
    return path + ":" + std::to_string(line);
}

Result<std::vector<RowIdentity>> readIdsFile(const std::string& path) {
    const std::string extension = lowercaseExtension(path);
    const bool jsonLines = extension == ".jsonl" || extension == ".ndjson";
    if (!jsonLines && extension != ".txt" && !extension.empty()) {
        return makeError(path + ": unsupported ids file type '" + extension + "': expected .txt or .jsonl");
    }
    auto contents = readWholeFile(path, kMaxIdsFileBytes);
    if (!contents) {
        return contents.takeError();
    }
    std::vector<RowIdentity> rows;
    std::unordered_map<std::string, size_t> firstLine;
    const std::string& text = *contents;
    size_t position = 0;
    size_t lineNumber = 0;
    while (position < text.size()) {
        size_t end = text.find('\n', position);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(position, end - position);
        position = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            return makeError(lineLabel(path, lineNumber) + ": empty line: expected one id per line");
        }
        RowIdentity row;
        if (jsonLines) {
            CURATOR_TRY_STATUS(checkJsonDepth(line, lineLabel(path, lineNumber)));
            nlohmann::json object;
            try {
                object = nlohmann::json::parse(line);
            } catch (const std::exception& e) {
                return makeError(lineLabel(path, lineNumber) + ": invalid JSON: " + e.what());
            }
            if (!object.is_object() || !object.contains("id")) {
                return makeError(lineLabel(path, lineNumber) + ": expected an object with an \"id\" field");
            }
            const auto& id = object["id"];
            if (id.is_string()) {
                row.id = id.get<std::string>();
            } else if (id.is_number_integer()) {
                row.id = id.dump();
            } else {
                return makeError(lineLabel(path, lineNumber) +
                                 ": field \"id\" must be a string or an integer");
            }
            for (const char* field : {"path", "caption"}) {
                if (object.contains(field) && !object[field].is_null()) {
                    if (!object[field].is_string()) {
                        return makeError(lineLabel(path, lineNumber) + ": field \"" + field +
                                         "\" must be a string");
                    }
                    (field[0] == 'p' ? row.path : row.caption) = object[field].get<std::string>();
                }
            }
            for (const char* field : {"file_size", "file_mtime"}) {
                if (object.contains(field) && object[field].is_number_integer()) {
                    (field[5] == 's' ? row.fileSize : row.fileModified) = object[field].get<int64_t>();
                }
            }
            if (row.id.empty()) {
                return makeError(lineLabel(path, lineNumber) + ": field \"id\" is empty");
            }
        } else {
            row.id = line;
        }
        // Ids end up in JSON and in one-line messages: only clean text is accepted, in either format.
        if (!isCleanText(row.id)) {
            return makeError(lineLabel(path, lineNumber) + ": id '" + escapedText(row.id) + "' " +
                             uncleanReason(row.id) + ": ids must be UTF-8 text without control characters");
        }
        const auto [it, inserted] = firstLine.emplace(row.id, lineNumber);
        if (!inserted) {
            return makeError(lineLabel(path, lineNumber) + ": duplicate id '" + row.id + "' (first on line " +
                             std::to_string(it->second) + ")");
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        return makeError(path + ": holds no ids");
    }
    return rows;
}

} // namespace curator
