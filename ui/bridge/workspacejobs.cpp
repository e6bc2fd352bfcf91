#include "bridge/workspacejobs.h"

#include "common/fileutil.h"
#include "dataset/curationlog.h"
#include "dataset/nearduplicates.h"
#include "dataset/pairsources.h"
#include "dataset/preferencepairs.h"
#include "ingest/ingest.h"
#include "models/workspacebackends.h"
#include "search/hnswindex.h"
#include "store/embeddingstore.h"

#include <QCoreApplication>

namespace curator::ui::jobs {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("curator::ui::jobs", text);
}

} // namespace

JobFunction ingest(const QString& workspaceDirectory, const QString& source, const QString& folder) {
    const std::string workspace = workspaceDirectory.toStdString();
    const std::string sourceName = source.toStdString();
    const std::string images = folder.toStdString();
    return [workspace, sourceName, images](const JobContext& context) -> Result<QString> {
        auto embedder = createWorkspaceEmbedder(workspace);
        if (!embedder) {
            return embedder.takeError();
        }
        IngestRequest request;
        request.workspaceDirectory = workspace;
        request.source = sourceName;
        request.imagesDirectory = images;
        auto report = ingestImages(request, **embedder, [&context](const IngestProgress& progress) {
            return context.progress(static_cast<qint64>(progress.done), static_cast<qint64>(progress.total),
                                    tr("%1 of %2 images, %3/s")
                                        .arg(progress.done)
                                        .arg(progress.total)
                                        .arg(progress.imagesPerSecond, 0, 'f', 0));
        });
        if (!report) {
            return report.takeError();
        }
        QString message =
            tr("%1: %2 images embedded, %3 already there, %4 unreadable%5")
                .arg(QString::fromStdString(sourceName))
                .arg(report->ingested)
                .arg(report->alreadyIngested)
                .arg(report->failures.size())
                .arg(report->cancelled ? tr(" (cancelled: run it again to resume)") : QString());
        if (!report->failures.empty()) {
            message += tr("; first: %1: %2")
                           .arg(QString::fromStdString(report->failures.front().path),
                                QString::fromStdString(report->failures.front().message));
        }
        return message;
    };
}

JobFunction exportDataset(const QString& workspaceDirectory, const QString& file, bool original) {
    const std::string workspace = workspaceDirectory.toStdString();
    const std::string output = file.toStdString();
    return [workspace, output, original, file](const JobContext& context) -> Result<QString> {
        context.progress(0, 0, tr("writing %1").arg(file));
        auto log = CurationLog::open(workspace);
        if (!log) {
            return log.takeError();
        }
        const Status written = original ? log->exportOriginal(output) : log->exportDataset(output);
        if (!written) {
            return Error{written.error()};
        }
        return tr("exported %1").arg(file);
    };
}

JobFunction exportRelease(const QString& workspaceDirectory, const QString& tag, bool copyImages,
                          double excludeNearDuplicates) {
    const std::string workspace = workspaceDirectory.toStdString();
    const std::string name = tag.toStdString();
    return [workspace, name, copyImages,
            excludeNearDuplicates](const JobContext& context) -> Result<QString> {
        auto log = CurationLog::open(workspace);
        if (!log) {
            return log.takeError();
        }
        ReleaseExclusions exclusions;
        if (excludeNearDuplicates > 0) {
            context.progress(0, 0, tr("finding near-duplicates"));
            auto store = EmbeddingStore::open(workspace);
            if (!store) {
                return store.takeError();
            }
            auto found = nearDuplicateExclusions(*log, *store, excludeNearDuplicates, context.cancelFlag());
            if (!found) {
                return found.takeError();
            }
            exclusions = std::move(*found);
        }
        context.progress(0, 0, tr("hashing and writing the release"));
        auto release = log->exportRelease(name, copyImages, exclusions);
        if (!release) {
            return release.takeError();
        }
        QString message = tr("release %1: %2 images (%3 hashed, %4 missing) at head %5")
                              .arg(QString::fromStdString(release->directory))
                              .arg(release->images)
                              .arg(release->imagesHashed)
                              .arg(release->imagesMissing)
                              .arg(QString::fromStdString(shortId(release->headCommit)));
        if (copyImages) {
            message += tr("; %1 image files copied").arg(release->imagesCopied);
        }
        if (excludeNearDuplicates > 0) {
            message += tr("; %1 near-duplicates left out").arg(release->imagesExcluded);
        }
        if (release->imagesRefused > 0) {
            // Imported paths are data, not permission: say why, and how to allow a folder.
            message += tr("; %1 refused, %2 (e.g. %3): add its folder with `curator-cli roots add DIR`")
                           .arg(release->imagesRefused)
                           .arg(QString::fromLatin1(kNotUnderImageRoot))
                           .arg(QString::fromStdString(release->refusedSample.front()));
        }
        return message;
    };
}

JobFunction exportPairs(const QString& workspaceDirectory, const QString& file) {
    const std::string workspace = workspaceDirectory.toStdString();
    const std::string target = file.toStdString();
    return [workspace, target, file](const JobContext& context) -> Result<QString> {
        context.progress(0, 0, tr("forming preference pairs"));
        auto sources = openPairSources(workspace);
        if (!sources) {
            return sources.takeError();
        }
        PreferencePairOptions options;
        options.cancel = context.cancelFlag();
        options.progress = [&context](size_t done, size_t total) {
            return context.progress(qint64(done), qint64(total), tr("pairing anti-aesthetic images"));
        };
        auto set = preferencePairs(sources->log, sources->store, sources->taxonomy, options);
        if (!set) {
            return set.takeError();
        }
        const Status written = writeFileAtomically(target, preferencePairsToJsonl(*set));
        if (!written) {
            return makeError(target + ": " + written.error());
        }
        return tr("%1 preference pairs written to %2").arg(set->pairs.size()).arg(file);
    };
}

JobFunction buildIndex(const QString& workspaceDirectory) {
    const std::string workspace = workspaceDirectory.toStdString();
    return [workspace](const JobContext& context) -> Result<QString> {
        auto embedder = createWorkspaceEmbedder(workspace);
        if (!embedder) {
            return embedder.takeError();
        }
        auto store = EmbeddingStore::open(workspace);
        if (!store) {
            return store.takeError();
        }
        auto segments = store->select((*embedder)->modelName(), {});
        if (!segments) {
            return segments.takeError();
        }
        size_t rows = 0;
        for (const auto* matrix : *segments) {
            const QString source = QString::fromStdString(matrix->source());
            auto index = HnswIndex::build(*matrix, HnswParameters(), [&](size_t done, size_t total) {
                return context.progress(static_cast<qint64>(done), static_cast<qint64>(total),
                                        tr("indexing %1: %2 of %3").arg(source).arg(done).arg(total));
            });
            if (!index) {
                return index.takeError();
            }
            if (auto saved = (*index)->save(HnswIndex::pathFor(*matrix)); !saved) {
                return Error{saved.error()};
            }
            rows += matrix->rows();
        }
        return tr("indexed %1 images in %2 sources").arg(rows).arg(segments->size());
    };
}

} // namespace curator::ui::jobs
