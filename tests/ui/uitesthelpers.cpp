#include "uitesthelpers.h"

#include "common/democache.h"

#include "demo/imagedemo.h"
#include "ingest/ingest.h"
#include "models/backendspec.h"
#include "models/builtinembedder.h"
#include "models/embedder.h"

#include <QCoreApplication>
#include <QDir>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>

#include <filesystem>

namespace curator::ui::test {

namespace fs = std::filesystem;

namespace {

// Generates the demo images and ingests them with the builtin embedder into `base`/ws.
std::string buildDemo(const fs::path& base, size_t images) {
    const std::string imagesDirectory = (base / "images").string();
    auto collection = generateDemoCollection(imagesDirectory, images, 11);
    if (!collection) {
        return collection.error();
    }
    auto embedder = createEmbedder(*BackendSpec::parse("builtin"));
    if (!embedder) {
        return embedder.error();
    }
    for (const char* source : {"photos", "artwork", "dreamcore"}) {
        IngestRequest request;
        request.workspaceDirectory = (base / "ws").string();
        request.source = source;
        request.imagesDirectory = imagesDirectory + "/" + source;
        auto report = ingestImages(request, **embedder);
        if (!report) {
            return report.error();
        }
    }
    return {};
}

// Generating and embedding the demo was most of a UI test's time under ThreadSanitizer (minutes for 600
// images). It is data, so it is made once per count and model, in the cache every build of the tree shares
// with the agent tests (CURATOR_TEST_DEMO_CACHE).
std::string cachedDemo(size_t images, fs::path* base) {
    *base = fs::path(CURATOR_TEST_DEMO_CACHE) /
            ("ui-demo-" + std::to_string(images) + "-" + BuiltinEmbedder::kModelName);
    return testcache::makeOnce(*base, [images](const fs::path& into) { return buildDemo(into, images); });
}

} // namespace

QString createDemoWorkspace(const QString& directory, size_t images, QString* error) {
    fs::path base;
    const std::string failure = cachedDemo(images, &base);
    if (!failure.empty()) {
        *error = QString::fromStdString(failure);
        return QString();
    }
    // The test's own workspace; its rows point at the cache's images, which `directory`/images shows too.
    const fs::path workspace = fs::path(directory.toStdString()) / "ws";
    std::error_code ec;
    fs::create_directories(workspace.parent_path(), ec);
    fs::copy(base / "ws", workspace, fs::copy_options::recursive, ec);
    if (!ec) {
        fs::create_directory_symlink(base / "images", workspace.parent_path() / "images", ec);
    }
    if (ec) {
        *error = QString::fromStdString("cannot copy the demo workspace: " + ec.message());
        return QString();
    }
    return QString::fromStdString(workspace.string());
}

QList<QJsonObject> eventsOf(const QSignalSpy& events, const QString& type, const QString& field,
                            const QJsonValue& value) {
    QList<QJsonObject> found;
    for (const auto& arguments : events) {
        if (arguments.at(0).toString() != type) {
            continue;
        }
        const QJsonObject event = QJsonDocument::fromJson(arguments.at(1).toByteArray()).object();
        if (field.isEmpty() || event.value(field) == value) {
            found << event;
        }
    }
    return found;
}

void useFreshSettings() {
    static QTemporaryDir directory; // lives until the process ends
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, directory.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, directory.path());
}

QString screenshotPath(const QString& name) {
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

QImage windowWithDialog(QWidget& window, QWidget& dialog) {
    QImage image = window.grab().toImage();
    QPainter painter(&image);
    painter.drawPixmap(dialog.frameGeometry().topLeft() - window.geometry().topLeft(), dialog.grab());
    return image;
}

} // namespace curator::ui::test
