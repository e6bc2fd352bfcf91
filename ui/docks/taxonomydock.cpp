#include "docks/taxonomydock.h"

#include "common/threadhandoff.h"

#include "dataset/curationlog.h"
#include "taxonomy/taxonomy.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace curator::ui {

TaxonomyDock::TaxonomyDock(const QString& workspaceDirectory, QWidget* parent)
    : QDockWidget(tr("Taxonomy"), parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_model(new TaxonomyModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_view(new QTreeView)
    , m_summary(new QLabel(tr("Counting committed images per attribute..."))) {
    setObjectName(QStringLiteral("TaxonomyDock"));
    m_pool.setMaxThreadCount(1);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true); // a matching attribute keeps its category and group
    m_proxy->setAutoAcceptChildRows(true);       // a matching category shows all its attributes
    m_proxy->setFilterKeyColumn(TaxonomyModel::NameColumn);

    m_filter->setPlaceholderText(tr("Filter attributes"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &TaxonomyDock::setFilterText);
    auto* refreshButton = new QToolButton;
    refreshButton->setText(tr("Refresh"));
    connect(refreshButton, &QToolButton::clicked, this, &TaxonomyDock::refresh);

    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder); // the file's order until a header is clicked
    m_view->setSortingEnabled(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(TaxonomyModel::NameColumn, QHeaderView::Stretch);
    for (int column = TaxonomyModel::ImagesColumn; column < TaxonomyModel::ColumnCount; ++column) {
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_view->setToolTip(tr("Double-click or press Enter on an attribute to search for it"));
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& proxyIndex) {
        const QModelIndex index = m_proxy->mapToSource(proxyIndex);
        const QString text = m_model->data(index, TaxonomyModel::SearchTextRole).toString();
        if (!text.isEmpty()) {
            Q_EMIT searchRequested(text);
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, m_view, [this] { m_view->expandToDepth(0); });

    m_summary->setWordWrap(true);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(refreshButton);
    auto* layout = new QVBoxLayout;
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    auto* content = new QWidget;
    content->setLayout(layout);
    setWidget(content);
}

TaxonomyDock::~TaxonomyDock() {
    m_pool.clear();
    m_pool.waitForDone();
}

void TaxonomyDock::setBranch(const QString& branch) {
    m_branch = branch;
}

void TaxonomyDock::setFilterText(const QString& text) {
    if (m_filter->text() != text) {
        m_filter->setText(text); // comes back here through textChanged
        return;
    }
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty()) {
        m_view->expandAll();
    }
}

void TaxonomyDock::refresh() {
    const quint64 generation = ++m_generation;
    m_pool.clear();
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string branch = m_branch.toStdString();
    runOnPool(m_pool, [this, generation, workspace, branch] {
        auto deliver = [this, generation](auto function) {
            postTo(this, [this, generation, function] {
                if (generation == m_generation) {
                    function();
                }
            });
        };
        auto fail = [this, deliver](const std::string& message) {
            deliver([this, message] {
                m_summary->setText(tr("Coverage failed: %1").arg(QString::fromStdString(message)));
                Q_EMIT failed(QString::fromStdString(message));
            });
        };
        auto taxonomy = settingsTaxonomy(workspace);
        if (!taxonomy) {
            return fail(taxonomy.error());
        }
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto coverage = taxonomyCoverage(*taxonomy, *log, branch);
        if (!coverage) {
            return fail(coverage.error());
        }
        deliver([this, result = std::move(*coverage)] { showCoverage(result); });
    });
}

void TaxonomyDock::showCoverage(const TaxonomyCoverage& coverage) {
    m_model->setCoverage(coverage);
    size_t covered = 0;
    for (const auto& attribute : coverage.attributes) {
        covered += attribute.count.images > 0 ? 1 : 0;
    }
    QString text = tr("%1: %n image(s) in the dataset", nullptr, static_cast<int>(coverage.datasetImages))
                       .arg(QString::fromStdString(coverage.branch));
    text += QStringLiteral("; ") +
            tr("%1 of %2 attributes have images").arg(covered).arg(coverage.attributes.size());
    if (coverage.unmatched.commits > 0) {
        QStringList labels;
        for (const auto& label : coverage.unmatchedLabels) {
            labels << QString::fromStdString(label);
        }
        text += QStringLiteral("; ") +
                tr("%n image(s) from commits naming no attribute", nullptr,
                   static_cast<int>(coverage.unmatched.images)) +
                QStringLiteral(" (") + labels.join(QStringLiteral(", ")) + QStringLiteral(")");
    }
    m_summary->setText(text);
    Q_EMIT refreshed();
}

} // namespace curator::ui
