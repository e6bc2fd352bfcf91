#include "docks/commitlogdock.h"

#include "models/commitlogmodel.h"

#include <QHeaderView>
#include <QTreeView>

namespace curator::ui {

CommitLogDock::CommitLogDock(CommitLogModel* model, QWidget* parent)
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
    setWidget(m_view);
}

} // namespace curator::ui
