#include "bridge/searchbridge.h"

#include "common/threadhandoff.h"

#include "curation/curationsession.h"
#include "dataset/querycommit.h"
#include "dataset/reviewmarks.h"

#include <QHash>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>

namespace curator::ui {

// What the worker keeps between jobs: the curation session (store, embedder, embedded texts, row
// descriptions) and the last search's prepared query. Only touched from the bridge's single worker
// thread, except the atomic generation.
struct SearchBridge::State {
    std::string workspace;
    std::unique_ptr<CurationSession> session;
    std::optional<PreparedQuery> last;
    std::atomic<quint64> latestSearch{0}; // set on the GUI thread: the newest search asked for
    quint64 lastSearchGeneration = 0;     // the search `last` belongs to

    CurationSession& curation() {
        if (!session) {
            session = std::make_unique<CurationSession>(workspace);
        }
        return *session;
    }

    QVector<SearchResultRow> rows(const PreparedQuery& query, const std::vector<SearchHit>& hits) {
        QVector<SearchResultRow> result;
        result.reserve(static_cast<int>(hits.size()));
        const auto described = curation().describe(query, hits);
        for (size_t i = 0; i < hits.size() && i < described.size(); ++i) {
            result.push_back(rowOf(described[i], hits[i].masked));
        }
        return result;
    }

    // Fills the rows' saved review marks; a log that cannot be read is a warning, not a failed search.
    void markSaved(QVector<SearchResultRow>& rows, QStringList& warnings) const {
        std::vector<ReviewedImage> images;
        for (const SearchResultRow& row : rows) {
            images.push_back({row.source.toStdString(), row.id.toStdString()});
        }
        auto log = CurationLog::open(workspace);
        auto marks =
            log ? reviewMarksOf(*log, {}, images) : Result<std::vector<ReviewRecord>>(log.takeError());
        if (!marks) {
            warnings
                << QStringLiteral("review marks not shown: %1").arg(QString::fromStdString(marks.error()));
            return;
        }
        QHash<QString, int> markOf;
        for (const ReviewRecord& mark : *marks) {
            markOf.insert(QString::fromStdString(mark.source + "/" + mark.name),
                          mark.verdict == ReviewVerdict::Accept ? 1 : 2);
        }
        for (SearchResultRow& row : rows) {
            row.savedMark = markOf.value(row.source + QLatin1Char('/') + row.id, 0);
        }
    }

