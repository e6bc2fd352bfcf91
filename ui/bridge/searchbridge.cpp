#include "bridge/searchbridge.h"

#include "dataset/querycommit.h"
#include "models/workspacebackends.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"

#include <QMetaObject>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>

namespace curator::ui {

// What the worker keeps between jobs: the opened store, the embedder and the last query. Only touched
// from the bridge's single worker thread, except `mutex`-guarded handover.
struct SearchBridge::State {
    std::string workspace;
    std::optional<EmbeddingStore> store;
    std::unique_ptr<Embedder> embedder;
    std::map<std::string, std::vector<RowIdentity>> identities; // per source
    std::vector<const EmbeddingMatrix*> lastSegments;
    std::optional<QuerySet> lastQuery;
    std::string lastQueryText;
    std::atomic<quint64> latestSearch{0}; // set on the GUI thread: the newest search asked for
    quint64 lastSearchGeneration = 0;     // the search lastQuery belongs to
    std::vector<std::string> lastNegatives;
    double lastNegativeThreshold = 0.3;

    Status open() {
        if (store) {
            return {};
        }
        auto opened = EmbeddingStore::open(workspace);
        if (!opened) {
            return opened.takeError();
        }
        store = std::move(*opened);
        auto created = createWorkspaceEmbedder(workspace);
        if (!created) {
            return created.takeError();
        }
        embedder = std::move(*created);
        return {};
    }

    const RowIdentity* identity(const EmbeddingMatrix& matrix, size_t row) {
        auto found = identities.find(matrix.source());
        if (found == identities.end()) {
            auto read = readRowIdentities(matrix);
            found = identities.emplace(matrix.source(), read ? std::move(*read) : std::vector<RowIdentity>())
                        .first;
        }
        return row < found->second.size() ? &found->second[row] : nullptr;
    }

    // The hits' metadata (path, caption) from the ids files, read once per source and kept.
    void fillRows(const std::vector<const EmbeddingMatrix*>& segments, const std::vector<SearchHit>& hits,
                  QVector<SearchResultRow>& rows) {
        rows.reserve(static_cast<int>(hits.size()));
        for (const auto& hit : hits) {
            const EmbeddingMatrix& matrix = *segments[hit.ref.segment];
            const RowIdentity* row = identity(matrix, hit.ref.row);
            rows.push_back({QString::fromStdString(hit.id), QString::fromStdString(hit.source),
                            row ? QString::fromStdString(row->path) : QString(),
                            row ? QString::fromStdString(row->caption) : QString(), hit.similarity,
                            hit.masked});
        }
    }

    QueryCommitProvenance provenance(double threshold, const std::string& message) const {
        QueryCommitProvenance result;
        result.query = lastQueryText;
        result.negativePrompts = lastNegatives;
        result.threshold = threshold;
        result.negativeThreshold = lastNegativeThreshold;
        result.message = message;
        return result;
    }
};

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
    m_pool.start([this, state, request, generation] {
        if (generation != state->latestSearch) {
            return;
        }
        auto deliverFailure = [this, generation](const std::string& message) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, message] {
                    if (generation == m_generation) {
                        Q_EMIT failed(QString::fromStdString(message));
                    }
                },
                Qt::QueuedConnection);
        };
        if (auto status = state->open(); !status) {
            return deliverFailure(status.error());
        }
        SearchSnapshot snapshot;
        snapshot.generation = generation;
        snapshot.query = request.query;
        std::vector<std::string> sources;
        for (const auto& source : request.sources) {
            sources.push_back(source.toStdString());
        }
        auto segments = state->store->select(state->embedder->modelName(), sources);
        if (!segments) {
            return deliverFailure(segments.error());
        }
        auto query = state->embedder->embedText(request.query.toStdString());
        if (!query) {
            return deliverFailure(query.error());
        }
        for (const auto& warning : query->warnings) {
            snapshot.warnings << QString::fromStdString(warning);
        }
        std::vector<std::vector<float>> negatives;
        for (const auto& text : request.negatives) {
            auto negative = state->embedder->embedText(text.toStdString());
            if (!negative) {
                return deliverFailure("negative prompt '" + text.toStdString() + "': " + negative.error());
            }
            negatives.push_back(std::move(negative->vector));
        }
        auto querySet = makeQuerySet(query->vector, negatives, static_cast<float>(request.negativeThreshold));
        if (!querySet) {
            return deliverFailure(querySet.error());
        }
        auto found = searchTopK(*segments, *querySet, static_cast<size_t>(std::max(1, request.topK)), {},
                                request.showMasked ? MaskedRows::Include : MaskedRows::Exclude);
        if (!found) {
            return deliverFailure(found.error());
        }
        auto distribution = similarityDistribution(*segments, *querySet);
        if (!distribution) {
            return deliverFailure(distribution.error());
        }
        snapshot.scanned = found->scanned;
        snapshot.masked = found->masked;
        snapshot.distribution = std::move(*distribution);
        state->fillRows(*segments, found->hits, snapshot.rows);
        state->lastSegments = *segments;
        state->lastQuery = std::move(*querySet);
        state->lastSearchGeneration = generation;
        state->lastQueryText = request.query.toStdString();
        state->lastNegatives.clear();
        for (const auto& text : request.negatives) {
            state->lastNegatives.push_back(text.toStdString());
        }
        state->lastNegativeThreshold = request.negativeThreshold;
        QMetaObject::invokeMethod(
            this,
            [this, snapshot] {
                if (snapshot.generation == m_generation) {
                    Q_EMIT resultsReady(snapshot);
                }
            },
            Qt::QueuedConnection);
    });
    return generation;
}

