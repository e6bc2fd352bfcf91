#pragma once

#include <QMainWindow>

class QLabel;
class QListView;

namespace curator::ui {

class AgentBridge;
class AgentDock;
class CommitLogModel;
class HistogramDock;
class LogBridge;
class SearchBridge;
class SearchDock;
class SearchResultsModel;
class ThumbnailCache;

// Assembles the docks around the results grid and wires them to the bridges; owns no logic of its own.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& workspaceDirectory, QWidget* parent = nullptr);
    ~MainWindow() override;

    SearchBridge* searchBridge() const { return m_searchBridge; }
    LogBridge* logBridge() const { return m_logBridge; }
    SearchResultsModel* resultsModel() const { return m_resultsModel; }
    CommitLogModel* commitLogModel() const { return m_commitLogModel; }
    SearchDock* searchDock() const { return m_searchDock; }
    AgentDock* agentDock() const { return m_agentDock; }
    AgentBridge* agentBridge() const { return m_agentBridge; }

    // Runs a search as if typed into the search dock.
    void search(const QString& query, const QStringList& negatives = {});

Q_SIGNALS:
    // After the results of a search reached the grid (used by --screenshot and the tests).
    void resultsShown();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void restoreLayout();

    QString m_workspaceDirectory;
    SearchBridge* m_searchBridge;
    LogBridge* m_logBridge;
    ThumbnailCache* m_thumbnails;
    SearchResultsModel* m_resultsModel;
    CommitLogModel* m_commitLogModel;
    QListView* m_resultsView;
    SearchDock* m_searchDock;
    AgentBridge* m_agentBridge;
    AgentDock* m_agentDock;
    HistogramDock* m_histogramDock;
    QLabel* m_statusWorkspace;
    QLabel* m_statusDataset;
};

} // namespace curator::ui
