#pragma once

#include "bridge/searchbridge.h"

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

} // namespace curator::ui
