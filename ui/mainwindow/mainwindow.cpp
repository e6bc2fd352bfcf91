#include "mainwindow/mainwindow.h"

#include "agent/agentevents.h"
#include "bridge/agentbridge.h"
#include "bridge/agentsearchmirror.h"
#include "bridge/logbridge.h"
#include "bridge/previewbridge.h"
#include "bridge/ratingbridge.h"
#include "bridge/searchbridge.h"
#include "bridge/secretstore.h"
#include "bridge/workspacejobs.h"
#include "bridge/workspacewatcher.h"
#include "common/threadhandoff.h"
#include "common/urlredaction.h"
#include "curation/examplethemes.h"
#include "dialogs/datasetqualitywindow.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/shortcutsdialog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/histogramdock.h"
#include "docks/previewdock.h"
#include "docks/runsdock.h"
#include "docks/scoredock.h"
#include "docks/searchdock.h"
#include "docks/taxonomydock.h"
#include "mainwindow/docklayout.h"
#include "mainwindow/shortcutregistry.h"
#include "mainwindow/windowcommands.h"
#include "models/commitlogmodel.h"
#include "models/embedder.h"
#include "models/imagesize.h"
#include "models/searchresultsmodel.h"
#include "models/thumbnailcache.h"
#include "store/embeddingstore.h"
#include "store/workspacesettings.h"
#include "widgets/emptystatepage.h"
#include "widgets/jobstatuswidget.h"
#include "widgets/previewdialog.h"
#include "widgets/resultsview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace curator::ui {

namespace {
constexpr int kThumbnailSide = 150;
// saveState()'s version: a state saved by a release with other docks is ignored, not half-applied.
constexpr int kLayoutVersion = 3; // 3: the Runs dock
} // namespace

