#pragma once

#include <QByteArray>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

class QSignalSpy;
class QWidget;

namespace curator::ui::test {

// A workspace of `images` demo images ingested by the builtin embedder (the three demo sources) in
// `directory`/ws, with the images in `directory`/images (a link into the shared demo cache, made once per
// count and model). Returns the workspace path, or an empty string with `error` set.
QString createDemoWorkspace(const QString& directory, size_t images, QString* error);

// An agent event as AgentBridge emitted it (type, JSON).
struct RecordedEvent {
    QString type;
    QByteArray json;
    QJsonObject object() const { return QJsonDocument::fromJson(json).object(); }
};

// The events of `type` (and `field` == `value` when a field is given) a spy on AgentBridge::event caught.
QList<QJsonObject> eventsOf(const QSignalSpy& events, const QString& type, const QString& field = {},
                            const QJsonValue& value = {});

// Points QSettings (user scope) at a new temporary directory for the rest of the process: a test reads no
// preference, window geometry or layout another run (or the user) saved.
void useFreshSettings();

// Where a test writes a screenshot: beside the test executable.
QString screenshotPath(const QString& name);

// The child of `parent` named `name` (objectName), or null.
template <typename T>
T* child(QObject* parent, const char* name) {
    return parent->findChild<T*>(QLatin1String(name));
}

// The window with the dialog drawn where it stands on the screen: what the researcher sees.
QImage windowWithDialog(QWidget& window, QWidget& dialog);

} // namespace curator::ui::test
