#include "bridge/searchbridge.h"

#include "dataset/querycommit.h"
#include "models/embedder.h"
#include "store/embeddingstore.h"
#include "store/idsfile.h"
#include "store/workspacesettings.h"

#include <QMetaObject>

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
        auto settings = WorkspaceSettings::load(workspace);
        if (!settings) {
            return settings.takeError();
        }
        auto spec = BackendSpec::parse(settings->embedder);
        if (!spec) {
            return spec.takeError();
        }
        auto created = createEmbedder(*spec);
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
};

SearchBridge::SearchBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_state(std::make_shared<State>()) {
    qRegisterMetaType<curator::ui::SearchSnapshot>();
    m_state->workspace = workspaceDirectory.toStdString();
    m_pool.setMaxThreadCount(1); // jobs share the state; one at a time, in order
}

SearchBridge::~SearchBridge() {
    m_pool.clear();
    m_pool.waitForDone();
}

quint64 SearchBridge::search(const SearchRequestValues& request) {
    const quint64 generation = ++m_generation;
    m_pool.clear(); // a queued, superseded search need not run at all
    auto state = m_state;
    m_pool.start([this, state, request, generation] {
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
        auto found = searchTopK(*segments, *querySet, static_cast<size_t>(std::max(1, request.topK)));
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
        snapshot.rows.reserve(static_cast<int>(found->hits.size()));
        for (const auto& hit : found->hits) {
            const EmbeddingMatrix& matrix = *(*segments)[hit.ref.segment];
            const RowIdentity* identity = state->identity(matrix, hit.ref.row);
            snapshot.rows.push_back({QString::fromStdString(hit.id), QString::fromStdString(hit.source),
                                     identity ? QString::fromStdString(identity->path) : QString(),
                                     identity ? QString::fromStdString(identity->caption) : QString(),
                                     hit.similarity});
        }
        state->lastSegments = *segments;
        state->lastQuery = std::move(*querySet);
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

void SearchBridge::commitAbove(double threshold, const QString& message) {
    auto state = m_state;
    const std::string text = message.toStdString();
    m_pool.start([this, state, threshold, text] {
        auto fail = [this](const std::string& error) {
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(QString::fromStdString(error)); }, Qt::QueuedConnection);
        };
        if (!state->lastQuery) {
            return fail("search first: a commit takes the last search's query");
        }
        auto log = CurationLog::open(state->workspace);
        if (!log) {
            return fail(log.error());
        }
        QueryCommitProvenance provenance;
        provenance.query = state->lastQueryText;
        provenance.negativePrompts = state->lastNegatives;
        provenance.threshold = threshold;
        provenance.negativeThreshold = state->lastNegativeThreshold;
        provenance.message = text;
        auto outcome =
            commitQuery(*log, state->lastSegments, *state->lastQuery, provenance, EmptySelection::Refuse);
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

} // namespace curator::ui