MainWindow::MainWindow(const QString& workspaceDirectory, QWidget* parent)
    : QMainWindow(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_searchBridge(new SearchBridge(workspaceDirectory, this))
    , m_logBridge(new LogBridge(workspaceDirectory, this))
    , m_thumbnails(new ThumbnailCache(kThumbnailSide, this))
    , m_resultsModel(new SearchResultsModel(workspaceDirectory, m_thumbnails, this))
    , m_commitLogModel(new CommitLogModel(this))
    , m_shortcuts(new ShortcutRegistry(this))
    , m_resultsView(new ResultsView(m_resultsModel, m_shortcuts, kThumbnailSide))
    , m_preview(
          new PreviewDialog(m_resultsModel, new PreviewBridge(workspaceDirectory, this), m_shortcuts, this))
    , m_searchDock(new SearchDock(this))
    , m_agentBridge(new AgentBridge(workspaceDirectory, this))
    , m_agentDock(new AgentDock(m_agentBridge, this))
    , m_histogramDock(new HistogramDock(m_searchBridge, this))
    , m_ratingBridge(new RatingBridge(workspaceDirectory, this))
    , m_scoreDock(new ScoreDock(m_ratingBridge, this))
    , m_taxonomyDock(new TaxonomyDock(workspaceDirectory, this))
    , m_commitDock(new CommitLogDock(m_commitLogModel, m_logBridge, m_thumbnails, this))
    , m_previewDock(new PreviewDock(m_resultsModel, new PreviewBridge(workspaceDirectory, this), this))
    , m_runsDock(new RunsDock(m_agentBridge, m_logBridge, workspaceDirectory, this))
    , m_jobs(new JobRunner(this))
    , m_watcher(new WorkspaceWatcher(workspaceDirectory, WorkspaceWatcher::kDefaultIntervalMs, this))
    , m_secrets(new SecretStore(this))
    , m_central(new QStackedWidget)
    , m_emptyState(new EmptyStatePage)
    , m_statusWorkspace(new QLabel)
    , m_statusBackends(new QLabel)
    , m_statusDataset(new QLabel) {
    setWindowTitle(tr("Wide-Spectrum Curator - %1").arg(workspaceDirectory));

    arrangeDocks();

    connectReviewAndAgent();
    statusBar()->addWidget(m_statusWorkspace);
    statusBar()->addWidget(new JobStatusWidget(m_jobs, this));
    statusBar()->addPermanentWidget(m_statusBackends);
    statusBar()->addPermanentWidget(m_statusDataset);

    connectSearch();
    connectLogAndJobs();

    registerReviewCommands(*m_shortcuts);
    m_shortcuts->registerCommand(QString::fromLatin1(command::FocusSearch), tr("Go to the search bar"),
                                 {QKeySequence(Qt::CTRL | Qt::Key_F)});
    m_shortcuts->registerCommand(QString::fromLatin1(command::CommitAccepted),
                                 tr("Commit accepted images..."),
                                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    m_shortcuts->registerCommand(QString::fromLatin1(command::Settings), tr("Settings..."),
                                 {QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    m_shortcuts->registerCommand(QString::fromLatin1(command::RefreshLog), tr("Reload the commit log"),
                                 {QKeySequence(Qt::Key_F5)});
    createMenus();
    offerExampleThemes();
    readWorkspaceSummary();
    m_logBridge->refresh();
    restoreLayout();
    // Another process's commits and runs (curator-cli mcp, curator-cli commit) reach the docks through the
    // refreshes this window's own changes take.
    connect(m_watcher, &WorkspaceWatcher::logChanged, m_logBridge, &LogBridge::refresh);
    connect(m_watcher, &WorkspaceWatcher::runsChanged, m_runsDock, &RunsDock::refresh);
    m_watcher->start();
}

MainWindow::~MainWindow() = default;

// Review in the grid, the preview and the status bar; the taxonomy's searches; the agent's run and its
// commits.
void MainWindow::connectReviewAndAgent() {
    // Review: Return (or a double click) previews; the preview and the grid follow each other.
    connect(m_resultsView, &ResultsView::previewRequested, this, [this](const QModelIndex& index) {
        m_preview->showRow(index.row());
        m_preview->show();
        m_preview->raise();
        m_preview->activateWindow();
    });
    connect(m_preview, &PreviewDialog::currentRowChanged, m_resultsView, &ResultsView::setCurrentRow);
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentChanged, m_previewDock,
            [this](const QModelIndex& current) { m_previewDock->showRow(current.row()); });
    auto showReviewCounts = [this] {
        statusBar()->showMessage(
            tr("review: %1 accepted, %2 rejected")
                .arg(m_resultsModel->reviewCount(SearchResultsModel::ReviewMark::Accepted))
                .arg(m_resultsModel->reviewCount(SearchResultsModel::ReviewMark::Rejected)));
    };
    connect(m_resultsModel, &SearchResultsModel::reviewMarksChanged, this, showReviewCounts);
    // New results may bring marks saved earlier: say so at once.
    connect(m_resultsModel, &QAbstractItemModel::modelReset, this, [this, showReviewCounts] {
        if (m_resultsModel->reviewCount(SearchResultsModel::ReviewMark::Accepted) +
                m_resultsModel->reviewCount(SearchResultsModel::ReviewMark::Rejected) >
            0) {
            showReviewCounts();
        }
    });
    // Marks last: saved in the workspace, shown again when the images come back.
    connect(m_resultsModel, &SearchResultsModel::reviewMarksEdited, m_searchBridge,
            &SearchBridge::saveReviewMarks);

    // The taxonomy searches for an attribute; scores and coverage follow every change of the log.
    // The researcher's negatives stay: an attribute replaces the query only.
    connect(m_taxonomyDock, &TaxonomyDock::searchRequested, this,
            [this](const QString& text) { search(text, m_searchDock->request().negatives); });
    connect(m_logBridge, &LogBridge::graphReady, m_ratingBridge, [this] {
        m_ratingBridge->refreshDataset();
        m_taxonomyDock->refresh();
    });
    connect(m_ratingBridge, &RatingBridge::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Rating failed: %1").arg(message), 15000);
    });
    connect(m_agentDock, &AgentDock::commitMade, m_logBridge, &LogBridge::refresh);
    connect(m_runsDock, &RunsDock::resumeRequested, this, [this](const QString& runId) {
        m_agentDock->show();
        m_agentDock->raise();
        m_agentDock->resumeRun(runId);
    });
    // Time travel: a run replayed in the Agent dock; a fork's branch appears in the graph and the list.
    connect(m_runsDock, &RunsDock::replayRequested, this, [this](const QString& runId) {
        m_agentDock->show();
        m_agentDock->raise();
        m_agentDock->replayRun(runId);
    });
    connect(m_runsDock, &RunsDock::followRequested, this, [this](const QString& runId) {
        m_agentDock->show();
        m_agentDock->raise();
        m_agentDock->followRun(runId);
    });
    connect(m_agentDock, &AgentDock::forked, m_logBridge, &LogBridge::refresh);
    connect(m_agentDock, &AgentDock::forked, m_runsDock, &RunsDock::refresh);
    connect(m_agentDock, &AgentDock::forkFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("The fork failed: %1").arg(message), 15000);
    });
    connect(m_agentBridge, &AgentBridge::eventReceived, this, &MainWindow::onAgentEvent);
    connect(
        m_agentDock, &AgentDock::callSelected, this,
        [this](const QByteArray& result, const QByteArray& search) { showAgentCall(result, search, false); });
    connect(
        m_agentDock, &AgentDock::showInGridRequested, this,
        [this](const QByteArray& result, const QByteArray& search) { showAgentCall(result, search, true); });
    // While a run goes on, undoing one of its commits goes through the run: the agent is told.
    m_commitDock->setUndoRouter([this](const QString& commitId, const QString& branch) {
        if (!m_agentBridge->isRunning() || branch != m_agentBranch) {
            return false;
        }
        m_agentBridge->humanUndo(commitId);
        return true;
    });
    connect(m_agentDock, &AgentDock::runFinished, m_logBridge, &LogBridge::refresh);
}

