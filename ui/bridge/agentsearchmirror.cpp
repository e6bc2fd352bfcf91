#include "bridge/agentsearchmirror.h"

#include "curation/searchrecord.h"

#include <nlohmann/json.hpp>

namespace curator::ui {

std::optional<MirroredSearch> mirroredSearch(const QByteArray& toolResultEvent, QString* error) {
    const auto event = nlohmann::json::parse(
        toolResultEvent.constData(), toolResultEvent.constData() + toolResultEvent.size(), nullptr, false);
    if (!event.is_object() || event.value("name", std::string()) != "search" || !event.value("ok", false) ||
        !event.contains("data")) {
        return std::nullopt;
    }
    auto record = parseSearchRecord(event["data"]);
    if (!record) {
        if (error) {
            *error = QString::fromStdString(record.error());
        }
        return std::nullopt;
    }
    MirroredSearch mirrored;
    SearchRequestValues& request = mirrored.request;
    request.query = QString::fromStdString(record->query);
    for (const auto& negative : record->negatives) {
        request.negatives << QString::fromStdString(negative);
    }
    request.negativeThreshold = record->negativeThreshold;
    for (const auto& source : record->sources) {
        request.sources << QString::fromStdString(source);
    }
    request.topK = static_cast<int>(record->results.size());
    SearchSnapshot& snapshot = mirrored.snapshot;
    snapshot.query = request.query;
    snapshot.scanned = record->scanned;
    snapshot.masked = record->masked;
    snapshot.distribution = record->distribution;
    for (const auto& row : record->results) {
        snapshot.rows.push_back({QString::fromStdString(row.id), QString::fromStdString(row.source),
                                 QString::fromStdString(row.path), QString::fromStdString(row.caption),
                                 static_cast<float>(row.similarity), false});
    }
    return mirrored;
}

} // namespace curator::ui
