#include "uitesthelpers.h"

#include "demo/imagedemo.h"
#include "ingest/ingest.h"
#include "models/backendspec.h"
#include "models/embedder.h"

#include <QDir>

namespace curator::ui::test {

QString createDemoWorkspace(const QString& directory, size_t images, QString* error) {
    const QString workspace = QDir(directory).filePath(QStringLiteral("ws"));
    const std::string imagesDirectory = QDir(directory).filePath(QStringLiteral("images")).toStdString();
    auto fail = [error](const std::string& message) {
        *error = QString::fromStdString(message);
        return QString();
    };
    auto collection = generateDemoCollection(imagesDirectory, images, 11);
    if (!collection) {
        return fail(collection.error());
    }
    auto embedder = createEmbedder(*BackendSpec::parse("builtin"));
    if (!embedder) {
        return fail(embedder.error());
    }
    for (const char* source : {"photos", "artwork", "dreamcore"}) {
        IngestRequest request;
        request.workspaceDirectory = workspace.toStdString();
        request.source = source;
        request.imagesDirectory = imagesDirectory + "/" + source;
        auto report = ingestImages(request, **embedder);
        if (!report) {
            return fail(report.error());
        }
    }
    return workspace;
}

} // namespace curator::ui::test
