#include "models/runlistmodel.h"

#include <QLocale>

namespace curator::ui {

RunListModel::RunListModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void RunListModel::setRuns(std::vector<RunSummary> runs) {
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

void RunListModel::setLiveRun(const QString& runId) {
    if (runId == m_liveRun) {
        return;
    }
    m_liveRun = runId;
    if (!m_runs.empty()) {
        Q_EMIT dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn));
    }
}

const RunSummary* RunListModel::runAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_runs[static_cast<size_t>(row)] : nullptr;
}

int RunListModel::rowOf(const QString& runId) const {
    for (size_t i = 0; i < m_runs.size(); ++i) {
        if (QString::fromStdString(m_runs[i].runId) == runId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunListModel::stateOf(const RunSummary& run) const {
    if (!m_liveRun.isEmpty() && QString::fromStdString(run.runId) == m_liveRun) {
        return QStringLiteral("running");
    }
    return QString::fromStdString(run.state);
}

QString RunListModel::stateText(const RunSummary& run) const {
    const QString state = stateOf(run);
    if (state == QLatin1String("running")) {
        return tr("running");
    }
    if (state == QLatin1String("finished")) {
        return run.finishReason.empty() ? tr("finished")
                                        : tr("finished (%1)").arg(QString::fromStdString(run.finishReason));
    }
    if (state == QLatin1String("interrupted")) {
        return tr("interrupted (resumable)");
    }
    if (state == QLatin1String("live")) {
        return tr("live elsewhere");
    }
    return tr("unreadable");
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    const RunSummary* run = runAt(index.row());
    if (run == nullptr) {
        return {};
    }
    switch (role) {
    case RunIdRole:
        return QString::fromStdString(run->runId);
    case BranchRole:
        return QString::fromStdString(run->branch);
    case BranchStateRole:
        return QString::fromStdString(run->branchState);
    case StateRole:
        return stateOf(*run);
    case ForkedFromRole:
        return QString::fromStdString(run->forkedFrom);
    case ForkedTurnRole:
        return run->forkedTurn;
    case Qt::ToolTipRole: {
        if (!run->error.empty()) {
            return QString::fromStdString(run->error);
        }
        QString tip =
            tr("Run %1: %2").arg(QString::fromStdString(run->runId), QString::fromStdString(run->theme));
        if (stateOf(*run) == QLatin1String("live")) {
            tip += QLatin1Char('\n') +
                   tr("running in another process (e.g. curator-cli mcp): Supervise follows it");
        }
        if (!run->forkedFrom.empty()) {
            tip += QLatin1Char('\n') + tr("forked from %1 at turn %2")
                                           .arg(QString::fromStdString(run->forkedFrom))
                                           .arg(run->forkedTurn);
        }
        return tip;
    }
    case Qt::TextAlignmentRole:
        return index.column() == AddedColumn || index.column() == TokensColumn
                   ? QVariant(static_cast<int>(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case ThemeColumn:
        return QString::fromStdString(run->theme);
    case StateColumn:
        return stateText(*run);
    case BranchColumn:
        return run->branchState.empty() || run->branchState == "open"
                   ? QString::fromStdString(run->branch)
                   : tr("%1 (%2)").arg(QString::fromStdString(run->branch),
                                       QString::fromStdString(run->branchState));
    case AddedColumn:
        return run->addedImages < 0 ? QStringLiteral("\u2013") : locale.toString(qlonglong(run->addedImages));
    case TokensColumn:
        return run->totalTokens == 0 ? QStringLiteral("\u2013")
                                     : locale.toString(qlonglong(run->totalTokens));
    case ForkColumn:
        return run->forkedFrom.empty()
                   ? QString()
                   : tr("%1 at turn %2").arg(QString::fromStdString(run->forkedFrom)).arg(run->forkedTurn);
    default:
        return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ThemeColumn:
        return tr("Theme");
    case StateColumn:
        return tr("State");
    case BranchColumn:
        return tr("Branch");
    case AddedColumn:
        return tr("Added");
    case TokensColumn:
        return tr("Tokens");
    case ForkColumn:
        return tr("Forked from");
    default:
        return {};
    }
}

} // namespace curator::ui
