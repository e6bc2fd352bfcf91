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

std::optional<MirroredSearch> mirroredCall(const QByteArray& toolResultEvent, const QByteArray& searchEvent,
                                           QString* error) {
    const auto event = nlohmann::json::parse(
        toolResultEvent.constData(), toolResultEvent.constData() + toolResultEvent.size(), nullptr, false);
    if (!event.is_object() || !event.value("ok", false) || !event.contains("data") ||
        !event["data"].is_object()) {
        return std::nullopt;
    }
    const std::string tool = event.value("name", std::string());
    if (tool == "search") {
        return mirroredSearch(toolResultEvent, error);
    }
    const nlohmann::json& data = event["data"];
    const char* rowsField =
        tool == "aesthetics_rate" ? (data.contains("grid") ? "grid" : "scores") : "results";
    if (!data.contains(rowsField) || !data[rowsField].is_array() || data[rowsField].empty()) {
        return std::nullopt;
    }
    MirroredSearch mirrored;
    // A sample's query; a sample of commits or a rating has none of its own: the search before gives it.
    std::optional<MirroredSearch> search;
    if (!searchEvent.isEmpty()) {
        search = mirroredSearch(searchEvent);
    }
    if (search) {
        mirrored.request = search->request;
        mirrored.snapshot.distribution = search->snapshot.distribution;
        mirrored.snapshot.scanned = search->snapshot.scanned;
        mirrored.snapshot.masked = search->snapshot.masked;
    }
    if (data.contains("query") && data["query"].is_string()) {
        mirrored.request.query = QString::fromStdString(data["query"].get<std::string>());
    }
    const auto text = [](const nlohmann::json& row, const char* name) {
        return QString::fromStdString(
            row.contains(name) && row[name].is_string() ? row[name].get<std::string>() : std::string());
    };
    for (const auto& row : data[rowsField]) {
        if (!row.is_object()) {
            continue;
        }
        const double similarity = row.contains("similarity") && row["similarity"].is_number()
                                      ? row["similarity"].get<double>()
                                      : 0.0;
        mirrored.snapshot.rows.push_back({text(row, "id"), text(row, "source"), text(row, "path"),
                                          text(row, "caption"), static_cast<float>(similarity), false});
    }
    mirrored.request.topK = static_cast<int>(mirrored.snapshot.rows.size());
    mirrored.snapshot.query = mirrored.request.query;
    return mirrored;
}

std::optional<ScoreHistogram> mirroredRating(const QByteArray& toolResultEvent) {
    const auto event = nlohmann::json::parse(
        toolResultEvent.constData(), toolResultEvent.constData() + toolResultEvent.size(), nullptr, false);
    if (!event.is_object() || event.value("name", std::string()) != "aesthetics_rate" ||
        !event.value("ok", false) || !event.contains("data") || !event["data"].is_object()) {
        return std::nullopt;
    }
    const nlohmann::json& data = event["data"];
    if (!data.contains("edges") || !data["edges"].is_array() || !data.contains("counts") ||
        !data["counts"].is_array() || data["edges"].size() != data["counts"].size() + 1) {
        return std::nullopt;
    }
    ScoreHistogram histogram;
    for (const auto& edge : data["edges"]) {
        histogram.edges.push_back(edge.is_number() ? edge.get<double>() : 0.0);
    }
    for (const auto& count : data["counts"]) {
        const size_t value = count.is_number_unsigned() ? count.get<size_t>() : 0;
        histogram.counts.push_back(value);
        histogram.count += value;
    }
    const auto number = [&](const char* name) {
        return data.contains(name) && data[name].is_number() ? data[name].get<double>() : 0.0;
    };
    histogram.mean = number("mean");
    histogram.median = number("median");
    histogram.minimum = number("minimum");
    histogram.maximum = number("maximum");
    return histogram;
}

} // namespace curator::ui
