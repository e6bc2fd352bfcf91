#pragma once

#include "bridge/jobrunner.h"
#include "mainwindow/docklayout.h"

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace curator::ui {

class AgentBridge;
class AgentDock;
class RunsDock;
class CommitLogDock;
class CommitLogModel;
class DatasetQualityWindow;
class EmptyStatePage;
class HistogramDock;
class LogBridge;
class PreviewDialog;
class PreviewDock;
class RatingBridge;
class ResultsView;
class ScoreDock;
class ShortcutRegistry;
class TaxonomyDock;
class WorkspaceWatcher;
class SearchBridge;
class SearchDock;
class SearchResultsModel;
class SecretStore;
class ThumbnailCache;
struct SearchResultRow;
struct SearchSnapshot;

// Assembles the docks around the results grid, the menus and the status bar, and wires them to the
// bridges; owns no logic of its own.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& workspaceDirectory, QWidget* parent = nullptr);
    ~MainWindow() override;

    QString workspaceDirectory() const { return m_workspaceDirectory; }
    SearchBridge* searchBridge() const { return m_searchBridge; }
    LogBridge* logBridge() const { return m_logBridge; }
    SearchResultsModel* resultsModel() const { return m_resultsModel; }
    CommitLogModel* commitLogModel() const { return m_commitLogModel; }
    SearchDock* searchDock() const { return m_searchDock; }
    AgentDock* agentDock() const { return m_agentDock; }
    AgentBridge* agentBridge() const { return m_agentBridge; }
    JobRunner* jobRunner() const { return m_jobs; }
    // Follows what other processes change in the workspace (the commit graph, the runs).
    WorkspaceWatcher* workspaceWatcher() const { return m_watcher; }
    ResultsView* resultsView() const { return m_resultsView; }
    PreviewDialog* previewDialog() const { return m_preview; }
    // As large as the screen's free area: the launcher shows it maximized, so that the window manager fits
    // the title bar in (a 1280x800 client area would push the status bar off a 1280x800 screen).
    bool fillsTheScreen() const;
    ScoreDock* scoreDock() const { return m_scoreDock; }
    TaxonomyDock* taxonomyDock() const { return m_taxonomyDock; }
    ShortcutRegistry* shortcuts() const { return m_shortcuts; }
    CommitLogDock* commitDock() const { return m_commitDock; }
    PreviewDock* previewDock() const { return m_previewDock; }
    RunsDock* runsDock() const { return m_runsDock; }
    HistogramDock* histogramDock() const { return m_histogramDock; }
    EmptyStatePage* emptyState() const { return m_emptyState; }
    // Commits > Near-duplicates / Balance: made on first use.
    DatasetQualityWindow* datasetQualityWindow();
    // The grid's place: the empty state until the first results, then the grid.
    QStackedWidget* centralStack() const { return m_central; }

    // The View menu's presets and Reset layout (which also forgets the saved layout).
    void applyPreset(LayoutPreset preset);
    void resetLayout();

    // Commits the images marked accepted in the grid, with the last search's provenance.
    void commitAccepted(const QString& message);
    // Asks why (non-modal) and commits every unmasked image at or above `threshold`, leaving out the
    // images rejected in the grid (the dialog says how many).
    void commitAboveThreshold(double threshold, quint64 searchGeneration);

    // Runs a search as if typed into the search dock.
    void search(const QString& query, const QStringList& negatives = {});

    // Long work through the job runner, as the menu's actions start it (also for tests).
    bool startIngest(const QString& source, const QString& folder);
    bool startExportRelease(const QString& tag, bool copyImages, double excludeNearDuplicates = 0);
    bool startExportDataset(const QString& file, bool original);
    bool startIndexBuild();

Q_SIGNALS:
    // After the results of a search reached the grid (used by --screenshot and the tests).
    void resultsShown();
    // A search could not run (the store, the settings or the embedder): the message is shown in the window
    // too. --screenshot ends on it.
    void searchFailed(const QString& message);
    void openWorkspaceRequested(const QString& directory);
    void createDemoRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void arrangeDocks();
    void connectReviewAndAgent();
    void connectSearch();
    void connectLogAndJobs();
    QList<QDockWidget*> docks() const;
    WorkstationDocks workstationDocks() const;
    QRect availableScreenArea() const;
    void offerExampleThemes();
    void createMenus();
    void createFileMenu();
    void createReviewMenu();
    void createViewMenu();
    void onAgentEvent(const QString& type, const QByteArray& json);
    // A call of the agent's timeline shown in the window: its images in the grid (with the search's
    // histogram), a rating's histogram in the score dock.
    void showAgentCall(const QByteArray& resultEvent, const QByteArray& searchEvent, bool intoGrid);
    void commitRows(const QVector<SearchResultRow>& rows, quint64 searchGeneration, const QString& message);
    void showSnapshot(const SearchSnapshot& snapshot, const QString& message);
    void readWorkspaceSummary();
    void restoreLayout();
    bool runJob(const QString& title, JobFunction job, bool reopenStore);
    void openSettings();

    QString m_workspaceDirectory;
    SearchBridge* m_searchBridge;
    LogBridge* m_logBridge;
    ThumbnailCache* m_thumbnails;
    SearchResultsModel* m_resultsModel;
    CommitLogModel* m_commitLogModel;
    ShortcutRegistry* m_shortcuts;
    ResultsView* m_resultsView;
    PreviewDialog* m_preview;
    SearchDock* m_searchDock;
    AgentBridge* m_agentBridge;
    AgentDock* m_agentDock;
    HistogramDock* m_histogramDock;
    RatingBridge* m_ratingBridge;
    ScoreDock* m_scoreDock;
    TaxonomyDock* m_taxonomyDock;
    CommitLogDock* m_commitDock;
    PreviewDock* m_previewDock;
    RunsDock* m_runsDock;
    JobRunner* m_jobs;
    WorkspaceWatcher* m_watcher;
    SecretStore* m_secrets;
    QStackedWidget* m_central;
    EmptyStatePage* m_emptyState;
    QMenu* m_viewMenu = nullptr;
    DatasetQualityWindow* m_qualityWindow = nullptr;
    QLabel* m_statusWorkspace;
    QLabel* m_statusBackends;
    QLabel* m_statusDataset;
    bool m_reopenAfterJob = false;
    QString m_agentBranch; // the branch of the agent's current (or last) run
};

} // namespace curator::ui