// Searches and band samples from the search dock to the grid, the histogram and the scores; commits.
void MainWindow::connectSearch() {
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
        m_histogramDock->setSnapshot(snapshot);
        m_scoreDock->setBatch(snapshot.rows);
        QString message = tr("%1 results of %2 images (%3 masked by negatives)")
                              .arg(snapshot.rows.size())
                              .arg(snapshot.scanned)
                              .arg(snapshot.masked);
        if (!snapshot.warnings.isEmpty()) {
            message += QLatin1Char('\n') + snapshot.warnings.join(QLatin1Char('\n'));
        }
        showSnapshot(snapshot, message);
    });
    connect(m_searchDock, &SearchDock::bandSampleRequested, m_searchBridge, &SearchBridge::sampleBand);
    connect(m_histogramDock, &HistogramDock::thresholdChanged, m_searchDock, &SearchDock::setBandAround);
    // The grid marks the tiles a threshold commit would take, and shows only a range of bars selected.
    connect(m_histogramDock, &HistogramDock::thresholdChanged, m_resultsModel,
            &SearchResultsModel::setThreshold);
    connect(m_histogramDock, &HistogramDock::rangeSelected, m_resultsView, &ResultsView::setSimilarityRange);
    connect(m_histogramDock, &HistogramDock::rangeCleared, m_resultsView, &ResultsView::clearSimilarityRange);
    connect(m_resultsView, &ResultsView::visibleRowsChanged, this, [this](int visible, int total) {
        if (visible < total) {
            statusBar()->showMessage(
                tr("showing %1 of %2 results (the range selected on the histogram)").arg(visible).arg(total));
        }
    });
    connect(m_histogramDock, &HistogramDock::commitAboveRequested, this, &MainWindow::commitAboveThreshold);
    connect(m_searchBridge, &SearchBridge::bandSampled, this, [this](const BandSample& sample) {
        // A sample is shown like a search's results; the histogram keeps the search's distribution.
        SearchSnapshot snapshot = m_resultsModel->snapshot();
        snapshot.generation = sample.searchGeneration; // a commit of reviewed rows checks it
        snapshot.rows = sample.rows;
        m_scoreDock->setBatch(sample.rows);
        m_histogramDock->setSampledBand(sample.minimum, sample.maximum);
        showSnapshot(snapshot, tr("%1 images drawn from %2 in [%3, %4] (seed %5)")
                                   .arg(sample.rows.size())
                                   .arg(sample.eligible)
                                   .arg(sample.minimum, 0, 'f', 3)
                                   .arg(sample.maximum, 0, 'f', 3)
                                   .arg(sample.seed));
    });
    connect(m_searchBridge, &SearchBridge::committed, this,
            [this](const QString& id, qulonglong selected, qulonglong added, qulonglong excluded) {
                QString message =
                    tr("committed %1: %2 images, %3 new to the dataset").arg(id).arg(selected).arg(added);
                if (excluded > 0) {
                    message +=
                        tr(" (%n image(s) you rejected left out)", nullptr, static_cast<int>(excluded));
                }
                statusBar()->showMessage(message, 10000);
                m_logBridge->refresh();
            });
}

