#pragma once

#include "dataset/curationlog.h"
#include "models/forkorigins.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <functional>
#include <memory>

namespace curator::ui {

// One image of a commit's sample, with the files a thumbnail can be decoded from.
struct CommitSampleImage {
    QString key; // source/name, the ThumbnailCache key
    QString source;
    QString name;
    QString caption;
    QStringList paths; // the workspace's thumbnail, then the image itself
};

// A commit's provenance and a seeded sample of its images, read on the worker.
struct CommitDetails {
    quint64 generation = 0;
    curator::CommitInfo info;
    bool undone = false;
    QString undoneBy;
    QStringList parents;
    QString sampledCommit; // whose images the sample shows: the commit (a partial revert: what it removed),
                           // or for a revert its target
    QVector<CommitSampleImage> sample;
};

// Reads and changes the curation log (graph, status, undo, redo, merge, discard, checkout, a commit's
// details) of one workspace on a single worker thread; results arrive by signal on the GUI thread and
// failures by `failed`, with the core's message. Every change refreshes the graph afterwards. Readers
// never block the agent's writer: SQLite in WAL mode. Destroying the bridge waits for the job in flight.
class LogBridge : public QObject {
    Q_OBJECT
public:
    static constexpr int kSampleSize = 12;

    explicit LogBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~LogBridge() override;

    // The newest refresh wins; an older one still in flight delivers nothing.
    void refresh();
    // Records a revert of the commit (undoing a revert redoes it) on `branch`: empty, the checked-out
    // branch; another one is checked out for the undo and the previous choice restored, as the agent's
    // undo does. Emits undone and logChanged.
    void undo(const QString& commitId, const QString& branch = {});
    // Removes images ("source/name") from one live commit of `branch` (empty: the checked-out one): a
    // revert of those images only (CurationLog::removeImages), undone like any other. Emits undone and
    // logChanged.
    void removeImages(const QString& commitId, const QStringList& images, const QString& branch = {});
    // Undoes the live revert that undid the commit, on the branch where it is undone (see commitActions).
    // Emits undone and logChanged.
    void redo(const QString& commitId);
    // Merges the branch into main (CurationLog::mergeBranch); emits logChanged.
    void merge(const QString& branch);
    // Marks the branch discarded (main is checked out if it was); emits logChanged.
    void discard(const QString& branch);
    // Human commits go to this branch from now on; emits logChanged.
    void checkout(const QString& branch);
    // Provenance and a sample of kSampleSize images (seeded by the commit id, so the same commit shows the
    // same images); the newest request wins. Emits detailsReady.
    void details(const QString& commitId);

Q_SIGNALS:
    void graphReady(std::shared_ptr<const curator::CommitGraph> graph,
                    std::shared_ptr<const curator::StatusReport> status);
    // With every refresh, just before graphReady: the agent branches that are forks of another run.
    void forkOriginsReady(const curator::ui::BranchForkOrigins& origins);
    void detailsReady(std::shared_ptr<const curator::ui::CommitDetails> details);
    void failed(const QString& message);
    // After an undo or a redo, with what left or re-entered the dataset.
    void undone(const QString& message);
    // After every change of the log made here (undo, redo, merge, discard, checkout): other views of the
    // dataset should refresh.
    void logChanged(const QString& message);

private:
    enum class Change { Undo, Other };
    // Runs `work` on the worker; its message goes to undone/logChanged, its error to failed; then refresh.
    void change(Change kind, std::function<Result<QString>(CurationLog&)> work);

    QString m_workspaceDirectory;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    quint64 m_detailsGeneration = 0;
};

} // namespace curator::ui
