#pragma once

#include "bridge/searchbridge.h"
#include "rating/aestheticsrate.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace curator::ui {

// The agent's search as the window shows it: the query the tool ran (after its coercion and aliases)
// and the rows and distribution the agent was given.
struct MirroredSearch {
    SearchRequestValues request;
    SearchSnapshot snapshot;
};

// Reads a successful search tool's result event. Anything else (another tool, a failed call, a result
// without the search record) gives nothing; a malformed record gives nothing and sets `error`.
std::optional<MirroredSearch> mirroredSearch(const QByteArray& toolResultEvent, QString* error = nullptr);

// Any call whose result holds images the agent was shown, for the grid: a search as above; a sample, a
// sample of the committed images or a rating's images as rows (a rating's rows carry no similarity), with
// the distribution of `searchEvent` (the search before with the same query, may be empty) so that the
// histogram shows where a sample's band lies. Nothing for calls without images or that failed.
std::optional<MirroredSearch> mirroredCall(const QByteArray& toolResultEvent, const QByteArray& searchEvent,
                                           QString* error = nullptr);

// An aesthetics_rate result's histogram (the scorer's fixed bins, the counts, mean, median, range), as the
// score dock draws a rated batch; nothing for other calls.
std::optional<ScoreHistogram> mirroredRating(const QByteArray& toolResultEvent);

} // namespace curator::ui
