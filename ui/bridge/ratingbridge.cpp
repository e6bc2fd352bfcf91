#include "bridge/ratingbridge.h"

#include "bridge/preferences.h"
#include "common/threadhandoff.h"

#include "curation/rowdescriber.h"
#include "dataset/curationlog.h"
#include "dataset/pairsources.h"
#include "models/captioner.h"
#include "models/scorer.h"
#include "rating/datasetscores.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "store/workspacesettings.h"

#include <QElapsedTimer>

#include <algorithm>
#include <mutex>

namespace curator::ui {

namespace {

// `count` images drawn uniformly from every source's first matrix (the one a search of that source
// reads), with the path and caption its ids file carries.
Result<std::vector<RateItem>> collectionSample(const std::string& workspace, size_t count, uint64_t seed) {
    auto store = EmbeddingStore::open(workspace);
    if (!store) {
        return store.takeError();
    }
    std::vector<const EmbeddingMatrix*> matrices;
    std::vector<std::string> sources;
    size_t population = 0;
    for (const auto& matrix : store->matrices()) {
        if (std::find(sources.begin(), sources.end(), matrix->source()) == sources.end()) {
            sources.push_back(matrix->source());
            matrices.push_back(matrix.get());
            population += matrix->rows();
        }
    }
    if (population == 0) {
        return makeError("collection sample: the workspace has no images yet");
    }
    RowDescriber describer(*store);
    std::vector<RateItem> items;
    for (size_t index : drawWithoutReplacement(population, std::min(count, population), seed)) {
        size_t matrix = 0;
        while (index >= matrices[matrix]->rows()) {
            index -= matrices[matrix]->rows();
            ++matrix;
        }
        const DescribedRow row = describer.describe(*matrices[matrix], index);
        items.push_back({row.source, row.id, row.path, row.caption});
    }
    return items;
}

} // namespace

// The workspace's scorer and captioner, shared by both workers. Made on first use and again when
// settings.json names other specs; a job holds its own references, so a swap never pulls a model from
// under a running rating.
struct RatingBridge::Models {
    struct Pair {
        std::shared_ptr<Scorer> scorer;
        std::shared_ptr<Captioner> captioner;
    };

    std::string workspace;
    std::mutex mutex;
    std::string scorerKey;
    std::string captionerKey;
    Pair current;

    // `apiKeyVariable`: where the key of openai: specs is read (Settings' API key variable);
    // `requestTimeoutSeconds`: Settings' request timeout.
    Result<Pair> get(const std::string& apiKeyVariable, int requestTimeoutSeconds) {
        auto settings = WorkspaceSettings::load(workspace);
        if (!settings) {
            return settings.takeError();
        }
        BackendOptions options;
        options.apiKeyEnvironmentVariable = apiKeyVariable;
        options.captionerPrompt = settings->captionerPromptFor(settings->captioner, {});
        options.requestTimeoutSeconds = requestTimeoutSeconds;
        // A model is made again when anything it was made from changed.
        const std::string wantedScorer =
            settings->scorer + '\n' + apiKeyVariable + '\n' + std::to_string(requestTimeoutSeconds);
        const std::string wantedCaptioner = settings->captioner + '\n' + apiKeyVariable + '\n' +
                                            std::to_string(requestTimeoutSeconds) + '\n' +
                                            options.captionerPrompt;
        std::lock_guard<std::mutex> lock(mutex);
        if (!current.scorer || wantedScorer != scorerKey) {
            auto spec = BackendSpec::parse(settings->scorer);
            if (!spec) {
                return makeError("scorer: " + spec.error());
            }
            auto created = createScorer(*spec, options);
            if (!created) {
                return makeError("scorer '" + settings->scorer + "': " + created.error());
            }
            current.scorer = std::move(*created);
            scorerKey = wantedScorer;
        }
        if (!current.captioner || wantedCaptioner != captionerKey) {
            auto spec = BackendSpec::parse(settings->captioner);
            if (!spec) {
                return makeError("captioner: " + spec.error());
            }
            auto created = createCaptioner(*spec, options);
            if (!created) {
                return makeError("captioner '" + settings->captioner + "': " + created.error());
            }
            current.captioner = std::move(*created);
            captionerKey = wantedCaptioner;
        }
        return current;
    }
};

RatingBridge::RatingBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory)
    , m_models(std::make_shared<Models>())
    , m_cancel(std::make_shared<std::atomic<bool>>(false)) {
    qRegisterMetaType<curator::ui::DatasetHistogram>();
    qRegisterMetaType<std::shared_ptr<const curator::RateReport>>();
    m_models->workspace = workspaceDirectory.toStdString();
    m_ratePool.setMaxThreadCount(1);
    m_readPool.setMaxThreadCount(1);
}

