// The main window's menus: File, Review, Commits, View and Help, each action wired to the window's
// docks and bridges.
#include "bridge/logbridge.h"
#include "bridge/workspacejobs.h"
#include "curation/curationdefaults.h"
#include "dialogs/batchrundialog.h"
#include "dialogs/datasetqualitywindow.h"
#include "dialogs/shortcutsdialog.h"
#include "docks/agentdock.h"
#include "docks/commitlogdock.h"
#include "docks/histogramdock.h"
#include "docks/scoredock.h"
#include "docks/searchdock.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/shortcutregistry.h"
#include "mainwindow/windowcommands.h"
#include "models/searchresultsmodel.h"
#include "widgets/resultsview.h"

#include <QAction>
#include <QApplication>
#include <QDate>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace curator::ui {

void MainWindow::createFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open workspace..."), this, [this] {
        const QString directory =
            QFileDialog::getExistingDirectory(this, tr("Open a workspace"), m_workspaceDirectory);
        if (!directory.isEmpty()) {
            Q_EMIT openWorkspaceRequested(directory);
        }
    });
    file->addAction(tr("Open the &demo workspace"), this, [this] { Q_EMIT createDemoRequested(); });
    file->addSeparator();
    file->addAction(tr("&Ingest images..."), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of images to ingest"));
        if (folder.isEmpty()) {
            return;
        }
        bool ok = false;
        const QString source = QInputDialog::getText(this, tr("Ingest images"), tr("Source name"),
                                                     QLineEdit::Normal, QFileInfo(folder).fileName(), &ok);
        if (ok && !source.trimmed().isEmpty()) {
            startIngest(source.trimmed(), folder);
        }
    });
    file->addAction(tr("Build search &index"), this, [this] { startIndexBuild(); });
    file->addSeparator();
    file->addAction(tr("Export &dataset.json..."), this, [this] {
        const QString target = QFileDialog::getSaveFileName(
            this, tr("Export dataset.json"),
            QDir(m_workspaceDirectory).filePath(QStringLiteral("dataset.json")), tr("JSON (*.json)"));
        if (!target.isEmpty()) {
            startExportDataset(target, false);
        }
    });
    file->addAction(tr("Export dataset.json in the &original system's format..."), this, [this] {
        const QString target = QFileDialog::getSaveFileName(
            this, tr("Export dataset.json (original format)"),
            QDir(m_workspaceDirectory).filePath(QStringLiteral("dataset-original.json")),
            tr("JSON (*.json)"));
        if (!target.isEmpty()) {
            startExportDataset(target, true);
        }
    });
    file->addAction(tr("Export &release..."), this, [this] {
        bool ok = false;
        const QString tag = QInputDialog::getText(
            this, tr("Export release"), tr("Release tag (a new folder under exports/)"), QLineEdit::Normal,
            QDate::currentDate().toString(QStringLiteral("'v'yyyy.MM.dd")), &ok);
        if (!ok || tag.trimmed().isEmpty()) {
            return;
        }
        const auto copy =
            QMessageBox::question(this, tr("Export release"), tr("Copy the images into the release as well?"),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        const auto dedup = QMessageBox::question(
            this, tr("Export release"),
            tr("Leave out near-duplicates (embedding cosine ≥ %1), keeping one image of each group?")
                .arg(defaults::kNearDuplicateThreshold, 0, 'f', 2),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        startExportRelease(tag.trimmed(), copy == QMessageBox::Yes,
                           dedup == QMessageBox::Yes ? defaults::kNearDuplicateThreshold : 0);
    });
    file->addAction(tr("Export &preference pairs..."), this, [this] {
        const QString target = QFileDialog::getSaveFileName(
            this, tr("Export preference pairs"),
            QDir(m_workspaceDirectory).filePath(QStringLiteral("pairs.jsonl")), tr("JSON lines (*.jsonl)"));
        if (!target.isEmpty()) {
            runJob(tr("Exporting preference pairs"), jobs::exportPairs(m_workspaceDirectory, target), false);
        }
    });
    file->addSeparator();
    QAction* settings = m_shortcuts->sharedAction(QString::fromLatin1(command::Settings));
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    file->addAction(settings);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::createReviewMenu() {
    QMenu* review = menuBar()->addMenu(tr("&Review"));
    QAction* focusSearch = m_shortcuts->sharedAction(QString::fromLatin1(command::FocusSearch));
    connect(focusSearch, &QAction::triggered, m_searchDock, &SearchDock::focusQuery);
    review->addAction(focusSearch);
    for (const char* id : {reviewcommand::Accept, reviewcommand::Reject, reviewcommand::ClearMark,
                           reviewcommand::Next, reviewcommand::Previous, reviewcommand::Preview}) {
        // Listed with their keys; the keys themselves act in the grid and the preview.
        QAction* listed = review->addAction(m_shortcuts->text(QString::fromLatin1(id)));
        listed->setShortcut(m_shortcuts->keys(QString::fromLatin1(id)).value(0));
        listed->setShortcutContext(Qt::WidgetShortcut);
        connect(m_shortcuts, &ShortcutRegistry::keysChanged, listed,
                [this, listed, id](const QString& changed) {
                    if (changed == QLatin1String(id)) {
                        listed->setShortcut(m_shortcuts->keys(changed).value(0));
                    }
                });
        connect(listed, &QAction::triggered, m_resultsView, [this, id] {
            const QString name = QString::fromLatin1(id);
            if (name == QLatin1String(reviewcommand::Accept)) {
                m_resultsView->acceptCurrent();
            } else if (name == QLatin1String(reviewcommand::Reject)) {
                m_resultsView->rejectCurrent();
            } else if (name == QLatin1String(reviewcommand::ClearMark)) {
                m_resultsView->clearMarkOfCurrent();
            } else if (name == QLatin1String(reviewcommand::Next)) {
                m_resultsView->moveToNext();
            } else if (name == QLatin1String(reviewcommand::Previous)) {
                m_resultsView->moveToPrevious();
            } else {
                m_resultsView->previewCurrent();
            }
        });
    }
    review->addSeparator();
    QAction* commitAcceptedAction = m_shortcuts->sharedAction(QString::fromLatin1(command::CommitAccepted));
    connect(commitAcceptedAction, &QAction::triggered, this, [this] {
        // The marks as they are now: a search arriving while the dialog is open must not change them.
        const QVector<SearchResultRow> accepted = m_resultsModel->acceptedRows();
        const quint64 generation = m_resultsModel->snapshot().generation;
        if (accepted.isEmpty()) {
            return commitRows(accepted, generation, {});
        }
        bool ok = false;
        const QString message = QInputDialog::getText(this, tr("Commit accepted images"),
                                                      tr("Why do these images belong in the dataset?"),
                                                      QLineEdit::Normal, QString(), &ok);
        if (ok && !message.trimmed().isEmpty()) {
            commitRows(accepted, generation, message.trimmed());
        }
    });
    review->addAction(commitAcceptedAction);
    QAction* commitAbove = review->addAction(tr("Commit &above threshold..."), this, [this] {
        if (m_histogramDock->commitButton()->isEnabled()) {
            commitAboveThreshold(m_histogramDock->threshold(), m_histogramDock->searchGeneration());
        } else {
            statusBar()->showMessage(tr("Search first: a threshold commit takes the last search's images."),
                                     10000);
        }
    });
    commitAbove->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    review->addSeparator();
    for (QAction* rate : {m_scoreDock->rateResultsAction(), m_scoreDock->rateDatasetAction(),
                          m_scoreDock->rateCollectionAction()}) {
        review->addAction(rate);
    }
    review->addSeparator();
    QAction* refreshLog = m_shortcuts->sharedAction(QString::fromLatin1(command::RefreshLog));
    connect(refreshLog, &QAction::triggered, m_logBridge, &LogBridge::refresh);
    review->addAction(refreshLog);
}

void MainWindow::createMenus() {
    createFileMenu();
    createReviewMenu();
    QMenu* commits = menuBar()->addMenu(tr("&Commits"));
    for (QAction* action :
         {m_commitDock->undoAction(), m_commitDock->redoAction(), m_commitDock->mergeAction(),
          m_commitDock->discardAction(), m_commitDock->checkoutAction()}) {
        commits->addAction(action);
    }
    commits->addSeparator();
    commits->addAction(tr("Near-&duplicates..."), this,
                       [this] { datasetQualityWindow()->showNearDuplicates(); });
    commits->addAction(tr("&Balance..."), this, [this] { datasetQualityWindow()->showBalance(); });
    commits->addAction(tr("Scorer &report..."), this, [this] { datasetQualityWindow()->showScorerReport(); });

    QMenu* agent = menuBar()->addMenu(tr("&Agent"));
    QAction* batch = agent->addAction(tr("Run a &batch of themes..."), this, [this] {
        // Not modal: the agent dock follows each run while the dialog says which theme runs.
        auto* dialog = new BatchRunDialog(m_agentBridge, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &BatchRunDialog::batchStarted, this, [this] {
            m_agentDock->show();
            m_agentDock->raise();
        });
        dialog->show();
    });
    batch->setObjectName(QStringLiteral("actionRunBatch"));

    createViewMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts..."), this, [this] {
        auto* dialog = new ShortcutsDialog(m_shortcuts, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(
            this, tr("About Wide-Spectrum Curator"),
            tr("<b>Wide-Spectrum Curator</b> %1<br>Curates training data across the whole aesthetic "
               "spectrum: search by vision-language embeddings, calibrate thresholds, rate, and "
               "commit batches with full provenance.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* supervise = m_viewMenu->addAction(layoutPresetName(LayoutPreset::SuperviseRun), this,
                                               [this] { applyPreset(LayoutPreset::SuperviseRun); });
    supervise->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* byHand = m_viewMenu->addAction(layoutPresetName(LayoutPreset::CurateByHand), this,
                                            [this] { applyPreset(LayoutPreset::CurateByHand); });
    byHand->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction* reset = m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0));
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : docks()) {
        m_viewMenu->addAction(dock->toggleViewAction());
    }
}

} // namespace curator::ui