void SearchBridge::reopen() {
    auto state = m_state;
    m_pool.start([state] {
        state->lastQuery.reset();
        state->lastSegments.clear();
        state->identities.clear();
        state->embedder.reset();
        state->store.reset();
    });
}

void SearchBridge::countAbove(double threshold) {
    const quint64 generation = ++m_countGeneration;
    auto state = m_state;
    m_pool.start([this, state, threshold, generation] {
        if (!state->lastQuery) {
            return;
        }
        auto counted =
            curator::countAbove(state->lastSegments, *state->lastQuery, static_cast<float>(threshold));
        if (!counted) {
            return;
        }
        const qulonglong count = counted->count;
        QMetaObject::invokeMethod(
            this,
            [this, generation, threshold, count] {
                if (generation == m_countGeneration) {
                    Q_EMIT countReady(threshold, count);
                }
            },
            Qt::QueuedConnection);
    });
}

void SearchBridge::commitAbove(double threshold, const QString& message, quint64 searchGeneration) {
    const std::string text = message.toStdString();
    commitWith(searchGeneration, [threshold, text](CurationLog& log, State& state) {
        return commitQuery(log, state.lastSegments, *state.lastQuery, state.provenance(threshold, text),
                           EmptySelection::Refuse);
    });
}

void SearchBridge::commitWith(quint64 searchGeneration,
                              std::function<Result<QueryCommitOutcome>(CurationLog&, State&)> commit) {
    auto state = m_state;
    m_pool.start([this, state, searchGeneration, commit = std::move(commit)] {
        auto fail = [this](const std::string& error) {
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(QString::fromStdString(error)); }, Qt::QueuedConnection);
        };
        if (!state->lastQuery) {
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
        QMetaObject::invokeMethod(
            this, [this, id, selected, added] { Q_EMIT committed(id, selected, added); },
            Qt::QueuedConnection);
    });
}

void SearchBridge::sampleBand(double minimum, double maximum, int count, quint64 seed) {
    const quint64 generation = ++m_generation;
    auto state = m_state;
    m_pool.start([this, state, minimum, maximum, count, seed, generation] {
        auto fail = [this, generation](const std::string& error) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, error] {
                    if (generation == m_generation) {
                        Q_EMIT failed(QString::fromStdString(error));
                    }
                },
                Qt::QueuedConnection);
        };
        if (!state->lastQuery) {
            return fail("search first: a band sample draws from the last search's query");
        }
        auto sample = curator::sampleBand(
            state->lastSegments, *state->lastQuery, static_cast<float>(minimum), static_cast<float>(maximum),
            static_cast<size_t>(std::max(1, count)), seed == 0 ? randomSeed() : seed);
        if (!sample) {
            return fail(sample.error());
        }
        BandSample band;
        band.generation = generation;
        band.query = QString::fromStdString(state->lastQueryText);
        band.minimum = minimum;
        band.maximum = maximum;
        band.eligible = sample->eligible;
        band.seed = sample->seed;
        band.searchGeneration = state->lastSearchGeneration;
        state->fillRows(state->lastSegments, sample->hits, band.rows);
        QMetaObject::invokeMethod(
            this,
            [this, band] {
                if (band.generation == m_generation) {
                    Q_EMIT bandSampled(band);
                }
            },
            Qt::QueuedConnection);
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
        return curator::commitChosen(log, state.lastSegments, *state.lastQuery,
                                     state.provenance(lowest, text), chosen);
    });
}

} // namespace curator::ui
