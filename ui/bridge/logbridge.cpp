#include "bridge/logbridge.h"

#include "common/threadhandoff.h"

#include "agent/runfork.h"
#include "dataset/graphlayout.h"
#include "ingest/ingest.h"

namespace curator::ui {

namespace {

QString undoMessage(const RevertOutcome& outcome) {
    if (outcome.removed > 0) {
        return LogBridge::tr("removed %n image(s) from %1 on %2 with %3 (undo it to put them back): "
                             "%4 left the dataset",
                             nullptr, int(outcome.removed))
            .arg(QString::fromStdString(shortId(outcome.target)), QString::fromStdString(outcome.branch),
                 QString::fromStdString(shortId(outcome.id)))
            .arg(outcome.affected);
    }
    return outcome.redo ? LogBridge::tr("redid %1 on %2: %3 images re-entered the dataset")
                              .arg(QString::fromStdString(shortId(outcome.target)),
                                   QString::fromStdString(outcome.branch))
                              .arg(outcome.affected)
                        : LogBridge::tr("reverted %1 on %2: %3 images left the dataset")
                              .arg(QString::fromStdString(shortId(outcome.target)),
                                   QString::fromStdString(outcome.branch))
                              .arg(outcome.affected);
}

// FNV-1a of the id: the same commit always shows the same sample.
uint64_t seedOf(const std::string& id) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : id) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    return hash;
}

} // namespace

LogBridge::LogBridge(const QString& workspaceDirectory, QObject* parent)
    : QObject(parent)
    , m_workspaceDirectory(workspaceDirectory) {
    qRegisterMetaType<std::shared_ptr<const curator::CommitGraph>>();
    qRegisterMetaType<std::shared_ptr<const curator::StatusReport>>();
    qRegisterMetaType<std::shared_ptr<const curator::ui::CommitDetails>>();
    m_pool.setMaxThreadCount(1);
}

LogBridge::~LogBridge() {
    m_pool.waitForDone();
}

void LogBridge::refresh() {
    const quint64 generation = ++m_generation;
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_pool, [this, workspace, generation] {
        auto fail = [this](const std::string& message) {
            postTo(this, [this, message] { Q_EMIT failed(QString::fromStdString(message)); });
        };
        auto log = CurationLog::open(workspace);
        if (!log) {
            return fail(log.error());
        }
        auto graph = log->log();
        if (!graph) {
            return fail(graph.error());
        }
        auto status = log->status();
        if (!status) {
            return fail(status.error());
        }
        // An agent run's branch agent/<run id> is a fork when its transcript says so (forkOriginOf).
        BranchForkOrigins origins;
        const std::string agentPrefix = "agent/";
        for (const BranchInfo& branch : graph->branches) {
            if (branch.name.compare(0, agentPrefix.size(), agentPrefix) != 0) {
                continue;
            }
            if (const auto origin = forkOriginOf(workspace, branch.name.substr(agentPrefix.size()))) {
                origins.insert(QString::fromStdString(branch.name),
                               {QString::fromStdString(origin->runId),
                                QString::fromStdString(agentPrefix + origin->runId), origin->turn});
            }
        }
        auto sharedGraph = std::make_shared<const CommitGraph>(std::move(*graph));
        auto sharedStatus = std::make_shared<const StatusReport>(std::move(*status));
        postTo(this, [this, generation, sharedGraph, sharedStatus, origins] {
            if (generation == m_generation) {
                Q_EMIT forkOriginsReady(origins);
                Q_EMIT graphReady(sharedGraph, sharedStatus);
            }
        });
    });
}

void LogBridge::change(Change kind, std::function<Result<QString>(CurationLog&)> work) {
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_pool, [this, workspace, kind, work = std::move(work)] {
        auto log = CurationLog::open(workspace);
        Result<QString> outcome = log ? work(*log) : Result<QString>(log.takeError());
        const bool ok = outcome.ok();
        const QString message = ok ? *outcome : QString::fromStdString(outcome.error());
        postTo(this, [this, ok, kind, message] {
            if (!ok) {
                Q_EMIT failed(message);
            } else {
                if (kind == Change::Undo) {
                    Q_EMIT undone(message);
                }
                Q_EMIT logChanged(message);
            }
            refresh();
        });
    });
}

void LogBridge::undo(const QString& commitId, const QString& branch) {
    change(Change::Undo, [id = commitId.toStdString(), branch = branch.toStdString()](CurationLog& log) {
        Result<RevertOutcome> outcome = log.undoCommit(id, "human", branch);
        return outcome ? Result<QString>(undoMessage(*outcome)) : Result<QString>(outcome.takeError());
    });
}

void LogBridge::removeImages(const QString& commitId, const QStringList& images, const QString& branch) {
    std::vector<ImageRef> refs;
    for (const QString& image : images) {
        if (const std::optional<ImageRef> ref = parseImageRef(image.toStdString())) {
            refs.push_back(*ref);
        }
    }
    change(Change::Undo,
           [id = commitId.toStdString(), refs, branch = branch.toStdString()](CurationLog& log) {
               Result<RevertOutcome> outcome = log.removeImages(id, refs, "human", branch);
               return outcome ? Result<QString>(undoMessage(*outcome)) : Result<QString>(outcome.takeError());
           });
}

