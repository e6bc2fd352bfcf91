#include "docks/commitlogdock.h"

#include "bridge/logbridge.h"
#include "models/commitlogmodel.h"

#include <QMenu>

#include <QHeaderView>
#include <QTreeView>

namespace curator::ui {

CommitLogDock::CommitLogDock(CommitLogModel* model, LogBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Commits"), parent)
    , m_view(new QTreeView) {
    setObjectName(QStringLiteral("CommitLogDock"));
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        for (int column = 0; column < m_view->model()->columnCount() - 1; ++column) {
            m_view->resizeColumnToContents(column);
        }
    });
    // Undo (a recorded revert; on a revert it is a redo) from the commit's context menu.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, bridge](const QPoint& position) {
        const QModelIndex index = m_view->indexAt(position);
        if (!index.isValid()) {
            return;
        }
        const QString id = index.data(CommitLogModel::FullIdRole).toString();
        QMenu menu;
        menu.addAction(tr("Undo %1").arg(id.left(8)), bridge, [bridge, id] { bridge->undo(id); });
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });
    setWidget(m_view);
}

} // namespace curator::ui
