#include "curation/searchrecord.h"

namespace curator {

using nlohmann::json;

json searchRecordJson(const SearchRecord& record) {
    json results = json::array();
    for (const auto& row : record.results) {
        results.push_back({{"source", row.source},
                           {"id", row.id},
                           {"path", row.path},
                           {"caption", row.caption},
                           {"similarity", row.similarity}});
    }
    return {{"query", record.query},
            {"negative_prompts", record.negatives},
            {"negative_threshold", record.negativeThreshold},
            {"sources", record.sources},
            {"scanned", record.scanned},
            {"unmasked", record.unmasked},
            {"masked", record.masked},
            {"results", results},
            {"distribution",
             {{"minimum", record.distribution.minimum},
              {"maximum", record.distribution.maximum},
              {"counts", record.distribution.counts}}}};
}

namespace {

// Reads `data[key]` as T, naming the field when it is missing or of another type.
template <typename T>
Status readField(const json& data, const char* key, T& out) {
    const auto found = data.find(key);
    if (found == data.end()) {
        return makeError(std::string("search record: missing field '") + key + "'");
    }
    try {
        out = found->get<T>();
    } catch (const json::exception&) {
        return makeError(std::string("search record: field '") + key + "' has the wrong type (" +
                         found->type_name() + ")");
    }
    return {};
}

} // namespace

Result<SearchRecord> parseSearchRecord(const json& data) {
    if (!data.is_object()) {
        return makeError("search record: expected an object");
    }
    SearchRecord record;
    for (Status status :
         {readField(data, "query", record.query), readField(data, "negative_prompts", record.negatives),
          readField(data, "negative_threshold", record.negativeThreshold),
          readField(data, "sources", record.sources), readField(data, "scanned", record.scanned),
          readField(data, "unmasked", record.unmasked), readField(data, "masked", record.masked)}) {
        if (!status) {
            return status.takeError();
        }
    }
    json results;
    if (auto status = readField(data, "results", results); !status || !results.is_array()) {
        return makeError("search record: field 'results' must be an array");
    }
    for (const auto& item : results) {
        DescribedRow row;
        for (Status status : {readField(item, "source", row.source), readField(item, "id", row.id),
                              readField(item, "similarity", row.similarity)}) {
            if (!status) {
                return status.takeError();
            }
        }
        row.path = item.value("path", std::string());
        row.caption = item.value("caption", std::string());
        record.results.push_back(std::move(row));
    }
    json distribution;
    if (auto status = readField(data, "distribution", distribution); !status || !distribution.is_object()) {
        return makeError("search record: field 'distribution' must be an object");
    }
    for (Status status : {readField(distribution, "minimum", record.distribution.minimum),
                          readField(distribution, "maximum", record.distribution.maximum),
                          readField(distribution, "counts", record.distribution.counts)}) {
        if (!status) {
            return status.takeError();
        }
    }
    record.distribution.masked = record.masked;
    record.distribution.scanned = record.scanned;
    return record;
}

} // namespace curator
