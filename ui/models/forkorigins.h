#pragma once

#include <QHash>
#include <QMetaType>
#include <QString>

namespace curator::ui {

// Where an agent run's branch was forked from (core forkOriginOf on the run's transcript), read by the
// LogBridge with the graph and marked by the commit graph.
struct BranchForkOrigin {
    QString fromRunId;
    QString fromBranch; // agent/<fromRunId>
    int turn = 0;
};
using BranchForkOrigins = QHash<QString, BranchForkOrigin>; // by the fork's branch, agent/<run id>

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::ui::BranchForkOrigins)