RatingBridge::~RatingBridge() {
    m_cancel->store(true);
    m_ratePool.clear();
    m_readPool.clear();
    m_ratePool.waitForDone();
    m_readPool.waitForDone();
}

RatingOptions RatingBridge::ratingOptions() const {
    const RatingSettings settings = preferences::ratingSettings(m_workspaceDirectory);
    RatingOptions options;
    options.bins = static_cast<size_t>(m_bins);
    options.concurrency = static_cast<size_t>(std::max(0, settings.concurrency));
    options.scoreBatchSize = static_cast<size_t>(std::max(0, settings.scoreBatchSize));
    return options;
}

void RatingBridge::setBranch(const QString& branch) {
    m_branch = branch;
}

void RatingBridge::rateBatch(const QVector<SearchResultRow>& rows) {
    std::vector<RateItem> items;
    items.reserve(static_cast<size_t>(rows.size()));
    for (const SearchResultRow& row : rows) {
        items.push_back({row.source.toStdString(), row.id.toStdString(), row.path.toStdString(),
                         row.caption.toStdString()});
    }
    startRating(Job::Batch, std::move(items));
}

void RatingBridge::rateDataset() {
    startRating(Job::Dataset, {});
}

void RatingBridge::rateCollectionSample(int count, quint64 seed) {
    startRating(Job::Collection, {}, static_cast<size_t>(std::max(1, count)), seed);
}

RatingBridge::RatingJob RatingBridge::beginRatingJob() {
    m_cancel->store(true); // the newest request wins
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_ratePool.clear();
    setRating(true);
    RatingJob job;
    job.generation = ++m_rateGeneration;
    job.cancel = m_cancel;
    job.models = m_models;
    job.workspace = m_workspaceDirectory.toStdString();
    job.branch = m_branch.toStdString();
    job.options = ratingOptions();
    job.apiKeyVariable =
        preferences::agentEndpoint(m_workspaceDirectory).apiKeyEnvironmentVariable.toStdString();
    job.timeout = preferences::ratingSettings(m_workspaceDirectory).requestTimeoutSeconds;
    return job;
}

void RatingBridge::postIfCurrent(quint64 generation, const std::function<void()>& function) {
    postTo(this, [this, generation, function] {
        if (generation == m_rateGeneration) {
            function();
        }
    });
}

void RatingBridge::finishJob(quint64 generation, const std::function<void()>& signal) {
    postIfCurrent(generation, [this, signal] {
        setRating(false);
        signal();
    });
}

RateProgressCallback RatingBridge::throttledProgress(const RatingJob& job) {
    auto sinceProgress = std::make_shared<QElapsedTimer>();
    sinceProgress->start();
    return [this, generation = job.generation, cancelFlag = job.cancel, sinceProgress](size_t done,
                                                                                       size_t total) {
        // A signal per image would flood the GUI on a large dataset: at most one per 40 ms.
        if (done == 0 || sinceProgress->elapsed() >= 40) {
            sinceProgress->restart();
            postIfCurrent(generation, [this, done, total] { Q_EMIT progress(done, total); });
        }
        return !cancelFlag->load();
    };
}