    static SearchResultRow rowOf(const DescribedRow& row, bool masked) {
        return {QString::fromStdString(row.id),     QString::fromStdString(row.source),
                QString::fromStdString(row.path),   QString::fromStdString(row.caption),
                static_cast<float>(row.similarity), masked};
    }
};

namespace {

QueryRequest queryRequestOf(const SearchRequestValues& values) {
    QueryRequest request;
    request.text = values.query.toStdString();
    for (const auto& negative : values.negatives) {
        request.negativeTexts.push_back(negative.toStdString());
    }
    request.negativeThreshold = values.negativeThreshold;
    for (const auto& source : values.sources) {
        request.sources.push_back(source.toStdString());
    }
    return request;
}

} // namespace

SearchBridge::SearchBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_state(std::make_shared<State>()) {
    qRegisterMetaType<curator::ui::SearchSnapshot>();
    qRegisterMetaType<curator::ui::BandSample>();
    m_state->workspace = workspaceDirectory.toStdString();
    m_pool.setMaxThreadCount(1); // jobs share the state; one at a time, in order
}

SearchBridge::~SearchBridge() {
    m_state->latestSearch = 0; // queued searches return at once; queued commits still run
    m_pool.waitForDone();
}

quint64 SearchBridge::search(const SearchRequestValues& request) {
    const quint64 generation = ++m_generation;
    auto state = m_state;
    // A superseded search returns at once. (Not QThreadPool::clear(): that would also drop queued
    // commits, samples and reopens.)
    state->latestSearch = generation;
    runOnPool(m_pool, [this, state, request, generation] {
        if (generation != state->latestSearch) {
            return;
        }
        auto deliverFailure = [this, generation](const std::string& message) {
            postTo(this, [this, generation, message] {
                if (generation == m_generation) {
                    Q_EMIT failed(QString::fromStdString(message));
                }
            });
        };
        auto prepared = state->curation().prepare(queryRequestOf(request));
        if (!prepared) {
            return deliverFailure(prepared.error());
        }
        // One pass: the grid's top k and the histogram's distribution.
        ScanWants wants;
        wants.topK = static_cast<size_t>(std::max(1, request.topK));
        wants.maskedRows = request.showMasked ? MaskedRows::Include : MaskedRows::Exclude;
        wants.distributionBins = defaults::kDistributionBins;
        auto found = state->curation().scan(*prepared, wants);
        if (!found) {
            return deliverFailure(found.error());
        }
        SearchSnapshot snapshot;
        snapshot.generation = generation;
        snapshot.query = request.query;
        for (const auto& warning : prepared->warnings) {
            snapshot.warnings << QString::fromStdString(warning);
        }
        snapshot.scanned = found->top.scanned;
        snapshot.masked = found->top.masked;
        snapshot.distribution = std::move(*found->distribution);
        snapshot.rows = state->rows(*prepared, found->top.hits);
        state->markSaved(snapshot.rows, snapshot.warnings);
        state->last = std::move(*prepared);
        state->lastSearchGeneration = generation;
        postTo(this, [this, snapshot] {
            if (snapshot.generation == m_generation) {
                Q_EMIT resultsReady(snapshot);
            }
        });
    });
    return generation;
}

quint64 SearchBridge::adoptSearch(const SearchRequestValues& request, const SearchSnapshot& snapshot) {
    const quint64 generation = ++m_generation;
    auto state = m_state;
    state->latestSearch = generation;
    runOnPool(m_pool, [this, state, request, snapshot, generation] {
        auto prepared = state->curation().prepare(queryRequestOf(request));
        if (prepared) {
            state->last = std::move(*prepared);
            state->lastSearchGeneration = generation;
        } else {
            state->last.reset(); // shown, but a commit asks for a search of its own
        }
        SearchSnapshot delivered = snapshot;
        delivered.generation = generation;
        postTo(this, [this, delivered] {
            if (delivered.generation == m_generation) {
                Q_EMIT resultsReady(delivered);
            }
        });
    });
    return generation;
}

void SearchBridge::reopen() {
    auto state = m_state;
    runOnPool(m_pool, [state] {
        state->last.reset();
        if (state->session) {
            state->session->reopen();
        }
    });
}

void SearchBridge::countAbove(double threshold) {
    const quint64 generation = ++m_countGeneration;
    auto state = m_state;
    runOnPool(m_pool, [this, state, threshold, generation] {
        if (!state->last) {
            return;
        }
        auto counted = state->curation().count(*state->last, static_cast<float>(threshold));
        if (!counted) {
            return;
        }
        const qulonglong count = counted->count;
        postTo(this, [this, generation, threshold, count] {
            if (generation == m_countGeneration) {
                Q_EMIT countReady(threshold, count);
            }
        });
    });
}

void SearchBridge::commitAbove(double threshold, const QString& message, quint64 searchGeneration,
                               const QVector<SearchResultRow>& excluded) {
    const std::string text = message.toStdString();
    std::vector<ChosenImage> leftOut;
    for (const auto& row : excluded) {
        leftOut.push_back({row.source.toStdString(), row.id.toStdString()});
    }
    commitWith(searchGeneration, [threshold, text, leftOut](CurationLog& log, State& state) {
        CommitDetails details;
        details.threshold = threshold;
        details.message = text;
        details.excluded = leftOut;
        return state.curation().commit(log, *state.last, details);
    });
}

void SearchBridge::commitWith(quint64 searchGeneration,
                              std::function<Result<QueryCommitOutcome>(CurationLog&, State&)> commit) {
    auto state = m_state;
    runOnPool(m_pool, [this, state, searchGeneration, commit = std::move(commit)] {
        auto fail = [this](const std::string& error) {
            postTo(this, [this, error] { Q_EMIT failed(QString::fromStdString(error)); });
        };
        if (!state->last) {
            return fail("search first: a commit records the last search's query");
        }
        if (searchGeneration != 0 && searchGeneration != state->lastSearchGeneration) {
            return fail("a newer search replaced the results this commit was for; nothing was committed "
                        "(commit again from the results shown now)");
        }
        auto log = CurationLog::open(state->workspace);
        if (!log) {
            return fail(log.error());
        }
        auto outcome = commit(*log, *state);
        if (!outcome) {
            return fail(outcome.error());
        }
        const QString id = QString::fromStdString(shortId(outcome->commit.id));
        const qulonglong selected = outcome->commit.selected;
        const qulonglong added = outcome->commit.added;
        const qulonglong excluded = outcome->excluded;
        postTo(this,
               [this, id, selected, added, excluded] { Q_EMIT committed(id, selected, added, excluded); });
    });
}

void SearchBridge::saveReviewMarks(const QVector<SearchResultRow>& rows, int mark) {
    std::vector<ReviewedImage> images;
    for (const SearchResultRow& row : rows) {
        images.push_back({row.source.toStdString(), row.id.toStdString()});
    }
    if (images.empty()) {
        return;
    }
    const std::optional<ReviewVerdict> verdict = mark == 1   ? std::optional(ReviewVerdict::Accept)
                                                 : mark == 2 ? std::optional(ReviewVerdict::Reject)
                                                             : std::nullopt;
    auto state = m_state;
    runOnPool(m_pool, [this, state, images, verdict] {
        auto log = CurationLog::open(state->workspace);
        const Status saved = log ? setReviewMarks(*log, {}, images, verdict) : Status(log.takeError());
        if (!saved) {
            const std::string error = "review marks not saved: " + saved.error();
            postTo(this, [this, error] { Q_EMIT failed(QString::fromStdString(error)); });
        }
    });
}

void SearchBridge::sampleBand(double minimum, double maximum, int count, quint64 seed) {
    const quint64 generation = ++m_generation;
    auto state = m_state;
    runOnPool(m_pool, [this, state, minimum, maximum, count, seed, generation] {
        auto fail = [this, generation](const std::string& error) {
            postTo(this, [this, generation, error] {
                if (generation == m_generation) {
                    Q_EMIT failed(QString::fromStdString(error));
                }
            });
        };
        if (!state->last) {
            return fail("search first: a band sample draws from the last search's query");
        }
        auto sample = state->curation().sample(
            *state->last, static_cast<float>(minimum), static_cast<float>(maximum),
            static_cast<size_t>(std::max(1, count)), seed == 0 ? randomSeed() : seed);
        if (!sample) {
            return fail(sample.error());
        }
        BandSample band;
        band.generation = generation;
        band.query = QString::fromStdString(state->last->query);
        band.minimum = minimum;
        band.maximum = maximum;
        band.eligible = sample->eligible;
        band.seed = sample->seed;
        band.searchGeneration = state->lastSearchGeneration;
        band.rows = state->rows(*state->last, sample->hits);
        postTo(this, [this, band] {
            if (band.generation == m_generation) {
                Q_EMIT bandSampled(band);
            }
        });
    });
}

void SearchBridge::commitChosen(const QVector<SearchResultRow>& rows, const QString& message,
                                quint64 searchGeneration) {
    const std::string text = message.toStdString();
    std::vector<ChosenImage> chosen;
    double lowest = 1.0;
    for (const auto& row : rows) {
        chosen.push_back({row.source.toStdString(), row.id.toStdString()});
        lowest = std::min(lowest, static_cast<double>(row.similarity));
    }
    commitWith(searchGeneration, [text, chosen, lowest](CurationLog& log, State& state) {
        CommitDetails details;
        details.threshold = lowest;
        details.message = text;
        return state.curation().commitChosen(log, *state.last, details, chosen);
    });
}

} // namespace curator::ui