// The commit log's changes and the long jobs' ends.
void MainWindow::connectLogAndJobs() {
    connect(m_logBridge, &LogBridge::logChanged, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
        m_ratingBridge->setBranch({});
        m_taxonomyDock->setBranch({});
        m_preview->reload(); // its provenance names the commits that hold the image
    });
    // The preview's provenance removes the shown image from one commit, or puts it back.
    connect(m_preview, &PreviewDialog::removeFromCommitRequested, m_logBridge,
            [this](const QString& commitId, const QString& source, const QString& name) {
                m_logBridge->removeImages(commitId, {source + QLatin1Char('/') + name});
            });
    connect(m_preview, &PreviewDialog::undoRequested, m_logBridge,
            [this](const QString& revertId) { m_logBridge->undo(revertId); });
    connect(m_logBridge, &LogBridge::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_searchBridge, &SearchBridge::failed, this, [this](const QString& message) {
        m_searchDock->showMessage(tr("Failed: %1").arg(message));
        Q_EMIT searchFailed(message);
    });
    connect(m_logBridge, &LogBridge::forkOriginsReady, m_commitLogModel, &CommitLogModel::setForkOrigins);
    connect(
        m_logBridge, &LogBridge::graphReady, this,
        [this](std::shared_ptr<const CommitGraph> graph, const std::shared_ptr<const StatusReport>& status) {
            m_commitLogModel->setGraph(std::move(graph));
            m_statusDataset->setText(tr("branch %1 | dataset: %2 images in %3 live commits")
                                         .arg(QString::fromStdString(status->branch))
                                         .arg(status->distinctImages)
                                         .arg(status->liveCommits.size()));
        });
    connect(m_jobs, &JobRunner::finished, this, [this](bool ok, const QString& message) {
        if (m_reopenAfterJob) {
            m_reopenAfterJob = false;
            m_searchBridge->reopen();
            readWorkspaceSummary();
        }
        m_logBridge->refresh();
        if (ok) {
            statusBar()->showMessage(message, 15000);
        } else {
            // Not exec(): the window stays live while the user reads it.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Wide-Spectrum Curator"), message,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
}

// The grid's place shows what to do first until the first results; the docks take the default preset
// (restoreLayout() then applies what the user saved).
void MainWindow::arrangeDocks() {
    m_central->addWidget(m_emptyState);
    m_central->addWidget(m_resultsView);
    setCentralWidget(m_central);
    connect(m_emptyState, &EmptyStatePage::runRequested, this, [this](const QString& theme) {
        m_agentDock->show();
        m_agentDock->raise();
        m_agentDock->startRun(theme);
    });
    connect(m_emptyState, &EmptyStatePage::searchRequested, this,
            [this](const QString& query) { search(query); });
    for (QDockWidget* dock : docks()) {
        makeDockScrollable(dock);
    }
    applyLayoutPreset(*this, workstationDocks(), LayoutPreset::SuperviseRun);
}

QList<QDockWidget*> MainWindow::docks() const {
    return {m_searchDock, m_taxonomyDock, m_agentDock,   m_histogramDock,
            m_scoreDock,  m_commitDock,   m_previewDock, m_runsDock};
}

WorkstationDocks MainWindow::workstationDocks() const {
    WorkstationDocks placed;
    placed.search = m_searchDock;
    placed.taxonomy = m_taxonomyDock;
    placed.agent = m_agentDock;
    placed.histogram = m_histogramDock;
    placed.scores = m_scoreDock;
    placed.commits = m_commitDock;
    placed.preview = m_previewDock;
    placed.runs = m_runsDock;
    return placed;
}

void MainWindow::applyPreset(LayoutPreset preset) {
    applyLayoutPreset(*this, workstationDocks(), preset);
}

void MainWindow::resetLayout() {
    QSettings settings;
    settings.remove(QStringLiteral("mainWindow/state"));
    resize(fittingWindowSize(availableScreenArea(), size()));
    applyPreset(LayoutPreset::SuperviseRun);
    statusBar()->showMessage(tr("Layout reset to \"%1\".").arg(layoutPresetName(LayoutPreset::SuperviseRun)),
                             5000);
}

bool MainWindow::fillsTheScreen() const {
    const QRect available = availableScreenArea();
    return available.isValid() && (width() >= available.width() || height() >= available.height());
}

QRect MainWindow::availableScreenArea() const {
    const QScreen* shown = screen() ? screen() : QGuiApplication::primaryScreen();
    return shown ? shown->availableGeometry() : QRect();
}

// The example themes the workspace's embedder can serve: a builtin embedder is asked (locally, on this
// thread: under a millisecond); a remote one is never called for this, so the list is offered unfiltered.
void MainWindow::offerExampleThemes() {
    auto settings = WorkspaceSettings::load(m_workspaceDirectory.toStdString());
    const bool builtin = settings && settings->embedder.rfind("builtin", 0) == 0;
    if (!builtin) {
        QStringList themes;
        for (const std::string& theme : exampleThemeCandidates()) {
            if (themes.size() < 4) {
                themes << QString::fromStdString(theme);
            }
        }
        m_emptyState->setThemes(themes);
        m_searchDock->setSuggestions({});
        return;
    }
    // The builtin embedder's text side is a word list: asking it takes milliseconds, on this thread.
    QStringList themes;
    QStringList phrases;
    if (auto parsed = BackendSpec::parse(settings->embedder)) {
        if (auto embedder = createEmbedder(*parsed)) {
            for (const std::string& theme : exampleThemes(**embedder)) {
                themes << QString::fromStdString(theme);
            }
            for (const std::string& phrase : (*embedder)->knownPhrases()) {
                phrases << QString::fromStdString(phrase);
            }
        }
    }
    m_emptyState->setThemes(themes);
    // Its vocabulary, offered in the search box as the user types.
    m_searchDock->setSuggestions(phrases);
}

void MainWindow::onAgentEvent(const QString& type, const QByteArray& json) {
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    // Scores and coverage follow the run's branch once it holds a commit (a run that fails before its
    // first commit leaves an empty branch, which they must not show); a human change of the log (merge,
    // checkout, ...) brings them back to the checked-out branch.
    if (type == QLatin1String(eventKindName(EventKind::RunStarted))) {
        m_agentBranch = event.value(QStringLiteral("branch")).toString();
        return;
    }
    if (type == QLatin1String(eventKindName(EventKind::RunResumed)) ||
        type == QLatin1String(eventKindName(EventKind::Commit))) {
        if (type == QLatin1String(eventKindName(EventKind::RunResumed))) {
            m_agentBranch = event.value(QStringLiteral("branch")).toString();
        }
        if (m_taxonomyDock->branch() != m_agentBranch) {
            m_ratingBridge->setBranch(m_agentBranch);
            m_taxonomyDock->setBranch(m_agentBranch);
        }
        return;
    }
    if (type == QLatin1String(eventKindName(EventKind::HumanAction)) &&
        event.value(QStringLiteral("action")).toString() ==
            QLatin1String(humanActionName(HumanActionKind::Undo))) {
        m_logBridge->refresh();
        return;
    }
    // The agent's searches show in the grid and the histogram exactly as the agent saw them: the rows
    // and distribution of the tool's result, and the query after the tool's coercion (no second scan).
    if (type != QLatin1String(eventKindName(EventKind::ToolResult))) {
        return;
    }
    QString error;
    const auto mirrored = mirroredSearch(json, &error);
    if (!mirrored) {
        if (!error.isEmpty()) {
            m_searchDock->showMessage(tr("The agent's search cannot be shown: %1").arg(error));
        }
        return;
    }
    m_searchDock->setQuery(mirrored->request.query, mirrored->request.negatives);
    m_searchBridge->adoptSearch(mirrored->request, mirrored->snapshot);
}

void MainWindow::showAgentCall(const QByteArray& resultEvent, const QByteArray& searchEvent, bool intoGrid) {
    // Selecting a rating shows its histogram only; its images reach the grid when asked.
    if (const auto rating = mirroredRating(resultEvent); rating && !intoGrid) {
        m_scoreDock->showAgentRating(
            *rating, tr("The agent's rating of %n image(s)", nullptr, static_cast<int>(rating->count)));
        m_scoreDock->show();
        return;
    }
    QString error;
    const auto mirrored = mirroredCall(resultEvent, searchEvent, &error);
    if (!mirrored) {
        if (!error.isEmpty()) {
            m_searchDock->showMessage(tr("The agent's call cannot be shown: %1").arg(error));
        }
        return;
    }
    m_searchDock->setQuery(mirrored->request.query, mirrored->request.negatives);
    m_searchBridge->adoptSearch(mirrored->request, mirrored->snapshot);
}

void MainWindow::commitAccepted(const QString& message) {
    commitRows(m_resultsModel->acceptedRows(), m_resultsModel->snapshot().generation, message);
}

void MainWindow::commitAboveThreshold(double threshold, quint64 searchGeneration) {
    // What the user saw when asking: a search arriving while the dialog is open must not change it.
    const QVector<SearchResultRow> rejected = m_resultsModel->rejectedRows();
    QString question =
        tr("Why do the images at or above %1 belong in the dataset?").arg(threshold, 0, 'f', 3);
    if (!rejected.isEmpty()) {
        question += QStringLiteral("\n\n") + tr("The %n image(s) you rejected are left out.", nullptr,
                                                static_cast<int>(rejected.size()));
    }
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Commit above threshold"));
    dialog->setLabelText(question);
    dialog->setObjectName(QStringLiteral("commitAboveDialog"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, threshold, searchGeneration, rejected](const QString& text) {
                if (!text.trimmed().isEmpty()) {
                    m_searchBridge->commitAbove(threshold, text.trimmed(), searchGeneration, rejected);
                }
            });
    dialog->open();
}

void MainWindow::commitRows(const QVector<SearchResultRow>& rows, quint64 searchGeneration,
                            const QString& message) {
    if (rows.isEmpty()) {
        statusBar()->showMessage(tr("Nothing accepted yet: mark images with %1 first.")
                                     .arg(ShortcutRegistry::keysText(
                                         m_shortcuts->keys(QString::fromLatin1(reviewcommand::Accept)))),
                                 10000);
        return;
    }
    m_searchBridge->commitChosen(rows, message, searchGeneration);
}

void MainWindow::showSnapshot(const SearchSnapshot& snapshot, const QString& message) {
    m_resultsModel->setSnapshot(snapshot);
    m_central->setCurrentWidget(m_resultsView);
    // The grid starts at its first row; the preview shows it (the model's reset cleared the preview).
    m_previewDock->showRow(m_resultsView->currentIndex().row());
    m_searchDock->showMessage(message);
    Q_EMIT resultsShown();
}

void MainWindow::readWorkspaceSummary() {
    // Sources and model for the search dock and the status bar: reading meta.json files is instant.
    auto store = EmbeddingStore::open(m_workspaceDirectory.toStdString());
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
    m_emptyState->setProblem(store ? QString()
                                   : tr("The workspace's embeddings cannot be opened: %1")
                                         .arg(QString::fromStdString(store.error())));
    if (!store) {
        // A store that cannot be opened (a truncated matrix, a broken meta.json) is said, not shown as empty.
        const QString error = QString::fromStdString(store.error());
        m_statusWorkspace->setText(
            tr("workspace %1 | the embeddings cannot be opened").arg(m_workspaceDirectory));
        m_statusWorkspace->setToolTip(error);
        m_searchDock->showMessage(tr("The workspace's embeddings cannot be opened: %1").arg(error));
    } else {
        m_statusWorkspace->setText(tr("workspace %1 | %2 images | model %3")
                                       .arg(m_workspaceDirectory)
                                       .arg(rows)
                                       .arg(models.isEmpty() ? tr("none") : models));
        m_statusWorkspace->setToolTip({});
    }
    auto settings = WorkspaceSettings::load(m_workspaceDirectory.toStdString());
    if (settings && settings->maxImageMegapixels > 0) {
        // The decoding limit is the process's: the open workspace's setting, as curator-cli applies it.
        setMaxImagePixels(static_cast<uint64_t>(settings->maxImageMegapixels * 1e6));
    }
    m_statusBackends->setText(settings
                                  ? tr("embedder %1 | scorer %2 | captioner %3")
                                        .arg(QString::fromStdString(redactUrlUserInfo(settings->embedder)),
                                             QString::fromStdString(redactUrlUserInfo(settings->scorer)),
                                             QString::fromStdString(redactUrlUserInfo(settings->captioner)))
                                  : QString::fromStdString(settings.error()));
}

void MainWindow::search(const QString& query, const QStringList& negatives) {
    m_searchDock->setQuery(query, negatives);
    Q_EMIT m_searchDock->searchRequested(m_searchDock->request());
}

bool MainWindow::runJob(const QString& title, JobFunction job, bool reopenStore) {
    if (!m_jobs->start(title, std::move(job))) {
        statusBar()->showMessage(tr("Busy with %1: wait for it or cancel it first.").arg(m_jobs->title()),
                                 10000);
        return false;
    }
    m_reopenAfterJob = reopenStore;
    return true;
}

bool MainWindow::startIngest(const QString& source, const QString& folder) {
    return runJob(tr("Ingesting %1").arg(source), jobs::ingest(m_workspaceDirectory, source, folder), true);
}

DatasetQualityWindow* MainWindow::datasetQualityWindow() {
    if (!m_qualityWindow) {
        auto* bridge = new QualityBridge(m_workspaceDirectory, this);
        m_qualityWindow = new DatasetQualityWindow(bridge, m_ratingBridge, m_thumbnails, this);
    }
    return m_qualityWindow;
}

bool MainWindow::startExportRelease(const QString& tag, bool copyImages, double excludeNearDuplicates) {
    return runJob(tr("Exporting release %1").arg(tag),
                  jobs::exportRelease(m_workspaceDirectory, tag, copyImages, excludeNearDuplicates), false);
}

bool MainWindow::startExportDataset(const QString& file, bool original) {
    return runJob(tr("Exporting %1").arg(file), jobs::exportDataset(m_workspaceDirectory, file, original),
                  false);
}

bool MainWindow::startIndexBuild() {
    return runJob(tr("Building the search index"), jobs::buildIndex(m_workspaceDirectory), false);
}

void MainWindow::openSettings() {
    auto* dialog = new SettingsDialog(m_workspaceDirectory, m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::workspaceSettingsChanged, this, [this] {
        m_searchBridge->reopen();
        m_taxonomyDock->refresh();
        readWorkspaceSummary();
        offerExampleThemes(); // and the search box's suggestions: the embedder may have changed
    });
    dialog->open();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    const QRect available = availableScreenArea();
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(fittingWindowSize(available));
    } else if (available.isValid()) {
        // Saved on a larger screen: never larger than this one.
        resize(size().boundedTo(available.size()));
    }
    // The preset sizes its areas for the window's size, now known.
    applyPreset(LayoutPreset::SuperviseRun);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray(), kLayoutVersion);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState(kLayoutVersion));
    QMainWindow::closeEvent(event);
}

} // namespace curator::ui