void RatingBridge::evaluateScorer(quint64 seed) {
    const RatingJob job = beginRatingJob();
    ScorerEvaluationOptions options;
    options.rating = job.options;
    options.pairs.branch = job.branch;
    options.pairs.seed = seed;
    options.pairs.cancel = job.cancel.get();
    options.progress = throttledProgress(job);
    runOnPool(m_ratePool, [this, job, options] {
        auto fail = [this, &job](const std::string& message) {
            finishJob(job.generation, [this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto pair = job.models->get(job.apiKeyVariable, job.timeout);
        if (!pair) {
            return fail(pair.error());
        }
        auto sources = openPairSources(job.workspace);
        if (!sources) {
            return fail(sources.error());
        }
        auto evaluation =
            curator::evaluateScorer(sources->log, sources->store, sources->taxonomy, *pair->scorer, options);
        if (!evaluation) {
            if (job.cancel->load()) {
                const std::string& message = evaluation.error();
                return finishJob(job.generation,
                                 [this, message] { Q_EMIT cancelled(QString::fromStdString(message)); });
            }
            return fail("scorer report: " + evaluation.error());
        }
        const QByteArray svg = QByteArray::fromStdString(scorerEvaluationSvg(*evaluation));
        auto shared = std::make_shared<const ScorerEvaluation>(std::move(*evaluation));
        finishJob(job.generation, [this, shared, svg] { Q_EMIT scorerEvaluated(shared, svg); });
    });
}

void RatingBridge::cancel() {
    m_cancel->store(true);
}

void RatingBridge::setRating(bool rating) {
    if (m_rating != rating) {
        m_rating = rating;
        Q_EMIT busyChanged(rating);
    }
}

void RatingBridge::startRating(Job kind, std::vector<RateItem> items, size_t sampleCount, quint64 seed) {
    const RatingJob job = beginRatingJob();
    const RateProgressCallback onProgress = throttledProgress(job);
    runOnPool(m_ratePool, [this, kind, items = std::move(items), job, onProgress, sampleCount,
                           seed]() mutable {
        auto fail = [this, &job](const std::string& message) {
            finishJob(job.generation, [this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto pair = job.models->get(job.apiKeyVariable, job.timeout);
        if (!pair) {
            return fail(pair.error());
        }
        auto log = CurationLog::open(job.workspace);
        if (!log) {
            return fail(log.error());
        }
        if (kind == Job::Dataset) {
            auto scores =
                datasetScores(*log, job.branch, pair->scorer->modelName(), pair->captioner->modelName());
            if (!scores) {
                return fail(scores.error());
            }
            items = std::move(scores->unscored);
        } else if (kind == Job::Collection) {
            auto sample = collectionSample(job.workspace, sampleCount, seed);
            if (!sample) {
                return fail(sample.error());
            }
            items = std::move(*sample);
        }
        auto report = aestheticsRate(*log, items, *pair->captioner, *pair->scorer, job.options, onProgress);
        if (!report) {
            if (job.cancel->load()) {
                const std::string& message = report.error();
                return finishJob(job.generation,
                                 [this, message] { Q_EMIT cancelled(QString::fromStdString(message)); });
            }
            return fail(report.error());
        }
        auto shared = std::make_shared<const RateReport>(std::move(*report));
        const size_t total = items.size();
        finishJob(job.generation, [this, kind, shared, total] {
            Q_EMIT progress(total, total);
            if (kind == Job::Batch) {
                Q_EMIT batchRated(shared);
            } else if (kind == Job::Dataset) {
                Q_EMIT datasetRated(shared);
            } else {
                Q_EMIT collectionRated(shared);
            }
            refreshDataset(); // the batch's new scores may be the dataset's too
        });
    });
}

void RatingBridge::refreshDataset() {
    const quint64 generation = ++m_readGeneration;
    m_readPool.clear();
    auto models = m_models;
    const std::string workspace = m_workspaceDirectory.toStdString();
    const std::string branch = m_branch.toStdString();
    const size_t bins = static_cast<size_t>(m_bins);
    const std::string apiKeyVariable =
        preferences::agentEndpoint(m_workspaceDirectory).apiKeyEnvironmentVariable.toStdString();
    const int timeout = preferences::ratingSettings(m_workspaceDirectory).requestTimeoutSeconds;
    runOnPool(m_readPool, [this, generation, models, workspace, branch, bins, apiKeyVariable, timeout] {
        auto deliver = [this, generation](auto function) {
            postTo(this, [this, generation, function] {
                if (generation == m_readGeneration) {
                    function();
                }
            });
        };
        auto fail = [this, deliver](const std::string& message) {
            deliver([this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto pair = models->get(apiKeyVariable, timeout);
        if (!pair) {
            return fail(pair.error());
        }
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto scores = datasetScores(*log, branch, pair->scorer->modelName(), pair->captioner->modelName());
        if (!scores) {
            return fail(scores.error());
        }
        DatasetHistogram result;
        result.branch = QString::fromStdString(scores->branch);
        result.scorer = QString::fromStdString(scores->scorer);
        result.histogram = fixedBinHistogram(scores->values(), pair->scorer->range(), bins);
        result.datasetImages = scores->datasetImages;
        result.unscored = scores->unscored.size();
        deliver([this, result] { Q_EMIT datasetReady(result); });
    });
}

} // namespace curator::ui
