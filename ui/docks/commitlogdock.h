#pragma once

#include <QDockWidget>

class QTreeView;

namespace curator::ui {

class CommitLogModel;
class LogBridge;

// The curation log's commits, newest first, undone ones greyed.
class CommitLogDock : public QDockWidget {
    Q_OBJECT
public:
    CommitLogDock(CommitLogModel* model, LogBridge* bridge, QWidget* parent = nullptr);

private:
    QTreeView* m_view;
};

} // namespace curator::ui
