#include "bridge/qualitybridge.h"

#include "common/threadhandoff.h"

#include "dataset/releaseadditions.h"
#include "ingest/ingest.h"
#include "store/embeddingstore.h"
#include "taxonomy/coverage.h"
#include "taxonomy/taxonomy.h"

#include <QElapsedTimer>

namespace curator::ui {

namespace {

QVector<CommitSampleImage> memberImages(const std::string& workspace, const NearDuplicateGroup& group) {
    QVector<CommitSampleImage> images;
    for (const NearDuplicateMember& member : group.members) {
        CommitSampleImage image;
        image.source = QString::fromStdString(member.source);
        image.name = QString::fromStdString(member.id);
        image.key = image.source + QLatin1Char('/') + image.name;
        image.paths << QString::fromStdString(thumbnailPath(workspace, member.source, member.id));
        if (!member.path.empty()) {
            image.paths << QString::fromStdString(member.path);
        }
        images.push_back(std::move(image));
    }
    return images;
}

} // namespace

QualityBridge::QualityBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    m_pool.setMaxThreadCount(1);
}

QualityBridge::~QualityBridge() {
    cancel();
    m_pool.waitForDone();
}

void QualityBridge::cancel() {
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void QualityBridge::setBusy(bool busy) {
    if (m_busy != busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

template <typename Work>
void QualityBridge::start(Work work) {
    cancel();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    setBusy(true);
    runOnPool(m_pool, [this, generation, cancelFlag = m_cancel, work] {
        // Only the newest request's results reach the window; an older one finishes silently.
        auto deliver = [this, generation](const std::function<void()>& function) {
            postTo(this, [this, generation, function] {
                if (generation == m_generation) {
                    setBusy(false);
                    function();
                }
            });
        };
        auto report = [this, generation](size_t done, size_t total) {
            postTo(this, [this, generation, done, total] {
                if (generation == m_generation) {
                    Q_EMIT progress(done, total);
                }
            });
        };
        work(*cancelFlag, deliver, report);
    });
}

void QualityBridge::findNearDuplicates(double threshold) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    start([this, workspace, threshold](const std::atomic<bool>& cancelFlag, auto deliver, auto report) {
        auto fail = [this, deliver](const std::string& message) {
            deliver([this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto store = EmbeddingStore::open(workspace);
        if (!store) {
            return fail(store.error());
        }
        NearDuplicateOptions options;
        options.threshold = threshold;
        options.cancel = &cancelFlag;
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        options.progress = [&](size_t done, size_t total) {
            if (done == 0 || done == total || sinceProgress.elapsed() >= 50) {
                sinceProgress.restart();
                report(done, total);
            }
            return !cancelFlag.load();
        };
        auto found = curator::findNearDuplicates(*log, *store, options);
        if (!found) {
            if (cancelFlag.load()) {
                return deliver([this] { Q_EMIT cancelled(); });
            }
            return fail(found.error());
        }
        auto view = std::make_shared<NearDuplicateView>();
        for (const NearDuplicateGroup& group : found->groups) {
            view->groupImages.push_back(memberImages(workspace, group));
        }
        view->report = std::move(*found);
        deliver([this, view] { Q_EMIT nearDuplicatesReady(view); });
    });
}

void QualityBridge::balance(int target) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    start([this, workspace, target](const std::atomic<bool>&, auto deliver, auto) {
        auto fail = [this, deliver](const std::string& message) {
            deliver([this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto taxonomy = settingsTaxonomy(workspace);
        if (!taxonomy) {
            return fail(taxonomy.error());
        }
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto report = balanceReport(*log, *taxonomy, {}, size_t(std::max(target, 1)));
        if (!report) {
            return fail(report.error());
        }
        auto shared = std::make_shared<const BalanceReport>(std::move(*report));
        deliver([this, shared] { Q_EMIT balanceReady(shared); });
    });
}

void QualityBridge::saveScorerReport(const std::shared_ptr<const ScorerEvaluation>& evaluation,
                                     const QString& tag) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    start([this, workspace, evaluation, tag = tag.toStdString()](const std::atomic<bool>&, auto deliver,
                                                                 auto) {
        auto written = releaseDirectory(workspace, tag);
        Result<std::vector<std::string>> saved = written
                                                     ? saveScorerEvaluationToRelease(*written, *evaluation)
                                                     : Result<std::vector<std::string>>(written.takeError());
        if (!saved) {
            const QString message = QString::fromStdString(saved.error());
            return deliver([this, message] { Q_EMIT failed(message); });
        }
        const QString message =
            tr("The scorer report is saved with release %1: its manifest lists %2 and %3, "
               "and its card shows the report.")
                .arg(QString::fromStdString(tag), QString::fromStdString(saved->at(0)),
                     QString::fromStdString(saved->at(1)));
        deliver([this, message] { Q_EMIT savedToRelease(message); });
    });
}

} // namespace curator::ui
