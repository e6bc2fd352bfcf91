#pragma once

#include "models/taxonomymodel.h"

#include <QDockWidget>
#include <QThreadPool>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace curator::ui {

// The taxonomy (the workspace's classes.json, else the built-in one) with the number of committed images
// per attribute, so gaps show at a glance. refresh() recomputes the coverage on a worker (newest request
// wins); activating an attribute asks for a search of it.
class TaxonomyDock : public QDockWidget {
    Q_OBJECT
public:
    explicit TaxonomyDock(const QString& workspaceDirectory, QWidget* parent = nullptr);
    ~TaxonomyDock() override;

    // The branch counted (empty: the checked-out branch). Takes effect at the next refresh().
    void setBranch(const QString& branch);
    QString branch() const { return m_branch; }
    void refresh();

    TaxonomyModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    void setFilterText(const QString& text);

Q_SIGNALS:
    // The attribute's name with underscores as spaces ("motion blur"), ready for the search bar.
    void searchRequested(const QString& text);
    void refreshed();
    void failed(const QString& message);

private:
    void showCoverage(const TaxonomyCoverage& coverage);

    QString m_workspaceDirectory;
    QString m_branch;
    TaxonomyModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTreeView* m_view;
    QLabel* m_summary;
    QThreadPool m_pool;
    quint64 m_generation = 0;
};

} // namespace curator::ui
