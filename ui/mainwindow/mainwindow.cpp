#include "mainwindow/mainwindow.h"

#include "bridge/agentbridge.h"
#include "bridge/logbridge.h"
#include "bridge/searchbridge.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/histogramdock.h"
#include "docks/searchdock.h"
#include "models/commitlogmodel.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"
#include "store/embeddingstore.h"
#include "widgets/resultdelegate.h"

#include <QCloseEvent>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QStatusBar>

namespace curator::ui {

namespace {
constexpr int kThumbnailSide = 150;
}

MainWindow::MainWindow(const QString& workspaceDirectory, QWidget* parent)
    : QMainWindow(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_searchBridge(new SearchBridge(workspaceDirectory, this))
    , m_logBridge(new LogBridge(workspaceDirectory, this))
    , m_thumbnails(new ThumbnailCache(kThumbnailSide, this))
    , m_resultsModel(new SearchResultsModel(workspaceDirectory, m_thumbnails, this))
    , m_commitLogModel(new CommitLogModel(this))
    , m_resultsView(new QListView)
    , m_searchDock(new SearchDock(this))
    , m_agentBridge(new AgentBridge(workspaceDirectory, this))
    , m_agentDock(new AgentDock(m_agentBridge, this))
    , m_histogramDock(new HistogramDock(m_searchBridge, this))
    , m_statusWorkspace(new QLabel)
    , m_statusDataset(new QLabel) {
    setWindowTitle(tr("Wide-Spectrum Curator - %1").arg(workspaceDirectory));

    // A virtualised grid: uniform tiles, batched layout, decoration loaded lazily by the model.
    m_resultsView->setViewMode(QListView::IconMode);
    m_resultsView->setResizeMode(QListView::Adjust);
    m_resultsView->setMovement(QListView::Static);
    m_resultsView->setUniformItemSizes(true);
    m_resultsView->setLayoutMode(QListView::Batched);
    m_resultsView->setBatchSize(200);
    m_resultsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_resultsView->setItemDelegate(new ResultDelegate(kThumbnailSide, m_resultsView));
    m_resultsView->setModel(m_resultsModel);
    setCentralWidget(m_resultsView);

    addDockWidget(Qt::LeftDockWidgetArea, m_searchDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_histogramDock);
    addDockWidget(Qt::RightDockWidgetArea, m_agentDock);
    addDockWidget(Qt::RightDockWidgetArea, new CommitLogDock(m_commitLogModel, m_logBridge, this));
    connect(m_agentDock, &AgentDock::commitMade, m_logBridge, &LogBridge::refresh);
    connect(m_agentDock, &AgentDock::runFinished, m_logBridge, &LogBridge::refresh);

    statusBar()->addWidget(m_statusWorkspace);
    statusBar()->addPermanentWidget(m_statusDataset);

    connect(m_searchDock, &SearchDock::searchRequested, m_searchBridge,
            [this](const SearchRequestValues& request) {
                if (request.query.isEmpty()) {
                    m_searchDock->showMessage(tr("Type a query first."));
                    return;
                }
                m_searchDock->showMessage(tr("Searching ..."));
                m_searchBridge->search(request);
            });
    connect(m_searchBridge, &SearchBridge::resultsReady, this, [this](const SearchSnapshot& snapshot) {
        m_resultsModel->setSnapshot(snapshot);
        m_histogramDock->setSnapshot(snapshot);
        QString message = tr("%1 results of %2 images (%3 masked by negatives)")
                              .arg(snapshot.rows.size())
                              .arg(snapshot.scanned)
                              .arg(snapshot.masked);
        if (!snapshot.warnings.isEmpty()) {
            message += QLatin1Char('\n') + snapshot.warnings.join(QLatin1Char('\n'));
        }
        m_searchDock->showMessage(message);
        Q_EMIT resultsShown();
    });
    connect(m_searchBridge, &SearchBridge::committed, this,
            [this](const QString& id, qulonglong selected, qulonglong added) {
                statusBar()->showMessage(
                    tr("committed %1: %2 images, %3 new to the dataset").arg(id).arg(selected).arg(added),
                    10000);
                m_logBridge->refresh();
            });
    connect(m_logBridge, &LogBridge::undone, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_searchBridge, &SearchBridge::failed, this, [this](const QString& message) {
        m_searchDock->showMessage(tr("Search failed: %1").arg(message));
    });
    connect(m_logBridge, &LogBridge::graphReady, this,
            [this](std::shared_ptr<const CommitGraph> graph, std::shared_ptr<const StatusReport> status) {
                m_commitLogModel->setGraph(std::move(graph));
                m_statusDataset->setText(tr("branch %1 | dataset: %2 images in %3 live commits")
                                             .arg(QString::fromStdString(status->branch))
                                             .arg(status->distinctImages)
                                             .arg(status->liveCommits.size()));
            });

    // Sources and model for the search dock and the status bar: reading meta.json files is instant.
    auto store = EmbeddingStore::open(workspaceDirectory.toStdString());
    QStringList sources;
    QString models;
    size_t rows = 0;
    if (store) {
        for (const auto& matrix : store->matrices()) {
            sources << QString::fromStdString(matrix->source());
            rows += matrix->rows();
        }
        for (const auto& model : store->models()) {
            models += (models.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(model);
        }
    }
    m_searchDock->setSources(sources);
    m_statusWorkspace->setText(tr("workspace %1 | %2 images | model %3")
                                   .arg(workspaceDirectory)
                                   .arg(rows)
                                   .arg(models.isEmpty() ? tr("none") : models));
    m_logBridge->refresh();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::search(const QString& query, const QStringList& negatives) {
    m_searchDock->setQuery(query, negatives);
    Q_EMIT m_searchDock->searchRequested(m_searchDock->request());
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(1400, 900);
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace curator::ui
