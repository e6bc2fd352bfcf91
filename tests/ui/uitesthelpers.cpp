#include "uitesthelpers.h"

#include "demo/imagedemo.h"
#include "ingest/ingest.h"
#include "models/backendspec.h"
#include "models/embedder.h"

#include <QCoreApplication>
#include <QDir>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>

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
