#pragma once

#include "curation/curationdefaults.h"
#include "search/searchoperations.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QVector>

#include <functional>
#include <memory>

namespace curator {
class CurationLog;
struct QueryCommitOutcome;
} // namespace curator

namespace curator::ui {

struct SearchRequestValues {
    QString query;
    QStringList negatives;
    double negativeThreshold = defaults::kNegativeThreshold;
    QStringList sources; // empty: every source of the workspace's model
    int topK = static_cast<int>(defaults::kWorkstationTopK);
    bool showMasked = false; // also list the best rows the negatives masked (flagged `masked`)
};

struct SearchResultRow {
    QString id;
    QString source;
    QString path;
    QString caption;
    float similarity = 0;
    bool masked = false; // a negative prompt excluded it (listed only when showMasked was asked)
    // The person's saved review mark on the checked-out branch (review_marks): 0 none, 1 accepted,
    // 2 rejected, as SearchResultsModel::ReviewMark numbers them.
    int savedMark = 0;
};

// One search's answer, built off the GUI thread and handed over whole.
struct SearchSnapshot {
    quint64 generation = 0;
    QString query;
    QVector<SearchResultRow> rows;
    qulonglong scanned = 0;
    qulonglong masked = 0;
    SimilarityDistribution distribution;
    QStringList warnings;
};

// A seeded uniform draw from a similarity band of the last search's query: what sits just below a
// threshold, to decide whether to lower it.
struct BandSample {
    quint64 generation = 0;
    QString query;
    double minimum = 0;
    double maximum = 0;
    qulonglong eligible = 0; // unmasked images in the band
    quint64 seed = 0;
    quint64 searchGeneration = 0;  // the search whose query was sampled
    QVector<SearchResultRow> rows; // best first
};

// Runs searches and counts of one workspace on a worker thread and delivers plain values by signal on the
// GUI thread. The newest request wins: a search superseded before it finished delivers nothing. Opening
// the store and the embedder happens on the worker too, on first use. Destroying the bridge waits for the
// job in flight.
class SearchBridge : public QObject {
    Q_OBJECT
public:
    explicit SearchBridge(const QString& workspaceDirectory, QObject* parent = nullptr);
    ~SearchBridge() override;

    // Returns the request's generation (resultsReady carries it back).
    quint64 search(const SearchRequestValues& request);
    // Shows a search that ran elsewhere (the agent's) exactly as it ran: `snapshot`'s rows and
    // distribution are delivered as they are, with no scan; the query is prepared again (embedded, not
    // scanned) so that counts, band samples and commits act on it. Returns the generation.
    quint64 adoptSearch(const SearchRequestValues& request, const SearchSnapshot& snapshot);
    // The exact number of unmasked images at or above `threshold` for the last search's query.
    void countAbove(double threshold);
    // Commits every unmasked image at or above `threshold` for the last search's query (the core's one
    // commit-by-query path), as the human, on the checked-out branch, except the `excluded` rows (the
    // ones the researcher rejected; `committed` says how many of them the threshold would have taken).
    // `searchGeneration` (a snapshot's): refuse, recording nothing, when a newer search has replaced that
    // one by the time the commit runs; 0 takes whatever search was last.
    void commitAbove(double threshold, const QString& message, quint64 searchGeneration = 0,
                     const QVector<curator::ui::SearchResultRow>& excluded = {});
    // `count` images drawn uniformly from [minimum, maximum] of the last search's query (a search's
    // generation: a later search or sample supersedes it).
    void sampleBand(double minimum, double maximum, int count, quint64 seed);
    // Commits exactly these rows of the last search (review: the accepted ones), with the query's
    // provenance and the lowest chosen similarity as the threshold.
    void commitChosen(const QVector<curator::ui::SearchResultRow>& rows, const QString& message,
                      quint64 searchGeneration = 0);

    // Saves the person's marks of these rows on the checked-out branch (0 clears them; see savedMark), so
    // that they come back with the images in a later search and go out with a release.
    void saveReviewMarks(const QVector<curator::ui::SearchResultRow>& rows, int mark);

    // Drops the opened store and embedder (after an ingest or a change of settings); the next job opens
    // them again. The last search is forgotten: its rows may have moved.
    void reopen();

    QString workspaceDirectory() const { return m_workspaceDirectory; }

Q_SIGNALS:
    void resultsReady(const curator::ui::SearchSnapshot& snapshot);
    void bandSampled(const curator::ui::BandSample& sample);
    void countReady(double threshold, qulonglong count);
    // `excluded`: images at or above the threshold left out because they were rejected (0 for a commit
    // of chosen rows).
    void committed(const QString& shortId, qulonglong selected, qulonglong added, qulonglong excluded);
    void failed(const QString& message);

private:
    struct State;
    // Runs a commit of the last search on the worker and reports it (committed / failed).
    void commitWith(quint64 searchGeneration,
                    std::function<Result<QueryCommitOutcome>(CurationLog&, State&)> commit);
    QString m_workspaceDirectory;
    std::shared_ptr<State> m_state;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    quint64 m_countGeneration = 0;
};

} // namespace curator::ui

Q_DECLARE_METATYPE(curator::ui::SearchSnapshot)
Q_DECLARE_METATYPE(curator::ui::BandSample)