void LogBridge::redo(const QString& commitId) {
    change(Change::Undo, [idOrPrefix = commitId.toStdString()](CurationLog& log) -> Result<QString> {
        Result<std::string> id = log.resolveId(idOrPrefix);
        if (!id) {
            return id.takeError();
        }
        Result<CommitGraph> graph = log.log();
        if (!graph) {
            return graph.takeError();
        }
        // Decided on the log as it is now, not as the view last showed it.
        const CommitActions actions = commitActions(*graph, *id);
        if (actions.redoRevert.empty()) {
            return makeError("redo: commit " + shortId(*id) +
                             " is not undone on the checked-out branch or on its own open branch");
        }
        Result<RevertOutcome> outcome = log.undoCommit(actions.redoRevert, "human", actions.redoBranch);
        if (!outcome) {
            return outcome.takeError();
        }
        return tr("redid %1 on %2 (reverted its revert %3): %4 images re-entered the dataset")
            .arg(QString::fromStdString(shortId(*id)), QString::fromStdString(outcome->branch),
                 QString::fromStdString(shortId(outcome->target)))
            .arg(outcome->affected);
    });
}

void LogBridge::merge(const QString& branch) {
    change(Change::Other, [name = branch.toStdString()](CurationLog& log) -> Result<QString> {
        Result<CommitOutcome> outcome = log.mergeBranch(name);
        if (!outcome) {
            return outcome.takeError();
        }
        return tr("merged %1 into main as %2: %3 images new to the dataset, %4 in all")
            .arg(QString::fromStdString(name), QString::fromStdString(shortId(outcome->id)))
            .arg(outcome->added)
            .arg(outcome->selected);
    });
}

void LogBridge::discard(const QString& branch) {
    change(Change::Other, [name = branch.toStdString()](CurationLog& log) -> Result<QString> {
        if (Status done = log.discardBranch(name); !done) {
            return done.takeError();
        }
        return tr("discarded branch %1").arg(QString::fromStdString(name));
    });
}

void LogBridge::checkout(const QString& branch) {
    change(Change::Other, [name = branch.toStdString()](CurationLog& log) -> Result<QString> {
        if (Status done = log.checkout(name); !done) {
            return done.takeError();
        }
        return tr("checked out %1: new commits go there").arg(QString::fromStdString(name));
    });
}

void LogBridge::details(const QString& commitId) {
    const quint64 generation = ++m_detailsGeneration;
    const std::string workspace = m_workspaceDirectory.toStdString();
    runOnPool(m_pool, [this, workspace, generation, idOrPrefix = commitId.toStdString()] {
        const auto deliver = [this, generation](const std::shared_ptr<const CommitDetails>& details,
                                                const QString& error) {
            postTo(this, [this, generation, details, error] {
                if (generation != m_detailsGeneration) {
                    return;
                }
                details ? Q_EMIT detailsReady(details) : Q_EMIT failed(error);
            });
        };
        auto run = [&]() -> Result<std::shared_ptr<CommitDetails>> {
            auto log = CurationLog::open(workspace);
            if (!log) {
                return log.takeError();
            }
            Result<std::string> id = log->resolveId(idOrPrefix);
            if (!id) {
                return id.takeError();
            }
            Result<CommitGraph> graph = log->log();
            if (!graph) {
                return graph.takeError();
            }
            auto details = std::make_shared<CommitDetails>();
            details->generation = generation;
            for (const GraphCommit& commit : graph->commits) {
                if (commit.info.id != *id) {
                    continue;
                }
                details->info = commit.info;
                details->undone = commit.undone;
                details->undoneBy = QString::fromStdString(commit.undoneBy);
                for (const std::string& parent : commit.parents) {
                    details->parents << QString::fromStdString(parent);
                }
            }
            // A revert holds no images: show what it took out (or, for a redo, put back). A partial revert
            // holds the images it removed: show those.
            const bool wholeRevert =
                details->info.kind == CommitKind::Revert && !isPartialRevert(details->info);
            const std::string sampled = wholeRevert ? details->info.target : *id;
            details->sampledCommit = QString::fromStdString(sampled);
            if (details->info.kind == CommitKind::Merge || sampled.empty()) {
                return details;
            }
            Result<std::vector<SampledImage>> sample =
                log->sampleFromCommitted(sampled, size_t(kSampleSize), seedOf(sampled));
            if (!sample) {
                return sample.takeError();
            }
            for (const SampledImage& image : *sample) {
                CommitSampleImage entry;
                entry.source = QString::fromStdString(image.source);
                entry.name = QString::fromStdString(image.name);
                entry.key = entry.source + QLatin1Char('/') + entry.name;
                entry.caption = QString::fromStdString(image.caption);
                entry.paths << QString::fromStdString(thumbnailPath(workspace, image.source, image.name));
                if (!image.path.empty()) {
                    entry.paths << QString::fromStdString(image.path);
                }
                details->sample.push_back(std::move(entry));
            }
            return details;
        };
        Result<std::shared_ptr<CommitDetails>> details = run();
        if (details) {
            deliver(*details, {});
        } else {
            deliver(nullptr, QString::fromStdString(details.error()));
        }
    });
}

} // namespace curator::ui
