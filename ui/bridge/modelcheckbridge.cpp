#include "bridge/modelcheckbridge.h"

#include "common/threadhandoff.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace curator::ui {

ModelCheckBridge::ModelCheckBridge(QObject* parent)
    : QObject(parent) {}

ModelCheckBridge::~ModelCheckBridge() {
    cancel();
}

void ModelCheckBridge::cancel() {
    if (m_cancel) {
        m_cancel->store(true);
    }
    ++m_generation; // whatever the worker still reports is dropped
    m_busy = false;
}

void ModelCheckBridge::start(ModelCheckRequest request) {
    cancel();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_busy = true;
    // The worker outlives neither the application nor its captures, but may outlive this bridge: it
    // posts to the application and finds the bridge through a guarded pointer on the GUI thread.
    const QPointer<ModelCheckBridge> bridge(this);
    auto deliver = [bridge, generation](const std::function<void(ModelCheckBridge&)>& function) {
        postTo(QCoreApplication::instance(), [bridge, generation, function] {
            if (bridge && bridge->m_generation == generation) {
                function(*bridge);
            }
        });
    };
    runOnPool(*QThreadPool::globalInstance(), [request = std::move(request), cancel = m_cancel, deliver] {
        auto report = std::make_shared<const ModelCheckReport>(
            checkModels(request, cancel.get(), [&](size_t step, size_t steps, const std::string& what) {
                const QString text = QString::fromStdString(what);
                deliver([step, steps, text](ModelCheckBridge& self) {
                    Q_EMIT self.progressed(int(step), int(steps), text);
                });
                return !cancel->load();
            }));
        deliver([report](ModelCheckBridge& self) {
            self.m_busy = false;
            Q_EMIT self.finished(report);
        });
    });
}

} // namespace curator::ui
